/*
 * detect-core.c: detection speed, model load time and memory, below the
 * command line.  bench/detect.sh builds it against the layer libraries of build/ (bench/libs.sh).
 *
 * Usage: detect-core FILE.jsonl [RUNS]
 * Loads the shipped model ($NERVE_DATADIR or the installed one) RUNS
 * times (default 5) and reports the fastest load, then reads FILE one
 * line at a time (corpus JSON Lines, parsed through SQLite's JSON
 * functions outside the timing) and detects entities in every text,
 * timing detect_doc() alone: code points per second on one core.  Peak
 * memory is for /usr/bin/time to measure: nothing but one document is
 * held at a time.  A checksum of every suggestion (FNV-1a over start,
 * end, type and the confidence's bits) closes the output: a speed change
 * must leave it as it was.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "detect/detect.h"
#include "formats/formats.h"
#include "formats/json.h"
#include "text/text.h"
#include "lib/util.h"

/* FNV-1a over n bytes, continuing from h. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: detect-core FILE.jsonl [RUNS]\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	double best = 1e9;
	struct detector *det = NULL;
	for (int r = 0; r < runs; r++) {
		detector_free(&det);
		double t0 = now();
		det = detector_open(NULL);
		double t = now() - t0;
		if (!det) {
			fprintf(stderr, "detect-core: %s\n", err_msg());
			return 1;
		}
		if (t < best)
			best = t;
	}
	printf("model load: %.4f s (fastest of %d)\n", best, runs);

	FILE *f = strcmp(argv[1], "-") ? fopen(argv[1], "r") : stdin;
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	struct json_parser jp;
	json_parser_init(&jp, 0);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	size_t docs = 0, spans = 0;
	uint64_t sum = 0xcbf29ce484222325ull;
	double chars = 0, wall = 0, proc = 0;
	struct doc out = { 0 };
	while ((n = getline(&line, &cap, f)) > 0) {
		struct doc d;
		if (fmt_json_line(&jp, line, (size_t)n, FMT_JSON_CORPUS, &d) < 0) {
			fprintf(stderr, "detect-core: line %zu: %s\n", docs + 1, err_msg());
			return 1;
		}
		chars += (double)text_cp_len(d.text, d.text_len);
		out.nspans = 0;
		double w0 = now(), c0 = cpu();
		spans += detect_doc(det, d.text, d.text_len, &out);
		wall += now() - w0;
		proc += cpu() - c0;
		for (size_t k = 0; k < out.nspans; k++) {
			const struct span *sp = &out.spans[k];
			sum = fnv(sum, &sp->start, sizeof sp->start);
			sum = fnv(sum, &sp->end, sizeof sp->end);
			sum = fnv(sum, sp->type, strlen(sp->type) + 1);
			sum = fnv(sum, &sp->confidence, sizeof sp->confidence);
		}
		doc_finish(&d);
		docs++;
	}
	printf("detection: %zu documents, %.0f characters, %zu entities in %.2f s "
	       "(%.2f s CPU): %.2f M characters/s (%.2f M/s of CPU time)\n",
	       docs, chars, spans, wall, proc, chars / wall / 1e6, chars / proc / 1e6);
	printf("checksum of the suggestions: %016llx\n", (unsigned long long)sum);
	free(line);
	doc_finish(&out);
	detector_free(&det);
	json_parser_finish(&jp);
	if (f != stdin)
		fclose(f);
	return 0;
}
