/*
 * input.h: files opened for reading with a limit on how much may be read,
 * counted as the bytes come (after decompression, when there is any), so
 * that a FIFO, a device or a file that grows without end is refused as
 * soon as it passes the limit instead of filling the memory.
 */
#ifndef NERVE_INPUT_H
#define NERVE_INPUT_H

#include <stdint.h>
#include <stdio.h>

/* The limit import uses unless told otherwise: 1 GiB. */
#define INPUT_DEFAULT_LIMIT ((uint64_t)1 << 30)

/* An open input.  input_open() returns it; its stream is in->f. */
struct input {
	FILE *f;                    /* read from this (owned by the input) */
	const char *name;           /* for messages: the path, or "standard input" */
	uint64_t limit;             /* bytes that may be read */
	uint64_t read;              /* bytes read so far */
	int exceeded;               /* a read passed the limit (it failed, EFBIG) */
	FILE *under;                /* the file underneath */
};

/* Open path ("-": standard input, not closed by input_close()) for
 * reading at most limit bytes: a read past it fails with EFBIG and sets
 * in->exceeded.  NULL with err_set("PATH: reason") when it cannot be
 * opened.  Owned: input_close(). */
struct input *input_open(const char *path, uint64_t limit);
void input_close(struct input **in);

/* Read what is left of in into *out (owned, NUL-terminated) with its
 * length: 0, or -1 with err_set() naming the input ("PATH: larger than
 * the limit of N MiB", "PATH: Input/output error"). */
int input_read_all(struct input *in, char **out, size_t *len);
/* After a reader failed on in: when it was the limit, set the error to
 * say so (and return 1), else leave it (0). */
int input_limit_error(const struct input *in);

/* Read a whole file of at most limit bytes (see input_open()). */
int read_file_max(const char *path, uint64_t limit, char **out, size_t *len);

#endif
