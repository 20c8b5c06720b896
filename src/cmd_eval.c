/*
 * cmd_eval.c: nerve eval GOLD.jsonl — score the current detector on gold
 * documents, without touching the database's articles.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_detect.h"
#include "detect.h"
#include "eval.h"
#include "formats.h"
#include "store.h"
#include "util.h"

static const char eval_usage[] = N_(
	"Usage: nerve eval [OPTION]... GOLD.jsonl\n"
	"Run the current detector (the database's trained model, else the shipped\n"
	"one) on the documents of GOLD (corpus JSON Lines) and print precision,\n"
	"recall and F1 per type and overall (ALL), exact-span and overlap.  The\n"
	"database's articles are not touched.\n\n"
	"  --types LIST   score only these types (comma-separated)\n"
	"  --json         print a JSON object instead of a table\n");

enum { OPT_TYPES = OPT_CMD_BASE, OPT_JSON };

struct run {
	struct detector *det;
	struct eval ev;
	struct doc pred;
	size_t docs;
};

static int eval_one(struct doc *d, void *arg)
{
	struct run *r = arg;
	r->pred.nspans = 0;
	detect_doc(r->det, d->text, d->text_len, &r->pred);
	eval_doc(&r->ev, d->spans, d->nspans, r->pred.spans, r->pred.nspans);
	r->docs++;
	return 0;
}

int cmd_eval(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "types", required_argument, NULL, OPT_TYPES },
		{ "json", no_argument, NULL, OPT_JSON },
		CLI_GLOBAL_LONGOPTS, { 0, 0, 0, 0 }
	};
	const char *types = NULL;
	int json = 0, opt;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_TYPES:
			types = optarg;
			break;
		case OPT_JSON:
			json = 1;
			break;
		default:
			if (!cli_global_option(cli, opt, _(eval_usage)))
				return cli_usage_error("eval", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("eval", _("eval takes one GOLD file"));
	const char *gold = argv[optind];

	struct store *st = cli_open_store(cli, 1);
	if (!st)
		return 1;
	struct run r = { 0 };
	int rc = 1;
	r.det = cli_detector(st);
	if (!r.det)
		goto out;
	eval_limit(&r.ev, types);
	if (fmt_jsonl_read(st, gold, eval_one, &r) < 0) {
		warnmsg("%s", err_msg());
		goto out;
	}
	eval_print(&r.ev, stdout, json);
	rc = 0;
out:
	doc_finish(&r.pred);
	eval_finish(&r.ev);
	detector_free(&r.det);
	store_close(&st);
	return rc;
}
