/*
 * layout.c: text and entity spans to screen lines (see layout.h).  No
 * curses here: the tests call it directly.
 */
#include "config.h"
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "lib/util.h"

#define NONE ((size_t)-1)

/* ---- glyphs --------------------------------------------------------- */

/* The ASCII letter or digit that best stands for the cluster s[0..n)
 * whose first code point is c, or '?'. */
static char ascii_of(const char *s, size_t n, int32_t c)
{
	int32_t p = text_ascii_punct(c);
	if (p < 0x80)
		return (char)p;
	size_t fl;
	char *f = text_fold(s, n, &fl);
	char r = '?';
	if (fl > 0) {
		unsigned char a = (unsigned char)f[0];
		if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9'))
			r = (char)(text_is_upper(c) && a >= 'a' ? a - 32 : a);
	}
	free(f);
	return r;
}

static int is_nonbreaking_space(int32_t c)
{
	return c == 0xA0 || c == 0x2007 || c == 0x202F;
}

static int all_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

size_t layout_glyph(const char *text, size_t len, size_t i, int ascii,
                    struct layout_glyph *g)
{
	size_t e = text_grapheme_end(text, len, i);
	size_t j = i;
	int32_t c = text_decode(text, len, &j);

	g->kind = LAYOUT_TEXT;
	g->breakable = 0;
	g->s = text + i;
	g->len = e - i;
	g->width = 1;
	if (c == '\n' || (c == '\r' && j < e && text[j] == '\n')) {
		g->kind = LAYOUT_NEWLINE;
		g->width = 0;
		return e;
	}
	if (c == '\t') {
		g->kind = LAYOUT_TAB;
		g->width = 0;
		g->breakable = 1;
		g->s = " ";
		g->len = 1;
		return e;
	}
	if (c < 0x20 || c == 0x7F) {
		/* C0 controls and DEL: the Control Pictures block, or ^X. */
		g->kind = LAYOUT_SYMBOL;
		if (ascii) {
			g->buf[0] = '^';
			g->buf[1] = (char)(c == 0x7F ? '?' : c + 64);
			g->len = 2;
		} else {
			g->len = text_encode(c == 0x7F ? 0x2421 : 0x2400 + c, g->buf);
		}
		g->s = g->buf;
		g->width = (int)(ascii ? 2 : 1);
		return e;
	}
	if (text_is_control(c)) {
		/* C1 controls, format characters (bidi overrides, zero-width
		 * spaces), private use, unassigned: a visible code. */
		g->kind = LAYOUT_SYMBOL;
		int n = snprintf(g->buf, sizeof g->buf, "<U+%04X>", (unsigned)c);
		g->s = g->buf;
		g->len = (size_t)n;
		g->width = n;
		return e;
	}
	if (text_is_space(c) && !is_nonbreaking_space(c)) {
		g->kind = LAYOUT_SPACE;
		g->breakable = 1;
		g->width = ascii ? 1 : text_cp_width(c);
		if (g->width < 1)
			g->width = 1;
		g->s = " ";
		g->len = 1;
		return e;
	}
	int w = text_grapheme_width(text + i, e - i);
	if (w <= 0) {
		/* A combining mark with nothing to combine with: on a dotted
		 * circle, so that it neither vanishes nor joins its neighbour. */
		g->kind = LAYOUT_SYMBOL;
		g->s = g->buf;
		if (ascii || e - i > sizeof g->buf - 3) {
			g->buf[0] = '?';
			g->len = 1;
		} else {
			g->len = text_encode(0x25CC, g->buf);
			memcpy(g->buf + g->len, text + i, e - i);
			g->len += e - i;
		}
		g->width = 1;
		return e;
	}
	if (ascii && !all_ascii(text + i, e - i)) {
		g->buf[0] = is_nonbreaking_space(c) ? ' ' : ascii_of(text + i, e - i, c);
		g->s = g->buf;
		g->len = 1;
		g->width = 1;
		return e;
	}
	g->width = w;
	g->breakable = w > 1;
	return e;
}

int layout_width(const char *s, size_t len, int ascii)
{
	int w = 0;
	struct layout_glyph g;
	for (size_t i = 0; i < len;) {
		i = layout_glyph(s, len, i, ascii, &g);
		w += g.kind == LAYOUT_TAB ? 1 : g.width;
	}
	return w;
}

/* ---- lines ---------------------------------------------------------- */

struct builder {
	struct layout *lo;
	const struct layout_span *spans;
	int width, tab, ascii, markup;
	int col;            /* next free column of the current line */
	size_t bp;          /* a cell before which the current line may break, or NONE */
	int after_blank;    /* the last cell placed was a blank */
	int prev_wide;      /* the last cell placed was a wide character */
	int glue;           /* the next cell may not start a line (after "[") */
	int soft;           /* the current line began at a wrap, not a newline */
};

static struct layout_line *cur_line(struct builder *b)
{
	return &b->lo->lines[b->lo->nlines - 1];
}

static void new_line(struct builder *b, size_t cp, int soft)
{
	struct layout *lo = b->lo;
	lo->lines = xgrow(lo->lines, &lo->caplines, lo->nlines + 1, sizeof *lo->lines);
	struct layout_line *l = &lo->lines[lo->nlines++];
	l->first = lo->ncells;
	l->n = 0;
	l->cp_start = cp;
	l->width = 0;
	b->col = 0;
	b->bp = NONE;
	b->after_blank = 0;
	b->prev_wide = 0;
	b->soft = soft;
}

static struct layout_cell *push_cell(struct builder *b)
{
	struct layout *lo = b->lo;
	lo->cells = xgrow(lo->cells, &lo->capcells, lo->ncells + 1, sizeof *lo->cells);
	struct layout_cell *c = &lo->cells[lo->ncells++];
	memset(c, 0, sizeof *c);
	return c;
}

/* Bytes for a cell: point into the text, or copy into the pool. */
static void cell_bytes(struct builder *b, struct layout_cell *c, const struct layout_glyph *g)
{
	const char *text = b->lo->text;
	size_t n = g->len;
	if (n > 0xFFFF) { /* an absurd cluster: draw its start */
		n = 0xFFFF;
		while (n > 0 && ((unsigned char)g->s[n] & 0xC0) == 0x80)
			n--;
	}
	if (g->s >= text && g->s < text + b->lo->text_len) {
		c->off = (uint32_t)(g->s - text);
	} else {
		c->off = (uint32_t)b->lo->pool.len;
		c->flags |= LAYOUT_POOL;
		buf_add(&b->lo->pool, g->s, n);
	}
	c->len = (uint16_t)n;
}

/* Place a visible (non-blank) cell of width w; may_break says whether
 * the line may break before it.  Returns the cell, its column set. */
static struct layout_cell *place(struct builder *b, int w, int may_break)
{
	struct layout *lo = b->lo;
	if (may_break && !b->glue)
		b->bp = lo->ncells;
	b->glue = 0;
	struct layout_line *l = cur_line(b);
	if (b->col + w > b->width && l->n > 0) {
		if (b->bp != NONE && b->bp > l->first && b->bp < lo->ncells) {
			/* Carry the unfinished word over to a new line. */
			size_t from = b->bp;
			int base = lo->cells[from].col;
			l->n = from - l->first;
			l->width = base;
			new_line(b, lo->cells[from].cp, 1);
			l = cur_line(b);
			l->first = from;
			l->n = lo->ncells - from;
			for (size_t k = from; k < lo->ncells; k++)
				lo->cells[k].col = (uint16_t)(lo->cells[k].col - base);
			b->col = 0;
			for (size_t k = from; k < lo->ncells; k++)
				b->col += lo->cells[k].width;
		}
		if (b->col + w > b->width && l->n > 0) {
			/* No place to break: split the word here. */
			new_line(b, NONE, 1); /* its start is set from the cell */
			l = cur_line(b);
		}
	}
	struct layout_cell *c = push_cell(b);
	l = cur_line(b);
	c->col = (uint16_t)b->col;
	c->width = (uint8_t)(w > 255 ? 255 : w);
	b->col += w;
	l->n++;
	l->width = b->col;
	b->after_blank = 0;
	b->prev_wide = 0;
	return c;
}

/* Set a fresh line's start from its first cell. */
static void fix_line_start(struct builder *b, const struct layout_cell *c)
{
	struct layout_line *l = cur_line(b);
	if (l->cp_start == NONE)
		l->cp_start = c->cp;
}

/* Decorations "[" or "]LABEL" of span s at boundary cp. */
static void decorate(struct builder *b, int32_t s, size_t cp, int open)
{
	const char *label = b->spans[s].label;
	struct layout_glyph g;
	if (open) {
		int may = b->after_blank || b->prev_wide;
		struct layout_cell *c = place(b, 1, may);
		c->cp = (uint32_t)cp;
		c->kind = LAYOUT_OPEN;
		c->span = s;
		g.s = "[";
		g.len = 1;
		cell_bytes(b, c, &g);
		fix_line_start(b, c);
		b->glue = 1;
		return;
	}
	struct buf t = BUF_INIT;
	buf_addc(&t, ']');
	buf_adds(&t, label);
	for (size_t i = 0; i < t.len;) {
		i = layout_glyph(t.data, t.len, i, b->ascii, &g);
		int w = g.kind == LAYOUT_TEXT || g.kind == LAYOUT_SYMBOL ? g.width : 1;
		if (g.kind != LAYOUT_TEXT && g.kind != LAYOUT_SYMBOL) {
			g.s = " ";
			g.len = 1;
		}
		struct layout_cell *c = place(b, w, 0);
		c->cp = (uint32_t)cp;
		c->kind = LAYOUT_CLOSE;
		c->span = s;
		/* g.s may point into t, which is not the text: always pooled. */
		c->off = (uint32_t)b->lo->pool.len;
		c->flags |= LAYOUT_POOL;
		buf_add(&b->lo->pool, g.s, g.len);
		c->len = (uint16_t)g.len;
		fix_line_start(b, c);
	}
	buf_free(&t);
}

/* Span order for opening: by start, longer (outer) first. */
static const struct layout_span *sort_spans;
static int cmp_open(const void *pa, const void *pb)
{
	const struct layout_span *a = &sort_spans[*(const int32_t *)pa];
	const struct layout_span *b = &sort_spans[*(const int32_t *)pb];
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	return *(const int32_t *)pa - *(const int32_t *)pb;
}

void layout_build(struct layout *lo, const char *text, size_t len,
                  const struct layout_span *spans, size_t nspans,
                  const struct layout_opts *o)
{
	lo->text = text;
	lo->text_len = len;
	lo->ncells = 0;
	lo->nlines = 0;
	buf_clear(&lo->pool);

	struct builder b = { 0 };
	b.lo = lo;
	b.spans = spans;
	b.width = o->width > 0 ? o->width : 1;
	b.tab = o->tab > 0 ? o->tab : 8;
	b.ascii = o->ascii;
	b.markup = o->markup;

	int32_t *ord = xmalloc((nspans + 1) * sizeof *ord);
	int32_t *active = xmalloc((nspans + 1) * sizeof *active);
	size_t nactive = 0, next = 0;
	for (size_t k = 0; k < nspans; k++)
		ord[k] = (int32_t)k;
	sort_spans = spans;
	qsort(ord, nspans, sizeof *ord, cmp_open);

	new_line(&b, 0, 0);
	size_t cp = 0;
	struct layout_glyph g;
	for (size_t i = 0;; ) {
		size_t e = i < len ? layout_glyph(text, len, i, b.ascii, &g) : len;
		size_t ncp = text_cp_len(text + i, e - i);

		/* Close the spans that end here, innermost (latest start) first. */
		for (;;) {
			size_t best = NONE;
			for (size_t k = 0; k < nactive; k++) {
				const struct layout_span *s = &spans[active[k]];
				if ((s->end <= cp || i >= len) &&
				    (best == NONE || s->start > spans[active[best]].start ||
				     (s->start == spans[active[best]].start &&
				      s->end < spans[active[best]].end)))
					best = k;
			}
			if (best == NONE)
				break;
			int32_t s = active[best];
			active[best] = active[--nactive];
			if (b.markup && spans[s].label)
				decorate(&b, s, cp, 0);
		}
		if (i >= len)
			break;
		/* Open the spans that start in this cluster, outer first. */
		while (next < nspans && spans[ord[next]].start < cp + ncp) {
			int32_t s = ord[next++];
			if (spans[s].end <= cp || spans[s].end <= spans[s].start)
				continue;
			active[nactive++] = s;
			if (b.markup && spans[s].label)
				decorate(&b, s, cp, 1);
		}
		int32_t inner = -1;
		for (size_t k = 0; k < nactive; k++) {
			const struct layout_span *s = &spans[active[k]];
			if (inner < 0 || s->start > spans[inner].start ||
			    (s->start == spans[inner].start && s->end < spans[inner].end))
				inner = active[k];
		}

		if (g.kind == LAYOUT_NEWLINE) {
			struct layout_line *l = cur_line(&b);
			if (b.soft && l->n == 0) {
				/* A wrap right before the newline: no empty line. */
				l->cp_start = cp + ncp;
				b.soft = 0;
			} else {
				new_line(&b, cp + ncp, 0);
			}
		} else if (g.kind == LAYOUT_SPACE || g.kind == LAYOUT_TAB) {
			struct layout_line *l = cur_line(&b);
			int w = g.kind == LAYOUT_TAB ? b.tab - b.col % b.tab : g.width;
			if (b.soft && l->n == 0) {
				l->cp_start = cp + ncp; /* blanks at a wrap are swallowed */
			} else if (b.col + w > b.width) {
				new_line(&b, cp + ncp, 1);
			} else {
				struct layout_cell *c = push_cell(&b);
				c->cp = (uint32_t)cp;
				c->ncp = (uint32_t)ncp;
				c->col = (uint16_t)b.col;
				c->width = (uint8_t)w;
				c->kind = (uint8_t)g.kind;
				c->span = inner;  /* drawn as spaces: no bytes */
				b.col += w;
				l = cur_line(&b);
				l->n++;
				l->width = b.col;
				b.after_blank = 1;
				b.prev_wide = 0;
				b.glue = 0;
			}
		} else {
			int may = b.after_blank || b.prev_wide || g.breakable;
			struct layout_cell *c = place(&b, g.width, may);
			c->cp = (uint32_t)cp;
			c->ncp = (uint32_t)ncp;
			c->kind = (uint8_t)g.kind;
			c->span = inner;
			cell_bytes(&b, c, &g);
			fix_line_start(&b, c);
			b.prev_wide = g.kind == LAYOUT_TEXT && g.width > 1;
		}
		cp += ncp;
		i = e;
	}
	/* A wrap at the very end leaves an empty line behind: drop it. */
	if (lo->nlines > 1 && b.soft && cur_line(&b)->n == 0)
		lo->nlines--;
	for (size_t k = 0; k < lo->nlines; k++)
		if (lo->lines[k].cp_start == NONE)
			lo->lines[k].cp_start = k ? lo->lines[k - 1].cp_start : 0;
	free(ord);
	free(active);
}

void layout_finish(struct layout *lo)
{
	free(lo->cells);
	free(lo->lines);
	buf_free(&lo->pool);
	memset(lo, 0, sizeof *lo);
}

const char *layout_cell_bytes(const struct layout *lo, const struct layout_cell *c)
{
	return (c->flags & LAYOUT_POOL) ? lo->pool.data + c->off : lo->text + c->off;
}

size_t layout_line_of(const struct layout *lo, size_t cp)
{
	size_t a = 0, z = lo->nlines; /* the answer is in [a, z) */
	while (z - a > 1) {
		size_t m = a + (z - a) / 2;
		if (lo->lines[m].cp_start <= cp)
			a = m;
		else
			z = m;
	}
	return a;
}

int layout_col_of(const struct layout *lo, size_t line, size_t cp)
{
	const struct layout_line *l = &lo->lines[line];
	for (size_t k = l->first; k < l->first + l->n; k++) {
		const struct layout_cell *c = &lo->cells[k];
		if (c->ncp > 0 && cp < (size_t)c->cp + c->ncp)
			return c->col;
	}
	return l->width;
}

/* ---- words ---------------------------------------------------------- */

enum wclass { W_BLANK, W_WORD, W_WIDE, W_JOIN, W_OTHER };

static enum wclass word_class(const char *s, size_t len, size_t i, size_t e)
{
	size_t j = i;
	int32_t c = text_decode(s, len, &j);
	if (c == '\n' || c == '\r' || c == '\t' || (text_is_space(c) && !text_is_control(c)))
		return W_BLANK;
	if (text_is_letter(c) || text_is_number(c) || text_is_mark(c) || c == '_')
		return text_grapheme_width(s + i, e - i) > 1 ? W_WIDE : W_WORD;
	if (text_is_apostrophe(c) || c == '-' || c == 0x2010 || c == 0x2011 || c == '.' ||
	    c == '&')
		return W_JOIN;
	return W_OTHER;
}

size_t layout_words(const char *text, size_t len, struct layout_word **out)
{
	struct layout_word *v = NULL;
	size_t n = 0, cap = 0;
	size_t cp = 0, i = 0;
	size_t wstart = NONE; /* start of the word being read */
	while (i < len) {
		size_t e = text_grapheme_end(text, len, i);
		size_t ncp = text_cp_len(text + i, e - i);
		enum wclass k = word_class(text, len, i, e);
		if (k == W_JOIN && wstart != NONE && e < len) {
			size_t e2 = text_grapheme_end(text, len, e);
			if (word_class(text, len, e, e2) == W_WORD) {
				cp += ncp; /* inner joiner: the word goes on */
				i = e;
				continue;
			}
		}
		if (k != W_WORD && wstart != NONE) {
			v = xgrow(v, &cap, n + 1, sizeof *v);
			v[n].start = wstart;
			v[n++].end = cp;
			wstart = NONE;
		}
		if (k == W_WORD) {
			if (wstart == NONE)
				wstart = cp;
		} else if (k != W_BLANK) {
			v = xgrow(v, &cap, n + 1, sizeof *v);
			v[n].start = cp;
			v[n++].end = cp + ncp;
		}
		cp += ncp;
		i = e;
	}
	if (wstart != NONE) {
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n].start = wstart;
		v[n++].end = cp;
	}
	*out = v;
	return n;
}

size_t layout_review_words(const char *t, size_t len, struct layout_word **out)
{
	struct layout_word *w;
	size_t n = layout_words(t, len, &w), k = 0, b = 0, cp = 0;
	for (size_t i = 0; i < n; i++) {
		/* byte offsets of the word's start and end, moving forward */
		for (; cp < w[i].start; cp++)
			text_decode(t, len, &b);
		size_t bs = b;
		for (; cp < w[i].end; cp++)
			text_decode(t, len, &b);
		if (text_span_edge_ok(t, len, bs, 0) && text_span_edge_ok(t, len, b, 1)) {
			w[k++] = w[i];
		} else if (k > 0 && w[k - 1].end == w[i].start && text_span_edge_ok(t, len, b, 1)) {
			w[k - 1].end = w[i].end; /* "Z" "." */
		}
	}
	*out = w;
	return k;
}

size_t layout_word_at(const struct layout_word *w, size_t n, size_t cp)
{
	size_t a = 0, z = n; /* first word whose end is past cp */
	while (a < z) {
		size_t m = a + (z - a) / 2;
		if (w[m].end <= cp)
			a = m + 1;
		else
			z = m;
	}
	return a;
}
