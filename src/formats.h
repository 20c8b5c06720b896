/*
 * formats.h: readers and writers of the interchange formats, and the
 * plain-text conventions (title line, dateline) that import applies.
 */
#ifndef NERVE_FORMATS_H
#define NERVE_FORMATS_H

#include <stddef.h>
#include <stdio.h>

#include "doc.h"

struct store;
struct export_filter;
struct buf;

/* Called for each document read; d is owned by the reader and finished
 * after the call (steal its fields by setting them to NULL).  Return 0
 * to go on, -1 to stop (the reader then returns -1). */
typedef int (*doc_fn)(struct doc *d, void *arg);

/* ---- JSON Lines (fmt_jsonl.c) ---------------------------------------- */

/* Read corpus-format JSON Lines from path ("-" for standard input) and
 * call fn for each non-blank line, with d->line set.  The whole file is
 * parsed before the first call, so a file with a bad line produces no
 * documents: -1 with err_set("PATH:LINE: reason").  st provides the
 * JSON functions (any open store, ":memory:" will do). */
int fmt_jsonl_read(struct store *st, const char *path, doc_fn fn, void *arg);

/* Read corpus-format JSON Lines from f one line at a time, calling fn for
 * each non-blank line as soon as it is parsed (memory does not grow with
 * the file).  name is used in messages.  A line that is not valid UTF-8
 * is an error naming the byte offset in the file, unless replace_invalid,
 * which turns each invalid byte into U+FFFD first.  Returns 0, or -1 with
 * err_set("NAME:LINE: reason") on the first bad line (documents before it
 * have been passed to fn: callers that want all or nothing run in a
 * transaction), or fn's -1. */
int fmt_jsonl_stream(struct store *st, FILE *f, const char *name, int replace_invalid,
                     doc_fn fn, void *arg);

/* Write the selected articles to out as corpus-format JSON Lines with
 * status, origin, annotator and confidence on each entity (see
 * store_export_json()).  -1 with err_set() on a store or write error. */
int fmt_jsonl_export(struct store *st, const struct export_filter *f, FILE *out);

/* ---- CSV (fmt_csv.c) ------------------------------------------------- */

/* The header of the CSV export, without line end. */
extern const char fmt_csv_header[];

/* Append s[0..len) to b as one CSV cell (RFC 4180): quoted when it holds
 * a comma, quote, CR or LF, quotes doubled.  With formula_guard, a cell
 * that a spreadsheet would run as a formula (starting with = + - @, tab
 * or CR) or that starts with ' gets a leading '. */
void fmt_csv_cell(struct buf *b, const char *s, size_t len, int formula_guard);

/* Write the CSV export of the selected entities (header row, one row per
 * entity, CRLF line ends) to out.  -1 with err_set() on a store or write
 * error. */
int fmt_csv_export(struct store *st, const struct export_filter *f, FILE *out,
                   int formula_guard);

/* ---- plain text (fmt_text.c) ------------------------------------------ */

/* The title of a plain-text report (clean text): its first line when
 * that is at most 150 characters and followed by a blank line, else
 * fmt_text_sentence_title().  Owned; "" for an empty text. */
char *fmt_text_title(const char *text, size_t len);
/* A title derived from the first sentence (after a dateline, if any):
 * at most 100 characters, cut at a word with "…" when longer.  Owned. */
char *fmt_text_sentence_title(const char *text, size_t len);
/* A date in the dateline that opens a report, or its body under a title
 * line ("BAKU, Azerbaijan, May 21.", "WASHINGTON, Jan. 5, 2017 —",
 * "LONDON, 5 March 2016:"): 1 with
 * date set to "YYYY-MM-DD", or "--MM-DD" when the dateline has no year,
 * and *end (if not NULL) to the byte offset just past the date; 0 when
 * the text has no dated dateline. */
int fmt_text_dateline(const char *text, size_t len, char date[11], size_t *end);

#endif
