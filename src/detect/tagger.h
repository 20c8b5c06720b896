/*
 * tagger.h: a greedy left-to-right averaged perceptron over BILOU tags.
 *
 * Tags: 0 is O (outside); entity type k (0-based) has B = 1 + 4k,
 * I = 2 + 4k, L = 3 + 4k, U = 4 + 4k.  Decoding keeps to valid
 * sequences (a span opened by B continues with I and closes with L
 * inside its sentence).
 *
 * The trained model is a flat table (feature hash -> the few tags it
 * has weights for), written into a model blob and used in place, so
 * loading costs no more than reading the blob.
 */
#ifndef NERVE_TAGGER_H
#define NERVE_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "feature.h"
#include "tokenize.h"
#include "lib/hashmap.h"

struct buf;

enum { TAGGER_MAX_TYPES = 30, TAGGER_TYPE_LEN = 32 };

/* Weights added on top of a trained tagger's (the online updates of
 * online.h): a row of ntags integers per feature, in units of
 * 1/TAGGER_OVERLAY_UNIT.  Integers, so that adding and taking away the
 * same updates in any order gives exactly the same weights.  Embedded;
 * tagger_overlay_finish(). */
#define TAGGER_OVERLAY_UNIT 1024
struct tagger_overlay {
	struct hmap rows;       /* feature hash -> row index */
	int32_t *w;             /* n rows x ntags */
	size_t n, cap;
	unsigned ntags;
};
void tagger_overlay_init(struct tagger_overlay *ov, unsigned ntags);
void tagger_overlay_finish(struct tagger_overlay *ov);
/* Add d units to feature h's weight for tag. */
void tagger_overlay_add(struct tagger_overlay *ov, uint64_t h, unsigned tag, int32_t d);

static inline unsigned tag_type(unsigned tag) { return (tag - 1) / 4; }
static inline unsigned tag_pos(unsigned tag) { return (tag - 1) % 4; }   /* 0 B, 1 I, 2 L, 3 U */
static inline unsigned tag_make(unsigned type, unsigned pos) { return 1 + 4 * type + pos; }

/* A trained tagger, viewed in place in a blob.  Its map takes a
 * feature's hash to the offset of its weights and their count; a weight
 * is a float whose lowest 7 mantissa bits are replaced by its tag, so one
 * cache line usually holds them all. */
struct tagger {
	unsigned ntypes, ntags;
	char types[TAGGER_MAX_TYPES][TAGGER_TYPE_LEN];
	struct hmap feat;       /* feature hash -> offset | count << 25 */
	uint32_t nfeat, nweights;
	const uint32_t *w;      /* weights with their tags */
	uint32_t *wcopy;        /* w, when it could not be used in place */
	unsigned domain;        /* the domain whose features to add at tagging, or 0 */
	const struct tagger_overlay *overlay;   /* added to the weights, or NULL (borrowed) */
	float cal_a, cal_b;     /* P(right) = 1 / (1 + exp(-(cal_a * margin + cal_b))) */
};

/* View a serialised tagger (8-byte aligned, alive while used); returns
 * the bytes used, or 0 with err_set() when malformed.  tagger_finish()
 * releases what a view had to copy (on a big-endian machine). */
size_t tagger_view(struct tagger *tg, const void *data, size_t len);
void tagger_finish(struct tagger *tg);

/* Scratch of the decoder (embedded, reused; tagger_out_finish). */
struct tagger_out {
	uint8_t *tags;          /* one per token */
	float *margin;          /* score of the chosen tag minus the next best */
	size_t cap;
};
void tagger_out_finish(struct tagger_out *o);

/* Tag the tokens of d (feat_static done) into o. */
void tagger_decode(const struct tagger *tg, struct feat_doc *d, struct tagger_out *o);

/* One online pass of the perceptron over a document (feat_static done)
 * with its gold tags, on the weights of tg with its overlay: at each
 * token tagged wrongly, every feature's weight for the gold tag gains
 * 'step' units and for the predicted one loses them, in tg's overlay
 * (which must be ov, not const for this) and in 'delta' (the same
 * changes, for the record).  The history goes on from the gold tags, as
 * in training.  Returns the number of tokens tagged wrongly. */
size_t tagger_learn_doc(const struct tagger *tg, struct tagger_overlay *ov,
                        struct feat_doc *d, const uint8_t *gold, int32_t step,
                        struct tagger_overlay *delta);

/* ---- training ----------------------------------------------------------- */

struct tagger_trainer;

/* A trainer for the given entity types (owned; tagger_trainer_free);
 * domain is the domain the model tags as (0: no domain features): the
 * written model has that domain's copies of the features folded into
 * the shared ones, so it tags without domain features. */
struct tagger_trainer *tagger_trainer_new(unsigned ntypes,
                                          const char types[][TAGGER_TYPE_LEN],
                                          unsigned domain);
void tagger_trainer_free(struct tagger_trainer **tr);

/* One pass of the perceptron over a document (feat_static done) with its
 * gold tags; weight scales its updates (a document of weight 3 counts as
 * three).  Returns the number of tokens tagged wrongly. */
size_t tagger_train_doc(struct tagger_trainer *tr, struct feat_doc *d, const uint8_t *gold,
                        float weight);

/* Write the averaged model (weights below 'prune' in absolute value
 * dropped), with the calibration of its margins (cal_a, cal_b as in
 * struct tagger), to b in the form tagger_view() reads. */
void tagger_trainer_write(struct tagger_trainer *tr, float prune, float cal_a, float cal_b,
                          struct buf *b);

#endif
