/*
 * store_browse.c: the browser's article list, paged by index (see
 * store_browse.h).
 *
 * Each sort order is a key column and a direction; the list is ordered
 * by (key, id) in that direction, so that every row has a unique
 * position and "the rows after this one" are two ranges on an index:
 * key = ? AND id > ?, then key > ? (see enum part).  The SQL for each
 * sort, filter, kind of fetch and part is generated once into static
 * buffers (store_stmt() caches statements by the text's address).
 */
#include "config.h"
#include "store_browse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"

static const struct sortdef {
	const char *name;
	const char *key;        /* the key column, or NULL: id alone */
	int desc;               /* descending */
	int text;               /* the key is text (else integer) */
} sorts[BROWSE_NSORTS] = {
	[BROWSE_IMPORTED] = { N_("imported"), NULL, 0, 0 },
	[BROWSE_DATE] = { N_("date"), "published", 1, 1 },
	[BROWSE_TITLE] = { N_("title"), "title", 0, 1 },
	[BROWSE_LEFT] = { N_("left"), "n_suggested", 1, 0 },
	[BROWSE_UNSURE] = { N_("uncertain"), "uncertainty", 1, 0 },
};

const char *browse_sort_name(enum browse_sort s)
{
	return sorts[s].name;
}

/* Kinds of fetch. */
enum kind {
	K_FIRST,     /* from the start, forward */
	K_LAST,      /* from the end, backward */
	K_FROM,      /* key and after, forward */
	K_AFTER,     /* after key, forward */
	K_BEFORE,    /* before key, backward */
	K_NTH,       /* forward, with an offset */
	K_RANK,      /* count before key */
	K_SFIRST,    /* search from the start, forward */
	K_SLAST,     /* search from the end, backward */
	K_SAFTER,    /* search after key */
	K_SBEFORE,   /* search before key */
	K_NKINDS
};

#define ROW_COLUMNS "id, state, published, title, n_entities, n_suggested, " \
	"CASE WHEN title = '' THEN substr(text, 1, 120) ELSE '' END, ext_id, uncertainty"

/* A fetch from a key in a sort with a key column runs in two parts:
 * the rows that tie with the key's value, by id, then the rows beyond
 * that value.  SQLite (3.40) seeks an index only by the first column of
 * "(key, id) > (?, ?)", and walks every tie before the id: all the rows,
 * when no report has a date. */
enum part {
	P_WHOLE,     /* no key, or a sort without a key column */
	P_TIES,      /* key = ?2 AND id beyond ?3 */
	P_BEYOND,    /* key beyond ?2 */
};

/* Parameters: ?1 state, ?2 key, ?3 id, ?4 limit (or offset), ?5 fts. */
static char sql_text[BROWSE_NSORTS][2][K_NKINDS][3][512];

/* 1 when kind k of query q runs in two parts. */
static int split(const struct browse_query *q, enum kind k)
{
	return sorts[q->sort].key && (k == K_FROM || k == K_AFTER || k == K_BEFORE ||
	                              k == K_SAFTER || k == K_SBEFORE || k == K_RANK);
}

/* Move the text of b into out (one of sql_text's buffers); returns out. */
static const char *keep_sql(char *out, struct buf *b)
{
	if (b->len >= sizeof sql_text[0][0][0][0])
		die("store_browse: query too long");
	memcpy(out, b->data, b->len + 1);
	buf_free(b);
	return out;
}

static const char *sql_for(const struct browse_query *q, enum kind k, enum part part)
{
	const struct sortdef *d = &sorts[q->sort];
	int filtered = q->state >= 0;
	char *out = sql_text[q->sort][filtered][k][part];
	if (out[0])
		return out;

	int backward = k == K_LAST || k == K_BEFORE || k == K_SLAST || k == K_SBEFORE ||
	               k == K_RANK;
	/* Scanning backward flips the direction of the order. */
	int desc = d->desc ^ backward;
	const char *dir = desc ? "DESC" : "ASC";
	const char *op = NULL;
	if (k == K_FROM)
		op = desc ? "<=" : ">=";
	else if (k == K_AFTER || k == K_BEFORE || k == K_SAFTER || k == K_SBEFORE || k == K_RANK)
		op = desc ? "<" : ">";

	struct buf b = BUF_INIT;
	if (k == K_RANK && !filtered && !d->key) {
		/* Counting "id < ?" would walk the table itself, text and all
		 * (hundreds of megabytes on a big corpus): count each review
		 * state's part of the (state, id) index instead, the states
		 * being the rows of the tally. */
		buf_adds(&b, "SELECT coalesce(sum((SELECT count(*) FROM article a "
		             "WHERE a.state = t.state AND a.id < ?3)), 0) FROM article_tally t");
		return keep_sql(out, &b);
	}
	if (k == K_RANK)
		buf_adds(&b, "SELECT count(*) FROM article");
	else
		buf_adds(&b, "SELECT " ROW_COLUMNS " FROM article");
	const char *glue = " WHERE ";
	if (filtered) {
		buf_printf(&b, "%sstate = ?1", glue);
		glue = " AND ";
	}
	if (op) {
		if (part == P_TIES)
			buf_printf(&b, "%s%s = ?2 AND id %s ?3", glue, d->key, op);
		else if (part == P_BEYOND)
			buf_printf(&b, "%s%s %c ?2", glue, d->key, op[0]);
		else
			buf_printf(&b, "%sid %s ?3", glue, op);
		glue = " AND ";
	}
	if (k >= K_SFIRST)
		buf_printf(&b, "%sid IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?5)",
		           glue);
	if (k != K_RANK) {
		if (d->key)
			buf_printf(&b, " ORDER BY %s %s, id %s", d->key, dir, dir);
		else
			buf_printf(&b, " ORDER BY id %s", dir);
		buf_adds(&b, k == K_NTH ? " LIMIT 1 OFFSET ?4" : " LIMIT ?4");
	}
	return keep_sql(out, &b);
}

void browse_row_finish(struct browse_row *r)
{
	free(r->published);
	free(r->title);
	free(r->lead);
	free(r->ext_id);
	memset(r, 0, sizeof *r);
}

void browse_row_copy(struct browse_row *dst, const struct browse_row *r)
{
	*dst = *r;
	dst->published = xstrdup(r->published ? r->published : "");
	dst->title = xstrdup(r->title ? r->title : "");
	dst->lead = xstrdup(r->lead ? r->lead : "");
	dst->ext_id = xstrdup(r->ext_id ? r->ext_id : "");
}

void browse_page_clear(struct browse_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		browse_row_finish(&p->v[i]);
	p->n = 0;
}

void browse_page_finish(struct browse_page *p)
{
	browse_page_clear(p);
	free(p->v);
	memset(p, 0, sizeof *p);
}

/* Bind the state filter (?1) and, when there is one, the key (?2, ?3). */
static void bind_query(sqlite3_stmt *s, const struct browse_query *q,
                       const struct browse_row *key)
{
	if (q->state >= 0)
		sqlite3_bind_text(s, 1, article_state_name((enum article_state)q->state), -1,
		                  SQLITE_STATIC);
	if (!key)
		return;
	if (q->sort == BROWSE_DATE)
		sqlite3_bind_text(s, 2, key->published ? key->published : "", -1, SQLITE_STATIC);
	else if (q->sort == BROWSE_TITLE)
		sqlite3_bind_text(s, 2, key->title ? key->title : "", -1, SQLITE_STATIC);
	else if (q->sort == BROWSE_LEFT)
		sqlite3_bind_int64(s, 2, key->suggested);
	else if (q->sort == BROWSE_UNSURE)
		sqlite3_bind_double(s, 2, key->uncertainty);
	sqlite3_bind_int64(s, 3, key->id);
}

/* Bind the query's parameters and key; run part of kind k; append up
 * to limit rows to p. */
static int fetch_part(struct store *st, const struct browse_query *q, enum kind k,
                      enum part part, const struct browse_row *key, int64_t limit,
                      const char *fts, struct browse_page *p)
{
	sqlite3_stmt *s = store_stmt(st, sql_for(q, k, part));
	if (!s)
		return -1;
	bind_query(s, q, key);
	sqlite3_bind_int64(s, 4, limit);
	if (fts)
		sqlite3_bind_text(s, 5, fts, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof *p->v);
		struct browse_row *r = &p->v[p->n++];
		r->id = sqlite3_column_int64(s, 0);
		r->state = STATE_NEW;
		article_state_parse((const char *)sqlite3_column_text(s, 1), &r->state);
		r->published = store_col_str(s, 2);
		r->title = store_col_str(s, 3);
		r->entities = sqlite3_column_int64(s, 4);
		r->suggested = sqlite3_column_int64(s, 5);
		r->lead = store_col_str(s, 6);
		r->ext_id = store_col_str(s, 7);
		r->uncertainty = sqlite3_column_double(s, 8);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("reading the article list"));
	return 0;
}

/* Run kind k of query q from key; collect up to limit rows into p
 * (reversed when backward, so that p is in list order). */
static int fetch(struct store *st, const struct browse_query *q, enum kind k,
                 const struct browse_row *key, int64_t limit, const char *fts,
                 struct browse_page *p)
{
	browse_page_clear(p);
	int rc;
	if (!split(q, k)) {
		rc = fetch_part(st, q, k, P_WHOLE, key, limit, fts, p);
	} else {
		rc = fetch_part(st, q, k, P_TIES, key, limit, fts, p);
		if (rc == 0 && (int64_t)p->n < limit)
			rc = fetch_part(st, q, k, P_BEYOND, key, limit - (int64_t)p->n, fts, p);
	}
	if (rc < 0) {
		browse_page_clear(p);
		return -1;
	}
	if (k == K_LAST || k == K_BEFORE) {
		for (size_t i = 0, j = p->n ? p->n - 1 : 0; i < j; i++, j--) {
			struct browse_row t = p->v[i];
			p->v[i] = p->v[j];
			p->v[j] = t;
		}
	}
	return 0;
}

int store_browse_count(struct store *st, const struct browse_query *q, int64_t *n)
{
	sqlite3_stmt *s;
	if (q->state >= 0) {
		s = store_stmt(st, "SELECT n FROM article_tally WHERE state = ?1");
		if (!s)
			return -1;
		sqlite3_bind_text(s, 1, article_state_name((enum article_state)q->state), -1,
		                  SQLITE_STATIC);
	} else {
		s = store_stmt(st, "SELECT coalesce(sum(n), 0) FROM article_tally");
		if (!s)
			return -1;
	}
	int rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, _("counting articles"));
	return 0;
}

int store_browse_first(struct store *st, const struct browse_query *q, size_t limit,
                       struct browse_page *p)
{
	return fetch(st, q, K_FIRST, NULL, (int64_t)limit, NULL, p);
}

int store_browse_last(struct store *st, const struct browse_query *q, size_t limit,
                      struct browse_page *p)
{
	return fetch(st, q, K_LAST, NULL, (int64_t)limit, NULL, p);
}

int store_browse_from(struct store *st, const struct browse_query *q,
                      const struct browse_row *key, size_t limit, struct browse_page *p)
{
	return fetch(st, q, K_FROM, key, (int64_t)limit, NULL, p);
}

int store_browse_after(struct store *st, const struct browse_query *q,
                       const struct browse_row *key, size_t limit, struct browse_page *p)
{
	return fetch(st, q, K_AFTER, key, (int64_t)limit, NULL, p);
}

int store_browse_before(struct store *st, const struct browse_query *q,
                        const struct browse_row *key, size_t limit, struct browse_page *p)
{
	return fetch(st, q, K_BEFORE, key, (int64_t)limit, NULL, p);
}

int store_browse_nth(struct store *st, const struct browse_query *q, int64_t n,
                     struct browse_page *p)
{
	if (n < 0) {
		browse_page_clear(p);
		return 0;
	}
	return fetch(st, q, K_NTH, NULL, n, NULL, p);
}

int store_browse_rank(struct store *st, const struct browse_query *q,
                      const struct browse_row *key, int64_t *n)
{
	*n = 0;
	for (enum part part = split(q, K_RANK) ? P_TIES : P_WHOLE;; part++) {
		sqlite3_stmt *s = store_stmt(st, sql_for(q, K_RANK, part));
		if (!s)
			return -1;
		bind_query(s, q, key);
		int rc = sqlite3_step(s);
		*n += rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
		if (rc != SQLITE_ROW)
			return store_fail(st, _("counting articles"));
		if (part != P_TIES)
			return 0;
	}
}

int store_browse_search(struct store *st, const struct browse_query *q, const char *fts,
                        const struct browse_row *key, int backward, struct browse_page *p)
{
	enum kind k = key ? (backward ? K_SBEFORE : K_SAFTER) : (backward ? K_SLAST : K_SFIRST);
	if (fetch(st, q, k, key, 1, fts, p) < 0)
		return -1;
	return 0;
}

/* Append the quoted FTS5 string for s[0..n) (quotes doubled). */
static void add_term(struct buf *b, const char *s, size_t n, int prefix)
{
	if (b->len)
		buf_addc(b, ' ');
	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
	if (prefix)
		buf_addc(b, '*');
}

char *browse_fts_query(const char *user)
{
	struct buf b = BUF_INIT;
	const char *p = user;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (*p == '"') {
			const char *e = strchr(p + 1, '"');
			size_t n = e ? (size_t)(e - p - 1) : strlen(p + 1);
			if (n > 0)
				add_term(&b, p + 1, n, e && e[1] == '*');
			p = e ? e + 1 + (e[1] == '*') : p + 1 + n;
			continue;
		}
		const char *e = p;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		size_t n = (size_t)(e - p);
		int prefix = n > 1 && p[n - 1] == '*';
		if (prefix)
			n--;
		if (n > 0)
			add_term(&b, p, n, prefix);
		p = e;
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

int store_browse_title_marks(struct store *st, const char *fts, int64_t id,
                             size_t **marks, size_t *n)
{
	*marks = NULL;
	*n = 0;
	sqlite3_stmt *s = store_stmt(st,
		"SELECT highlight(article_fts, 0, char(1), char(2)) FROM article_fts "
		"WHERE article_fts MATCH ?1 AND rowid = ?2");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, fts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(s, 0);
		size_t len = (size_t)sqlite3_column_bytes(s, 0), plain = 0, cap = 0;
		size_t *v = NULL;
		int open = 0;
		for (size_t i = 0; h && i < len; i++) {
			if (h[i] == '\x01' && !open) {
				v = xgrow(v, &cap, *n * 2 + 2, sizeof *v);
				v[*n * 2] = plain;
				open = 1;
			} else if (h[i] == '\x02' && open) {
				v[*n * 2 + 1] = plain;
				(*n)++;
				open = 0;
			} else {
				plain++;
			}
		}
		*marks = v;
		rc = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*marks);
		*marks = NULL;
		*n = 0;
		return store_fail(st, _("searching"));
	}
	return 0;
}
