/*
 * store_json.c: reading JSON documents with SQLite's JSON functions, so
 * that nerve needs no JSON parser of its own (see store.h).
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"

/* Members of the top-level object, with the entities array kept as JSON. */
static const char sql_top[] =
	"SELECT key, value, type FROM json_each(?1) WHERE json_type(?1) = 'object'";
/* Every field of every entity: (index, field, value, type). */
static const char sql_ents[] =
	"SELECT e.key, f.key, f.value, f.type FROM json_each(?1) AS e, json_each(e.value) AS f "
	"WHERE e.type = 'object' ORDER BY e.key";
static const char sql_ents_kinds[] =
	"SELECT count(*), sum(type = 'object') FROM json_each(?1)";

static int parse_entities(struct store *st, const char *json, int n, struct doc *d)
{
	sqlite3_stmt *s = store_stmt(st, sql_ents_kinds);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, json, n, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, _("reading entities"));
		sqlite3_reset(s);
		return -1;
	}
	int all_objects = sqlite3_column_int(s, 0) == sqlite3_column_int(s, 1);
	sqlite3_reset(s);
	if (!all_objects) {
		err_set(_("\"entities\" holds something other than objects"));
		return -1;
	}
	s = store_stmt(st, sql_ents);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, json, n, SQLITE_STATIC);
	long long cur = -1;
	struct span *sp = NULL;
	unsigned seen = 0;
	int rc;
	enum { START = 1, END = 2, TYPE = 4 };
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long idx = sqlite3_column_int64(s, 0);
		if (idx != cur) {
			if (sp && seen != (START | END | TYPE))
				goto incomplete;
			sp = doc_push_span(d);
			cur = idx;
			seen = 0;
		}
		const char *key = (const char *)sqlite3_column_text(s, 1);
		const char *type = (const char *)sqlite3_column_text(s, 3);
		int is_int = strcmp(type, "integer") == 0;
		int is_text = strcmp(type, "text") == 0;
		if (strcmp(key, "start") == 0 && is_int) {
			sp->start = sqlite3_column_int64(s, 2);
			seen |= START;
		} else if (strcmp(key, "end") == 0 && is_int) {
			sp->end = sqlite3_column_int64(s, 2);
			seen |= END;
		} else if (strcmp(key, "type") == 0 && is_text) {
			store_col_copy(s, 2, sp->type, sizeof sp->type);
			seen |= TYPE;
		} else if (strcmp(key, "text") == 0 && is_text) {
			sp->text = store_col_dup(s, 2);
		} else if (strcmp(key, "status") == 0 && is_text) {
			store_col_copy(s, 2, sp->status, sizeof sp->status);
			sp->has |= SPAN_HAS_STATUS;
		} else if (strcmp(key, "origin") == 0 && is_text) {
			store_col_copy(s, 2, sp->origin, sizeof sp->origin);
			sp->has |= SPAN_HAS_ORIGIN;
		} else if (strcmp(key, "annotator") == 0 && is_text) {
			store_col_copy(s, 2, sp->annotator, sizeof sp->annotator);
			sp->has |= SPAN_HAS_ANNOTATOR;
		} else if (strcmp(key, "confidence") == 0 &&
		           (is_int || strcmp(type, "real") == 0)) {
			sp->confidence = sqlite3_column_double(s, 2);
			sp->has |= SPAN_HAS_CONFIDENCE;
		} else if (strcmp(key, "start") == 0 || strcmp(key, "end") == 0 ||
		           strcmp(key, "type") == 0) {
			err_set(_("entity %lld: \"%s\" has the wrong kind of value"), idx + 1, key);
			sqlite3_reset(s);
			return -1;
		}
	}
	if (rc != SQLITE_DONE) {
		store_fail(st, _("reading entities"));
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	if (sp && seen != (START | END | TYPE))
		goto incomplete;
	return 0;
incomplete:
	sqlite3_reset(s);
	err_set(_("entity %lld lacks %s"), cur + 1,
	        !(seen & START) ? "\"start\"" : !(seen & END) ? "\"end\"" : "\"type\"");
	return -1;
}

int store_json_doc(struct store *st, const char *json, size_t len, struct doc *d)
{
	memset(d, 0, sizeof *d);
	sqlite3_stmt *s = store_stmt(st, sql_top);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	int rc, members = 0;
	char *ents = NULL;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 0);
		const char *type = (const char *)sqlite3_column_text(s, 2);
		int is_text = strcmp(type, "text") == 0;
		members++;
		if (strcmp(key, "text") == 0) {
			if (!is_text) {
				err_set(_("\"text\" is not a string"));
				goto fail;
			}
			d->text = store_col_dup(s, 1);
			d->text_len = (size_t)sqlite3_column_bytes(s, 1);
		} else if (strcmp(key, "id") == 0 && (is_text || strcmp(type, "integer") == 0)) {
			d->id = store_col_dup(s, 1);
		} else if (strcmp(key, "title") == 0 && is_text) {
			d->title = store_col_dup(s, 1);
		} else if (strcmp(key, "date") == 0 && is_text) {
			d->date = store_col_dup(s, 1);
		} else if (strcmp(key, "entities") == 0) {
			if (strcmp(type, "array") != 0) {
				err_set(_("\"entities\" is not an array"));
				goto fail;
			}
			d->has_entities = 1;
			ents = store_col_dup(s, 1);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		/* SQLite says "malformed JSON": say it in the user's terms. */
		err_set(_("not valid JSON"));
		goto fail;
	}
	if (members == 0 && !d->text) {
		err_set(_("not a JSON object with a \"text\""));
		goto fail;
	}
	if (!d->text) {
		err_set(_("no \"text\" field"));
		goto fail;
	}
	if (ents && parse_entities(st, ents, -1, d) < 0)
		goto fail;
	free(ents);
	return 0;
fail:
	sqlite3_reset(s);
	free(ents);
	doc_finish(d);
	return -1;
}
