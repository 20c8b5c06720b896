/*
 * store_edit.c: the SQL of annotation (see store.h, "editing"): single
 * entities and article states read, written, snapshotted and restored;
 * the journal walked for undo and redo; the journal checked against the
 * tables.  Transactions are the caller's (src/edit/annotate.c).
 *
 * Every statement is reset as soon as its rows are read, so that no read
 * transaction outlives the call: a connection holding an old snapshot
 * could not start the next write transaction in WAL mode.
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* The journal actions of annotation, which undo and redo walk. */
#define DO_ACTIONS \
	"('accept', 'reject', 'retype', 'resize', 'create', 'replace', 'propagate', " \
	"'accept-all', 'state', 'done', 'link', 'split', 'merge', 'bulk')"

/* A step that must produce one row; -1 (and a reset) otherwise. */
static int step_row(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 0;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		err_set("%s: %s", st->path, what);
		return -1;
	}
	return store_fail(st, what);
}

static void bind_opt_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* ---- entities --------------------------------------------------------- */

int store_edit_get(struct store *st, int64_t id, struct entity *e)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " ENTITY_COLUMNS " FROM entity WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? 1 : store_fail(st, _("reading an entity"));
	}
	store_entity_from_row(s, e);
	sqlite3_reset(s);
	return 0;
}

int store_edit_update(struct store *st, const struct entity *e)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE entity SET start = ?2, \"end\" = ?3, type = ?4, status = ?5, origin = ?6, "
		"annotator = ?7, referent = ?8, "
		"original_start = coalesce(original_start, ?9), "
		"original_end = coalesce(original_end, ?10), "
		"original_type = coalesce(original_type, ?11), updated_at = " NOW " WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, e->id);
	sqlite3_bind_int64(s, 2, e->start);
	sqlite3_bind_int64(s, 3, e->end);
	sqlite3_bind_text(s, 4, e->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, entity_status_name(e->status), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, entity_origin_name(e->origin), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, e->annotator, -1, SQLITE_STATIC);
	if (e->referent > 0)
		sqlite3_bind_int64(s, 8, e->referent);
	if (e->original_type[0]) {
		sqlite3_bind_int64(s, 9, e->original_start);
		sqlite3_bind_int64(s, 10, e->original_end);
		sqlite3_bind_text(s, 11, e->original_type, -1, SQLITE_STATIC);
	}
	if (store_step_done(st, s, _("updating an entity")) < 0)
		return -1;
	if (sqlite3_changes(st->db) != 1) {
		err_set(_("entity %lld no longer exists"), (long long)e->id);
		return -1;
	}
	return 0;
}

/* Snapshots are compared field by field rather than as text, leaving
 * out updated_at (an undo restores the fields, not the time), and
 * confidence with a tolerance: the journal holds it in 15 significant
 * digits, and a REAL restored from there may differ in its last bits. */
#define SAME_FIELDS(row, snap) \
	row "article IS json_extract(" snap ", '$.article') AND " \
	row "start IS json_extract(" snap ", '$.start') AND " \
	row "\"end\" IS json_extract(" snap ", '$.end') AND " \
	row "type IS json_extract(" snap ", '$.type') AND " \
	row "status IS json_extract(" snap ", '$.status') AND " \
	row "origin IS json_extract(" snap ", '$.origin') AND " \
	row "annotator IS json_extract(" snap ", '$.annotator') AND " \
	row "created_at IS json_extract(" snap ", '$.created_at') AND " \
	row "referent IS json_extract(" snap ", '$.referent') AND " \
	row "original_start IS json_extract(" snap ", '$.original_start') AND " \
	row "original_end IS json_extract(" snap ", '$.original_end') AND " \
	row "original_type IS json_extract(" snap ", '$.original_type') AND " \
	"coalesce(abs(" row "confidence - json_extract(" snap ", '$.confidence')) <= 1e-9, " \
	row "confidence IS json_extract(" snap ", '$.confidence'))"

int store_edit_matches(struct store *st, int64_t id, const char *snapshot)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT " SAME_FIELDS("", "?2") " FROM entity WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	bind_opt_text(s, 2, snapshot);
	int rc = sqlite3_step(s);
	int match;
	if (rc == SQLITE_ROW)
		match = snapshot && sqlite3_column_int(s, 0) == 1;
	else if (rc == SQLITE_DONE)
		match = snapshot == NULL;
	else
		match = store_fail(st, _("reading an entity"));
	sqlite3_reset(s);
	return match;
}

int store_edit_restore(struct store *st, int64_t id, const char *snapshot)
{
	sqlite3_stmt *s;
	if (!snapshot) {
		s = store_stmt(st, "DELETE FROM entity WHERE id = ?1");
		if (!s)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		return store_step_done(st, s, _("removing an entity"));
	}
	s = store_stmt(st,
		"UPDATE entity SET start = json_extract(?2, '$.start'), "
		"\"end\" = json_extract(?2, '$.end'), type = json_extract(?2, '$.type'), "
		"status = json_extract(?2, '$.status'), origin = json_extract(?2, '$.origin'), "
		"confidence = json_extract(?2, '$.confidence'), "
		"annotator = json_extract(?2, '$.annotator'), referent = json_extract(?2, '$.referent'), "
		"original_start = json_extract(?2, '$.original_start'), "
		"original_end = json_extract(?2, '$.original_end'), "
		"original_type = json_extract(?2, '$.original_type'), updated_at = " NOW " WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, snapshot, -1, SQLITE_STATIC);
	if (store_step_done(st, s, _("restoring an entity")) < 0)
		return -1;
	if (sqlite3_changes(st->db) == 1)
		return 0;
	s = store_stmt(st,
		"INSERT INTO entity (id, article, start, \"end\", type, status, origin, confidence, "
		"annotator, created_at, updated_at, referent, original_start, original_end, "
		"original_type) SELECT ?1, json_extract(?2, '$.article'), "
		"json_extract(?2, '$.start'), json_extract(?2, '$.end'), json_extract(?2, '$.type'), "
		"json_extract(?2, '$.status'), json_extract(?2, '$.origin'), "
		"json_extract(?2, '$.confidence'), json_extract(?2, '$.annotator'), "
		"json_extract(?2, '$.created_at'), " NOW ", json_extract(?2, '$.referent'), "
		"json_extract(?2, '$.original_start'), json_extract(?2, '$.original_end'), "
		"json_extract(?2, '$.original_type')");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, snapshot, -1, SQLITE_STATIC);
	return store_step_done(st, s, _("restoring an entity"));
}

int store_edit_snapshot_entity(struct store *st, const char *snapshot, struct entity *e)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT json_extract(?1, '$.id'), json_extract(?1, '$.article'), "
		"json_extract(?1, '$.start'), json_extract(?1, '$.end'), json_extract(?1, '$.type'), "
		"json_extract(?1, '$.status'), json_extract(?1, '$.origin'), "
		"json_extract(?1, '$.annotator')");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, snapshot, -1, SQLITE_STATIC);
	if (step_row(st, s, _("reading the journal")) < 0)
		return -1;
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(s, 0);
	e->article = sqlite3_column_int64(s, 1);
	e->start = sqlite3_column_int64(s, 2);
	e->end = sqlite3_column_int64(s, 3);
	const char *type = (const char *)sqlite3_column_text(s, 4);
	const char *status = (const char *)sqlite3_column_text(s, 5);
	const char *origin = (const char *)sqlite3_column_text(s, 6);
	const char *who = (const char *)sqlite3_column_text(s, 7);
	snprintf(e->type, sizeof e->type, "%s", type ? type : "");
	if (!status || entity_status_parse(status, &e->status) < 0 ||
	    !origin || entity_origin_parse(origin, &e->origin) < 0) {
		sqlite3_reset(s);
		err_set(_("%s: a journal snapshot is not an entity"), st->path);
		return -1;
	}
	snprintf(e->annotator, sizeof e->annotator, "%s", who ? who : "");
	sqlite3_reset(s);
	return 0;
}

int store_edit_snapshot_is_suggestion(struct store *st, const char *snapshot)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT json_extract(?1, '$.status') = 'suggested' AND "
		"json_extract(?1, '$.origin') = 'detector'");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, snapshot, -1, SQLITE_STATIC);
	if (step_row(st, s, _("reading the journal")) < 0)
		return -1;
	int yes = sqlite3_column_int(s, 0) == 1;
	sqlite3_reset(s);
	return yes;
}

/* 1 when two entity snapshots agree but for updated_at (NULL == NULL). */
static int snapshots_equal(struct store *st, const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	sqlite3_stmt *s = store_stmt(st,
		"SELECT json_extract(?1, '$.id') IS json_extract(?2, '$.id') AND "
		SAME_FIELDS("r.", "?2") " FROM (SELECT json_extract(?1, '$.article') AS article, "
		"json_extract(?1, '$.start') AS start, json_extract(?1, '$.end') AS \"end\", "
		"json_extract(?1, '$.type') AS type, json_extract(?1, '$.status') AS status, "
		"json_extract(?1, '$.origin') AS origin, "
		"json_extract(?1, '$.annotator') AS annotator, "
		"json_extract(?1, '$.created_at') AS created_at, "
		"json_extract(?1, '$.confidence') AS confidence, "
		"json_extract(?1, '$.referent') AS referent, "
		"json_extract(?1, '$.original_start') AS original_start, "
		"json_extract(?1, '$.original_end') AS original_end, "
		"json_extract(?1, '$.original_type') AS original_type) AS r");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	if (step_row(st, s, _("reading the journal")) < 0)
		return -1;
	int eq = sqlite3_column_int(s, 0) == 1;
	sqlite3_reset(s);
	return eq;
}

/* ---- articles ------------------------------------------------------- */

char *store_edit_article_snapshot(struct store *st, int64_t article)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT json_object('state', state, 'reviewed_by', reviewed_by, "
		"'reviewed_at', reviewed_at) FROM article WHERE id = ?1");
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, article);
	if (store_step_article(st, s, article) < 0)
		return NULL;
	char *json = store_col_dup(s, 0);
	sqlite3_reset(s);
	return json;
}

int store_edit_article_matches(struct store *st, int64_t article, const char *snapshot)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT state IS json_extract(?2, '$.state') AND "
		"reviewed_by IS json_extract(?2, '$.reviewed_by') AND "
		"reviewed_at IS json_extract(?2, '$.reviewed_at') FROM article WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	bind_opt_text(s, 2, snapshot);
	if (store_step_article(st, s, article) < 0)
		return -1;
	int match = snapshot && sqlite3_column_int(s, 0) == 1;
	sqlite3_reset(s);
	return match;
}

int store_edit_article_restore(struct store *st, int64_t article, const char *snapshot)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE article SET state = json_extract(?2, '$.state'), "
		"reviewed_by = json_extract(?2, '$.reviewed_by'), "
		"reviewed_at = json_extract(?2, '$.reviewed_at') WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_text(s, 2, snapshot, -1, SQLITE_STATIC);
	return store_step_done(st, s, _("restoring an article's review state"));
}

int store_edit_set_state(struct store *st, int64_t article, enum article_state state,
                         const char *reviewer)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE article SET state = ?2, "
		"reviewed_by = CASE WHEN ?2 = 'done' THEN ?3 ELSE reviewed_by END, "
		"reviewed_at = CASE WHEN ?2 = 'done' THEN " NOW " ELSE reviewed_at END "
		"WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_text(s, 2, article_state_name(state), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, reviewer ? reviewer : "", -1, SQLITE_STATIC);
	return store_step_done(st, s, _("setting an article's review state"));
}

int store_edit_state(struct store *st, int64_t article, enum article_state *state)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT state FROM article WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	if (store_step_article(st, s, article) < 0)
		return -1;
	article_state_parse((const char *)sqlite3_column_text(s, 0), state);
	sqlite3_reset(s);
	return 0;
}

char *store_edit_title(struct store *st, int64_t article)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT title FROM article WHERE id = ?1");
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, article);
	if (store_step_article(st, s, article) < 0)
		return NULL;
	char *t = store_col_str(s, 0);
	sqlite3_reset(s);
	return t;
}

char *store_edit_span_text(struct store *st, int64_t article, int64_t start, int64_t end)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT substr(text, ?2 + 1, ?3 - ?2) FROM article WHERE id = ?1");
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_int64(s, 2, start);
	sqlite3_bind_int64(s, 3, end);
	if (store_step_article(st, s, article) < 0)
		return NULL;
	char *t = store_col_str(s, 0);
	sqlite3_reset(s);
	return t;
}

/* The smallest id above 'after' of an article in state, or 0. */
static int first_in_state(struct store *st, const char *state, int64_t after, int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id FROM article WHERE state = ?1 AND id > ?2 ORDER BY id LIMIT 1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, state, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, after);
	int rc = sqlite3_step(s);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, _("looking for the next article to review"));
	return 0;
}

int store_edit_next_to_review(struct store *st, int64_t after, int64_t *next)
{
	/* One index range per state, each O(log n) on (state, id): a single
	 * query over both states would sort every candidate. */
	for (int pass = 0; pass < 2; pass++) {
		int64_t from = pass == 0 ? after : 0, a, b;
		if (first_in_state(st, "new", from, &a) < 0 ||
		    first_in_state(st, "in_progress", from, &b) < 0)
			return -1;
		int64_t best = a && b ? (a < b ? a : b) : (a ? a : b);
		if (best && best != after) {
			*next = best;
			return 0;
		}
	}
	*next = 0;
	return 0;
}

/* ---- the journal ----------------------------------------------------- */

void journal_list_finish(struct journal_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].before);
		free(l->v[i].after);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int store_edit_group(struct store *st, const char *annotator, int64_t grp,
                     struct journal_list *l)
{
	/* The (annotator, grp) index finds the group without a scan. */
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, grp, coalesce(undo_of, 0), article, coalesce(entity, 0), action, "
		"annotator, at, before, after FROM edit WHERE annotator = ?1 AND grp = ?2 ORDER BY id");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, annotator, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, grp);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
		struct journal_row *r = &l->v[l->n++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(s, 0);
		r->grp = sqlite3_column_int64(s, 1);
		r->undo_of = sqlite3_column_int64(s, 2);
		r->article = sqlite3_column_int64(s, 3);
		r->entity = sqlite3_column_int64(s, 4);
		store_col_copy(s, 5, r->action, sizeof r->action);
		store_col_copy(s, 6, r->annotator, sizeof r->annotator);
		store_col_copy(s, 7, r->at, sizeof r->at);
		r->before = store_col_dup(s, 8);
		r->after = store_col_dup(s, 9);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("reading the journal"));
	return 0;
}

static int query_grp(struct store *st, sqlite3_stmt *s, int64_t *grp)
{
	int rc = sqlite3_step(s);
	*grp = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, _("reading the journal"));
	return 0;
}

int store_edit_last_group(struct store *st, const char *annotator, int64_t *grp)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT grp FROM edit WHERE annotator = ?1 ORDER BY grp DESC LIMIT 1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, annotator, -1, SQLITE_STATIC);
	return query_grp(st, s, grp);
}

int store_edit_undo_target(struct store *st, const char *annotator, int64_t *grp)
{
	/* Walks the annotator's rows newest first (edit_annotator index),
	 * skipping undo rows and groups already undone (edit_undo_of). */
	sqlite3_stmt *s = store_stmt(st,
		"SELECT grp FROM edit AS e WHERE annotator = ?1 "
		"AND (action IN " DO_ACTIONS " OR action = 'redo') "
		"AND NOT EXISTS (SELECT 1 FROM edit AS u WHERE u.undo_of = e.grp "
		"AND u.action = 'undo') ORDER BY grp DESC LIMIT 1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, annotator, -1, SQLITE_STATIC);
	return query_grp(st, s, grp);
}

int store_edit_redo_target(struct store *st, const char *annotator, int64_t *grp)
{
	/* Only undos after the annotator's latest decision can be redone:
	 * a new decision ends the redo history. */
	sqlite3_stmt *s = store_stmt(st,
		"SELECT grp FROM edit WHERE annotator = ?1 AND action IN " DO_ACTIONS
		" ORDER BY grp DESC LIMIT 1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, annotator, -1, SQLITE_STATIC);
	int64_t last_do;
	if (query_grp(st, s, &last_do) < 0)
		return -1;
	s = store_stmt(st,
		"SELECT grp FROM edit AS e WHERE annotator = ?1 AND grp > ?2 AND action = 'undo' "
		"AND NOT EXISTS (SELECT 1 FROM edit AS r WHERE r.undo_of = e.grp "
		"AND r.action = 'redo') ORDER BY grp DESC LIMIT 1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, annotator, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, last_do);
	return query_grp(st, s, grp);
}

/* ---- checking the journal against the tables ------------------------- */

/* An entity's journal rows, replayed: is this row's before what the
 * previous row left (prev, or NULL for the first row)?  Detection may
 * have replaced a suggestion in between, unjournalled. */
static int chain_ok(struct store *st, int first, const char *prev, const char *before)
{
	int eq = first ? before == NULL : snapshots_equal(st, prev, before);
	if (eq != 0)
		return eq;
	if (!before)
		return 0;
	int sug = store_edit_snapshot_is_suggestion(st, before);
	if (sug <= 0 || first || !prev)
		return sug;
	return store_edit_snapshot_is_suggestion(st, prev);
}

/* Is entity id as the journal's last after (last) says it should be? */
static int final_ok(struct store *st, int64_t id, const char *last)
{
	int m = store_edit_matches(st, id, last);
	if (m != 0)
		return m;
	/* A suggestion may since have been replaced by re-detection, and a
	 * removed entity's id taken by a new suggestion. */
	if (last && store_edit_snapshot_is_suggestion(st, last) != 1)
		return 0;
	char *now = store_entity_snapshot(st, id);
	int ok = !now || store_edit_snapshot_is_suggestion(st, now) == 1;
	free(now);
	return ok;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int check_entities(struct store *st, int64_t **ids, size_t *nids)
{
	size_t cap = 0;
	sqlite3_stmt *s = store_stmt(st,
		"SELECT entity, id, before, after FROM edit WHERE entity IS NOT NULL "
		"ORDER BY entity, id");
	if (!s)
		return -1;
	int64_t cur = 0;
	char *prev = NULL;
	int first = 1, rc, bad = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t ent = sqlite3_column_int64(s, 0), row = sqlite3_column_int64(s, 1);
		if (ent != cur) {
			/* store_stmt() of other texts leaves s alone */
			if (cur && final_ok(st, cur, prev) != 1) {
				err_set(_("entity %lld is not as its last journal row says"),
				        (long long)cur);
				bad = 1;
				break;
			}
			free(prev);
			prev = NULL;
			first = 1;
			cur = ent;
			*ids = xgrow(*ids, &cap, *nids + 1, sizeof **ids);
			(*ids)[(*nids)++] = ent;
		}
		char *before = store_col_dup(s, 2);
		int ok = chain_ok(st, first, prev, before);
		free(before);
		if (ok != 1) {
			err_set(_("journal row %lld: entity %lld was not as the previous row left it"),
			        (long long)row, (long long)ent);
			bad = 1;
			break;
		}
		free(prev);
		prev = store_col_dup(s, 3);
		first = 0;
	}
	sqlite3_reset(s);
	if (!bad && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, _("reading the journal"));
		bad = 1;
	}
	if (!bad && cur && final_ok(st, cur, prev) != 1) {
		err_set(_("entity %lld is not as its last journal row says"), (long long)cur);
		bad = 1;
	}
	free(prev);
	return bad ? -1 : 0;
}

int store_edit_check(struct store *st)
{
	int64_t *ids = NULL;
	size_t nids = 0;
	int rc = check_entities(st, &ids, &nids);
	if (rc == 0) {
		/* Every other entity must be a detector's suggestion. */
		if (nids)
			qsort(ids, nids, sizeof *ids, cmp_id);
		sqlite3_stmt *s = store_stmt(st,
			"SELECT id FROM entity WHERE NOT (status = 'suggested' AND origin = 'detector') "
			"ORDER BY id");
		if (!s) {
			rc = -1;
		} else {
			int r;
			while ((r = sqlite3_step(s)) == SQLITE_ROW) {
				int64_t id = sqlite3_column_int64(s, 0);
				if (!nids || !bsearch(&id, ids, nids, sizeof *ids, cmp_id)) {
					err_set(_("entity %lld was decided without a journal row"),
					        (long long)id);
					rc = -1;
					break;
				}
			}
			sqlite3_reset(s);
			if (rc == 0 && r != SQLITE_DONE)
				rc = store_fail(st, _("reading entities"));
		}
	}
	free(ids);
	if (rc < 0)
		return -1;

	/* Each article's review state is as its last state row says. */
	sqlite3_stmt *s = store_stmt(st,
		"SELECT article, after FROM edit WHERE entity IS NULL ORDER BY article, id");
	if (!s)
		return -1;
	int64_t cur = 0;
	char *last = NULL;
	int r;
	for (;;) {
		r = sqlite3_step(s);
		int64_t art = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		if (cur && art != cur) {
			int m = store_edit_article_matches(st, cur, last);
			if (m != 1) {
				if (m == 0)
					err_set(_("article %lld: its review state is not as the journal "
					          "says"), (long long)cur);
				rc = -1;
				break;
			}
		}
		if (r != SQLITE_ROW)
			break;
		free(last);
		last = store_col_dup(s, 1);
		cur = art;
	}
	sqlite3_reset(s);
	free(last);
	if (rc == 0 && r != SQLITE_DONE)
		rc = store_fail(st, _("reading the journal"));
	return rc;
}

/* ---- connection settings --------------------------------------------- */

int store_set_busy_timeout(struct store *st, int ms)
{
	if (sqlite3_busy_timeout(st->db, ms) != SQLITE_OK)
		return store_fail(st, _("setting the busy timeout"));
	return 0;
}

int store_set_max_pages(struct store *st, int64_t pages)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld",
	         (long long)(pages > 0 ? pages : 4294967294LL));
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, _("setting the page limit"));
	return 0;
}

int store_set_autocheckpoint(struct store *st, int pages)
{
	if (sqlite3_wal_autocheckpoint(st->db, pages) != SQLITE_OK)
		return store_fail(st, _("setting the checkpoint limit"));
	return 0;
}

int store_checkpoint(struct store *st)
{
	int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
		return store_fail(st, _("checkpointing"));
	return 0;
}

int store_data_version(struct store *st, int64_t *version)
{
	sqlite3_stmt *s = store_stmt(st, "PRAGMA data_version");
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	*version = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, _("reading the data version"));
	return 0;
}
