/*
 * util.c: memory, messages and buffers (see util.h).
 */
#include "config.h"
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *progname = "nerve";
void (*die_hook)(void);

static NORETURN void out_of_memory(void)
{
	if (die_hook)
		die_hook();
	fprintf(stderr, "%s: %s\n", progname, _("out of memory"));
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory();
	return q;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;
	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > ((size_t)-1) / 2 / size)
			out_of_memory();
		c *= 2;
	}
	*cap = c;
	return xrealloc(p, c * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	buf_reserve(&b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b.len = (size_t)n;
	return buf_steal(&b);
}

/* ---- messages ------------------------------------------------------------ */

/* The length of the UTF-8 sequence at s[0..len), or 0 when it is not one
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_len(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (c > 0xF4 || n == 0 || len < n)
		return 0;
	for (size_t k = 1; k < n; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) ||
	    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
		return 0;
	return n;
}

void buf_add_escaped(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	buf_reserve(b, len);
	b->data[b->len] = '\0';   /* NUL-terminated even when s is empty */
	for (size_t i = 0; i < len;) {
		unsigned c = u[i];
		if (c >= 0x20 && c < 0x7F) {
			size_t run = i + 1;
			while (run < len && u[run] >= 0x20 && u[run] < 0x7F)
				run++;
			buf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		if (c < 0x80) {
			/* C0 controls and DEL */
			const char *named = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
			if (named) {
				buf_adds(b, named);
			} else {
				char x[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
				buf_add(b, x, 4);
			}
			i++;
			continue;
		}
		size_t n = utf8_len(u + i, len - i);
		if (n == 0) {
			/* not UTF-8: a lone 0x9B is CSI to some terminals */
			char x[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
			buf_add(b, x, 4);
			i++;
			continue;
		}
		uint32_t cp = n == 2 ? (c & 0x1F) << 6 | (u[i + 1] & 0x3F)
		            : n == 3 ? (c & 0x0F) << 12 | (u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F)
		                     : 0x10000;
		/* C1 controls, and the marks that reorder what follows them */
		if (n < 4 && ((cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
		              cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
		              (cp >= 0x2066 && cp <= 0x2069))) {
			char x[16];
			int k = snprintf(x, sizeof x, "\\u%04x", (unsigned)cp);
			buf_add(b, x, (size_t)k);
		} else {
			buf_add(b, s + i, n);
		}
		i += n;
	}
}

char *xescape(const char *s)
{
	struct buf b = BUF_INIT;
	buf_add_escaped(&b, s, strlen(s));
	return buf_steal(&b);
}

void msg_vformat(struct buf *b, const char *fmt, va_list ap)
{
	char tmp[1024], *text = tmp;
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(tmp, sizeof tmp, fmt, copy);
	va_end(copy);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof tmp) {
		text = xmalloc((size_t)n + 1);
		vsnprintf(text, (size_t)n + 1, fmt, ap);
	}
	buf_add_escaped(b, text, (size_t)n);
	if (text != tmp)
		free(text);
}

/* "nerve: message" on stderr, the message built by msg_vformat(). */
static void vwarn(const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s: ", progname);
	msg_vformat(&b, fmt, ap);
	buf_addc(&b, '\n');
	fwrite(b.data, 1, b.len, stderr);
	buf_free(&b);
}

void die(const char *fmt, ...)
{
	va_list ap;
	if (die_hook)
		die_hook();
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(1);
}

void warnmsg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

static _Thread_local char err_buf[1024];

void err_vset(const char *fmt, va_list ap)
{
	/* through a copy, so that err_msg() may be an argument (adding
	 * context to the last error) */
	struct buf b = BUF_INIT;
	msg_vformat(&b, fmt, ap);
	size_t n = b.len < sizeof err_buf ? b.len : sizeof err_buf - 1;
	while (n > 0 && n < b.len && ((unsigned char)b.data[n] & 0xC0) == 0x80)
		n--; /* not in the middle of a character */
	if (n)
		memcpy(err_buf, b.data, n);
	err_buf[n] = '\0';
	buf_free(&b);
}

void err_set(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(fmt, ap);
	va_end(ap);
}

const char *err_msg(void)
{
	return err_buf[0] ? err_buf : _("unknown error");
}

void buf_reserve(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap)
		b->data = xgrow(b->data, &b->cap, b->len + extra + 1, 1);
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n) /* s may be NULL then */
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *buf_steal(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

int read_file(const char *path, char **out, size_t *len)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	struct buf b = BUF_INIT;
	if (!f) {
		err_set("%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		buf_reserve(&b, 1 << 16);
		size_t n = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
		b.len += n;
		if (n == 0)
			break;
	}
	int failed = ferror(f);
	int saved = errno;
	if (!is_stdin)
		fclose(f);
	if (failed) {
		err_set("%s: %s", is_stdin ? _("standard input") : path,
		        strerror(saved == 0 ? EIO : saved));
		buf_free(&b);
		return -1;
	}
	buf_reserve(&b, 0);
	b.data[b.len] = '\0';
	*len = b.len;
	*out = buf_steal(&b);
	return 0;
}

void utc_now(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void buf_add_json(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	buf_reserve(b, len + 2);
	buf_addc(b, '"');
	size_t run = 0;                 /* bytes copied as they are, pending */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			run++;
			continue;
		}
		buf_add(b, s + i - run, run);
		run = 0;
		switch (c) {
		case '"': buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		case '\b': buf_add(b, "\\b", 2); break;
		case '\f': buf_add(b, "\\f", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			buf_add(b, u, 6);
		}
		}
	}
	buf_add(b, s + len - run, run);
	buf_addc(b, '"');
}
