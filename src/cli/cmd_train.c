/*
 * cmd_train.c: nerve train — train a model on the shipped training data,
 * gold files and the articles analysts marked done, and make it the one
 * nerve uses.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "edit/import.h"
#include "edit/train_op.h"
#include "store/store.h"
#include "lib/progress.h"
#include "lib/util.h"

static const char train_usage[] = N_(
	"Usage: nerve train [OPTION]... [GOLD.jsonl]...\n"
	"Train the detector on the shipped training data, the gold files given\n"
	"(corpus JSON Lines) and every article marked done in the database (its\n"
	"accepted entities are the truth), store the model in the database and\n"
	"use it from then on.  The team's own documents (gold files and done\n"
	"articles) get features of their own beside the shared ones (domain\n"
	"adaptation), so that a hundred corrected reports make a difference.\n\n"
	"  --map FILE      rename the types of the gold files: a JSON object\n"
	"                  {\"their type\": \"OUR TYPE\"}, \"-\" drops a type\n"
	"  --only          train on the given gold files alone\n"
	"  --reset         go back to the shipped model (and train nothing)\n"
	"  --weight W      count each of the team's documents W times (default 1)\n"
	"  --epochs N      passes over the data (default 3 for the shipped data\n"
	"                  alone, 8 with the team's)\n"
	"  --output FILE   write the model to FILE instead of the database\n"
	"                  (done articles are then not used; 'make model' builds\n"
	"                  the shipped model this way)\n"
	"  -h, --help      show this help and exit\n");

enum { OPT_ONLY = OPT_CMD_BASE, OPT_RESET, OPT_WEIGHT, OPT_EPOCHS, OPT_OUTPUT, OPT_MAP };

/* After each pass over the data: the progress line, made at the first
 * (the number of passes is known then). */
static void progress(void *arg, unsigned epoch, unsigned epochs, size_t errors, size_t tokens)
{
	struct progress **meter = arg;
	(void)errors, (void)tokens;
	if (!*meter)
		/* TRANSLATORS: what the progress line says nerve is doing, and what it counts */
		*meter = progress_new(_("training"), PROGRESS_ITEMS, _("passes"), epochs);
	progress_update(*meter, epoch);
}

int cmd_train(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "only", no_argument, NULL, OPT_ONLY },
		{ "reset", no_argument, NULL, OPT_RESET },
		{ "weight", required_argument, NULL, OPT_WEIGHT },
		{ "epochs", required_argument, NULL, OPT_EPOCHS },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "map", required_argument, NULL, OPT_MAP },
		CLI_GLOBAL_LONGOPTS, { 0, 0, 0, 0 }
	};
	int only = 0, reset = 0, opt;
	double weight = 0;
	unsigned epochs = 0;
	const char *output = NULL, *map_path = NULL;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		char *end;
		switch (opt) {
		case OPT_ONLY:
			only = 1;
			break;
		case OPT_RESET:
			reset = 1;
			break;
		case OPT_WEIGHT:
			weight = strtod(optarg, &end);
			if (*end || end == optarg || !(weight > 0 && weight <= 1000))
				return cli_usage_error("train", _("--weight takes a number above 0, not '%s'"),
				                       optarg);
			break;
		case OPT_EPOCHS: {
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 1 || v > 100)
				return cli_usage_error("train", _("--epochs takes 1 to 100, not '%s'"),
				                       optarg);
			epochs = (unsigned)v;
			break;
		}
		case OPT_OUTPUT:
			output = optarg;
			break;
		case OPT_MAP:
			map_path = optarg;
			break;
		default:
			if (!cli_global_option(cli, opt, _(train_usage)))
				return cli_option_error("train", opt, argv);
		}
	}
	if (reset && (only || optind < argc || output || map_path))
		return cli_usage_error("train", _("--reset takes no files or other options"));
	if (only && optind >= argc)
		return cli_usage_error("train", _("--only needs gold files to train on"));

	/* --output writes a file and reads no database */
	struct store *st = NULL;
	if (!output && !(st = cli_open_store(cli, 1)))
		return 1;
	int rc = 1;
	if (reset) {
		if (store_model_reset(st) < 0)
			warnmsg("%s", err_msg());
		else
			rc = 0;
		store_close(&st);
		return rc;
	}
	struct typemap *map = NULL;
	char *info = NULL;
	if (map_path && !(map = typemap_load(map_path))) {
		warnmsg("%s", err_msg());
		goto out;
	}
	struct train_op_opts o = { 0 };
	o.gold = (const char *const *)argv + optind;
	o.ngold = (size_t)(argc - optind);
	o.map = map;
	o.only = only;
	o.weight = weight;
	o.epochs = epochs;
	o.output = output;
	struct progress *meter = NULL;
	o.progress = progress;
	o.progress_arg = &meter;
	int64_t id = 0;
	int trained = train_op_run(st, &o, &id, &info);
	progress_free(&meter);
	if (trained < 0) {
		warnmsg("%s", err_msg());
		goto out;
	}
	if (!output) {
		char *shown = xescape(info);
		printf(_("model %lld: %s\n"), (long long)id, shown);
		free(shown);
	}
	rc = 0;
out:
	free(info);
	typemap_free(&map);
	store_close(&st);
	return rc;
}
