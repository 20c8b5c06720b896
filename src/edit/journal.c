/*
 * journal.c: snapshot, write, snapshot, journal (see journal.h).
 */
#include "config.h"
#include "journal.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

void journal_group_init(struct journal_group *g, struct store *st, const char *annotator,
                        int64_t article)
{
	g->st = st;
	g->annotator = annotator;
	g->grp = 0;
	g->article = article;
	g->rows = 0;
}

static int group_number(struct journal_group *g)
{
	if (g->grp == 0)
		g->grp = store_journal_group(g->st);
	return g->grp < 0 ? -1 : 0;
}

/* The detector's span and type, kept in *e the first time an analyst or
 * an import changes a suggestion's span or type (now: the entity as it
 * is stored), so that the export can tell the correction. */
static void keep_original(const struct entity *now, struct entity *e)
{
	if (now->original_type[0] || e->original_type[0] || now->origin != ORIGIN_DETECTOR)
		return;
	if (now->start == e->start && now->end == e->end && strcmp(now->type, e->type) == 0)
		return;
	e->original_start = now->start;
	e->original_end = now->end;
	memcpy(e->original_type, now->type, sizeof e->original_type);
}

int journal_update(struct journal_group *g, const struct entity *e_in, const char *action)
{
	if (group_number(g) < 0)
		return -1;
	struct entity now, upd = *e_in;
	const struct entity *e = &upd;
	int got = store_edit_get(g->st, e_in->id, &now);
	if (got < 0)
		return -1;
	if (got == 0)
		keep_original(&now, &upd);
	char *before = store_entity_snapshot(g->st, e->id);
	if (!before) {
		err_set(_("entity %lld no longer exists: another process changed the article"),
		        (long long)e->id);
		return -1;
	}
	int rc = store_edit_update(g->st, e);
	if (rc == 0) {
		char *after = store_entity_snapshot(g->st, e->id);
		rc = after ? store_journal(g->st, g->grp, g->annotator, e->article, e->id, action,
		                           before, after)
		           : -1;
		free(after);
	}
	free(before);
	if (rc == 0)
		g->rows++;
	return rc;
}

int journal_add(struct journal_group *g, struct entity *e, const char *action)
{
	if (group_number(g) < 0 || store_entity_add(g->st, e) < 0)
		return -1;
	char *after = store_entity_snapshot(g->st, e->id);
	int rc = after ? store_journal(g->st, g->grp, g->annotator, e->article, e->id, action,
	                               NULL, after)
	               : -1;
	free(after);
	if (rc == 0)
		g->rows++;
	return rc;
}

int journal_set_state(struct journal_group *g, enum article_state s, const char *action)
{
	if (group_number(g) < 0)
		return -1;
	char *before = store_edit_article_snapshot(g->st, g->article);
	if (!before)
		return -1;
	int rc = store_edit_set_state(g->st, g->article, s, g->annotator);
	if (rc == 0) {
		char *after = store_edit_article_snapshot(g->st, g->article);
		rc = after ? store_journal(g->st, g->grp, g->annotator, g->article, 0, action,
		                           before, after)
		           : -1;
		free(after);
	}
	free(before);
	return rc;
}
