/*
 * online.c: online updates of the tagger and the memory of decisions
 * (see online.h).
 */
#include "config.h"
#include "online.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect_impl.h"
#include "lib/byteorder.h"
#include "text/text.h"


#define UPDATE_MAGIC "NVUP"
#define UPDATE_VERSION 1u
#define UPDATE_HEAD 20          /* magic and four numbers */
#define UPDATE_RECORD 16        /* feature, tag, delta */

/* ---- online updates ------------------------------------------------------- */

static void overlay_ready(struct detector *det)
{
	if (det->overlay.ntags != det->tagger.ntags) {
		tagger_overlay_finish(&det->overlay);
		tagger_overlay_init(&det->overlay, det->tagger.ntags);
	}
	det->tagger.overlay = &det->overlay;
}

/* Gold BILOU tags of the tokens of det (prepared) from spans: a token
 * belongs to a span when at least half of it lies inside; a span of a
 * type the tagger does not know leaves its tokens O. */
static void gold_tags(const struct detector *det, const struct span *gold, size_t ngold,
                      int64_t cp0, uint8_t *tags)
{
	const struct tokens *t = &det->toks;
	memset(tags, 0, t->n);
	size_t k = 0;
	for (size_t s = 0; s < ngold; s++) {
		int64_t st = gold[s].start - cp0, en = gold[s].end - cp0;
		if (en <= 0 || st >= (int64_t)(t->n ? t->v[t->n - 1].c1 : 0) || en <= st)
			continue;
		int ty = -1;
		for (unsigned q = 0; q < det->tagger.ntypes; q++)
			if (strcmp(det->tagger.types[q], gold[s].type) == 0)
				ty = (int)q;
		if (ty < 0)
			continue;
		while (k > 0 && (int64_t)t->v[k - 1].c1 > st)
			k--;
		while (k < t->n && (int64_t)t->v[k].c1 <= st)
			k++;
		size_t a = SIZE_MAX, b = 0;
		for (size_t i = k; i < t->n && (int64_t)t->v[i].c0 < en; i++) {
			int64_t lo = (int64_t)t->v[i].c0 > st ? (int64_t)t->v[i].c0 : st;
			int64_t hi = (int64_t)t->v[i].c1 < en ? (int64_t)t->v[i].c1 : en;
			if (2 * (hi - lo) >= (int64_t)(t->v[i].c1 - t->v[i].c0)) {
				if (a == SIZE_MAX)
					a = i;
				b = i + 1;
			}
		}
		if (a == SIZE_MAX)
			continue;
		for (size_t i = a + 1; i < b; i++)
			if (t->v[i].flags & TOKF_SENT_START) {
				b = i;   /* spans stay inside a sentence */
				break;
			}
		int clash = 0;   /* overlapping gold spans: the first wins */
		for (size_t i = a; i < b; i++)
			clash |= tags[i] != 0;
		if (clash)
			continue;
		if (b - a == 1) {
			tags[a] = (uint8_t)tag_make((unsigned)ty, 3);
		} else {
			tags[a] = (uint8_t)tag_make((unsigned)ty, 0);
			for (size_t i = a + 1; i + 1 < b; i++)
				tags[i] = (uint8_t)tag_make((unsigned)ty, 1);
			tags[b - 1] = (uint8_t)tag_make((unsigned)ty, 2);
		}
	}
}

struct record {
	uint64_t f;
	uint32_t tag;
	int32_t d;
};

static int cmp_record(const void *x, const void *y)
{
	const struct record *a = x, *b = y;
	if (a->f != b->f)
		return a->f < b->f ? -1 : 1;
	return a->tag < b->tag ? -1 : a->tag > b->tag;
}

static void write_update(const struct tagger_overlay *delta, struct buf *out)
{
	size_t n = 0, cap = 0;
	struct record *r = NULL;
	size_t pos = 0;
	const struct hmap_slot *sl;
	while ((sl = hmap_next(&delta->rows, &pos))) {
		const int32_t *w = delta->w + sl->val * delta->ntags;
		for (unsigned t = 0; t < delta->ntags; t++) {
			if (!w[t])
				continue;
			r = xgrow(r, &cap, n + 1, sizeof *r);
			r[n].f = sl->key;
			r[n].tag = t;
			r[n].d = w[t];
			n++;
		}
	}
	if (n > 1)
		qsort(r, n, sizeof *r, cmp_record);
	unsigned char h[UPDATE_HEAD];
	memcpy(h, UPDATE_MAGIC, 4);
	put_le32(h + 4, UPDATE_VERSION);
	put_le32(h + 8, delta->ntags);
	put_le32(h + 12, (uint32_t)n);
	put_le32(h + 16, 0);
	buf_add(out, (const char *)h, sizeof h);
	for (size_t i = 0; i < n; i++) {
		unsigned char rec[UPDATE_RECORD];
		put_le64(rec, r[i].f);
		put_le32(rec + 8, r[i].tag);
		put_le32(rec + 12, (uint32_t)r[i].d);
		buf_add(out, (const char *)rec, sizeof rec);
	}
	free(r);
}

/* One document's passes into the overlay and delta; the tokens the
 * first pass got wrong. */
static long learn_doc(struct detector *det, const struct doc *g, unsigned passes,
                      struct tagger_overlay *delta, uint8_t **tags, size_t *cap)
{
	long first = 0;
	size_t pos = 0;
	int64_t cp0 = 0;
	do {
		size_t n = detect_piece_end(g->text + pos, g->text_len - pos);
		for (unsigned pass = 0; pass < passes; pass++) {
			/* preparing again forgets the document memory of the last pass */
			detect_prepare(det, g->text + pos, n);
			*tags = xgrow(*tags, cap, det->toks.n + 1, 1);
			gold_tags(det, g->spans, g->nspans, cp0, *tags);
			size_t wrong = tagger_learn_doc(&det->tagger, &det->overlay, &det->fd, *tags,
			                                LEARN_STEP, delta);
			if (pass == 0)
				first += (long)wrong;
			if (wrong == 0)
				break;
		}
		cp0 += (int64_t)text_cp_len(g->text + pos, n);
		pos += n;
	} while (pos < g->text_len);
	return first;
}

long detect_learn(struct detector *det, const struct doc *docs, size_t ndocs, struct buf *out)
{
	if (!det->has_tagger) {
		err_set(_("the model has no tagger"));
		return -1;
	}
	overlay_ready(det);
	struct tagger_overlay delta;
	tagger_overlay_init(&delta, det->tagger.ntags);
	uint8_t *tags = NULL;
	size_t cap = 0;
	long first = 0;
	for (size_t k = 0; k < ndocs; k++) {
		if (!docs[k].text || !docs[k].text_len)
			continue;
		long w = learn_doc(det, &docs[k], k == 0 ? LEARN_PASSES : 1, &delta, &tags, &cap);
		if (k == 0)
			first = w;
	}
	write_update(&delta, out);
	tagger_overlay_finish(&delta);
	free(tags);
	return first;
}

int detect_apply_update(struct detector *det, const void *update, size_t len, int sign)
{
	const unsigned char *p = update;
	if (!det->has_tagger || len < UPDATE_HEAD || memcmp(p, UPDATE_MAGIC, 4) != 0 ||
	    get_le32(p + 4) != UPDATE_VERSION) {
		err_set(_("not an update of this nerve's tagger"));
		return -1;
	}
	uint32_t ntags = get_le32(p + 8), n = get_le32(p + 12);
	if (ntags != det->tagger.ntags || (len - UPDATE_HEAD) / UPDATE_RECORD != n ||
	    (len - UPDATE_HEAD) % UPDATE_RECORD != 0) {
		err_set(_("the update was made for another model"));
		return -1;
	}
	for (uint32_t i = 0; i < n; i++)
		if (get_le32(p + UPDATE_HEAD + (size_t)i * UPDATE_RECORD + 8) >= ntags) {
			err_set(_("the update is damaged"));
			return -1;
		}
	overlay_ready(det);
	for (uint32_t i = 0; i < n; i++) {
		const unsigned char *r = p + UPDATE_HEAD + (size_t)i * UPDATE_RECORD;
		int32_t d = (int32_t)get_le32(r + 12);
		tagger_overlay_add(&det->overlay, get_le64(r), get_le32(r + 8), sign < 0 ? -d : d);
	}
	return 0;
}

void detect_updates_clear(struct detector *det)
{
	unsigned ntags = det->overlay.ntags;
	tagger_overlay_finish(&det->overlay);
	if (ntags)
		tagger_overlay_init(&det->overlay, ntags);
}

size_t detect_overlay_size(const struct detector *det)
{
	return det->overlay.n * det->overlay.ntags;
}

/* ---- the memory of decisions ----------------------------------------------- */

struct memory_entry {
	int32_t accepted, rejected; /* how many times */
	int32_t best_n;             /* accepted as 'type' this many times */
	int16_t type;               /* index into det->types, or -1 */
};

struct detect_memory {
	struct hmap map;            /* key of a token sequence -> entry */
	struct memory_entry *v;
	size_t n, cap;
	unsigned lengths;           /* bit L-1: some string of L tokens */
	struct tokens toks;         /* scratch for the strings added */
};

/* The key of tokens [a, a + n) of t in text: their exact bytes. */
static uint64_t seq_key(const struct tokens *t, const char *text, size_t a, size_t n)
{
	uint64_t k = 0x6D656D6F7279ULL + n;
	for (size_t i = a; i < a + n; i++)
		k = tok_mix(k, tok_hash(text + t->v[i].b0, t->v[i].b1 - t->v[i].b0));
	return k;
}

/* The index of type name in det->types, added when there is room. */
static int type_slot(struct detector *det, const char *name)
{
	int ty = detect_type_index(det, name);
	if (ty < 0 && det->ntypes < MAX_TYPES && name[0]) {
		ty = (int)det->ntypes++;
		memset(det->types[ty], 0, TAGGER_TYPE_LEN);
		snprintf(det->types[ty], TAGGER_TYPE_LEN, "%s", name);
		if (strcmp(det->types[ty], name) != 0) {   /* too long to hold */
			det->ntypes--;
			ty = -1;
		}
	}
	return ty;
}

void detect_memory_add(struct detector *det, const char *text, size_t len, const char *type,
                       int accepted, long n)
{
	if (n <= 0 || len == 0)
		return;
	if (!det->memory) {
		det->memory = xcalloc(1, sizeof *det->memory);
		hmap_init(&det->memory->map, 0);
	}
	struct detect_memory *m = det->memory;
	tokenize(det->abbrevs, text, len, &m->toks);
	size_t nt = m->toks.n;
	if (nt == 0 || nt > MEMORY_MAX_TOKENS)
		return;
	/* only a string that is whole tokens: no space around it */
	if (m->toks.v[0].b0 != 0 || m->toks.v[nt - 1].b1 != len)
		return;
	int added;
	uint64_t *slot = hmap_put(&m->map, seq_key(&m->toks, text, 0, nt), &added);
	if (added) {
		m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof *m->v);
		memset(&m->v[m->n], 0, sizeof m->v[m->n]);
		m->v[m->n].type = -1;
		*slot = m->n++;
	}
	struct memory_entry *e = &m->v[*slot];
	m->lengths |= 1u << (nt - 1);
	long cnt = n > INT32_MAX / 4 ? INT32_MAX / 4 : n;
	if (!accepted) {
		e->rejected += (int32_t)cnt;
		return;
	}
	e->accepted += (int32_t)cnt;
	int ty = type_slot(det, type);
	if (ty >= 0 && cnt > e->best_n) {
		e->best_n = (int32_t)cnt;
		e->type = (int16_t)ty;
	}
}

void detect_memory_clear(struct detector *det)
{
	struct detect_memory *m = det->memory;
	if (!m)
		return;
	hmap_finish(&m->map);
	free(m->v);
	tokens_finish(&m->toks);
	free(m);
	det->memory = NULL;
}

void detect_online_finish(struct detector *det)
{
	tagger_overlay_finish(&det->overlay);
	det->tagger.overlay = NULL;
	detect_memory_clear(det);
}

static const struct memory_entry *recall(const struct detector *det, const char *text,
                                         size_t a, size_t n)
{
	const struct detect_memory *m = det->memory;
	if (n == 0 || n > MEMORY_MAX_TOKENS || !(m->lengths & (1u << (n - 1))))
		return NULL;
	const uint64_t *v = hmap_get(&m->map, seq_key(&det->toks, text, a, n));
	return v ? &m->v[*v] : NULL;
}

static int cmp_span(const void *x, const void *y)
{
	const struct dspan *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

void detect_memory_apply(struct detector *det, const char *text)
{
	const struct tokens *t = &det->toks;
	struct dspans *s = &det->spans;
	if (!det->memory || !det->memory->n)
		return;
	/* rejected strings: their suggestions go, unless the tagger is sure */
	for (size_t k = 0; k < s->n; k++) {
		struct dspan *d = &s->v[k];
		if (d->type < 0 || d->conf >= MEMORY_SURE)
			continue;
		const struct memory_entry *e = recall(det, text, d->a, d->b - d->a);
		if (e && e->rejected > e->accepted)
			d->type = -1;
	}
	/* accepted strings: suggested wherever they occur, the longest first */
	size_t n0 = s->n;
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].kind == TOK_PUNCT)
			continue;
		for (size_t len = MEMORY_MAX_TOKENS; len > 0; len--) {
			if (i + len > t->n)
				continue;
			int cross = 0;
			for (size_t j = i + 1; j < i + len && !cross; j++)
				cross = (t->v[j].flags & TOKF_SENT_START) != 0;
			if (cross)
				continue;
			const struct memory_entry *e = recall(det, text, i, len);
			if (!e || e->type < 0 || e->accepted <= e->rejected)
				continue;
			uint32_t a = (uint32_t)i, b = (uint32_t)(i + len);
			/* what overlaps it: a span holding it, or one the tagger is sure
			 * of, wins; others give way */
			int keep_out = 0;
			struct dspan *same = NULL;
			for (size_t k = 0; k < s->n && !keep_out; k++) {
				struct dspan *d = &s->v[k];
				if (d->type < 0 || d->b <= a || d->a >= b)
					continue;
				if (d->a == a && d->b == b)
					same = d;
				else if ((d->a <= a && d->b >= b) || d->conf >= MEMORY_SURE)
					keep_out = 1;
			}
			if (keep_out)
				break;
			if (same) {
				if (same->type != e->type && same->conf < MEMORY_SURE) {
					same->type = e->type;
					same->conf = 0.9f;
				}
			} else {
				for (size_t k = 0; k < s->n; k++)
					if (s->v[k].type >= 0 && s->v[k].b > a && s->v[k].a < b)
						s->v[k].type = -1;
				dspans_push(s, a, b, e->type, 0.9f);
			}
			i += len - 1;
			break;
		}
	}
	/* drop what went; the spans added go in order */
	size_t w = 0;
	for (size_t k = 0; k < s->n; k++)
		if (s->v[k].type >= 0)
			s->v[w++] = s->v[k];
	int grew = s->n > n0;
	s->n = w;
	if (grew && s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_span);
}
