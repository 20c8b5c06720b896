/*
 * export.h: the export operation both front ends call — `nerve export`
 * and the browser's `:export [--format F] FILE`.  It iterates the store
 * and feeds the formats' writers; the file is written whole or not at all.
 */
#ifndef NERVE_EXPORT_H
#define NERVE_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "store/store.h"

enum export_format {
	EXPORT_CSV,             /* one row per entity (DESIGN.md section 6) */
	EXPORT_JSONL,           /* corpus JSON Lines, with status, origin, annotator */
	EXPORT_DOCCANO,
	EXPORT_PRODIGY,
	EXPORT_CONLL,           /* IOB2, nerve's tokens */
	EXPORT_BRAT,            /* a directory of NAME.txt and NAME.ann */
};

/* "csv", "jsonl", "doccano", "prodigy", "conll", "brat" to the format:
 * 0, or -1 with err_set() for a name that is none of them. */
int export_format_parse(const char *name, enum export_format *out);

struct export_opts {
	enum export_format format;
	struct export_filter filter;    /* which articles and entities (store.h) */
	int formula_guard;              /* CSV: neutralise formula cells */
	FILE *out;                      /* where to write when there is no path */
	/* Receives what a format could not hold (a CoNLL entity that covers
	 * no token, a type with white space, ...): the export goes on.  NULL:
	 * warnmsg(). */
	void (*note)(void *arg, const char *msg);
	void *note_arg;
	/* Called as the output grows with the bytes written so far, for a
	 * progress line (not for brat); NULL: not called. */
	void (*progress)(void *arg, uint64_t bytes);
	void *progress_arg;
	/* If not NULL, set to what was written: the articles (for CSV, those
	 * with a row) and the entities. */
	struct export_counts *counts;
};
struct export_counts {
	uint64_t articles, entities;
};

/* The defaults: CSV of the accepted entities of every article, formula
 * guard on, standard output. */
void export_opts_init(struct export_opts *o);

/* Export what o selects from st in o->format.  path NULL or "-": to
 * o->out (not closed; flushed).  Otherwise into path, replaced only when
 * the export is complete: a temporary file beside it, synced and renamed
 * over it; brat (which needs a path) into a new or empty directory
 * likewise.  Returns 0, or -1 with err_set() naming the output for a
 * write error (nothing is left behind at path), or with the store's
 * error. */
int export_run(struct store *st, const struct export_opts *o, const char *path);

#endif
