/*
 * input.c: inputs with a size limit (see input.h), through a stdio
 * cookie stream, so that every reader (getline, fread) counts the same
 * way without knowing of the limit.
 */
#include "config.h"
#include "input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static ssize_t limited_read(void *cookie, char *buf, size_t size)
{
	struct input *in = cookie;
	if (in->read >= in->limit) {
		/* one byte more tells a file of exactly the limit from a longer one */
		char probe;
		if (fread(&probe, 1, 1, in->under) == 0)
			return ferror(in->under) ? -1 : 0;
		in->exceeded = 1;
		errno = EFBIG;
		return -1;
	}
	uint64_t left = in->limit - in->read;
	if (size > left)
		size = (size_t)left;
	size_t n = fread(buf, 1, size, in->under);
	if (n == 0 && ferror(in->under))
		return -1;
	in->read += n;
	return (ssize_t)n;
}

struct input *input_open(const char *path, uint64_t limit)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *under = is_stdin ? stdin : fopen(path, "rb");
	if (!under) {
		err_set("%s: %s", path, strerror(errno));
		return NULL;
	}
	struct input *in = xcalloc(1, sizeof *in);
	in->name = is_stdin ? _("standard input") : path;
	in->limit = limit;
	in->under = under;
	cookie_io_functions_t io = { limited_read, NULL, NULL, NULL };
	in->f = fopencookie(in, "rb", io);
	if (!in->f) {
		err_set("%s: %s", path, strerror(errno));
		if (!is_stdin)
			fclose(under);
		free(in);
		return NULL;
	}
	return in;
}

void input_close(struct input **pin)
{
	struct input *in = *pin;
	if (!in)
		return;
	fclose(in->f);
	if (in->under != stdin)
		fclose(in->under);
	free(in);
	*pin = NULL;
}

int input_limit_error(const struct input *in)
{
	if (!in->exceeded)
		return 0;
	uint64_t n = in->limit;
	const char *unit = _("bytes");
	if (n >= 1 << 20 && n % (1 << 20) == 0) {
		n >>= 20;
		unit = "MiB";
	} else if (n >= 1 << 10 && n % (1 << 10) == 0) {
		n >>= 10;
		unit = "KiB";
	}
	err_set(_("%s: larger than the limit of %llu %s (--max-size)"), in->name,
	        (unsigned long long)n, unit);
	return 1;
}

int input_read_all(struct input *in, char **out, size_t *len)
{
	struct buf b = BUF_INIT;
	for (;;) {
		buf_reserve(&b, 1 << 16);
		size_t n = fread(b.data + b.len, 1, b.cap - b.len - 1, in->f);
		b.len += n;
		if (n == 0)
			break;
	}
	if (ferror(in->f)) {
		int saved = errno;
		if (!input_limit_error(in))
			err_set("%s: %s", in->name, strerror(saved == 0 ? EIO : saved));
		buf_free(&b);
		return -1;
	}
	buf_reserve(&b, 0);
	b.data[b.len] = '\0';
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
}

int read_file_max(const char *path, uint64_t limit, char **out, size_t *len)
{
	struct input *in = input_open(path, limit);
	if (!in)
		return -1;
	int rc = input_read_all(in, out, len);
	input_close(&in);
	return rc;
}
