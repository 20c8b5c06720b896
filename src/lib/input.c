/*
 * input.c: the files nerve imports, read through zlib when they are
 * gzip-compressed (see input.h).
 *
 * A gzip file becomes a FILE of its own (glibc's fopencookie) whose read
 * function inflates the raw file block by block, so that every reader —
 * text, JSON Lines, CSV, CoNLL — reads it as it would read the plain file,
 * in constant memory.
 */
#include "config.h"
#include "input.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "util.h"

#define RAW_BLOCK (1 << 16)

/* Bytes read from the files of input_open() so far, for progress. */
static uint64_t raw_bytes;

uint64_t input_bytes_read(void)
{
	return raw_bytes;
}

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

size_t input_plain_len(const char *name)
{
	size_t n = strlen(name);
	if (n > 3 && name[n - 3] == '.' && (name[n - 2] | 0x20) == 'g' && (name[n - 1] | 0x20) == 'z')
		return n - 3;
	return n;
}

/* ---- the gzip stream ------------------------------------------------------ */

struct gz {
	FILE *raw;
	char *path;                     /* for messages (owned) */
	z_stream z;
	int member_done;                /* the last member ended and nothing followed yet */
	int failed;                     /* a message is in err[] */
	char err[256];
	unsigned char in[RAW_BLOCK];
};

static void gz_fail(struct gz *g, const char *what)
{
	if (!g->failed)
		snprintf(g->err, sizeof g->err, "%s: %s", g->path, what);
	g->failed = 1;
}

static ssize_t gz_read(void *cookie, char *out, size_t size)
{
	struct gz *g = cookie;
	if (g->failed) {
		errno = EBADMSG;
		return -1;
	}
	g->z.next_out = (unsigned char *)out;
	g->z.avail_out = size > UINT32_MAX ? UINT32_MAX : (uInt)size;
	uInt want = g->z.avail_out;
	while (g->z.avail_out == want) {
		if (g->z.avail_in == 0) {
			size_t n = fread(g->in, 1, sizeof g->in, g->raw);
			raw_bytes += n;
			if (n == 0) {
				if (ferror(g->raw)) {
					int e = errno ? errno : EIO;
					gz_fail(g, strerror(e));
					errno = e;
					return -1;
				}
				if (g->member_done)
					return 0;        /* the end, after a whole member */
				gz_fail(g, _("the gzip data ends early (a truncated file?)"));
				errno = EBADMSG;
				return -1;
			}
			g->z.next_in = g->in;
			g->z.avail_in = (uInt)n;
		}
		if (g->member_done) {
			/* another member follows (cat a.gz b.gz) */
			if (inflateReset(&g->z) != Z_OK) {
				gz_fail(g, _("not valid gzip data"));
				errno = EBADMSG;
				return -1;
			}
			g->member_done = 0;
		}
		int rc = inflate(&g->z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			g->member_done = 1;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			/* TRANSLATORS: %s is zlib's own reason, in English */
			char what[200];
			snprintf(what, sizeof what, _("not valid gzip data (%s)"),
			         g->z.msg ? g->z.msg : zError(rc));
			gz_fail(g, what);
			errno = EBADMSG;
			return -1;
		}
	}
	return (ssize_t)(want - g->z.avail_out);
}

static int gz_close(void *cookie)
{
	struct gz *g = cookie;
	int rc = g->failed ? -1 : 0;
	if (g->failed)
		err_set("%s", g->err);
	inflateEnd(&g->z);
	fclose(g->raw);
	free(g->path);
	free(g);
	return rc;
}

static FILE *gz_open(FILE *raw, const char *path)
{
	struct gz *g = xcalloc(1, sizeof *g);
	g->raw = raw;
	g->path = xstrdup(path);
	/* 16 + MAX_WBITS: a gzip header and trailer, checked */
	if (inflateInit2(&g->z, 16 + MAX_WBITS) != Z_OK) {
		err_set("%s: %s", path, _("cannot start decompressing"));
		fclose(raw);
		free(g->path);
		free(g);
		return NULL;
	}
	static const cookie_io_functions_t io = { .read = gz_read, .close = gz_close };
	FILE *f = fopencookie(g, "rb", io);
	if (!f) {
		err_set("%s: %s", path, strerror(errno));
		inflateEnd(&g->z);
		fclose(raw);
		free(g->path);
		free(g);
	}
	return f;
}

/* ---- a plain file, counted ----------------------------------------------- */

static ssize_t plain_read(void *cookie, char *out, size_t size)
{
	FILE *raw = cookie;
	size_t n = fread(out, 1, size, raw);
	raw_bytes += n;
	if (n == 0 && ferror(raw)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return (ssize_t)n;
}

static int plain_close(void *cookie)
{
	return fclose(cookie) == 0 ? 0 : -1;
}

static FILE *plain_open(FILE *raw, const char *path)
{
	static const cookie_io_functions_t io = { .read = plain_read, .close = plain_close };
	FILE *f = fopencookie(raw, "rb", io);
	if (!f) {
		err_set("%s: %s", path, strerror(errno));
		fclose(raw);
	}
	return f;
}

/* ---- opening -------------------------------------------------------------- */

FILE *input_open(const char *path)
{
	FILE *raw = fopen(path, "rb");
	if (!raw) {
		err_set("%s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat sb;
	enum packing p = PLAIN;
	if (fstat(fileno(raw), &sb) == 0 && S_ISREG(sb.st_mode)) {
		unsigned char magic[6];
		size_t n = fread(magic, 1, sizeof magic, raw);
		p = sniff(magic, n);
		if (fseek(raw, 0, SEEK_SET) != 0) {
			err_set("%s: %s", path, strerror(errno));
			fclose(raw);
			return NULL;
		}
	} else if (input_plain_len(path) != strlen(path)) {
		p = GZIP;
	}
	switch (p) {
	case PLAIN:
		return plain_open(raw, path);
	case GZIP:
		return gz_open(raw, path);
	default:
		refuse(path, p);
		fclose(raw);
		return NULL;
	}
}

int input_close(FILE *f)
{
	/* a gzip stream's close sets the message itself */
	int failed = ferror(f);
	int saved = errno;
	if (fclose(f) != 0)
		return -1;
	if (failed) {
		err_set("%s", strerror(saved ? saved : EIO));
		return -1;
	}
	return 0;
}

int input_read_file(const char *path, char **out, size_t *len)
{
	if (strcmp(path, "-") == 0) {
		if (read_file(path, out, len) < 0)
			return -1;
		enum packing p = sniff((const unsigned char *)*out, *len);
		if (p == PLAIN)
			return 0;
		free(*out);
		*out = NULL;
		/* TRANSLATORS: %s is a compression: gzip, xz, zstd or bzip2 */
		err_set(_("standard input is %s-compressed: name the file instead, or "
		          "decompress it into nerve (zcat FILE | nerve import -)"),
		        p == GZIP ? "gzip" : p == XZ ? "xz" : p == ZSTD ? "zstd" : "bzip2");
		return -1;
	}
	FILE *f = input_open(path);
	if (!f)
		return -1;
	struct buf b = BUF_INIT;
	for (;;) {
		buf_reserve(&b, RAW_BLOCK);
		size_t n = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
		b.len += n;
		if (n == 0)
			break;
	}
	int failed = ferror(f);
	int saved = errno;
	if (input_close(f) < 0 || failed) {
		if (failed && !strstr(err_msg(), path))
			err_set("%s: %s", path, strerror(saved ? saved : EIO));
		buf_free(&b);
		return -1;
	}
	buf_reserve(&b, 0);
	b.data[b.len] = '\0';
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
}
