/*
 * cmd_detect.c: nerve detect — run the detector again on articles not yet
 * reviewed, replacing only its own suggestions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "edit/cli_detect.h"
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
	"  --article ID   this article only (a local or external id), even one\n"
	"                 that came with annotations or is done\n");

enum { OPT_ALL = OPT_CMD_BASE, OPT_ARTICLE };

int cmd_detect(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, OPT_ALL },
		{ "article", required_argument, NULL, OPT_ARTICLE },
		CLI_GLOBAL_LONGOPTS, { 0, 0, 0, 0 }
	};
	int all = 0, opt;
	const char *ref = NULL;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_ALL:
			all = 1;
			break;
		case OPT_ARTICLE:
			ref = optarg;
			break;
		default:
			if (!cli_global_option(cli, opt, _(detect_usage)))
				return cli_usage_error("detect", _("unknown option '%s'"), argv[optind - 1]);
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
	size_t n = 0, suggestions = 0, done = 0;
	int rc = 1;
	struct progress *meter = NULL;
	struct detector *det = NULL;
	struct doc d = { 0 };
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
	} else if (store_articles_to_detect(st, all, &ids, &n) < 0) {
		warnmsg("%s", err_msg());
		goto out;
	}
	if (!(det = cli_detector(st)))
		goto out;
	/* TRANSLATORS: what the progress line says nerve is doing, and what it counts */
	meter = progress_new(_("detecting"), PROGRESS_ITEMS, _("articles"), n);
	/* a transaction per batch: a crash loses one batch, not the run */
	enum { BATCH = 200 };
	for (size_t i = 0; i < n; i++) {
		if (i % BATCH == 0 && store_begin(st) < 0)
			goto fail;
		struct article a;
		if (store_article_get(st, ids[i], &a) < 0)
			goto fail;
		d.nspans = 0;
		detect_doc(det, a.text, a.text_len, &d);
		article_finish(&a);
		int k = store_replace_suggestions(st, ids[i], d.spans, d.nspans);
		if (k < 0)
			goto fail;
		suggestions += (size_t)k;
		done++;
		progress_update(meter, done);
		if ((i + 1) % BATCH == 0 || i + 1 == n) {
			if (store_commit(st) < 0)
				goto fail;
		}
	}
	progress_free(&meter);
	printf(_("articles: %zu, suggestions: %zu\n"), done, suggestions);
	rc = 0;
	goto out;
fail:
	progress_clear(meter);
	warnmsg("%s", err_msg());
	store_rollback(st);
out:
	progress_free(&meter);
	doc_finish(&d);
	free(ids);
	detector_free(&det);
	store_close(&st);
	return rc;
}
