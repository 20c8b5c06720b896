/*
 * store_journal.c: the append-only edit journal (see store.h).
 */
#include "config.h"
#include "store.h"

#include <stdlib.h>

#include "store_impl.h"
#include "lib/util.h"

/* A group is numbered after the largest row id, which is at least every
 * group number so far (each group's number is at most its first row's id)
 * and is found in the rowid tree without a scan.  Callers take the number
 * inside the transaction that writes the group's rows. */
int64_t store_journal_group(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT coalesce(max(id), 0) + 1 FROM edit");
	if (!s)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, _("reading the journal"));
		sqlite3_reset(s);
		return -1;
	}
	int64_t grp = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);   /* end the read now, not at the next use */
	return grp;
}

char *store_entity_snapshot(struct store *st, int64_t entity_id)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT json_object('id', id, 'article', article, 'start', start, 'end', \"end\", "
		"'type', type, 'status', status, 'origin', origin, 'confidence', confidence, "
		"'annotator', annotator, 'created_at', created_at, 'updated_at', updated_at, "
		"'referent', referent, 'original_start', original_start, "
		"'original_end', original_end, 'original_type', original_type) "
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
	return store_journal_reversal(st, grp, annotator, article, entity_id, action, before,
	                              after, 0);
}

int store_journal_reversal(struct store *st, int64_t grp, const char *annotator,
                           int64_t article, int64_t entity_id, const char *action,
                           const char *before, const char *after, int64_t undo_of)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO edit (at, annotator, article, entity, action, before, after, grp, "
		"undo_of) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6, "
		"?7, ?8)");
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
	if (undo_of > 0)
		sqlite3_bind_int64(s, 8, undo_of);
	return store_step_done(st, s, _("writing the journal"));
}
