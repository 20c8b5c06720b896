/*
 * feature.h: the tagger's features and the word clusters they use.
 *
 * A feature is a 64-bit hash of a template and its value (the word, its
 * shape, a neighbour, a gazetteer or rule match, a cluster, ...); no
 * strings are built.  Static features depend on the text only and are
 * computed once per document into a flat array; dynamic features depend
 * on the decisions already taken (the previous tags, and what the same
 * word was called earlier in the document) and are computed by the
 * decoder token by token.
 */
#ifndef NERVE_FEATURES_H
#define NERVE_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "gazetteer.h"
#include "rules.h"
#include "tokenize.h"
#include "lib/hashmap.h"

struct buf;

/* ---- word clusters ------------------------------------------------------ */

/* Words of unannotated text grouped by the contexts they occur in: a map
 * from the hash of a folded word to its cluster.  A cluster written as a
 * bit string (Brown clusters: "0110...") is kept as its bits, so that
 * prefixes give coarser clusters; any other cluster name is an opaque id. */
struct clusters {
	struct hmap map;        /* value: (length << 24) | bits, or 0xFF000000 | id */
};

void clusters_init(struct clusters *c);
void clusters_finish(struct clusters *c);
/* Load "word<TAB>cluster" lines ('#' comments); the first line of a word
 * (after folding) wins.  Returns the number of words, or -1 with
 * err_set() naming the file. */
long clusters_load(struct clusters *c, const char *path);
/* The cluster of folded-word hash h, or 0 when unknown. */
uint32_t clusters_get(const struct clusters *c, uint64_t h);
/* Serialise (appending to b) and view in place (see gaz_view). */
void clusters_write(const struct clusters *c, struct buf *b);
size_t clusters_view(struct clusters *c, const void *data, size_t len);

/* ---- features -------------------------------------------------------------- */

/* The resources features are computed from (borrowed). */
struct feat_res {
	const struct gazetteer *gaz;
	const struct clusters *clusters;
	uint32_t common_words;  /* list bit of lower-case common words */
};

/* Per-document feature state, reused from document to document
 * (zero-initialise; feat_doc_finish). */
struct feat_doc {
	uint64_t *f;            /* static features of all tokens */
	size_t nf, capf;
	uint32_t *off;          /* token i: f[off[i] .. off[i+1]) */
	uint64_t *wid;          /* word identity of each token */
	uint32_t *rmark;        /* rule marks: bit (kind * 4 + B/I/L/U) */
	uint32_t *cluster;      /* word cluster of each token, or 0 */
	size_t captok;
	/* document memory: word identity -> what it was called last (1: no
	 * entity, 2 + type) */
	struct hmap mem;
	const struct tokens *toks;
	/* domain adaptation: when not 0, every feature comes twice, as it is
	 * (shared by all domains) and mixed with this salt (its domain's own) */
	uint64_t salt;
};

void feat_doc_finish(struct feat_doc *d);

/* Compute the static features of the tokens t (with their gazetteer
 * marks and rule matches) into d, and forget the document memory.  Set
 * d->salt first. */
void feat_static(const struct feat_res *res, const struct tokens *t,
                 const struct gaz_marks *marks, const struct rule_spans *rules,
                 struct feat_doc *d);

/* Bounds of the features of one token (with domain copies). */
enum { FEAT_MAX_STATIC = 2 * (64 + 6 * 32 + 3 * 32), FEAT_MAX_DYNAMIC = 16 };

/* The salt of domain number 'domain' (0: none). */
uint64_t feat_domain_salt(unsigned domain);

/* The dynamic features of token i given the two previous tags (0 = O or
 * nothing) into out; returns how many. */
size_t feat_dynamic(struct feat_doc *d, size_t i, unsigned p1, unsigned p2,
                    uint64_t out[FEAT_MAX_DYNAMIC]);

/* Remember that token i was tagged as entity type 'type' (0-based), or
 * as nothing (type < 0). */
void feat_remember(struct feat_doc *d, size_t i, int type);

#endif
