/*
 * store_learn.c: the model in the loop — the generation counter, the
 * online updates of the model table, the memory of decisions and which
 * generation each article's suggestions come from (see store.h; the
 * tables are described at migration 1 -> 2 in store.c).
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"

int store_learn_generation(struct store *st, int64_t *gen, int64_t *model_gen)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT generation, model_generation FROM learn WHERE id = 1");
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	*gen = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	if (model_gen)
		*model_gen = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, _("reading the model's generation"));
	return 0;
}

int store_learn_bump(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE learn SET generation = generation + 1, model_generation = model_generation + 1");
	return s ? store_step_done(st, s, _("recording a change of the model")) : -1;
}

int store_update_add(struct store *st, int64_t article, int64_t grp, int64_t base,
                     const void *data, size_t len, int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO model_update (article, grp, base, active, created_at, data) "
		"VALUES (?1, ?2, ?3, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?4) RETURNING id");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_int64(s, 2, grp);
	sqlite3_bind_int64(s, 3, base);
	sqlite3_bind_blob64(s, 4, data, len, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, _("storing the model's update"));
		sqlite3_reset(s);
		return -1;
	}
	if (id)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	s = store_stmt(st,
		"UPDATE learn SET generation = generation + 1, model_generation = model_generation + 1, "
		"learned_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
	return s ? store_step_done(st, s, _("storing the model's update")) : -1;
}

int store_update_set_active(struct store *st, int64_t grp, int active, int *n)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE model_update SET active = ?2 WHERE grp = ?1 AND active <> ?2");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, grp);
	sqlite3_bind_int(s, 2, active ? 1 : 0);
	if (store_step_done(st, s, _("changing the model's updates")) < 0)
		return -1;
	int changed = sqlite3_changes(st->db);
	if (n)
		*n = changed;
	return changed ? store_learn_bump(st) : 0;
}

int store_update_fold(struct store *st)
{
	/* base -1 names no model: the rows stay for the record */
	sqlite3_stmt *s = store_stmt(st, "UPDATE model_update SET base = -1 WHERE base >= 0");
	if (!s || store_step_done(st, s, _("folding the model's updates")) < 0)
		return -1;
	return store_learn_bump(st);
}

int store_update_ids(struct store *st, int64_t base, int64_t **ids, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id FROM model_update WHERE base = ?1 AND active ORDER BY id");
	*ids = NULL;
	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, base);
	return store_step_ids(st, s, ids, n, _("reading the model's updates"));
}

int store_update_recent(struct store *st, int64_t base, size_t max, int64_t **articles,
                        size_t *n)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT article FROM model_update WHERE base = ?1 AND active "
		"ORDER BY id DESC LIMIT ?2");
	*articles = NULL;
	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, base);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	return store_step_ids(st, s, articles, n, _("reading the model's updates"));
}

int store_update_get(struct store *st, int64_t id, void **data, size_t *len)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT data FROM model_update WHERE id = ?1");
	*data = NULL;
	*len = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(s, 0);
		const void *p = sqlite3_column_blob(s, 0);
		*data = xmalloc(n ? n : 1);
		if (n)
			memcpy(*data, p, n);
		*len = n;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 1;
	return rc == SQLITE_ROW ? 0 : store_fail(st, _("reading the model's update"));
}

int store_decisions(struct store *st,
                    int (*fn)(void *arg, const char *text, size_t len, const char *type,
                              int accepted, int64_t n),
                    void *arg)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT text, type, status = 'accepted', n FROM decision WHERE n > 0 "
		"ORDER BY text, type, status");
	if (!s)
		return -1;
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 0);
		size_t len = (size_t)sqlite3_column_bytes(s, 0);
		const char *type = (const char *)sqlite3_column_text(s, 1);
		if (fn(arg, text ? text : "", len, type ? type : "", sqlite3_column_int(s, 2),
		       sqlite3_column_int64(s, 3)) < 0)
			stop = 1;
	}
	sqlite3_reset(s);
	if (stop)
		return -1;
	return rc == SQLITE_DONE ? 0 : store_fail(st, _("reading the memory of decisions"));
}

int store_learn_stats(struct store *st, int64_t base, struct learn_stats *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st,
		"SELECT generation, learned_at, "
		"(SELECT count(*) FROM model_update WHERE base = ?1 AND active), "
		"(SELECT count(DISTINCT article) FROM model_update WHERE base = ?1 AND active), "
		"(SELECT count(DISTINCT text) FROM decision WHERE n > 0) "
		"FROM learn WHERE id = 1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, base);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->generation = sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, out->learned_at, sizeof out->learned_at);
		out->updates = sqlite3_column_int64(s, 2);
		out->update_articles = sqlite3_column_int64(s, 3);
		out->strings = sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
	                                             : store_fail(st, _("reading the model's state"));
}

int store_article_detected(struct store *st, int64_t article, int64_t *gen, int *annotated)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT detected_gen, annotated FROM article WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	if (store_step_article(st, s, article) < 0)
		return -1;
	*gen = sqlite3_column_int64(s, 0);
	if (annotated)
		*annotated = sqlite3_column_int(s, 1);
	sqlite3_reset(s);
	return 0;
}

int store_article_set_detected(struct store *st, int64_t article, int64_t gen)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE article SET detected_gen = ?2 WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	sqlite3_bind_int64(s, 2, gen);
	return store_step_done(st, s, _("recording the detection of an article"));
}

int store_articles_stale(struct store *st, int64_t gen, int64_t after, size_t max,
                         int64_t **ids, size_t *n)
{
	/* the state index gives the articles to review in id order */
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id FROM (SELECT id, 0 AS k FROM article WHERE state IN ('new', 'in_progress') "
		"  AND id > ?2 AND annotated = 0 AND detected_gen < ?1 "
		"UNION ALL SELECT id, 1 FROM article WHERE state IN ('new', 'in_progress') "
		"  AND id <= ?2 AND annotated = 0 AND detected_gen < ?1) "
		"ORDER BY k, id LIMIT ?3");
	*ids = NULL;
	*n = 0;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, gen);
	sqlite3_bind_int64(s, 2, after);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)max);
	return store_step_ids(st, s, ids, n, _("listing the articles to detect again"));
}

int store_accepted_spans(struct store *st, int64_t article, struct doc *d)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT start, \"end\", type FROM entity WHERE article = ?1 AND status = 'accepted' "
		"ORDER BY start, \"end\", id");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, article);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct span *sp = doc_push_span(d);
		sp->start = sqlite3_column_int64(s, 0);
		sp->end = sqlite3_column_int64(s, 1);
		store_col_copy(s, 2, sp->type, sizeof sp->type);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, _("reading an article's entities"));
}
