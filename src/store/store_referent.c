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
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) RETURNING id");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, r->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->name ? r->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, r->name_rank);
	sqlite3_bind_text(s, 4, r->key ? r->key : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r->surname, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, r->initial, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, _("storing a referent"));
		sqlite3_reset(s);
		return -1;
	}
	r->id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
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
		"SELECT id FROM referent AS r WHERE type = ?1 AND surname = ?2 "
		"AND (?3 = '' OR initial = '' OR initial = ?3) AND " HAS_ENTITIES("r")
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
		"AND id <> ?3 AND ambiguous = 0 AND " HAS_ENTITIES("r"));
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
