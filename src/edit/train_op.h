/*
 * train_op.h: training as an operation both front ends call — the
 * shipped training data, gold files and the articles marked done in, a
 * model stored in the database (and made the one nerve uses) or written
 * to a file out.
 */
#ifndef NERVE_TRAIN_OP_H
#define NERVE_TRAIN_OP_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct typemap;

struct train_op_opts {
	const char *const *gold;    /* corpus JSON Lines files of the team */
	size_t ngold;
	const struct typemap *map;  /* renames the gold files' types, or NULL */
	int only;                   /* the gold files alone: no shipped data, no done articles */
	double weight;              /* how often each team document counts; 0: once */
	unsigned epochs;            /* passes; 0: the trainer's default */
	const char *output;         /* write the model to this file, not into the store
	                               (done articles are then not used) */
	/* Called after each pass, or NULL. */
	void (*progress)(void *arg, unsigned epoch, unsigned epochs, size_t errors,
	                 size_t tokens);
	void *progress_arg;
};

/* Train on what o names (and, unless o->only or o->output, every article
 * of st marked done: its accepted entities are the truth).  Without
 * o->output the model is stored in st with its scores on the team's
 * documents and made active, in one transaction, and *model_id gets its
 * row id; st may be NULL with o->output.  *info (owned, may be NULL) gets
 * what it was trained on ("trained on the shipped data (...), ...").
 * Returns 0, or -1 with err_set(): a file that cannot be read, nothing to
 * train on, a store error. */
int train_op_run(struct store *st, const struct train_op_opts *o, int64_t *model_id,
                 char **info);

#endif
