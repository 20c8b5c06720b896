/*
 * cmd_train.c: nerve train — train a model on the shipped training data,
 * gold files and the articles analysts marked done, and make it the one
 * nerve uses.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "detect/detect.h"
#include "detect/eval.h"
#include "formats/formats.h"
#include "edit/import.h"
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
	"                  the shipped model this way)\n");

enum { OPT_ONLY = OPT_CMD_BASE, OPT_RESET, OPT_WEIGHT, OPT_EPOCHS, OPT_OUTPUT, OPT_MAP };

/* Documents read from files and the database. */
struct docs {
	struct doc *v;
	size_t n, cap;
	const struct typemap *map;  /* for the types of the next ones, or NULL */
};

static int take_doc(struct doc *d, void *arg)
{
	struct docs *ds = arg;
	for (size_t i = 0; i < d->nspans && ds->map; i++) {
		const char *to = typemap_apply(ds->map, d->spans[i].type);
		if (!to)
			d->spans[i].type[0] = '\0';   /* dropped: not trained on */
		else if (to != d->spans[i].type)
			snprintf(d->spans[i].type, sizeof d->spans[i].type, "%s", to);
	}
	ds->v = xgrow(ds->v, &ds->cap, ds->n + 1, sizeof *ds->v);
	ds->v[ds->n++] = *d;
	memset(d, 0, sizeof *d);
	return 0;
}

static void docs_finish(struct docs *ds)
{
	for (size_t i = 0; i < ds->n; i++)
		doc_finish(&ds->v[i]);
	free(ds->v);
	memset(ds, 0, sizeof *ds);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The JSON Lines files of the shipped training data. */
static int read_shipped(struct store *st, struct docs *ds, struct buf *names)
{
	char *dir = detect_train_dir(NULL);
	DIR *d = opendir(dir);
	if (!d) {
		warnmsg("%s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	char **files = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 6 && strcmp(e->d_name + len - 6, ".jsonl") == 0 && e->d_name[0] != '.') {
			files = xgrow(files, &cap, n + 1, sizeof *files);
			files[n++] = xasprintf("%s/%s", dir, e->d_name);
		}
	}
	closedir(d);
	qsort(files, n, sizeof *files, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && fmt_jsonl_read(st, files[i], take_doc, ds) < 0) {
			warnmsg("%s", err_msg());
			rc = -1;
		}
		if (rc == 0)
			buf_printf(names, "%s%s", names->len ? ", " : "", strrchr(files[i], '/') + 1);
		free(files[i]);
	}
	free(files);
	free(dir);
	return rc;
}

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

/* Scores of a model on documents (the team's, for the record). */
static char *score_json(const void *blob, size_t len, const struct docs *ds)
{
	struct detector *det = detector_from_blob(blob, len);
	if (!det)
		return xstrdup("{}");
	struct eval ev = { 0 };
	struct doc pred = { 0 };
	for (size_t i = 0; i < ds->n; i++) {
		pred.nspans = 0;
		detect_doc(det, ds->v[i].text, ds->v[i].text_len, &pred);
		eval_doc(&ev, ds->v[i].spans, ds->v[i].nspans, pred.spans, pred.nspans);
	}
	struct eval_score x = eval_get(&ev, NULL, 0), o = eval_get(&ev, NULL, 1);
	char *s = xasprintf("{\"on\": \"its training documents of the team\", \"docs\": %zu, "
	                    "\"exact_f1\": %.4f, \"overlap_f1\": %.4f}",
	                    ds->n, x.f1, o.f1);
	doc_finish(&pred);
	eval_finish(&ev);
	detector_free(&det);
	return s;
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
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
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
				return cli_usage_error("train", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (reset && (only || optind < argc || output || map_path))
		return cli_usage_error("train", _("--reset takes no files or other options"));
	if (only && optind >= argc)
		return cli_usage_error("train", _("--only needs gold files to train on"));

	struct store *st = output ? store_open(":memory:", STORE_CREATE) : cli_open_store(cli, 1);
	if (!st)
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

	struct docs shipped = { 0 }, team = { 0 };
	struct buf what = BUF_INIT, names = BUF_INIT, blob = BUF_INIT;
	char *scores = NULL;
	struct typemap *map = NULL;
	if (map_path && !(map = typemap_load(st, map_path))) {
		warnmsg("%s", err_msg());
		goto out;
	}
	if (!only && read_shipped(st, &shipped, &names) < 0)
		goto out;
	size_t from_files = 0;
	team.map = map;
	for (int i = optind; i < argc; i++) {
		size_t before = team.n;
		if (fmt_jsonl_read(st, argv[i], take_doc, &team) < 0) {
			warnmsg("%s", err_msg());
			goto out;
		}
		buf_printf(&what, "%s%s (%zu documents)", what.len ? ", " : "", argv[i], team.n - before);
		from_files = team.n;
	}
	team.map = NULL;   /* the database's types are nerve's already */
	if (!only && !output) {
		if (store_done_docs(st, take_doc, &team) < 0) {
			warnmsg("%s", err_msg());
			goto out;
		}
		if (team.n > from_files)
			buf_printf(&what, "%s%zu articles marked done", what.len ? ", " : "",
			           team.n - from_files);
	}
	if (shipped.n + team.n == 0) {
		warnmsg(_("nothing to train on"));
		goto out;
	}
	if (weight == 0)
		weight = 1;   /* domain features do the weighting */
	struct train_set sets[2] = {
		{ shipped.v, shipped.n, 1, 1, 1 },
		{ team.v, team.n, (float)weight, 0, 2 },
	};
	struct buf info = BUF_INIT;
	buf_printf(&info, "trained on %s%s%s%s", shipped.n ? "the shipped data (" : "",
	           shipped.n ? names.data : "", shipped.n ? ")" : "",
	           shipped.n && what.len ? ", " : "");
	if (what.len)
		buf_printf(&info, "%s, each counted %.1f times", what.data, weight);
	struct progress *meter = NULL;
	struct train_opts o = { NULL, epochs, info.data, progress, &meter };
	int trained = detect_train(&o, sets, 2, &blob);
	progress_free(&meter);
	if (trained < 0) {
		warnmsg("%s", err_msg());
		buf_free(&info);
		goto out;
	}
	if (output) {
		FILE *f = fopen(output, "wb");
		if (!f || fwrite(blob.data, 1, blob.len, f) != blob.len || fclose(f) != 0) {
			warnmsg("%s: %s", output, strerror(errno));
			buf_free(&info);
			goto out;
		}
	} else {
		scores = team.n ? score_json(blob.data, blob.len, &team) : xstrdup("{}");
		int64_t id;
		if (store_begin(st) < 0 ||
		    store_model_add(st, blob.data, blob.len, info.data, scores, &id) < 0 ||
		    store_model_activate(st, id) < 0 || store_commit(st) < 0) {
			warnmsg("%s", err_msg());
			store_rollback(st);
			buf_free(&info);
			goto out;
		}
		printf(_("model %lld: %s\n"), (long long)id, info.data);
	}
	buf_free(&info);
	rc = 0;
out:
	typemap_free(&map);
	free(scores);
	buf_free(&what);
	buf_free(&names);
	buf_free(&blob);
	docs_finish(&shipped);
	docs_finish(&team);
	store_close(&st);
	return rc;
}
