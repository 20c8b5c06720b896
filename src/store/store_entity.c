/*
 * store_entity.c: entities (see store.h).
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"

static const char *const status_names[] = { "suggested", "accepted", "rejected" };
static const char *const origin_names[] = { "detector", "analyst", "import" };

const char *entity_status_name(enum entity_status s)
{
	return status_names[s];
}

int entity_status_parse(const char *name, enum entity_status *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(status_names); i++) {
		if (strcmp(name, status_names[i]) == 0) {
			*out = (enum entity_status)i;
			return 0;
		}
	}
	return -1;
}

const char *entity_origin_name(enum entity_origin o)
{
	return origin_names[o];
}

int entity_origin_parse(const char *name, enum entity_origin *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(origin_names); i++) {
		if (strcmp(name, origin_names[i]) == 0) {
			*out = (enum entity_origin)i;
			return 0;
		}
	}
	return -1;
}

struct entity *entity_list_push(struct entity_list *l)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	struct entity *e = &l->v[l->n++];
	memset(e, 0, sizeof *e);
	return e;
}

void entity_list_finish(struct entity_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

int store_entity_add(struct store *st, struct entity *e)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO entity (article, start, \"end\", type, status, origin, confidence, "
		"annotator, created_at, updated_at, referent) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)");
	if (!s)
		return -1;
	store_now(e->created_at);   /* no RETURNING: see store_article_add() */
	memcpy(e->updated_at, e->created_at, sizeof e->updated_at);
	sqlite3_bind_int64(s, 1, e->article);
	sqlite3_bind_int64(s, 2, e->start);
	sqlite3_bind_int64(s, 3, e->end);
	sqlite3_bind_text(s, 4, e->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, entity_status_name(e->status), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, entity_origin_name(e->origin), -1, SQLITE_STATIC);
	if (e->status == ENT_SUGGESTED && !e->no_confidence)
		sqlite3_bind_double(s, 7, e->confidence);
	sqlite3_bind_text(s, 8, e->annotator, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, e->created_at, -1, SQLITE_STATIC);
	if (e->referent > 0)
		sqlite3_bind_int64(s, 10, e->referent);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("storing an entity"));
	e->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

void store_entity_from_row(sqlite3_stmt *s, struct entity *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(s, 0);
	e->article = sqlite3_column_int64(s, 1);
	e->start = sqlite3_column_int64(s, 2);
	e->end = sqlite3_column_int64(s, 3);
	store_col_copy(s, 4, e->type, sizeof e->type);
	entity_status_parse((const char *)sqlite3_column_text(s, 5), &e->status);
	entity_origin_parse((const char *)sqlite3_column_text(s, 6), &e->origin);
	e->confidence = sqlite3_column_double(s, 7);
	store_col_copy(s, 8, e->annotator, sizeof e->annotator);
	store_col_copy(s, 9, e->created_at, sizeof e->created_at);
	store_col_copy(s, 10, e->updated_at, sizeof e->updated_at);
	e->referent = sqlite3_column_int64(s, 11);
}

int store_entities_of(struct store *st, int64_t article, struct entity_list *l)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT " ENTITY_COLUMNS " FROM entity WHERE article = ?1 ORDER BY start, \"end\", id");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		store_entity_from_row(s, entity_list_push(l));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("reading entities"));
	return 0;
}

/* Is there an entity in the article that keeps a new suggestion
 * [start, end) out: a rejected one with the same span, or one that is
 * not rejected and overlaps it?  1, 0, or -1 on error. */
/* What may not be suggested again in an article: the spans of its
 * entities that are not rejected (no suggestion may overlap them) and
 * the exact spans it rejected.  Built once per article so that checking
 * n suggestions costs n log k, not n k queries. */
struct blockers {
	struct entity_list kept;    /* not rejected, by start */
	int64_t *max_end;           /* max_end[i]: largest end of kept[0..i] */
	struct entity_list rejected;
};

static int cmp_start(const void *a, const void *b)
{
	const struct entity *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

static int cmp_span(const void *a, const void *b)
{
	const struct entity *x = a, *y = b;
	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return (x->end > y->end) - (x->end < y->end);
}

static int blockers_load(struct store *st, int64_t article, struct blockers *b)
{
	struct entity_list all = { 0 };
	memset(b, 0, sizeof *b);
	if (store_entities_of(st, article, &all) < 0)
		return -1;
	for (size_t i = 0; i < all.n; i++)
		*entity_list_push(all.v[i].status == ENT_REJECTED ? &b->rejected : &b->kept) = all.v[i];
	entity_list_finish(&all);
	if (b->kept.n > 1)
		qsort(b->kept.v, b->kept.n, sizeof *b->kept.v, cmp_start);
	if (b->rejected.n > 1)
		qsort(b->rejected.v, b->rejected.n, sizeof *b->rejected.v, cmp_span);
	b->max_end = xmalloc((b->kept.n + 1) * sizeof *b->max_end);
	for (size_t i = 0; i < b->kept.n; i++)
		b->max_end[i] = i && b->max_end[i - 1] > b->kept.v[i].end ? b->max_end[i - 1]
		                                                          : b->kept.v[i].end;
	return 0;
}

static void blockers_finish(struct blockers *b)
{
	entity_list_finish(&b->kept);
	entity_list_finish(&b->rejected);
	free(b->max_end);
}

/* 1 when [start, end) overlaps a kept entity or is a rejected span. */
static int blocked(const struct blockers *b, int64_t start, int64_t end)
{
	/* kept entities starting before end: kept[0..lo) */
	size_t lo = 0, hi = b->kept.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->kept.v[mid].start < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && b->max_end[lo - 1] > start)
		return 1;
	struct entity key = { .start = start, .end = end };
	return b->rejected.n &&
	       bsearch(&key, b->rejected.v, b->rejected.n, sizeof key, cmp_span) != NULL;
}

/* The detector's suggestions now in article, sorted by span and type. */
static int old_suggestions(struct store *st, int64_t article, struct entity_list *out)
{
	struct entity_list all = { 0 };
	if (store_entities_of(st, article, &all) < 0)
		return -1;
	for (size_t i = 0; i < all.n; i++)
		if (all.v[i].status == ENT_SUGGESTED && strcmp(all.v[i].annotator, "detector") == 0)
			*entity_list_push(out) = all.v[i];
	entity_list_finish(&all);
	return 0;
}

/* The suggestion of old with exactly sp's span and type, or NULL. */
static struct entity *same_suggestion(struct entity_list *old, const struct span *sp)
{
	for (size_t i = 0; i < old->n; i++)   /* a report holds few: a scan will do */
		if (old->v[i].start == sp->start && old->v[i].end == sp->end &&
		    strcmp(old->v[i].type, sp->type) == 0)
			return &old->v[i];
	return NULL;
}

/* Turn the table's CHECK constraints off (or back on) for this
 * connection. */
static int checks(struct store *st, int on)
{
	sqlite3_stmt *s = store_stmt(st, on ? "PRAGMA ignore_check_constraints = 0"
	                                    : "PRAGMA ignore_check_constraints = 1");
	return s ? store_step_done(st, s, _("storing suggestions")) : -1;
}

int store_replace_suggestions(struct store *st, int64_t article, const struct span *spans,
                              size_t n)
{
	int own = sqlite3_get_autocommit(st->db);
	int stored = 0, paused = 0, unchecked = 0;
	struct blockers b = { 0 };
	struct entity_list old = { 0 };
	unsigned char *keep = NULL;
	if (own && store_begin(st) < 0)
		return -1;
	/* A suggestion made again (same span and type) keeps its row, so that
	 * a browser showing it can still decide it; the others go. */
	if (old_suggestions(st, article, &old) < 0)
		goto fail;
	keep = xcalloc(old.n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		struct entity *o = same_suggestion(&old, &spans[i]);
		if (o)
			keep[o - old.v] = 1;
	}
	/* The suggestions about to go leave their referents first, while
	 * the triggers still count (there are few, and nothing else would
	 * know which referents lose mentions). */
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE entity SET referent = NULL WHERE id = ?1 AND referent IS NOT NULL");
	if (!s)
		goto fail;
	for (size_t i = 0; i < old.n; i++) {
		if (keep[i])
			continue;
		sqlite3_bind_int64(s, 1, old.v[i].id);
		if (store_step_done(st, s, _("replacing suggestions")) < 0)
			goto fail;
	}
	/* The entity triggers keep the article's tallies, rewriting the
	 * article row (text and all) at every entity: off for the batch,
	 * and the tallies counted once at the end. */
	if ((paused = store_triggers_pause(st)) < 0)
		goto fail;
	s = store_stmt(st, "DELETE FROM entity WHERE id = ?1");
	if (!s)
		goto fail;
	for (size_t i = 0; i < old.n; i++) {
		if (keep[i])
			continue;
		sqlite3_bind_int64(s, 1, old.v[i].id);
		if (store_step_done(st, s, _("replacing suggestions")) < 0)
			goto fail;
	}
	if (blockers_load(st, article, &b) < 0)
		goto fail;
	/* The status and origin constraints are IN lists, which SQLite
	 * checks through a temporary b-tree built anew for every row (most
	 * of the cost of storing a suggestion).  These rows hold the names of
	 * ENT_SUGGESTED and ORIGIN_DETECTOR and spans checked just below, so
	 * the checks are off for the batch. */
	if (n > 0) {
		if (checks(st, 0) < 0)
			goto fail;
		unchecked = 1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct span *sp = &spans[i];
		if (sp->start < 0 || sp->end <= sp->start)
			continue;
		struct entity *o = same_suggestion(&old, sp);
		if (o) {
			if (o->confidence != sp->confidence) {
				sqlite3_stmt *u = store_stmt(st,
					"UPDATE entity SET confidence = ?2 WHERE id = ?1");
				if (!u)
					goto fail;
				sqlite3_bind_int64(u, 1, o->id);
				sqlite3_bind_double(u, 2, sp->confidence);
				if (store_step_done(st, u, _("replacing suggestions")) < 0)
					goto fail;
			}
			stored++;
			continue;
		}
		if (blocked(&b, sp->start, sp->end))
			continue;
		if (store_type_ensure(st, sp->type) < 0)
			goto fail;
		struct entity e = { 0 };
		e.article = article;
		e.start = sp->start;
		e.end = sp->end;
		snprintf(e.type, sizeof e.type, "%s", sp->type);
		e.status = ENT_SUGGESTED;
		e.origin = ORIGIN_DETECTOR;
		e.confidence = sp->confidence;
		strcpy(e.annotator, "detector");
		if (store_entity_add(st, &e) < 0)
			goto fail;
		stored++;
	}
	if (unchecked) {
		unchecked = 0;
		if (checks(st, 1) < 0)
			goto fail;
	}
	/* the uncertainty sort: the corrections the suggestions are expected
	 * to need */
	s = store_stmt(st,
		"UPDATE article SET uncertainty = (SELECT total(1 - coalesce(confidence, 0.5)) "
		"FROM entity WHERE article = ?1 AND status = 'suggested') WHERE id = ?1");
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, article);
	if (store_step_done(st, s, _("replacing suggestions")) < 0)
		goto fail;
	blockers_finish(&b);
	entity_list_finish(&old);
	free(keep);
	keep = NULL;
	if (paused && (store_triggers_resume(st) < 0 || store_recount(st, article) < 0))
		goto fail;
	if (own && store_commit(st) < 0)
		return -1;
	return stored;
fail:
	blockers_finish(&b);
	entity_list_finish(&old);
	free(keep);
	if (unchecked)
		checks(st, 1);
	if (paused)
		store_triggers_resume(st);
	if (own) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", err_msg());
		store_rollback(st);
		err_set("%s", msg);
	}
	return -1;
}
