/*
 * review-core.c: the loop of bench/review-sim.sh without the database
 * and the processes, for trying learning settings quickly: each report
 * of GOLD in order is detected, its corrections counted against the
 * gold (PERSON, ORG, LOC, DATE; span and type), then learnt from (the
 * online step, and the memory: gold strings accepted, other suggestions
 * rejected).
 *
 *   review-core GOLD.jsonl [MAP.json] [learn|update|memory|none]
 *
 * learn: both the online step and the memory; update, memory: one of
 * them; none: the shipped model alone.  Times are processor time.
 * SHOW=1 prints the corrections of the last 60 reports.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "detect/detect.h"
#include "detect/online.h"
#include "edit/import.h"
#include "formats/formats.h"
#include "store/store.h"
#include "text/text.h"
#include "lib/util.h"

struct docs {
	struct doc *v;
	size_t n, cap;
};

static int take(struct doc *d, void *arg)
{
	struct docs *ds = arg;
	ds->v = xgrow(ds->v, &ds->cap, ds->n + 1, sizeof *ds->v);
	ds->v[ds->n++] = *d;
	memset(d, 0, sizeof *d);
	return 0;
}

static int counted(const char *type)
{
	return !strcmp(type, "PERSON") || !strcmp(type, "ORG") || !strcmp(type, "LOC") ||
	       !strcmp(type, "DATE");
}

static int has(const struct doc *d, const struct span *s, int typed)
{
	for (size_t i = 0; i < d->nspans; i++)
		if (d->spans[i].start == s->start && d->spans[i].end == s->end &&
		    (!typed || strcmp(d->spans[i].type, s->type) == 0))
			return 1;
	return 0;
}

static const char *sub(const struct doc *d, const struct span *s, size_t *len)
{
	size_t a = text_cp_to_byte(d->text, d->text_len, (size_t)s->start);
	size_t b = text_cp_to_byte(d->text, d->text_len, (size_t)s->end);
	*len = b - a;
	return d->text + a;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);   /* the processor's time: the machine is shared */
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: review-core GOLD.jsonl [MAP.json] [learn|update|memory|none]");
	const char *mode = argc > 3 ? argv[3] : "learn";
	int update = !strcmp(mode, "learn") || !strcmp(mode, "update");
	int memory = !strcmp(mode, "learn") || !strcmp(mode, "memory");
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct typemap *map = argc > 2 && argv[2][0] ? typemap_load(argv[2]) : NULL;
	struct docs ds = { 0 };
	if (fmt_jsonl_read(argv[1], take, &ds) < 0)
		die("%s", err_msg());
	struct detector *det = detector_open(NULL);
	if (!det)
		die("%s", err_msg());
	size_t corr[2] = { 0, 0 }, gold[2] = { 0, 0 };
	double tlearn = 0, tdetect = 0;
	double *t5k = xmalloc((ds.n + 1) * sizeof *t5k);   /* the step of reports of 4,500-5,500 characters */
	size_t n5k = 0;
	size_t bytes = 0;
	for (size_t i = 0; i < ds.n; i++) {
		struct doc *g = &ds.v[i];
		/* the gold in nerve's types */
		size_t w = 0;
		for (size_t k = 0; k < g->nspans; k++) {
			const char *to = typemap_apply(map, g->spans[k].type);
			if (!to)
				continue;
			struct span sp = g->spans[k];
			snprintf(sp.type, sizeof sp.type, "%s", to);
			g->spans[w++] = sp;
		}
		g->nspans = w;
		struct doc p = { 0 };
		double t0 = now();
		detect_doc(det, g->text, g->text_len, &p);
		tdetect += now() - t0;
		int half = i >= 100;
		int show = getenv("SHOW") && i >= ds.n - 60;
		size_t len;
		for (size_t k = 0; k < p.nspans; k++) {
			int bad = counted(p.spans[k].type) && !has(g, &p.spans[k], 1);
			corr[half] += bad;
			if (bad && show) {
				const char *s = sub(g, &p.spans[k], &len);
				printf("+ %s %.*s%s\n", p.spans[k].type, (int)len, s, has(g, &p.spans[k], 0) ? " (type)" : "");
			}
		}
		for (size_t k = 0; k < g->nspans; k++) {
			if (!counted(g->spans[k].type))
				continue;
			gold[half]++;
			int bad = !has(&p, &g->spans[k], 1);
			corr[half] += bad;
			if (bad && show && !has(&p, &g->spans[k], 0)) {
				const char *s = sub(g, &g->spans[k], &len);
				printf("- %s %.*s\n", g->spans[k].type, (int)len, s);
			}
		}
		if (update) {
			struct buf up = BUF_INIT;
			t0 = now();
			struct doc batch[1 + LEARN_REPLAY];
			size_t nb = 0, used = 0;
			batch[nb++] = *g;
			for (size_t r = 1; r <= LEARN_REPLAY && r <= i; r++) {
				struct doc *o = &ds.v[i - r];
				if (used + o->text_len > LEARN_REPLAY_BYTES)
					break;
				used += o->text_len;
				batch[nb++] = *o;
			}
			detect_learn(det, batch, nb, &up);
			double dt = now() - t0;
			tlearn += dt;
			size_t ncp = text_cp_len(g->text, g->text_len);
			if (ncp >= 4500 && ncp <= 5500)
				t5k[n5k++] = dt;
			bytes += up.len;
			buf_free(&up);
		}
		if (memory) {
			size_t len;
			for (size_t k = 0; k < g->nspans; k++) {
				const char *s = sub(g, &g->spans[k], &len);
				detect_memory_add(det, s, len, g->spans[k].type, 1, 1);
			}
			for (size_t k = 0; k < p.nspans; k++) {
				if (has(g, &p.spans[k], 0))
					continue;
				const char *s = sub(g, &p.spans[k], &len);
				detect_memory_add(det, s, len, p.spans[k].type, 0, 1);
			}
		}
		doc_finish(&p);
	}
	printf("%s: reports %zu; corrections per 100 gold: 1-100 %.1f (%zu/%zu), 101- %.1f "
	       "(%zu/%zu); detect %.1f ms, learn %.1f ms per report, update %.0f bytes\n",
	       mode, ds.n, 100.0 * corr[0] / (gold[0] ? gold[0] : 1), corr[0], gold[0],
	       100.0 * corr[1] / (gold[1] ? gold[1] : 1), corr[1], gold[1], 1000 * tdetect / ds.n,
	       1000 * tlearn / ds.n, (double)bytes / ds.n);
	if (n5k) {
		qsort(t5k, n5k, sizeof *t5k, cmp_double);
		printf("online step of a report of 4,500-5,500 characters (%zu reports): median %.1f ms, "
		       "worst %.1f ms (processor time)\n", n5k, 1000 * t5k[n5k / 2], 1000 * t5k[n5k - 1]);
	}
	free(t5k);
	for (size_t i = 0; i < ds.n; i++)
		doc_finish(&ds.v[i]);
	free(ds.v);
	detector_free(&det);
	typemap_free(&map);
	store_close(&st);
	return 0;
}
