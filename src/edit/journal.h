/*
 * journal.h: the one journalled-write path.  Every change an analyst or
 * an import makes to an entity or an article's review state goes through
 * these functions, which take the snapshot before, write, take the
 * snapshot after and journal the pair under one group number (the unit
 * of undo).  The caller holds the write transaction.
 */
#ifndef NERVE_JOURNAL_H
#define NERVE_JOURNAL_H

#include <stdint.h>

#include "store/store.h"

/* The journal group of one keystroke or one imported file.  Embedded:
 * journal_group_init(); nothing to release. */
struct journal_group {
	struct store *st;           /* borrowed */
	const char *annotator;      /* who changes (borrowed): on the journal rows */
	int64_t grp;                /* the group number, 0 until the first row */
	int64_t article;            /* the article whose state journal_set_state() sets */
	int rows;                   /* entity rows written */
};

void journal_group_init(struct journal_group *g, struct store *st, const char *annotator,
                        int64_t article);

/* Write e's fields over its row (e->id names it) and journal the change
 * with action ("accept", "import", ...).  The first change of a
 * detector's entity's span or type keeps the detector's in the
 * original_* columns.  -1 with err_set(), also when
 * the entity no longer exists (another process changed the article). */
int journal_update(struct journal_group *g, const struct entity *e, const char *action);
/* Insert e (e->id set) and journal it. */
int journal_add(struct journal_group *g, struct entity *e, const char *action);
/* Set g->article's review state (reviewed_by g->annotator) and journal
 * it as an article row. */
int journal_set_state(struct journal_group *g, enum article_state s, const char *action);

#endif
