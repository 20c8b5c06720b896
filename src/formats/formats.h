/*
 * formats.h: readers and writers of the interchange formats, and the
 * plain-text conventions (title line, dateline) that import applies.
 *
 * Pure: readers turn bytes into struct doc (lib/doc.h), writers turn
 * documents (or CSV rows) into bytes.  Nothing here opens a database or
 * knows the detector; edit/ iterates the store and passes the tokenizer
 * in (edit/export.h, edit/import.h).
 */
#ifndef NERVE_FORMATS_H
#define NERVE_FORMATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/doc.h"
#include "lib/util.h"

struct buf;
struct json;
struct json_parser;

/* Called for each document read; d is owned by the reader and finished
 * after the call (steal its fields by setting them to NULL).  Return 0
 * to go on, -1 to stop (the reader then returns -1). */
typedef int (*doc_fn)(struct doc *d, void *arg);

/* A reader's report of one item it left out or read in a way worth
 * saying: its line in the file (0: none) and the reason (borrowed).
 * skipped is 1 when something of the file was left out. */
typedef void (*fmt_note_fn)(void *arg, size_t line, int skipped, const char *msg);
/* Format a note (printf-style, through msg_vformat(): what a terminal
 * could act on made visible) and pass it to note, when there is one. */
void fmt_notef(fmt_note_fn note, void *arg, size_t line, int skipped, const char *fmt, ...)
	PRINTF_LIKE(5, 6);

/* ---- tokens, for the formats that have them (CoNLL, Prodigy) ---------- */

/* The formats know nothing of the detector: whoever calls a reader or
 * writer that needs tokens passes a tokenizer in (edit/ passes nerve's
 * own, so that a CoNLL or Prodigy file nerve wrote comes back with the
 * same tokens). */
struct fmt_token {
	size_t b0, b1;              /* bytes of the text, end exclusive */
	int64_t c0, c1;             /* code points, end exclusive */
	int sent_start;             /* the first token of a sentence */
};
/* Tokens of one text: embedded, zero-initialised, reused from text to
 * text; fmt_tokens_finish() releases them. */
struct fmt_tokens {
	struct fmt_token *v;
	size_t n, cap;
};
void fmt_tokens_finish(struct fmt_tokens *t);
struct fmt_tokenizer {
	/* Split text[0..len) (valid UTF-8) into out, replacing what it
	 * held. */
	void (*split)(void *arg, const char *text, size_t len, struct fmt_tokens *out);
	void *arg;
};

/* ---- JSON Lines: the corpus format, doccano, Prodigy (fmt_jsonl.c) ----- */

enum fmt_json_flavour {
	FMT_JSON_CORPUS,            /* {"id", "title", "date", "text", "entities": [{"start",
	                               "end", "type", "text", "status", "origin",
	                               "annotator", "confidence"}]} */
	FMT_JSON_DOCCANO,           /* {"id", "text", "label": [[start, end, "TYPE"], ...]} */
	FMT_JSON_PRODIGY,           /* {"id", "text", "spans": [{"start", "end", "label",
	                               "text"}], "meta": {"id"}}; "tokens" ignored */
};

/* Build *d (zeroed first) from one parsed JSON document of the flavour.
 * Unknown keys are ignored; d->has_entities is set when the annotation
 * array ("entities", "label", "spans") is there, even empty.  Returns 0,
 * or -1 with err_set() (a reason without file or line) when root is not
 * an object with a string "text", or an annotation is not of the
 * flavour's shape (integer start and end, a string type of at most 63
 * bytes). */
int fmt_json_doc(const struct json *root, enum fmt_json_flavour fl, struct doc *d);
/* Parse one line of JSON Lines with p (json.h) and build *d from it
 * (fmt_json_doc()): 0, or -1 with err_set() as the line readers give it
 * without file and line ("not valid JSON", "\"text\": a \\u0000 (NUL)
 * escape at byte 9", byte offsets counted from json). */
int fmt_json_line(struct json_parser *p, const char *json, size_t len, enum fmt_json_flavour fl,
                  struct doc *d);

/* Read JSON Lines of the flavour from f one line at a time, calling fn
 * for each non-blank line as soon as it is parsed (memory does not grow
 * with the file), with d->line set.  name is used in messages.  A line
 * that is not valid UTF-8 is an error naming the byte offset in the file,
 * unless replace_invalid, which turns each invalid byte into U+FFFD
 * first (and a \u0000 escape or a lone surrogate into U+FFFD too); a
 * \u0000 escape, a lone surrogate and a key given twice are errors
 * naming the member and the byte.  Returns 0, or -1 with
 * err_set("NAME:LINE: reason") on the first bad line (documents before
 * it have been passed to fn: callers that want all or nothing run in a
 * transaction), or fn's -1. */
int fmt_json_lines(FILE *f, const char *name, int replace_invalid, enum fmt_json_flavour fl,
                   doc_fn fn, void *arg);

/* Read the corpus JSON Lines of path ("-" for standard input) and call fn
 * for each document, with d->line set.  The whole file is parsed before
 * the first call, so a file with a bad line produces no documents: -1
 * with err_set("PATH:LINE: reason"). */
int fmt_jsonl_read(const char *path, doc_fn fn, void *arg);

/* 1 when json[0..len) is a JSON object that has the top-level key, 0
 * when not (or not JSON). */
int fmt_json_has_key(const char *json, size_t len, const char *key);


/* ---- writers ------------------------------------------------------------ */

/* The state of one export, shared by the writers below: set the public
 * fields, call a writer once per document (or CSV row), then
 * fmt_writer_flush(), then fmt_writer_finish().  Zero-initialise. */
struct fmt_writer {
	FILE *out;                  /* where the bytes go (brat: unused) */
	int formula_guard;          /* CSV: neutralise formula cells */
	const struct fmt_tokenizer *tokenizer;  /* CoNLL and Prodigy need one */
	fmt_note_fn note;           /* what a format could not hold, or NULL */
	void *note_arg;
	/* private */
	struct buf b;               /* bytes not written yet */
	struct buf prefix;          /* CSV: the current article's two cells */
	int64_t prefix_of;
	struct fmt_tokens toks;
	long *tag;                  /* CoNLL: per token, entity index or -1 */
	size_t captag;
	char (*respelt)[64];        /* CoNLL: types said to have white space */
	size_t nrespelt, caprespelt;
	const char *dir;            /* brat: the directory named */
	char *tmp;                  /* brat: the directory being written */
	int existed;                /* brat: dir was an empty directory */
	unsigned dir_mode;
};
/* Write what is buffered to w->out: 0, or -1 with err_set(). */
int fmt_writer_flush(struct fmt_writer *w);
void fmt_writer_finish(struct fmt_writer *w);

/* The documents the writers take are read-only: d->id the external id,
 * d->title, d->date (NULL or "" for none), d->text, and the spans with
 * their status, origin and annotator, ordered by start, end and id.
 * Every writer returns 0, or -1 with err_set() on a write error. */

/* Corpus JSON Lines: {"id", "title", ["date",] "text", "entities":
 * [{"start", "end", "type", "text", "status", "origin", "annotator",
 * ["confidence"], ["original_start", "original_end", "original_type"],
 * ["referent_id", "referent"]}]} on one line, confidence for suggestions
 * that have one (SPAN_HAS_CONFIDENCE), the detector's span and type for an
 * entity an analyst changed (SPAN_HAS_ORIGINAL), byte for byte what SQLite's json_object()
 * would write. */
int fmt_jsonl_write(struct fmt_writer *w, const struct doc *d);
/* doccano {"id", "text", "label": [[start, end, "TYPE"], ...]}. */
int fmt_doccano_write(struct fmt_writer *w, const struct doc *d);
/* Prodigy {"id", "text", "tokens": [{"text", "start", "end", "id",
 * "ws"}], "spans": [{"start", "end", "token_start", "token_end",
 * "label"}]} with w->tokenizer's tokens; the token fields of a span only
 * when it falls on token boundaries, token_end inclusive. */
int fmt_prodigy_write(struct fmt_writer *w, const struct doc *d);

/* ---- CSV (fmt_csv.c) ------------------------------------------------- */

/* The header of the CSV export, without line end. */
extern const char fmt_csv_header[];

/* Append s[0..len) to b as one CSV cell (RFC 4180): quoted when it holds
 * a comma, quote, CR or LF, quotes doubled.  With formula_guard, a cell
 * that a spreadsheet would run as a formula (starting with = + - @, tab
 * or CR) or that starts with ' gets a leading '. */
void fmt_csv_cell(struct buf *b, const char *s, size_t len, int formula_guard);

/* One row of the CSV export (DESIGN.md section 6).  Strings are
 * borrowed; article is a key (the local id) that is the same for the
 * rows of one article, which come together, so that its cells are
 * encoded once (0: no key). */
struct fmt_csv_row {
	int64_t article;
	const char *article_id, *title;     /* external id and title */
	size_t article_id_len, title_len;
	int64_t entity;                     /* the database's number */
	int64_t start, end;                 /* code points */
	const char *text;                   /* the entity's text (text_len bytes) */
	size_t text_len;
	const char *type, *status, *origin, *annotator, *updated_at;
	int64_t original_start, original_end;
	const char *original_type;          /* the detector's type, NULL: unchanged */
	int64_t referent;                   /* the database's number, 0: none */
	const char *referent_name;          /* its name ("" for none) */
	size_t referent_name_len;
};
/* The header row, then one row per call, CRLF line ends, cells encoded
 * with fmt_csv_cell() and w->formula_guard. */
int fmt_csv_write_header(struct fmt_writer *w);
int fmt_csv_write(struct fmt_writer *w, const struct fmt_csv_row *r);

/* Read CSV in the layout of the export (fmt_csv_header; columns found by
 * name in the header row, in any order, unknown ones ignored) from f,
 * calling row for each entity row.  article_id, start, end and type are
 * required; text, status, origin, annotator, referent and original_start,
 * original_end, original_type are optional (NULL in the row when the file
 * lacks the column).  Exactly one leading ' is removed
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
	const char *referent;       /* its referent's name, or NULL (no column, or empty) */
	int64_t original_start, original_end;
	const char *original_type;  /* the detector's type, or NULL (no columns, or empty) */
};
typedef int (*csv_entity_fn)(void *arg, const struct csv_entity *e);
int fmt_csv_read(FILE *f, const char *name, int replace_invalid, csv_entity_fn row,
                 fmt_note_fn note, void *arg);

/* Copy s[0..len) into out (cleared first) with each byte of an invalid
 * UTF-8 sequence replaced by U+FFFD (as text_decode() reads it). */
void fmt_replace_invalid(const char *s, size_t len, struct buf *out);

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
int fmt_conll_read(FILE *f, const char *name, int replace_invalid,
                   const struct fmt_tokenizer *tk, doc_fn fn, fmt_note_fn note, void *arg);
/* Write d as CoNLL IOB2 with w->tokenizer's tokens: a line "-DOCSTART-
 * O" and a blank line, a token<TAB>tag line for each token, a blank line
 * after each sentence.  What the format cannot hold goes to w->note (not
 * skipped: the export goes on): an entity that overlaps an earlier one
 * (left out), one whose ends are not token boundaries (written as the
 * whole tokens), a type with white space (written with '_'). */
int fmt_conll_write(struct fmt_writer *w, const struct doc *d);

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
 * skipped.  The .ann must be UTF-8 without NUL bytes (replace_invalid:
 * each bad byte becomes U+FFFD); a file of more than max_bytes is
 * refused (lib/input.h).  Returns 0, or -1 with
 * err_set("FILE:LINE: reason") when a file cannot be read or a line does
 * not parse. */
int fmt_brat_read(const char *txt_path, const char *ann_path, int replace_invalid,
                  uint64_t max_bytes, struct doc *d, fmt_note_fn note, void *arg);
/* brat export into a new directory dir (an existing one must be empty):
 * fmt_brat_begin() makes a temporary directory beside dir,
 * fmt_brat_write() writes NAME.txt with d's text and NAME.ann with a
 * line "T<n><TAB>TYPE START END<TAB>TEXT" for each span (newlines and
 * tabs of TEXT as spaces, white space in TYPE as '_'), NAME from
 * fmt_brat_name(), and fmt_brat_end() renames the directory to dir when
 * ok, else removes it (nothing left behind).  Each returns 0, or -1
 * with err_set(); after a failed begin, end is not needed. */
int fmt_brat_begin(struct fmt_writer *w, const char *dir);
int fmt_brat_write(struct fmt_writer *w, const struct doc *d);
int fmt_brat_end(struct fmt_writer *w, int ok);

/* ---- plain text (fmt_text.c) ------------------------------------------ */

/* A line of text (trimmed, not NUL-terminated); what the return means
 * is the caller's. */
typedef int (*fmt_line_fn)(void *arg, const char *line, size_t len);
/* How many non-blank lines at the top of a report are looked at for a
 * headline and for boilerplate. */
#define FMT_HEAD_LINES 4
/* Call fn for each of the first FMT_HEAD_LINES non-blank lines of text
 * (those of at most 150 characters), until it returns non-zero. */
void fmt_text_head_lines(const char *text, size_t len, fmt_line_fn fn, void *arg);
/* The title of a plain-text report (clean text): its headline, the first
 * line (at most 150 characters) that is followed by a blank line or in
 * title case, after the lines that shared (NULL: none) says many reports
 * open with (an agency's or an office's name); else
 * fmt_text_sentence_title() of what follows those lines.  Owned; "" for
 * an empty text. */
char *fmt_text_headline(const char *text, size_t len, fmt_line_fn shared, void *arg);
/* fmt_text_headline() with no boilerplate known. */
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
