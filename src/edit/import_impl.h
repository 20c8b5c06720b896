/*
 * import_impl.h: what the files of import share (import.c, recognise.c,
 * import_walk.c, import_csv.c): the session and its reporting.  Private
 * to import.
 */
#ifndef NERVE_IMPORT_IMPL_H
#define NERVE_IMPORT_IMPL_H

#include <stdio.h>

#include "import.h"
#include "journal.h"
#include "lib/hashmap.h"
#include "lib/util.h"

struct csv_state;

struct import {
	struct store *st;
	struct import_opts o;
	struct import_stats total;
	struct import_stats cur;        /* of the file being read */
	/* the file being read */
	const char *path;               /* as opened ("-" for stdin) */
	const char *shown;              /* in messages */
	const char *items;              /* in messages about its entities or rows: shown, or
	                                   the .ann of a brat document */
	const char *name;               /* for external ids: file name or relative path */
	const char *source;             /* the article's source column */
	int is_stdin;
	struct journal_group jg;        /* the journal group of the file */
	int file_bad;                   /* something of this file was rejected or skipped */
	/* types known to exist (committed), to spare a query per entity */
	char (*types)[64];
	size_t ntypes, captypes;
	size_t types_committed;
	struct buf scratch;             /* NUL replacement */
	struct csv_state *csv;          /* CSV import: the article the rows are about */
	/* the referents named by the file (type and name -> id), which its
	 * entities are linked to instead of by the rules */
	struct named_referent {
		char *type, *name;
		int64_t id;
	} *refs;
	size_t nrefs, caprefs;
	struct hmap refmap;             /* hash of type and name -> index + 1 */
	/* the plain-text reports this session stored (committed ones below
	 * derived_committed), whose derived titles import_end() revisits */
	int64_t *derived;
	size_t nderived, capderived, derived_committed;
};

/* The referent of type called name in the file being read, its id into
 * *id: the first time, existing when it is not 0 (the entity's referent
 * has that type and name already), else a new one (accepted: the
 * mention naming it is). */
int import_named_referent(struct import *im, const char *type, const char *name, int accepted,
                          int64_t existing, int64_t *id);

/* Report a problem ("FILE: reason") to the message callback. */
void import_report(struct import *im, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* "FILE" or "FILE:LINE" for messages, into where; import_place_item()
 * names the file that holds the entities or rows (a brat .ann). */
const char *import_place(struct import *im, size_t line, char where[600]);
const char *import_place_item(struct import *im, size_t line, char where[600]);
/* A reader's note (fmt_note_fn): reported, and counted when something
 * was left out. */
void import_reader_note(void *arg, size_t line, int skipped, const char *msg);
/* Make sure the type exists; report one that had to be created. */
int import_need_type(struct import *im, const char *type);

/* Begin a file (its names, a transaction, a journal group) and end it
 * (commit when ok, else roll back everything of it); import_file_end()
 * returns -1 when anything of the file was rejected or skipped. */
int import_file_begin(struct import *im, const char *path, const char *name,
                      const char *source);
int import_file_end(struct import *im, int ok);

/* One file of a format: plain text, one of the stream formats (JSON
 * Lines, doccano, Prodigy, CoNLL, CSV), a brat pair (txt or ann may be
 * NULL: reported), CSV rows onto the database's articles. */
int import_text_file(struct import *im, const char *path, const char *name, const char *source);
int import_open_jsonl(struct import *im, const char *path, const char *name, const char *source,
                      enum import_format fmt);
int import_brat_pair(struct import *im, const char *txt, const char *ann, const char *rel);
struct input;
int import_csv_file(struct import *im, struct input *in, const char *path, const char *name,
                    const char *source);
/* Every file of the format under a directory. */
int import_directory(struct import *im, const char *path, enum import_format f);

/* 1 when s ends in suffix (lower case), in any case. */
int import_has_suffix(const char *s, const char *suffix);

#endif
