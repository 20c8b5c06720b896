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
#include "link.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import_impl.h"
#include "annotate.h"
#include "journal.h"
#include "learn.h"
#include "tokenizer.h"
#include "formats/formats.h"
#include "lib/input.h"
#include "lib/sha256.h"
#include "store/store.h"
#include "text/text.h"
#include "lib/util.h"

/* ---- the session ------------------------------------------------------- */


struct import *import_new(struct store *st, const struct import_opts *o)
{
	struct import *im = xcalloc(1, sizeof *im);
	im->st = st;
	im->o = *o;
	if (im->o.max_bytes == 0)
		im->o.max_bytes = INPUT_DEFAULT_LIMIT;
	if (!im->o.annotator || !im->o.annotator[0])
		im->o.annotator = "analyst";
	hmap_init(&im->refmap, 0);
	return im;
}

/* Forget the referents a file named (at the start of each file: those
 * of a file rolled back are gone). */
static void refs_clear(struct import *im)
{
	for (size_t i = 0; i < im->nrefs; i++) {
		free(im->refs[i].type);
		free(im->refs[i].name);
	}
	im->nrefs = 0;
	hmap_clear(&im->refmap);
}

int import_named_referent(struct import *im, const char *type, const char *name, int accepted,
                          int64_t existing, int64_t *id)
{
	struct buf k = BUF_INIT;
	buf_adds(&k, type);
	buf_addc(&k, '\x1f');
	buf_adds(&k, name);
	uint64_t h = hmap_hash(k.data, k.len);
	buf_free(&k);
	uint64_t *v = hmap_get(&im->refmap, h);
	if (v) {
		struct named_referent *r = &im->refs[*v - 1];
		if (strcmp(r->type, type) == 0 && strcmp(r->name, name) == 0) {
			*id = r->id;
			return 0;
		}
		/* a hash clash: look through them all */
		for (size_t i = 0; i < im->nrefs; i++)
			if (strcmp(im->refs[i].type, type) == 0 && strcmp(im->refs[i].name, name) == 0) {
				*id = im->refs[i].id;
				return 0;
			}
	}
	if (existing > 0)
		*id = existing;
	else if (link_new_referent(im->st, type, name, strlen(name), accepted, id) < 0)
		return -1;
	im->refs = xgrow(im->refs, &im->caprefs, im->nrefs + 1, sizeof *im->refs);
	im->refs[im->nrefs].type = xstrdup(type);
	im->refs[im->nrefs].name = xstrdup(name);
	im->refs[im->nrefs].id = *id;
	im->nrefs++;
	if (!v) {
		int added;
		*hmap_put(&im->refmap, h, &added) = im->nrefs;
	}
	return 0;
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
	refs_clear(im);
	free(im->refs);
	hmap_finish(&im->refmap);
	free(im);
	*pim = NULL;
}

void import_report(struct import *im, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	msg_vformat(&msg, fmt, ap);
	va_end(ap);
	if (im->o.message)
		im->o.message(im->o.message_arg, msg.data);
	else
		warnmsg("%s", msg.data);
	buf_free(&msg);
}

/* "FILE" or "FILE:LINE" for messages, into where. */
const char *import_place(struct import *im, size_t line, char where[600])
{
	if (line)
		snprintf(where, 600, "%s:%zu", im->shown, line);
	else
		snprintf(where, 600, "%s", im->shown);
	return where;
}

/* The same for an entity or a row: in the file that holds them. */
const char *import_place_item(struct import *im, size_t line, char where[600])
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
void import_reader_note(void *arg, size_t line, int skipped, const char *msg)
{
	struct import *im = arg;
	char where[600];
	import_report(im, "%s: %s", import_place_item(im, line, where), msg);
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
int import_need_type(struct import *im, const char *type)
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
			import_report(im, _("%s: new entity type %s (colour %s, no key)"), im->shown, type,
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
			import_report(im, _("%s: the id %s is taken by a different report; stored as %s"),
			       import_place(im, line, where), base, id);
			im->cur.renamed++;
			return id;
		}
		free(id);
	}
}

/* Span k of d remapped through c into *out (start, end in the clean
 * text, type mapped): 0 done, 2 dropped (mapped to "-"), 1 skipped
 * (reported). */
static int map_span(struct import *im, struct doc *d, size_t k, struct clean *c,
                    struct cursor *in_cur, struct cursor *out_cur, struct span *out)
{
	struct span *sp = &d->spans[k];
	char where[600];
	import_place_item(im, sp->line ? sp->line : d->line, where);
	const char *type = typemap_apply(im->o.map, sp->type);
	if (!type)
		return 2; /* mapped to "-": not wanted */
#define SKIP(...) do { \
		char why_[400]; \
		snprintf(why_, sizeof why_, __VA_ARGS__); \
		import_report(im, _("%s: entity %zu (%lld-%lld): %s; skipped"), where, k + 1, \
		       (long long)sp->start, (long long)sp->end, why_); \
		im->cur.skipped++; \
		return 1; \
	} while (0)
	if (!entity_type_name_valid(type))
		SKIP(_("'%s' is not a valid type name"), type);
	if (sp->end == sp->start)
		SKIP(_("an empty span"));
	if (sp->end < sp->start)
		SKIP(_("a reversed span (it ends before it starts)"));
	if (sp->start < 0 || (size_t)sp->end > c->in_cps)
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
#undef SKIP
	*out = *sp;
	out->text = NULL;
	out->start = (int64_t)s;
	out->end = (int64_t)e;
	snprintf(out->type, sizeof out->type, "%s", type);
	return 0;
}

/* Store one span of d as an entity of article, remapped through c.
 * 0 stored or dropped, 1 skipped (reported), -1 store error. */
static int store_span(struct import *im, struct doc *d, size_t k, int64_t article,
                      struct clean *c, struct cursor *in_cur, struct cursor *out_cur)
{
	struct span m, *sp = &m;
	int mr = map_span(im, d, k, c, in_cur, out_cur, &m);
	if (mr)
		return mr == 2 ? 0 : mr;
	char where[600];
	import_place_item(im, sp->line ? sp->line : d->line, where);
#define SKIP(...) do { \
		char why_[400]; \
		snprintf(why_, sizeof why_, __VA_ARGS__); \
		import_report(im, _("%s: entity %zu (%lld-%lld): %s; skipped"), where, k + 1, \
		       (long long)d->spans[k].start, (long long)d->spans[k].end, why_); \
		im->cur.skipped++; \
		return 1; \
	} while (0)

	struct entity ent = { 0 };
	ent.article = article;
	ent.start = m.start;
	ent.end = m.end;
	snprintf(ent.type, sizeof ent.type, "%s", m.type);
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
		snprintf(ent.annotator, sizeof ent.annotator, "%.63s", sp->annotator);
	else
		snprintf(ent.annotator, sizeof ent.annotator, "%s", im->o.annotator);
	if (sp->has & SPAN_HAS_CONFIDENCE)
		ent.confidence = sp->confidence;
	else
		ent.no_confidence = 1;
#undef SKIP
	if (import_need_type(im, ent.type) < 0)
		return -1;
	/* a referent named by the file: the link it had, restored */
	if (sp->referent_in &&
	    import_named_referent(im, ent.type, sp->referent_in, ent.status == ENT_ACCEPTED, 0,
	                          &ent.referent) < 0)
		return -1;
	if (journal_add(&im->jg, &ent, "import") < 0)
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
		/* made by the model as it is now: not to be made again */
		if (rc == 0 && im->o.learner)
			rc = store_article_set_detected(im->st, article,
			                                learner_model_generation(im->o.learner));
	}
	doc_finish(&d);
	return rc;
}

/* A reviewed document that is a stored article: the same external id
 * (whose text must be the same), else the same text.  Its entities
 * become the article's (annot_review_in(), a journal group of its own).
 * 1 when it was one (reviewed, or refused and reported), 0 when it is
 * new, -1 on a store error. */
static int reviewed_stored(struct import *im, struct doc *d, struct clean *c, const char *sha)
{
	char where[600];
	int64_t article = 0;
	int r = 0;
	if (d->id && d->id[0]) {
		r = store_article_by_ext_id(im->st, d->id, &article);
		if (r < 0)
			return -1;
		if (r > 0) {
			struct article a;
			if (store_article_get(im->st, article, &a) < 0)
				return -1;
			int same = strcmp(a.sha256, sha) == 0;
			article_finish(&a);
			if (!same) {
				import_report(im, _("%s: the id '%s' names article %lld, whose text differs "
				                    "from this document's; nothing changed"),
				              import_place(im, d->line, where), d->id, (long long)article);
				im->cur.failed++;
				im->file_bad = 1;
				return 1;
			}
		}
	}
	if (!r) {
		r = store_article_by_sha(im->st, sha, &article);
		if (r <= 0)
			return r;
	}
	struct doc gold = { 0 };
	struct cursor in_cur = { c->in, c->in_len, 0, 0 };
	struct cursor out_cur = { c->text, c->len, 0, 0 };
	for (size_t k = 0; k < d->nspans; k++) {
		struct span m;
		int mr = map_span(im, d, k, c, &in_cur, &out_cur, &m);
		if (mr == 1)
			im->file_bad = 1;
		if (mr)
			continue;
		if (import_need_type(im, m.type) < 0) {
			doc_finish(&gold);
			return -1;
		}
		*doc_push_span(&gold) = m;
	}
	struct annot an;
	struct annot_result res;
	annot_init(&an, im->st, im->o.annotator);
	an.learner = im->o.learner;
	r = annot_review_in(&an, article, gold.spans, gold.nspans, &res);
	if (r == 0) {
		im->cur.reviewed++;
		im->cur.entities += gold.nspans;
	}
	doc_finish(&gold);
	return r < 0 ? -1 : 1;
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
		err_set("%s: %s", import_place(im, d->line, where), err_msg());
		return -1;
	}
	if (all_space(c.text, c.len)) {
		import_report(im, _("%s: the text is empty; nothing to import"), import_place(im, d->line, where));
		im->cur.failed++;
		im->file_bad = 1;
		clean_finish(&c);
		return 0;
	}
	char sha[65];
	sha256_hex(c.text, c.len, sha);
	int64_t dup;
	int r;
	if (im->o.reviewed) {
		r = reviewed_stored(im, d, &c, sha);
		if (r < 0)
			goto fail;
		if (r > 0) {
			clean_finish(&c);
			progress(im);
			return 0;
		}
	}
	r = store_article_by_sha(im->st, sha, &dup);
	if (r < 0)
		goto fail;
	if (r) {
		import_report(im, _("%s: a duplicate of article %lld; left as it is"),
		       import_place(im, d->line, where), (long long)dup);
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
		err_set("%s: %s", import_place(im, d->line, where), err_msg());
		clean_finish(&c);
		return -1;
	}
	/* links by the rules, unless the file gave them (then they are its
	 * own, and nothing is linked on top) */
	int named = 0;
	for (size_t k = 0; k < d->nspans && !named; k++)
		named = d->spans[k].referent_in != NULL;
	if (!named &&
	    link_article(im->st, a.id, &(struct link_journal){ &im->jg, "import-link" }) < 0)
		goto fail;
	clean_finish(&c);
	progress(im);
	return 0;
fail:
	err_set("%s: %s", import_place(im, d->line, where), err_msg());
	clean_finish(&c);
	return -1;
}

/* ---- files --------------------------------------------------------------- */

/* Begin a file: its names, a transaction. */
int import_file_begin(struct import *im, const char *path, const char *name,
                      const char *source)
{
	im->path = path;
	im->is_stdin = strcmp(path, "-") == 0;
	im->shown = im->is_stdin ? _("standard input") : path;
	im->name = name;
	im->items = NULL;
	im->source = im->is_stdin ? "stdin" : source;
	journal_group_init(&im->jg, im->st, im->o.annotator, 0);
	refs_clear(im);
	im->file_bad = 0;
	memset(&im->cur, 0, sizeof im->cur);
	im->types_committed = im->ntypes;
	if (store_begin(im->st) < 0) {
		import_report(im, "%s", err_msg());
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
	t->reviewed += c->reviewed;
	t->chars += c->chars;
	t->bytes += c->bytes;
}

/* End a file: commit when ok, else roll back everything of it. */
int import_file_end(struct import *im, int ok)
{
	if (ok && store_commit(im->st) < 0) {
		import_report(im, "%s", err_msg());
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

/* Import the whole of in as one report. */
static int text_input(struct import *im, struct input *in, const char *path, const char *name,
                      const char *source)
{
	char *data;
	size_t len;
	if (input_read_all(in, &data, &len) < 0) {
		import_report(im, "%s", err_msg());
		im->total.failed++;
		return -1;
	}
	if (import_file_begin(im, path, name, source) < 0) {
		free(data);
		return -1;
	}
	struct doc d = { 0 };
	d.text = data;
	d.text_len = len;
	int ok = store_doc(im, &d, 0) == 0;
	if (!ok)
		import_report(im, "%s", err_msg());
	free(data);
	return import_file_end(im, ok);
}

int import_text_file(struct import *im, const char *path, const char *name,
                     const char *source)
{
	struct input *in = input_open(path, im->o.max_bytes);
	if (!in) {
		import_report(im, "%s", err_msg());
		im->total.failed++;
		return -1;
	}
	int rc = text_input(im, in, path, name, source);
	input_close(&in);
	return rc;
}

static int jsonl_doc(struct doc *d, void *arg)
{
	return store_doc(arg, d, 1);
}

/* ---- JSON Lines, doccano, Prodigy, CoNLL, CSV: read from a stream -------- */

static int read_docs(struct import *im, FILE *f, enum import_format fmt)
{
	int replace = im->o.replace_invalid;
	switch (fmt) {
	case IMPORT_DOCCANO:
		return fmt_json_lines(f, im->shown, replace, FMT_JSON_DOCCANO, jsonl_doc, im);
	case IMPORT_PRODIGY:
		return fmt_json_lines(f, im->shown, replace, FMT_JSON_PRODIGY, jsonl_doc, im);
	case IMPORT_CONLL: {
		struct tokenizer tk;
		tokenizer_init(&tk);
		int rc = fmt_conll_read(f, im->shown, replace, &tk.fmt, jsonl_doc, import_reader_note,
		                        im);
		tokenizer_finish(&tk);
		return rc;
	}
	default:
		return fmt_json_lines(f, im->shown, replace, FMT_JSON_CORPUS, jsonl_doc, im);
	}
}

static int jsonl_file(struct import *im, struct input *in, const char *path, const char *name,
                      const char *source, enum import_format fmt)
{
	if (fmt == IMPORT_CSV)
		return import_csv_file(im, in, path, name, source);
	if (import_file_begin(im, path, name, source) < 0)
		return -1;
	/* many documents: index them in one go at the end */
	/* reviewed documents may change stored articles, which the bulk mode
	 * does not allow */
	int ok = (im->o.reviewed || store_bulk_begin(im->st) == 0) && read_docs(im, in->f, fmt) == 0;
	if (!ok)
		input_read_error(in);
	if (store_bulk_end(im->st, ok) < 0)
		ok = 0;
	if (!ok)
		import_report(im, _("%s; nothing of this file was imported"), err_msg());
	return import_file_end(im, ok);
}

int import_open_jsonl(struct import *im, const char *path, const char *name,
                      const char *source, enum import_format fmt)
{
	struct input *in = input_open(path, im->o.max_bytes);
	if (!in) {
		import_report(im, "%s", err_msg());
		im->total.failed++;
		return -1;
	}
	int rc = jsonl_file(im, in, path, name, source, fmt);
	input_close(&in);
	return rc;
}

static int from_stdin(struct import *im)
{
	/* open it first: a gzip stream is recognised (and inflated) there,
	 * so the format is told by what it holds */
	struct input *in = input_open("-", im->o.max_bytes);
	if (!in) {
		import_report(im, "%s", err_msg());
		im->total.failed++;
		return -1;
	}
	enum import_format f = im->o.format;
	if (f == IMPORT_AUTO) {
		int c = getc(in->f);
		if (c != EOF)
			ungetc(c, in->f);
		f = c == '{' ? IMPORT_JSONL : IMPORT_TEXT;
	}
	int rc;
	if (f == IMPORT_TEXT) {
		rc = text_input(im, in, "-", "stdin", "stdin");
	} else if (f == IMPORT_BRAT) {
		import_report(im, _("standard input: brat documents are pairs of files in a directory"));
		im->total.failed++;
		rc = -1;
	} else {
		rc = jsonl_file(im, in, "-", "stdin", "stdin", f);
	}
	input_close(&in);
	return rc;
}

/* ---- brat: NAME.txt and NAME.ann pairs ------------------------------------ */

/* Import the pair dir/stem.txt and dir/stem.ann (either may be missing);
 * rel is stem relative to the directory given (the external id). */
int import_brat_pair(struct import *im, const char *txt, const char *ann, const char *rel)
{
	if (!txt) {
		char *want = xstrdup(ann);
		memcpy(want + strlen(want) - 4, ".txt", 4);
		import_report(im, _("%s: no %s beside it; skipped"), ann, want);
		free(want);
		im->total.failed++;
		return -1;
	}
	char *id = fmt_brat_id(rel, strlen(rel));
	if (import_file_begin(im, txt, id, txt) < 0) {
		free(id);
		return -1;
	}
	im->items = ann ? ann : txt;
	struct doc d;
	int ok = fmt_brat_read(txt, ann, im->o.replace_invalid, im->o.max_bytes, &d,
	                       import_reader_note, im) == 0;
	if (ok) {
		ok = store_doc(im, &d, 0) == 0;
		doc_finish(&d);
	}
	if (!ok)
		import_report(im, _("%s; nothing of this document was imported"), err_msg());
	int rc = import_file_end(im, ok);
	free(id);
	return rc;
}

/* The part of a path before its last 4 bytes (".txt", ".ann"). */
static char *stem_of(const char *path)
{
	return xstrndup(path, strlen(path) - 4);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* One brat document named by its .txt or its .ann (--format brat). */
static int brat_file(struct import *im, const char *path)
{
	if (!import_has_suffix(path, ".txt") && !import_has_suffix(path, ".ann")) {
		import_report(im, _("%s: a brat document is a NAME.txt with its NAME.ann"), path);
		im->total.failed++;
		return -1;
	}
	char *stem = stem_of(path);
	char *txt = xasprintf("%s.txt", stem), *ann = xasprintf("%s.ann", stem);
	struct stat sb;
	int has_txt = stat(txt, &sb) == 0, has_ann = stat(ann, &sb) == 0;
	int rc = import_brat_pair(im, has_txt ? txt : NULL, has_ann ? ann : NULL, base_name(stem));
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
		import_report(im, "%s: %s", path, strerror(errno));
		im->total.failed++;
		return -1;
	}
	enum import_format f = import_recognise(path, im->o.format);
	if (S_ISDIR(sb.st_mode))
		return import_directory(im, path, f);
	switch (f) {
	case IMPORT_TEXT:
		return import_text_file(im, path, base_name(path), path);
	case IMPORT_BRAT:
		return brat_file(im, path);
	default:
		return import_open_jsonl(im, path, base_name(path), path, f);
	}
}
