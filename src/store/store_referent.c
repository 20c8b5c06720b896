/*
 * store_referent.c: referents, the things several mentions refer to, and
 * the links of entities to them (see store.h, "referents").  The rules
 * that decide which mentions belong together are src/edit/link.c's; this
 * file only stores and finds.
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"
#include "text/text.h"

/* A referent "has entities" when any entity names it; the partial index
 * entity_referent answers that without a scan. */
#define HAS_ENTITIES(r) "EXISTS (SELECT 1 FROM entity WHERE referent = " r ".id)"

void referent_finish(struct referent *r)
{
	free(r->name);
	free(r->key);
	memset(r, 0, sizeof *r);
}

int64_t referent_name_rank(int accepted, int64_t cps)
{
	if (cps < 0)
		cps = 0;
	if (cps > (1 << 20) - 1)
		cps = (1 << 20) - 1;
	return ((int64_t)(accepted != 0) << 20) + cps;
}

int store_referent_add(struct store *st, struct referent *r)
{
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO referent (type, name, name_rank, key, surname, initial, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!s)
		return -1;
	char now[STORE_TIME_LEN];   /* no RETURNING: see store_article_add() */
	store_now(now);
	sqlite3_bind_text(s, 1, r->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->name ? r->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, r->name_rank);
	sqlite3_bind_text(s, 4, r->key ? r->key : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r->surname, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, r->initial, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("storing a referent"));
	r->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int store_referent_get(struct store *st, int64_t id, struct referent *r)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, type, name, key, surname, initial, name_rank, named, ambiguous, "
		"n_mentions, n_articles, n_accepted, n_suggested, n_rejected "
		"FROM referent WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? 1 : store_fail(st, _("reading a referent"));
	}
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, r->type, sizeof r->type);
	r->name = store_col_str(s, 2);
	r->key = store_col_str(s, 3);
	store_col_copy(s, 4, r->surname, sizeof r->surname);
	store_col_copy(s, 5, r->initial, sizeof r->initial);
	r->name_rank = sqlite3_column_int64(s, 6);
	r->named = sqlite3_column_int(s, 7);
	r->ambiguous = sqlite3_column_int(s, 8);
	r->mentions = sqlite3_column_int64(s, 9);
	r->articles = sqlite3_column_int64(s, 10);
	r->accepted = sqlite3_column_int64(s, 11);
	r->suggested = sqlite3_column_int64(s, 12);
	r->rejected = sqlite3_column_int64(s, 13);
	sqlite3_reset(s);
	return 0;
}

int store_referent_by_key(struct store *st, const char *type, const char *key, int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id FROM referent AS r WHERE type = ?1 AND key = ?2 AND " HAS_ENTITIES("r")
		" ORDER BY id LIMIT 1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, _("finding a referent"));
	return rc == SQLITE_ROW;
}

int store_referent_by_surname(struct store *st, const char *type, const char *surname,
                              const char *initial, int64_t *id, int *n)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id FROM referent AS r WHERE type = ?1 AND surname = ?2 AND initial <> '' "
		"AND (?3 = '' OR initial = ?3) AND " HAS_ENTITIES("r")
		" ORDER BY id LIMIT 2");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, surname, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, initial, -1, SQLITE_STATIC);
	int rc;
	*n = 0;
	*id = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((*n)++ == 0)
			*id = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, _("finding a referent"));
}

int store_referent_flag_surname(struct store *st, const char *type, const char *surname,
                                int64_t except)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE referent AS r SET ambiguous = 1 WHERE type = ?1 AND surname = ?2 "
		"AND initial <> '' AND id <> ?3 AND ambiguous = 0 AND " HAS_ENTITIES("r"));
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, surname, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, except);
	if (store_step_done(st, s, _("updating a referent")) < 0)
		return -1;
	return sqlite3_changes(st->db);
}

int store_entity_set_referent(struct store *st, int64_t entity, int64_t referent)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE entity SET referent = ?2 WHERE id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, entity);
	if (referent > 0)
		sqlite3_bind_int64(s, 2, referent);
	if (store_step_done(st, s, _("linking an entity")) < 0)
		return -1;
	if (sqlite3_changes(st->db) != 1) {
		err_set(_("entity %lld no longer exists"), (long long)entity);
		return -1;
	}
	return 0;
}

int store_referent_offer_name(struct store *st, int64_t id, const char *name, int64_t rank)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE referent SET name = ?2, name_rank = ?3 "
		"WHERE id = ?1 AND named = 0 AND name_rank < ?3");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, rank);
	return store_step_done(st, s, _("naming a referent"));
}

int store_referent_refresh_name(struct store *st, int64_t id)
{
	/* The best mention is found by its span alone (no text is read but
	 * its own); white space in it becomes single spaces. */
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE referent SET (name, name_rank) = (SELECT "
		"trim(replace(replace(replace(substr(a.text, e.start + 1, e.\"end\" - e.start), "
		"char(10), ' '), char(9), ' '), '  ', ' ')), "
		"((e.status = 'accepted') << 20) + min(e.\"end\" - e.start, 1048575) "
		"FROM entity AS e JOIN article AS a ON a.id = e.article "
		"WHERE e.referent = ?1 AND e.status <> 'rejected' "
		"ORDER BY e.status = 'accepted' DESC, e.\"end\" - e.start DESC, e.id LIMIT 1) "
		"WHERE id = ?1 AND named = 0 AND EXISTS (SELECT 1 FROM entity "
		"WHERE referent = ?1 AND status <> 'rejected')");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return store_step_done(st, s, _("naming a referent"));
}

int store_referent_rename(struct store *st, int64_t id, const char *name)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE referent SET name = ?2, named = 1 WHERE id = ?1 AND ?2 <> ''");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	if (store_step_done(st, s, _("naming a referent")) < 0)
		return -1;
	if (name[0] == '\0') {
		s = store_stmt(st, "UPDATE referent SET named = 0, name_rank = -1 WHERE id = ?1");
		if (!s)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		if (store_step_done(st, s, _("naming a referent")) < 0)
			return -1;
		return store_referent_refresh_name(st, id);
	}
	return 0;
}

int store_referent_recount(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st,
		"UPDATE referent SET n_mentions = t.a + t.s, n_accepted = t.a, n_suggested = t.s, "
		"n_rejected = t.r, n_articles = t.n FROM (SELECT "
		"coalesce(sum(status = 'accepted'), 0) AS a, coalesce(sum(status = 'suggested'), 0) AS s, "
		"coalesce(sum(status = 'rejected'), 0) AS r, count(DISTINCT article) AS n "
		"FROM entity WHERE referent = ?1) AS t WHERE referent.id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return store_step_done(st, s, _("counting a referent's mentions"));
}

int store_referent_link_counts(struct store *st, int64_t *linked, int64_t *with)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT coalesce(sum(n_accepted + n_suggested + n_rejected), 0), "
		"coalesce(sum(CASE WHEN n_accepted + n_suggested + n_rejected > 1 "
		"THEN n_accepted + n_suggested + n_rejected END), 0) FROM referent");
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*with = sqlite3_column_int64(s, 0);
		*linked = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : store_fail(st, _("counting referents"));
}

/* ---- listing ------------------------------------------------------------ */

/* s as a JSON string into b. */
static void json_string(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c < 0x20) {
			buf_printf(b, "\\u%04x", c);
		} else {
			buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

/* The mentions of a listing, gathered in one pass over the articles:
 * each text is cut from its article in C with a running code point
 * cursor (SQLite's substr() walks from the start of the text at every
 * call), then sorted by referent. */
struct listed_mention {
	int64_t referent;
	size_t article;             /* index into ext_ids */
	char *text;                 /* blanks collapsed (owned) */
};

struct gathered {
	struct listed_mention *v;
	size_t n, cap;
	char **ext_ids;
	size_t next, capext;
};

static void gathered_finish(struct gathered *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].text);
	for (size_t i = 0; i < g->next; i++)
		free(g->ext_ids[i]);
	free(g->v);
	free(g->ext_ids);
}

/* s[0..len) with runs of white space as one space, trimmed (owned). */
static char *collapse(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t n = 0;
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = 0;
		out[n++] = c;
	}
	out[n] = '\0';
	return out;
}

static int cmp_text(const void *a, const void *b)
{
	const struct listed_mention *x = a, *y = b;
	if (x->referent != y->referent)
		return (x->referent > y->referent) - (x->referent < y->referent);
	int c = strcmp(x->text, y->text);
	if (c)
		return c;
	return (x->article > y->article) - (x->article < y->article);
}

static int cmp_article(const void *a, const void *b)
{
	const struct listed_mention *x = a, *y = b;
	if (x->referent != y->referent)
		return (x->referent > y->referent) - (x->referent < y->referent);
	return (x->article > y->article) - (x->article < y->article);
}

static int gather(struct store *st, const char *types_json, struct gathered *g)
{
	sqlite3_stmt *as = store_stmt(st,
		"SELECT id, ext_id, text FROM article WHERE n_entities > 0 ORDER BY id");
	sqlite3_stmt *es = as ? store_stmt(st,
		"SELECT referent, start, \"end\" FROM entity WHERE article = ?1 "
		"AND referent IS NOT NULL AND status <> 'rejected' "
		"AND (?2 IS NULL OR type IN (SELECT value FROM json_each(?2))) ORDER BY start") : NULL;
	if (!es)
		return -1;
	int rc;
	while ((rc = sqlite3_step(as)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(as, 2);
		size_t len = (size_t)sqlite3_column_bytes(as, 2);
		sqlite3_reset(es);
		sqlite3_bind_int64(es, 1, sqlite3_column_int64(as, 0));
		if (types_json)
			sqlite3_bind_text(es, 2, types_json, -1, SQLITE_STATIC);
		size_t b = 0, cp = 0, first = g->n;
		int er;
		while ((er = sqlite3_step(es)) == SQLITE_ROW) {
			size_t s = (size_t)sqlite3_column_int64(es, 1), e = (size_t)sqlite3_column_int64(es, 2);
			if (s < cp) { /* overlapping spans: start again */
				b = 0;
				cp = 0;
			}
			for (; cp < s && b < len; cp++)
				text_decode(t, len, &b);
			size_t eb = b, ecp = cp;
			for (; ecp < e && eb < len; ecp++)
				text_decode(t, len, &eb);
			g->v = xgrow(g->v, &g->cap, g->n + 1, sizeof *g->v);
			g->v[g->n].referent = sqlite3_column_int64(es, 0);
			g->v[g->n].article = g->next;
			g->v[g->n].text = collapse(t + b, eb - b);
			g->n++;
		}
		sqlite3_reset(es);
		if (er != SQLITE_DONE) {
			sqlite3_reset(as);
			return store_fail(st, _("listing referents"));
		}
		if (g->n > first) {
			g->ext_ids = xgrow(g->ext_ids, &g->capext, g->next + 1, sizeof *g->ext_ids);
			g->ext_ids[g->next++] = store_col_str(as, 1);
		}
	}
	sqlite3_reset(as);
	return rc == SQLITE_DONE ? 0 : store_fail(st, _("listing referents"));
}

/* The first mention of referent id in g (sorted by referent), or g->n. */
static size_t first_of(const struct gathered *g, int64_t id)
{
	size_t lo = 0, hi = g->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->v[mid].referent < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int store_referents_list(struct store *st, const char *const *types, size_t ntypes,
                         referent_listing_fn fn, void *arg)
{
	struct buf tj = BUF_INIT, vs = BUF_INIT, xs = BUF_INIT, js = BUF_INIT;
	struct gathered g = { 0 };
	if (types) {
		buf_addc(&tj, '[');
		for (size_t i = 0; i < ntypes; i++) {
			if (i)
				buf_addc(&tj, ',');
			json_string(&tj, types[i]);
		}
		buf_addc(&tj, ']');
	}
	int ret = gather(st, types ? tj.data : NULL, &g);
	/* two copies in two orders: by text for the variants, by article
	 * for the articles (the texts are shared, owned by the first) */
	struct listed_mention *by_article = NULL;
	if (ret == 0) {
		by_article = xmalloc((g.n ? g.n : 1) * sizeof *by_article);
		memcpy(by_article, g.v, g.n * sizeof *g.v);
		qsort(g.v, g.n, sizeof *g.v, cmp_text);
		qsort(by_article, g.n, sizeof *by_article, cmp_article);
	}
	sqlite3_stmt *s = ret == 0 ? store_stmt(st,
		"SELECT id, type, name, ambiguous, n_mentions, n_articles, n_accepted, n_suggested, "
		"n_rejected FROM referent WHERE n_mentions > 0 "
		"AND (?1 IS NULL OR type IN (SELECT value FROM json_each(?1))) "
		"ORDER BY n_mentions DESC, id") : NULL;
	if (!s)
		ret = -1;
	int rc = SQLITE_DONE;
	if (ret == 0 && types)
		sqlite3_bind_text(s, 1, tj.data, (int)tj.len, SQLITE_STATIC);
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct referent_listing r;
		r.id = sqlite3_column_int64(s, 0);
		r.type = (const char *)sqlite3_column_text(s, 1);
		r.name = (const char *)sqlite3_column_text(s, 2);
		r.ambiguous = sqlite3_column_int(s, 3);
		r.mentions = sqlite3_column_int64(s, 4);
		r.articles = sqlite3_column_int64(s, 5);
		r.accepted = sqlite3_column_int64(s, 6);
		r.suggested = sqlite3_column_int64(s, 7);
		r.rejected = sqlite3_column_int64(s, 8);
		buf_clear(&vs);
		buf_clear(&xs);
		buf_clear(&js);
		buf_adds(&vs, "");
		buf_adds(&xs, "");
		buf_printf(&js, "{\"referent_id\":%lld,\"type\":", (long long)r.id);
		json_string(&js, r.type);
		buf_adds(&js, ",\"name\":");
		json_string(&js, r.name);
		buf_printf(&js, ",\"ambiguous\":%s,\"mentions\":%lld,\"n_articles\":%lld,"
		           "\"accepted\":%lld,\"suggested\":%lld,\"rejected\":%lld,\"variants\":[",
		           r.ambiguous ? "true" : "false", (long long)r.mentions,
		           (long long)r.articles, (long long)r.accepted, (long long)r.suggested,
		           (long long)r.rejected);
		size_t i0 = first_of(&g, r.id), n = 0;
		for (size_t i = i0; i < g.n && g.v[i].referent == r.id; i++) {
			if (i > i0 && strcmp(g.v[i].text, g.v[i - 1].text) == 0)
				continue;
			buf_adds(&vs, n ? " | " : "");
			buf_adds(&vs, g.v[i].text);
			buf_adds(&js, n++ ? "," : "");
			json_string(&js, g.v[i].text);
		}
		buf_adds(&js, "],\"articles\":[");
		size_t k0 = i0; /* the same range in the other order */
		n = 0;
		for (size_t k = k0; k < g.n && by_article[k].referent == r.id; k++) {
			if (k > k0 && by_article[k].article == by_article[k - 1].article)
				continue;
			const char *x = g.ext_ids[by_article[k].article];
			buf_adds(&xs, n ? " | " : "");
			buf_adds(&xs, x);
			buf_adds(&js, n++ ? "," : "");
			json_string(&js, x);
		}
		buf_adds(&js, "]}");
		r.variants = vs.data;
		r.article_ids = xs.data;
		r.json = js.data;
		if (i0 < g.n && g.v[i0].referent == r.id && fn(arg, &r) < 0)
			ret = -1;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_fail(st, _("listing referents"));
	if (s)
		sqlite3_reset(s);
	free(by_article);
	gathered_finish(&g);
	buf_free(&tj);
	buf_free(&vs);
	buf_free(&xs);
	buf_free(&js);
	return ret;
}

/* ---- a referent's entities ----------------------------------------------- */

int store_referent_entities(struct store *st, int64_t referent, int undecided,
                            struct entity_list *l)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT " ENTITY_COLUMNS " FROM entity WHERE referent = ?1 AND (?2 = 0 OR "
		"(status = 'suggested' AND article IN (SELECT id FROM article WHERE state <> 'done'))) "
		"ORDER BY article, start, id");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, referent);
	sqlite3_bind_int(s, 2, undecided != 0);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		store_entity_from_row(s, entity_list_push(l));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, _("reading a referent's entities"));
}

int store_referent_undecided(struct store *st, int64_t referent, int64_t *mentions,
                             int64_t *articles)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT count(*), count(DISTINCT e.article) FROM entity AS e "
		"JOIN article AS a ON a.id = e.article "
		"WHERE e.referent = ?1 AND e.status = 'suggested' AND a.state <> 'done'");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, referent);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*mentions = sqlite3_column_int64(s, 0);
		*articles = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : store_fail(st, _("counting a referent's mentions"));
}

/* ---- the entity view's pages -------------------------------------------- */

static const char *const sort_names[RSORT_COUNT] = { "mentions", "articles", "undecided",
                                                     "name" };

const char *referent_sort_name(enum referent_sort s)
{
	return sort_names[s];
}

void referent_page_finish(struct referent_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		referent_finish(&p->v[i]);
	free(p->v);
	memset(p, 0, sizeof *p);
}

#define REF_COLUMNS \
	"id, type, name, key, surname, initial, name_rank, named, ambiguous, " \
	"n_mentions, n_articles, n_accepted, n_suggested, n_rejected"
/* ?1 type, ?2 LIKE pattern, ?3 ?4 the key's sort value and id, ?5 limit */
#define REF_WHERE \
	"n_mentions + n_rejected > 0 AND (?1 IS NULL OR type = ?1) " \
	"AND (?2 IS NULL OR name LIKE ?2 ESCAPE '\\') "

/* For each sort: the key column, and whether it runs most first.  A
 * page from a key is two indexed queries, the rows that tie with the key
 * and the rows past it: SQLite uses only the first column of a row-value
 * range (col, id) < (?, ?) on these indexes, and would walk every tie. */
#define SEL "SELECT " REF_COLUMNS " FROM referent WHERE " REF_WHERE
#define TWO(col, tie, past, order) \
	"SELECT * FROM (" SEL "AND " col " = ?3 AND id " tie " ?4 ORDER BY " order " LIMIT ?5) " \
	"UNION ALL SELECT * FROM (" SEL "AND " col " " past " ?3 ORDER BY " order " LIMIT ?5) " \
	"ORDER BY " order " LIMIT ?5"
#define DESC_SQL(col) \
	{ SEL "ORDER BY " col " DESC, id DESC LIMIT ?5", \
	  SEL "ORDER BY " col ", id LIMIT ?5", \
	  TWO(col, "<=", "<", col " DESC, id DESC"), \
	  TWO(col, "<", "<", col " DESC, id DESC"), \
	  TWO(col, ">", ">", col ", id") }
#define ASC_SQL(col) \
	{ SEL "ORDER BY " col ", id LIMIT ?5", \
	  SEL "ORDER BY " col " DESC, id DESC LIMIT ?5", \
	  TWO(col, ">=", ">", col ", id"), \
	  TWO(col, ">", ">", col ", id"), \
	  TWO(col, "<", "<", col " DESC, id DESC") }

/* [sort][dir]; the LAST and BEFORE queries run backwards (reversed). */
static const char *const page_sql[RSORT_COUNT][5] = {
	DESC_SQL("n_mentions"),
	DESC_SQL("n_articles"),
	DESC_SQL("n_suggested"),
	ASC_SQL("name"),
};

static void referent_from_row(sqlite3_stmt *s, struct referent *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, r->type, sizeof r->type);
	r->name = store_col_str(s, 2);
	r->key = store_col_str(s, 3);
	store_col_copy(s, 4, r->surname, sizeof r->surname);
	store_col_copy(s, 5, r->initial, sizeof r->initial);
	r->name_rank = sqlite3_column_int64(s, 6);
	r->named = sqlite3_column_int(s, 7);
	r->ambiguous = sqlite3_column_int(s, 8);
	r->mentions = sqlite3_column_int64(s, 9);
	r->articles = sqlite3_column_int64(s, 10);
	r->accepted = sqlite3_column_int64(s, 11);
	r->suggested = sqlite3_column_int64(s, 12);
	r->rejected = sqlite3_column_int64(s, 13);
}

/* The LIKE pattern for text (owned): %text% with % _ \ escaped. */
static char *like_pattern(const char *text)
{
	struct buf b = BUF_INIT;
	buf_addc(&b, '%');
	for (const char *p = text; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *p);
	}
	buf_addc(&b, '%');
	return buf_steal(&b);
}

int store_referent_page(struct store *st, const struct referent_query *q,
                        enum referent_dir dir, const struct referent *key, size_t limit,
                        struct referent_page *p)
{
	referent_page_finish(p);
	int sql_dir = dir == RPAGE_FIRST ? 0 : dir == RPAGE_LAST ? 1 : dir == RPAGE_FROM ? 2
	            : dir == RPAGE_AFTER ? 3 : 4;
	sqlite3_stmt *s = store_stmt(st, page_sql[q->sort][sql_dir]);
	if (!s)
		return -1;
	char *pattern = q->text && q->text[0] ? like_pattern(q->text) : NULL;
	if (q->type)
		sqlite3_bind_text(s, 1, q->type, -1, SQLITE_STATIC);
	if (pattern)
		sqlite3_bind_text(s, 2, pattern, -1, SQLITE_STATIC);
	if (key && sql_dir >= 2) {
		switch (q->sort) {
		case RSORT_MENTIONS: sqlite3_bind_int64(s, 3, key->mentions); break;
		case RSORT_ARTICLES: sqlite3_bind_int64(s, 3, key->articles); break;
		case RSORT_UNDECIDED: sqlite3_bind_int64(s, 3, key->suggested); break;
		default: sqlite3_bind_text(s, 3, key->name ? key->name : "", -1, SQLITE_STATIC); break;
		}
		sqlite3_bind_int64(s, 4, key->id);
	}
	sqlite3_bind_int64(s, 5, (sqlite3_int64)limit);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof *p->v);
		referent_from_row(s, &p->v[p->n++]);
	}
	sqlite3_reset(s);
	free(pattern);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("reading referents"));
	if (sql_dir == 1 || sql_dir == 4) {
		for (size_t i = 0; i < p->n / 2; i++) {
			struct referent t = p->v[i];
			p->v[i] = p->v[p->n - 1 - i];
			p->v[p->n - 1 - i] = t;
		}
	}
	return 0;
}

void mention_page_finish(struct mention_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].title);
		free(p->v[i].left);
		free(p->v[i].text);
		free(p->v[i].right);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

#define MENTION_SQL(cond, order) \
	"SELECT e.id, e.article, e.start, e.status, a.title, " \
	"substr(a.text, max(e.start - ?5, 0) + 1, min(e.start, ?5)), " \
	"substr(a.text, e.start + 1, e.\"end\" - e.start), substr(a.text, e.\"end\" + 1, ?5) " \
	"FROM entity AS e JOIN article AS a ON a.id = e.article WHERE e.referent = ?1 " cond \
	" ORDER BY " order " LIMIT ?6"

int store_referent_mentions(struct store *st, int64_t referent, const struct mention_row *key,
                            int backward, size_t limit, int ctx, struct mention_page *p)
{
	static const char *const sql[4] = {
		MENTION_SQL("", "e.article, e.start, e.id"),
		MENTION_SQL("AND (e.article, e.start, e.id) > (?2, ?3, ?4)", "e.article, e.start, e.id"),
		MENTION_SQL("", "e.article DESC, e.start DESC, e.id DESC"),
		MENTION_SQL("AND (e.article, e.start, e.id) < (?2, ?3, ?4)",
		            "e.article DESC, e.start DESC, e.id DESC"),
	};
	mention_page_finish(p);
	sqlite3_stmt *s = store_stmt(st, sql[(backward ? 2 : 0) + (key != NULL)]);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, referent);
	if (key) {
		sqlite3_bind_int64(s, 2, key->article);
		sqlite3_bind_int64(s, 3, key->start);
		sqlite3_bind_int64(s, 4, key->entity);
	}
	sqlite3_bind_int(s, 5, ctx);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)limit);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof *p->v);
		struct mention_row *m = &p->v[p->n++];
		m->entity = sqlite3_column_int64(s, 0);
		m->article = sqlite3_column_int64(s, 1);
		m->start = sqlite3_column_int64(s, 2);
		entity_status_parse((const char *)sqlite3_column_text(s, 3), &m->status);
		m->title = store_col_str(s, 4);
		m->left = store_col_str(s, 5);
		m->text = store_col_str(s, 6);
		m->right = store_col_str(s, 7);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("reading a referent's mentions"));
	if (backward) {
		for (size_t i = 0; i < p->n / 2; i++) {
			struct mention_row t = p->v[i];
			p->v[i] = p->v[p->n - 1 - i];
			p->v[p->n - 1 - i] = t;
		}
	}
	return 0;
}
