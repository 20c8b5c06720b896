/*
 * detect_op.h: detection as an operation both front ends call — the
 * detector to use (the database's active model when there is one, else
 * the shipped model), the hook import calls on new articles, and
 * re-detection of stored articles.
 */
#ifndef NERVE_DETECT_OP_H
#define NERVE_DETECT_OP_H

#include <stddef.h>
#include <stdint.h>

struct detector;
struct store;
struct doc;

/* The current detector: the active model of st (may be NULL) when it
 * loads, else the shipped model of the data directory.  A trained model
 * that cannot be used is reported on stderr and passed over.  NULL with
 * the reason printed when no model loads.  Owned: detector_free(). */
struct detector *detect_op_detector(struct store *st);

/* The detection hook of import (import_detect_fn): arg is the detector;
 * appends the suggestions for d->text to d's spans.  Returns 0. */
int detect_op_hook(void *arg, struct doc *d);

/* Detect again in the articles ids[0..n) of the learner's database with
 * its detector as it is now (learn.h: the model, its online updates, the
 * memory of decisions), replacing their detector suggestions
 * (store_replace_suggestions(): never an analyst's or an import's
 * entity, never a rejected span), one
 * transaction per batch of 200 articles, so that a crash loses one batch
 * and not the run.  progress (or NULL) is called after each article with
 * the articles done so far.  *suggestions gets the number stored.
 * Returns 0, or -1 with err_set() (the batch under way rolled back). */
struct learner;
int detect_op_run(struct learner *l, const int64_t *ids, size_t n,
                  void (*progress)(void *arg, size_t done, size_t n), void *arg,
                  size_t *suggestions);

#endif
