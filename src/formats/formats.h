/*
 * formats.h: readers and writers of the interchange formats, and the
 * plain-text conventions (title line, dateline) that import applies.
 */
#ifndef NERVE_FORMATS_H
#define NERVE_FORMATS_H

#include <stddef.h>
#include <stdio.h>

#include "lib/doc.h"
#include "lib/util.h"

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

/* Parse one JSON line into *d (zeroed first): 0, or -1 with err_set()
 * (a reason without file or line).  store_json_doc(),
 * store_json_doccano() and store_json_prodigy() are such parsers. */
typedef int (*json_line_fn)(struct store *st, const char *json, size_t len, struct doc *d);
/* fmt_jsonl_stream() with another line parser: the reader of every JSON
 * Lines format (corpus, doccano, Prodigy). */
int fmt_json_lines(struct store *st, FILE *f, const char *name, int replace_invalid,
                   json_line_fn parse, doc_fn fn, void *arg);

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

/* Read CSV in the layout of the export (fmt_csv_header; columns found by
 * name in the header row, in any order, unknown ones ignored) from f,
 * calling row for each entity row.  article_id, start, end and type are
 * required; text, status, origin and annotator are optional (NULL in the
 * row when the file lacks the column).  Exactly one leading ' is removed
 * from every cell that has one (the export's formula guard); the text
 * cell keeps it in text_raw.  Cells must be valid UTF-8 unless
 * replace_invalid.  A row that cannot be read as an entity (a wrong
 * number of cells, a start or end that is not a number) goes to note
 * (skipped) and the reading goes on.  Returns 0, or -1 with
 * err_set("NAME:LINE: reason") for a file that does not parse (a quoted
 * cell left open, text after a closing quote, a header without a
 * required column), or row's -1. */
struct csv_entity {
	size_t line;                /* where the row starts */
	const char *article;        /* external id */
	int64_t start, end;
	const char *text, *text_raw;
	const char *type, *status, *origin, *annotator;
};
typedef int (*csv_entity_fn)(void *arg, const struct csv_entity *e);
/* A reader's report of one item it left out or read in a way worth
 * saying: its line in the file (0: none) and the reason (borrowed).
 * skipped is 1 when something of the file was left out. */
typedef void (*fmt_note_fn)(void *arg, size_t line, int skipped, const char *msg);
/* Format a note (printf-style, at most 599 bytes) and pass it to note,
 * when there is one. */
void fmt_notef(fmt_note_fn note, void *arg, size_t line, int skipped, const char *fmt, ...)
	PRINTF_LIKE(5, 6);
int fmt_csv_read(FILE *f, const char *name, int replace_invalid, csv_entity_fn row,
                 fmt_note_fn note, void *arg);

/* Copy s[0..len) into out (cleared first) with each byte of an invalid
 * UTF-8 sequence replaced by U+FFFD (as text_decode() reads it). */
void fmt_replace_invalid(const char *s, size_t len, struct buf *out);

/* ---- doccano and Prodigy JSON Lines (fmt_spans.c) ----------------------- */

/* Append s[0..len) to b as a JSON string. */
void fmt_json_str(struct buf *b, const char *s, size_t len);
/* Write the selected articles, each with its selected entities (possibly
 * none), one JSON document a line: doccano {"id", "text", "label":
 * [[start, end, "TYPE"], ...]}; Prodigy {"id", "text", "tokens":
 * [{"text", "start", "end", "id", "ws"}], "spans": [{"start", "end",
 * "token_start", "token_end", "label"}]} (nerve's tokenizer; the token
 * fields of a span only when it falls on token boundaries, token_end
 * inclusive).  Read them with fmt_json_lines() and store_json_doccano()
 * or store_json_prodigy().  -1 with err_set() on a store or write
 * error. */
int fmt_doccano_export(struct store *st, const struct export_filter *f, FILE *out);
int fmt_prodigy_export(struct store *st, const struct export_filter *f, FILE *out);

/* ---- CoNLL IOB2 (fmt_conll.c) ------------------------------------------- */

/* Read CoNLL from f: one token a line with its tag in the last column
 * (tab-separated, or space-separated when the line has no tab), O, B-TYPE
 * or I-TYPE; a blank line ends a sentence; a line whose first column is
 * -DOCSTART- begins a document.  Each document's text is rebuilt from its
 * tokens (a space between tokens, none before closing punctuation or
 * after opening brackets and quotes, sentences on lines of their own),
 * spaced so that nerve's tokenizer finds the same tokens again, and its
 * entities are offsets in that text.  fn gets each document with d->line
 * the line of its -DOCSTART- (or its first token) and each span's line
 * that of its first token.  An I-TYPE that does not continue an entity of
 * its type starts one (as IOB1 files have it), said once a file to note.
 * Returns 0, or -1 with err_set("NAME:LINE: reason") for a line that
 * does not parse (a token without a tag, a tag that is not IOB, invalid
 * UTF-8 unless replace_invalid), or fn's -1. */
int fmt_conll_read(FILE *f, const char *name, int replace_invalid, doc_fn fn,
                   fmt_note_fn note, void *arg);
/* Write the selected articles as CoNLL IOB2 with nerve's tokenizer: a
 * line "-DOCSTART- O" and a blank line before each document, a
 * token<TAB>tag line for each token, a blank line after each sentence.
 * What the format cannot hold goes to note (not skipped: the export
 * goes on): an entity that overlaps an earlier one (left out), one whose
 * ends are not token boundaries (written as the whole tokens), a type
 * with white space (written with '_').  -1 with err_set() on a store or
 * write error. */
int fmt_conll_export(struct store *st, const struct export_filter *f, FILE *out,
                     fmt_note_fn note, void *arg);

/* ---- brat standoff (fmt_brat.c) ------------------------------------------ */

/* The file name (without extension, '/' separating directories) that
 * stands for an external id in a brat directory: the id with '%',
 * control characters, a '.' opening a component, and a '/' that would
 * make an empty component written as %XX.  Owned; NULL with err_set()
 * when a component would be too long for a file name. */
char *fmt_brat_name(const char *ext_id);
/* The external id of a brat document: its path relative to the
 * directory without ".txt" (len bytes of name), with %XX decoded.
 * Owned. */
char *fmt_brat_id(const char *name, size_t len);
/* Read a brat document: the text of txt_path into d->text as it is
 * (cleaned later by import) and the text-bound annotations of ann_path
 * (NULL: none) as spans, offsets in code points of that text.  Each
 * span's line is its line in ann_path; a span whose text field does not
 * match the text at its offsets (white space aside) keeps the field in
 * span->text, so that import reports it.  Discontinuous spans and lines
 * of other kinds (relations, events, attributes, notes ...) go to note,
 * skipped.  Returns 0, or -1 with err_set("FILE:LINE: reason") when a
 * file cannot be read or a line does not parse. */
int fmt_brat_read(const char *txt_path, const char *ann_path, struct doc *d,
                  fmt_note_fn note, void *arg);
/* Write the selected articles into a new directory dir (created; an
 * existing one must be empty): NAME.txt with the text and NAME.ann with
 * a line "T<n><TAB>TYPE START END<TAB>TEXT" for each selected entity
 * (newlines and tabs of TEXT as spaces, white space in TYPE as '_'),
 * NAME from fmt_brat_name().  The files are written into a temporary
 * directory beside dir, renamed to dir when complete.  -1 with err_set()
 * (nothing left behind). */
int fmt_brat_export(struct store *st, const struct export_filter *f, const char *dir);

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
