/*
 * draw.c: colours, attributes and safe text drawing (see draw.h).
 */
#include "config.h"
#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "layout.h"
#include "text/text.h"
#include "view.h"
#include "lib/util.h"

static const char *const colour_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* Colour pairs, allocated on first use: pairs[i] holds pair i + 1. */
static struct { short fg, bg; } pairs[256];
static int npairs;

/* The colour number of a colour name ("cyan", "bright-red", "208"),
 * or -1 for the terminal's default / an unknown name. */
static int draw_parse_colour(const char *name)
{
	char *end;
	long n = strtol(name, &end, 10);
	if (end != name && *end == '\0')
		return n >= 0 && n <= 255 ? (int)n : -1;
	int bright = 0;
	if (strncmp(name, "bright", 6) == 0) {
		bright = 8;
		name += 6;
		if (*name == '-' || *name == '_' || *name == ' ')
			name++;
	}
	for (int i = 0; i < 8; i++)
		if (strcmp(name, colour_names[i]) == 0)
			return i + bright;
	if (!bright && (strcmp(name, "grey") == 0 || strcmp(name, "gray") == 0))
		return 8;
	return -1;
}

/* The red, green and blue of xterm's colour n (0..255). */
static void xterm_rgb(int n, int rgb[3])
{
	static const int basic[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
		{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
		{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
		{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
	};
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };
	if (n < 16) {
		memcpy(rgb, basic[n], sizeof basic[n]);
	} else if (n < 232) {
		n -= 16;
		rgb[0] = level[n / 36];
		rgb[1] = level[(n / 6) % 6];
		rgb[2] = level[n % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (n - 232);
	}
}

/* Colour n on this terminal: itself when it has it, else the nearest of
 * the colours it has (the first 8 or 16 of xterm's palette). */
static short fit_colour(int n)
{
	if (n < 0)
		return -1;
	if (n < COLORS)
		return (short)n;
	int have = COLORS >= 16 ? 16 : 8, rgb[3], best = 7;
	long bestd = -1;
	xterm_rgb(n, rgb);
	for (int i = 0; i < have; i++) {
		int c[3];
		xterm_rgb(i, c);
		long d = 0;
		for (int k = 0; k < 3; k++)
			d += (long)(rgb[k] - c[k]) * (rgb[k] - c[k]);
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return (short)best;
}

/* The pair for fg on bg (-1: default), allocated on first use; 0 when
 * colours are off or the terminal has no pair left. */
static short pair_of(const struct ui *ui, int fg, int bg)
{
	if (!ui->colour)
		return 0;
	short f = fit_colour(fg), b = fit_colour(bg);
	for (int i = 0; i < npairs; i++)
		if (pairs[i].fg == f && pairs[i].bg == b)
			return (short)(i + 1);
	if (npairs + 1 >= COLOR_PAIRS || npairs >= (int)ARRAY_SIZE(pairs))
		return 0;
	if (init_pair((short)(npairs + 1), f, b) == ERR)
		return 0;
	pairs[npairs].fg = f;
	pairs[npairs].bg = b;
	return (short)++npairs;
}

/* What the rc file's "color" lines set: a style's or a type's look on
 * this terminal (draw_set_style, draw_set_type). */
struct look {
	int set;
	int fg, bg;         /* colour numbers, -1 the terminal's default */
	attr_t attr;
};
static struct look styles[DS_COUNT];
static struct look *type_looks;     /* by type index */
static size_t ntype_looks, cap_type_looks;

/* Colour name (draw_parse_colour's, or "default") into *out; -1 with
 * err_set() when it is none. */
static int colour_value(const char *name, int *out)
{
	if (strcmp(name, "default") == 0) {
		*out = -1;
		return 0;
	}
	*out = draw_parse_colour(name);
	if (*out < 0) {
		err_set(_("'%s' is not a colour (a name such as red or bright-blue, default, or "
		          "0-255)"), name);
		return -1;
	}
	return 0;
}

/* Fill look l from fg and bg (NULL: default). */
static int look_parse(struct look *l, const char *fg, const char *bg, attr_t attr)
{
	struct look n = { 1, -1, -1, attr };
	if (colour_value(fg, &n.fg) < 0 || (bg && colour_value(bg, &n.bg) < 0))
		return -1;
	*l = n;
	return 0;
}

int draw_set_style(enum draw_style s, const char *fg, const char *bg, attr_t attr)
{
	return look_parse(&styles[s], fg, bg, attr);
}

int draw_set_type(int type, const char *fg, const char *bg, attr_t attr)
{
	struct look l;
	if (type < 0 || look_parse(&l, fg, bg, attr) < 0)
		return -1;
	if ((size_t)type >= ntype_looks) {
		type_looks = xgrow(type_looks, &cap_type_looks, (size_t)type + 1, sizeof *type_looks);
		memset(type_looks + ntype_looks, 0, ((size_t)type + 1 - ntype_looks) * sizeof *type_looks);
		ntype_looks = (size_t)type + 1;
	}
	type_looks[type] = l;
	return 0;
}

void draw_init(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");
	npairs = 0;
	ui->colour = 0;
	if (!(nc && nc[0]) && has_colors() && start_color() != ERR && COLORS >= 8) {
		ui->colour = 1;
		use_default_colors();
	}
	ui->markup = !ui->colour;
}

void draw_finish(void)
{
	npairs = 0;
	memset(styles, 0, sizeof styles);
	free(type_looks);
	type_looks = NULL;
	ntype_looks = cap_type_looks = 0;
}

struct draw_attr draw_style(const struct ui *ui, enum draw_style s)
{
	struct draw_attr a = { A_NORMAL, 0 };
	switch (s) {
	case DS_NORMAL:
		break;
	case DS_TITLE:
		a.attr = A_REVERSE | A_BOLD;
		break;
	case DS_STATUS:
		a.attr = A_REVERSE;
		break;
	case DS_HEADER:
		a.attr = A_BOLD;
		break;
	case DS_ROW:
	case DS_CURSOR:
		a.attr = A_REVERSE;
		break;
	case DS_MATCH:
		if (ui->colour)
			a.pair = pair_of(ui, COLOR_BLACK, COLOR_YELLOW);
		else
			a.attr = A_BOLD | A_UNDERLINE;
		break;
	case DS_TEXT_MATCH:
		/* entities are bold, underlined or dim: a match is reversed */
		if (ui->colour)
			a.pair = pair_of(ui, COLOR_BLACK, COLOR_YELLOW);
		else
			a.attr = A_REVERSE;
		break;
	case DS_ERROR:
		a.attr = A_BOLD;
		a.pair = pair_of(ui, COLOR_RED, -1);
		break;
	case DS_DIM:
		a.attr = A_DIM;
		break;
	case DS_SELECT:
		if (ui->colour)
			a.pair = pair_of(ui, COLOR_WHITE, COLOR_BLUE);
		else
			a.attr = A_UNDERLINE | A_BOLD;
		break;
	case DS_COUNT:
		break;
	}
	if (styles[s].set) {
		a.attr = styles[s].attr;
		a.pair = styles[s].fg < 0 && styles[s].bg < 0 ? 0
		                                              : pair_of(ui, styles[s].fg, styles[s].bg);
	}
	return a;
}

struct draw_attr draw_entity(const struct ui *ui, int type, enum entity_status status)
{
	struct draw_attr a = { A_NORMAL, 0 };
	int colour = -1;
	if (type >= 0 && (size_t)type < ui->ntypes) {
		colour = draw_parse_colour(ui->types[type].colour);
		a.pair = pair_of(ui, colour, -1);
	}
	a.attr = status == ENT_ACCEPTED ? A_BOLD : status == ENT_SUGGESTED ? A_UNDERLINE : A_DIM;
	if (type >= 0 && (size_t)type < ntype_looks && type_looks[type].set) {
		/* the rc file's look: its colours, its attributes as well */
		colour = type_looks[type].fg;
		a.pair = pair_of(ui, colour, type_looks[type].bg);
		a.attr |= type_looks[type].attr;
	}
	/* A colour this terminal lacks becomes the nearest it has (orange
	 * red, grey white on 8 colours): dim tells it from the type that has
	 * that colour. */
	if (ui->colour && colour >= COLORS)
		a.attr |= A_DIM;
	return a;
}

void draw_fill(int y, int x, int w, struct draw_attr a)
{
	cchar_t cc;
	wchar_t sp[2] = { L' ', 0 };
	setcchar(&cc, sp, a.attr, a.pair, NULL);
	for (int i = 0; i < w; i++)
		mvadd_wch(y, x + i, &cc);
}

void draw_glyph(const struct ui *ui, int y, int x, const char *s, size_t len,
                struct draw_attr a)
{
	wchar_t wc[CCHARW_MAX + 1];
	size_t n = 0, i = 0;
	cchar_t cc;
	while (i < len && n < CCHARW_MAX)
		wc[n++] = (wchar_t)text_decode(s, len, &i);
	wc[n] = 0;
	if (n == 0)
		return;
	/* A character the C library cannot show: the replacement character. */
	if (!ui->ascii && wc[0] >= 0x80 && wcwidth(wc[0]) < 0) {
		wc[0] = 0xFFFD;
		wc[1] = 0;
	}
	if (setcchar(&cc, wc, a.attr, a.pair, NULL) == ERR) {
		/* A cell holds one spacing character and its non-spacing marks;
		 * the C library finds more in this cluster (an Indic spacing
		 * vowel sign, a flag, an emoji sequence) than utf8proc, whose
		 * width the layout uses: keep the base and its marks. */
		size_t k = 1;
		for (size_t j = 1; j < n; j++)
			if (wcwidth(wc[j]) == 0)
				wc[k++] = wc[j];
		wc[k] = 0;
		if (setcchar(&cc, wc, a.attr, a.pair, NULL) == ERR) {
			wc[1] = 0;
			if (setcchar(&cc, wc, a.attr, a.pair, NULL) == ERR)
				return;
		}
	}
	mvadd_wch(y, x, &cc);
}

void draw_symbol(const struct ui *ui, int y, int x, const char *s, size_t len,
                 struct draw_attr a)
{
	for (size_t i = 0; i < len;) {
		size_t e = text_grapheme_end(s, len, i);
		draw_glyph(ui, y, x++, s + i, e - i, a);
		i = e;
	}
}

/* Whether the cluster s[0..len) is one invisible format character. */
static int is_format(const char *s, size_t len)
{
	size_t i = 0;
	int32_t c = text_decode(s, len, &i);
	return i == len && text_is_format(c);
}

/* The width of s as draw_str draws it without format characters. */
static int str_width(const struct ui *ui, const char *s, size_t len)
{
	int w = 0;
	struct layout_glyph g;
	for (size_t i = 0; i < len;) {
		size_t start = i;
		i = layout_glyph(s, len, i, ui->ascii, &g);
		if (!is_format(s + start, i - start))
			w += g.kind == LAYOUT_TAB || g.kind == LAYOUT_NEWLINE ? 1 : g.width;
	}
	return w;
}

int draw_str(const struct ui *ui, int y, int x, int maxw, const char *s, size_t len,
             struct draw_attr a, int flags, const size_t *marks, size_t nmarks,
             struct draw_attr markattr)
{
	if (maxw <= 0)
		return 0;
	int total = (flags & DRAW_NO_FORMAT) ? str_width(ui, s, len) : layout_width(s, len, ui->ascii);
	int limit = maxw;
	const char *ell = ui->ascii ? "~" : "\xE2\x80\xA6";
	if ((flags & DRAW_ELLIPSIS) && total > maxw)
		limit = maxw - 1;
	int col = 0;
	size_t m = 0;
	struct layout_glyph g;
	for (size_t i = 0; i < len;) {
		size_t start = i;
		i = layout_glyph(s, len, i, ui->ascii, &g);
		if ((flags & DRAW_NO_FORMAT) && is_format(s + start, i - start))
			continue;
		int w = g.kind == LAYOUT_TAB || g.kind == LAYOUT_NEWLINE ? 1 : g.width;
		if (col + w > limit)
			break;
		while (m < nmarks && marks[2 * m + 1] <= start)
			m++;
		struct draw_attr at = a;
		if (m < nmarks && marks[2 * m] <= start) {
			at = markattr;
			at.attr |= a.attr & ~A_COLOR;
		}
		if (g.kind == LAYOUT_SYMBOL)
			draw_symbol(ui, y, x + col, g.s, g.len, at);
		else if (g.kind == LAYOUT_TEXT)
			draw_glyph(ui, y, x + col, g.s, g.len, at);
		else
			draw_fill(y, x + col, w, at);
		col += w;
	}
	if ((flags & DRAW_ELLIPSIS) && total > maxw) {
		draw_glyph(ui, y, x + col, ell, strlen(ell), a);
		col++;
	}
	return col;
}

/* The bytes of the first cut grapheme clusters of name (all for 0). */
static size_t name_cut(const char *name, int cut)
{
	size_t len = strlen(name), e = 0;
	if (cut == 0)
		return len;
	for (int k = 0; k < cut && e < len; k++)
		e = text_grapheme_end(name, len, e);
	return e;
}

/* The legend's width with names cut to cut clusters (0: whole). */
static int legend_width(const struct ui *ui, int cut)
{
	int width = 0;
	for (size_t i = 0; i < ui->ntypes; i++) {
		const struct entity_type *t = &ui->types[i];
		if (t->hotkey < 1 || t->hotkey > 9)
			continue;
		width += (width ? 1 : 0) + 2 +
		         layout_width(t->name, name_cut(t->name, cut), ui->ascii);
	}
	return width;
}

int draw_legend(const struct ui *ui, int y, int xend, int maxw, struct draw_attr bar)
{
	/* the whole names, else their first three letters, else the first
	 * (the keys are what matters), else a hint at where the types are */
	static const int cuts[] = { 0, 3, 1 };
	int cut = -1, width = 0;
	for (size_t k = 0; k < ARRAY_SIZE(cuts) && cut < 0; k++)
		if ((width = legend_width(ui, cuts[k])) <= maxw)
			cut = cuts[k];
	if (cut < 0) {
		int menu = ui_key_column(ui) == AV_ARTICLE;
		char *hint = xasprintf(_("%s: types"), ui_action_key(menu ? ACT_TYPE_MENU : ACT_HELP));
		int w = layout_width(hint, strlen(hint), ui->ascii);
		if (w <= maxw)
			draw_str(ui, y, xend - w, w, hint, strlen(hint), bar, 0, NULL, 0, bar);
		free(hint);
		return w <= maxw ? w : 0;
	}
	int x = xend - width;
	for (size_t i = 0; i < ui->ntypes; i++) {
		const struct entity_type *t = &ui->types[i];
		if (t->hotkey < 1 || t->hotkey > 9)
			continue;
		char key[4];
		snprintf(key, sizeof key, "%d ", t->hotkey);
		x += draw_str(ui, y, x, 2, key, 2, bar, 0, NULL, 0, bar);
		struct draw_attr ta = bar;
		if (ui->colour) {
			/* the name in its colour, on the bar's (reversed) ground */
			ta = draw_entity(ui, (int)i, ENT_ACCEPTED);
			ta.attr |= A_REVERSE;
		}
		x += draw_str(ui, y, x, xend - x, t->name, name_cut(t->name, cut), ta, 0, NULL, 0,
		              ta);
		if (x < xend)
			x++;
	}
	return width;
}

void draw_too_small(const struct ui *ui)
{
	char *lines[3];
	lines[0] = xstrdup(_("Terminal too small."));
	lines[1] = xasprintf(_("It is %dx%d; nerve needs %dx%d."), ui->cols, ui->rows,
	                     UI_MIN_COLS, UI_MIN_ROWS);
	lines[2] = xstrdup(_("Enlarge it, or press q to quit."));
	struct draw_attr a = draw_style(ui, DS_NORMAL);
	int y = 0;
	for (size_t k = 0; k < ARRAY_SIZE(lines); k++) {
		/* wrap each line at the screen's width, at blanks */
		const char *p = lines[k];
		while (*p && y < ui->rows) {
			size_t fit = 0, e = 0;
			for (;;) {
				while (p[e] == ' ')
					e++;
				while (p[e] && p[e] != ' ')
					e++;
				if (layout_width(p, e, ui->ascii) > ui->cols)
					break;
				fit = e;
				if (!p[e])
					break;
			}
			if (fit == 0)
				fit = e; /* one word wider than the screen: clipped */
			draw_str(ui, y++, 0, ui->cols, p, fit, a, 0, NULL, 0, a);
			p += fit;
			while (*p == ' ')
				p++;
		}
		free(lines[k]);
	}
}

void draw_describe(attr_t a, short pair, char *out, size_t size)
{
	static const struct { attr_t bit; const char *name; } names[] = {
		{ A_BOLD, "bold" }, { A_DIM, "dim" }, { A_ITALIC, "italic" },
		{ A_UNDERLINE, "underline" }, { A_REVERSE, "reverse" }, { A_BLINK, "blink" },
	};
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (a & names[i].bit) {
			if (b.len)
				buf_addc(&b, ',');
			buf_adds(&b, names[i].name);
		}
	}
	if (pair > 0) {
		short fg = -1, bg = -1;
		pair_content(pair, &fg, &bg);
		char f[16], g[16];
		if (fg < 0)
			snprintf(f, sizeof f, "default");
		else if (fg < 8)
			snprintf(f, sizeof f, "%s", colour_names[fg]);
		else
			snprintf(f, sizeof f, "%d", fg);
		if (bg < 0)
			snprintf(g, sizeof g, "default");
		else if (bg < 8)
			snprintf(g, sizeof g, "%s", colour_names[bg]);
		else
			snprintf(g, sizeof g, "%d", bg);
		buf_printf(&b, "%sfg=%s bg=%s", b.len ? " " : "", f, g);
	}
	snprintf(out, size, "%s", b.data ? b.data : "");
	buf_free(&b);
}

const char *draw_date(const char *published, char out[DRAW_DATE_SIZE])
{
	static const char *const months[12] = {
		N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
		N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
	};
	int m, d;
	char rest;
	if (strncmp(published, "--", 2) != 0 ||
	    sscanf(published + 2, "%2d-%2d%c", &m, &d, &rest) != 2 || m < 1 || m > 12 || d < 1 ||
	    d > 31)
		return published;
	snprintf(out, DRAW_DATE_SIZE, "%d %s", d, _(months[m - 1]));
	return out;
}
