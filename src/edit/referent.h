/*
 * referent.h: the analyst's operations on referents (see link.h for what
 * a referent is and how mentions are linked): decisions for all the
 * undecided mentions of a referent at once, and links split and merged.
 * Like annotate.h's, each call is one transaction and one journal group,
 * undone by annot_undo() as one step, and returns 0 with a struct
 * annot_result (r->msg for the status line) or -1 with err_set() and
 * nothing changed.
 *
 * Keys of the entity view and what they call (ref: the focused referent,
 * marked: the marked one, e: the focused mention):
 *
 *   a   annot_referent_decide(a, ref, ENT_ACCEPTED, NULL, &r)
 *   x   annot_referent_decide(a, ref, ENT_REJECTED, NULL, &r)
 *   t   annot_referent_decide(a, ref, ENT_ACCEPTED, type, &r)
 *       (each after annot_referent_undecided() when the count is large,
 *       so that the view can ask first)
 *   S   annot_split(a, e, &r)
 *   M   annot_merge(a, marked, ref, &r)
 */
#ifndef NERVE_REFERENT_H
#define NERVE_REFERENT_H

#include <stdint.h>

#include "annotate.h"

/* How many undecided mentions (suggestions) referent has in articles
 * that are not done, and in how many articles. */
int annot_referent_undecided(struct annot *a, int64_t referent, int64_t *mentions,
                             int64_t *articles);

/* Decide every undecided mention of referent in every article that is
 * not done: status ENT_ACCEPTED or ENT_REJECTED (an int holding an enum
 * entity_status); type, when not NULL, also sets their type (accepting
 * them), and they are linked again by the rules for that type.  A new
 * article becomes in progress.  r->changed counts the mentions; 0 when
 * there were none (nothing written). */
int annot_referent_decide(struct annot *a, int64_t referent, int status, const char *type,
                          struct annot_result *r);

/* Split entity e off its referent: it gets a referent of its own, named
 * by its text.  Refused for an entity without a referent or the only
 * mention of its referent. */
int annot_split(struct annot *a, int64_t e, struct annot_result *r);

/* Merge referent from into referent into: every entity of from becomes
 * into's (from is left empty).  Refused when they are the same or of
 * different types. */
int annot_merge(struct annot *a, int64_t from, int64_t into, struct annot_result *r);

#endif
