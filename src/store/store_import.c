/*
 * store_import.c: small JSON helpers that import needs, through SQLite's
 * JSON functions: walking an object's members (type maps) and probing a
 * line's keys (format recognition).  See store.h.
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"

int store_json_members(struct store *st, const char *json, size_t len, json_member_fn fn,
                       void *arg)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT key, CASE WHEN type = 'text' THEN value END "
		"FROM json_each(?1) WHERE json_type(?1) = 'object'");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	int rc, ret = 0, rows = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows++;
		if (fn(arg, (const char *)sqlite3_column_text(s, 0),
		       (const char *)sqlite3_column_text(s, 1)) < 0) {
			ret = -1;
			break;
		}
	}
	if (ret == 0 && rc != SQLITE_DONE) {
		err_set(_("not valid JSON"));
		ret = -1;
	}
	sqlite3_reset(s);
	if (ret == 0 && rows == 0) {
		/* an empty object is fine; anything else that gave no rows is not */
		s = store_stmt(st, "SELECT json_type(?1)");
		if (!s)
			return -1;
		sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
		rc = sqlite3_step(s);
		const char *t = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
		if (!t || strcmp(t, "object") != 0) {
			err_set(rc == SQLITE_ROW ? _("not a JSON object") : _("not valid JSON"));
			ret = -1;
		}
		sqlite3_reset(s);
	}
	return ret;
}

int store_json_has_key(struct store *st, const char *json, size_t len, const char *key)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT 1 FROM json_each(?1) WHERE json_type(?1) = 'object' AND key = ?2");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	/* malformed JSON is "no such key" here: the reader reports it */
	return 0;
}
