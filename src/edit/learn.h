/*
 * learn.h: the model in the loop — the detector of a database, kept as
 * the team's work leaves it, and the online step at a done mark.
 *
 * What detection uses is, in the database (store.h, schema 2):
 *   - the model: the active row of the model table, else the shipped one;
 *   - its online updates: a model_update row per article marked done,
 *     the weight deltas detect_learn() computed then (online.h), applied
 *     on top of the model they were computed against while active;
 *   - the memory of decisions: the decision table, the strings accepted
 *     (with their type) and rejected across the corpus, kept by triggers
 *     on the entity table.
 * Any change to these makes learn.generation grow (in the same
 * transaction).  A learner holds a detector of all three and the
 * generation it reflects; learner_sync() compares that with the
 * database's (one row read) and catches up: a new model is loaded, new
 * updates are added and undone ones taken away (exactly: their deltas
 * are integers), the memory is read again.  So every nerve process on a
 * database sees another's model changes at its next sync.
 *
 * Undo: undoing a done mark turns its update off (active 0) and redoing
 * turns the same update on again; nothing is recomputed.  Updates made
 * after it, which saw its weights, stay as they were.  A full retrain
 * (nerve train, :train) folds every update in and starts from none;
 * nerve train --reset gives them up with the trained model.
 *
 * Suggestions: each article records the model generation its
 * suggestions were made at (the model and its updates; not the memory of
 * decisions, which every decision changes: a decision shows elsewhere
 * from the next done mark on, or at once through nerve detect or
 * :detect); learner_refresh() detects again an article whose suggestions
 * are older, keeping every decision (store_replace_suggestions()).
 */
#ifndef NERVE_LEARN_H
#define NERVE_LEARN_H

#include <stddef.h>
#include <stdint.h>

struct detector;
struct store;

struct learner;

/* A learner for st (borrowed; outlives it), synced once.  NULL with
 * err_set() when no model loads (a trained model that cannot be used is
 * reported through warnmsg() and the shipped one used). */
struct learner *learner_open(struct store *st);
void learner_free(struct learner **l);

/* Catch up with the database: 1 when something was reloaded, 0 when the
 * generation had not changed, -1 with err_set(). */
int learner_sync(struct learner *l);
/* The detector as of the last sync (borrowed; valid until the next sync
 * or learner_free). */
struct detector *learner_detector(struct learner *l);
/* The generation of the last sync, and the model's then. */
int64_t learner_generation(const struct learner *l);
int64_t learner_model_generation(const struct learner *l);
/* The database (borrowed). */
struct store *learner_store(struct learner *l);
/* The model row in use (0: the shipped model). */
int64_t learner_base(const struct learner *l);

/* Detect article again when its suggestions are older than the current
 * model generation, or in any case when force; an article that came with
 * annotations only when force.  Runs in the caller's transaction when
 * there is one, else in its own.  *suggestions (may be NULL) gets the
 * number stored, or -1 when the article was fresh and left alone.
 * Returns 0, or -1 with err_set(). */
int learner_refresh(struct learner *l, int64_t article, int force, int *suggestions);

/* The detection hook of import (import_detect_fn): arg is the learner;
 * appends the suggestions of its detector for d->text to d's spans. */
struct doc;
int learner_detect_hook(void *arg, struct doc *d);

/* The online step for article, marked done at journal group grp: learn
 * from its accepted entities and store the update.  Must run inside the
 * transaction of the done mark.  Returns 0, or -1 with err_set(). */
int learner_learn(struct learner *l, int64_t article, int64_t grp);

#endif
