/*
 * annotate_impl.h: what the editing files share with annotate.c — one
 * keystroke as one transaction and one journal group.  Private to
 * src/edit/.
 */
#ifndef NERVE_ANNOTATE_IMPL_H
#define NERVE_ANNOTATE_IMPL_H

#include "annotate.h"
#include "journal.h"

struct entity;

/* The journal group of one keystroke (journal.h): j.article is the
 * article the next rows are about, j.rows the entity rows written. */
struct annot_group {
	struct annot *a;
	struct journal_group j;
};
/* A new group of a's analyst about article. */
struct annot_group annot_group_of(struct annot *a, int64_t article);

/* Start the keystroke's transaction and clear *r. */
int annot_tx_begin(struct annot *a, struct annot_result *r);
/* Commit when rc is 0, roll back otherwise; returns 0 or -1. */
int annot_tx_finish(struct annot *a, int rc);
/* Write e's fields (e->id names the row) and journal the change as
 * action. */
int annot_grp_change(struct annot_group *g, struct entity *e, const char *action);
/* e decided by the group's analyst (status, annotator), written and
 * journalled. */
int annot_grp_decide(struct annot_group *g, struct entity *e, int status, const char *action);
/* After the decisions in g->article: link what they left unlinked and
 * make a new article in progress (journalled in the group). */
int annot_grp_settle(struct annot_group *g);
/* Fill r after the group was written: its description, focus. */
void annot_grp_report(struct annot_group *g, struct annot_result *r, int64_t focus);
/* s for the status line: one line, cut short with an ellipsis (owned). */
char *annot_clip(const char *s);

#endif
