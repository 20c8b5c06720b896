/*
 * input.c: inputs with a size limit, gzip-decompressed when they are gzip
 * files (see input.h).
 *
 * An input is a stdio cookie stream (glibc's fopencookie) over the file
 * underneath, in three layers:
 *
 *   raw_read()    the file's bytes: first the few input_open() looked at
 *                 to recognise it, then the rest; counted for progress;
 *   gz_read()     for a gzip file, those bytes inflated block by block;
 *   input_read()  the limit, counted on what the readers get.
 *
 * so that every reader (getline, fread; text, JSON Lines, CSV, CoNLL)
 * reads a gzip file as it would read the plain file, in constant memory,
 * and counts the limit the same way without knowing of it.
 */
#include "config.h"
#include "input.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <zlib.h>

#include "util.h"

#define RAW_BLOCK (1 << 16)

/* Bytes read from the files underneath all inputs so far, for progress. */
static uint64_t raw_bytes;

uint64_t input_bytes_read(void)
{
	return raw_bytes;
}

size_t input_plain_len(const char *name)
{
	size_t n = strlen(name);
	if (n > 3 && name[n - 3] == '.' && (name[n - 2] | 0x20) == 'g' && (name[n - 1] | 0x20) == 'z')
		return n - 3;
	return n;
}

/* ---- recognising a compression ------------------------------------------ */

/* The compressions recognised by their first bytes. */
enum packing { PLAIN, GZIP, XZ, ZSTD, BZIP2 };

static enum packing sniff(const unsigned char *b, size_t n)
{
	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return GZIP;
	if (n >= 6 && memcmp(b, "\xFD" "7zXZ\0", 6) == 0)
		return XZ;
	if (n >= 4 && memcmp(b, "\x28\xB5\x2F\xFD", 4) == 0)
		return ZSTD;
	if (n >= 4 && memcmp(b, "BZh", 3) == 0 && b[3] >= '1' && b[3] <= '9')
		return BZIP2;
	return PLAIN;
}

/* err_set() the refusal of a compression nerve does not read. */
static void refuse(const char *shown, enum packing p)
{
	static const struct { const char *name, *tool; } how[] = {
		[XZ] = { "xz", "xz -dc" }, [ZSTD] = { "zstd", "zstd -dc" },
		[BZIP2] = { "bzip2", "bzip2 -dc" },
	};
	/* TRANSLATORS: the first %s is a file, the second a compression
	 * (xz, zstd, bzip2), the third the command that decompresses it */
	err_set(_("%s: %s-compressed; nerve reads gzip (.gz) files but not %s: "
	          "decompress it first (%s FILE | nerve import -)"),
	        shown, how[p].name, how[p].name, how[p].tool);
}

/* Fail a read: keep why (the first reason only) for input_read_error(),
 * set errno to e and return -1. */
static ssize_t fail(struct input *in, int e, const char *why)
{
	if (!in->why[0])
		snprintf(in->why, sizeof in->why, "%s", why);
	errno = e;
	return -1;
}

/* ---- the file's bytes ---------------------------------------------------- */

/* Up to size bytes of the file underneath: 0 at its end, -1 on failure. */
static ssize_t raw_read(struct input *in, void *out, size_t size)
{
	if (in->peek_pos < in->peek_len) {
		size_t n = in->peek_len - in->peek_pos;
		if (n > size)
			n = size;
		memcpy(out, in->peek + in->peek_pos, n);
		in->peek_pos += n;
		return (ssize_t)n;
	}
	errno = 0;
	size_t n = fread(out, 1, size, in->under);
	raw_bytes += n;
	if (n == 0 && ferror(in->under)) {
		int e = errno ? errno : EIO;
		return fail(in, e, strerror(e));
	}
	return (ssize_t)n;
}

/* ---- gzip ---------------------------------------------------------------- */

struct input_gz {
	z_stream z;
	int member_done;                /* the last member ended and nothing followed yet */
	unsigned char buf[RAW_BLOCK];   /* compressed bytes not inflated yet */
};

static int gz_start(struct input *in)
{
	struct input_gz *g = xcalloc(1, sizeof *g);
	/* 16 + MAX_WBITS: a gzip header and trailer, checked */
	if (inflateInit2(&g->z, 16 + MAX_WBITS) != Z_OK) {
		err_set("%s: %s", in->name, _("cannot start decompressing"));
		free(g);
		return -1;
	}
	in->gz = g;
	return 0;
}

static void gz_end(struct input *in)
{
	if (!in->gz)
		return;
	inflateEnd(&in->gz->z);
	free(in->gz);
	in->gz = NULL;
}

/* Up to size decompressed bytes: 0 at the end of the last member. */
static ssize_t gz_read(struct input *in, void *out, size_t size)
{
	struct input_gz *g = in->gz;
	g->z.next_out = out;
	g->z.avail_out = size > UINT_MAX ? UINT_MAX : (uInt)size;
	uInt want = g->z.avail_out;
	while (g->z.avail_out == want) {
		if (g->z.avail_in == 0) {
			ssize_t n = raw_read(in, g->buf, sizeof g->buf);
			if (n < 0)
				return -1;
			if (n == 0) {
				if (g->member_done)
					return 0;       /* the end, after a whole member */
				return fail(in, EBADMSG, _("the gzip data ends early (a truncated file?)"));
			}
			g->z.next_in = g->buf;
			g->z.avail_in = (uInt)n;
		}
		if (g->member_done) {
			/* another member follows (cat a.gz b.gz) */
			if (inflateReset(&g->z) != Z_OK)
				return fail(in, EBADMSG, _("not valid gzip data"));
			g->member_done = 0;
		}
		int rc = inflate(&g->z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			g->member_done = 1;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			/* TRANSLATORS: %s is zlib's own reason, in English */
			char what[160];
			snprintf(what, sizeof what, _("not valid gzip data (%s)"),
			         g->z.msg ? g->z.msg : zError(rc));
			return fail(in, EBADMSG, what);
		}
	}
	return (ssize_t)(want - g->z.avail_out);
}

/* ---- the limit ----------------------------------------------------------- */

static ssize_t input_read(void *cookie, char *buf, size_t size)
{
	struct input *in = cookie;
	if (in->exceeded) {
		errno = EFBIG;
		return -1;
	}
	if (in->why[0]) {
		errno = EIO;            /* it failed before: do not go on after a hole */
		return -1;
	}
	ssize_t (*produce)(struct input *, void *, size_t) = in->gz ? gz_read : raw_read;
	if (in->read >= in->limit) {
		/* one byte more tells an input of exactly the limit from a longer one */
		char probe;
		ssize_t n = produce(in, &probe, 1);
		if (n <= 0)
			return n;
		in->exceeded = 1;
		errno = EFBIG;
		return -1;
	}
	uint64_t left = in->limit - in->read;
	if (size > left)
		size = (size_t)left;
	ssize_t n = produce(in, buf, size);
	if (n > 0)
		in->read += (uint64_t)n;
	return n;
}

/* ---- opening and closing ------------------------------------------------- */

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

	/* Look at the first bytes of any file, a pipe's too: they are kept in
	 * in->peek and read again, so nothing is lost by looking. */
	errno = 0;
	in->peek_len = fread(in->peek, 1, sizeof in->peek, under);
	raw_bytes += in->peek_len;
	if (in->peek_len < sizeof in->peek && ferror(under)) {
		err_set("%s: %s", in->name, strerror(errno ? errno : EIO));
		goto fail;
	}
	enum packing p = sniff(in->peek, in->peek_len);
	if (p == GZIP) {
		if (gz_start(in) < 0)
			goto fail;
	} else if (p != PLAIN) {
		refuse(in->name, p);
		goto fail;
	}

	static const cookie_io_functions_t io = { .read = input_read };
	in->f = fopencookie(in, "rb", io);
	if (!in->f) {
		err_set("%s: %s", in->name, strerror(errno));
		goto fail;
	}
	return in;

fail:
	gz_end(in);
	if (!is_stdin)
		fclose(under);
	free(in);
	return NULL;
}

void input_close(struct input **pin)
{
	struct input *in = *pin;
	if (!in)
		return;
	fclose(in->f);
	gz_end(in);
	if (in->under != stdin)
		fclose(in->under);
	free(in);
	*pin = NULL;
}

/* ---- reading ------------------------------------------------------------- */

int input_read_error(const struct input *in)
{
	if (in->exceeded) {
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
	if (in->why[0]) {
		err_set("%s: %s", in->name, in->why);
		return 1;
	}
	return 0;
}

int input_read_all(struct input *in, char **out, size_t *len)
{
	struct buf b = BUF_INIT;
	for (;;) {
		buf_reserve(&b, RAW_BLOCK);
		size_t n = fread(b.data + b.len, 1, b.cap - b.len - 1, in->f);
		b.len += n;
		if (n == 0)
			break;
	}
	if (ferror(in->f)) {
		int saved = errno;
		if (!input_read_error(in))
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
