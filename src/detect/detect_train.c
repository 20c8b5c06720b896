/*
 * detect_train.c: training a model (see detect.h): the lists of the data
 * directory compiled into a blob, the gold documents turned into BILOU
 * tags (relabelled to nerve's convention where asked), and the
 * perceptron's epochs.
 *
 * nerve's convention, applied to training data that follows the Groningen
 * Meaning Bank's habits: titles and honorifics are not part of a PERSON
 * (titles before a name become TITLE), country and region names are LOC
 * whatever GMB called them ("Sri"/"Lanka" split, "U.S." as org), demonyms
 * are NORP, a DATE needs a calendar anchor and is cut to it ("since 2003"
 * gives "2003", "two years ago" nothing), and a country or demonym joined
 * by a hyphen ("U.S.-led") is an entity of its own.
 *
 * The confidence model (detect_impl.h) is fitted at every training on
 * three held-out folds: three more taggers, each trained on two thirds
 * of the documents, tag the third they did not see.
 */
#include "config.h"
#include "detect.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "detect_impl.h"

/* ---- the lists -------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The abbreviations file: its entries, one a line, into out. */
static int load_abbrevs(const char *path, struct buf *out)
{
	char *data;
	size_t len;
	if (read_file(path, &data, &len) < 0)
		return -1;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		const char *tab = memchr(data + i, '\t', end - i);
		size_t e = tab ? (size_t)(tab - data) : end;
		while (e > i && (data[e - 1] == ' ' || data[e - 1] == '\r'))
			e--;
		if (e > i && data[i] != '#') {
			buf_add(out, data + i, e - i);
			buf_addc(out, '\n');
		}
		i = end + 1;
	}
	free(data);
	return 0;
}

/* A detector without a tagger, holding the lists of datadir. */
static struct detector *prepare_lists(const char *datadir, const char *info)
{
	struct buf abbr = BUF_INIT, blob = BUF_INIT;
	struct gazetteer gaz;
	struct clusters cl;
	struct tok_abbrevs *abbrevs = tok_abbrevs_new();
	struct detector *det = NULL;
	char **names = NULL;
	size_t nnames = 0, capnames = 0;
	gaz_init(&gaz);
	clusters_init(&cl);

	char *dir = xasprintf("%s/gazetteer", datadir);
	char *path = xasprintf("%s/abbreviations.txt", dir);
	struct stat sb;
	if (stat(path, &sb) == 0 && load_abbrevs(path, &abbr) < 0)
		goto out;
	for (size_t i = 0; i < abbr.len;) {
		const char *nl = memchr(abbr.data + i, '\n', abbr.len - i);
		size_t e = (size_t)(nl - abbr.data);
		tok_abbrevs_add(abbrevs, abbr.data + i, e - i);
		i = e + 1;
	}
	DIR *d = opendir(dir);
	if (!d) {
		err_set("%s: %s", dir, strerror(errno));
		goto out;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0 || e->d_name[0] == '.' ||
		    strcmp(e->d_name, "abbreviations.txt") == 0)
			continue;
		names = xgrow(names, &capnames, nnames + 1, sizeof *names);
		names[nnames++] = xstrndup(e->d_name, n - 4);
	}
	closedir(d);
	if (nnames > 1)
		qsort(names, nnames, sizeof *names, cmp_str);
	for (size_t i = 0; i < nnames; i++) {
		free(path);
		path = xasprintf("%s/%s.txt", dir, names[i]);
		if (gaz_load_file(&gaz, names[i], path, abbrevs) < 0)
			goto out;
	}
	free(path);
	path = xasprintf("%s/clusters.txt", datadir);
	if (stat(path, &sb) == 0 && clusters_load(&cl, path) < 0)
		goto out;
	detect_blob_build(&blob, info, abbr.data ? abbr.data : "", abbr.len, &gaz, &cl, NULL, NULL);
	size_t bloblen = blob.len;
	det = detect_from_owned(buf_steal(&blob), bloblen);
out:
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(dir);
	free(path);
	buf_free(&abbr);
	buf_free(&blob);
	gaz_finish(&gaz);
	clusters_finish(&cl);
	tok_abbrevs_free(&abbrevs);
	return det;
}

/* ---- gold spans to tokens ------------------------------------------------------ */

/* Entity types in the order the model lists them. */
static const char *const canonical[] = {
	"PERSON", "ORG", "LOC", "DATE", "NORP", "EVENT", "TITLE", "MISC",
};

struct names {
	char (*v)[TAGGER_TYPE_LEN];
	size_t n, cap;
	size_t *count;
};

static int name_index(struct names *nm, const char *name)
{
	for (size_t i = 0; i < nm->n; i++)
		if (strcmp(nm->v[i], name) == 0)
			return (int)i;
	size_t cap = nm->cap;
	nm->v = xgrow(nm->v, &nm->cap, nm->n + 1, sizeof *nm->v);
	nm->count = xgrow(nm->count, &cap, nm->n + 1, sizeof *nm->count);
	memset(nm->v[nm->n], 0, TAGGER_TYPE_LEN);   /* the model holds all its bytes */
	snprintf(nm->v[nm->n], TAGGER_TYPE_LEN, "%s", name);
	nm->count[nm->n] = 0;
	return (int)nm->n++;
}

/* Token spans of one document's gold entities (type: index into names). */
static void gold_spans(struct detector *det, const struct doc *d, struct names *nm,
                       struct dspans *out)
{
	const struct tokens *t = &det->toks;
	out->n = 0;
	size_t k = 0;
	for (size_t s = 0; s < d->nspans; s++) {
		const struct span *sp = &d->spans[s];
		if (!sp->type[0] || sp->end <= sp->start)
			continue;
		/* tokens mostly inside [start, end) */
		while (k > 0 && t->v[k - 1].c1 > (uint64_t)sp->start)
			k--;
		while (k < t->n && t->v[k].c1 <= (uint64_t)sp->start)
			k++;
		size_t a = SIZE_MAX, b = 0;
		for (size_t i = k; i < t->n && t->v[i].c0 < (uint64_t)sp->end; i++) {
			uint64_t lo = t->v[i].c0 > (uint64_t)sp->start ? t->v[i].c0 : (uint64_t)sp->start;
			uint64_t hi = t->v[i].c1 < (uint64_t)sp->end ? t->v[i].c1 : (uint64_t)sp->end;
			if (2 * (hi - lo) >= (uint64_t)(t->v[i].c1 - t->v[i].c0)) {
				if (a == SIZE_MAX)
					a = i;
				b = i + 1;
			}
		}
		if (a == SIZE_MAX)
			continue;
		dspans_push(out, (uint32_t)a, (uint32_t)b, name_index(nm, sp->type), 1);
	}
}

static int cmp_dspan(const void *x, const void *y)
{
	const struct dspan *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* Sort and drop spans that overlap an earlier one or are empty. */
static void tidy(struct dspans *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_dspan);
	size_t w = 0;
	uint32_t end = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].b <= s->v[i].a || s->v[i].type < 0 || (w > 0 && s->v[i].a < end))
			continue;
		s->v[w++] = s->v[i];
		end = s->v[i].b;
	}
	s->n = w;
}

static int span_at(const struct dspans *s, uint32_t a, uint32_t b)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].a < b && a < s->v[i].b && s->v[i].type >= 0)
			return (int)i;
	return -1;
}

/* The longest entry of the lists 'lists' starting at token i: its end, or
 * i when none. */
static size_t longest(const struct detector *det, size_t i, uint32_t lists)
{
	const struct gaz_marks *m = det->marks;
	if (!((m[i].b | m[i].u) & lists))
		return i;
	size_t best = (m[i].u & lists) ? i + 1 : i;
	for (size_t k = i + 1; k < det->toks.n && k < i + GAZ_MAX_TOKENS; k++) {
		if (!((m[k].i | m[k].l) & lists))
			break;
		if ((m[k].l & lists) && (detect_lookup(det, i, k + 1) & lists))
			best = k + 1;
	}
	return best;
}

static void relabel(struct detector *det, struct names *nm, struct dspans *s)
{
	const struct tokens *t = &det->toks;
	int loc = name_index(nm, "LOC"), org = name_index(nm, "ORG"),
	    norp = name_index(nm, "NORP"), misc = name_index(nm, "MISC"),
	    person = name_index(nm, "PERSON"), date = name_index(nm, "DATE"),
	    title = name_index(nm, "TITLE");
	uint32_t places = det->l_countries | det->l_regions;

	/* countries and regions are LOC, in one piece */
	for (size_t i = 0; i < t->n; i++) {
		uint32_t lists = places | det->l_cities;
		size_t e = longest(det, i, lists);
		if (e == i)
			continue;
		int city_only = !(detect_lookup(det, i, e) & places);
		int inside = 0, outside = 0, exact = -1;
		for (size_t k = 0; k < s->n; k++) {
			struct dspan *d = &s->v[k];
			if (d->type < 0 || d->b <= i || d->a >= e)
				continue;
			if (d->a >= i && d->b <= e) {
				inside++;
				if (d->a == i && d->b == e)
					exact = (int)k;
			} else {
				outside++;
			}
		}
		if (outside || !inside) {
			i = e - 1;
			continue;
		}
		if (exact >= 0 && !city_only) {
			int ty = s->v[exact].type;
			/* a country is a place whatever it does: GMB's org for a
			 * government acting ("Kenya said") is relabelled too */
			if (ty == misc || ty == person || ty == org)
				s->v[exact].type = loc;
		} else if (!city_only) {
			for (size_t k = 0; k < s->n; k++)
				if (s->v[k].type >= 0 && s->v[k].a >= i && s->v[k].b <= e)
					s->v[k].type = -1;
			dspans_push(s, (uint32_t)i, (uint32_t)e, loc, 1);
		}
		i = e - 1;
	}
	/* demonyms and religious and ethnic groups are NORP; an abbreviation
	 * that is no place is an organisation (GMB's geo "U.N.") */
	uint32_t groups = det->l_demonyms | det->l_groups;
	for (size_t k = 0; k < s->n; k++) {
		struct dspan *d = &s->v[k];
		uint32_t l = detect_lookup(det, d->a, d->b);
		if ((d->type == org || d->type == misc || d->type == loc) && (l & groups) &&
		    !(l & places))
			d->type = norp;
		const struct token *tk = &t->v[d->a];
		if (d->type == loc && d->b - d->a == 1 && !(l & (places | det->l_cities)) &&
		    tk->kind == TOK_WORD && (tk->flags & TOKF_ALL_UPPER) && tk->ncp >= 2 &&
		    tk->ncp <= 6)
			d->type = org;
	}
	/* titles and honorifics out of PERSON */
	size_t n0 = s->n;
	for (size_t k = 0; k < n0; k++) {
		struct dspan *d = &s->v[k];
		if (d->type != person)
			continue;
		size_t e = detect_title_end(det, d->a, t->n);
		if (e == d->a)
			continue;
		if (e >= d->b) {
			d->type = -1;   /* all title: the TITLE pass below finds it */
			continue;
		}
		d->a = (uint32_t)e;
	}
	/* a title right before a PERSON is TITLE */
	n0 = s->n;
	for (size_t k = 0; k < n0; k++) {
		if (s->v[k].type != person)
			continue;
		uint32_t a = s->v[k].a;
		size_t best = a;
		for (size_t st = a > GAZ_MAX_TOKENS * 2 ? a - GAZ_MAX_TOKENS * 2 : 0; st < a; st++) {
			if (detect_title_end(det, st, a) == a && span_at(s, (uint32_t)st, a) < 0) {
				best = st;
				break;
			}
		}
		while (best < a && !(t->v[best].flags & (TOKF_UPPER_INIT | TOKF_ALL_UPPER)))
			best++;
		/* honorifics are no title */
		size_t h = best;
		while (h < a && detect_title_end(det, h, h + 1) == h + 1 &&
		       !((det->marks[h].b | det->marks[h].u) & det->l_titles))
			h++;
		if (h < a)
			dspans_push(s, (uint32_t)h, a, title, 1);
	}
	/* dates: cut to their calendar part, or drop */
	for (size_t k = 0; k < s->n; k++) {
		struct dspan *d = &s->v[k];
		if (d->type != date)
			continue;
		size_t lo = SIZE_MAX, hi = 0;
		for (size_t i = d->a; i < d->b; i++) {
			int strong;
			size_t e = rules_date_at(t, i, &strong);
			if (e > i && e <= d->b) {
				if (lo == SIZE_MAX)
					lo = i;
				hi = e;
				i = e - 1;
			} else if (rules_is_anchor(t, i)) {
				if (lo == SIZE_MAX)
					lo = i;
				hi = i + 1;
			}
		}
		if (lo == SIZE_MAX) {
			d->type = -1;
		} else {
			d->a = (uint32_t)lo;
			d->b = (uint32_t)hi;
		}
	}
	/* countries and demonyms joined by a hyphen: U.S.-led, Iraqi-Kurdish */
	for (size_t i = 0; i < t->n; i++) {
		size_t e = longest(det, i, places | det->l_demonyms);
		if (e == i)
			continue;
		int hyph = (e < t->n && (t->v[e].flags & TOKF_HYPHEN) && (t->v[e].flags & TOKF_ATTACHED)) ||
		           (t->v[i].flags & TOKF_ATTACHED);
		if (hyph && span_at(s, (uint32_t)i, (uint32_t)e) < 0) {
			uint32_t l = detect_lookup(det, i, e);
			dspans_push(s, (uint32_t)i, (uint32_t)e, (l & places) ? loc : norp, 1);
		}
		i = e - 1;
	}
	tidy(s);
}

/* BILOU tags of spans s into tags[0..n); type indexes through map. */
static void to_tags(const struct tokens *t, const struct dspans *s, const int *map,
                    uint8_t *tags)
{
	memset(tags, 0, t->n);
	for (size_t k = 0; k < s->n; k++) {
		const struct dspan *d = &s->v[k];
		if (d->type < 0 || map[d->type] < 0)
			continue;
		unsigned ty = (unsigned)map[d->type];
		uint32_t b = d->b;
		for (uint32_t i = d->a + 1; i < b; i++)
			if (t->v[i].flags & TOKF_SENT_START)
				b = i;   /* spans stay inside a sentence */
		if (b - d->a == 1) {
			tags[d->a] = (uint8_t)tag_make(ty, 3);
		} else {
			tags[d->a] = (uint8_t)tag_make(ty, 0);
			for (uint32_t i = d->a + 1; i + 1 < b; i++)
				tags[i] = (uint8_t)tag_make(ty, 1);
			tags[b - 1] = (uint8_t)tag_make(ty, 2);
		}
	}
}

/* ---- training ------------------------------------------------------------------ */

struct item {
	const struct doc *doc;
	float weight;
	unsigned domain;
	size_t first, count;    /* its spans in the pool */
};

/* Logistic regression by Newton's method (with a little L2 so that an
 * input never seen true stays finite): w gets the weights of P(y | x)
 * for n rows of dim inputs.  Returns 0, or -1 when it did not converge. */
static int logistic_fit(const double *x, const unsigned char *y, size_t n, unsigned dim,
                        double *w)
{
	enum { MAXD = 32 };
	double g[MAXD], h[MAXD][MAXD + 1];
	if (dim > MAXD)
		return -1;
	for (unsigned i = 0; i < dim; i++)
		w[i] = 0;
	for (int it = 0; it < 25; it++) {
		for (unsigned i = 0; i < dim; i++) {
			g[i] = 1e-2 * w[i];
			for (unsigned j = 0; j < dim; j++)
				h[i][j] = i == j ? 1e-2 : 0;
		}
		for (size_t r = 0; r < n; r++) {
			const double *xr = x + r * dim;
			double z = 0;
			for (unsigned i = 0; i < dim; i++)
				z += w[i] * xr[i];
			double p = 1 / (1 + exp(-z)), e = p - y[r], v = p * (1 - p);
			for (unsigned i = 0; i < dim; i++) {
				if (xr[i] == 0)
					continue;
				g[i] += e * xr[i];
				for (unsigned j = 0; j < dim; j++)
					h[i][j] += v * xr[i] * xr[j];
			}
		}
		/* solve h d = g (Gauss-Jordan with partial pivoting) */
		for (unsigned i = 0; i < dim; i++)
			h[i][dim] = g[i];
		for (unsigned c = 0; c < dim; c++) {
			unsigned piv = c;
			for (unsigned r = c + 1; r < dim; r++)
				if (fabs(h[r][c]) > fabs(h[piv][c]))
					piv = r;
			if (fabs(h[piv][c]) < 1e-12)
				return -1;
			for (unsigned k = 0; k <= dim; k++) {
				double tmp = h[c][k];
				h[c][k] = h[piv][k];
				h[piv][k] = tmp;
			}
			for (unsigned r = 0; r < dim; r++) {
				if (r == c)
					continue;
				double f = h[r][c] / h[c][c];
				for (unsigned k = c; k <= dim; k++)
					h[r][k] -= f * h[c][k];
			}
		}
		double step = 0;
		for (unsigned i = 0; i < dim; i++) {
			double d = h[i][dim] / h[i][i];
			w[i] -= d;
			step += fabs(d);
		}
		if (step < 1e-6)
			break;
	}
	for (unsigned i = 0; i < dim; i++)
		if (!(fabs(w[i]) < 1e3))
			return -1;
	return 0;
}

/* What the confidence model is fitted on: the calibration inputs of
 * suggestions made on documents held out of training, and whether each
 * was exactly right. */
struct cal_rows {
	double *x;
	unsigned char *y;
	size_t n, capx, capy;
};

/* Detect in the documents items[i] for the i of held (det trained without
 * them) and add each suggestion to rows, right when the gold has it,
 * span and type. */
static void cal_collect(struct detector *det, const struct item *items, const size_t *held,
                        size_t nheld, const struct dspans *pool, const int *map,
                        const char types[][TAGGER_TYPE_LEN], struct cal_rows *rows)
{
	for (size_t r = 0; r < nheld; r++) {
		const struct item *it = &items[held[r]];
		detect_run(det, it->doc->text, it->doc->text_len);
		for (size_t k = 0; k < det->spans.n; k++) {
			const struct dspan *d = &det->spans.v[k];
			if (d->type < 0 || d->b <= d->a)
				continue;
			int right = 0;
			for (size_t g = it->first; g < it->first + it->count && !right; g++) {
				const struct dspan *gs = &pool->v[g];
				right = gs->a == d->a && gs->b == d->b && gs->type >= 0 &&
				        map[gs->type] >= 0 &&
				        strcmp(types[map[gs->type]], det->types[d->type]) == 0;
			}
			rows->x = xgrow(rows->x, &rows->capx, (rows->n + 1) * CAL_NFEAT, sizeof *rows->x);
			rows->y = xgrow(rows->y, &rows->capy, rows->n + 1, 1);
			detect_cal_inputs(det, d, rows->x + rows->n * CAL_NFEAT);
			rows->y[rows->n++] = (unsigned char)right;
		}
	}
}

static uint64_t rng_next(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

/* Held-out folds for the confidence model, and the fewest documents a
 * fold may have. */
enum { CAL_FOLDS = 3, CAL_MIN_DOCS = 20 };

/* What the perceptron's passes need. */
struct epochs {
	struct detector *prep;
	const struct item *items;
	const struct dspans *pool;
	const int *map;
	const char (*types)[TAGGER_TYPE_LEN];
	unsigned ntypes, domain;
	int adapt;
	unsigned epochs;
	size_t tokens;
	void (*progress)(void *arg, unsigned epoch, unsigned epochs, size_t errors, size_t tokens);
	void *progress_arg;
};

/* A tagger trained on the documents items[which[0..n)]: the perceptron's
 * epochs, each over the same shuffle on every run (training is
 * reproducible). */
static struct tagger_trainer *run_epochs(const struct epochs *e, const size_t *which, size_t n)
{
	struct detector *prep = e->prep;
	struct tagger_trainer *tr = tagger_trainer_new(e->ntypes, e->types, e->domain);
	size_t *order = xmalloc((n ? n : 1) * sizeof *order);
	memcpy(order, which, n * sizeof *order);
	uint8_t *gold = NULL;
	size_t capgold = 0;
	uint64_t seed = 0x2545F4914F6CDD1DULL;
	for (unsigned ep = 0; ep < e->epochs; ep++) {
		for (size_t i = n; i > 1; i--) {
			size_t j = (size_t)(rng_next(&seed) % i);
			size_t x = order[i - 1];
			order[i - 1] = order[j];
			order[j] = x;
		}
		size_t errors = 0;
		for (size_t r = 0; r < n; r++) {
			const struct item *it = &e->items[order[r]];
			prep->salt = e->adapt ? feat_domain_salt(it->domain) : 0;
			detect_prepare(prep, it->doc->text, it->doc->text_len);
			gold = xgrow(gold, &capgold, prep->toks.n + 1, 1);
			struct dspans view = { e->pool->v + it->first, it->count, it->count };
			to_tags(&prep->toks, &view, e->map, gold);
			errors += tagger_train_doc(tr, &prep->fd, gold, it->weight);
		}
		if (e->progress)
			e->progress(e->progress_arg, ep + 1, e->epochs, errors, e->tokens);
	}
	free(gold);
	free(order);
	return tr;
}

int detect_train(const struct train_opts *o, const struct train_set *sets, size_t nsets,
                 struct buf *out)
{
	const char *datadir = o->datadir ? o->datadir : detect_datadir();
	struct detector *prep = prepare_lists(datadir, o->info);
	if (!prep)
		return -1;
	struct names nm = { 0 };
	for (size_t i = 0; i < ARRAY_SIZE(canonical); i++)
		name_index(&nm, canonical[i]);

	/* gold spans of every document, relabelled */
	struct item *items = NULL;
	size_t nitems = 0, capitems = 0, tokens = 0;
	struct dspans pool = { 0 }, one = { 0 };
	for (size_t s = 0; s < nsets; s++) {
		for (size_t k = 0; k < sets[s].ndocs; k++) {
			const struct doc *d = &sets[s].docs[k];
			if (!d->text || d->text_len == 0)
				continue;
			prep->salt = 0;
			detect_prepare(prep, d->text, d->text_len);
			gold_spans(prep, d, &nm, &one);
			if (sets[s].convention)
				relabel(prep, &nm, &one);
			else
				tidy(&one);
			items = xgrow(items, &capitems, nitems + 1, sizeof *items);
			items[nitems].doc = d;
			items[nitems].weight = sets[s].weight > 0 ? sets[s].weight : 1;
			items[nitems].domain = sets[s].domain;
			items[nitems].first = pool.n;
			items[nitems].count = one.n;
			for (size_t j = 0; j < one.n; j++) {
				dspans_push(&pool, one.v[j].a, one.v[j].b, one.v[j].type, 1);
				nm.count[one.v[j].type]++;
			}
			nitems++;
			tokens += prep->toks.n;
		}
	}
	int rc = -1;
	if (nitems == 0) {
		err_set(_("nothing to train on"));
		goto out;
	}

	/* the types present: nerve's own first, then the others by name */
	char types[TAGGER_MAX_TYPES][TAGGER_TYPE_LEN];
	unsigned ntypes = 0;
	int *map = xmalloc((nm.n + 1) * sizeof *map);
	for (size_t i = 0; i < nm.n; i++)
		map[i] = -1;
	for (size_t pass = 0; pass < 2; pass++) {
		size_t order[256];
		size_t no = 0;
		for (size_t i = 0; i < nm.n && no < ARRAY_SIZE(order); i++) {
			int canon = i < ARRAY_SIZE(canonical);
			if (nm.count[i] && canon == (pass == 0))
				order[no++] = i;
		}
		if (pass == 1) { /* others sorted by name */
			for (size_t a = 1; a < no; a++)
				for (size_t b = a; b > 0 && strcmp(nm.v[order[b - 1]], nm.v[order[b]]) > 0; b--) {
					size_t x = order[b];
					order[b] = order[b - 1];
					order[b - 1] = x;
				}
		}
		for (size_t j = 0; j < no && ntypes < TAGGER_MAX_TYPES; j++) {
			map[order[j]] = (int)ntypes;
			memcpy(types[ntypes++], nm.v[order[j]], TAGGER_TYPE_LEN);
		}
	}
	if (ntypes == 0) {
		err_set(_("the training documents have no entities"));
		free(map);
		goto out;
	}

	/* domain features when documents of several domains are there */
	unsigned dmin = UINT32_MAX, dmax = 0;
	for (size_t i = 0; i < nitems; i++) {
		if (items[i].domain < dmin)
			dmin = items[i].domain;
		if (items[i].domain > dmax)
			dmax = items[i].domain;
	}
	struct epochs ep = {
		prep, items, &pool, map, (const char (*)[TAGGER_TYPE_LEN])types, ntypes,
		dmax != dmin ? dmax : 0, dmax != dmin,
		/* a few passes over the shipped data alone keep it general; the
		 * team's documents, in a domain of their own, want more */
		o->epochs ? o->epochs : dmax != dmin ? 8 : 3, tokens, NULL, NULL,
	};
	const char *abbr = prep->abbr ? prep->abbr : "";
	size_t abbr_len = prep->abbr ? prep->abbr_len : 0;

	/* the confidence model, fitted on held-out folds: each fold's
	 * documents are tagged by a tagger trained on the others.  Folds are
	 * runs of consecutive documents, since neighbours often come from one
	 * report (GMB's documents are ten sentences each): a name seen in
	 * training would make the held-out suggestions look surer than those
	 * on a new outlet's news */
	float cal[CAL_NFEAT], *calp = NULL;
	size_t *held = xmalloc(nitems * sizeof *held), *rest = xmalloc(nitems * sizeof *rest);
	struct cal_rows rows = { 0 };
	unsigned nfolds = nitems >= 3 * CAL_MIN_DOCS ? CAL_FOLDS : 0;
	for (unsigned f = 0; f < nfolds; f++) {
		size_t nh = 0, nr = 0;
		for (size_t i = 0; i < nitems; i++) {
			if (i * nfolds / nitems == f)
				held[nh++] = i;
			else
				rest[nr++] = i;
		}
		struct tagger_trainer *ft = run_epochs(&ep, rest, nr);
		struct buf tb = BUF_INIT, cb = BUF_INIT;
		tagger_trainer_write(ft, 1e-3f, 0.25f, 0, &tb);
		tagger_trainer_free(&ft);
		detect_blob_build(&cb, o->info, abbr, abbr_len, &prep->gaz, &prep->clusters, &tb, NULL);
		buf_free(&tb);
		size_t cblen = cb.len;
		struct detector *cd = detect_from_owned(buf_steal(&cb), cblen);
		if (cd) {
			cal_collect(cd, items, held, nh, &pool, map, (const char (*)[TAGGER_TYPE_LEN])types,
			            &rows);
			detector_free(&cd);
		}
	}
	double w[CAL_NFEAT];
	if (rows.n >= 50 && logistic_fit(rows.x, rows.y, rows.n, CAL_NFEAT, w) == 0) {
		for (unsigned i = 0; i < CAL_NFEAT; i++)
			cal[i] = (float)w[i];
		calp = cal;
	}
	free(rows.x);
	free(rows.y);

	/* the model itself, on every document */
	for (size_t i = 0; i < nitems; i++)
		rest[i] = i;
	ep.progress = o->progress;
	ep.progress_arg = o->progress_arg;
	struct tagger_trainer *tr = run_epochs(&ep, rest, nitems);
	free(held);
	free(rest);
	struct buf tb = BUF_INIT;
	tagger_trainer_write(tr, 1e-3f, 0.25f, 0, &tb);
	detect_blob_build(out, o->info, abbr, abbr_len, &prep->gaz, &prep->clusters, &tb, calp);
	buf_free(&tb);
	free(map);
	tagger_trainer_free(&tr);
	rc = 0;
out:
	free(items);
	free(pool.v);
	free(one.v);
	free(nm.v);
	free(nm.count);
	detector_free(&prep);
	return rc;
}

int detect_train_clean(const char *datadir, const struct doc *d, struct doc *out)
{
	struct detector *prep = prepare_lists(datadir, "");
	if (!prep)
		return -1;
	struct names nm = { 0 };
	for (size_t i = 0; i < ARRAY_SIZE(canonical); i++)
		name_index(&nm, canonical[i]);
	struct dspans s = { 0 };
	detect_prepare(prep, d->text, d->text_len);
	gold_spans(prep, d, &nm, &s);
	relabel(prep, &nm, &s);
	for (size_t i = 0; i < s.n; i++) {
		struct span *sp = doc_push_span(out);
		sp->start = prep->toks.v[s.v[i].a].c0;
		sp->end = prep->toks.v[s.v[i].b - 1].c1;
		snprintf(sp->type, sizeof sp->type, "%s", nm.v[s.v[i].type]);
	}
	free(s.v);
	free(nm.v);
	free(nm.count);
	detector_free(&prep);
	return 0;
}
