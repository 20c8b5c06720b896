/*
 * store_article.c: articles (see store.h).
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"

static const char *const state_names[] = { "new", "in_progress", "done" };

const char *article_state_name(enum article_state s)
{
	return state_names[s];
}

int article_state_parse(const char *name, enum article_state *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(state_names); i++) {
		if (strcmp(name, state_names[i]) == 0) {
			*out = (enum article_state)i;
			return 0;
		}
	}
	return -1;
}

void article_finish(struct article *a)
{
	free(a->ext_id);
	free(a->title);
	free(a->source);
	free(a->published);
	free(a->text);
	free(a->sha256);
	free(a->reviewed_by);
	memset(a, 0, sizeof *a);
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_STATIC);
}

int store_article_add(struct store *st, struct article *a)
{
	int dup = store_article_by_sha(st, a->sha256 ? a->sha256 : "", &a->id);
	if (dup != 0)
		return dup;
	/* The time is formatted here and the id read back with
	 * sqlite3_last_insert_rowid(): a RETURNING clause would build and
	 * drop an ephemeral table for every article. */
	store_now(a->imported_at);
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO article (ext_id, title, source, published, text, sha256, imported_at, "
		"state, reviewed_by, reviewed_at, annotated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"?11, ?7, ?8, ?9, ?10)");
	if (!s)
		return -1;
	bind_str(s, 1, a->ext_id);
	bind_str(s, 2, a->title);
	bind_str(s, 3, a->source);
	bind_str(s, 4, a->published);
	sqlite3_bind_text(s, 5, a->text, (int)a->text_len, SQLITE_STATIC);
	bind_str(s, 6, a->sha256);
	sqlite3_bind_text(s, 7, article_state_name(a->state), -1, SQLITE_STATIC);
	bind_str(s, 8, a->reviewed_by);
	bind_str(s, 9, a->reviewed_at);
	sqlite3_bind_int(s, 10, a->annotated);
	sqlite3_bind_text(s, 11, a->imported_at, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("storing an article"));
	a->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int store_triggers_pause(struct store *st)
{
	if (st->bulk)
		return 0;   /* already off: store_bulk_end() redoes their work */
	/* Only the triggers whose work the callers redo (the full-text index
	 * and the tallies) may be skipped: should the schema ever hold
	 * another trigger, every statement keeps running them all. */
	sqlite3_stmt *s = store_stmt(st,
		"SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
		"AND name NOT IN ('article_fts_ai', 'article_fts_ad', 'article_fts_au', "
		"'article_tally_ai', 'article_tally_ad', 'article_tally_au', "
		"'entity_tally_ai', 'entity_tally_ad', 'entity_tally_au', "
		"'referent_tally_ai', 'referent_tally_ad', 'referent_tally_au', "
		"'referent_articles_au', 'decision_ai', 'decision_ad', 'decision_au')");
	if (!s)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail(st, _("reading the schema"));
	}
	int others = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (others)
		return 0;
	int off;
	if (sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &off) != SQLITE_OK)
		return store_fail(st, _("turning triggers off"));
	return 1;
}

int store_triggers_resume(struct store *st)
{
	int on;
	if (sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, &on) != SQLITE_OK)
		return store_fail(st, _("turning triggers on"));
	return 0;
}

int store_recount(struct store *st, int64_t article)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE article SET "
		"n_entities = (SELECT count(*) FROM entity WHERE article = ?1 AND status <> 'rejected'), "
		"n_suggested = (SELECT count(*) FROM entity WHERE article = ?1 AND status = 'suggested') "
		"WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, _("counting entities"));
}

int store_bulk_begin(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT coalesce(max(id), 0) FROM article");
	if (!s)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail(st, _("reading articles"));
	}
	st->bulk_from = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	int paused = store_triggers_pause(st);
	if (paused < 0)
		return -1;
	st->bulk = paused;
	return 0;
}

int store_bulk_end(struct store *st, int index)
{
	int rc = 0;
	if (!st->bulk)
		return 0;
	/* What the insert triggers would have done for the new articles and
	 * their entities (a bulk load adds entities to new articles only). */
	static const char *const redo[] = {
		"INSERT INTO article_fts(rowid, title, text) "
		"SELECT id, title, text FROM article WHERE id > ?1",
		"UPDATE article SET "
		"n_entities = (SELECT count(*) FROM entity WHERE article = article.id "
		"AND status <> 'rejected'), "
		"n_suggested = (SELECT count(*) FROM entity WHERE article = article.id "
		"AND status = 'suggested') WHERE id > ?1",
		"UPDATE article_tally SET n = n + "
		"(SELECT count(*) FROM article WHERE id > ?1 AND state = article_tally.state)",
		/* the referents the new articles' entities were linked to,
		 * counted again whole (they may have mentions elsewhere too) */
		"UPDATE referent SET n_mentions = t.a + t.s, n_accepted = t.a, n_suggested = t.s, "
		"n_rejected = t.r, n_articles = t.n FROM (SELECT referent AS id, "
		"sum(status = 'accepted') AS a, sum(status = 'suggested') AS s, "
		"sum(status = 'rejected') AS r, count(DISTINCT article) AS n FROM entity "
		"WHERE referent IN (SELECT referent FROM entity WHERE article > ?1 "
		"AND referent IS NOT NULL) GROUP BY referent) AS t WHERE referent.id = t.id",
		/* the memory of decisions (decision_ai) */
		"INSERT INTO decision (text, type, status, n) "
		"SELECT substr(a.text, e.start + 1, e.\"end\" - e.start), e.type, e.status, count(*) "
		"FROM entity e JOIN article a ON a.id = e.article "
		"WHERE a.id > ?1 AND e.status <> 'suggested' GROUP BY 1, 2, 3 "
		"ON CONFLICT DO UPDATE SET n = n + excluded.n",
		"UPDATE learn SET generation = generation + (?1 = ?1)",
	};
	for (size_t i = 0; index && rc == 0 && i < ARRAY_SIZE(redo); i++) {
		sqlite3_stmt *s = store_stmt(st, redo[i]);
		if (!s) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, st->bulk_from);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_fail(st, _("indexing articles"));
		sqlite3_reset(s);
	}
	if (store_triggers_resume(st) < 0 && rc == 0)
		rc = -1;
	st->bulk = 0;
	return rc;
}

int store_index_check(struct store *st)
{
	/* article_fts_docsize has a row per indexed document */
	sqlite3_stmt *s = store_stmt(st,
		"SELECT (SELECT count(*) FROM article), (SELECT count(*) FROM article_fts_docsize), "
		"(SELECT count(*) FROM article a JOIN article_fts_docsize d ON d.id = a.id)");
	if (!s)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail(st, _("checking the full-text index"));
	}
	int64_t n = sqlite3_column_int64(s, 0), m = sqlite3_column_int64(s, 1);
	int64_t both = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	if (n != m || n != both) {
		err_set(_("%s: %lld articles, %lld in the full-text index (%lld matching)"), st->path,
		        (long long)n, (long long)m, (long long)both);
		return -1;
	}
	return 0;
}

int store_step_article(struct store *st, sqlite3_stmt *s, int64_t article)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 0;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		err_set(_("no article %lld"), (long long)article);
		return -1;
	}
	return store_fail(st, _("reading an article"));
}

/* Step s, a query for an article's id: 1 and *id set when it has a row,
 * 0 when not, -1 on error.  s is reset in every case. */
static int lookup_id(struct store *st, sqlite3_stmt *s, int64_t *id)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(st, _("looking up an article"));
}

int store_article_by_sha(struct store *st, const char *sha256, int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM article WHERE sha256 = ?1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	return lookup_id(st, s, id);
}

int store_article_by_ext_id(struct store *st, const char *ext_id, int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM article WHERE ext_id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, ext_id, -1, SQLITE_STATIC);
	return lookup_id(st, s, id);
}

int store_article_find(struct store *st, const char *ref, int64_t *id)
{
	int digits = ref[0] != '\0' && strlen(ref) < 19;
	for (const char *p = ref; *p && digits; p++)
		digits = *p >= '0' && *p <= '9';
	if (!digits)
		return store_article_by_ext_id(st, ref, id);
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM article WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, strtoll(ref, NULL, 10));
	int r = lookup_id(st, s, id);
	/* no such number: an external id of digits (doccano's are) */
	return r == 0 ? store_article_by_ext_id(st, ref, id) : r;
}

int store_ext_id_free(struct store *st, const char *ext_id)
{
	int64_t id;
	int r = store_article_by_ext_id(st, ext_id, &id);
	return r < 0 ? -1 : !r;
}

int store_article_get(struct store *st, int64_t id, struct article *a)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, ext_id, title, source, published, text, sha256, imported_at, state, "
		"reviewed_by, reviewed_at, annotated, uncertainty FROM article WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (store_step_article(st, s, id) < 0)
		return -1;
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(s, 0);
	a->ext_id = store_col_str(s, 1);
	a->title = store_col_str(s, 2);
	a->source = store_col_str(s, 3);
	a->published = store_col_str(s, 4);
	a->text = store_col_str(s, 5);
	a->text_len = (size_t)sqlite3_column_bytes(s, 5);
	a->sha256 = store_col_str(s, 6);
	store_col_copy(s, 7, a->imported_at, sizeof a->imported_at);
	article_state_parse((const char *)sqlite3_column_text(s, 8), &a->state);
	a->reviewed_by = store_col_str(s, 9);
	store_col_copy(s, 10, a->reviewed_at, sizeof a->reviewed_at);
	a->annotated = sqlite3_column_int(s, 11);
	a->uncertainty = sqlite3_column_double(s, 12);
	sqlite3_reset(s);
	return 0;
}
