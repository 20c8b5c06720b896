/*
 * cmd_detect.c: nerve detect — run the detector again on articles not yet
 * reviewed, replacing only its own suggestions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "edit/detect_op.h"
#include "edit/learn.h"
#include "detect/detect.h"
#include "store/store.h"
#include "lib/progress.h"
#include "lib/util.h"

static const char detect_usage[] = N_(
	"Usage: nerve detect [OPTION]...\n"
	"Run the current detector (the database's trained model, else the shipped\n"
	"one) again on the articles that came without annotations and are new or\n"
	"in progress, replacing the detector's suggestions.  An analyst's or an\n"
	"import's entity is never touched, and a span rejected in an article is\n"
	"never suggested there again.\n\n"
	"  --all          done articles too\n"
	"  --include-annotated\n"
	"                 articles that came with annotations too (an\n"
	"                 \"entities\" field, even empty)\n"
	"  --article ID   this article only (a local or external id), even one\n"
	"                 that came with annotations or is done\n");

enum { OPT_ALL = OPT_CMD_BASE, OPT_ARTICLE, OPT_INCLUDE_ANNOTATED };

/* The articles detected so far, on the progress line. */
static void show_progress(void *arg, size_t done, size_t n)
{
	(void)n;
	progress_update(arg, done);
}

int cmd_detect(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, OPT_ALL },
		{ "article", required_argument, NULL, OPT_ARTICLE },
		{ "include-annotated", no_argument, NULL, OPT_INCLUDE_ANNOTATED },
		CLI_GLOBAL_LONGOPTS, { 0, 0, 0, 0 }
	};
	int all = 0, annotated = 0, opt;
	const char *ref = NULL;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_ALL:
			all = 1;
			break;
		case OPT_ARTICLE:
			ref = optarg;
			break;
		case OPT_INCLUDE_ANNOTATED:
			annotated = 1;
			break;
		default:
			if (!cli_global_option(cli, opt, _(detect_usage)))
				return cli_option_error("detect", opt, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error("detect", _("detect takes no operands ('%s')"), argv[optind]);
	if (ref && all)
		return cli_usage_error("detect", _("--article and --all do not go together"));

	struct store *st = cli_open_store(cli, 0);
	if (!st)
		return 1;
	int64_t *ids = NULL, one;
	size_t n = 0, suggestions = 0, done = 0, skipped = 0;
	int rc = 1;
	struct progress *meter = NULL;
	struct learner *l = NULL;
	if (ref) {
		int found = store_article_find(st, ref, &one);
		if (found <= 0) {
			if (found == 0)
				warnmsg(_("%s: no article '%s'"), store_path(st), ref);
			else
				warnmsg("%s", err_msg());
			goto out;
		}
		ids = xmalloc(sizeof *ids);
		ids[0] = one;
		n = 1;
	} else if (store_articles_to_detect(st, all, annotated, &ids, &n, &skipped) < 0) {
		warnmsg("%s", err_msg());
		goto out;
	}
	if (!(l = learner_open(st))) {
		warnmsg("%s", err_msg());
		goto out;
	}
	/* TRANSLATORS: what the progress line says nerve is doing, and what it counts */
	meter = progress_new(_("detecting"), PROGRESS_ITEMS, _("articles"), n);
	if (detect_op_run(l, ids, n, show_progress, meter, &suggestions) < 0)
		goto fail;
	progress_free(&meter);
	done = n;
	printf(_("articles: %zu, suggestions: %zu\n"), done, suggestions);
	if (skipped)
		printf(skipped == 1
		           ? _("%zu article came with annotations (an \"entities\" field, even "
		               "empty) and was not detected; --include-annotated detects it\n")
		           : _("%zu articles came with annotations (an \"entities\" field, even "
		               "empty) and were not detected; --include-annotated detects them\n"),
		       skipped);
	rc = 0;
	goto out;
fail:
	progress_clear(meter);
	warnmsg("%s", err_msg());
out:
	progress_free(&meter);
	free(ids);
	learner_free(&l);
	store_close(&st);
	return rc;
}
