/*
 * tagger.c: averaged perceptron, greedy BILOU decoding (see tagger.h).
 */
#include "config.h"
#include "tagger.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/byteorder.h"
#include "lib/util.h"

#define TAG_MAGIC 0x31474154u   /* "TAG1" */
#define MAX_TAGS (1 + 4 * TAGGER_MAX_TYPES)
#define BOS_TAG 255u

/* 1 when tag cur may follow tag prev (prev BOS_TAG at a sentence start);
 * 'last' when cur is the last token of its sentence. */
static inline int valid(unsigned prev, unsigned cur, int last)
{
	int open = prev != BOS_TAG && prev != 0 && tag_pos(prev) < 2;
	if (open) {
		if (cur == 0 || tag_type(cur) != tag_type(prev))
			return 0;
		return last ? tag_pos(cur) == 2 : (tag_pos(cur) == 1 || tag_pos(cur) == 2);
	}
	if (cur == 0)
		return 1;
	if (last)
		return tag_pos(cur) == 3;
	return tag_pos(cur) == 0 || tag_pos(cur) == 3;
}

static inline int sentence_last(const struct tokens *t, size_t i)
{
	return i + 1 >= t->n || (t->v[i + 1].flags & TOKF_SENT_START);
}

/* Choose the best valid tag; *margin gets its lead over the next best. */
static unsigned choose(const float *score, unsigned ntags, unsigned prev, int last,
                       float *margin)
{
	unsigned best = 0;
	float b1 = -FLT_MAX, b2 = -FLT_MAX;
	for (unsigned t = 0; t < ntags; t++) {
		if (!valid(prev, t, last))
			continue;
		if (score[t] > b1) {
			b2 = b1;
			b1 = score[t];
			best = t;
		} else if (score[t] > b2) {
			b2 = score[t];
		}
	}
	*margin = b2 == -FLT_MAX ? 100.0f : b1 - b2;
	return best;
}

/* After tagging token i with tag, tell the document memory. */
static void remember(struct feat_doc *d, size_t i, const uint8_t *tags, unsigned tag)
{
	if (tag == 0) {
		feat_remember(d, i, -1);
		return;
	}
	unsigned pos = tag_pos(tag);
	if (pos == 2 || pos == 3) {   /* a span ends here: remember its words */
		size_t a = i;
		while (a > 0 && pos == 2 && tag_pos(tags[a]) != 0)
			a--;
		for (size_t k = a; k <= i; k++)
			feat_remember(d, k, (int)tag_type(tag));
	}
}

/* ---- the trained model ----------------------------------------------------- */

static inline size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

#define COUNT_SHIFT 25
#define OFFSET_MASK ((1u << COUNT_SHIFT) - 1)
#define TAG_BITS 0x7Fu
/* A count of DENSE: the feature has a dense row of ntags plain floats
 * (features with many weights: adding a row is quicker than scattering). */
#define DENSE 127u
#define DENSE_MIN 8u

static inline float weight_val(uint32_t e)
{
	union { uint32_t u; float f; } x = { e & ~TAG_BITS };
	return x.f;
}

static inline uint32_t weight_pack(float v, unsigned tag)
{
	union { float f; uint32_t u; } x = { v };
	return (x.u & ~TAG_BITS) | tag;
}

/* Serialised form: eight little-endian 32-bit numbers (magic, types,
 * features, 0, weights, domain, cal_a, cal_b as float bits), the type
 * names (32 bytes each, padded to 8), the feature map (hmap_write), the
 * weights (little-endian 32-bit, padded to 8). */
size_t tagger_view(struct tagger *tg, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint32_t h[8];
	memset(tg, 0, sizeof *tg);
	if (len < sizeof h)
		goto bad;
	for (unsigned i = 0; i < 8; i++)
		h[i] = get_le32(p + 4 * i);
	uint32_t ntypes = h[1], nfeat = h[2], nweights = h[4];
	if (h[0] != TAG_MAGIC || ntypes == 0 || ntypes > TAGGER_MAX_TYPES || nweights > OFFSET_MASK)
		goto bad;
	size_t off = sizeof h;
	size_t types_at = off;
	off += align8((size_t)ntypes * TAGGER_TYPE_LEN);
	if (off > len)
		goto bad;
	size_t used = hmap_view(&tg->feat, p + off, len - off);
	if (!used || tg->feat.n != nfeat)
		goto bad;
	off += used;
	size_t w_at = off;
	off += align8((size_t)nweights * 4);
	if (off > len)
		goto bad;
	tg->ntypes = ntypes;
	tg->ntags = 1 + 4 * ntypes;
	for (unsigned i = 0; i < ntypes; i++) {
		memcpy(tg->types[i], p + types_at + i * TAGGER_TYPE_LEN, TAGGER_TYPE_LEN);
		tg->types[i][TAGGER_TYPE_LEN - 1] = '\0';
	}
	tg->nfeat = nfeat;
	tg->nweights = nweights;
	if (host_is_le()) {
		tg->w = (const uint32_t *)(const void *)(p + w_at);
	} else {
		tg->wcopy = xmalloc(((size_t)nweights + 1) * sizeof *tg->wcopy);
		for (uint32_t i = 0; i < nweights; i++)
			tg->wcopy[i] = get_le32(p + w_at + 4 * (size_t)i);
		tg->w = tg->wcopy;
	}
	tg->domain = h[5];
	memcpy(&tg->cal_a, &h[6], sizeof tg->cal_a);
	memcpy(&tg->cal_b, &h[7], sizeof tg->cal_b);
	if (!(tg->cal_a > 0 && tg->cal_a < 1e6f) || !(tg->cal_b > -1e6f && tg->cal_b < 1e6f))
		goto bad;
	/* check what decoding relies on: weights in range */
	size_t pos = 0;
	const struct hmap_slot *sl;
	while ((sl = hmap_next(&tg->feat, &pos))) {
		uint64_t v = sl->val;
		uint32_t o = (uint32_t)v & OFFSET_MASK, n = (uint32_t)(v >> COUNT_SHIFT);
		if (v >> 32)
			goto bad;
		if (n == DENSE)
			n = tg->ntags;
		else
			for (uint32_t k = 0; k < n && (uint64_t)o + k < nweights; k++)
				if ((tg->w[o + k] & TAG_BITS) >= tg->ntags)
					goto bad;
		if ((uint64_t)o + n > nweights)
			goto bad;
	}
	return off;
bad:
	tagger_finish(tg);
	err_set(_("malformed tagger in the model"));
	return 0;
}

void tagger_finish(struct tagger *tg)
{
	hmap_finish(&tg->feat);
	free(tg->wcopy);
	memset(tg, 0, sizeof *tg);
}

void tagger_out_finish(struct tagger_out *o)
{
	free(o->tags);
	free(o->margin);
	memset(o, 0, sizeof *o);
}

/* score[0..n) += row[0..n), eight tags at a time where the compiler has
 * vector types (two SSE2 instructions on any x86-64, one AVX2 one in
 * tagger_decode's AVX2 clone; NEON or plain code elsewhere; no -m flags
 * needed).  Most of decoding is this loop, and -O2 leaves the plain one
 * scalar.  Each tag's sum is formed in the same order as before, so the
 * scores are the same to the bit. */
static inline void add_row(float *restrict score, const float *restrict row, unsigned n)
{
	unsigned q = 0;
#ifdef __GNUC__
	typedef float v8sf __attribute__((vector_size(32)));
	for (; q + 8 <= n; q += 8) {
		v8sf s, r;   /* memcpy: rows are only 4-byte aligned */
		memcpy(&s, score + q, sizeof s);
		memcpy(&r, row + q, sizeof r);
		s += r;
		memcpy(score + q, &s, sizeof s);
	}
#endif
	for (; q < n; q++)
		score[q] += row[q];
}

/* Add the weights of a feature (its slot value v) to score. */
static inline void add_weights(const struct tagger *tg, uint32_t v, float *restrict score)
{
	const uint32_t *w = tg->w + (v & OFFSET_MASK);
	uint32_t n = v >> COUNT_SHIFT;
	if (n == DENSE) {
		add_row(score, (const float *)(const void *)w, tg->ntags);
		return;
	}
	for (const uint32_t *e = w + n; w < e; w++)
		score[*w & TAG_BITS] += weight_val(*w);
}

static inline void add_feature(const struct tagger *tg, uint64_t h, float *score)
{
	const uint64_t *v = hmap_get(&tg->feat, h);
	if (v)
		add_weights(tg, (uint32_t)*v, score);
}

/* ---- the overlay of online updates ------------------------------------------ */

void tagger_overlay_init(struct tagger_overlay *ov, unsigned ntags)
{
	memset(ov, 0, sizeof *ov);
	hmap_init(&ov->rows, 0);
	ov->ntags = ntags;
}

void tagger_overlay_finish(struct tagger_overlay *ov)
{
	hmap_finish(&ov->rows);
	free(ov->w);
	memset(ov, 0, sizeof *ov);
}

void tagger_overlay_add(struct tagger_overlay *ov, uint64_t h, unsigned tag, int32_t d)
{
	if (tag >= ov->ntags || d == 0)
		return;
	int added;
	uint64_t *r = hmap_put(&ov->rows, h, &added);
	if (added) {
		*r = ov->n;
		ov->w = xgrow(ov->w, &ov->cap, ov->n + 1, ov->ntags * sizeof *ov->w);
		memset(ov->w + ov->n * ov->ntags, 0, ov->ntags * sizeof *ov->w);
		ov->n++;
	}
	ov->w[*r * ov->ntags + tag] += d;
}

/* Add the overlay's weights of feature h to score. */
static inline void add_overlay(const struct tagger_overlay *ov, uint64_t h, float *score)
{
	const uint64_t *r = hmap_get(&ov->rows, h);
	if (!r)
		return;
	const int32_t *w = ov->w + *r * ov->ntags;
	for (unsigned q = 0; q < ov->ntags; q++)
		score[q] += (float)w[q] * (1.0f / TAGGER_OVERLAY_UNIT);
}

/* The weights (offset | count << COUNT_SHIFT) of the static features of
 * token i into hits; the weights' cache lines are fetched ahead. */
static size_t resolve(const struct tagger *tg, const struct feat_doc *d, size_t i,
                      uint32_t *hits)
{
	size_t n = 0;
	for (uint32_t k = d->off[i]; k < d->off[i + 1]; k++) {
		const uint64_t *v = hmap_get(&tg->feat, d->f[k]);
		if (v) {
			__builtin_prefetch(tg->w + (*v & OFFSET_MASK));
			hits[n++] = (uint32_t)*v;
		}
	}
	return n;
}

/* Decoding is built twice where GCC and the C library can choose at load
 * time (target_clones: x86-64 with glibc's ifunc), for any x86-64 and for
 * processors with AVX2; AVX2 brings no FMA, so the arithmetic and the
 * tags are the same. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__gnu_linux__)
__attribute__((target_clones("avx2", "default")))
#endif
void tagger_decode(const struct tagger *tg, struct feat_doc *d, struct tagger_out *o)
{
	const struct tokens *t = d->toks;
	if (o->cap < t->n + 1) {
		free(o->tags);
		free(o->margin);
		o->cap = t->n + 1 + t->n / 2;
		o->tags = xmalloc(o->cap);
		o->margin = xmalloc(o->cap * sizeof *o->margin);
	}
	float score[MAX_TAGS];
	uint64_t dyn[FEAT_MAX_DYNAMIC];
	const struct tagger_overlay *ov =
		tg->overlay && tg->overlay->n && tg->overlay->ntags == tg->ntags ? tg->overlay : NULL;
	/* a pipeline: the slots of token i+2 are fetched, the weights of
	 * token i+1 found and fetched, while token i is scored */
	uint32_t hits[2][FEAT_MAX_STATIC];
	size_t nhits[2] = { 0, 0 };
	unsigned p1 = BOS_TAG, p2 = BOS_TAG;
	if (t->n > 0) {
		for (uint32_t k = d->off[1]; k < d->off[t->n > 1 ? 2 : 1]; k++)
			hmap_prefetch(&tg->feat, d->f[k]);
		nhits[0] = resolve(tg, d, 0, hits[0]);
	}
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].flags & TOKF_SENT_START)
			p1 = p2 = BOS_TAG;
		if (i + 2 < t->n)
			for (uint32_t k = d->off[i + 2]; k < d->off[i + 3]; k++)
				hmap_prefetch(&tg->feat, d->f[k]);
		if (i + 1 < t->n)
			nhits[(i + 1) & 1] = resolve(tg, d, i + 1, hits[(i + 1) & 1]);
		memset(score, 0, tg->ntags * sizeof *score);
		const uint32_t *hv = hits[i & 1];
		for (size_t k = 0; k < nhits[i & 1]; k++)
			add_weights(tg, hv[k], score);
		size_t nd = feat_dynamic(d, i, p1, p2, dyn);
		for (size_t k = 0; k < nd; k++)
			add_feature(tg, dyn[k], score);
		if (ov) {
			for (uint32_t k = d->off[i]; k < d->off[i + 1]; k++)
				add_overlay(ov, d->f[k], score);
			for (size_t k = 0; k < nd; k++)
				add_overlay(ov, dyn[k], score);
		}
		unsigned tag = choose(score, tg->ntags, p1, sentence_last(t, i), &o->margin[i]);
		o->tags[i] = (uint8_t)tag;
		remember(d, i, o->tags, tag);
		p2 = p1;
		p1 = tag;
	}
}

size_t tagger_learn_doc(const struct tagger *tg, struct tagger_overlay *ov,
                        struct feat_doc *d, const uint8_t *gold, int32_t step,
                        struct tagger_overlay *delta)
{
	const struct tokens *t = d->toks;
	uint8_t *hist = xmalloc(t->n + 1);
	float score[MAX_TAGS], margin;
	uint64_t dyn[FEAT_MAX_DYNAMIC];
	unsigned p1 = BOS_TAG, p2 = BOS_TAG;
	size_t errors = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].flags & TOKF_SENT_START)
			p1 = p2 = BOS_TAG;
		memset(score, 0, tg->ntags * sizeof *score);
		for (uint32_t k = d->off[i]; k < d->off[i + 1]; k++) {
			add_feature(tg, d->f[k], score);
			add_overlay(ov, d->f[k], score);
		}
		size_t nd = feat_dynamic(d, i, p1, p2, dyn);
		for (size_t k = 0; k < nd; k++) {
			add_feature(tg, dyn[k], score);
			add_overlay(ov, dyn[k], score);
		}
		unsigned tag = choose(score, tg->ntags, p1, sentence_last(t, i), &margin);
		unsigned g = gold[i] < tg->ntags ? gold[i] : 0;
		if (tag != g) {
			errors++;
			for (uint32_t k = d->off[i]; k < d->off[i + 1]; k++) {
				tagger_overlay_add(ov, d->f[k], g, step);
				tagger_overlay_add(ov, d->f[k], tag, -step);
				tagger_overlay_add(delta, d->f[k], g, step);
				tagger_overlay_add(delta, d->f[k], tag, -step);
			}
			for (size_t k = 0; k < nd; k++) {
				tagger_overlay_add(ov, dyn[k], g, step);
				tagger_overlay_add(ov, dyn[k], tag, -step);
				tagger_overlay_add(delta, dyn[k], g, step);
				tagger_overlay_add(delta, dyn[k], tag, -step);
			}
		}
		hist[i] = (uint8_t)g;
		remember(d, i, hist, g);
		p2 = p1;
		p1 = g;
	}
	free(hist);
	return errors;
}

/* ---- training ----------------------------------------------------------- */

struct tagger_trainer {
	unsigned ntypes, ntags, domain;
	char types[TAGGER_MAX_TYPES][TAGGER_TYPE_LEN];
	struct hmap rows;       /* feature hash -> its row */
	size_t n;               /* rows */
	float *w, *u;           /* rows x ntags: weights, and their sums for averaging */
	size_t caprows;
	double c;               /* instances seen (weighted) */
	uint8_t *pred;
	size_t cappred;
	uint8_t *copy;          /* per row: 1 for a domain copy of a feature */
	size_t capcopy;
};

struct tagger_trainer *tagger_trainer_new(unsigned ntypes,
                                          const char types[][TAGGER_TYPE_LEN],
                                          unsigned domain)
{
	struct tagger_trainer *tr = xcalloc(1, sizeof *tr);
	tr->domain = domain;
	tr->ntypes = ntypes > TAGGER_MAX_TYPES ? TAGGER_MAX_TYPES : ntypes;
	tr->ntags = 1 + 4 * tr->ntypes;
	memcpy(tr->types, types, tr->ntypes * sizeof tr->types[0]);
	hmap_init(&tr->rows, (1u << 15) - 1);
	tr->c = 1;
	return tr;
}

void tagger_trainer_free(struct tagger_trainer **ptr)
{
	struct tagger_trainer *tr = *ptr;
	if (!tr)
		return;
	hmap_finish(&tr->rows);
	free(tr->w);
	free(tr->u);
	free(tr->pred);
	free(tr->copy);
	free(tr);
	*ptr = NULL;
}

static long tr_find(const struct tagger_trainer *tr, uint64_t h)
{
	const uint64_t *r = hmap_get(&tr->rows, h);
	return r ? (long)*r : -1;
}

static uint32_t tr_get(struct tagger_trainer *tr, uint64_t h, int copy)
{
	int added;
	uint64_t *row = hmap_put(&tr->rows, h, &added);
	if (!added)
		return (uint32_t)*row;
	size_t r = tr->n++;
	*row = r;
	if (r + 1 > tr->caprows) {
		size_t old = tr->caprows;
		tr->w = xgrow(tr->w, &tr->caprows, (r + 1), tr->ntags * sizeof *tr->w);
		tr->u = xrealloc(tr->u, tr->caprows * tr->ntags * sizeof *tr->u);
		memset(tr->w + old * tr->ntags, 0, (tr->caprows - old) * tr->ntags * sizeof *tr->w);
		memset(tr->u + old * tr->ntags, 0, (tr->caprows - old) * tr->ntags * sizeof *tr->u);
	}
	tr->copy = xgrow(tr->copy, &tr->capcopy, r + 1, 1);
	tr->copy[r] = (uint8_t)copy;
	return (uint32_t)r;
}

static void tr_score(const struct tagger_trainer *tr, uint64_t h, float *score)
{
	long r = tr_find(tr, h);
	if (r < 0)
		return;
	const float *w = tr->w + (size_t)r * tr->ntags;
	for (unsigned t = 0; t < tr->ntags; t++)
		score[t] += w[t];
}

static void tr_update(struct tagger_trainer *tr, uint64_t h, int copy, unsigned good,
                      unsigned bad, float delta)
{
	uint32_t r = tr_get(tr, h, copy);
	float *w = tr->w + (size_t)r * tr->ntags, *u = tr->u + (size_t)r * tr->ntags;
	float cd = (float)(tr->c * delta);
	w[good] += delta;
	u[good] += cd;
	w[bad] -= delta;
	u[bad] -= cd;
}

size_t tagger_train_doc(struct tagger_trainer *tr, struct feat_doc *d, const uint8_t *gold,
                        float weight)
{
	const struct tokens *t = d->toks;
	if (tr->cappred < t->n + 1) {
		free(tr->pred);
		tr->cappred = t->n + 1 + t->n / 2;
		tr->pred = xmalloc(tr->cappred);
	}
	float score[MAX_TAGS], margin;
	uint64_t dyn[FEAT_MAX_DYNAMIC];
	unsigned p1 = BOS_TAG, p2 = BOS_TAG;
	size_t errors = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].flags & TOKF_SENT_START)
			p1 = p2 = BOS_TAG;
		memset(score, 0, tr->ntags * sizeof *score);
		for (uint32_t k = d->off[i]; k < d->off[i + 1]; k++)
			tr_score(tr, d->f[k], score);
		size_t nd = feat_dynamic(d, i, p1, p2, dyn);
		for (size_t k = 0; k < nd; k++)
			tr_score(tr, dyn[k], score);
		unsigned tag = choose(score, tr->ntags, p1, sentence_last(t, i), &margin);
		unsigned g = gold[i] < tr->ntags ? gold[i] : 0;
		if (tag != g) {
			/* with domain features, each half's second half are the copies */
			uint32_t ns = d->off[i + 1] - d->off[i];
			uint32_t sc = d->salt ? ns / 2 : ns, dc = d->salt ? (uint32_t)nd / 2 : (uint32_t)nd;
			errors++;
			for (uint32_t k = 0; k < ns; k++)
				tr_update(tr, d->f[d->off[i] + k], k >= sc, g, tag, weight);
			for (uint32_t k = 0; k < nd; k++)
				tr_update(tr, dyn[k], k >= dc, g, tag, weight);
		}
		tr->c += weight;
		/* the history goes on from the gold tags (teacher forcing): on
		 * every corpus tried, it beats learning from its own mistakes */
		tr->pred[i] = (uint8_t)g;
		remember(d, i, tr->pred, g);
		p2 = p1;
		p1 = g;
	}
	return errors;
}

/* The averaged weights of row r (key h) into avg, plus those of its
 * copy for the domain of salt when there is one. */
static void row_average(const struct tagger_trainer *tr, uint64_t h, uint32_t r, uint64_t salt,
                        float *avg)
{
	unsigned nt = tr->ntags;
	const float *w = tr->w + (size_t)r * nt, *u = tr->u + (size_t)r * nt;
	for (unsigned t = 0; t < nt; t++)
		avg[t] = (float)(w[t] - u[t] / tr->c);
	if (!salt)
		return;
	long c = tr_find(tr, tok_mix(h, salt));
	if (c < 0)
		return;
	w = tr->w + (size_t)c * nt;
	u = tr->u + (size_t)c * nt;
	for (unsigned t = 0; t < nt; t++)
		avg[t] += (float)(w[t] - u[t] / tr->c);
}

/* The number of weights of the averaged row avg kept after pruning. */
static uint32_t kept(const float *avg, unsigned nt, float prune)
{
	uint32_t k = 0;
	for (unsigned t = 0; t < nt; t++)
		k += fabsf(avg[t]) >= prune;
	return k;
}

void tagger_trainer_write(struct tagger_trainer *tr, float prune, float cal_a, float cal_b,
                          struct buf *b)
{
	/* averaged weights of each row; keep rows with a weight left.  With
	 * domain features, a shared feature's weights and those of its copy
	 * for the tagging domain are summed into one row (the tagger then
	 * looks up each feature once, as for a model without domains); the
	 * other domains' copies are left out. */
	unsigned nt = tr->ntags;
	uint32_t nfeat = 0, nweights = 0;
	float *avg = xmalloc(nt * sizeof *avg);
	uint64_t salt = feat_domain_salt(tr->domain);
	const struct hmap_slot *sl;
	size_t pos = 0;
	while ((sl = hmap_next(&tr->rows, &pos))) {
		if (tr->copy[sl->val])
			continue;
		row_average(tr, sl->key, (uint32_t)sl->val, salt, avg);
		uint32_t k = kept(avg, nt, prune);
		if (k) {
			nfeat++;
			nweights += k >= DENSE_MIN ? nt : k;
		}
	}
	struct hmap feat;
	hmap_init(&feat, nfeat);
	uint32_t *wts = xmalloc(((size_t)nweights + 1) * sizeof *wts);
	uint32_t nw = 0;
	/* visit features in the slot order of the trainer's map: deterministic */
	pos = 0;
	while ((sl = hmap_next(&tr->rows, &pos))) {
		if (tr->copy[sl->val])
			continue;
		row_average(tr, sl->key, (uint32_t)sl->val, salt, avg);
		uint32_t k = kept(avg, nt, prune);
		if (!k)
			continue;
		uint64_t *v = hmap_put(&feat, sl->key, NULL);
		if (k >= DENSE_MIN) {
			*v = nw | (DENSE << COUNT_SHIFT);
			for (unsigned t = 0; t < nt; t++) {
				union { float f; uint32_t u; } x = { fabsf(avg[t]) >= prune ? avg[t] : 0 };
				wts[nw++] = x.u;
			}
		} else {
			*v = nw | (k << COUNT_SHIFT);
			for (unsigned t = 0; t < nt; t++)
				if (fabsf(avg[t]) >= prune)
					wts[nw++] = weight_pack(avg[t], t);
		}
	}

	unsigned char h[32];
	union { float f; uint32_t u; } ca = { cal_a }, cb = { cal_b };
	uint32_t hv[8] = { TAG_MAGIC, tr->ntypes, (uint32_t)feat.n, 0, nw, 0, ca.u, cb.u };
	for (unsigned i = 0; i < 8; i++)
		put_le32(h + 4 * i, hv[i]);
	static const char zero[8];
	buf_add(b, (const char *)h, sizeof h);
	char types[TAGGER_MAX_TYPES * TAGGER_TYPE_LEN] = { 0 };
	memcpy(types, tr->types, tr->ntypes * TAGGER_TYPE_LEN);
	buf_add(b, types, align8((size_t)tr->ntypes * TAGGER_TYPE_LEN));
	hmap_write(&feat, b);
	for (uint32_t i = 0; i < nw; i++)
		put_le32(&wts[i], wts[i]);   /* in place: the file's order */
	buf_add(b, (const char *)wts, (size_t)nw * 4);
	buf_add(b, zero, align8((size_t)nw * 4) - (size_t)nw * 4);
	free(avg);
	free(wts);
	hmap_finish(&feat);
}
