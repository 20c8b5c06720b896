/*
 * store_stats.c: counts for `nerve stats` (see store.h).
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "lib/util.h"

int store_stats(struct store *st, struct store_stats *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, "SELECT state, count(*) FROM article GROUP BY state");
	if (!s)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum article_state state;
		int64_t n = sqlite3_column_int64(s, 1);
		if (article_state_parse((const char *)sqlite3_column_text(s, 0), &state) == 0)
			out->by_state[state] = n;
		out->articles += n;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto fail;
	/* One pass over the entities, joined to every type in its order. */
	s = store_stmt(st,
		"SELECT t.name, coalesce(c.sg, 0), coalesce(c.ac, 0), coalesce(c.rj, 0) "
		"FROM entity_type t LEFT JOIN (SELECT type, sum(status = 'suggested') AS sg, "
		"  sum(status = 'accepted') AS ac, sum(status = 'rejected') AS rj "
		"  FROM entity GROUP BY type) AS c ON c.type = t.name "
		"ORDER BY t.ord, t.name");
	if (!s)
		goto fail_quiet;
	size_t cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->types = xgrow(out->types, &cap, out->ntypes + 1, sizeof *out->types);
		struct type_stats *t = &out->types[out->ntypes++];
		store_col_copy(s, 0, t->type, sizeof t->type);
		for (int k = 0; k < 3; k++) {
			t->by_status[k] = sqlite3_column_int64(s, 1 + k);
			out->entities += t->by_status[k];
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	store_fail(st, _("counting"));
fail_quiet:
	store_stats_finish(out);
	return -1;
}

void store_stats_finish(struct store_stats *s)
{
	free(s->types);
	memset(s, 0, sizeof *s);
}
