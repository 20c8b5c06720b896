/*
 * feature.c: feature templates of the tagger and word clusters (see
 * feature.h).
 */
#include "config.h"
#include "feature.h"

#include <stdlib.h>
#include <string.h>

#include "lib/byteorder.h"
#include "lib/util.h"

/* ---- word clusters ------------------------------------------------------ */

void clusters_init(struct clusters *c)
{
	hmap_init(&c->map, 1024);
}

void clusters_finish(struct clusters *c)
{
	hmap_finish(&c->map);
}

uint32_t clusters_get(const struct clusters *c, uint64_t h)
{
	if (!c || c->map.n == 0)
		return 0;
	const uint64_t *v = hmap_get(&c->map, h);
	return v ? (uint32_t)*v : 0;
}

long clusters_load(struct clusters *c, const char *path)
{
	char *data;
	size_t len;
	if (read_file(path, &data, &len) < 0)
		return -1;
	char *fold = NULL;
	size_t cap = 0;
	long count = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		const char *tab = memchr(data + i, '\t', end - i);
		if (tab && data[i] != '#' && tab > data + i) {
			const char *cl = tab + 1;
			size_t cn = (size_t)(data + end - cl);
			while (cn > 0 && (cl[cn - 1] == '\r' || cl[cn - 1] == ' '))
				cn--;
			int bits = cn > 0;
			for (size_t k = 0; k < cn; k++)
				if (cl[k] != '0' && cl[k] != '1')
					bits = 0;
			uint32_t v;
			if (bits) {
				size_t n = cn > 24 ? 24 : cn;
				v = (uint32_t)n << 24;
				for (size_t k = 0; k < n; k++)
					if (cl[k] == '1')
						v |= 1u << (23 - k);
			} else {
				v = 0xFF000000u | (uint32_t)(tok_hash(cl, cn) & 0xFFFFFF);
			}
			size_t fl = tok_fold(data + i, (size_t)(tab - (data + i)), &fold, &cap);
			int added;
			uint64_t *slot = hmap_put(&c->map, tok_hash(fold, fl), &added);
			if (added) /* the first line of a word wins */
				*slot = v;
			count++;
		}
		i = end + 1;
	}
	free(fold);
	free(data);
	return count;
}

/* Serialised form: "CLT1" (a little-endian 64-bit number), the map. */
#define CLUSTERS_MAGIC 0x31544C43u

void clusters_write(const struct clusters *c, struct buf *b)
{
	unsigned char head[8];
	put_le64(head, CLUSTERS_MAGIC);
	buf_add(b, (const char *)head, sizeof head);
	hmap_write(&c->map, b);
}

size_t clusters_view(struct clusters *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	memset(c, 0, sizeof *c);
	size_t used;
	if (len < 8 || get_le64(p) != CLUSTERS_MAGIC || !(used = hmap_view(&c->map, p + 8, len - 8))) {
		err_set(_("malformed word clusters in the model"));
		return 0;
	}
	return 8 + used;
}

/* ---- templates -------------------------------------------------------------- */

enum tmpl {
	T_BIAS = 1, T_W0, T_WM1, T_WP1, T_WM2, T_WP2, T_WM1W0, T_W0WP1,
	T_SH0, T_SHM1, T_SHP1, T_SH3, T_FLAGS, T_PRE, T_SUF, T_GAZ, T_GAZP, T_GAZN,
	T_CAPCOMMON, T_RULE, T_RULEP, T_RULEN, T_CL0, T_CLM1, T_CLP1, T_YEAR,
	T_P1, T_P2P1, T_P1W0, T_P1SH, T_MEM, T_MEMSH, T_SHB1, T_SHB2, T_SHM2, T_SHP2,
	T_WM1SH, T_SHWP1, T_SHM3, T_SHP3, T_FLM1, T_FLP1, T_SHL3, T_SHR3, T_CAPSUF,
};

#define BOS 0x2545A1B3C9D7E1F3ULL
#define EOS 0x7F4A7C159E3779B9ULL

static inline uint64_t F1(enum tmpl t, uint64_t v)
{
	return tok_mix((uint64_t)t * 0x9E3779B97F4A7C15ULL, v);
}

static inline uint64_t F2(enum tmpl t, uint64_t a, uint64_t b)
{
	return tok_mix(F1(t, a), b);
}

void feat_doc_finish(struct feat_doc *d)
{
	free(d->f);
	free(d->off);
	free(d->wid);
	free(d->rmark);
	free(d->cluster);
	hmap_finish(&d->mem);
	memset(d, 0, sizeof *d);
}

/* Word identity: the folded form, with digits as '0' in numbers, without
 * the periods of abbreviations ("Gen." as "Gen", "U.N." as "UN"), and
 * short acronyms apart from lower-case words ("US" is not "us"). */
static uint64_t word_id(const struct tokens *t, size_t i)
{
	const struct token *k = &t->v[i];
	const char *f = t->fold + k->f0;
	size_t n = k->f1 - k->f0;
	char tmp[24];
	if (k->flags & TOKF_HAS_DIGIT) {
		if (n > sizeof tmp)
			n = sizeof tmp;
		for (size_t j = 0; j < n; j++)
			tmp[j] = (f[j] >= '0' && f[j] <= '9') ? '0' : f[j];
		return tok_hash(tmp, n) ^ 0x5555;
	}
	if (k->kind != TOK_WORD || !(k->flags & TOKF_ALL_UPPER) || n > sizeof tmp)
		return k->hw;
	size_t m = 0;
	for (size_t j = 0; j < n; j++)
		if (f[j] != '.')
			tmp[m++] = f[j];
	uint64_t h = tok_hash(tmp, m);
	return m >= 2 && m <= 4 ? h ^ 0xACE0ACE0ACE0ULL : h;
}

static inline unsigned len_class(unsigned n)
{
	return n <= 3 ? n : n <= 6 ? 4 : n <= 10 ? 5 : 6;
}

/* Prefix (k code points) or suffix hashes of a folded form. */
static uint64_t affix(const char *f, size_t n, unsigned k, int suffix)
{
	size_t a = 0, b = n;
	if (suffix) {
		unsigned c = 0;
		a = n;
		while (a > 0 && c < k) {
			a--;
			if (((unsigned char)f[a] & 0xC0) != 0x80)
				c++;
		}
	} else {
		unsigned c = 0;
		b = 0;
		while (b < n && c < k) {
			b++;
			while (b < n && ((unsigned char)f[b] & 0xC0) == 0x80)
				b++;
			c++;
		}
	}
	return tok_hash(f + a, b - a);
}

static void mark_rules(const struct tokens *t, const struct rule_spans *rules, uint32_t *rm)
{
	memset(rm, 0, t->n * sizeof *rm);
	if (!rules)
		return;
	for (size_t r = 0; r < rules->n; r++) {
		const struct rule_span *s = &rules->v[r];
		unsigned k = s->kind * 4u;
		if (s->end - s->start == 1) {
			rm[s->start] |= 1u << (k + 3);
		} else {
			rm[s->start] |= 1u << k;
			for (uint32_t i = s->start + 1; i + 1 < s->end; i++)
				rm[i] |= 1u << (k + 1);
			rm[s->end - 1] |= 1u << (k + 2);
		}
	}
}

void feat_static(const struct feat_res *res, const struct tokens *t,
                 const struct gaz_marks *marks, const struct rule_spans *rules,
                 struct feat_doc *d)
{
	size_t n = t->n;
	d->toks = t;
	if (d->captok < n + 1) {
		size_t cap = n + 1 + n / 2;
		free(d->off);
		free(d->wid);
		free(d->rmark);
		free(d->cluster);
		d->off = xmalloc(cap * sizeof *d->off);
		d->cluster = xmalloc(cap * sizeof *d->cluster);
		d->wid = xmalloc(cap * sizeof *d->wid);
		d->rmark = xmalloc(cap * sizeof *d->rmark);
		d->captok = cap;
	}
	/* forget the memory of the previous document */
	if (!d->mem.slot)
		hmap_init(&d->mem, 512);
	else
		hmap_clear(&d->mem);

	int have_clusters = res->clusters && res->clusters->map.n;
	for (size_t i = 0; i < n; i++) {
		d->wid[i] = word_id(t, i);
		d->cluster[i] = have_clusters ? clusters_get(res->clusters, t->v[i].h) : 0;
	}
	mark_rules(t, rules, d->rmark);

	const uint32_t gaz_all = res->gaz ? (1u << res->gaz->nlists) - 1 : 0;
	d->nf = 0;
	size_t sent = 0, send = 0;
	for (size_t i = 0; i < n; i++) {
		const struct token *k = &t->v[i];
		if (i >= send) {
			/* a new sentence: find its end */
			sent = i;
			send = i + 1;
			while (send < n && !(t->v[send].flags & TOKF_SENT_START))
				send++;
		}
		/* at most 64 fixed features, 6 x 32 gazetteer bits, 3 x 32 rule bits */
		d->f = xgrow(d->f, &d->capf, d->nf + FEAT_MAX_STATIC, sizeof *d->f);
		uint64_t *f = d->f + d->nf;
		d->off[i] = (uint32_t)d->nf;

		uint64_t w0 = d->wid[i];
		int has_m1 = i > sent, has_p1 = i + 1 < send;
		uint64_t wm1 = has_m1 ? d->wid[i - 1] : BOS;
		uint64_t wp1 = has_p1 ? d->wid[i + 1] : EOS;
		uint64_t wm2 = i >= sent + 2 ? d->wid[i - 2] : BOS;
		uint64_t wp2 = i + 2 < send ? d->wid[i + 2] : EOS;
		uint64_t sh0 = k->shape ^ ((uint64_t)len_class(k->ncp) << 32);
		uint64_t shm1 = has_m1 ? t->v[i - 1].shape : BOS;
		uint64_t shp1 = has_p1 ? t->v[i + 1].shape : EOS;

		*f++ = F1(T_BIAS, 0);
		*f++ = F1(T_W0, w0);
		*f++ = F1(T_WM1, wm1);
		*f++ = F1(T_WP1, wp1);
		*f++ = F1(T_WM2, wm2);
		*f++ = F1(T_WP2, wp2);
		*f++ = F2(T_WM1W0, wm1, w0);
		*f++ = F2(T_W0WP1, w0, wp1);
		*f++ = F1(T_SH0, sh0);
		*f++ = F1(T_SHM1, shm1);
		*f++ = F1(T_SHP1, shp1);
		*f++ = F2(T_SH3, tok_mix(shm1, k->shape), shp1);
		unsigned fl = (k->flags & (TOKF_UPPER_INIT | TOKF_ALL_UPPER | TOKF_SENT_START |
		                          TOKF_PERIOD | TOKF_ATTACHED | TOKF_POSSESSIVE |
		                          TOKF_HYPHEN | TOKF_PARA_BEFORE)) | ((unsigned)k->kind << 16);
		*f++ = F1(T_FLAGS, fl);
		/* the shapes around: capitalisation patterns carry most of a name */
		uint64_t shm2 = i >= sent + 2 ? t->v[i - 2].shape : BOS;
		uint64_t shp2 = i + 2 < send ? t->v[i + 2].shape : EOS;
		*f++ = F2(T_SHB1, shm1, k->shape);
		*f++ = F2(T_SHB2, k->shape, shp1);
		*f++ = F1(T_SHM2, shm2);
		*f++ = F1(T_SHP2, shp2);
		*f++ = F1(T_SHM3, i >= sent + 3 ? t->v[i - 3].shape : BOS);
		*f++ = F1(T_SHP3, i + 3 < send ? t->v[i + 3].shape : EOS);
		*f++ = F2(T_SHL3, tok_mix(shm2, shm1), k->shape);
		*f++ = F2(T_SHR3, tok_mix(k->shape, shp1), shp2);
		*f++ = F2(T_WM1SH, wm1, k->shape);
		*f++ = F2(T_SHWP1, k->shape, wp1);
		/* the neighbours' capitalisation and sentence position */
		const unsigned nbm = TOKF_UPPER_INIT | TOKF_ALL_UPPER | TOKF_SENT_START | TOKF_PERIOD;
		*f++ = F1(T_FLM1, has_m1 ? (t->v[i - 1].flags & nbm) | ((unsigned)t->v[i - 1].kind << 16) : 99);
		*f++ = F1(T_FLP1, has_p1 ? (t->v[i + 1].flags & nbm) | ((unsigned)t->v[i + 1].kind << 16) : 99);
		if (k->kind == TOK_WORD && k->ncp > 2) {
			const char *fs = t->fold + k->f0;
			size_t fn = k->f1 - k->f0;
			/* the endings of a capitalised word: surnames of many naming
			 * systems end alike (-ov, -oğlu, -ski, -yan, -pour, -wala) */
			unsigned capw = (k->flags & TOKF_UPPER_INIT) && !(k->flags & TOKF_ALL_UPPER);
			for (unsigned a = 1; a <= 4 && a < k->ncp; a++) {
				if (a <= 3)
					*f++ = F2(T_PRE, a, affix(fs, fn, a, 0));
				uint64_t sx = affix(fs, fn, a, 1);
				*f++ = F2(T_SUF, a, sx);
				if (capw && a >= 2)
					*f++ = F2(T_CAPSUF, a, sx);
			}
		}
		if (k->kind == TOK_NUMBER && (k->flags & TOKF_HAS_DIGIT) && k->ncp == 4) {
			const char *fs = t->fold + k->f0;
			if ((fs[0] == '1' && fs[1] >= '5') || (fs[0] == '2' && fs[1] <= '1'))
				*f++ = F1(T_YEAR, 1);
		}

		if (marks) {
			const struct gaz_marks *m = &marks[i];
			uint32_t pos[4] = { m->b, m->i, m->l, m->u };
			for (unsigned p = 0; p < 4; p++) {
				uint32_t bits = pos[p] & gaz_all & ~res->common_words;
				while (bits) {
					unsigned l = (unsigned)__builtin_ctz(bits);
					bits &= bits - 1;
					*f++ = F1(T_GAZ, l * 4 + p);
				}
			}
			if ((m->u & res->common_words) && (k->flags & TOKF_UPPER_INIT))
				*f++ = F1(T_CAPCOMMON, (k->flags & TOKF_SENT_START) != 0);
			if (has_m1) {
				uint32_t bits = (marks[i - 1].l | marks[i - 1].u) & gaz_all & ~res->common_words;
				while (bits) {
					unsigned l = (unsigned)__builtin_ctz(bits);
					bits &= bits - 1;
					*f++ = F1(T_GAZP, l);
				}
			}
			if (has_p1) {
				uint32_t bits = (marks[i + 1].b | marks[i + 1].u) & gaz_all & ~res->common_words;
				while (bits) {
					unsigned l = (unsigned)__builtin_ctz(bits);
					bits &= bits - 1;
					*f++ = F1(T_GAZN, l);
				}
			}
		}

		uint32_t rb = d->rmark[i];
		while (rb) {
			unsigned b = (unsigned)__builtin_ctz(rb);
			rb &= rb - 1;
			*f++ = F1(T_RULE, b);
		}
		if (has_m1) {
			uint32_t pm = d->rmark[i - 1];
			for (unsigned kk = 0; kk < RULE_NKINDS; kk++)
				if (pm & (0xCu << (kk * 4)))   /* L or U */
					*f++ = F1(T_RULEP, kk);
		}
		if (has_p1) {
			uint32_t nm = d->rmark[i + 1];
			for (unsigned kk = 0; kk < RULE_NKINDS; kk++)
				if (nm & (0x9u << (kk * 4)))   /* B or U */
					*f++ = F1(T_RULEN, kk);
		}

		if (res->clusters && res->clusters->map.n) {
			uint32_t c0 = d->cluster[i];
			if (c0 >> 24 == 0xFF) {
				*f++ = F2(T_CL0, 0, c0);
			} else if (c0) {
				unsigned len = c0 >> 24;
				static const unsigned pre[] = { 4, 8, 12, 16, 24 };
				for (unsigned p = 0; p < ARRAY_SIZE(pre); p++) {
					unsigned pl = pre[p] < len ? pre[p] : len;
					*f++ = F2(T_CL0, pl, c0 & (0xFFFFFFu << (24 - pl)) & 0xFFFFFF);
					if (pl == len)
						break;
				}
			}
			uint32_t cm = has_m1 ? d->cluster[i - 1] : 1;
			uint32_t cp = has_p1 ? d->cluster[i + 1] : 1;
			*f++ = F1(T_CLM1, cm);
			*f++ = F1(T_CLP1, cp);
			/* the neighbours' coarser clusters too */
			if (cm >> 24 && cm >> 24 != 0xFF) {
				*f++ = F2(T_CLM1, 6, cm & 0xFC0000u);
				*f++ = F2(T_CLM1, 10, cm & 0xFFC000u);
			}
			if (cp >> 24 && cp >> 24 != 0xFF) {
				*f++ = F2(T_CLP1, 6, cp & 0xFC0000u);
				*f++ = F2(T_CLP1, 10, cp & 0xFFC000u);
			}
		}
		if (d->salt) {
			uint64_t *f0 = d->f + d->nf;
			size_t nf = (size_t)(f - f0);
			for (size_t q = 0; q < nf; q++)
				*f++ = tok_mix(f0[q], d->salt);
		}
		d->nf = (size_t)(f - d->f);
	}
	d->off[n] = (uint32_t)d->nf;
}

uint64_t feat_domain_salt(unsigned domain)
{
	return domain ? tok_mix(0xD0D0D0D0D0D0D0D0ULL, domain) : 0;
}

static inline int capital_word(const struct token *k)
{
	return k->kind == TOK_WORD && (k->flags & (TOKF_UPPER_INIT | TOKF_ALL_UPPER));
}

size_t feat_dynamic(struct feat_doc *d, size_t i, unsigned p1, unsigned p2,
                    uint64_t out[FEAT_MAX_DYNAMIC])
{
	const struct token *k = &d->toks->v[i];
	size_t n = 0;
	out[n++] = F1(T_P1, p1);
	out[n++] = F2(T_P2P1, p2, p1);
	out[n++] = F2(T_P1W0, p1, d->wid[i]);
	out[n++] = F2(T_P1SH, p1, k->shape);
	if (capital_word(k)) {
		const uint64_t *label = hmap_get(&d->mem, d->wid[i] | 1);
		if (label) {
			out[n++] = F1(T_MEM, *label);
			out[n++] = F2(T_MEMSH, *label, (k->flags & TOKF_SENT_START) != 0);
		}
	}
	if (d->salt) {
		size_t m = n;
		for (size_t q = 0; q < m; q++)
			out[n++] = tok_mix(out[q], d->salt);
	}
	return n;
}

void feat_remember(struct feat_doc *d, size_t i, int type)
{
	const struct token *k = &d->toks->v[i];
	if (!capital_word(k))
		return;
	if (type < 0 && (k->flags & TOKF_SENT_START))
		return; /* a capital there says nothing */
	int added;
	uint64_t *label = hmap_put(&d->mem, d->wid[i] | 1, &added);
	if (added || type >= 0)
		*label = type < 0 ? 1 : (uint64_t)type + 2;
}
