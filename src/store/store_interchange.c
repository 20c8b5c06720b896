/*
 * store_interchange.c: the store's side of the interchange formats —
 * doccano and Prodigy/spaCy JSON Lines read with SQLite's JSON functions
 * (nerve has no JSON parser of its own).  See store.h.
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"

static int col_is(sqlite3_stmt *s, int i, const char *type)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t && strcmp((const char *)t, type) == 0;
}

/* The members of the top level that both formats share, and the JSON of
 * the annotation array (label or spans) and of "meta". */
static const char sql_top[] =
	"SELECT key, value, type FROM json_each(?1) WHERE json_type(?1) = 'object'";

enum flavour { DOCCANO, PRODIGY };

/* doccano labels: [start, end, "TYPE"] each. */
static const char sql_labels[] =
	"SELECT key, type = 'array' AND json_array_length(value) = 3 "
	"  AND json_type(value, '$[0]') = 'integer' AND json_type(value, '$[1]') = 'integer' "
	"  AND json_type(value, '$[2]') = 'text', "
	"json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') "
	"FROM json_each(?1) ORDER BY key";
/* Prodigy spans: {"start", "end", "label", "text"} each. */
static const char sql_spans[] =
	"SELECT key, type = 'object', "
	"json_type(value, '$.start'), json_extract(value, '$.start'), "
	"json_type(value, '$.end'), json_extract(value, '$.end'), "
	"json_type(value, '$.label'), json_extract(value, '$.label'), "
	"json_type(value, '$.text'), json_extract(value, '$.text') "
	"FROM json_each(?1) ORDER BY key";

static int parse_labels(struct store *st, const char *json, struct doc *d)
{
	sqlite3_stmt *s = store_stmt(st, sql_labels);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, json, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long k = sqlite3_column_int64(s, 0);
		if (!sqlite3_column_int(s, 1)) {
			sqlite3_reset(s);
			err_set(_("label %lld is not [start, end, \"TYPE\"]"), k + 1);
			return -1;
		}
		struct span *sp = doc_push_span(d);
		sp->start = sqlite3_column_int64(s, 2);
		sp->end = sqlite3_column_int64(s, 3);
		store_col_copy(s, 4, sp->type, sizeof sp->type);
		if ((size_t)sqlite3_column_bytes(s, 4) >= sizeof sp->type) {
			sqlite3_reset(s);
			err_set(_("label %lld: the type is longer than %zu bytes"), k + 1,
			        sizeof sp->type - 1);
			return -1;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("reading labels"));
	return 0;
}

static int parse_spans(struct store *st, const char *json, struct doc *d)
{
	sqlite3_stmt *s = store_stmt(st, sql_spans);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, json, -1, SQLITE_STATIC);
	int rc;
	long long k = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		k = sqlite3_column_int64(s, 0) + 1;
		const char *bad = NULL;  /* the member that is wrong */
		if (!sqlite3_column_int(s, 1)) {
			err_set(_("span %lld is not an object"), k);
		} else if (!col_is(s, 2, "integer")) {
			bad = "start";
		} else if (!col_is(s, 4, "integer")) {
			bad = "end";
		} else if (!col_is(s, 6, "text")) {
			err_set(_("span %lld: \"label\" is missing or not a string"), k);
		} else if ((size_t)sqlite3_column_bytes(s, 7) >= sizeof d->spans->type) {
			err_set(_("span %lld: the label is longer than %zu bytes"), k,
			        sizeof d->spans->type - 1);
		} else {
			struct span *sp = doc_push_span(d);
			sp->start = sqlite3_column_int64(s, 3);
			sp->end = sqlite3_column_int64(s, 5);
			store_col_copy(s, 7, sp->type, sizeof sp->type);
			if (col_is(s, 8, "text"))
				sp->text = store_col_dup(s, 9);
			continue;
		}
		if (bad)
			err_set(_("span %lld: \"%s\" is missing or not an integer"), k, bad);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("reading spans"));
	return 0;
}

static int span_doc(struct store *st, const char *json, size_t len, enum flavour fl,
                    struct doc *d)
{
	memset(d, 0, sizeof *d);
	sqlite3_stmt *s = store_stmt(st, sql_top);
	if (!s)
		return -1;
	const char *key_name = fl == DOCCANO ? "label" : "spans";
	sqlite3_bind_text(s, 1, json, (int)len, SQLITE_STATIC);
	int rc, members = 0;
	char *ann = NULL, *meta_id = NULL;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 0);
		int is_text = col_is(s, 2, "text");
		int is_int = col_is(s, 2, "integer");
		members++;
		if (strcmp(key, "text") == 0) {
			if (!is_text) {
				err_set(_("\"text\" is not a string"));
				goto fail;
			}
			free(d->text);
			d->text = store_col_dup(s, 1);
			d->text_len = (size_t)sqlite3_column_bytes(s, 1);
		} else if (strcmp(key, "id") == 0 && (is_text || is_int)) {
			free(d->id);
			d->id = store_col_dup(s, 1);
		} else if (strcmp(key, key_name) == 0) {
			if (!col_is(s, 2, "array")) {
				err_set(_("\"%s\" is not an array"), key_name);
				goto fail;
			}
			free(ann);
			ann = store_col_dup(s, 1);
			d->has_entities = 1;
		} else if (fl == PRODIGY && strcmp(key, "meta") == 0 && col_is(s, 2, "object")) {
			/* {"meta": {"id": ...}}, as Prodigy streams often carry it */
			char *meta = store_col_dup(s, 1);
			sqlite3_stmt *m = store_stmt(st,
				"SELECT CASE WHEN json_type(?1, '$.id') IN ('text', 'integer') "
				"THEN json_extract(?1, '$.id') END");
			if (!m) {
				free(meta);
				goto fail;
			}
			sqlite3_bind_text(m, 1, meta, -1, SQLITE_STATIC);
			if (sqlite3_step(m) == SQLITE_ROW && sqlite3_column_type(m, 0) != SQLITE_NULL) {
				free(meta_id);
				meta_id = store_col_dup(m, 0);
			}
			sqlite3_reset(m);
			free(meta);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		err_set(_("not valid JSON"));
		goto fail;
	}
	if (members == 0) {
		err_set(_("not a JSON object with a \"text\""));
		goto fail;
	}
	if (!d->text) {
		err_set(_("no \"text\" field"));
		goto fail;
	}
	if (!d->id && meta_id) {
		d->id = meta_id;
		meta_id = NULL;
	}
	if (ann && (fl == DOCCANO ? parse_labels(st, ann, d) : parse_spans(st, ann, d)) < 0)
		goto fail;
	free(ann);
	free(meta_id);
	return 0;
fail:
	sqlite3_reset(s);
	free(ann);
	free(meta_id);
	doc_finish(d);
	return -1;
}

int store_json_doccano(struct store *st, const char *json, size_t len, struct doc *d)
{
	return span_doc(st, json, len, DOCCANO, d);
}

int store_json_prodigy(struct store *st, const char *json, size_t len, struct doc *d)
{
	return span_doc(st, json, len, PRODIGY, d);
}
