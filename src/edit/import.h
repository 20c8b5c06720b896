/*
 * import.h: bringing reports into the store — format recognition
 * (recognise.c), text cleaning (DESIGN.md §3), titles and datelines,
 * external ids, duplicates, entity remapping (import.c), directory walks
 * (import_walk.c), type maps (typemap.c), CSV rows applied as decisions
 * through the journalled-write path (import_csv.c), one transaction per
 * file, and a hook for the detector.
 *
 * A session (struct import) imports any number of paths into one store
 * and keeps the counts for the closing summary.  Problems are reported
 * through the message callback (stderr by default) as "FILE: reason" or
 * "FILE:LINE: reason" and counted; import_path() returns -1 when anything
 * of that path was rejected or skipped.
 */
#ifndef NERVE_IMPORT_H
#define NERVE_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/doc.h"

struct store;

enum import_format {
	IMPORT_AUTO,            /* recognise from the name and the contents */
	IMPORT_TEXT, IMPORT_JSONL, IMPORT_CSV, IMPORT_DOCCANO, IMPORT_PRODIGY,
	IMPORT_CONLL, IMPORT_BRAT,
};

/* "text", "jsonl", "csv", "doccano", "prodigy", "conll", "brat" to the
 * format: 0, or -1 for an unknown name. */
int import_format_parse(const char *name, enum import_format *out);
const char *import_format_name(enum import_format f);
/* 1 when this nerve can import the format. */
int import_format_built(enum import_format f);

/* Recognise the format of path (DESIGN.md §5): .txt text; .csv CSV;
 * .conll .iob .bio CoNLL; .jsonl/.json by the first line's keys ("label"
 * doccano, "spans" Prodigy, else corpus JSON Lines); a directory holding
 * .ann files brat, any other directory text; other files JSON Lines when
 * the first non-blank byte is '{', else text.  "-" (standard input) is
 * recognised when it is read, so IMPORT_AUTO comes back for it, and for a
 * path that cannot be examined (import_path() reports that).  forced
 * (not IMPORT_AUTO) is returned as is. */
enum import_format import_recognise(const char *path, enum import_format forced);

/* A type map (--map): a JSON object {"their type": "OUR TYPE"}, where
 * "-" drops the type. */
struct typemap;
/* Load a map file; NULL with err_set("FILE: reason") when it cannot be
 * read or is not a JSON object of strings.  Owned (typemap_free()). */
struct typemap *typemap_load(const char *path);
/* The name type maps to (borrowed), type itself when the map does not
 * name it (or m is NULL), or NULL when it is dropped. */
const char *typemap_apply(const struct typemap *m, const char *type);
void typemap_free(struct typemap **m);

/* The detector hook: suggest entities in d->text (clean NFC text of
 * d->text_len bytes, borrowed: do not free or steal it) by appending
 * spans with doc_push_span(): start and end in code points, type and
 * confidence.  Called for each new article that came without
 * annotations; the spans go through store_replace_suggestions().
 * Returns 0, or -1 with err_set() (the file is then rejected). */
typedef int (*import_detect_fn)(void *arg, struct doc *d);

struct import_stats {
	size_t imported;        /* articles stored */
	size_t duplicates;      /* documents already in the database */
	size_t failed;          /* files rejected whole, and documents skipped */
	size_t skipped;         /* entities skipped (off boundaries, ...) */
	size_t entities;        /* entities stored from the input */
	size_t suggestions;     /* detector suggestions stored */
	size_t new_types;       /* entity types created */
	size_t renamed;         /* articles stored under NAME#2 for a clash */
	size_t updated;         /* existing entities changed (CSV import) */
	size_t unchanged;       /* CSV rows already as the database has them */
	size_t reviewed;        /* stored articles a reviewed document replaced
	                         * the entities of (--reviewed) */
	uint64_t chars;         /* code points of the stored texts */
	uint64_t bytes;         /* bytes of the stored texts */
};

struct import_opts {
	enum import_format format;      /* IMPORT_AUTO: recognise each path */
	const struct typemap *map;      /* or NULL */
	const char *annotator;          /* who imports (journal, entities) */
	int reviewed;                   /* entities accepted, articles done; a
	                                 * document that is a stored article (the
	                                 * same external id, else the same text)
	                                 * is that article reviewed: its entities
	                                 * become exactly the document's, as one
	                                 * undoable group (annot_review()) */
	struct learner *learner;        /* learns from each article marked done, or
	                                 * NULL (borrowed) */
	int replace_invalid;            /* invalid UTF-8 and NUL to U+FFFD */
	int no_detect;                  /* never call detect */
	uint64_t max_bytes;             /* refuse a file that holds more; 0: 1 GiB */
	import_detect_fn detect;        /* or NULL */
	void *detect_arg;
	/* Called after each document and at the end of each file (name is
	 * the file being read); NULL for none. */
	void (*progress)(void *arg, const char *name, const struct import_stats *s);
	void *progress_arg;
	/* Receives each problem report ("FILE: reason"); NULL: warnmsg(). */
	void (*message)(void *arg, const char *msg);
	void *message_arg;
};

struct import;

/* A new session on st (borrowed, as are the strings and map of o, which
 * must outlive it). */
struct import *import_new(struct store *st, const struct import_opts *o);
/* Import a file, a directory (recursively) or "-".  Each file is one
 * transaction: a file that cannot be read or parsed leaves nothing
 * behind.  Returns 0, or -1 when anything was rejected or skipped (the
 * reasons went to the message callback; the counts are in the stats).  A
 * format this nerve cannot read yet is rejected here too; callers that
 * want to refuse it before importing anything use import_recognise(). */
int import_path(struct import *im, const char *path);
/* The counts so far (borrowed). */
const struct import_stats *import_get_stats(const struct import *im);
void import_free(struct import **im);

#endif
