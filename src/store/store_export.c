/*
 * store_export.c: selecting articles and entities for export (see
 * store.h); the formats' writers turn them into bytes.
 *
 * Filters travel as bound JSON arrays (NULL for "any"), so every query
 * is one fixed, prepared statement whatever the selection.
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/sha256.h"
#include "lib/util.h"

/* The filter as JSON arrays, bound to parameters ?1..?6 of the queries
 * below: statuses, types, states, article ids, annotator, since. */
struct bound {
	struct buf statuses, types, states, articles;
};

static void bound_finish(struct bound *bd)
{
	buf_free(&bd->statuses);
	buf_free(&bd->types);
	buf_free(&bd->states);
	buf_free(&bd->articles);
}

static void bind_json(sqlite3_stmt *s, int i, const struct buf *b)
{
	if (b->len)
		sqlite3_bind_text(s, i, b->data, (int)b->len, SQLITE_STATIC);
}

static void bind_filter(sqlite3_stmt *s, const struct export_filter *f, struct bound *bd)
{
	if (f->statuses) {
		buf_addc(&bd->statuses, '[');
		for (int k = 0; k < 3; k++) {
			if (!(f->statuses & (1u << k)))
				continue;
			if (bd->statuses.len > 1)
				buf_addc(&bd->statuses, ',');
			const char *name = entity_status_name((enum entity_status)k);
			buf_add_json(&bd->statuses, name, strlen(name));
		}
		buf_addc(&bd->statuses, ']');
	}
	if (f->types) {
		buf_addc(&bd->types, '[');
		for (size_t k = 0; k < f->ntypes; k++) {
			if (k)
				buf_addc(&bd->types, ',');
			buf_add_json(&bd->types, f->types[k], strlen(f->types[k]));
		}
		buf_addc(&bd->types, ']');
	}
	if (f->states) {
		buf_addc(&bd->states, '[');
		for (int k = 0; k < 3; k++) {
			if (!(f->states & (1u << k)))
				continue;
			if (bd->states.len > 1)
				buf_addc(&bd->states, ',');
			const char *name = article_state_name((enum article_state)k);
			buf_add_json(&bd->states, name, strlen(name));
		}
		buf_addc(&bd->states, ']');
	}
	if (f->articles) {
		buf_addc(&bd->articles, '[');
		for (size_t k = 0; k < f->narticles; k++)
			buf_printf(&bd->articles, "%s%lld", k ? "," : "", (long long)f->articles[k]);
		buf_addc(&bd->articles, ']');
	}
	bind_json(s, 1, &bd->statuses);
	bind_json(s, 2, &bd->types);
	bind_json(s, 3, &bd->states);
	bind_json(s, 4, &bd->articles);
	if (f->by)
		sqlite3_bind_text(s, 5, f->by, -1, SQLITE_STATIC);
	if (f->since)
		sqlite3_bind_text(s, 6, f->since, -1, SQLITE_STATIC);
}

#define ENTITY_FILTER \
	"(?1 IS NULL OR e.status IN (SELECT value FROM json_each(?1))) " \
	"AND (?2 IS NULL OR e.type IN (SELECT value FROM json_each(?2))) " \
	"AND (?5 IS NULL OR e.annotator = ?5) " \
	"AND (?6 IS NULL OR e.updated_at >= ?6) "
#define ARTICLE_FILTER \
	"(?3 IS NULL OR a.state IN (SELECT value FROM json_each(?3))) "
#define ROW_COLUMNS \
	"e.article, a.ext_id, a.title, e.id, e.start, e.\"end\", e.type, e.status, e.origin, " \
	"e.annotator, e.updated_at, coalesce(e.referent, 0), " \
	"coalesce((SELECT name FROM referent WHERE id = e.referent), ''), " \
	"e.original_start, e.original_end, e.original_type"
#define ROW_ORDER " ORDER BY e.article, e.start, e.\"end\", e.id"

static const char sql_rows_all[] =
	"SELECT " ROW_COLUMNS " FROM entity e JOIN article a ON a.id = e.article "
	"WHERE " ENTITY_FILTER "AND " ARTICLE_FILTER "AND ?4 IS NULL" ROW_ORDER;
/* With a list of articles, drive the query from the list. */
static const char sql_rows_some[] =
	"SELECT " ROW_COLUMNS " FROM (SELECT DISTINCT value AS id FROM json_each(?4)) AS j "
	"JOIN entity e ON e.article = j.id JOIN article a ON a.id = e.article "
	"WHERE " ENTITY_FILTER "AND " ARTICLE_FILTER ROW_ORDER;

static const char sql_text[] = "SELECT text, sha256 FROM article WHERE id = ?1";

/* An article's text against the sha256 stored with it: a damaged page
 * (of the text's overflow chain, say) must not export as garbage. */
static int verify_text(struct store *st, int64_t id, const char *ext_id, const char *text,
                       size_t len, const char *sha)
{
	char hex[65];
	sha256_hex(text ? text : "", len, hex);
	if (sha && strcmp(hex, sha) == 0)
		return 0;
	err_set(_("%s: article %s (%lld): its text does not match its checksum: the database is "
	          "damaged (nerve check tells more; restore it from a backup)"),
	        st->path, ext_id ? ext_id : "?", (long long)id);
	return -1;
}

/* Where an article's text is, and how far into it the walk has come. */
struct walk {
	const char *text;
	size_t len;
	int64_t cp;                 /* code point offset of byte 'at' */
	size_t at;
};

/* Byte offset of code point offset cp, moving forward from w (or from
 * the start when cp lies behind). */
static size_t walk_to(struct walk *w, int64_t cp)
{
	if (cp < w->cp) {
		w->cp = 0;
		w->at = 0;
	}
	const unsigned char *s = (const unsigned char *)w->text;
	size_t i = w->at;
	int64_t c = w->cp;
	while (c < cp && i < w->len) {
		i++;
		while (i < w->len && (s[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	w->cp = c;
	w->at = i;
	return i;
}

int store_export_entities(struct store *st, const struct export_filter *f, export_row_fn fn,
                          void *arg)
{
	sqlite3_stmt *s = store_stmt(st, f->articles ? sql_rows_some : sql_rows_all);
	if (!s)
		return -1;
	struct bound bd = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	bind_filter(s, f, &bd);
	sqlite3_stmt *ts = NULL;
	struct walk w = { 0 };
	int64_t cur = -1;
	int rc, ret = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct export_row r;
		r.article = sqlite3_column_int64(s, 0);
		if (r.article != cur) {
			ts = store_stmt(st, sql_text);
			if (!ts) {
				ret = -1;
				break;
			}
			sqlite3_bind_int64(ts, 1, r.article);
			if (sqlite3_step(ts) != SQLITE_ROW) {
				ret = store_fail(st, _("reading an article"));
				break;
			}
			w.text = (const char *)sqlite3_column_text(ts, 0);
			w.len = (size_t)sqlite3_column_bytes(ts, 0);
			if (verify_text(st, r.article, (const char *)sqlite3_column_text(s, 1), w.text,
			                w.len, (const char *)sqlite3_column_text(ts, 1)) < 0) {
				ret = -1;
				break;
			}
			w.cp = 0;
			w.at = 0;
			cur = r.article;
		}
		r.ext_id = (const char *)sqlite3_column_text(s, 1);
		r.ext_id_len = (size_t)sqlite3_column_bytes(s, 1);
		r.title = (const char *)sqlite3_column_text(s, 2);
		r.title_len = (size_t)sqlite3_column_bytes(s, 2);
		r.entity = sqlite3_column_int64(s, 3);
		r.start = sqlite3_column_int64(s, 4);
		r.end = sqlite3_column_int64(s, 5);
		r.type = (const char *)sqlite3_column_text(s, 6);
		r.status = (const char *)sqlite3_column_text(s, 7);
		r.origin = (const char *)sqlite3_column_text(s, 8);
		r.annotator = (const char *)sqlite3_column_text(s, 9);
		r.updated_at = (const char *)sqlite3_column_text(s, 10);
		r.referent = sqlite3_column_int64(s, 11);
		r.referent_name = (const char *)sqlite3_column_text(s, 12);
		r.referent_name_len = (size_t)sqlite3_column_bytes(s, 12);
		r.original_start = sqlite3_column_int64(s, 13);
		r.original_end = sqlite3_column_int64(s, 14);
		r.original_type = (const char *)sqlite3_column_text(s, 15);
		size_t b0 = walk_to(&w, r.start);
		/* the end from a copy, so the next start walks on from this one */
		struct walk e = w;
		size_t b1 = walk_to(&e, r.end);
		r.text = w.text + b0;
		r.text_len = b1 - b0;
		if (fn(arg, &r) < 0) {
			ret = -1;
			break;
		}
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_fail(st, _("reading entities"));
	if (ts)
		sqlite3_reset(ts);
	sqlite3_reset(s);
	bound_finish(&bd);
	return ret;
}

int store_time_normalise(struct store *st, const char *in, char out[21])
{
	sqlite3_stmt *s = store_stmt(st, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', ?1)");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, in, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	const unsigned char *t = rc == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
	int iso = strlen(in) >= 10 && in[4] == '-' && in[7] == '-';
	for (int k = 0; iso && k < 10; k++)
		iso = k == 4 || k == 7 || (in[k] >= '0' && in[k] <= '9');
	if (!t || !iso) {
		sqlite3_reset(s);
		err_set(_("'%s' is not an ISO 8601 date or time"), in);
		return -1;
	}
	snprintf(out, 21, "%s", (const char *)t);
	sqlite3_reset(s);
	return 0;
}

/* ---- whole documents (doccano, Prodigy, CoNLL, brat) ------------------ */

static const char sql_docs[] =
	"SELECT a.id, a.ext_id, a.title, a.published, a.text, a.sha256 FROM article a WHERE "
	ARTICLE_FILTER
	" AND (?4 IS NULL OR a.id IN (SELECT value FROM json_each(?4))) ORDER BY a.id";
static const char sql_doc_ents[] =
	"SELECT " ENTITY_COLUMNS ", confidence IS NULL FROM entity e "
	"WHERE e.article = ?7 AND " ENTITY_FILTER "ORDER BY e.start, e.\"end\", e.id";

int store_export_docs(struct store *st, const struct export_filter *f, export_doc_fn fn,
                      void *arg)
{
	sqlite3_stmt *es = store_stmt(st, sql_doc_ents);
	sqlite3_stmt *s = es ? store_stmt(st, sql_docs) : NULL;
	if (!s)
		return -1;
	struct bound bd = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	bind_filter(s, f, &bd);
	/* the same filter on the entities' statement (it ignores ?3 and ?4) */
	bind_json(es, 1, &bd.statuses);
	bind_json(es, 2, &bd.types);
	if (f->by)
		sqlite3_bind_text(es, 5, f->by, -1, SQLITE_STATIC);
	if (f->since)
		sqlite3_bind_text(es, 6, f->since, -1, SQLITE_STATIC);
	struct entity_list ents = { 0 };
	int rc, ret = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct export_doc d;
		d.article = sqlite3_column_int64(s, 0);
		d.ext_id = (const char *)sqlite3_column_text(s, 1);
		d.title = (const char *)sqlite3_column_text(s, 2);
		d.published = (const char *)sqlite3_column_text(s, 3);
		d.text = (const char *)sqlite3_column_text(s, 4);
		d.text_len = (size_t)sqlite3_column_bytes(s, 4);
		if (verify_text(st, d.article, d.ext_id, d.text, d.text_len,
		                (const char *)sqlite3_column_text(s, 5)) < 0) {
			ret = -1;
			break;
		}
		ents.n = 0;
		sqlite3_reset(es);
		sqlite3_bind_int64(es, 7, d.article);
		int er;
		while ((er = sqlite3_step(es)) == SQLITE_ROW) {
			struct entity *e = entity_list_push(&ents);
			store_entity_from_row(es, e);
			e->no_confidence = sqlite3_column_int(es, ENTITY_NCOLUMNS);
		}
		if (er != SQLITE_DONE) {
			ret = store_fail(st, _("reading entities"));
			break;
		}
		d.ents = ents.v;
		d.nents = ents.n;
		if (fn(arg, &d) < 0) {
			ret = -1;
			break;
		}
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_fail(st, _("exporting"));
	sqlite3_reset(es);
	sqlite3_reset(s);
	entity_list_finish(&ents);
	bound_finish(&bd);
	return ret;
}
