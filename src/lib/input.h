/*
 * input.h: the files nerve reads, opened with a limit on how much may be
 * read and decompressed when they are gzip files.
 *
 * A gzip file (zlib) reads as what it holds; the compressions nerve does
 * not read (xz, zstd, bzip2) are refused with a hint instead of failing as
 * "a NUL byte" further on.  A file is recognised by its first bytes, not
 * its name, and pipes and standard input are recognised too: the bytes
 * looked at are kept and read again.  Concatenated gzip members (as
 * "cat a.gz b.gz" makes) read as one stream.
 *
 * The limit counts the bytes as they come, after decompression, so that a
 * FIFO, a device, a file that grows without end or a gzip bomb is refused
 * as soon as it passes the limit instead of filling the memory.
 */
#ifndef NERVE_INPUT_H
#define NERVE_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The limit import uses unless told otherwise: 1 GiB. */
#define INPUT_DEFAULT_LIMIT ((uint64_t)1 << 30)

struct input_gz;

/* An open input.  input_open() returns it; its stream is in->f. */
struct input {
	FILE *f;                    /* read from this (owned by the input) */
	const char *name;           /* for messages: the path, or "standard input" */
	uint64_t limit;             /* bytes that may be read (decompressed) */
	uint64_t read;              /* bytes read so far (decompressed) */
	int exceeded;               /* a read passed the limit (it failed, EFBIG) */
	/* the rest is input.c's own */
	FILE *under;                /* the file underneath */
	unsigned char peek[6];      /* its first bytes, looked at by input_open() */
	size_t peek_len, peek_pos;  /* how many there are, how many were read again */
	struct input_gz *gz;        /* the inflater, for a gzip file, else NULL */
	char why[200];              /* why a read failed, when input.c knows */
};

/* Open path ("-": standard input, not closed by input_close()) for
 * reading at most limit bytes of what it holds: a read past it fails with
 * EFBIG and sets in->exceeded.  NULL with err_set("PATH: reason") when it
 * cannot be opened or is compressed in a format nerve does not read.
 * Owned: input_close().  Broken gzip data shows as a read error (ferror(),
 * errno EBADMSG) that input_read_error() explains. */
struct input *input_open(const char *path, uint64_t limit);
void input_close(struct input **in);

/* Read what is left of in into *out (owned, NUL-terminated) with its
 * length: 0, or -1 with err_set() naming the input ("PATH: larger than
 * the limit of N MiB", "PATH: the gzip data ends early", "PATH:
 * Input/output error"). */
int input_read_all(struct input *in, char **out, size_t *len);
/* After a reader failed on in: when the input knows why (the limit,
 * broken gzip data, a read error underneath), set the error to say so
 * (and return 1), else leave it (0): the reader's own message stands. */
int input_read_error(const struct input *in);

/* Read a whole file of at most limit bytes (see input_open()). */
int read_file_max(const char *path, uint64_t limit, char **out, size_t *len);

/* The length of name without a trailing ".gz" (any case): the name whose
 * suffix tells the format of what the file holds ("feed.jsonl.gz" is
 * JSON Lines). */
size_t input_plain_len(const char *name);

/* The bytes read from the files underneath all inputs so far, compressed
 * bytes for a gzip file (so that it compares with the files' sizes): what
 * the progress meter of an import counts. */
uint64_t input_bytes_read(void);

#endif
