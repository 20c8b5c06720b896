/*
 * test_input.c: unit tests of lib/input: gzip read as what it holds, from
 * files and from pipes (the bytes looked at are read again), the limit
 * counted after decompression, broken and unread compressions refused
 * with a message naming the input.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "tap.h"
#include "lib/input.h"
#include "lib/util.h"

/* data gzip-compressed into *out (malloc'd); its length. */
static size_t gzip_bytes(const char *data, size_t len, unsigned char **out)
{
	z_stream z = { 0 };
	deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	size_t cap = deflateBound(&z, len);
	*out = malloc(cap);
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)len;
	z.next_out = *out;
	z.avail_out = (uInt)cap;
	deflate(&z, Z_FINISH);
	size_t n = cap - z.avail_out;
	deflateEnd(&z);
	return n;
}

/* A temporary file holding bytes; its path (static). */
static const char *file_of(const void *bytes, size_t n)
{
	static char path[256];
	const char *dir = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/nerve-input-XXXXXX", dir && dir[0] ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, bytes, n) != (ssize_t)n)
		abort();
	close(fd);
	return path;
}

/* Read all of path with limit: its text, or NULL with err_msg() set. */
static char *read_path(const char *path, uint64_t limit, size_t *len)
{
	char *data;
	return read_file_max(path, limit, &data, len) == 0 ? data : NULL;
}

/* The bytes through a pipe as standard input of input_open("-"). */
static char *read_piped(const void *bytes, size_t n, uint64_t limit, size_t *len)
{
	int p[2];
	if (pipe(p) != 0)
		abort();
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		ssize_t w = write(p[1], bytes, n);
		_exit(w == (ssize_t)n ? 0 : 1);
	}
	close(p[1]);
	int saved = dup(0);
	dup2(p[0], 0);
	close(p[0]);
	clearerr(stdin);
	char *data = NULL;
	struct input *in = input_open("-", limit);
	if (in && input_read_all(in, &data, len) < 0)
		data = NULL;
	input_close(&in);
	dup2(saved, 0);
	close(saved);
	clearerr(stdin);
	waitpid(pid, NULL, 0);
	return data;
}

int main(void)
{
	static const char text[] = "Maria Lopez met John Smith in Kenya.\n";
	unsigned char *gz;
	size_t gzlen = gzip_bytes(text, strlen(text), &gz), len;

	/* a gzip file, whatever its name, reads as what it holds */
	const char *path = file_of(gz, gzlen);
	char *got = read_path(path, INPUT_DEFAULT_LIMIT, &len);
	CHECK_STR(got, text);
	free(got);
	uint64_t before = input_bytes_read();
	got = read_path(path, INPUT_DEFAULT_LIMIT, &len);
	/* progress counts the compressed bytes */
	CHECK_INT(input_bytes_read() - before, gzlen);
	free(got);
	unlink(path);

	/* and so does a pipe: its first bytes are looked at and read again */
	got = read_piped(gz, gzlen, INPUT_DEFAULT_LIMIT, &len);
	CHECK_STR(got, text);
	free(got);
	got = read_piped("Hi.", 3, INPUT_DEFAULT_LIMIT, &len);
	CHECK_STR(got, "Hi.");
	free(got);
	got = read_piped("", 0, INPUT_DEFAULT_LIMIT, &len);
	CHECK_STR(got, "");
	free(got);

	/* the limit counts decompressed bytes: exactly it passes, one more not */
	size_t n = strlen(text);
	got = read_path(path = file_of(gz, gzlen), n, &len);
	CHECK_STR(got, text);
	free(got);
	got = read_path(path, n - 1, &len);
	CHECK(got == NULL);
	CHECK(strstr(err_msg(), ": larger than the limit of 36 bytes (--max-size)") != NULL);
	unlink(path);
	/* a bomb: 4 MiB of one letter in a few kB, stopped at 1 MiB */
	size_t big = 4u << 20;
	char *many = xmalloc(big + 1);
	memset(many, 'x', big);
	many[big] = '\0';
	unsigned char *bomb;
	size_t bomblen = gzip_bytes(many, big, &bomb);
	CHECK(bomblen < 20000);
	got = read_piped(bomb, bomblen, 1u << 20, &len);
	CHECK(got == NULL);
	CHECK_STR(err_msg(), "standard input: larger than the limit of 1 MiB (--max-size)");
	free(bomb);
	free(many);

	/* broken gzip data: a message, not garbage */
	path = file_of(gz, gzlen / 2);
	got = read_path(path, INPUT_DEFAULT_LIMIT, &len);
	CHECK(got == NULL);
	CHECK(strstr(err_msg(), ": the gzip data ends early") != NULL);
	unlink(path);

	/* xz, zstd, bzip2: refused at opening, with the hint */
	got = read_piped("\xFD" "7zXZ\0rest", 10, INPUT_DEFAULT_LIMIT, &len);
	CHECK(got == NULL);
	CHECK(strstr(err_msg(), "standard input: xz-compressed;") == err_msg());
	CHECK(strstr(err_msg(), "(xz -dc FILE | nerve import -)") != NULL);
	path = file_of("BZh9rest", 8);
	CHECK(input_open(path, INPUT_DEFAULT_LIMIT) == NULL);
	CHECK(strstr(err_msg(), "bzip2-compressed") != NULL);
	unlink(path);

	/* the name without .gz: what tells the format */
	CHECK_INT(input_plain_len("feed.jsonl.gz"), 10);
	CHECK_INT(input_plain_len("feed.jsonl.GZ"), 10);
	CHECK_INT(input_plain_len("feed.jsonl"), 10);
	CHECK_INT(input_plain_len(".gz"), 3);
	free(gz);
	return tap_status();
}
