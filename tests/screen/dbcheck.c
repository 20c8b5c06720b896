/*
 * dbcheck.c: a test-only helper that shows what a database holds, for
 * the editing tests to compare with what the keys should have done (a
 * stand-in for "nerve export --status all" that also checks the journal).
 *
 *   dbcheck DB             print each article (external id, review state,
 *                          reviewer) and its entities (start, end, type,
 *                          status, origin, annotator, text), then check
 *                          that the journal agrees with the tables
 *                          (store_edit_check); exit 1 when it does not
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"
#include "store/store_browse.h"
#include "lib/util.h"

static int show(struct store *st)
{
	struct browse_query q = { BROWSE_IMPORTED, -1 };
	struct browse_page p = { 0 };
	if (store_browse_first(st, &q, 1000000, &p) < 0) {
		fprintf(stderr, "dbcheck: %s\n", err_msg());
		return 1;
	}
	for (size_t i = 0; i < p.n; i++) {
		struct article a;
		if (store_article_get(st, p.v[i].id, &a) < 0) {
			fprintf(stderr, "dbcheck: %s\n", err_msg());
			return 1;
		}
		printf("article %s %s%s%s\n", a.ext_id, article_state_name(a.state),
		       a.reviewed_by[0] ? " by " : "", a.reviewed_by);
		struct entity_list l = { 0 };
		if (store_entities_of(st, a.id, &l) < 0) {
			fprintf(stderr, "dbcheck: %s\n", err_msg());
			return 1;
		}
		for (size_t k = 0; k < l.n; k++) {
			const struct entity *e = &l.v[k];
			char *text = store_edit_span_text(st, a.id, e->start, e->end);
			printf("  %lld %lld %s %s %s %s '%s'\n", (long long)e->start, (long long)e->end,
			       e->type, entity_status_name(e->status), entity_origin_name(e->origin),
			       e->annotator, text ? text : "?");
			free(text);
		}
		entity_list_finish(&l);
		article_finish(&a);
	}
	browse_page_finish(&p);
	if (store_edit_check(st) < 0) {
		printf("journal: %s\n", err_msg());
		return 1;
	}
	printf("journal: agrees\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: dbcheck DB\n");
		return 2;
	}
	struct store *st = store_open(argv[1], 0);
	if (!st) {
		fprintf(stderr, "dbcheck: %s\n", err_msg());
		return 1;
	}
	int rc = show(st);
	store_close(&st);
	return rc;
}
