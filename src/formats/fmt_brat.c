/*
 * fmt_brat.c: brat standoff (see formats.h) — a directory of NAME.txt
 * (the text) and NAME.ann (annotations) pairs.
 *
 * nerve keeps text-bound annotations ("T1<TAB>PERSON 0 13<TAB>Zakir
 * Hasanov"): offsets in code points of the .txt as it is (CR, BOM and
 * all, as brat's own Python reads it), end exclusive.  A discontinuous
 * span ("0 5;10 15") and the other kinds of line (relations, events,
 * attributes, normalisations, notes) have no place in nerve's model:
 * they are reported and skipped, never bent into something else.
 *
 * A NAME stands for an external id; the few characters a file name
 * cannot hold (or would hide) are written as %XX.
 */
#include "config.h"
#include "formats.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/text.h"
#include "lib/input.h"
#include "lib/util.h"

/* Longest component of a name, leaving room for ".txt" and ".ann". */
#define COMPONENT_MAX 250

/* ---- names ------------------------------------------------------------ */

char *fmt_brat_name(const char *ext_id)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!ext_id[0]) {
		err_set(_("an empty id has no brat file name"));
		return NULL;
	}
	struct buf b = BUF_INIT;
	size_t comp = 0;                /* bytes of the current component so far */
	for (const char *p = ext_id; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '/' && comp > 0 && p[1] && p[1] != '/') {
			buf_addc(&b, '/');
			comp = 0;
			continue;
		}
		size_t before = b.len;
		if (c == '/' || c == '%' || c < 0x20 || c == 0x7f || (c == '.' && comp == 0)) {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };
			buf_add(&b, esc, 3);
		} else {
			buf_addc(&b, (char)c);
		}
		comp += b.len - before;
		if (comp > COMPONENT_MAX) {
			buf_free(&b);
			err_set(_("the id %.40s... is too long for a file name"), ext_id);
			return NULL;
		}
	}
	return buf_steal(&b);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *fmt_brat_id(const char *name, size_t len)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < len; i++) {
		int hi, lo;
		/* only what fmt_brat_name() escapes: ASCII, never NUL */
		if (name[i] == '%' && i + 2 < len &&
		    (hi = hexval(name[i + 1])) >= 0 && (lo = hexval(name[i + 2])) >= 0 &&
		    hi < 8 && (hi || lo)) {
			buf_addc(&b, (char)(hi << 4 | lo));
			i += 2;
		} else {
			buf_addc(&b, name[i]);
		}
	}
	buf_reserve(&b, 0);
	b.data[b.len] = '\0';
	return buf_steal(&b);
}

/* ---- reading ------------------------------------------------------------- */

/* The kinds of line that are not text-bound annotations. */
static const struct {
	char lead;
	const char *what;
} other_kinds[] = {
	{ 'R', N_("relations (R lines)") }, { 'E', N_("events (E lines)") },
	{ 'A', N_("attributes (A lines)") }, { 'M', N_("attributes (M lines)") },
	{ 'N', N_("normalisations (N lines)") }, { '#', N_("notes (# lines)") },
	{ '*', N_("equivalences (* lines)") },
};

/* Skip white space in s from *i on. */
static void skip_space(const char *s, size_t len, size_t *i)
{
	while (*i < len) {
		size_t k = *i;
		if (!text_is_space(text_decode(s, len, &k)))
			return;
		*i = k;
	}
}

/* Compare a and b code point by code point, any run of white space
 * matching any other (brat writes a line end in a span's text as a
 * space, and a CR LF is two code points). */
static int same_text(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	while (i < alen && j < blen) {
		int32_t x = text_decode(a, alen, &i), y = text_decode(b, blen, &j);
		if (text_is_space(x) && text_is_space(y)) {
			skip_space(a, alen, &i);
			skip_space(b, blen, &j);
		} else if (x != y) {
			return 0;
		}
	}
	return i == alen && j == blen;
}

static int parse_int(const char *s, size_t len, int64_t *out)
{
	if (len == 0 || len > 15)
		return -1;
	int64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

struct ann_in {
	const char *path;
	struct doc *d;
	size_t *cpb;                    /* byte offset of each code point of the text, and the end */
	size_t ncp;
	fmt_note_fn note;
	void *arg;
	size_t kind_count[ARRAY_SIZE(other_kinds)], kind_line[ARRAY_SIZE(other_kinds)];
};

/* A "T" line: ID<TAB>TYPE START END<TAB>TEXT. */
static int text_bound(struct ann_in *a, const char *s, size_t len, size_t lineno)
{
	const char *tab = memchr(s, '\t', len);
	if (!tab)
		goto bad;
	const char *body = tab + 1, *end = s + len;
	const char *tab2 = memchr(body, '\t', (size_t)(end - body));
	const char *body_end = tab2 ? tab2 : end;
	const char *sp = memchr(body, ' ', (size_t)(body_end - body));
	if (!sp || sp == body)
		goto bad;
	size_t type_len = (size_t)(sp - body);
	const char *offs = sp + 1;
	size_t offs_len = (size_t)(body_end - offs);
	if (memchr(offs, ';', offs_len)) {
		fmt_notef(a->note, a->arg, lineno, 1,
		          _("%.*s: a discontinuous span (%.*s) of %.*s: nerve keeps only "
		            "contiguous entities; skipped"),
		          (int)(tab - s), s, (int)offs_len, offs, (int)type_len, body);
		return 0;
	}
	const char *sp2 = memchr(offs, ' ', offs_len);
	int64_t start, stop;
	if (!sp2 || parse_int(offs, (size_t)(sp2 - offs), &start) < 0 ||
	    parse_int(sp2 + 1, (size_t)(body_end - sp2 - 1), &stop) < 0)
		goto bad;
	if (type_len >= sizeof a->d->spans->type) {
		err_set(_("%s:%zu: the type is longer than %zu bytes"), a->path, lineno,
		        sizeof a->d->spans->type - 1);
		return -1;
	}
	struct span *x = doc_push_span(a->d);
	x->start = start;
	x->end = stop;
	memcpy(x->type, body, type_len);
	x->type[type_len] = '\0';
	x->line = lineno;
	if (tab2 && start >= 0 && start < stop && (size_t)stop <= a->ncp) {
		const char *t = tab2 + 1;
		size_t tlen = (size_t)(end - t);
		const char *in = a->d->text + a->cpb[start];
		size_t inlen = a->cpb[stop] - a->cpb[start];
		if (!same_text(t, tlen, in, inlen))
			x->text = xstrndup(t, tlen); /* import reports the difference */
	}
	return 0;
bad:
	err_set(_("%s:%zu: not a text-bound annotation (ID<TAB>TYPE START END<TAB>TEXT)"), a->path,
	        lineno);
	return -1;
}

static int parse_ann(struct ann_in *a, const char *data, size_t len)
{
	size_t lineno = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - data) : len;
		const char *s = data + i;
		size_t n = e - i;
		lineno++;
		i = e + 1;
		if (lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		while (n > 0 && s[n - 1] == '\r')
			n--;
		size_t k = 0;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k == n)
			continue;
		if (s[0] == 'T') {
			if (text_bound(a, s, n, lineno) < 0)
				return -1;
			continue;
		}
		size_t kind = 0;
		while (kind < ARRAY_SIZE(other_kinds) && other_kinds[kind].lead != s[0])
			kind++;
		if (kind == ARRAY_SIZE(other_kinds)) {
			err_set(_("%s:%zu: not a brat annotation line (T, R, E, A, M, N, # or *)"),
			        a->path, lineno);
			return -1;
		}
		if (a->kind_count[kind]++ == 0)
			a->kind_line[kind] = lineno;
	}
	for (size_t k = 0; k < ARRAY_SIZE(other_kinds); k++) {
		if (!a->kind_count[k])
			continue;
		if (a->kind_count[k] == 1)
			fmt_notef(a->note, a->arg, a->kind_line[k], 1,
			          _("%s: nerve keeps only entities; skipped"), _(other_kinds[k].what));
		else
			fmt_notef(a->note, a->arg, a->kind_line[k], 1,
			          _("%s: nerve keeps only entities; skipped (%zu lines, the first here)"),
			          _(other_kinds[k].what), a->kind_count[k]);
	}
	return 0;
}

/* The .ann as UTF-8 without NUL bytes: 0, with each bad byte U+FFFD
 * under replace (*data replaced), or -1 with err_set() naming the line
 * and byte. */
static int clean_ann(const char *path, char **data, size_t *len, int replace)
{
	size_t bad = 0;
	const char *nul = memchr(*data, '\0', *len);
	int valid = text_valid(*data, *len, &bad);
	if (!nul && valid)
		return 0;
	if (!replace) {
		int is_nul = nul && (valid || (size_t)(nul - *data) < bad);
		size_t at = is_nul ? (size_t)(nul - *data) : bad, line = 1;
		for (size_t i = 0; i < at; i++)
			line += (*data)[i] == '\n';
		err_set(is_nul ? _("%s:%zu: a NUL byte at byte %zu") : _("%s:%zu: invalid UTF-8 at byte %zu"),
		        path, line, at);
		return -1;
	}
	struct buf fixed = BUF_INIT, out = BUF_INIT;
	fmt_replace_invalid(*data, *len, &fixed);
	for (size_t i = 0; i < fixed.len; i++) {
		if (fixed.data[i])
			buf_addc(&out, fixed.data[i]);
		else
			buf_add(&out, "\xEF\xBF\xBD", 3);
	}
	buf_free(&fixed);
	free(*data);
	*len = out.len;
	*data = buf_steal(&out);
	return 0;
}

int fmt_brat_read(const char *txt_path, const char *ann_path, int replace_invalid,
                  uint64_t max_bytes, struct doc *d, fmt_note_fn note_fn, void *arg)
{
	memset(d, 0, sizeof *d);
	if (read_file_max(txt_path, max_bytes, &d->text, &d->text_len) < 0)
		return -1;
	if (!ann_path)
		return 0;
	char *ann;
	size_t ann_len;
	if (read_file_max(ann_path, max_bytes, &ann, &ann_len) < 0) {
		doc_finish(d);
		return -1;
	}
	if (clean_ann(ann_path, &ann, &ann_len, replace_invalid) < 0) {
		free(ann);
		doc_finish(d);
		return -1;
	}
	struct ann_in a = { 0 };
	a.path = ann_path;
	a.d = d;
	a.note = note_fn;
	a.arg = arg;
	/* code point -> byte, as text_decode() counts them (so does import) */
	size_t cap = 0;
	for (size_t i = 0;; ) {
		a.cpb = xgrow(a.cpb, &cap, a.ncp + 1, sizeof *a.cpb);
		a.cpb[a.ncp] = i;
		if (i >= d->text_len)
			break;
		text_decode(d->text, d->text_len, &i);
		a.ncp++;
	}
	d->has_entities = 1;
	int rc = parse_ann(&a, ann, ann_len);
	free(a.cpb);
	free(ann);
	if (rc < 0)
		doc_finish(d);
	return rc;
}

/* ---- writing -------------------------------------------------------------- */

/* Create the directories of name (a relative path) under root. */
static int make_parents(const char *root, const char *name)
{
	for (const char *p = strchr(name, '/'); p; p = strchr(p + 1, '/')) {
		char *dir = xasprintf("%s/%.*s", root, (int)(p - name), name);
		int r = mkdir(dir, 0777);
		int saved = errno;
		free(dir);
		if (r < 0 && saved != EEXIST) {
			err_set("%s: %s", root, strerror(saved));
			return -1;
		}
	}
	return 0;
}

/* Write data to a new file path (never over an existing one). */
static int write_new(const char *path, const char *shown, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0) {
		err_set(errno == EEXIST ? _("%s: two articles have this file name") : "%s: %s", shown,
		        strerror(errno));
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err_set("%s: %s", shown, strerror(errno));
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	if (close(fd) != 0) {
		err_set("%s: %s", shown, strerror(errno));
		return -1;
	}
	return 0;
}

int fmt_brat_write(struct fmt_writer *o, const struct doc *d)
{
	char *name = fmt_brat_name(d->id);
	if (!name)
		return -1;
	int rc = -1;
	char *txt = xasprintf("%s/%s.txt", o->tmp, name);
	char *ann = xasprintf("%s/%s.ann", o->tmp, name);
	char *shown = xasprintf("%s/%s.txt", o->dir, name);
	if (make_parents(o->tmp, name) < 0 || write_new(txt, shown, d->text, d->text_len) < 0)
		goto out;
	struct buf *b = &o->b;
	buf_clear(b);
	/* the text field, from a walk along the text */
	size_t at = 0;
	int64_t cp = 0;
	for (size_t k = 0; k < d->nspans; k++) {
		const struct span *e = &d->spans[k];
		buf_printf(b, "T%zu\t", k + 1);
		for (const char *p = e->type; *p; p++)
			buf_addc(b, *p == ' ' || *p == '\t' ? '_' : *p);
		buf_printf(b, " %lld %lld\t", (long long)e->start, (long long)e->end);
		if (e->start < cp) { /* entities are sorted by start: back only for a tie */
			at = 0;
			cp = 0;
		}
		while (cp < e->start && at < d->text_len) {
			text_decode(d->text, d->text_len, &at);
			cp++;
		}
		size_t i = at;
		for (int64_t c = e->start; c < e->end && i < d->text_len; c++) {
			size_t from = i;
			int32_t ch = text_decode(d->text, d->text_len, &i);
			if (ch == '\n' || ch == '\r' || ch == '\t')
				buf_addc(b, ' ');
			else
				buf_add(b, d->text + from, i - from);
		}
		buf_addc(b, '\n');
	}
	free(shown);
	shown = xasprintf("%s/%s.ann", o->dir, name);
	if (write_new(ann, shown, b->data ? b->data : "", b->len) < 0)
		goto out;
	rc = 0;
out:
	free(name);
	free(txt);
	free(ann);
	free(shown);
	return rc;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* The directory name without trailing slashes. */
static size_t dir_len(const char *dir)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return n;
}

int fmt_brat_begin(struct fmt_writer *w, const char *dir)
{
	struct stat sb;
	w->dir = dir;
	w->existed = 0;
	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			err_set(_("%s: exists and is not a directory"), dir);
			return -1;
		}
		/* an empty directory is replaced; anything in it would mix with the export */
		if (rmdir(dir) != 0 && errno != ENOENT) {
			int saved = errno;
			if (saved == ENOTEMPTY || saved == EEXIST)
				err_set(_("%s: the directory is not empty (brat export writes into a new or "
				          "empty directory)"), dir);
			else
				err_set("%s: %s", dir, strerror(saved));
			return -1;
		}
		w->existed = 1;
		w->dir_mode = sb.st_mode & 07777;
	} else if (errno != ENOENT) {
		err_set("%s: %s", dir, strerror(errno));
		return -1;
	}
	size_t dlen = dir_len(dir);
	w->tmp = xasprintf("%.*s.XXXXXX", (int)dlen, dir);
	if (!mkdtemp(w->tmp)) {
		err_set("%s: %s", dir, strerror(errno));
		free(w->tmp);
		w->tmp = NULL;
		if (w->existed)
			mkdir(dir, w->dir_mode); /* the empty directory as it was */
		return -1;
	}
	/* the permissions mkdir would give, not mkdtemp's 0700 */
	mode_t mask = umask(0);
	umask(mask);
	chmod(w->tmp, 0777 & ~mask);
	return 0;
}

int fmt_brat_end(struct fmt_writer *w, int ok)
{
	if (!w->tmp)
		return -1;
	int rc = ok ? 0 : -1;
	if (rc == 0) {
		sync(); /* the files on disk before the directory takes its name */
		char *target = xasprintf("%.*s", (int)dir_len(w->dir), w->dir);
		if (rename(w->tmp, target) != 0) {
			err_set("%s: %s", w->dir, strerror(errno));
			rc = -1;
		}
		free(target);
	}
	if (rc < 0) {
		nftw(w->tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		if (w->existed)
			mkdir(w->dir, w->dir_mode); /* the empty directory as it was */
	}
	free(w->tmp);
	w->tmp = NULL;
	return rc;
}
