/*
 * layout.h: text and entity spans to screen lines, as a pure function.
 *
 * The browser's article view shows a report wrapped to the window.  This
 * module decides, without curses, what goes where: it cuts the text into
 * grapheme clusters, gives each its display width (utf8proc's, through
 * text.h), replaces what must not reach the terminal by visible stand-ins
 * (control characters, escape sequences, format characters, lone
 * combining marks; everything non-ASCII in ASCII mode), expands tabs,
 * wraps at spaces (and around wide CJK characters), splits words longer
 * than a line at grapheme boundaries, and, in markup mode, inserts
 * "[" and "]LABEL" around entity spans so that the screen text alone
 * shows them.
 *
 * The result is an array of cells (one per cluster or decoration, each
 * with its column, width, source code point offset and covering span)
 * grouped into lines.  Drawing a line is then: for each cell, move to its
 * column and draw its bytes.  The same glyph rules serve any other text
 * the UI draws (titles, the status bar) through layout_glyph().
 *
 * Units: "cp" counts code points of the text, "byte" indexes it, "col"
 * counts terminal columns.
 */
#ifndef NERVE_LAYOUT_H
#define NERVE_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/util.h"

enum layout_kind {
	LAYOUT_TEXT,     /* a grapheme cluster drawn as itself (or transliterated) */
	LAYOUT_SPACE,    /* a blank, drawn as 'width' spaces */
	LAYOUT_TAB,      /* a tab, drawn as 'width' spaces up to the next tab stop */
	LAYOUT_SYMBOL,   /* a visible stand-in for a control or invisible cluster */
	LAYOUT_OPEN,     /* markup: "[" before an entity */
	LAYOUT_CLOSE,    /* markup: one grapheme of "]LABEL" after an entity */
	LAYOUT_NEWLINE,  /* (glyphs only) a line feed; never a cell */
};

/* How one grapheme cluster is shown (see layout_glyph). */
struct layout_glyph {
	enum layout_kind kind;
	int width;          /* columns; 0 for TAB and NEWLINE (position dependent) */
	int breakable;      /* a line may break before and after it (blanks, wide) */
	const char *s;      /* the bytes to draw: the cluster itself or buf */
	size_t len;
	char buf[24];       /* storage for stand-ins */
};

/* Classify the grapheme cluster of text[0..len) that starts at byte i
 * (i < len) and fill *g; returns the byte offset just past the cluster.
 * ascii: the terminal can only show ASCII, so everything else is
 * transliterated ("é" as "e", "’" as "'") or shown as "?".  g->s points
 * into text or into g->buf (so g must outlive the use of g->s). */
size_t layout_glyph(const char *text, size_t len, size_t i, int ascii,
                    struct layout_glyph *g);

/* Display columns of a whole string drawn with layout_glyph() rules (tabs
 * count as one column, newlines as none). */
int layout_width(const char *s, size_t len, int ascii);

/* An entity span given to layout_build(): code points of the text, end
 * exclusive (snapped outwards to grapheme clusters), and in markup mode
 * the label drawn after it ("PERSON?"), or NULL for no markup. */
struct layout_span {
	size_t start, end;
	const char *label;
};

struct layout_opts {
	int width;          /* columns of the window (at least 1) */
	int tab;            /* tab stop distance (8 when 0) */
	int ascii;          /* ASCII-only terminal */
	int markup;         /* insert "[" and "]LABEL" around spans */
};

enum { LAYOUT_POOL = 1 };   /* cell flag: the bytes are in the layout's pool */

struct layout_cell {
	uint32_t cp;        /* code point offset of the cluster (decorations: of the boundary) */
	uint32_t ncp;       /* code points in the cluster (0 for decorations) */
	uint32_t off;       /* byte offset of what to draw, in the text or the pool */
	uint16_t len;       /* bytes to draw */
	uint16_t col;       /* column in its line */
	uint8_t width;      /* columns */
	uint8_t kind;       /* enum layout_kind */
	uint8_t flags;      /* LAYOUT_POOL */
	int32_t span;       /* innermost span covering it (decorations: theirs), or -1 */
};

struct layout_line {
	size_t first, n;    /* cells[first .. first + n) */
	size_t cp_start;    /* code point offset where the line starts */
	int width;          /* columns used */
};

/* A laid-out text.  Embedded: zero-initialise, layout_build(), then
 * layout_finish().  The text given to layout_build() is borrowed and must
 * outlive the layout. */
struct layout {
	const char *text;
	size_t text_len;
	struct layout_cell *cells;
	size_t ncells, capcells;
	struct layout_line *lines;
	size_t nlines, caplines;
	struct buf pool;    /* bytes of stand-ins and decorations */
};

/* Lay text[0..len) out with the spans (any order; they may overlap or
 * nest) under opts, replacing what lo held.  There is always at least
 * one line (an empty text gives one empty line). */
void layout_build(struct layout *lo, const char *text, size_t len,
                  const struct layout_span *spans, size_t nspans,
                  const struct layout_opts *opts);
/* Release what lo owns and zero it. */
void layout_finish(struct layout *lo);

/* The bytes to draw for cell c (borrowed from the text or the pool). */
const char *layout_cell_bytes(const struct layout *lo, const struct layout_cell *c);

/* The line that shows code point offset cp (the last line starting at or
 * before it). */
size_t layout_line_of(const struct layout *lo, size_t cp);
/* The column at which code point cp is drawn on its line (the end of the
 * line when cp was swallowed by a wrap). */
int layout_col_of(const struct layout *lo, size_t line, size_t cp);

/* Words for the cursor: runs of letters, digits and marks (joined across
 * one inner apostrophe, hyphen, period or ampersand: "O'Brien",
 * "al-Assad", "U.S"), each wide character on its own, and each other
 * visible cluster (punctuation, symbols, controls) on its own.  Blanks
 * and newlines are not words. */
struct layout_word {
	size_t start, end;  /* code points, end exclusive */
};
/* Fill *out (owned, free()) with the words of text in order; returns
 * their number. */
size_t layout_words(const char *text, size_t len, struct layout_word **out);
/* The words the browser's cursor stops on: layout_words() without the
 * punctuation an entity never begins or ends with (text_span_edge_ok():
 * blanks, dashes, commas, quotes, brackets, periods...), the period of
 * an initial or a dotted abbreviation joined to its word ("Z.", "U.S."),
 * so that word motions, selections and resizes never take "BAKU," or
 * ". Hasanov".  *out as for layout_words(). */
size_t layout_review_words(const char *text, size_t len, struct layout_word **out);
/* The index of the word that contains code point cp, else of the first
 * word after it (n when none). */
size_t layout_word_at(const struct layout_word *w, size_t n, size_t cp);

#endif
