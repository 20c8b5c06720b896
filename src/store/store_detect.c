/*
 * store_detect.c: the articles that detection runs on (see store.h).
 */
#include "config.h"
#include "store.h"

#include <stdlib.h>

#include "store_impl.h"
#include "lib/util.h"

int store_articles_to_detect(struct store *st, int all, int annotated, int64_t **ids,
                             size_t *n, size_t *skipped)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, annotated FROM article WHERE ?1 OR state <> 'done' ORDER BY id");
	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, all);
	*skipped = 0;
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int(s, 1) && !annotated) {
			(*skipped)++;
			continue;
		}
		*ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_fail(st, _("listing the articles to detect"));
	}
	return 0;
}
