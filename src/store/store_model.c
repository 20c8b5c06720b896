/*
 * store_model.c: trained models in the model table, and the reviewed
 * articles they are trained on (see store.h).
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"

int store_model_add(struct store *st, const void *blob, size_t len, const char *trained_on,
                    const char *scores, int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO model (created_at, trained_on, scores, active, data) "
		"VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, 0, ?3) RETURNING id");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, trained_on ? trained_on : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, scores && scores[0] ? scores : "{}", -1, SQLITE_STATIC);
	sqlite3_bind_blob64(s, 3, blob, len, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, _("storing a model"));
	if (id)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

int store_model_activate(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE model SET active = (id = ?1)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, _("activating a model"));
	/* a model trained now holds what the online updates taught */
	return store_update_fold(st);
}

int store_model_set_scores(struct store *st, int64_t id, const char *scores)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE model SET scores = ?2 WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, scores && scores[0] ? scores : "{}", -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, _("storing a model's scores"));
	return 0;
}

int store_model_active(struct store *st, struct model_row *m, int with_data)
{
	memset(m, 0, sizeof *m);
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, created_at, trained_on, scores, length(data), "
		"CASE WHEN ?1 THEN data END FROM model WHERE active ORDER BY id DESC LIMIT 1");
	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, with_data);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return store_fail(st, _("reading the model"));
	m->id = sqlite3_column_int64(s, 0);
	snprintf(m->created_at, sizeof m->created_at, "%s",
	         (const char *)sqlite3_column_text(s, 1));
	m->trained_on = xstrdup((const char *)sqlite3_column_text(s, 2));
	m->scores = xstrdup((const char *)sqlite3_column_text(s, 3));
	m->len = (size_t)sqlite3_column_int64(s, 4);
	if (with_data) {
		const void *p = sqlite3_column_blob(s, 5);
		size_t n = (size_t)sqlite3_column_bytes(s, 5);
		m->data = xmalloc(n ? n : 1);
		if (n)
			memcpy(m->data, p, n);
		m->len = n;
	}
	sqlite3_reset(s);
	return 0;
}

void model_row_finish(struct model_row *m)
{
	free(m->trained_on);
	free(m->scores);
	free(m->data);
	memset(m, 0, sizeof *m);
}

int store_model_reset(struct store *st)
{
	int own = !store_in_transaction(st);
	if (own && store_begin(st) < 0)
		return -1;
	sqlite3_stmt *s = store_stmt(st, "UPDATE model SET active = 0 WHERE active");
	int rc = s ? 0 : -1;
	if (rc == 0 && sqlite3_step(s) != SQLITE_DONE)
		rc = store_fail(st, _("going back to the shipped model"));
	/* the online updates go with the trained model */
	if (rc == 0)
		rc = store_update_fold(st);
	if (own) {
		if (rc == 0)
			return store_commit(st);
		store_rollback(st);
	}
	return rc;
}

int store_done_docs(struct store *st, int (*fn)(struct doc *d, void *arg), void *arg)
{
	/* one pass over the done articles, each with its accepted entities */
	sqlite3_stmt *s = store_stmt(st,
		"SELECT a.id, a.ext_id, a.text, e.start, e.\"end\", e.type FROM article a "
		"LEFT JOIN entity e ON e.article = a.id AND e.status = 'accepted' "
		"WHERE a.state = 'done' ORDER BY a.id, e.start, e.\"end\"");
	if (!s)
		return -1;
	struct doc d = { 0 };
	int64_t cur = -1;
	int rc = SQLITE_DONE, stop = 0;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (id != cur) {
			if (cur >= 0 && fn(&d, arg) < 0)
				stop = 1;
			doc_finish(&d);
			if (stop)
				break;
			cur = id;
			d.id = xstrdup((const char *)sqlite3_column_text(s, 1));
			d.text_len = (size_t)sqlite3_column_bytes(s, 2);
			d.text = xstrndup((const char *)sqlite3_column_text(s, 2), d.text_len);
			d.has_entities = 1;
		}
		if (sqlite3_column_type(s, 3) != SQLITE_NULL) {
			struct span *sp = doc_push_span(&d);
			sp->start = sqlite3_column_int64(s, 3);
			sp->end = sqlite3_column_int64(s, 4);
			snprintf(sp->type, sizeof sp->type, "%s", (const char *)sqlite3_column_text(s, 5));
		}
	}
	if (!stop && rc != SQLITE_DONE) {
		doc_finish(&d);
		return store_fail(st, _("reading the reviewed articles"));
	}
	if (!stop && cur >= 0 && fn(&d, arg) < 0)
		stop = 1;
	doc_finish(&d);
	sqlite3_reset(s);
	return stop ? -1 : 0;
}
