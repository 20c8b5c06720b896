/*
 * json-parse.c: the time nerve's JSON Lines reader takes to turn a file
 * into documents (formats/json.c and fmt_json_line()), nothing stored.
 * Built and run by bench/json.sh; prints documents, bytes and seconds
 * (fastest of the runs given).
 *
 *   json-parse FILE.jsonl [RUNS]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "formats/formats.h"
#include "formats/json.h"
#include "lib/util.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: json-parse FILE.jsonl [RUNS]\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	char *data;
	size_t len;
	if (read_file(argv[1], &data, &len) < 0) {
		fprintf(stderr, "json-parse: %s\n", err_msg());
		return 1;
	}
	double best = 1e9;
	size_t docs = 0;
	struct json_parser p;
	json_parser_init(&p, 0);
	for (int r = 0; r < runs; r++) {
		double t0 = now();
		docs = 0;
		for (size_t i = 0; i < len;) {
			const char *nl = memchr(data + i, '\n', len - i);
			size_t end = nl ? (size_t)(nl - data) : len;
			struct doc d;
			if (end > i) {
				if (fmt_json_line(&p, data + i, end - i, FMT_JSON_CORPUS, &d) < 0) {
					fprintf(stderr, "json-parse: %s\n", err_msg());
					return 1;
				}
				doc_finish(&d);
				docs++;
			}
			i = end + 1;
		}
		double t = now() - t0;
		if (t < best)
			best = t;
	}
	json_parser_finish(&p);
	printf("%zu documents, %zu bytes: %.3f s (fastest of %d), %.0f MB/s\n", docs, len, best,
	       runs, (double)len / best / 1e6);
	free(data);
	return 0;
}
