/*
 * cmd_eval.c: nerve eval GOLD.jsonl — score the current detector on gold
 * documents, without touching the database's articles.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "edit/detect_op.h"
#include "detect/detect.h"
#include "detect/eval.h"
#include "formats/formats.h"
#include "edit/import.h"
#include "store/store.h"
#include "text/text.h"
#include "lib/util.h"

static const char eval_usage[] = N_(
	"Usage: nerve eval [OPTION]... GOLD.jsonl\n"
	"Run the current detector (the database's trained model, else the shipped\n"
	"one) on the documents of GOLD (corpus JSON Lines) and print precision,\n"
	"recall and F1 per type and overall (ALL), exact-span and overlap.  The\n"
	"database's articles are not touched.\n\n"
	"  --map FILE     rename the gold types first: a JSON object\n"
	"                 {\"their type\": \"OUR TYPE\"}, \"-\" drops a type\n"
	"  --types LIST   score only these types (comma-separated)\n"
	"  --json         print a JSON object instead of a table\n"
	"  --errors FILE  write every difference to FILE, one a line: document id,\n"
	"                 'missed' (gold, not predicted exactly) or 'spurious'\n"
	"                 (predicted, not in the gold), type, start, end and text\n"
	"  -h, --help     show this help and exit\n");

enum { OPT_TYPES = OPT_CMD_BASE, OPT_JSON, OPT_ERRORS, OPT_MAP };

struct run {
	struct detector *det;
	struct eval ev;
	struct doc pred;
	size_t docs;
	FILE *errors;
	const struct typemap *map;
};

static int wanted(const struct eval *e, const char *type)
{
	if (!e->only)
		return type[0] != '\0';
	for (size_t i = 0; i < e->nonly; i++)
		if (strcmp(e->only[i], type) == 0)
			return 1;
	return 0;
}

/* Spans of a missing from b (same start, end and type), to f. */
static void differences(FILE *f, const struct doc *d, const char *kind, const struct span *a,
                        size_t na, const struct span *b, size_t nb, const struct eval *e)
{
	for (size_t i = 0; i < na; i++) {
		if (!wanted(e, a[i].type))
			continue;
		size_t j = 0;
		while (j < nb && !(a[i].start == b[j].start && a[i].end == b[j].end &&
		                   strcmp(a[i].type, b[j].type) == 0))
			j++;
		if (j < nb)
			continue;
		size_t b0 = text_cp_to_byte(d->text, d->text_len, (size_t)a[i].start);
		size_t b1 = text_cp_to_byte(d->text, d->text_len, (size_t)a[i].end);
		fprintf(f, "%s\t%s\t%s\t%lld\t%lld\t", d->id ? d->id : "", kind, a[i].type,
		        (long long)a[i].start, (long long)a[i].end);
		for (size_t k = b0; k < b1; k++)
			fputc(d->text[k] == '\n' || d->text[k] == '\t' ? ' ' : d->text[k], f);
		fputc('\n', f);
	}
}

static int eval_one(struct doc *d, void *arg)
{
	struct run *r = arg;
	for (size_t i = 0; i < d->nspans && r->map; i++) {
		const char *to = typemap_apply(r->map, d->spans[i].type);
		if (!to)
			d->spans[i].type[0] = '\0';   /* dropped: not scored */
		else if (to != d->spans[i].type)
			snprintf(d->spans[i].type, sizeof d->spans[i].type, "%s", to);
	}
	r->pred.nspans = 0;
	detect_doc(r->det, d->text, d->text_len, &r->pred);
	eval_doc(&r->ev, d->spans, d->nspans, r->pred.spans, r->pred.nspans);
	if (r->errors) {
		differences(r->errors, d, "missed", d->spans, d->nspans, r->pred.spans,
		            r->pred.nspans, &r->ev);
		differences(r->errors, d, "spurious", r->pred.spans, r->pred.nspans, d->spans,
		            d->nspans, &r->ev);
	}
	r->docs++;
	return 0;
}

int cmd_eval(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "types", required_argument, NULL, OPT_TYPES },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "errors", required_argument, NULL, OPT_ERRORS },
		{ "map", required_argument, NULL, OPT_MAP },
		CLI_GLOBAL_LONGOPTS, { 0, 0, 0, 0 }
	};
	const char *types = NULL, *errors = NULL, *map_path = NULL;
	int json = 0, opt;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_TYPES:
			types = optarg;
			break;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_ERRORS:
			errors = optarg;
			break;
		case OPT_MAP:
			map_path = optarg;
			break;
		default:
			if (!cli_global_option(cli, opt, _(eval_usage)))
				return cli_option_error("eval", opt, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("eval", _("eval takes one GOLD file"));
	const char *gold = argv[optind];

	struct store *st = cli_open_store(cli, 1);
	if (!st)
		return 1;
	struct run r = { 0 };
	struct typemap *map = NULL;
	int rc = 1;
	if (map_path && !(map = typemap_load(map_path))) {
		warnmsg("%s", err_msg());
		goto out;
	}
	r.map = map;
	r.det = detect_op_detector(st);
	if (!r.det)
		goto out;
	eval_limit(&r.ev, types);
	if (errors && !(r.errors = fopen(errors, "w"))) {
		warnmsg("%s: %s", errors, strerror(errno));
		goto out;
	}
	if (fmt_jsonl_read(gold, eval_one, &r) < 0) {
		warnmsg("%s", err_msg());
		goto out;
	}
	eval_print(&r.ev, stdout, json);
	rc = 0;
out:
	if (r.errors && fclose(r.errors) != 0) {
		warnmsg("%s: %s", errors, strerror(errno));
		rc = 1;
	}
	typemap_free(&map);
	doc_finish(&r.pred);
	eval_finish(&r.ev);
	detector_free(&r.det);
	store_close(&st);
	return rc;
}
