/*
 * edit-core.c: time the editing core (src/edit/annotate.c) keystroke by
 * keystroke, each with its commit, on a database of N generated reports.
 * Built and run by bench/edit.sh; not part of the program.
 *
 *   edit-core DB N [idle | gen]
 *                      create DB with N reports (three suggestions each)
 *                      unless it exists, then review 100 of them: each
 *                      suggestion accepted or rejected in turn, the
 *                      article marked done, the next one found; then 50
 *                      undos and 50 redos.  Prints the median and the
 *                      worst time per keystroke in milliseconds.  With
 *                      "idle", checkpoints are left to the pause after
 *                      each article (store_checkpoint(), not timed), as
 *                      a browser can do while the analyst reads.
 *                      With "gen", only create DB (for bench/edit.sh's
 *                      review through the browser).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "edit/annotate.h"
#include "store/store.h"
#include "lib/util.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char *words[] = {
	"Colonel", "General", "Zakir", "Hasanov", "met", "officials", "in", "Baku",
	"on", "Monday", "the", "ministry", "said", "talks", "would", "continue",
};

static void generate(struct store *st, long n)
{
	struct buf text = BUF_INIT;
	srand(1);
	for (long i = 0; i < n; i++) {
		if (i % 10000 == 0) {
			if (i)
				store_commit(st);
			store_begin(st);
		}
		buf_clear(&text);
		buf_printf(&text, "Report %ld.", i);
		for (int w = 0; w < 40; w++)
			buf_printf(&text, " %s", words[rand() % 16]);
		buf_adds(&text, ".");
		char ext[32], sha[40];
		snprintf(ext, sizeof ext, "r%ld", i);
		snprintf(sha, sizeof sha, "%032lx", i);
		struct article a = { 0 };
		a.ext_id = ext;
		a.text = text.data;
		a.text_len = text.len;
		a.sha256 = sha;
		if (store_article_add(st, &a) < 0)
			die("%s", err_msg());
		for (int k = 0; k < 3; k++) {
			struct entity e = { 0 };
			e.article = a.id;
			e.start = 12 + 20 * k;
			e.end = e.start + 6;
			strcpy(e.type, k == 0 ? "PERSON" : k == 1 ? "LOC" : "DATE");
			e.status = ENT_SUGGESTED;
			e.origin = ORIGIN_DETECTOR;
			e.confidence = 0.5;
			strcpy(e.annotator, "detector");
			if (store_entity_add(st, &e) < 0)
				die("%s", err_msg());
		}
	}
	store_commit(st);
	buf_free(&text);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double times[4096];
static size_t ntimes;

static void timed(int rc, double t0)
{
	double t = now_ms() - t0;
	if (rc < 0)
		die("%s", err_msg());
	if (ntimes < 4096)
		times[ntimes++] = t;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4)
		die("usage: edit-core DB N [idle | gen]");
	int idle = argc == 4 && strcmp(argv[3], "idle") == 0;
	int gen = argc == 4 && strcmp(argv[3], "gen") == 0;
	int fresh = access(argv[1], F_OK) != 0;
	struct store *st = store_open(argv[1], STORE_CREATE);
	if (!st)
		die("%s", err_msg());
	if (fresh) {
		double t0 = now_ms();
		generate(st, atol(argv[2]));
		fprintf(stderr, "generated %s reports in %.1f s\n", argv[2], (now_ms() - t0) / 1e3);
	}
	if (gen) {
		store_close(&st);
		return 0;
	}
	if (idle && store_set_autocheckpoint(st, 0) < 0)
		die("%s", err_msg());
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "bench");
	int64_t art = 0;
	if (annot_next(&a, 0, &art) < 0 || !art)
		die("no article to review");
	for (int i = 0; i < 100 && art; i++) {
		struct entity_list l = { 0 };
		if (store_entities_of(st, art, &l) < 0)
			die("%s", err_msg());
		for (size_t k = 0; k < l.n; k++) {
			double t0 = now_ms();
			timed(k % 2 ? annot_reject(&a, l.v[k].id, &r) : annot_accept(&a, l.v[k].id, &r), t0);
		}
		entity_list_finish(&l);
		double t0 = now_ms();
		int rc = annot_done(&a, art, &r);
		if (rc == 0)
			rc = annot_next(&a, art, &art);
		timed(rc, t0);
		if (idle && store_checkpoint(st) < 0)
			die("%s", err_msg());
	}
	for (int i = 0; i < 50; i++) {
		double t0 = now_ms();
		timed(annot_undo(&a, &r), t0);
	}
	for (int i = 0; i < 50; i++) {
		double t0 = now_ms();
		timed(annot_redo(&a, &r), t0);
	}
	if (idle && store_checkpoint(st) < 0)
		die("%s", err_msg());
	qsort(times, ntimes, sizeof *times, cmp_double);
	printf("%s reports%s: %zu keystrokes: median %.3f ms, 99th %.3f ms, worst %.3f ms\n",
	       argv[2], idle ? ", idle checkpoints" : "", ntimes, times[ntimes / 2], times[ntimes * 99 / 100], times[ntimes - 1]);
	store_close(&st);
	return 0;
}
