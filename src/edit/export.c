/*
 * export.c: the export operation (see export.h) — the store's selection
 * turned into documents or CSV rows for the formats' writers, and the
 * output file written whole or not at all.
 */
#include "config.h"
#include "export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tokenizer.h"
#include "formats/formats.h"
#include "lib/util.h"

static const char *const format_names[] = {
	[EXPORT_CSV] = "csv", [EXPORT_JSONL] = "jsonl", [EXPORT_DOCCANO] = "doccano",
	[EXPORT_PRODIGY] = "prodigy", [EXPORT_CONLL] = "conll", [EXPORT_BRAT] = "brat",
};

int export_format_parse(const char *name, enum export_format *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(format_names); i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*out = (enum export_format)i;
			return 0;
		}
	}
	err_set(_("unknown format '%s' (csv, jsonl, doccano, prodigy, conll, brat)"), name);
	return -1;
}

void export_opts_init(struct export_opts *o)
{
	memset(o, 0, sizeof *o);
	o->format = EXPORT_CSV;
	o->filter.statuses = 1u << ENT_ACCEPTED;
	o->formula_guard = 1;
	o->out = stdout;
}

/* ---- the store's rows and documents to the writers --------------------- */

struct run {
	const struct export_opts *o;
	struct store *st;
	struct fmt_writer w;
	struct doc d;                   /* borrowed strings, its own spans */
	char **names;                   /* the referents' names of the document
	                                   (owned; freed at the next) */
	size_t nnames, capnames;
	struct export_counts n;         /* what went out so far */
	int64_t last_article;           /* CSV: the article of the last row */
};

static void names_clear(struct run *x)
{
	for (size_t i = 0; i < x->nnames; i++)
		free(x->names[i]);
	x->nnames = 0;
}

static int put_row(void *arg, const struct export_row *r)
{
	struct run *x = arg;
	struct fmt_csv_row row = {
		r->article, r->ext_id, r->title, r->ext_id_len, r->title_len, r->entity, r->start,
		r->end, r->text, r->text_len, r->type, r->status, r->origin, r->annotator,
		r->updated_at, r->original_start, r->original_end, r->original_type, r->referent,
		r->referent_name, r->referent_name_len,
	};
	if (r->article != x->last_article)
		x->n.articles++;
	x->last_article = r->article;
	x->n.entities++;
	return fmt_csv_write(&x->w, &row);
}

/* The store's document as the formats' (its strings borrowed). */
/* The name of referent id (owned by x until the next document), or
 * NULL. */
static const char *referent_name(struct run *x, int64_t id)
{
	struct referent r;
	if (store_referent_get(x->st, id, &r) != 0)
		return NULL;
	x->names = xgrow(x->names, &x->capnames, x->nnames + 1, sizeof *x->names);
	x->names[x->nnames++] = r.name;
	r.name = NULL;
	referent_finish(&r);
	return x->names[x->nnames - 1];
}

static void view_doc(struct run *x, struct doc *d, const struct export_doc *e)
{
	names_clear(x);
	d->id = (char *)e->ext_id;
	d->title = (char *)e->title;
	d->date = (char *)e->published;
	d->text = (char *)e->text;
	d->text_len = e->text_len;
	d->has_entities = 1;
	d->nspans = 0;
	for (size_t k = 0; k < e->nents; k++) {
		const struct entity *en = &e->ents[k];
		struct span *sp = doc_push_span(d);
		sp->start = en->start;
		sp->end = en->end;
		memcpy(sp->type, en->type, sizeof sp->type);
		snprintf(sp->status, sizeof sp->status, "%s", entity_status_name(en->status));
		snprintf(sp->origin, sizeof sp->origin, "%s", entity_origin_name(en->origin));
		memcpy(sp->annotator, en->annotator, sizeof sp->annotator);
		sp->confidence = en->confidence;
		if (en->original_type[0]) {
			sp->original_start = en->original_start;
			sp->original_end = en->original_end;
			memcpy(sp->original_type, en->original_type, sizeof sp->original_type);
			sp->has |= SPAN_HAS_ORIGINAL;
		}
		sp->referent = en->referent;
		sp->referent_name = en->referent ? referent_name(x, en->referent) : NULL;
		sp->has |= SPAN_HAS_STATUS | SPAN_HAS_ORIGIN | SPAN_HAS_ANNOTATOR |
		          (en->no_confidence ? 0 : SPAN_HAS_CONFIDENCE);
	}
}

static int put_doc(void *arg, const struct export_doc *e)
{
	struct run *x = arg;
	view_doc(x, &x->d, e);
	x->n.articles++;
	x->n.entities += e->nents;
	switch (x->o->format) {
	case EXPORT_JSONL: return fmt_jsonl_write(&x->w, &x->d);
	case EXPORT_DOCCANO: return fmt_doccano_write(&x->w, &x->d);
	case EXPORT_PRODIGY: return fmt_prodigy_write(&x->w, &x->d);
	case EXPORT_CONLL: return fmt_conll_write(&x->w, &x->d);
	case EXPORT_BRAT: return fmt_brat_write(&x->w, &x->d);
	case EXPORT_CSV: break;
	}
	return -1;
}

/* What a format could not hold (fmt_note_fn). */
static void writer_note(void *arg, size_t line, int skipped, const char *msg)
{
	const struct export_opts *o = arg;
	(void)line;
	(void)skipped;
	if (o->note)
		o->note(o->note_arg, msg);
	else
		warnmsg("%s", msg);
}

/* Every selected row or document through the writer of the format. */
static int walk(struct store *st, const struct export_opts *o, FILE *out, const char *dir)
{
	struct run x = { 0 };
	struct tokenizer tk;
	x.o = o;
	x.st = st;
	x.w.out = out;
	x.w.formula_guard = o->formula_guard;
	x.w.note = writer_note;
	x.w.note_arg = (void *)o;
	int need_tokens = o->format == EXPORT_CONLL || o->format == EXPORT_PRODIGY;
	if (need_tokens) {
		tokenizer_init(&tk);
		x.w.tokenizer = &tk.fmt;
	}
	int rc;
	if (o->format == EXPORT_CSV) {
		rc = fmt_csv_write_header(&x.w);
		if (rc == 0)
			rc = store_export_entities(st, &o->filter, put_row, &x);
	} else if (o->format == EXPORT_BRAT) {
		rc = fmt_brat_begin(&x.w, dir);
		if (rc == 0)
			rc = fmt_brat_end(&x.w, store_export_docs(st, &o->filter, put_doc, &x) == 0);
	} else {
		rc = store_export_docs(st, &o->filter, put_doc, &x);
	}
	if (rc == 0 && o->format != EXPORT_BRAT)
		rc = fmt_writer_flush(&x.w);
	if (o->counts)
		*o->counts = x.n;
	free(x.d.spans);
	names_clear(&x);
	free(x.names);
	fmt_writer_finish(&x.w);
	if (need_tokens)
		tokenizer_finish(&tk);
	return rc;
}

/* ---- the output ---------------------------------------------------------- */

/* The output counted for o->progress: a FILE whose writes go on to 'to'
 * (which it does not close). */
struct counted {
	FILE *to;
	const struct export_opts *o;
	uint64_t n;
};

static ssize_t counted_write(void *cookie, const char *data, size_t size)
{
	struct counted *w = cookie;
	size_t n = fwrite(data, 1, size, w->to);
	w->n += n;
	w->o->progress(w->o->progress_arg, w->n);
	return n == size ? (ssize_t)n : -1;
}

/* A counted FILE over w->to, or w->to itself when one cannot be made
 * (no progress, then). */
static FILE *counted_open(struct counted *w)
{
	static const cookie_io_functions_t io = { .write = counted_write };
	FILE *f = fopencookie(w, "wb", io);
	if (!f)
		return w->to;
	setvbuf(f, NULL, _IOFBF, 1 << 16);
	return f;
}

/* A temporary file beside path, to be renamed over it. */
static FILE *open_temp(const char *path, char **tmp)
{
	*tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		err_set("%s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	/* the permissions a new file would get, not mkstemp's 0600 */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	FILE *f = fdopen(fd, "wb");
	if (!f) {
		err_set("%s: %s", path, strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return f;
}

int export_run(struct store *st, const struct export_opts *o, const char *path)
{
	int to_stream = !path || strcmp(path, "-") == 0;
	if (o->format == EXPORT_BRAT) {
		if (to_stream) {
			err_set(_("brat export writes a directory: name it"));
			return -1;
		}
		return walk(st, o, NULL, path);
	}
	char *tmp = NULL;
	FILE *out = o->out;
	if (!to_stream && !(out = open_temp(path, &tmp)))
		return -1;
	const char *shown = tmp ? path : _("standard output");
	struct counted w = { out, o, 0 };
	FILE *to = o->progress ? counted_open(&w) : out;
	int r = walk(st, o, to, NULL);
	if (to != out && fclose(to) != 0 && r == 0) {
		/* the last bytes did not reach out */
		err_set("%s", strerror(errno ? errno : EIO));
		r = -1;
	}
	if (r < 0) {
		if (ferror(out)) /* a write error: name the output */
			err_set("%s: %s", shown, err_msg());
	} else if (fflush(out) != 0 || ferror(out) || (tmp && fsync(fileno(out)) != 0)) {
		err_set("%s: %s", shown, strerror(errno ? errno : EIO));
		r = -1;
	}
	if (tmp) {
		if (fclose(out) != 0 && r == 0) {
			err_set("%s: %s", path, strerror(errno));
			r = -1;
		}
		if (r == 0 && rename(tmp, path) != 0) {
			err_set("%s: %s", path, strerror(errno));
			r = -1;
		}
		if (r < 0)
			unlink(tmp);
		free(tmp);
	}
	return r;
}
