/*
 * annotate.c: the analyst's editing operations (see annotate.h).  Each
 * public function is one transaction: begin, re-read, check, write and
 * journal, describe, commit; any failure rolls the whole keystroke back.
 */
#include "config.h"
#include "annotate.h"
#include "annotate_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "journal.h"
#include "learn.h"
#include "lib/doc.h"
#include "link.h"
#include "store/store.h"
#include "text/text.h"
#include "lib/util.h"

/* Longest entity text quoted on the status line, in grapheme clusters
 * and in bytes. */
enum { CLIP_GRAPHEMES = 40, CLIP_BYTES = 120 };

void annot_init(struct annot *a, struct store *st, const char *annotator)
{
	a->st = st;
	memset(&a->seen, 0, sizeof a->seen);
	if (!annotator || !*annotator)
		annotator = "analyst";
	size_t n = strlen(annotator);
	if (n >= sizeof a->annotator) {
		n = sizeof a->annotator - 1;
		while (n > 0 && ((unsigned char)annotator[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(a->annotator, annotator, n);
	a->annotator[n] = '\0';
	a->learner = NULL;
}

/* ---- transactions and journal groups ---------------------------------- */

/* The journal group of one keystroke is a struct annot_group
 * (annotate_impl.h). */

static struct annot_group group_of(struct annot *a, int64_t article)
{
	struct annot_group g;
	g.a = a;
	journal_group_init(&g.j, a->st, a->annotator, article);
	return g;
}

static int begin(struct annot *a, struct annot_result *r)
{
	memset(r, 0, sizeof *r);
	return store_begin(a->st);
}

/* Commit when rc is 0, roll back otherwise; returns 0 or -1. */
static int finish(struct annot *a, int rc)
{
	if (rc < 0) {
		store_rollback(a->st);
		return -1;
	}
	return store_commit(a->st);
}

/* Write e's fields (e->id names the row) and journal the change. */
static int change(struct annot_group *g, const struct entity *e, const char *action)
{
	return journal_update(&g->j, e, action);
}

/* e decided by the group's analyst: its status set, the analyst its
 * annotator, and the change written and journalled (see change()). */
static int decide_entity(struct annot_group *g, struct entity *e, enum entity_status status,
                         const char *action)
{
	e->status = status;
	snprintf(e->annotator, sizeof e->annotator, "%s", g->a->annotator);
	return change(g, e, action);
}

/* Insert e (e->id set) and journal it. */
static int add(struct annot_group *g, struct entity *e, const char *action)
{
	return journal_add(&g->j, e, action);
}

/* Set the article's review state and journal it (an article row). */
static int set_state(struct annot_group *g, enum article_state s, const char *action)
{
	return journal_set_state(&g->j, s, action);
}

/* After the decisions of a group: the entities they left without a
 * referent are linked (journalled in the group, so undo unlinks them),
 * and the first decision in a new article makes it in progress. */
static int mark_started(struct annot_group *g)
{
	if (g->j.rows == 0)
		return 0;
	struct link_journal lj = { &g->j, "link" };
	if (link_article(g->a->st, g->j.article, &lj) < 0)
		return -1;
	enum article_state s;
	if (store_edit_state(g->a->st, g->j.article, &s) < 0)
		return -1;
	return s == STATE_NEW ? set_state(g, STATE_IN_PROGRESS, "state") : 0;
}

/* ---- descriptions for the status line ---------------------------------- */

/* s for the status line: white space and controls as spaces, cut to
 * CLIP_GRAPHEMES clusters (and CLIP_BYTES bytes) with an ellipsis. */
static char *clip(const char *s)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s), i = 0;
	buf_adds(&b, "");
	for (int n = 0; i < len; n++) {
		size_t j = text_grapheme_end(s, len, i);
		if (n == CLIP_GRAPHEMES || b.len + (j - i) > CLIP_BYTES) {
			buf_adds(&b, "\xE2\x80\xA6");
			break;
		}
		size_t k = i;
		int32_t c = text_decode(s, len, &k);
		if (text_is_space(c) || text_is_control(c))
			buf_addc(&b, ' ');
		else
			buf_add(&b, s + i, j - i);
		i = j;
	}
	return buf_steal(&b);
}

/* The row a group is about: its "done" row (an article marked done,
 * with whatever was decided with it), else its first entity row that is
 * not a replacement (else its first row). */
static const struct journal_row *primary_row(const struct journal_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].action, "done") == 0)
			return &l->v[i];
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].entity && strcmp(l->v[i].action, "replace") != 0)
			return &l->v[i];
	}
	return l->n ? &l->v[0] : NULL;
}

static void describe_rows(struct annot *a, const struct journal_list *l, char *out, size_t size)
{
	const struct journal_row *p = primary_row(l);
	int nent = 0;
	for (size_t i = 0; i < l->n; i++)
		nent += l->v[i].entity != 0 && strcmp(l->v[i].action, "link") != 0;
	if (!p) {
		snprintf(out, size, "?");
		return;
	}
	if (strcmp(p->action, "done") == 0) {
		char *title = store_edit_title(a->st, p->article);
		char *t = clip(title ? title : "");
		/* the suggestions decided with it, all one way */
		const char *how = NULL;
		for (size_t i = 0; i < l->n && !how; i++)
			if (l->v[i].entity)
				how = l->v[i].action;
		if (how && strcmp(how, "accept") == 0)
			snprintf(out, size, _("mark done '%s', accepting %d"), t, nent);
		else if (how)
			snprintf(out, size, _("mark done '%s', rejecting %d"), t, nent);
		else
			snprintf(out, size, _("mark done '%s'"), t);
		free(t);
		free(title);
		return;
	}
	if (strcmp(p->action, "accept-all") == 0) {
		snprintf(out, size, _("accept all suggestions (%d)"), nent);
		return;
	}
	/* the primary entity as the group left it (a run of resizes has
	 * several rows of it), and the other entities it changed */
	const char *snap = NULL;
	int others = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].action, "link") == 0 || !l->v[i].entity)
			continue;
		if (l->v[i].entity == p->entity)
			snap = l->v[i].after ? l->v[i].after : l->v[i].before;
		else
			others++;
	}
	struct entity e;
	if (!snap || store_edit_snapshot_entity(a->st, snap, &e) < 0) {
		snprintf(out, size, "%s", p->action);
		return;
	}
	char *text = store_edit_span_text(a->st, e.article, e.start, e.end);
	char *t = clip(text ? text : "");
	free(text);
	if (strcmp(p->action, "accept") == 0)
		snprintf(out, size, _("accept %s '%s'"), e.type, t);
	else if (strcmp(p->action, "reject") == 0)
		snprintf(out, size, _("reject %s '%s'"), e.type, t);
	else if (strcmp(p->action, "retype") == 0)
		snprintf(out, size, _("set type %s '%s'"), e.type, t);
	else if (strcmp(p->action, "resize") == 0 && others > 0)
		snprintf(out, size, _("resize %s '%s' (replacing %d)"), e.type, t, others);
	else if (strcmp(p->action, "resize") == 0)
		snprintf(out, size, _("resize %s '%s'"), e.type, t);
	else if (strcmp(p->action, "create") == 0 && others > 0)
		snprintf(out, size, _("create %s '%s' (replacing %d)"), e.type, t, others);
	else if (strcmp(p->action, "create") == 0)
		snprintf(out, size, _("create %s '%s'"), e.type, t);
	else if (strcmp(p->action, "propagate") == 0 && e.status == ENT_REJECTED)
		snprintf(out, size, _("reject '%s' everywhere (%d changed)"), t, nent);
	else if (strcmp(p->action, "propagate") == 0)
		snprintf(out, size, _("accept %s '%s' everywhere (%d changed)"), e.type, t, nent);
	else if (strcmp(p->action, "bulk") == 0 && e.status == ENT_REJECTED)
		snprintf(out, size, nent == 1 ? _("reject %d mention like '%s'")
		                              : _("reject %d mentions like '%s'"), nent, t);
	else if (strcmp(p->action, "bulk") == 0)
		snprintf(out, size, nent == 1 ? _("accept %d mention like %s '%s'")
		                              : _("accept %d mentions like %s '%s'"), nent, e.type, t);
	else if (strcmp(p->action, "split") == 0)
		snprintf(out, size, _("split '%s' off its referent"), t);
	else if (strcmp(p->action, "merge") == 0)
		snprintf(out, size, nent == 1 ? _("merge %d mention like '%s'")
		                              : _("merge %d mentions like '%s'"), nent, t);
	else
		snprintf(out, size, "%s %s '%s'", p->action, e.type, t);
	free(t);
}

/* The rows of the analyst's group grp, or for an undo or a redo those of
 * the decision it reverses or re-applies, into l (emptied first). */
static int original(struct annot *a, int64_t grp, struct journal_list *l)
{
	/* redo -> the undo it reverses -> the group that undid: follow the
	 * chain to a decision (bounded, in case of a damaged journal). */
	for (int depth = 0; depth < 10000 && grp > 0; depth++) {
		journal_list_finish(l);
		if (store_edit_group(a->st, a->annotator, grp, l) < 0)
			return -1;
		if (l->n == 0)
			break;
		if (strcmp(l->v[0].action, "undo") != 0 && strcmp(l->v[0].action, "redo") != 0)
			return 0;
		grp = l->v[0].undo_of;
	}
	journal_list_finish(l);
	err_set(_("journal group %lld is damaged"), (long long)grp);
	return -1;
}

/* Describe group grp of the analyst ("accept PERSON 'Zakir Hasanov'"). */
static void describe(struct annot *a, int64_t grp, char *out, size_t size)
{
	struct journal_list l = { 0 };
	if (original(a, grp, &l) == 0)
		describe_rows(a, &l, out, size);
	else
		snprintf(out, size, "?");
	journal_list_finish(&l);
}

/* Fill r after a group was written. */
static void report(struct annot_group *g, struct annot_result *r, int64_t focus)
{
	r->article = g->j.article;
	r->entity = focus;
	r->changed = g->j.rows;
	if (g->j.grp > 0)
		describe(g->a, g->j.grp, r->msg, sizeof r->msg);
}

/* ---- reading and checking ------------------------------------------- */

void annot_seen(struct annot *a, const struct entity *drawn)
{
	a->seen.id = drawn->id;
	a->seen.start = drawn->start;
	a->seen.end = drawn->end;
	snprintf(a->seen.type, sizeof a->seen.type, "%s", drawn->type);
	a->seen.status = (int)drawn->status;
}

/* "4 s", "3 min", "2 h", "5 days": how long ago the UTC time t
 * ("YYYY-MM-DDTHH:MM:SSZ") was, into out. */
static void age(const char *t, char *out, size_t size)
{
	struct tm tm = { 0 };
	if (!t || sscanf(t, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	                 &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(out, size, "%s", _("a while"));
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	double s = difftime(time(NULL), timegm(&tm));
	if (s < 0)
		s = 0;
	if (s < 120)
		snprintf(out, size, _("%.0f s"), s);
	else if (s < 7200)
		snprintf(out, size, _("%.0f min"), s / 60);
	else if (s < 172800)
		snprintf(out, size, _("%.0f h"), s / 3600);
	else
		snprintf(out, size, _("%.0f days"), s / 86400);
}

/* Refuse to decide on e when someone changed it since it was drawn
 * (annot_seen()); the expectation is used up either way. */
static int check_seen(struct annot *a, const struct entity *e)
{
	struct entity_seen seen = a->seen;
	a->seen.id = 0;
	if (seen.id != e->id)
		return 0;
	int status = seen.status != (int)e->status, type = strcmp(seen.type, e->type) != 0;
	int span = seen.start != e->start || seen.end != e->end;
	if (!status && !type && !span)
		return 0;
	/* re-detection replaces suggestions: not a decision to protect */
	if (e->status == ENT_SUGGESTED && e->origin == ORIGIN_DETECTOR)
		return 0;
	char when[32];
	age(e->updated_at, when, sizeof when);
	if (status)
		err_set(_("%s by %s %s ago: press again to override"), entity_status_name(e->status),
		        e->annotator, when);
	else if (type)
		err_set(_("made %s by %s %s ago: press again to override"), e->type, e->annotator,
		        when);
	else
		err_set(_("resized to %lld-%lld by %s %s ago: press again to override"),
		        (long long)e->start, (long long)e->end, e->annotator, when);
	return -1;
}

static int load_entity(struct annot *a, int64_t id, struct entity *e)
{
	int rc = store_edit_get(a->st, id, e);
	if (rc == 1) {
		a->seen.id = 0;
		err_set(_("entity %lld no longer exists: another process changed the article"),
		        (long long)id);
		return -1;
	}
	if (rc == 0 && check_seen(a, e) < 0)
		return -1;
	return rc;
}

/* Entity id into *e and its article into *art (article_finish() it
 * whatever this returns). */
static int load_entity_article(struct annot *a, int64_t id, struct entity *e,
                               struct article *art)
{
	int rc = load_entity(a, id, e);
	if (rc == 0)
		rc = store_article_get(a->st, e->article, art);
	return rc;
}

static int check_type(struct annot *a, const char *type)
{
	int rc = store_type_get(a->st, type, NULL);
	if (rc == 0) {
		err_set(_("no entity type '%s'"), type);
		return -1;
	}
	return rc < 0 ? -1 : 0;
}

/* The text of code points [start, end) of art (owned). */
static char *span_text(const struct article *art, int64_t start, int64_t end)
{
	size_t bs = text_cp_to_byte(art->text, art->text_len, (size_t)start);
	size_t be = text_cp_to_byte(art->text, art->text_len, (size_t)end);
	return xstrndup(art->text + bs, be - bs);
}

static int check_span(const struct article *art, int64_t start, int64_t end)
{
	size_t ncp = text_cp_len(art->text, art->text_len);
	if (start < 0) {
		err_set(_("the entity would start before the text"));
		return -1;
	}
	if (end > (int64_t)ncp) {
		err_set(_("the entity would end past the text"));
		return -1;
	}
	if (end <= start) {
		err_set(_("the entity would be empty"));
		return -1;
	}
	int64_t edge[2] = { start, end };
	for (int i = 0; i < 2; i++) {
		size_t b = text_cp_to_byte(art->text, art->text_len, (size_t)edge[i]);
		if (!text_is_grapheme_boundary(art->text, art->text_len, b)) {
			err_set(_("the entity would split a character at offset %lld"),
			        (long long)edge[i]);
			return -1;
		}
	}
	return 0;
}

static int highlighted(const struct entity *e)
{
	return e->status != ENT_REJECTED;
}

static int overlaps(const struct entity *e, int64_t start, int64_t end)
{
	return e->start < end && start < e->end;
}

/* ---- decisions on one entity ------------------------------------------- */

/* Accept (type NULL: keep it) or reject entity id. */
static int decide(struct annot *a, int64_t id, enum entity_status status, const char *type,
                  struct annot_result *r)
{
	if (begin(a, r) < 0)
		return -1;
	struct entity e;
	struct annot_group g = group_of(a, 0);
	int rc = load_entity(a, id, &e);
	if (rc == 0 && type)
		rc = check_type(a, type);
	if (rc == 0) {
		g.j.article = e.article;
		int retype = type && strcmp(type, e.type) != 0;
		if (e.status == status && !retype) {
			r->article = e.article;
			r->entity = e.id;
			if (status == ENT_REJECTED)
				snprintf(r->msg, sizeof r->msg, _("already rejected"));
			else if (type)
				snprintf(r->msg, sizeof r->msg, _("already %s"), e.type);
			else
				snprintf(r->msg, sizeof r->msg, _("already accepted"));
			return finish(a, 0);
		}
		if (retype) {
			snprintf(e.type, sizeof e.type, "%s", type);
			e.referent = 0; /* of another type now: linked again */
		}
		rc = decide_entity(&g, &e, status,
		                   retype ? "retype" : status == ENT_REJECTED ? "reject" : "accept");
	}
	if (rc == 0)
		rc = mark_started(&g);
	if (rc == 0)
		report(&g, r, e.id);
	return finish(a, rc);
}

int annot_accept(struct annot *a, int64_t e, struct annot_result *r)
{
	return decide(a, e, ENT_ACCEPTED, NULL, r);
}

int annot_reject(struct annot *a, int64_t e, struct annot_result *r)
{
	return decide(a, e, ENT_REJECTED, NULL, r);
}

int annot_set_type(struct annot *a, int64_t e, const char *type, struct annot_result *r)
{
	return decide(a, e, ENT_ACCEPTED, type, r);
}

int annot_type_of_key(struct annot *a, int key, char name[64])
{
	int rc = key >= 1 && key <= 9 ? store_type_of_hotkey(a->st, key, name) : 0;
	if (rc == 0) {
		err_set(_("no entity type has the key %d"), key);
		return -1;
	}
	return rc < 0 ? -1 : 0;
}

/* ---- resizing ---------------------------------------------------------- */

/* Give e (read in this transaction, of article art) the span [start,
 * end) and accept it. */
/* The group a resize of e continues: the analyst's latest group, when it
 * began with a resize of e and nobody changed e since its newest row there
 * (the link rows that follow a resize are e's rows too); else 0 (-1 on
 * an error). */
static int64_t resize_to_continue(struct annot *a, const struct entity *e)
{
	int64_t last;
	if (store_edit_last_group(a->st, a->annotator, &last) < 0)
		return -1;
	if (last == 0)
		return 0;
	struct journal_list l = { 0 };
	if (store_edit_group(a->st, a->annotator, last, &l) < 0)
		return -1;
	int64_t grp = 0;
	if (l.n > 0 && l.v[0].entity == e->id && strcmp(l.v[0].action, "resize") == 0) {
		size_t i = l.n;
		while (i-- > 0 && l.v[i].entity != e->id)
			;
		if (l.v[i].after && store_edit_matches(a->st, e->id, l.v[i].after) == 1)
			grp = last;
	}
	journal_list_finish(&l);
	return grp;
}

static int resize_in(struct annot *a, struct entity *e, const struct article *art,
                     int64_t start, int64_t end, struct annot_result *r)
{
	struct entity_list l = { 0 };
	struct annot_group g = group_of(a, e->article);
	int rc = check_span(art, start, end);
	if (rc == 0)
		rc = store_entities_of(a->st, e->article, &l);
	if (rc < 0)
		goto out;
	if (start == e->start && end == e->end) {
		r->article = e->article;
		r->entity = e->id;
		snprintf(r->msg, sizeof r->msg, _("the span is unchanged"));
		goto out;
	}
	/* The entity's row first (the group is about it), then the
	 * highlighted entities it now overlaps, absorbed: kept as rejected.
	 * A resize right after a resize of the same entity goes into that
	 * group: one undo step for the run of [ ] { }. */
	int64_t grp = resize_to_continue(a, e);
	e->start = start;
	e->end = end;
	e->referent = 0; /* another name now: linked again */
	if (grp < 0) {
		rc = -1;
	} else {
		g.j.grp = grp;
		rc = decide_entity(&g, e, ENT_ACCEPTED, "resize");
	}
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		struct entity *o = &l.v[i];
		if (o->id != e->id && highlighted(o) && overlaps(o, start, end))
			rc = decide_entity(&g, o, ENT_REJECTED, "replace");
	}
	if (rc == 0)
		rc = mark_started(&g);
	if (rc == 0)
		report(&g, r, e->id);
out:
	entity_list_finish(&l);
	return rc;
}

int annot_resize(struct annot *a, int64_t id, int64_t start, int64_t end,
                 struct annot_result *r)
{
	if (begin(a, r) < 0)
		return -1;
	struct entity e;
	struct article art = { 0 };
	int rc = load_entity_article(a, id, &e, &art);
	if (rc == 0)
		rc = resize_in(a, &e, &art, start, end, r);
	article_finish(&art);
	return finish(a, rc);
}

int annot_word_boundary(const char *text, size_t len, size_t b, void *arg)
{
	(void)arg;
	if (b == 0 || b >= len)
		return 1;
	if (!text_is_grapheme_boundary(text, len, b))
		return 0;
	size_t p = b - 1;
	while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
		p--;
	int32_t before = text_decode(text, len, &p);
	size_t n = b;
	int32_t after = text_decode(text, len, &n);
#define WORDCHAR(c) (text_is_letter(c) || text_is_number(c) || text_is_mark(c))
	return !(WORDCHAR(before) && WORDCHAR(after));
#undef WORDCHAR
}

int annot_edge_ok(const char *t, size_t len, size_t b, int end)
{
	return text_span_edge_ok(t, len, b, end);
}

static int cp_start(const char *t, size_t b)
{
	return ((unsigned char)t[b] & 0xC0) != 0x80;
}

/* The byte offset the edge moves to, or (size_t)-1 with err_set(). */
static size_t nudged(const char *t, size_t len, size_t bs, size_t be, enum annot_edge edge,
                     annot_boundary_fn wb, void *arg)
{
	switch (edge) {
	case ANNOT_START_LEFT:
		for (size_t b = bs; b-- > 0;)
			if (cp_start(t, b) && annot_edge_ok(t, len, b, 0) && wb(t, len, b, arg))
				return b;
		err_set(_("there is no word before the entity"));
		break;
	case ANNOT_START_RIGHT:
		for (size_t b = bs + 1; b < be; b++)
			if (cp_start(t, b) && annot_edge_ok(t, len, b, 0) && wb(t, len, b, arg))
				return b;
		err_set(_("the entity would be empty"));
		break;
	case ANNOT_END_LEFT:
		for (size_t b = be - 1; b > bs; b--)
			if (cp_start(t, b) && annot_edge_ok(t, len, b, 1) && wb(t, len, b, arg))
				return b;
		err_set(_("the entity would be empty"));
		break;
	case ANNOT_END_RIGHT:
		for (size_t b = be + 1; b <= len; b++)
			if ((b == len || cp_start(t, b)) && annot_edge_ok(t, len, b, 1) && wb(t, len, b, arg))
				return b;
		err_set(_("there is no word after the entity"));
		break;
	}
	return (size_t)-1;
}

int annot_nudge(struct annot *a, int64_t id, enum annot_edge edge, annot_boundary_fn wb,
                void *arg, struct annot_result *r)
{
	if (!wb)
		wb = annot_word_boundary;
	if (begin(a, r) < 0)
		return -1;
	struct entity e;
	struct article art = { 0 };
	int rc = load_entity_article(a, id, &e, &art);
	if (rc == 0)
		rc = check_span(&art, e.start, e.end);
	if (rc == 0) {
		size_t bs = text_cp_to_byte(art.text, art.text_len, (size_t)e.start);
		size_t be = text_cp_to_byte(art.text, art.text_len, (size_t)e.end);
		size_t b = nudged(art.text, art.text_len, bs, be, edge, wb, arg);
		if (b == (size_t)-1) {
			rc = -1;
		} else {
			int64_t cp = (int64_t)text_byte_to_cp(art.text, art.text_len, b);
			int start_edge = edge == ANNOT_START_LEFT || edge == ANNOT_START_RIGHT;
			rc = resize_in(a, &e, &art, start_edge ? cp : e.start, start_edge ? e.end : cp, r);
		}
	}
	article_finish(&art);
	return finish(a, rc);
}

/* ---- creating ---------------------------------------------------------- */

int annot_create(struct annot *a, int64_t article, int64_t start, int64_t end,
                 const char *type, struct annot_result *r)
{
	if (begin(a, r) < 0)
		return -1;
	struct article art = { 0 };
	struct entity_list l = { 0 };
	struct annot_group g = group_of(a, article);
	int64_t focus = 0;
	int rc = check_type(a, type);
	if (rc == 0)
		rc = store_article_get(a->st, article, &art);
	if (rc == 0)
		rc = check_span(&art, start, end);
	if (rc == 0)
		rc = store_entities_of(a->st, article, &l);
	if (rc < 0)
		goto out;

	/* An entity with exactly this span is labelled rather than doubled:
	 * a highlighted one first, else a rejected one. */
	struct entity *same = NULL;
	int nreplace = 0;
	for (size_t i = 0; i < l.n; i++) {
		struct entity *o = &l.v[i];
		if (o->start == start && o->end == end &&
		    (!same || (highlighted(o) && !highlighted(same))))
			same = o;
	}
	for (size_t i = 0; i < l.n; i++)
		nreplace += &l.v[i] != same && highlighted(&l.v[i]) && overlaps(&l.v[i], start, end);
	if (same && same->status == ENT_ACCEPTED && strcmp(same->type, type) == 0 && !nreplace) {
		r->article = article;
		r->entity = same->id;
		snprintf(r->msg, sizeof r->msg, _("already %s"), type);
		goto out;
	}
	/* The new entity's row first: it is the one the group is about. */
	if (same) {
		if (strcmp(same->type, type) != 0)
			same->referent = 0;
		snprintf(same->type, sizeof same->type, "%s", type);
		rc = decide_entity(&g, same, ENT_ACCEPTED, "create");
		focus = same->id;
	} else {
		struct entity n = { 0 };
		n.article = article;
		n.start = start;
		n.end = end;
		snprintf(n.type, sizeof n.type, "%s", type);
		n.status = ENT_ACCEPTED;
		n.origin = ORIGIN_ANALYST;
		snprintf(n.annotator, sizeof n.annotator, "%s", a->annotator);
		rc = add(&g, &n, "create");
		focus = n.id;
	}
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		struct entity *o = &l.v[i];
		if (o == same || !highlighted(o) || !overlaps(o, start, end))
			continue;
		rc = decide_entity(&g, o, ENT_REJECTED, "replace");
	}
	if (rc == 0)
		rc = mark_started(&g);
	if (rc == 0)
		report(&g, r, focus);
out:
	entity_list_finish(&l);
	article_finish(&art);
	return finish(a, rc);
}

/* ---- propagating ------------------------------------------------------- */

/* The entity of l with exactly [start, end), a suggestion first; or NULL. */
static struct entity *exact(struct entity_list *l, int64_t start, int64_t end)
{
	struct entity *found = NULL;
	for (size_t i = 0; i < l->n; i++) {
		struct entity *o = &l->v[i];
		if (o->start == start && o->end == end &&
		    (!found || (o->status == ENT_SUGGESTED && found->status != ENT_SUGGESTED)))
			found = o;
	}
	return found;
}

static int any_highlighted(const struct entity_list *l, int64_t start, int64_t end)
{
	for (size_t i = 0; i < l->n; i++)
		if (highlighted(&l->v[i]) && overlaps(&l->v[i], start, end))
			return 1;
	return 0;
}

/* Apply f's decision at every other occurrence of its text, name (nlen
 * bytes), in art (whose entities are l): f's own article, or another. */
static int propagate_in(struct annot_group *g, const struct entity *f, const char *name,
                        size_t nlen, const struct article *art, struct entity_list *l,
                        annot_boundary_fn wb, void *arg)
{
	const char *t = art->text;
	size_t len = art->text_len;
	/* f's own span is no other occurrence */
	size_t fs = art->id == f->article ? text_cp_to_byte(t, len, (size_t)f->start) : (size_t)-1;
	int64_t ncp = f->end - f->start;
	size_t p = 0, last_b = 0;
	int64_t last_cp = 0;
	const char *hit;
	while (p + nlen <= len && (hit = memmem(t + p, len - p, name, nlen)) != NULL) {
		p = (size_t)(hit - t);
		size_t q = p + nlen;
		if (p == fs || !text_is_grapheme_boundary(t, len, p) ||
		    !text_is_grapheme_boundary(t, len, q) || !wb(t, len, p, arg) ||
		    !wb(t, len, q, arg)) {
			p++;
			continue;
		}
		last_cp += (int64_t)text_cp_len(t + last_b, p - last_b);
		last_b = p;
		int64_t s = last_cp, e = s + ncp;
		struct entity *x = exact(l, s, e);
		int rc = 0;
		if (x && x->status == ENT_SUGGESTED) {
			if (f->status == ENT_ACCEPTED && strcmp(x->type, f->type) != 0) {
				snprintf(x->type, sizeof x->type, "%s", f->type);
				x->referent = 0;
			}
			rc = decide_entity(g, x, f->status, "propagate");
		} else if (!x && f->status == ENT_ACCEPTED && !any_highlighted(l, s, e)) {
			struct entity n = { 0 };
			n.article = art->id;
			n.start = s;
			n.end = e;
			snprintf(n.type, sizeof n.type, "%s", f->type);
			n.status = ENT_ACCEPTED;
			n.origin = ORIGIN_ANALYST;
			snprintf(n.annotator, sizeof n.annotator, "%s", g->a->annotator);
			rc = add(g, &n, "propagate");
			if (rc == 0)
				*entity_list_push(l) = n;
		}
		if (rc < 0)
			return -1;
		p = q;
	}
	return 0;
}

int annot_propagate(struct annot *a, int64_t id, annot_boundary_fn wb, void *arg,
                    struct annot_result *r)
{
	if (!wb)
		wb = annot_word_boundary;
	if (begin(a, r) < 0)
		return -1;
	struct entity f;
	struct article art = { 0 };
	struct entity_list l = { 0 };
	struct annot_group g = group_of(a, 0);
	int own = 0; /* rows about f itself */
	int rc = load_entity_article(a, id, &f, &art);
	if (rc == 0)
		rc = check_span(&art, f.start, f.end);
	if (rc == 0)
		rc = store_entities_of(a->st, f.article, &l);
	if (rc == 0) {
		g.j.article = f.article;
		if (f.status == ENT_SUGGESTED) {
			own = 1;
			/* '*' on a suggestion: it is right here and everywhere. */
			rc = decide_entity(&g, &f, ENT_ACCEPTED, "propagate");
			for (size_t i = 0; i < l.n; i++)
				if (l.v[i].id == f.id)
					l.v[i] = f;
		}
	}
	if (rc == 0) {
		size_t fs = text_cp_to_byte(art.text, art.text_len, (size_t)f.start);
		size_t fe = text_cp_to_byte(art.text, art.text_len, (size_t)f.end);
		rc = propagate_in(&g, &f, art.text + fs, fe - fs, &art, &l, wb, arg);
	}
	if (rc == 0)
		rc = mark_started(&g);
	if (rc == 0) {
		report(&g, r, f.id);
		if (g.j.rows == own) {
			char *text = span_text(&art, f.start, f.end);
			char *t = clip(text);
			if (own)
				snprintf(r->msg, sizeof r->msg,
				         _("accept %s '%s' (no other occurrence to change)"), f.type, t);
			else
				snprintf(r->msg, sizeof r->msg, _("no other occurrence of '%s' to change"), t);
			free(t);
			free(text);
		}
	}
	entity_list_finish(&l);
	article_finish(&art);
	return finish(a, rc);
}

int annot_propagate_corpus(struct annot *a, int64_t id, int dry_run, struct annot_result *r)
{
	if (begin(a, r) < 0)
		return -1;
	struct entity f;
	struct article own = { 0 };
	int64_t *ids = NULL;
	size_t n = 0, skipped, articles = 0;
	char *name = NULL;
	struct annot_group g = group_of(a, 0);
	int rc = load_entity_article(a, id, &f, &own);
	if (rc == 0)
		rc = check_span(&own, f.start, f.end);
	if (rc == 0 && f.status == ENT_SUGGESTED) {
		g.j.article = f.article;
		rc = decide_entity(&g, &f, ENT_ACCEPTED, "propagate");
	}
	if (rc == 0) {
		size_t fs = text_cp_to_byte(own.text, own.text_len, (size_t)f.start);
		size_t fe = text_cp_to_byte(own.text, own.text_len, (size_t)f.end);
		name = xstrndup(own.text + fs, fe - fs);
		rc = store_articles_to_detect(a->st, 0, 1, &ids, &n, &skipped);
	}
	int own_rows = g.j.rows;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct article art = { 0 };
		struct entity_list l = { 0 };
		rc = store_article_get(a->st, ids[i], &art);
		if (rc == 0)
			rc = store_entities_of(a->st, ids[i], &l);
		int before = g.j.rows;
		g.j.article = ids[i];
		if (rc == 0)
			rc = propagate_in(&g, &f, name, strlen(name), &art, &l, annot_word_boundary, NULL);
		if (rc == 0 && (g.j.rows > before || (ids[i] == f.article && own_rows))) {
			articles++;
			enum article_state st;
			rc = store_edit_state(a->st, ids[i], &st);
			if (rc == 0 && st == STATE_NEW)
				rc = set_state(&g, STATE_IN_PROGRESS, "state");
		}
		entity_list_finish(&l);
		article_finish(&art);
	}
	if (rc == 0) {
		g.j.article = f.article;
		report(&g, r, f.id);
		char *t = clip(name);
		if (f.status == ENT_REJECTED)
			snprintf(r->msg, sizeof r->msg,
			         _("reject '%s' in every article not done: %d changed in %zu articles"),
			         t, g.j.rows, articles);
		else
			snprintf(r->msg, sizeof r->msg,
			         _("accept %s '%s' in every article not done: %d changed in %zu "
			           "articles"), f.type, t, g.j.rows, articles);
		free(t);
	}
	free(name);
	free(ids);
	article_finish(&own);
	if (rc == 0 && dry_run) {
		store_rollback(a->st); /* counted, not written */
		return 0;
	}
	return finish(a, rc);
}

/* ---- the article ------------------------------------------------------- */

int annot_accept_all(struct annot *a, int64_t article, struct annot_result *r)
{
	if (begin(a, r) < 0)
		return -1;
	struct entity_list l = { 0 };
	struct annot_group g = group_of(a, article);
	enum article_state state;
	int rc = store_edit_state(a->st, article, &state);
	if (rc == 0)
		rc = store_entities_of(a->st, article, &l);
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		struct entity *e = &l.v[i];
		if (e->status != ENT_SUGGESTED)
			continue;
		rc = decide_entity(&g, e, ENT_ACCEPTED, "accept-all");
	}
	if (rc == 0)
		rc = mark_started(&g);
	if (rc == 0) {
		report(&g, r, 0);
		if (g.j.rows == 0)
			snprintf(r->msg, sizeof r->msg, _("no suggestions left to accept"));
	}
	entity_list_finish(&l);
	return finish(a, rc);
}

int annot_done(struct annot *a, int64_t article, struct annot_result *r)
{
	return annot_done_with(a, article, ENT_SUGGESTED, r);
}

int annot_done_with(struct annot *a, int64_t article, enum entity_status rest,
                    struct annot_result *r)
{
	if (begin(a, r) < 0)
		return -1;
	struct annot_group g = group_of(a, article);
	struct entity_list l = { 0 };
	enum article_state state;
	int rc = store_edit_state(a->st, article, &state);
	if (rc == 0 && state == STATE_DONE) {
		r->article = article;
		snprintf(r->msg, sizeof r->msg, _("the article is already done"));
		return finish(a, 0);
	}
	/* the state row first, so that the group reads "mark done" */
	if (rc == 0)
		rc = set_state(&g, STATE_DONE, "done");
	if (rc == 0 && rest != ENT_SUGGESTED)
		rc = store_entities_of(a->st, article, &l);
	for (size_t i = 0; rc == 0 && i < l.n; i++)
		if (l.v[i].status == ENT_SUGGESTED)
			rc = decide_entity(&g, &l.v[i], rest,
			                   rest == ENT_ACCEPTED ? "accept" : "reject");
	if (rc == 0 && a->learner)
		rc = learner_learn(a->learner, article, g.j.grp);
	if (rc == 0) {
		report(&g, r, 0);
		r->changed = 1;
	}
	entity_list_finish(&l);
	return finish(a, rc);
}

int annot_review_in(struct annot *a, int64_t article, const struct span *gold, size_t n,
                    struct annot_result *r)
{
	memset(r, 0, sizeof *r);
	struct article art = { 0 };
	struct entity_list l = { 0 };
	struct annot_group g = group_of(a, article);
	enum article_state state;
	unsigned char *kept = NULL;
	int rc = store_article_get(a->st, article, &art);
	if (rc == 0)
		rc = store_edit_state(a->st, article, &state);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = check_span(&art, gold[i].start, gold[i].end);
		if (rc == 0 && store_type_ensure(a->st, gold[i].type) < 0)
			rc = -1;
	}
	if (rc == 0)
		rc = store_entities_of(a->st, article, &l);
	if (rc < 0)
		goto out;
	kept = xcalloc(l.n + 1, 1);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct span *sp = &gold[i];
		/* the entity with this span: one not rejected first */
		struct entity *e = NULL;
		for (size_t k = 0; k < l.n; k++) {
			struct entity *o = &l.v[k];
			if (o->start == sp->start && o->end == sp->end && !kept[k] &&
			    (!e || (highlighted(o) && !highlighted(e))))
				e = o;
		}
		if (e) {
			kept[e - l.v] = 1;
			if (e->status == ENT_ACCEPTED && strcmp(e->type, sp->type) == 0)
				continue;
			int retype = strcmp(e->type, sp->type) != 0;
			snprintf(e->type, sizeof e->type, "%s", sp->type);
			rc = decide_entity(&g, e, ENT_ACCEPTED, retype ? "retype" : "accept");
			continue;
		}
		struct entity ne = { 0 };
		ne.article = article;
		ne.start = sp->start;
		ne.end = sp->end;
		snprintf(ne.type, sizeof ne.type, "%s", sp->type);
		ne.status = ENT_ACCEPTED;
		ne.origin = ORIGIN_IMPORT;
		snprintf(ne.annotator, sizeof ne.annotator, "%s", a->annotator);
		rc = add(&g, &ne, "create");
	}
	for (size_t k = 0; rc == 0 && k < l.n; k++)
		if (!kept[k] && highlighted(&l.v[k]))
			rc = decide_entity(&g, &l.v[k], ENT_REJECTED, "reject");
	if (rc == 0)
		rc = mark_started(&g);
	if (rc == 0 && state != STATE_DONE) {
		rc = set_state(&g, STATE_DONE, "done");
		if (rc == 0 && a->learner)
			rc = learner_learn(a->learner, article, g.j.grp);
	}
	if (rc == 0) {
		r->article = article;
		r->changed = g.j.rows + (state != STATE_DONE);
		snprintf(r->msg, sizeof r->msg, _("reviewed: %d entities changed"), g.j.rows);
	}
out:
	free(kept);
	entity_list_finish(&l);
	article_finish(&art);
	return rc;
}

int annot_review(struct annot *a, int64_t article, const struct span *gold, size_t n,
                 struct annot_result *r)
{
	if (begin(a, r) < 0)
		return -1;
	return finish(a, annot_review_in(a, article, gold, n, r));
}

int annot_next(struct annot *a, int64_t article, int64_t *next)
{
	return store_edit_next_to_review(a->st, article, next);
}

/* ---- undo and redo ---------------------------------------------------- */

/* Why row cannot be reversed (err_set()), prefixed with what. */
static void conflict(struct annot *a, const struct journal_row *row, const char *what)
{
	struct entity e;
	if (!row->entity) {
		err_set(_("%s: the article's review state was changed since"), what);
		return;
	}
	if (store_edit_get(a->st, row->entity, &e) != 0) {
		err_set(_("%s: an entity of it no longer exists (another process changed the "
		          "article)"), what);
		return;
	}
	char *text = store_edit_span_text(a->st, e.article, e.start, e.end);
	char *t = clip(text ? text : "");
	err_set(_("%s: %s '%s' was changed since by %s"), what, e.type, t, e.annotator);
	free(t);
	free(text);
}

struct row_ref {
	int64_t entity;
	size_t i;
};

static int cmp_row_ref(const void *a, const void *b)
{
	const struct row_ref *x = a, *y = b;
	if (x->entity != y->entity)
		return (x->entity > y->entity) - (x->entity < y->entity);
	return (x->i > y->i) - (x->i < y->i);
}

/* older[i] = 1 when a later row of l is about the same entity (a
 * decision and then its link): only the newest row of an entity says
 * what it must be now.  Owned. */
static char *older_rows(const struct journal_list *l)
{
	char *older = xcalloc(l->n ? l->n : 1, 1);
	struct row_ref *r = xmalloc((l->n ? l->n : 1) * sizeof *r);
	for (size_t i = 0; i < l->n; i++) {
		r[i].entity = l->v[i].entity;
		r[i].i = i;
	}
	qsort(r, l->n, sizeof *r, cmp_row_ref);
	for (size_t k = 0; k + 1 < l->n; k++)
		if (r[k].entity && r[k].entity == r[k + 1].entity)
			older[r[k].i] = 1;
	free(r);
	return older;
}

/* Revert the rows of l, newest first, as a new group of action rows that
 * name group of; refused (-1) unless every row's after is what is there
 * now.  *focus receives the group's entity if it still exists. */
static int reverse(struct annot *a, const struct journal_list *l, const char *action,
                   int64_t of, const char *what, int64_t *focus)
{
	struct store *st = a->st;
	/* An article row beside entity rows is a side effect (the first
	 * decision made the article in progress): when another process has
	 * changed the state since (marked it done, say), the state is left as
	 * it is and the decisions are still reverted.  A group of only an
	 * article row (done) is refused like an entity. */
	int has_entities = 0;
	for (size_t i = 0; i < l->n; i++)
		has_entities |= l->v[i].entity != 0;
	char *skip = xcalloc(l->n ? l->n : 1, 1);
	char *older = older_rows(l);
	int rc = 0;
	for (size_t i = l->n; rc == 0 && i-- > 0;) {
		const struct journal_row *row = &l->v[i];
		if (older[i])
			continue; /* a later row of the group changed it again */
		int m = row->entity ? store_edit_matches(st, row->entity, row->after)
		                    : store_edit_article_matches(st, row->article, row->after);
		if (m == 0 && !row->entity && has_entities) {
			skip[i] = 1;
		} else if (m == 0) {
			conflict(a, row, what);
			rc = -1;
		} else if (m < 0) {
			rc = -1;
		}
	}
	int64_t grp = rc == 0 ? store_journal_group(st) : -1;
	for (size_t i = l->n; grp > 0 && i-- > 0;) {
		const struct journal_row *row = &l->v[i];
		if (skip[i])
			continue;
		char *before, *after;
		if (row->entity) {
			before = store_entity_snapshot(st, row->entity);
			rc = store_edit_restore(st, row->entity, row->before);
			after = rc == 0 ? store_entity_snapshot(st, row->entity) : NULL;
		} else {
			before = store_edit_article_snapshot(st, row->article);
			rc = before && row->before ? store_edit_article_restore(st, row->article,
			                                                        row->before)
			                           : -1;
			after = rc == 0 ? store_edit_article_snapshot(st, row->article) : NULL;
		}
		if (rc == 0)
			rc = store_journal_reversal(st, grp, a->annotator, row->article, row->entity,
			                            action, before, after, of);
		free(before);
		free(after);
		if (rc < 0)
			break;
	}
	free(skip);
	free(older);
	if (rc < 0 || grp < 0)
		return -1;
	/* Focus the entity the reversed decision was about, if it is still
	 * there. */
	struct journal_list orig = { 0 };
	*focus = 0;
	if (original(a, of, &orig) < 0)
		return -1;
	const struct journal_row *p = primary_row(&orig);
	struct entity e;
	if (p && p->entity && store_edit_get(st, p->entity, &e) == 0)
		*focus = p->entity;
	journal_list_finish(&orig);
	return 0;
}

/* What the model learnt at a done mark goes with it: undoing the group
 * that marked an article done (or a redo of it) turns its update off,
 * redoing turns it on again. */
static int relearn(struct annot *a, int64_t grp, int undo)
{
	struct journal_list orig = { 0 };
	int64_t decision = grp;
	if (original(a, grp, &orig) < 0)
		return -1;
	for (size_t i = 0; i < orig.n; i++)
		if (strcmp(orig.v[i].action, "done") == 0)
			decision = orig.v[i].grp;
	int done = 0;
	for (size_t i = 0; i < orig.n; i++)
		done |= strcmp(orig.v[i].action, "done") == 0;
	journal_list_finish(&orig);
	return done ? store_update_set_active(a->st, decision, !undo, NULL) : 0;
}

/* Undo (undo != 0) or redo. */
static int undo_redo(struct annot *a, int undo, struct annot_result *r)
{
	if (begin(a, r) < 0)
		return -1;
	struct journal_list l = { 0 };
	int64_t grp;
	int rc = undo ? store_edit_undo_target(a->st, a->annotator, &grp)
	              : store_edit_redo_target(a->st, a->annotator, &grp);
	if (rc == 0 && grp == 0) {
		snprintf(r->msg, sizeof r->msg, "%s", undo ? _("nothing to undo") : _("nothing to redo"));
		return finish(a, 0);
	}
	if (rc == 0)
		rc = store_edit_group(a->st, a->annotator, grp, &l);
	if (rc == 0 && l.n == 0) {
		err_set(_("journal group %lld is empty"), (long long)grp);
		rc = -1;
	}
	if (rc == 0)
		rc = reverse(a, &l, undo ? "undo" : "redo", grp,
		             undo ? _("cannot undo") : _("cannot redo"), &r->entity);
	if (rc == 0)
		rc = relearn(a, grp, undo);
	if (rc == 0) {
		char what[sizeof r->msg];
		describe(a, grp, what, sizeof what);
		snprintf(r->msg, sizeof r->msg, undo ? _("undid: %s") : _("redid: %s"), what);
		r->article = l.v[0].article;
		r->changed = (int)l.n;
	}
	journal_list_finish(&l);
	return finish(a, rc);
}

int annot_undo(struct annot *a, struct annot_result *r)
{
	return undo_redo(a, 1, r);
}

int annot_redo(struct annot *a, struct annot_result *r)
{
	return undo_redo(a, 0, r);
}

/* ---- for the other editing files (annotate_impl.h) --------------------- */

struct annot_group annot_group_of(struct annot *a, int64_t article)
{
	return group_of(a, article);
}

int annot_tx_begin(struct annot *a, struct annot_result *r)
{
	return begin(a, r);
}

int annot_tx_finish(struct annot *a, int rc)
{
	return finish(a, rc);
}

int annot_grp_change(struct annot_group *g, struct entity *e, const char *action)
{
	return change(g, e, action);
}

int annot_grp_decide(struct annot_group *g, struct entity *e, int status, const char *action)
{
	return decide_entity(g, e, (enum entity_status)status, action);
}

int annot_grp_settle(struct annot_group *g)
{
	return mark_started(g);
}

void annot_grp_report(struct annot_group *g, struct annot_result *r, int64_t focus)
{
	report(g, r, focus);
}

char *annot_clip(const char *s)
{
	return clip(s);
}
