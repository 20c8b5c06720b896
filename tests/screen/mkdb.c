/*
 * mkdb.c: a test-only helper that builds a database for the browser's
 * tests and benchmarks through the store API (a stand-in for "nerve
 * import" that keeps the entities' statuses as the files give them).
 *
 *   mkdb DB [--state S] FILE...
 *
 * FILE is corpus JSON Lines (.jsonl: id, title, date, text, entities with
 * start, end, type and optionally status, origin, annotator, confidence)
 * or a plain text report (any other name: the first line is the title
 * when it is short and followed by a blank line).  --state sets the
 * review state of the articles of the files after it.  Without FILE the
 * database is only created.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/formats.h"
#include "store/store.h"
#include "text/text.h"
#include "lib/sha256.h"
#include "lib/util.h"

struct ctx {
	struct store *st;
	const char *file;
	enum article_state state;
	int64_t grp;            /* the journal group of the file's entities */
	int failed;
	int64_t last;               /* the largest article id added */
};

static int add_doc(struct doc *d, void *arg)
{
	struct ctx *c = arg;
	size_t n, bad;
	char *text = text_clean(d->text, d->text_len, 1, &n, &bad, NULL);
	char sha[65], ext[512];
	sha256_hex(text, n, sha);
	if (d->id)
		snprintf(ext, sizeof ext, "%s", d->id);
	else
		snprintf(ext, sizeof ext, "%s:%zu", c->file, d->line);
	struct article a = { 0 };
	a.ext_id = ext;
	a.title = d->title ? d->title : "";
	a.published = d->date ? d->date : "";
	a.text = text;
	a.text_len = n;
	a.sha256 = sha;
	a.state = c->state;
	a.annotated = d->has_entities;
	int rc = store_article_add(c->st, &a);
	if (rc == 0 && a.id > c->last)
		c->last = a.id;
	if (rc < 0) {
		fprintf(stderr, "mkdb: %s: %s\n", c->file, err_msg());
		c->failed = 1;
	}
	for (size_t k = 0; rc == 0 && k < d->nspans; k++) {
		const struct span *sp = &d->spans[k];
		struct entity e = { 0 };
		e.article = a.id;
		e.start = sp->start;
		e.end = sp->end;
		snprintf(e.type, sizeof e.type, "%s", sp->type);
		e.status = ENT_SUGGESTED;
		if (sp->has & SPAN_HAS_STATUS)
			entity_status_parse(sp->status, &e.status);
		e.origin = ORIGIN_DETECTOR;
		if (sp->has & SPAN_HAS_ORIGIN)
			entity_origin_parse(sp->origin, &e.origin);
		snprintf(e.annotator, sizeof e.annotator, "%s",
		         (sp->has & SPAN_HAS_ANNOTATOR) ? sp->annotator : "detector");
		e.confidence = (sp->has & SPAN_HAS_CONFIDENCE) ? sp->confidence : 0.5;
		if (store_entity_add(c->st, &e) < 0) {
			fprintf(stderr, "mkdb: %s:%zu: %s\n", c->file, d->line, err_msg());
			c->failed = 1;
			continue;
		}
		/* as an import does, journal what is not a detector's suggestion */
		if (e.status == ENT_SUGGESTED && e.origin == ORIGIN_DETECTOR)
			continue;
		if (c->grp == 0)
			c->grp = store_journal_group(c->st);
		char *after = store_entity_snapshot(c->st, e.id);
		if (c->grp < 0 || !after ||
		    store_journal(c->st, c->grp, "mkdb", a.id, e.id, "import", NULL, after) < 0) {
			fprintf(stderr, "mkdb: %s:%zu: %s\n", c->file, d->line, err_msg());
			c->failed = 1;
		}
		free(after);
	}
	free(text);
	return 0;
}

/* A plain text report: title from a short first line before a blank line. */
static int add_text(struct ctx *c, const char *path)
{
	char *data;
	size_t len;
	if (read_file(path, &data, &len) < 0) {
		fprintf(stderr, "mkdb: %s\n", err_msg());
		return -1;
	}
	struct doc d = { 0 };
	const char *nl = memchr(data, '\n', len);
	if (nl && nl - data <= 150 && (size_t)(nl - data) + 1 < len && nl[1] == '\n')
		d.title = xstrndup(data, (size_t)(nl - data));
	const char *base = strrchr(path, '/');
	d.id = xstrdup(base ? base + 1 : path);
	d.text = data;
	d.text_len = len;
	add_doc(&d, c);
	doc_finish(&d);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkdb DB [--state S] FILE...\n");
		return 2;
	}
	struct ctx c = { 0 };
	c.st = store_open(argv[1], STORE_CREATE);
	if (!c.st) {
		fprintf(stderr, "mkdb: %s\n", err_msg());
		return 1;
	}
	if (store_begin(c.st) < 0)
		return 1;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--state") == 0 && i + 1 < argc) {
			if (article_state_parse(argv[++i], &c.state) < 0) {
				fprintf(stderr, "mkdb: bad state %s\n", argv[i]);
				return 2;
			}
			continue;
		}
		c.file = argv[i];
		c.grp = 0;
		size_t n = strlen(argv[i]);
		if (n > 6 && strcmp(argv[i] + n - 6, ".jsonl") == 0) {
			if (fmt_jsonl_read(argv[i], add_doc, &c) < 0) {
				fprintf(stderr, "mkdb: %s\n", err_msg());
				c.failed = 1;
			}
		} else if (add_text(&c, argv[i]) < 0) {
			c.failed = 1;
		}
	}
	/* the suggestions of the files count as the current model's, so that
	 * the browser does not detect again in the articles it opens */
	int64_t any, gen = 0;
	if (store_learn_generation(c.st, &any, &gen) < 0)
		c.failed = 1;
	for (int64_t id = 1; id <= c.last && !c.failed; id++)
		if (store_article_set_detected(c.st, id, gen) < 0)
			c.failed = 1;
	if (store_commit(c.st) < 0) {
		fprintf(stderr, "mkdb: %s\n", err_msg());
		c.failed = 1;
	}
	store_close(&c.st);
	return c.failed;
}
