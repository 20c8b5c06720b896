/*
 * train_op.c: the training operation (see train_op.h).
 */
#include "config.h"
#include "train_op.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "detect/detect.h"
#include "detect/eval.h"
#include "formats/formats.h"
#include "store/store.h"
#include "lib/util.h"

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

/* The JSON Lines files of the shipped training data, their names
 * appended to names. */
static int read_shipped(struct docs *ds, struct buf *names)
{
	char *dir = detect_train_dir(NULL);
	DIR *d = opendir(dir);
	if (!d) {
		err_set("%s: %s", dir, strerror(errno));
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
	if (n)
		qsort(files, n, sizeof *files, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && fmt_jsonl_read(files[i], take_doc, ds) < 0)
			rc = -1;
		if (rc == 0)
			buf_printf(names, "%s%s", names->len ? ", " : "", strrchr(files[i], '/') + 1);
		free(files[i]);
	}
	free(files);
	free(dir);
	return rc;
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

/* Write the model to path. */
static int write_model(const char *path, const struct buf *blob)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(blob->data, 1, blob->len, f) != blob->len) {
		err_set("%s: %s", path, strerror(errno ? errno : EIO));
		if (f)
			fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		err_set("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int train_op_run(struct store *st, const struct train_op_opts *o, int64_t *model_id,
                 char **info_out)
{
	struct docs shipped = { 0 }, team = { 0 };
	struct buf what = BUF_INIT, names = BUF_INIT, blob = BUF_INIT, info = BUF_INIT;
	char *scores = NULL;
	int rc = -1;
	if (info_out)
		*info_out = NULL;
	if (!o->only && read_shipped(&shipped, &names) < 0)
		goto out;
	size_t from_files = 0;
	team.map = o->map;
	for (size_t i = 0; i < o->ngold; i++) {
		size_t before = team.n;
		if (fmt_jsonl_read(o->gold[i], take_doc, &team) < 0)
			goto out;
		buf_printf(&what, "%s%s (%zu documents)", what.len ? ", " : "", o->gold[i],
		           team.n - before);
		from_files = team.n;
	}
	team.map = NULL;   /* the database's types are nerve's already */
	if (!o->only && !o->output && st) {
		if (store_done_docs(st, take_doc, &team) < 0)
			goto out;
		if (team.n > from_files)
			buf_printf(&what, "%s%zu articles marked done", what.len ? ", " : "",
			           team.n - from_files);
	}
	if (shipped.n + team.n == 0) {
		err_set(_("nothing to train on"));
		goto out;
	}
	double weight = o->weight > 0 ? o->weight : 1;   /* domain features do the weighting */
	struct train_set sets[2] = {
		{ shipped.v, shipped.n, 1, 1, 1 },
		{ team.v, team.n, (float)weight, 0, 2 },
	};
	buf_printf(&info, "trained on %s%s%s%s", shipped.n ? "the shipped data (" : "",
	           shipped.n ? names.data : "", shipped.n ? ")" : "",
	           shipped.n && what.len ? ", " : "");
	if (what.len)
		buf_printf(&info, "%s, each counted %.1f times", what.data, weight);
	struct train_opts to = { NULL, o->epochs, info.data, o->progress, o->progress_arg };
	if (detect_train(&to, sets, 2, &blob) < 0)
		goto out;
	if (o->output) {
		if (write_model(o->output, &blob) < 0)
			goto out;
	} else {
		scores = team.n ? score_json(blob.data, blob.len, &team) : xstrdup("{}");
		int64_t id;
		if (store_begin(st) < 0 ||
		    store_model_add(st, blob.data, blob.len, info.data, scores, &id) < 0 ||
		    store_model_activate(st, id) < 0 || store_commit(st) < 0) {
			store_rollback(st);
			goto out;
		}
		if (model_id)
			*model_id = id;
	}
	if (info_out)
		*info_out = buf_steal(&info);
	rc = 0;
out:
	free(scores);
	buf_free(&what);
	buf_free(&names);
	buf_free(&blob);
	buf_free(&info);
	docs_finish(&shipped);
	docs_finish(&team);
	return rc;
}
