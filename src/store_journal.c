/*
 * store_journal.c: the append-only edit journal (see store.h).
 */
#include "config.h"
#include "store.h"

#include <stdlib.h>

#include "store_impl.h"
#include "util.h"

int64_t store_journal_group(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT coalesce(max(grp), 0) + 1 FROM edit");
	if (!s || sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, _("reading the journal"));
		return -1;
	}
	int64_t grp = sqlite3_column_int64(s, 0);
	/* reset now: a pending statement would keep a stale read snapshot
	 * open after COMMIT, and the next BEGIN IMMEDIATE could then fail
	 * at once instead of waiting for another writer */
	sqlite3_reset(s);
	return grp;
}

char *store_entity_snapshot(struct store *st, int64_t entity_id)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT json_object('id', id, 'article', article, 'start', start, 'end', \"end\", "
		"'type', type, 'status', status, 'origin', origin, 'confidence', confidence, "
		"'annotator', annotator, 'created_at', created_at, 'updated_at', updated_at) "
		"FROM entity WHERE id = ?1");
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, entity_id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return NULL;
	}
	char *json = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return json;
}

int store_journal(struct store *st, int64_t grp, const char *annotator, int64_t article,
                  int64_t entity_id, const char *action, const char *before,
                  const char *after)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO edit (at, annotator, article, entity, action, before, after, grp) "
		"VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, annotator, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, article);
	if (entity_id > 0)
		sqlite3_bind_int64(s, 3, entity_id);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_STATIC);
	if (before)
		sqlite3_bind_text(s, 5, before, -1, SQLITE_STATIC);
	if (after)
		sqlite3_bind_text(s, 6, after, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, grp);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, _("writing the journal"));
	return 0;
}
