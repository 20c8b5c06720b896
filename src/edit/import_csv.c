/*
 * import_csv.c: CSV import — the rows of an export applied as decisions
 * to the articles already in the database, checked against their text,
 * through the journalled-write path of the analyst's decisions
 * (journal.h).
 */
#include "config.h"
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_impl.h"
#include "journal.h"
#include "formats/formats.h"
#include "lib/input.h"
#include "store/store.h"
#include "text/text.h"
#include "lib/util.h"

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

/* With --reviewed, the articles the rows went to are marked done
 * (journalled, as the browser's D is). */
static int csv_article_done(struct import *im)
{
	struct csv_state *cs = im->csv;
	if (!im->o.reviewed || !cs->article || !cs->applied || cs->state == STATE_DONE)
		return 0;
	im->jg.article = cs->article;
	cs->state = STATE_DONE;
	return journal_set_state(&im->jg, STATE_DONE, "state");
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
	import_place_item(im, r->line, where);
#define SKIP_ROW(...) do { \
		char why_[700]; \
		snprintf(why_, sizeof why_, __VA_ARGS__); \
		import_report(im, _("%s: %s; row skipped"), where, why_); \
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
	if (r->original_type) {
		if (strlen(r->original_type) >= sizeof e.original_type)
			SKIP_ROW(_("the original type is longer than %zu bytes"),
			         sizeof e.original_type - 1);
		e.original_start = r->original_start;
		e.original_end = r->original_end;
		snprintf(e.original_type, sizeof e.original_type, "%s", r->original_type);
	}
	if (e.end == e.start)
		SKIP_ROW(_("%lld-%lld is an empty span"), (long long)e.start, (long long)e.end);
	if (e.end < e.start)
		SKIP_ROW(_("%lld-%lld is a reversed span (it ends before it starts)"),
		         (long long)e.start, (long long)e.end);
	if (e.start < 0 || (size_t)e.end > cs->ncp)
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
	if (import_need_type(im, e.type) < 0)
		return -1;
	/* a referent named by the row: the link restored (else left as it
	 * is); an entity already linked to a referent of that type and name
	 * keeps it, and the file's other rows that name it join it there */
	if (r->referent) {
		int64_t existing = 0;
		struct referent cur;
		if (m >= 0 && cs->ents.v[m].referent &&
		    store_referent_get(im->st, cs->ents.v[m].referent, &cur) == 0) {
			if (strcmp(cur.type, e.type) == 0 && strcmp(cur.name, r->referent) == 0)
				existing = cur.id;
			referent_finish(&cur);
		}
		if (import_named_referent(im, e.type, r->referent, e.status == ENT_ACCEPTED, existing,
		                          &e.referent) < 0)
			return -1;
	}
	if (m >= 0) {
		struct entity *x = &cs->ents.v[m];
		cs->touched[m] = 1;
		/* without a referent cell a link stays, unless the row retypes it */
		int64_t ref = r->referent ? e.referent
		            : strcmp(x->type, e.type) == 0 ? x->referent : 0;
		if (strcmp(x->type, e.type) == 0 && x->status == e.status && x->origin == e.origin &&
		    strcmp(x->annotator, e.annotator) == 0 && x->referent == ref &&
		    (!e.original_type[0] || x->original_type[0])) {
			im->cur.unchanged++;
			return 0;
		}
		x->referent = ref;
		snprintf(x->type, sizeof x->type, "%s", e.type);
		x->status = e.status;
		x->origin = e.origin;
		snprintf(x->annotator, sizeof x->annotator, "%s", e.annotator);
		if (!x->original_type[0] && e.original_type[0]) {
			x->original_start = e.original_start;
			x->original_end = e.original_end;
			memcpy(x->original_type, e.original_type, sizeof x->original_type);
		}
		if (journal_update(&im->jg, x, "import") < 0)
			return -1;
		im->cur.updated++;
		return 0;
	}
	e.no_confidence = 1;
	if (journal_add(&im->jg, &e, "import") < 0)
		return -1;
	*entity_list_push(&cs->ents) = e;
	cs->touched = xgrow(cs->touched, &cs->captouched, cs->ents.n, 1);
	cs->touched[cs->ents.n - 1] = 1;
	im->cur.entities++;
	return 0;
}

int import_csv_file(struct import *im, struct input *in, const char *path, const char *name,
                    const char *source)
{
	if (import_file_begin(im, path, name, source) < 0)
		return -1;
	im->csv = xcalloc(1, sizeof *im->csv);
	int ok = fmt_csv_read(in->f, im->shown, im->o.replace_invalid, csv_apply, import_reader_note, im) == 0 &&
	         csv_article_done(im) == 0;
	csv_state_free(im->csv);
	im->csv = NULL;
	if (!ok) {
		input_read_error(in);
		import_report(im, _("%s; nothing of this file was imported"), err_msg());
	}
	return import_file_end(im, ok);
}

