/*
 * input.h: opening the files nerve imports, so that a gzip-compressed
 * file reads as what it holds (zlib) and the compressions nerve does not
 * read (xz, zstd, bzip2) are refused with a hint instead of failing as
 * "a NUL byte" further on.
 *
 * A file is recognised by its first bytes, not its name: "a.txt.gz" and a
 * gzip file called "a.txt" both read as text.  Concatenated gzip members
 * (as "cat a.gz b.gz" makes) read as one stream.
 */
#ifndef NERVE_INPUT_H
#define NERVE_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Open path for reading: a FILE that yields the decompressed bytes of a
 * gzip file and the bytes of any other file as they are.  Only regular
 * files are sniffed; a pipe or device is read as it is (looking would eat
 * its first bytes), unless its name ends in ".gz".  NULL with err_set()
 * naming the file when it cannot be opened or is compressed in a format
 * nerve does not read.  Owned: close with input_close().  Broken gzip
 * data shows as a read error (ferror(), errno EBADMSG). */
FILE *input_open(const char *path);

/* Close a FILE of input_open(); 0, or -1 with err_set() saying why when
 * its gzip data was broken or reading it had failed. */
int input_close(FILE *f);

/* Read a whole file, decompressed, into *out (owned, NUL-terminated) and
 * *len; "-" is standard input, read as it is (compressed data there is
 * refused with a hint to name the file instead).  -1 with err_set()
 * naming the file on failure. */
int input_read_file(const char *path, char **out, size_t *len);

/* The length of name without a trailing ".gz" (any case): the name whose
 * suffix tells the format of what the file holds ("feed.jsonl.gz" is
 * JSON Lines). */
size_t input_plain_len(const char *name);

/* The bytes read from files opened with input_open() so far, compressed
 * bytes for a gzip file (so that it compares with the files' sizes): what
 * a progress meter of an import counts. */
uint64_t input_bytes_read(void);

#endif
