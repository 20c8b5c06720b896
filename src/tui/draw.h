/*
 * draw.h: drawing shared by the browser's views: colours and attributes
 * (one table of colour pairs; entity colours from entity_type.colour;
 * NO_COLOR and monochrome terminals), text drawn one grapheme cluster at
 * a time at the columns the layout computed, bars, the type legend and
 * the too-small notice.
 *
 * Looks: an accepted entity is bold in its type's colour, a suggestion
 * underlined in it, a rejected one (shown only with R) dim in it; the
 * focused entity and the word cursor are reversed.  Without colour the
 * same attributes apply and the text carries the markup ("[Zakir
 * Hasanov]PERSON?", "[...]PERSON-" for a rejected one).
 */
#ifndef NERVE_DRAW_H
#define NERVE_DRAW_H

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "store/store.h"
#include "ui.h"

struct draw_attr {
	attr_t attr;
	short pair;
};

enum draw_style {
	DS_NORMAL,
	DS_TITLE,       /* the title bar */
	DS_STATUS,      /* the status bar */
	DS_HEADER,      /* column headings */
	DS_ROW,         /* the list's cursor row */
	DS_CURSOR,      /* the word cursor */
	DS_MATCH,       /* a search match in a title of the list */
	DS_TEXT_MATCH,  /* a search match in an article (unlike any entity) */
	DS_ERROR,       /* an error message */
	DS_DIM,         /* secondary text */
	DS_SELECT,      /* a selection of text in the article */
	DS_COUNT
};

/* Set colours up after curses has started: decides ui->colour and
 * ui->markup (NO_COLOR set and non-empty, or no colour support, or
 * fewer than 8 colours). */
void draw_init(struct ui *ui);
/* Forget the colour pairs and the looks of the rc file (before curses
 * ends). */
void draw_finish(void);

/* The rc file's "color": style s, or entities of type index type, look
 * like fg on bg (colour names as entity types take them, "default", or
 * 0-255; bg NULL: default) on this terminal.  A style's attributes
 * become attr; an entity keeps what its status draws (bold, underlined,
 * dim) and adds attr.  May come before curses starts.  -1 with
 * err_set() on a colour that is none. */
int draw_set_style(enum draw_style s, const char *fg, const char *bg, attr_t attr);
int draw_set_type(int type, const char *fg, const char *bg, attr_t attr);

struct draw_attr draw_style(const struct ui *ui, enum draw_style s);
/* The look of an entity of type index type (-1: unknown) and status. */
struct draw_attr draw_entity(const struct ui *ui, int type, enum entity_status status);

/* Fill w columns of row y from x with blanks in a. */
void draw_fill(int y, int x, int w, struct draw_attr a);
/* Draw one grapheme cluster s[0..len) at (y, x) (the caller has made it
 * safe with layout_glyph()). */
void draw_glyph(const struct ui *ui, int y, int x, const char *s, size_t len,
                struct draw_attr a);

/* Draw a stand-in of layout_glyph() (LAYOUT_SYMBOL: "<U+202E>", "^[",
 * a mark on a dotted circle): one column per grapheme cluster. */
void draw_symbol(const struct ui *ui, int y, int x, const char *s, size_t len,
                 struct draw_attr a);

enum {
	DRAW_ELLIPSIS = 1,  /* a string that does not fit ends in an ellipsis */
	DRAW_NO_FORMAT = 2, /* invisible format characters (U+200E ...) are left out */
};
/* Draw the UTF-8 string s[0..len) at (y, x) within maxw columns, made
 * safe by layout_glyph() (controls visible, ASCII on an ASCII terminal;
 * newlines and tabs as blanks), as flags say.  marks (nmarks pairs of byte offsets
 * [start, end)) are drawn in markattr.  Returns the columns drawn. */
int draw_str(const struct ui *ui, int y, int x, int maxw, const char *s, size_t len,
             struct draw_attr a, int flags, const size_t *marks, size_t nmarks,
             struct draw_attr markattr);
/* The type legend ("1 PERSON 2 ORG ...", each name in its colour) right
 * aligned to end at column xend on row y, within maxw columns: with the
 * names cut to three letters ("1 PER 2 ORG") or one ("1 P 2 O") when the
 * whole ones do not fit, and when none does, a hint at the key that
 * lists the types ("t: types").  Returns the columns drawn. */
int draw_legend(const struct ui *ui, int y, int xend, int maxw, struct draw_attr bar);
/* The notice for a screen smaller than UI_MIN_COLS x UI_MIN_ROWS. */
void draw_too_small(const struct ui *ui);

/* A published date as the screen shows it: a year-less "--05-21" as
 * "21 May", anything else as it is (the result is published or out). */
#define DRAW_DATE_SIZE 24
const char *draw_date(const char *published, char out[DRAW_DATE_SIZE]);

/* Describe the attributes a and pair (for screen dumps): "bold,underline
 * fg=cyan bg=default", "" when plain; into out. */
void draw_describe(attr_t a, short pair, char *out, size_t size);

#endif
