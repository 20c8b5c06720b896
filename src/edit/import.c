/*
 * import.c: files, directories and standard input into the store (see
 * import.h).
 *
 * Every document goes the same way whatever its format: its text is
 * cleaned (UTF-8 checked, NUL refused, BOM, CRLF, NFC) with a map of code
 * point offsets, its entities are remapped through that map, the title
 * and date are found, a duplicate (same clean text) is left alone, an
 * external id that another text holds becomes NAME#2, and the article,
 * its entities (journalled) and the detector's suggestions are stored in
 * the transaction of its file.
 */
#include "config.h"
#include "import.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "formats/formats.h"
#include "lib/sha256.h"
#include "store/store.h"
#include "text/text.h"
#include "lib/input.h"
#include "lib/util.h"

static const char *const format_names[] = {
	[IMPORT_AUTO] = "auto", [IMPORT_TEXT] = "text", [IMPORT_JSONL] = "jsonl",
	[IMPORT_CSV] = "csv", [IMPORT_DOCCANO] = "doccano", [IMPORT_PRODIGY] = "prodigy",
	[IMPORT_CONLL] = "conll", [IMPORT_BRAT] = "brat",
};

int import_format_parse(const char *name, enum import_format *out)
{
	for (size_t i = IMPORT_TEXT; i < ARRAY_SIZE(format_names); i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*out = (enum import_format)i;
			return 0;
		}
	}
	return -1;
}

const char *import_format_name(enum import_format f)
{
	return format_names[f];
}

int import_format_built(enum import_format f)
{
	return f != IMPORT_AUTO;
}

/* ---- type maps --------------------------------------------------------- */

struct typemap {
	char **from, **to;              /* to[i] NULL: dropped */
	size_t n, cap;
};

static int map_member(void *arg, const char *key, const char *value)
{
	struct typemap *m = arg;
	if (!value) {
		err_set(_("the value of \"%s\" is not a string"), key);
		return -1;
	}
	if (strcmp(value, "-") != 0 && !entity_type_name_valid(value)) {
		err_set(_("\"%s\" is not a valid type name"), value);
		return -1;
	}
	size_t cap = m->cap;
	m->from = xgrow(m->from, &cap, m->n + 1, sizeof *m->from);
	m->to = xgrow(m->to, &m->cap, m->n + 1, sizeof *m->to);
	m->from[m->n] = xstrdup(key);
	m->to[m->n] = strcmp(value, "-") == 0 ? NULL : xstrdup(value);
	m->n++;
	return 0;
}

struct typemap *typemap_load(struct store *st, const char *path)
{
	char *data;
	size_t len;
	if (read_file(path, &data, &len) < 0)
		return NULL;
	struct typemap *m = xcalloc(1, sizeof *m);
	if (store_json_members(st, data, len, map_member, m) < 0) {
		err_set("%s: %s", path, err_msg());
		typemap_free(&m);
	}
	free(data);
	return m;
}

const char *typemap_apply(const struct typemap *m, const char *type)
{
	if (!m)
		return type;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->from[i], type) == 0)
			return m->to[i];
	return type;
}

void typemap_free(struct typemap **pm)
{
	struct typemap *m = *pm;
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->from[i]);
		free(m->to[i]);
	}
	free(m->from);
	free(m->to);
	free(m);
	*pm = NULL;
}

/* ---- recognition ------------------------------------------------------- */

static int has_suffix_n(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	if (n < k)
		return 0;
	const char *p = s + n - k;
	for (size_t i = 0; i < k; i++)
		if ((p[i] | 0x20) != suffix[i])
			return 0;
	return 1;
}

static int has_suffix(const char *s, const char *suffix)
{
	return has_suffix_n(s, strlen(s), suffix);
}

/* The suffix of what the file holds: "feed.jsonl.gz" is JSON Lines. */
static int has_format_suffix(const char *s, const char *suffix)
{
	return has_suffix_n(s, input_plain_len(s), suffix);
}

/* The first non-blank line of a file (owned), or NULL. */
static char *first_line(const char *path)
{
	FILE *f = input_open(path);
	if (!f)
		return NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		size_t a = 0;
		if (n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
			a = 3;
		while ((ssize_t)a < n && (line[a] == ' ' || line[a] == '\t' || line[a] == '\r' ||
		                          line[a] == '\n'))
			a++;
		if ((ssize_t)a < n) {
			memmove(line, line + a, (size_t)n - a + 1);
			break;
		}
	}
	input_close(f);
	if (n < 0) {
		free(line);
		return NULL;
	}
	return line;
}

static enum import_format json_flavour(struct store *st, const char *path)
{
	char *line = first_line(path);
	enum import_format f = IMPORT_JSONL;
	if (line) {
		size_t len = strlen(line);
		if (store_json_has_key(st, line, len, "label") == 1)
			f = IMPORT_DOCCANO;
		else if (store_json_has_key(st, line, len, "spans") == 1)
			f = IMPORT_PRODIGY;
	}
	free(line);
	return f;
}

/* Does the tree under dir hold a .ann file? */
static int holds_ann(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	int found = 0;
	while (!found && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (has_suffix(e->d_name, ".ann")) {
			found = 1;
			break;
		}
		if (depth < 32) {
			char *sub = xasprintf("%s/%s", dir, e->d_name);
			struct stat sb;
			if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
				found = holds_ann(sub, depth + 1);
			free(sub);
		}
	}
	closedir(d);
	return found;
}

enum import_format import_recognise(struct store *st, const char *path,
                                    enum import_format forced)
{
	if (forced != IMPORT_AUTO)
		return forced;
	if (strcmp(path, "-") == 0)
		return IMPORT_AUTO;
	struct stat sb;
	if (stat(path, &sb) != 0)
		return IMPORT_AUTO;
	if (S_ISDIR(sb.st_mode))
		return holds_ann(path, 0) ? IMPORT_BRAT : IMPORT_TEXT;
	if (has_format_suffix(path, ".txt"))
		return IMPORT_TEXT;
	if (has_format_suffix(path, ".csv"))
		return IMPORT_CSV;
	if (has_format_suffix(path, ".conll") || has_format_suffix(path, ".iob") ||
	    has_format_suffix(path, ".bio"))
		return IMPORT_CONLL;
	if (has_format_suffix(path, ".jsonl") || has_format_suffix(path, ".json"))
		return S_ISREG(sb.st_mode) ? json_flavour(st, path) : IMPORT_JSONL;
	if (!S_ISREG(sb.st_mode))
		return IMPORT_TEXT; /* a pipe or device: reading to look would eat it */
	char *line = first_line(path);
	enum import_format f = line && line[0] == '{' ? IMPORT_JSONL : IMPORT_TEXT;
	free(line);
	return f;
}

/* ---- the session ------------------------------------------------------- */

struct import {
	struct store *st;
	struct import_opts o;
	struct import_stats total;
	struct import_stats cur;        /* of the file being read */
	/* the file being read */
	const char *path;               /* as opened ("-" for stdin) */
	const char *shown;              /* in messages */
	const char *items;              /* in messages about its entities or rows: shown, or
	                                   the .ann of a brat document */
	const char *name;               /* for external ids: file name or relative path */
	const char *source;             /* the article's source column */
	int is_stdin;
	int64_t grp;                    /* journal group of the file, 0 until needed */
	int file_bad;                   /* something of this file was rejected or skipped */
	/* types known to exist (committed), to spare a query per entity */
	char (*types)[64];
	size_t ntypes, captypes;
	size_t types_committed;
	struct buf scratch;             /* NUL replacement */
	struct csv_state *csv;          /* CSV import: the article the rows are about */
};

struct import *import_new(struct store *st, const struct import_opts *o)
{
	struct import *im = xcalloc(1, sizeof *im);
	im->st = st;
	im->o = *o;
	if (!im->o.annotator || !im->o.annotator[0])
		im->o.annotator = "analyst";
	return im;
}

const struct import_stats *import_get_stats(const struct import *im)
{
	return &im->total;
}

void import_free(struct import **pim)
{
	struct import *im = *pim;
	if (!im)
		return;
	free(im->types);
	buf_free(&im->scratch);
	free(im);
	*pim = NULL;
}

static void report(struct import *im, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void report(struct import *im, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (im->o.message)
		im->o.message(im->o.message_arg, msg);
	else
		warnmsg("%s", msg);
}

/* "FILE" or "FILE:LINE" for messages, into where. */
static const char *place(struct import *im, size_t line, char where[600])
{
	if (line)
		snprintf(where, 600, "%s:%zu", im->shown, line);
	else
		snprintf(where, 600, "%s", im->shown);
	return where;
}

/* The same for an entity or a row: in the file that holds them. */
static const char *place_item(struct import *im, size_t line, char where[600])
{
	const char *file = im->items ? im->items : im->shown;
	if (line)
		snprintf(where, 600, "%s:%zu", file, line);
	else
		snprintf(where, 600, "%s", file);
	return where;
}

/* A reader's note (fmt_note_fn): reported, and counted when something
 * was left out. */
static void reader_note(void *arg, size_t line, int skipped, const char *msg)
{
	struct import *im = arg;
	char where[600];
	report(im, "%s: %s", place_item(im, line, where), msg);
	if (skipped) {
		im->cur.skipped++;
		im->file_bad = 1;
	}
}

static void progress(struct import *im)
{
	if (im->o.progress) {
		struct import_stats s = im->total;
		s.imported += im->cur.imported;
		s.duplicates += im->cur.duplicates;
		s.failed += im->cur.failed;
		s.chars += im->cur.chars;
		s.bytes += im->cur.bytes;
		im->o.progress(im->o.progress_arg, im->shown, &s);
	}
}

/* Make sure the type exists; report one that had to be created. */
static int need_type(struct import *im, const char *type)
{
	for (size_t i = 0; i < im->ntypes; i++)
		if (strcmp(im->types[i], type) == 0)
			return 0;
	int created = store_type_ensure(im->st, type);
	if (created < 0)
		return -1;
	if (created) {
		struct entity_type t;
		if (store_type_get(im->st, type, &t) == 1)
			report(im, _("%s: new entity type %s (colour %s, no key)"), im->shown, type,
			       t.colour);
		im->cur.new_types++;
	}
	im->types = xgrow(im->types, &im->captypes, im->ntypes + 1, sizeof *im->types);
	snprintf(im->types[im->ntypes++], 64, "%s", type);
	return 0;
}

/* Moving from code point offsets to byte offsets in one string, mostly
 * forward (entities come sorted), with text_decode()'s count. */
struct cursor {
	const char *s;
	size_t len, at;
	int64_t cp;
};

static size_t cursor_byte(struct cursor *c, int64_t cp)
{
	if (cp < c->cp) {
		c->cp = 0;
		c->at = 0;
	}
	while (c->cp < cp && c->at < c->len) {
		text_decode(c->s, c->len, &c->at);
		c->cp++;
	}
	return c->at;
}

/* A clean document ready to store. */
struct clean {
	char *text;                     /* owned, NUL-terminated */
	size_t len;
	size_t *map;                    /* input cp -> clean cp, or NULL */
	size_t in_cps;                  /* code points of the input */
	const char *in;                 /* the input text (borrowed) */
	size_t in_len;
};

static void clean_finish(struct clean *c)
{
	free(c->text);
	free(c->map);
	memset(c, 0, sizeof *c);
}

/* Clean text in[0..len) (see text_clean()), refusing NUL bytes unless
 * replace_invalid turns them into U+FFFD.  -1 with err_set(). */
static int clean_text(struct import *im, const char *in, size_t len, int want_map,
                      struct clean *c)
{
	memset(c, 0, sizeof *c);
	const char *nul = memchr(in, '\0', len);
	if (nul) {
		if (!im->o.replace_invalid) {
			err_set(_("a NUL byte at byte %zu (not a text file?)"), (size_t)(nul - in));
			return -1;
		}
		/* U+FFFD for each NUL: one code point for one, so offsets hold */
		buf_clear(&im->scratch);
		for (size_t i = 0; i < len; i++) {
			if (in[i])
				buf_addc(&im->scratch, in[i]);
			else
				buf_add(&im->scratch, "\xEF\xBF\xBD", 3);
		}
		in = im->scratch.data;
		len = im->scratch.len;
	}
	size_t bad = 0;
	c->text = text_clean(in, len, im->o.replace_invalid, &c->len, &bad,
	                     want_map ? &c->map : NULL);
	if (!c->text) {
		err_set(_("invalid UTF-8 at byte %zu"), bad);
		return -1;
	}
	c->in = in;
	c->in_len = len;
	if (want_map) {
		size_t n = 0;
		for (size_t i = 0; i < len; n++)
			text_decode(in, len, &i);
		c->in_cps = n;
	}
	return 0;
}

static int all_space(const char *s, size_t len)
{
	for (size_t i = 0; i < len;)
		if (!text_is_space(text_decode(s, len, &i)))
			return 0;
	return 1;
}

/* Pick a free external id: base, else base#2, base#3, ...  Owned. */
static char *free_ext_id(struct import *im, const char *base, size_t line)
{
	int r = store_ext_id_free(im->st, base);
	if (r != 0)
		return r < 0 ? NULL : xstrdup(base);
	for (int k = 2;; k++) {
		char *id = xasprintf("%s#%d", base, k);
		r = store_ext_id_free(im->st, id);
		if (r != 0) {
			if (r < 0) {
				free(id);
				return NULL;
			}
			char where[600];
			report(im, _("%s: the id %s is taken by a different report; stored as %s"),
			       place(im, line, where), base, id);
			im->cur.renamed++;
			return id;
		}
		free(id);
	}
}

/* Store one span of d as an entity of article, remapped through c.
 * 0 stored or dropped, 1 skipped (reported), -1 store error. */
static int store_span(struct import *im, struct doc *d, size_t k, int64_t article,
                      struct clean *c, struct cursor *in_cur, struct cursor *out_cur)
{
	struct span *sp = &d->spans[k];
	char where[600];
	place_item(im, sp->line ? sp->line : d->line, where);
	const char *type = typemap_apply(im->o.map, sp->type);
	if (!type)
		return 0; /* mapped to "-": not wanted */
#define SKIP(...) do { \
		char why_[400]; \
		snprintf(why_, sizeof why_, __VA_ARGS__); \
		report(im, _("%s: entity %zu (%lld-%lld): %s; skipped"), where, k + 1, \
		       (long long)sp->start, (long long)sp->end, why_); \
		im->cur.skipped++; \
		return 1; \
	} while (0)
	if (!entity_type_name_valid(type))
		SKIP(_("'%s' is not a valid type name"), type);
	if (sp->start < 0 || sp->end <= sp->start || (size_t)sp->end > c->in_cps)
		SKIP(_("outside the text of %zu characters"), c->in_cps);
	if (sp->text) {
		size_t b0 = cursor_byte(in_cur, sp->start);
		struct cursor e = *in_cur;
		size_t b1 = cursor_byte(&e, sp->end);
		if (strlen(sp->text) != b1 - b0 || memcmp(sp->text, c->in + b0, b1 - b0) != 0)
			SKIP(_("its text \"%s\" is not the text at those offsets"), sp->text);
	}
	size_t s = c->map ? c->map[sp->start] : (size_t)sp->start;
	size_t e = c->map ? c->map[sp->end] : (size_t)sp->end;
	if (s == (size_t)-1 || e == (size_t)-1 || e <= s)
		SKIP(_("it does not fall on character boundaries once the text is normalised"));
	size_t sb = cursor_byte(out_cur, (int64_t)s);
	struct cursor oe = *out_cur;
	size_t eb = cursor_byte(&oe, (int64_t)e);
	if (!text_is_grapheme_boundary(c->text, c->len, sb) ||
	    !text_is_grapheme_boundary(c->text, c->len, eb))
		SKIP(_("it splits a character (grapheme cluster)"));

	struct entity ent = { 0 };
	ent.article = article;
	ent.start = (int64_t)s;
	ent.end = (int64_t)e;
	snprintf(ent.type, sizeof ent.type, "%s", type);
	if (sp->has & SPAN_HAS_STATUS) {
		if (entity_status_parse(sp->status, &ent.status) < 0)
			SKIP(_("unknown status '%s'"), sp->status);
	} else {
		ent.status = im->o.reviewed ? ENT_ACCEPTED : ENT_SUGGESTED;
	}
	if (sp->has & SPAN_HAS_ORIGIN) {
		if (entity_origin_parse(sp->origin, &ent.origin) < 0)
			SKIP(_("unknown origin '%s'"), sp->origin);
	} else {
		ent.origin = ORIGIN_IMPORT;
	}
	if ((sp->has & SPAN_HAS_ANNOTATOR) && sp->annotator[0])
		snprintf(ent.annotator, sizeof ent.annotator, "%s", sp->annotator);
	else
		snprintf(ent.annotator, sizeof ent.annotator, "%s", im->o.annotator);
	if (sp->has & SPAN_HAS_CONFIDENCE)
		ent.confidence = sp->confidence;
	else
		ent.no_confidence = 1;
#undef SKIP
	if (need_type(im, ent.type) < 0 || store_entity_add(im->st, &ent) < 0)
		return -1;
	if (im->grp == 0 && (im->grp = store_journal_group(im->st)) < 0)
		return -1;
	char *after = store_entity_snapshot(im->st, ent.id);
	int rc = store_journal(im->st, im->grp, im->o.annotator, article, ent.id, "import", NULL,
	                       after);
	free(after);
	if (rc < 0)
		return -1;
	im->cur.entities++;
	return 0;
}

/* Run the detector on a new article and store its suggestions. */
static int detect(struct import *im, int64_t article, struct clean *c)
{
	struct doc d = { 0 };
	d.text = c->text;
	d.text_len = c->len;
	int rc = im->o.detect(im->o.detect_arg, &d);
	d.text = NULL; /* borrowed */
	if (rc == 0) {
		int n = store_replace_suggestions(im->st, article, d.spans, d.nspans);
		if (n < 0)
			rc = -1;
		else
			im->cur.suggestions += (size_t)n;
	}
	doc_finish(&d);
	return rc;
}

/* Store one document.  text_given: d->text is raw input to clean.
 * Returns 0 (stored, duplicate, or skipped and reported), or -1 for an
 * error that rejects the whole file (err_set()). */
static int store_doc(struct import *im, struct doc *d, int from_jsonl)
{
	char where[600];
	struct clean c;
	int want_map = d->nspans > 0;
	if (clean_text(im, d->text, d->text_len, want_map, &c) < 0) {
		err_set("%s: %s", place(im, d->line, where), err_msg());
		return -1;
	}
	if (all_space(c.text, c.len)) {
		report(im, _("%s: the text is empty; nothing to import"), place(im, d->line, where));
		im->cur.failed++;
		im->file_bad = 1;
		clean_finish(&c);
		return 0;
	}
	char sha[65];
	sha256_hex(c.text, c.len, sha);
	int64_t dup;
	int r = store_article_by_sha(im->st, sha, &dup);
	if (r < 0)
		goto fail;
	if (r) {
		report(im, _("%s: a duplicate of article %lld; left as it is"),
		       place(im, d->line, where), (long long)dup);
		im->cur.duplicates++;
		clean_finish(&c);
		return 0;
	}

	struct article a = { 0 };
	char *base;
	if (d->id && d->id[0])
		base = xstrdup(d->id);
	else if (im->is_stdin)
		base = xasprintf("stdin-%.8s", sha);
	else if (from_jsonl)
		base = xasprintf("%s:%zu", im->name, d->line);
	else
		base = xstrdup(im->name);
	a.ext_id = free_ext_id(im, base, d->line);
	free(base);
	if (!a.ext_id)
		goto fail;
	char *title = NULL, *date = NULL, dateline[11];
	if (from_jsonl && d->title && d->title[0]) {
		size_t tl;
		title = text_clean(d->title, strlen(d->title), 1, &tl, NULL, NULL);
	} else {
		title = from_jsonl ? fmt_text_sentence_title(c.text, c.len)
		                   : fmt_text_title(c.text, c.len);
	}
	if (from_jsonl) {
		if (d->date) {
			size_t dl;
			date = text_clean(d->date, strlen(d->date), 1, &dl, NULL, NULL);
		}
	} else if (fmt_text_dateline(c.text, c.len, dateline, NULL)) {
		date = xstrdup(dateline);
	}
	a.title = title;
	a.published = date;
	a.source = (char *)im->source;
	a.text = c.text;
	a.text_len = c.len;
	a.sha256 = sha;
	a.annotated = d->has_entities;
	if (im->o.reviewed) {
		a.state = STATE_DONE;
		a.reviewed_by = (char *)im->o.annotator;
		utc_now(a.reviewed_at);
	}
	r = store_article_add(im->st, &a);
	free(title);
	free(date);
	free(a.ext_id);
	if (r < 0)
		goto fail;
	im->cur.imported++;
	im->cur.bytes += c.len;
	im->cur.chars += text_cp_len(c.text, c.len);

	struct cursor in_cur = { c.in, c.in_len, 0, 0 };
	struct cursor out_cur = { c.text, c.len, 0, 0 };
	for (size_t k = 0; k < d->nspans; k++) {
		int sr = store_span(im, d, k, a.id, &c, &in_cur, &out_cur);
		if (sr < 0)
			goto fail;
		if (sr > 0)
			im->file_bad = 1;
	}
	if (!d->has_entities && !im->o.no_detect && im->o.detect && detect(im, a.id, &c) < 0) {
		err_set("%s: %s", place(im, d->line, where), err_msg());
		clean_finish(&c);
		return -1;
	}
	clean_finish(&c);
	progress(im);
	return 0;
fail:
	err_set("%s: %s", place(im, d->line, where), err_msg());
	clean_finish(&c);
	return -1;
}

/* ---- files --------------------------------------------------------------- */

/* Begin a file: its names, a transaction. */
static int file_begin(struct import *im, const char *path, const char *name,
                      const char *source)
{
	im->path = path;
	im->is_stdin = strcmp(path, "-") == 0;
	im->shown = im->is_stdin ? _("standard input") : path;
	im->name = name;
	im->items = NULL;
	im->source = im->is_stdin ? "stdin" : source;
	im->grp = 0;
	im->file_bad = 0;
	memset(&im->cur, 0, sizeof im->cur);
	im->types_committed = im->ntypes;
	if (store_begin(im->st) < 0) {
		report(im, "%s", err_msg());
		im->total.failed++;
		return -1;
	}
	return 0;
}

static void add_stats(struct import_stats *t, const struct import_stats *c)
{
	t->imported += c->imported;
	t->duplicates += c->duplicates;
	t->failed += c->failed;
	t->skipped += c->skipped;
	t->entities += c->entities;
	t->suggestions += c->suggestions;
	t->new_types += c->new_types;
	t->renamed += c->renamed;
	t->updated += c->updated;
	t->unchanged += c->unchanged;
	t->chars += c->chars;
	t->bytes += c->bytes;
}

/* End a file: commit when ok, else roll back everything of it. */
static int file_end(struct import *im, int ok)
{
	if (ok && store_commit(im->st) < 0) {
		report(im, "%s", err_msg());
		ok = 0;
	} else if (!ok) {
		store_rollback(im->st);
	}
	if (ok) {
		add_stats(&im->total, &im->cur);
	} else {
		im->ntypes = im->types_committed; /* those were rolled back */
		im->total.failed++;
	}
	memset(&im->cur, 0, sizeof im->cur);
	progress(im);
	return ok && !im->file_bad ? 0 : -1;
}

static int text_file(struct import *im, const char *path, const char *name,
                     const char *source)
{
	char *data;
	size_t len;
	if (input_read_file(path, &data, &len) < 0) {
		report(im, "%s", err_msg());
		im->total.failed++;
		return -1;
	}
	if (file_begin(im, path, name, source) < 0) {
		free(data);
		return -1;
	}
	struct doc d = { 0 };
	d.text = data;
	d.text_len = len;
	int ok = store_doc(im, &d, 0) == 0;
	if (!ok)
		report(im, "%s", err_msg());
	free(data);
	return file_end(im, ok);
}

static int jsonl_doc(struct doc *d, void *arg)
{
	return store_doc(arg, d, 1);
}

/* ---- CSV: decisions onto the articles already in the database ------------ */

/* The article the rows are about (rows come grouped by article). */
struct csv_state {
	char *ext_id;                   /* of the cached article, or NULL */
	int64_t article;                /* 0 when the database has no such article */
	enum article_state state;
	char *text;                     /* its text */
	size_t *cpb;                    /* byte offset of each code point, and the end */
	size_t ncp, capcpb;
	struct entity_list ents;        /* its entities */
	unsigned char *touched;         /* per entity: matched or made by this file */
	size_t captouched;
	int applied;                    /* a row of this file changed or confirmed it */
};

static void csv_state_free(struct csv_state *cs)
{
	free(cs->ext_id);
	free(cs->text);
	free(cs->cpb);
	entity_list_finish(&cs->ents);
	free(cs->touched);
	free(cs);
}

static int need_group(struct import *im)
{
	if (im->grp == 0 && (im->grp = store_journal_group(im->st)) < 0)
		return -1;
	return 0;
}

/* With --reviewed, the articles the rows went to are marked done
 * (journalled, as the browser's D is). */
static int csv_article_done(struct import *im)
{
	struct csv_state *cs = im->csv;
	if (!im->o.reviewed || !cs->article || !cs->applied || cs->state == STATE_DONE)
		return 0;
	if (need_group(im) < 0)
		return -1;
	char *before = store_edit_article_snapshot(im->st, cs->article);
	int rc = before ? store_edit_set_state(im->st, cs->article, STATE_DONE, im->o.annotator)
	                : -1;
	char *after = rc == 0 ? store_edit_article_snapshot(im->st, cs->article) : NULL;
	if (rc == 0 && after)
		rc = store_journal(im->st, im->grp, im->o.annotator, cs->article, 0, "state", before,
		                   after);
	else
		rc = -1;
	free(before);
	free(after);
	cs->state = STATE_DONE;
	return rc;
}

/* Load the article with this external id (or remember that there is
 * none). */
static int csv_switch(struct import *im, const char *ext_id)
{
	struct csv_state *cs = im->csv;
	if (csv_article_done(im) < 0)
		return -1;
	free(cs->ext_id);
	cs->ext_id = xstrdup(ext_id);
	free(cs->text);
	cs->text = NULL;
	cs->ents.n = 0;
	cs->applied = 0;
	int r = store_article_by_ext_id(im->st, ext_id, &cs->article);
	if (r <= 0) {
		cs->article = 0;
		return r;
	}
	struct article a;
	if (store_article_get(im->st, cs->article, &a) < 0)
		return -1;
	cs->text = a.text;
	cs->state = a.state;
	a.text = NULL;
	size_t len = a.text_len;
	article_finish(&a);
	cs->ncp = 0;
	for (size_t i = 0;;) {
		cs->cpb = xgrow(cs->cpb, &cs->capcpb, cs->ncp + 1, sizeof *cs->cpb);
		cs->cpb[cs->ncp] = i;
		if (i >= len)
			break;
		text_decode(cs->text, len, &i);
		cs->ncp++;
	}
	if (store_entities_of(im->st, cs->article, &cs->ents) < 0)
		return -1;
	cs->touched = xgrow(cs->touched, &cs->captouched, cs->ents.n + 1, 1);
	memset(cs->touched, 0, cs->ents.n);
	return 0;
}

static int same_string(const char *a, size_t alen, const char *b)
{
	return strlen(b) == alen && memcmp(a, b, alen) == 0;
}

/* Apply one row (csv_entity_fn). */
static int csv_apply(void *arg, const struct csv_entity *r)
{
	struct import *im = arg;
	struct csv_state *cs = im->csv;
	char where[600];
	place_item(im, r->line, where);
#define SKIP_ROW(...) do { \
		char why_[700]; \
		snprintf(why_, sizeof why_, __VA_ARGS__); \
		report(im, _("%s: %s; row skipped"), where, why_); \
		im->cur.skipped++; \
		im->file_bad = 1; \
		return 0; \
	} while (0)
	if (!cs->ext_id || strcmp(cs->ext_id, r->article) != 0)
		if (csv_switch(im, r->article) < 0)
			return -1;
	if (!cs->article)
		SKIP_ROW(_("no article '%s' in the database"), r->article);
	const char *type = typemap_apply(im->o.map, r->type);
	if (!type)
		return 0; /* mapped to "-": not wanted */
	if (!entity_type_name_valid(type))
		SKIP_ROW(_("'%s' is not a valid type name"), type);
	struct entity e = { 0 };
	e.article = cs->article;
	e.start = r->start;
	e.end = r->end;
	snprintf(e.type, sizeof e.type, "%s", type);
	if (r->status && r->status[0]) {
		if (entity_status_parse(r->status, &e.status) < 0)
			SKIP_ROW(_("unknown status '%s'"), r->status);
	} else {
		e.status = im->o.reviewed ? ENT_ACCEPTED : ENT_SUGGESTED;
	}
	if (r->origin && r->origin[0]) {
		if (entity_origin_parse(r->origin, &e.origin) < 0)
			SKIP_ROW(_("unknown origin '%s'"), r->origin);
	} else {
		e.origin = ORIGIN_IMPORT;
	}
	const char *who = r->annotator && r->annotator[0] ? r->annotator : im->o.annotator;
	if (strlen(who) >= sizeof e.annotator)
		SKIP_ROW(_("the annotator's name is longer than %zu bytes"), sizeof e.annotator - 1);
	snprintf(e.annotator, sizeof e.annotator, "%s", who);
	if (e.start < 0 || e.end <= e.start || (size_t)e.end > cs->ncp)
		SKIP_ROW(_("%lld-%lld is outside the article's text of %zu characters"),
		         (long long)e.start, (long long)e.end, cs->ncp);
	size_t len = cs->cpb[cs->ncp];
	size_t b0 = cs->cpb[e.start], b1 = cs->cpb[e.end];
	if (!text_is_grapheme_boundary(cs->text, len, b0) ||
	    !text_is_grapheme_boundary(cs->text, len, b1))
		SKIP_ROW(_("%lld-%lld splits a character (grapheme cluster)"), (long long)e.start,
		         (long long)e.end);
	if (r->text) {
		const char *at = cs->text + b0;
		int same = same_string(at, b1 - b0, r->text) || same_string(at, b1 - b0, r->text_raw);
		if (!same) {
			/* as a spreadsheet may have saved it: CRLF, another normal form */
			size_t cl;
			char *clean = text_clean(r->text, strlen(r->text), 1, &cl, NULL, NULL);
			same = clean && same_string(at, b1 - b0, clean);
			free(clean);
		}
		if (!same)
			SKIP_ROW(_("its text \"%.200s\" is not the article's text at %lld-%lld "
			           "(\"%.*s\")"), r->text, (long long)e.start, (long long)e.end,
			         (int)(b1 - b0 > 200 ? 200 : b1 - b0), at);
	}
#undef SKIP_ROW
	/* the same span of the same type; else a suggestion of that span
	 * that this file has not claimed (retyped by the row) */
	long m = -1;
	for (size_t i = 0; i < cs->ents.n && m < 0; i++) {
		const struct entity *x = &cs->ents.v[i];
		if (x->start == e.start && x->end == e.end && strcmp(x->type, e.type) == 0)
			m = (long)i;
	}
	for (size_t i = 0; i < cs->ents.n && m < 0; i++) {
		const struct entity *x = &cs->ents.v[i];
		if (x->start == e.start && x->end == e.end && x->status == ENT_SUGGESTED &&
		    !cs->touched[i])
			m = (long)i;
	}
	cs->applied = 1;
	if (need_type(im, e.type) < 0 || need_group(im) < 0)
		return -1;
	if (m >= 0) {
		struct entity *x = &cs->ents.v[m];
		cs->touched[m] = 1;
		if (strcmp(x->type, e.type) == 0 && x->status == e.status && x->origin == e.origin &&
		    strcmp(x->annotator, e.annotator) == 0) {
			im->cur.unchanged++;
			return 0;
		}
		char *before = store_entity_snapshot(im->st, x->id);
		snprintf(x->type, sizeof x->type, "%s", e.type);
		x->status = e.status;
		x->origin = e.origin;
		snprintf(x->annotator, sizeof x->annotator, "%s", e.annotator);
		int rc = before ? store_edit_update(im->st, x) : -1;
		char *after = rc == 0 ? store_entity_snapshot(im->st, x->id) : NULL;
		rc = after ? store_journal(im->st, im->grp, im->o.annotator, cs->article, x->id,
		                           "import", before, after)
		           : -1;
		free(before);
		free(after);
		if (rc < 0)
			return -1;
		im->cur.updated++;
		return 0;
	}
	e.no_confidence = 1;
	if (store_entity_add(im->st, &e) < 0)
		return -1;
	char *after = store_entity_snapshot(im->st, e.id);
	int rc = after ? store_journal(im->st, im->grp, im->o.annotator, cs->article, e.id,
	                               "import", NULL, after)
	               : -1;
	free(after);
	if (rc < 0)
		return -1;
	*entity_list_push(&cs->ents) = e;
	cs->touched = xgrow(cs->touched, &cs->captouched, cs->ents.n, 1);
	cs->touched[cs->ents.n - 1] = 1;
	im->cur.entities++;
	return 0;
}

static int csv_file(struct import *im, FILE *f, const char *path, const char *name,
                    const char *source)
{
	if (file_begin(im, path, name, source) < 0)
		return -1;
	im->csv = xcalloc(1, sizeof *im->csv);
	int ok = fmt_csv_read(f, im->shown, im->o.replace_invalid, csv_apply, reader_note, im) == 0 &&
	         csv_article_done(im) == 0;
	csv_state_free(im->csv);
	im->csv = NULL;
	if (!ok)
		report(im, _("%s; nothing of this file was imported"), err_msg());
	return file_end(im, ok);
}

/* ---- JSON Lines, doccano, Prodigy, CoNLL, CSV: read from a stream -------- */

static int read_docs(struct import *im, FILE *f, enum import_format fmt)
{
	switch (fmt) {
	case IMPORT_DOCCANO:
		return fmt_json_lines(im->st, f, im->shown, im->o.replace_invalid, store_json_doccano,
		                      jsonl_doc, im);
	case IMPORT_PRODIGY:
		return fmt_json_lines(im->st, f, im->shown, im->o.replace_invalid, store_json_prodigy,
		                      jsonl_doc, im);
	case IMPORT_CONLL:
		return fmt_conll_read(f, im->shown, im->o.replace_invalid, jsonl_doc, reader_note, im);
	default:
		return fmt_jsonl_stream(im->st, f, im->shown, im->o.replace_invalid, jsonl_doc, im);
	}
}

static int jsonl_file(struct import *im, FILE *f, const char *path, const char *name,
                      const char *source, enum import_format fmt)
{
	if (fmt == IMPORT_CSV)
		return csv_file(im, f, path, name, source);
	if (file_begin(im, path, name, source) < 0)
		return -1;
	/* many documents: index them in one go at the end */
	int ok = store_bulk_begin(im->st) == 0 && read_docs(im, f, fmt) == 0;
	if (store_bulk_end(im->st, ok) < 0)
		ok = 0;
	if (!ok)
		report(im, _("%s; nothing of this file was imported"), err_msg());
	return file_end(im, ok);
}

static int open_jsonl(struct import *im, const char *path, const char *name,
                      const char *source, enum import_format fmt)
{
	FILE *f = input_open(path);
	if (!f) {
		report(im, "%s", err_msg());
		im->total.failed++;
		return -1;
	}
	int rc = jsonl_file(im, f, path, name, source, fmt);
	input_close(f);
	return rc;
}

static int from_stdin(struct import *im)
{
	enum import_format f = im->o.format;
	if (f == IMPORT_AUTO) {
		int c = getc(stdin);
		if (c != EOF)
			ungetc(c, stdin);
		f = c == '{' ? IMPORT_JSONL : IMPORT_TEXT;
	}
	if (f == IMPORT_TEXT)
		return text_file(im, "-", "stdin", "stdin");
	if (f == IMPORT_BRAT) {
		report(im, _("standard input: brat documents are pairs of files in a directory"));
		im->total.failed++;
		return -1;
	}
	return jsonl_file(im, stdin, "-", "stdin", "stdin", f);
}

/* ---- brat: NAME.txt and NAME.ann pairs ------------------------------------ */

/* Import the pair dir/stem.txt and dir/stem.ann (either may be missing);
 * rel is stem relative to the directory given (the external id). */
static int brat_pair(struct import *im, const char *txt, const char *ann, const char *rel)
{
	if (!txt) {
		char *want = xstrdup(ann);
		memcpy(want + strlen(want) - 4, ".txt", 4);
		report(im, _("%s: no %s beside it; skipped"), ann, want);
		free(want);
		im->total.failed++;
		return -1;
	}
	char *id = fmt_brat_id(rel, strlen(rel));
	if (file_begin(im, txt, id, txt) < 0) {
		free(id);
		return -1;
	}
	im->items = ann ? ann : txt;
	struct doc d;
	int ok = fmt_brat_read(txt, ann, &d, reader_note, im) == 0;
	if (ok) {
		ok = store_doc(im, &d, 0) == 0;
		doc_finish(&d);
	}
	if (!ok)
		report(im, _("%s; nothing of this document was imported"), err_msg());
	int rc = file_end(im, ok);
	free(id);
	return rc;
}

/* The part of a path before its last 4 bytes (".txt", ".ann"). */
static char *stem_of(const char *path)
{
	return xstrndup(path, strlen(path) - 4);
}

/* A list of the files under a directory, sorted, as paths relative to
 * it. */
struct filelist {
	char **v;
	size_t n, cap;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect the files under root/rel whose names end in one of suffixes;
 * hidden files and directories are left out, symbolic links to
 * directories not followed.  Reports unreadable directories. */
static int walk(struct import *im, const char *root, const char *rel, const char *const *suffixes,
                struct filelist *out, int depth)
{
	char *dir = rel[0] ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	if (!d) {
		report(im, "%s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	struct filelist here = { 0 };
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		here.v = xgrow(here.v, &here.cap, here.n + 1, sizeof *here.v);
		here.v[here.n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (here.n)
		qsort(here.v, here.n, sizeof *here.v, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < here.n; i++) {
		char *sub = rel[0] ? xasprintf("%s/%s", rel, here.v[i]) : xstrdup(here.v[i]);
		char *full = xasprintf("%s/%s", dir, here.v[i]);
		struct stat sb;
		if (lstat(full, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (depth < 64 && walk(im, root, sub, suffixes, out, depth + 1) < 0)
				rc = -1;
			free(sub);
		} else {
			int match = 0;
			for (const char *const *s = suffixes; *s && !match; s++)
				match = has_suffix(here.v[i], *s);
			if (match && stat(full, &sb) == 0 && S_ISDIR(sb.st_mode))
				match = 0;
			if (match) {
				out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
				out->v[out->n++] = sub;
			} else {
				free(sub);
			}
		}
		free(full);
		free(here.v[i]);
	}
	free(here.v);
	free(dir);
	return rc;
}

/* A brat directory: its NAME.txt and NAME.ann files, in pairs. */
static int brat_directory(struct import *im, const char *path, size_t plen,
                          struct filelist *files)
{
	/* sorted by path, so a stem's .ann comes before its .txt unless some
	 * other name sorts between them: sort the stems instead */
	char **stems = xmalloc((files->n + 1) * sizeof *stems);
	for (size_t i = 0; i < files->n; i++) {
		size_t n = strlen(files->v[i]);
		/* the stem, a NUL, then the kind: 'a' or 't' */
		stems[i] = xmalloc(n + 1);
		memcpy(stems[i], files->v[i], n - 4);
		stems[i][n - 4] = '\0';
		stems[i][n - 3] = (char)(files->v[i][n - 3] | 0x20);
		stems[i][n - 2] = '\0';
	}
	if (files->n)
		qsort(stems, files->n, sizeof *stems, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < files->n;) {
		size_t j = i;
		int has_ann = 0, has_txt = 0;
		while (j < files->n && strcmp(stems[j], stems[i]) == 0) {
			char kind = stems[j][strlen(stems[j]) + 1];
			has_ann |= kind == 'a';
			has_txt |= kind == 't';
			j++;
		}
		char *txt = xasprintf("%.*s/%s.txt", (int)plen, path, stems[i]);
		char *ann = xasprintf("%.*s/%s.ann", (int)plen, path, stems[i]);
		/* the file names may have upper-case extensions: look for them */
		for (size_t k = 0; k < files->n; k++) {
			size_t n = strlen(files->v[k]);
			if (n - 4 != strlen(stems[i]) || memcmp(files->v[k], stems[i], n - 4) != 0)
				continue;
			char *full = xasprintf("%.*s/%s", (int)plen, path, files->v[k]);
			if ((files->v[k][n - 3] | 0x20) == 'a') {
				free(ann);
				ann = full;
			} else {
				free(txt);
				txt = full;
			}
		}
		if (brat_pair(im, has_txt ? txt : NULL, has_ann ? ann : NULL, stems[i]) < 0)
			rc = -1;
		free(txt);
		free(ann);
		i = j;
	}
	for (size_t i = 0; i < files->n; i++)
		free(stems[i]);
	free(stems);
	return rc;
}

static int directory(struct import *im, const char *path, enum import_format f)
{
	/* gzip-compressed files too (not in brat's pairs) */
	static const char *const txt[] = { ".txt", ".txt.gz", NULL };
	static const char *const jsonl[] = { ".jsonl", ".json", ".jsonl.gz", ".json.gz", NULL };
	static const char *const csv[] = { ".csv", ".csv.gz", NULL };
	static const char *const conll[] = { ".conll", ".iob", ".bio", ".conll.gz", ".iob.gz",
	                                     ".bio.gz", NULL };
	static const char *const brat[] = { ".txt", ".ann", NULL };
	const char *const *suffixes = txt;
	const char *none = _("%s: no reports (*.txt files) in this directory");
	switch (f) {
	case IMPORT_JSONL:
	case IMPORT_DOCCANO:
	case IMPORT_PRODIGY:
		suffixes = jsonl;
		none = _("%s: no JSON Lines files (*.jsonl, *.json) in this directory");
		break;
	case IMPORT_CSV:
		suffixes = csv;
		none = _("%s: no CSV files (*.csv) in this directory");
		break;
	case IMPORT_CONLL:
		suffixes = conll;
		none = _("%s: no CoNLL files (*.conll, *.iob, *.bio) in this directory");
		break;
	case IMPORT_BRAT:
		suffixes = brat;
		none = _("%s: no brat documents (*.txt, *.ann) in this directory");
		break;
	default:
		break;
	}
	struct filelist files = { 0 };
	int rc = walk(im, path, "", suffixes, &files, 0);
	if (rc < 0)
		im->total.failed++;
	if (files.n == 0 && rc == 0) {
		report(im, none, path);
		im->total.failed++;
		rc = -1;
	}
	/* drop a trailing slash from the path shown */
	size_t plen = strlen(path);
	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	if (f == IMPORT_BRAT && brat_directory(im, path, plen, &files) < 0)
		rc = -1;
	for (size_t i = 0; i < files.n; i++) {
		if (f != IMPORT_BRAT) {
			char *full = xasprintf("%.*s/%s", (int)plen, path, files.v[i]);
			int r = f == IMPORT_TEXT ? text_file(im, full, files.v[i], full)
			                         : open_jsonl(im, full, files.v[i], full, f);
			if (r < 0)
				rc = -1;
			free(full);
		}
		free(files.v[i]);
	}
	free(files.v);
	return rc;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* One brat document named by its .txt or its .ann (--format brat). */
static int brat_file(struct import *im, const char *path)
{
	if (!has_suffix(path, ".txt") && !has_suffix(path, ".ann")) {
		report(im, _("%s: a brat document is a NAME.txt with its NAME.ann"), path);
		im->total.failed++;
		return -1;
	}
	char *stem = stem_of(path);
	char *txt = xasprintf("%s.txt", stem), *ann = xasprintf("%s.ann", stem);
	struct stat sb;
	int has_txt = stat(txt, &sb) == 0, has_ann = stat(ann, &sb) == 0;
	int rc = brat_pair(im, has_txt ? txt : NULL, has_ann ? ann : NULL, base_name(stem));
	free(stem);
	free(txt);
	free(ann);
	return rc;
}

int import_path(struct import *im, const char *path)
{
	if (strcmp(path, "-") == 0)
		return from_stdin(im);
	struct stat sb;
	if (stat(path, &sb) != 0) {
		report(im, "%s: %s", path, strerror(errno));
		im->total.failed++;
		return -1;
	}
	enum import_format f = import_recognise(im->st, path, im->o.format);
	if (S_ISDIR(sb.st_mode))
		return directory(im, path, f);
	switch (f) {
	case IMPORT_TEXT:
		return text_file(im, path, base_name(path), path);
	case IMPORT_BRAT:
		return brat_file(im, path);
	default:
		return open_jsonl(im, path, base_name(path), path, f);
	}
}
