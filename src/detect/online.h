/*
 * online.h: the detector learning while the analyst works.
 *
 * Two things a team's decisions teach a detector at once, both pure
 * computation on a model and a text (the database keeps what they
 * produce; the edit layer decides when):
 *
 * Online updates.  When an article is marked done, detect_learn() runs
 * the averaged perceptron's update rule over the article's tokens with
 * its final entities as the gold, on top of the weights the detector has
 * now, and returns what it changed as an update: a list of (feature,
 * tag, delta) records, the deltas integers in units of
 * 1/TAGGER_OVERLAY_UNIT.  detect_apply_update() adds an update to (or
 * takes it away from) the detector's overlay, a table of weights added to
 * the model's at decoding.  Because deltas are integers, a detector that
 * applies the same updates in any order, or adds one and takes it away
 * again, has exactly the same weights: two processes that apply the
 * database's updates agree bit for bit, and undoing one removes it
 * exactly.  The step is LEARN_STEP units, several times the weight the
 * shipped data's averaged weights carry per example, so that the team's
 * articles count for more than the shipped training data; the article is
 * passed over until the tagger gets it right or LEARN_PASSES passes.
 *
 * Update format: "NVUP", then little-endian 32-bit numbers (format
 * version, the tagger's tag count, the record count, 0), then the
 * records, each a 64-bit feature hash, a 32-bit tag and a 32-bit signed
 * delta, sorted by feature and tag, all little endian.
 *
 * Memory of decisions.  detect_memory_add() tells the detector that a
 * string was accepted with a type (or rejected) n times across the
 * corpus; detection then (after the tagger, rules and conventions):
 *   - suggests a string accepted more often than rejected with the type
 *     it was accepted with most, where it occurs as whole tokens, unless
 *     a longer span holds it or the tagger is very sure of an
 *     overlapping span (confidence MEMORY_SURE or more);
 *   - drops a suggestion whose exact string was rejected more often than
 *     accepted, unless the tagger is very sure of it.
 * Strings are compared token by token, exactly (case and all).
 */
#ifndef NERVE_ONLINE_H
#define NERVE_ONLINE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/doc.h"

struct buf;
struct detector;

/* (a build may set them otherwise, to try other settings: bench/) */
#ifndef LEARN_STEP
#define LEARN_STEP 1024     /* units of 1/TAGGER_OVERLAY_UNIT: 1.0 */
#endif
#ifndef LEARN_PASSES
#define LEARN_PASSES 2
#endif
#ifndef LEARN_REPLAY
#define LEARN_REPLAY 8      /* reviewed articles replayed with each */
#endif
#ifndef LEARN_REPLAY_BYTES
#define LEARN_REPLAY_BYTES 49152  /* at most this much of their text */
#endif
#ifndef MEMORY_SURE
#define MEMORY_SURE 0.95f   /* confidence the memory gives way to */
#endif
#define MEMORY_MAX_TOKENS 8 /* longest string remembered, in tokens */

/* Learn from reviewed documents: docs[0] the article just marked done,
 * docs[1..ndocs) others reviewed lately, replayed (text valid UTF-8, as
 * stored; spans its entities: start, end in code points, type; spans of
 * types the tagger does not know teach it "no entity" there).  docs[0]
 * is passed over until the tagger gets it right or LEARN_PASSES passes,
 * each of the others once.  Updates det's overlay and appends the whole
 * update to out.  Returns the number of tokens of docs[0] the first pass
 * got wrong, or -1 with err_set() when det has no tagger. */
long detect_learn(struct detector *det, const struct doc *docs, size_t ndocs, struct buf *out);

/* Add (sign 1) or take away (sign -1) an update written by
 * detect_learn() for a tagger of the same types.  0, or -1 with
 * err_set() when the update is malformed or made for another tagger
 * (det is then unchanged). */
int detect_apply_update(struct detector *det, const void *update, size_t len, int sign);

/* Forget every update (the overlay is empty again). */
void detect_updates_clear(struct detector *det);
/* The number of weights the overlay holds (rows x tags), for stats. */
size_t detect_overlay_size(const struct detector *det);

/* Remember that text[0..len) was accepted as type (accepted 1) or
 * rejected (accepted 0; type is then ignored) n times.  Strings longer
 * than MEMORY_MAX_TOKENS tokens are not remembered. */
void detect_memory_add(struct detector *det, const char *text, size_t len, const char *type,
                       int accepted, long n);
/* Forget every remembered decision. */
void detect_memory_clear(struct detector *det);

#endif
