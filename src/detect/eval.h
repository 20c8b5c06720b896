/*
 * eval.h: scoring predicted spans against gold spans (DESIGN.md §5).
 *
 * Exact: a prediction is right when start, end and type all match a gold
 * span.  Overlap: a prediction is right when it overlaps a gold span of
 * the same type, and a gold span is found when it overlaps a prediction
 * of the same type (precision and recall each from its own side, not one
 * to one).  Counts are kept per type and summed into ALL.
 *
 * Calibration: the scored predictions that carry a confidence fall into
 * ten equal-width bands (0-0.1, ..., 0.9-1); a band's precision is the
 * share of its predictions that are exactly right.  The expected
 * calibration error is the mean, weighted by the count in each band, of
 * |precision - mean confidence| of the band.
 */
#ifndef NERVE_EVAL_H
#define NERVE_EVAL_H

#include <stddef.h>
#include <stdio.h>

#include "lib/doc.h"

struct eval_type {
	char name[64];
	size_t gold, pred;
	size_t exact;           /* predictions matching a gold span exactly */
	size_t ovl_pred;        /* predictions overlapping a gold span */
	size_t ovl_gold;        /* gold spans overlapping a prediction */
};

enum { EVAL_BANDS = 10 };

struct eval_band {
	size_t n, right;        /* predictions in the band, exactly right ones */
	double conf;            /* sum of their confidences */
};

/* Counts of a whole run (embedded: zero-initialise, eval_finish()). */
struct eval {
	struct eval_type *v;
	size_t n, cap;
	struct eval_band band[EVAL_BANDS];
	char **only;            /* --types: the types scored, or NULL for all */
	size_t nonly;
};

/* Limit scoring to the comma-separated types in list (NULL: all). */
void eval_limit(struct eval *e, const char *list);
void eval_finish(struct eval *e);

/* Score one document: gold and predicted spans (types already mapped;
 * spans whose type is empty are ignored). */
void eval_doc(struct eval *e, const struct span *gold, size_t ngold, const struct span *pred,
              size_t npred);

struct eval_score {
	double p, r, f1;
	size_t tp, pred, gold;
};

/* Scores of a type (NULL: ALL) by exact or overlap matching. */
struct eval_score eval_get(const struct eval *e, const char *type, int overlap);

/* The expected calibration error of the predictions scored so far (0
 * when none had a confidence). */
double eval_ece(const struct eval *e);

/* Print a table (text) or the JSON object of DESIGN.md §5, with the
 * confidence bands and the calibration error ("calibration": {"ece",
 * "bands": [{"lo", "hi", "n", "precision"}, ...]}). */
void eval_print(const struct eval *e, FILE *f, int json);

#endif
