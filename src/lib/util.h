/*
 * util.h: memory, messages and growable buffers shared by every layer.
 *
 * Allocation failure is handled in one place: the x*() functions never
 * return NULL; they run the die hook (which restores the terminal) and
 * exit with status 1.  Recoverable errors are reported by returning -1
 * (or NULL) after err_set(), and the caller shows err_msg().
 */
#ifndef NERVE_UTIL_H
#define NERVE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#if ENABLE_NLS
# include <libintl.h>
# define _(s) gettext(s)
#else
# define _(s) (s)
#endif
#define N_(s) (s)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#ifdef __GNUC__
# define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
# define NORETURN __attribute__((noreturn))
#else
# define PRINTF_LIKE(f, a)
# define NORETURN
#endif

/* Owned allocations; never NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of *cap elements of size 'size' so that it holds at
 * least 'need'; returns the (possibly moved) array. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* The program name used as message prefix ("nerve"). */
extern const char *progname;

/* Called by die() and on fatal signals before exiting; the UI sets it to
 * restore the terminal.  NULL by default. */
extern void (*die_hook)(void);

/* Every message (warnmsg(), die(), err_set(), the readers' notes and
 * import's reports) is built by msg_vformat(), which shows whatever a
 * terminal could act on as visible text, so that no input text that a
 * message quotes (a file name, a type, an excerpt) can retitle the
 * window, write the clipboard or reorder the line.  Exports are data, not
 * messages: they keep the text as stored. */

/* Append s[0..len) to b with C0 controls and DEL as \n \t \r or \xHH,
 * bytes that are not UTF-8 as \xHH, C1 controls and the bidirectional
 * marks and overrides (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066
 * to U+2069) as \uHHHH; everything else as it is.  Idempotent (a
 * backslash stays a backslash). */
struct buf;
void buf_add_escaped(struct buf *b, const char *s, size_t len);
/* s[0..len) appended to b as a JSON string, quotes included, with the
 * escapes SQLite's json_object() writes (\" \\ \b \f \n \r \t, \u00XX for
 * other controls) and every other byte as it is (UTF-8 already). */
void buf_add_json(struct buf *b, const char *s, size_t len);
/* s escaped so (owned), for output that quotes input (nerve types). */
char *xescape(const char *s);
/* vsnprintf into b (appended), escaped as buf_add_escaped() does. */
void msg_vformat(struct buf *b, const char *fmt, va_list ap);

/* "nerve: message" on stderr, then exit(1) (after die_hook). */
void die(const char *fmt, ...) PRINTF_LIKE(1, 2) NORETURN;
/* "nerve: message" on stderr. */
void warnmsg(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* The last recoverable error of this thread, set by the function that
 * failed; err_msg() is borrowed and valid until the next err_set(). */
void err_set(const char *fmt, ...) PRINTF_LIKE(1, 2);
void err_vset(const char *fmt, va_list ap);
const char *err_msg(void);

/* A growable byte buffer, always NUL-terminated after buf_*() calls.
 * Embedded: initialise with BUF_INIT or zeroes, release with buf_free(). */
struct buf {
	char *data;
	size_t len, cap;
};
#define BUF_INIT { NULL, 0, 0 }
void buf_reserve(struct buf *b, size_t extra);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_clear(struct buf *b);
void buf_free(struct buf *b);
/* Hand the contents to the caller (owned, never NULL) and reset b. */
char *buf_steal(struct buf *b);

/* Read a whole file (or standard input for "-") into *out (owned) with its
 * length; -1 with err_set() naming the file on failure. */
int read_file(const char *path, char **out, size_t *len);

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into a 21-byte buffer. */
void utc_now(char out[21]);

#endif
