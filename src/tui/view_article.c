/*
 * view_article.c: one article with its entities inline (see view.h).
 *
 * The text is laid out by layout.c for the window's width (again after a
 * resize or a change of entities); a word cursor moves over the words of
 * layout_review_words() (layout_words() without the punctuation a span never
 * begins or ends with), and the entity under it (or the one Tab, J or K
 * went to) is focused.  The cursor is a word index, so it stays on its
 * word when the layout changes.  Search (/, n, N) finds each term of the
 * query in the folded text (case and diacritics ignored).
 *
 * Editing (the keys of DESIGN.md section 7): each key is one call of the
 * annotation core (annotate.h), which commits before it returns; then the
 * article's entities and review state are re-read and the screen drawn,
 * so what the screen shows is on disk.  A refused edit or a database
 * error shows on the message line and changes nothing.  After a decision
 * the focus moves on to the next suggestion still to decide (the
 * auto-advance option).  Words for the edges of entities ([ ] { }) and
 * for '*' are the cursor's words (and the parts of hyphenated compounds
 * and possessives).  v starts a selection that the cursor's moves extend
 * (H and L by a character); a type key labels it.  D asks what to do
 * with undecided suggestions, then shows the next article of the list's
 * order in this same view.  The type menu (t) is view_menu.c, the list
 * of the article's entities (E) view_entities.c.  Changes committed by
 * another process are re-read when the screen is next drawn (ui_draw
 * watches the store's data version).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "edit/annotate.h"
#include "edit/learn.h"
#include "edit/learn.h"
#include "layout.h"
#include "menu.h"
#include "store/store_browse.h"
#include "store/store.h"
#include "text/text.h"
#include "ui.h"
#include "view.h"
#include "lib/util.h"

#define NONE ((size_t)-1)

struct range {
	size_t start, end;          /* code points */
};

struct article_view {
	struct ui *ui;              /* the browser it is in (borrowed) */
	struct article a;
	struct entity_list ents;    /* every entity, by start */
	int *ent_type;              /* type index of each entity (-1 unknown) */
	struct layout_span *spans;  /* the highlighted (not rejected) entities */
	int32_t *span_ent;          /* entity of each span */
	char **labels;              /* markup label of each span (owned) */
	size_t nspans;

	struct layout lo;
	int lo_width;               /* width the layout is for; 0 when stale */
	int lo_markup;
	struct layout_word *words;
	size_t nwords;

	size_t cur;                 /* cursor: a word index (nwords: none) */
	int goal;                   /* column j/k aim for, or -1 */
	size_t top;                 /* first line on the screen */
	int64_t focus;              /* focused entity id, or 0 */
	struct range sel;           /* the selection (start == end: none) */

	struct annot an;            /* the editing session (who decides) */
	char *wordmark;             /* per byte offset of the text: 1 where a word
	                               starts or ends (the edges of [ ] { } and *) */
	int selecting;              /* v: the selection follows the cursor */
	size_t anchor;              /* the word where the selection started */
	int shift;                  /* H and L: grapheme clusters taken from (< 0) or
	                               added to (> 0) the selection's end */
	struct type_menu *menu;     /* the type menu while it is open */

	char *search;               /* the search as typed, or NULL */
	struct range *matches;
	size_t nmatches, capmatches;
	/* the text folded for searching, with the code point range of the
	 * cluster each folded byte came from; built on the first search */
	char *fold;
	size_t fold_len;
	struct range *fold_map;
};

static size_t view_height(const struct ui *ui)
{
	return ui->rows > 3 ? (size_t)(ui->rows - 3) : 1;
}

/* ---- entities and layout -------------------------------------------- */

static void free_spans(struct article_view *av)
{
	for (size_t i = 0; i < av->nspans; i++)
		free(av->labels[i]);
	free(av->labels);
	free(av->spans);
	free(av->span_ent);
	free(av->ent_type);
	av->labels = NULL;
	av->spans = NULL;
	av->span_ent = NULL;
	av->ent_type = NULL;
	av->nspans = 0;
}

/* Whether entity e is highlighted: suggested and accepted ones are, and
 * rejected ones while the show-rejected option (R) is on. */
static int shown(const struct article_view *av, const struct entity *e)
{
	return e->status != ENT_REJECTED || av->ui->opts.v[OPTION_SHOW_REJECTED];
}

/* Spans for the layout from the entities. */
static void make_spans(struct article_view *av)
{
	struct ui *ui = av->ui;
	free_spans(av);
	size_t n = av->ents.n;
	av->ent_type = xmalloc((n + 1) * sizeof *av->ent_type);
	av->spans = xmalloc((n + 1) * sizeof *av->spans);
	av->span_ent = xmalloc((n + 1) * sizeof *av->span_ent);
	av->labels = xmalloc((n + 1) * sizeof *av->labels);
	for (size_t i = 0; i < n; i++) {
		const struct entity *e = &av->ents.v[i];
		av->ent_type[i] = ui_type_index(ui, e->type);
		if (!shown(av, e))
			continue;
		size_t k = av->nspans++;
		av->spans[k].start = (size_t)e->start;
		av->spans[k].end = (size_t)e->end;
		/* markup: a '?' after a suggestion's type, a '-' after a rejected one's */
		av->labels[k] = xasprintf("%s%s", e->type, e->status == ENT_SUGGESTED  ? "?"
		                                           : e->status == ENT_REJECTED ? "-"
		                                                                       : "");
		av->spans[k].label = av->labels[k];
		av->span_ent[k] = (int32_t)i;
	}
	av->lo_width = 0;
}

static size_t cursor_line(const struct article_view *av)
{
	if (av->cur >= av->nwords)
		return 0;
	return layout_line_of(&av->lo, av->words[av->cur].start);
}

/* Lay the text out for the current width; keep the cursor's line where
 * it was on the screen. */
static void ensure_layout(struct article_view *av)
{
	struct ui *ui = av->ui;
	if (av->lo_width == ui->cols && av->lo_markup == ui->markup)
		return;
	int had = av->lo_width != 0;
	size_t row = had ? cursor_line(av) - (cursor_line(av) >= av->top ? av->top : 0) : 0;
	struct layout_opts o = { .width = ui->cols, .ascii = ui->ascii, .markup = ui->markup };
	layout_build(&av->lo, av->a.text, av->a.text_len, av->spans, av->nspans, &o);
	av->lo_width = ui->cols;
	av->lo_markup = ui->markup;
	if (had) {
		size_t line = cursor_line(av);
		av->top = line > row ? line - row : 0;
	}
	av->goal = -1;
}

/* Keep the cursor's line on the screen. */
static void ensure_visible(struct article_view *av)
{
	struct ui *ui = av->ui;
	size_t h = view_height(ui), line = cursor_line(av);
	if (line < av->top)
		av->top = line;
	else if (line >= av->top + h)
		av->top = line - h + 1;
	if (av->top > 0 && av->top + h > av->lo.nlines)
		av->top = av->lo.nlines > h ? av->lo.nlines - h : 0;
	if (line < av->top)
		av->top = line;
}

/* The entity index focused for the cursor's word: the innermost
 * highlighted entity containing its start, or -1. */
static int entity_under_cursor(const struct article_view *av)
{
	if (av->cur >= av->nwords)
		return -1;
	size_t cp = av->words[av->cur].start;
	int best = -1;
	for (size_t i = 0; i < av->ents.n; i++) {
		const struct entity *e = &av->ents.v[i];
		if (!shown(av, e) || (size_t)e->start > cp || (size_t)e->end <= cp)
			continue;
		if (best < 0 || e->start > av->ents.v[best].start ||
		    (e->start == av->ents.v[best].start && e->end < av->ents.v[best].end))
			best = (int)i;
	}
	return best;
}

static void focus_from_cursor(struct article_view *av)
{
	int e = entity_under_cursor(av);
	av->focus = e >= 0 ? av->ents.v[e].id : 0;
}

static int focus_index(const struct article_view *av)
{
	for (size_t i = 0; av->focus && i < av->ents.n; i++)
		if (av->ents.v[i].id == av->focus)
			return (int)i;
	return -1;
}

/* The focused entity (borrowed, valid until the next reload), or NULL. */
static const struct entity *focused(const struct article_view *av)
{
	int i = focus_index(av);
	return i >= 0 ? &av->ents.v[i] : NULL;
}

/* Focus entity id (after an edit or an undo): the cursor goes to its
 * first word.  0 when it is not in the article (or rejected). */
static int focus_entity(struct article_view *av, int64_t id)
{
	for (size_t i = 0; i < av->ents.n; i++) {
		const struct entity *e = &av->ents.v[i];
		if (e->id != id || !shown(av, e))
			continue;
		size_t w = layout_word_at(av->words, av->nwords, (size_t)e->start);
		if (w < av->nwords)
			av->cur = w;
		av->goal = -1;
		av->focus = id;
		return 1;
	}
	return 0;
}

/* Re-read the article's entities from the store and lay it out again,
 * keeping the cursor on its word and the focus on its entity (when it
 * still exists).  The editing actions call it after each change. */
static int reload(struct article_view *av)
{
	struct ui *ui = av->ui;
	entity_list_finish(&av->ents);
	if (store_entities_of(ui->st, av->a.id, &av->ents) < 0) {
		ui_error(ui, "%s", err_msg());
		make_spans(av);
		return -1;
	}
	make_spans(av);
	int f = focus_index(av);
	if (f < 0 || !shown(av, &av->ents.v[f]))
		focus_from_cursor(av);
	/* the review state may have changed with the entities */
	enum article_state state;
	if (store_edit_state(ui->st, av->a.id, &state) == 0)
		av->a.state = state;
	return 0;
}

/* ---- search --------------------------------------------------------- */

static void build_fold(struct article_view *av)
{
	if (av->fold)
		return;
	struct buf b = BUF_INIT;
	struct range *map = NULL; /* the cluster of each folded byte */
	size_t cap = 0, cp = 0;
	const char *t = av->a.text;
	size_t len = av->a.text_len;
	for (size_t i = 0; i < len;) {
		size_t e = text_grapheme_end(t, len, i);
		size_t ncp = text_cp_len(t + i, e - i);
		size_t before = b.len;
		if (e - i == 1 && (unsigned char)t[i] < 0x80) {
			char c = t[i];
			buf_addc(&b, c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
		} else {
			size_t fl;
			char *f = text_fold(t + i, e - i, &fl);
			buf_add(&b, f, fl);
			free(f);
		}
		map = xgrow(map, &cap, b.len, sizeof *map);
		for (size_t k = before; k < b.len; k++) {
			map[k].start = cp;
			map[k].end = cp + ncp;
		}
		cp += ncp;
		i = e;
	}
	av->fold_len = b.len;
	av->fold = buf_steal(&b);
	av->fold_map = map;
}

static int cmp_range(const void *pa, const void *pb)
{
	const struct range *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

/* Find every occurrence of each term (words, or "quoted phrases") of
 * words in the article. */
static void find_matches(struct article_view *av, const char *words)
{
	av->nmatches = 0;
	build_fold(av);
	const char *p = words;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *s = p, *e;
		if (*p == '"') {
			s = p + 1;
			e = strchr(s, '"');
			if (!e)
				e = s + strlen(s);
			p = *e ? e + 1 : e;
		} else {
			e = p;
			while (*e && *e != ' ')
				e++;
			p = e;
		}
		size_t n = (size_t)(e - s);
		if (n > 1 && s[n - 1] == '*')
			n--; /* a prefix search is a substring search here anyway */
		if (n == 0)
			continue;
		size_t fl;
		char *f = text_fold(s, n, &fl);
		for (size_t at = 0; fl > 0 && at + fl <= av->fold_len;) {
			const char *hit = memmem(av->fold + at, av->fold_len - at, f, fl);
			if (!hit)
				break;
			size_t b = (size_t)(hit - av->fold);
			av->matches = xgrow(av->matches, &av->capmatches, av->nmatches + 1,
			                    sizeof *av->matches);
			av->matches[av->nmatches].start = av->fold_map[b].start;
			av->matches[av->nmatches++].end = av->fold_map[b + fl - 1].end;
			at = b + fl;
		}
		free(f);
	}
	if (av->nmatches > 1)
		qsort(av->matches, av->nmatches, sizeof *av->matches, cmp_range);
}

static void set_cursor_cp(struct article_view *av, size_t cp)
{
	size_t w = layout_word_at(av->words, av->nwords, cp);
	if (w >= av->nwords && av->nwords)
		w = av->nwords - 1;
	av->cur = w;
	av->goal = -1;
	focus_from_cursor(av);
}

/* Move to the next (previous) match after (before) the cursor, wrapping. */
static void search_step(struct article_view *av, int backward, int from_here)
{
	struct ui *ui = av->ui;
	if (!av->search) {
		ui_message(ui, _("no search yet (/ starts one)"));
		return;
	}
	if (av->nmatches == 0) {
		ui_message(ui, _("'%s' is not in this article"), av->search);
		return;
	}
	size_t cp = av->cur < av->nwords ? av->words[av->cur].start : 0;
	size_t hit = NONE;
	const char *wrapped = NULL;
	if (!backward) {
		for (size_t i = 0; i < av->nmatches && hit == NONE; i++)
			if (av->matches[i].start > cp || (from_here && av->matches[i].start >= cp))
				hit = i;
		if (hit == NONE) {
			hit = 0;
			wrapped = _("search went on from the top");
		}
	} else {
		for (size_t i = av->nmatches; i-- > 0 && hit == NONE;)
			if (av->matches[i].start < cp)
				hit = i;
		if (hit == NONE) {
			hit = av->nmatches - 1;
			wrapped = _("search went on from the end");
		}
	}
	char *where = xasprintf(_("match %zu of %zu"), hit + 1, av->nmatches);
	if (wrapped)
		ui_message(ui, "%s: %s", wrapped, where);
	else
		ui_message(ui, "%s", where);
	free(where);
	set_cursor_cp(av, av->matches[hit].start);
}

/* Esc with no selection: the search's highlight goes. */
static void clear_search(struct article_view *av)
{
	free(av->search);
	av->search = NULL;
	av->nmatches = 0;
	ui_message(av->ui, _("search cleared"));
}

static void set_search(struct article_view *av, const char *words)
{
	free(av->search);
	av->search = xstrdup(words);
	find_matches(av, words);
}

/* ---- moving --------------------------------------------------------- */

/* The first word starting at or after code point cp. */
static size_t word_from(const struct article_view *av, size_t cp)
{
	size_t a = 0, z = av->nwords;
	while (a < z) {
		size_t m = a + (z - a) / 2;
		if (av->words[m].start < cp)
			a = m + 1;
		else
			z = m;
	}
	return a;
}

/* The words that start on line l: [*a, *z). */
static void line_words(const struct article_view *av, size_t l, size_t *a, size_t *z)
{
	size_t s = av->lo.lines[l].cp_start;
	size_t e = l + 1 < av->lo.nlines ? av->lo.lines[l + 1].cp_start : (size_t)-1;
	*a = word_from(av, s);
	*z = e == (size_t)-1 ? av->nwords : word_from(av, e);
	if (*z < *a)
		*z = *a;
}

static int word_col(const struct article_view *av, size_t w)
{
	size_t cp = av->words[w].start;
	return layout_col_of(&av->lo, layout_line_of(&av->lo, cp), cp);
}

/* Put the cursor on a word of line l (the one nearest the goal column),
 * or of the nearest line in direction dir that has words.  Returns 0
 * when there is none. */
static int cursor_to_line(struct article_view *av, size_t l, int dir)
{
	if (av->goal < 0)
		av->goal = av->cur < av->nwords ? word_col(av, av->cur) : 0;
	for (;;) {
		if (l >= av->lo.nlines)
			return 0;
		size_t a, z;
		line_words(av, l, &a, &z);
		if (a < z) {
			size_t best = a;
			for (size_t w = a; w < z; w++)
				if (word_col(av, w) <= av->goal)
					best = w;
			av->cur = best;
			focus_from_cursor(av);
			return 1;
		}
		if (dir > 0)
			l++;
		else if (l-- == 0)
			return 0;
	}
}

static void move_line(struct article_view *av, int dir)
{
	struct ui *ui = av->ui;
	size_t l = cursor_line(av);
	int goal = av->goal;
	if (dir > 0 ? !cursor_to_line(av, l + 1, 1) : (l == 0 || !cursor_to_line(av, l - 1, -1))) {
		if (goal < 0)
			av->goal = -1;
		ui_message(ui, dir > 0 ? _("this is the end of the article")
		                       : _("this is the top of the article"));
	}
}

static void move_page(struct article_view *av, int dir)
{
	struct ui *ui = av->ui;
	size_t h = view_height(ui), n = av->lo.nlines;
	size_t maxtop = n > h ? n - h : 0;
	size_t top = av->top;
	size_t newtop = dir > 0 ? (top + h < maxtop ? top + h : maxtop) : (top > h ? top - h : 0);
	if (newtop == top) {
		/* at the edge already: the cursor goes to the first or last word */
		if (av->nwords) {
			size_t w = dir > 0 ? av->nwords - 1 : 0;
			if (w == av->cur)
				ui_message(ui, dir > 0 ? _("this is the end of the article")
				                       : _("this is the top of the article"));
			av->cur = w;
			av->goal = -1;
			focus_from_cursor(av);
		}
		return;
	}
	size_t line = cursor_line(av);
	size_t target = dir > 0 ? line + (newtop - top) : (line > top - newtop ? line - (top - newtop) : 0);
	if (target >= n)
		target = n - 1;
	av->top = newtop;
	if (!cursor_to_line(av, target, dir) && !cursor_to_line(av, target, -dir))
		return;
	/* keep the page where it was asked to be, the cursor on it */
	size_t cl = cursor_line(av);
	if (cl < av->top || cl >= av->top + h)
		cursor_to_line(av, dir > 0 ? av->top : av->top + h - 1, -dir);
}

/* Whether entity e is a stop of Tab (every highlighted entity) or, with
 * undecided, of J and K (the suggestions still to decide). */
static int is_stop(const struct article_view *av, const struct entity *e, int undecided)
{
	return undecided ? e->status == ENT_SUGGESTED : shown(av, e);
}

/* The index of the next (dir > 0) or previous stop after entity f (f < 0:
 * after code point cp), coming round from the other end (*wrapped set)
 * when there is none that way; -1 when there is no stop at all. */
static int next_stop(const struct article_view *av, int f, size_t cp, int dir, int undecided,
                     int *wrapped)
{
	int n = (int)av->ents.n;
	*wrapped = 0;
	if (dir > 0) {
		for (int i = f >= 0 ? f + 1 : 0; i < n; i++)
			if (is_stop(av, &av->ents.v[i], undecided) &&
			    (f >= 0 || (size_t)av->ents.v[i].start > cp))
				return i;
	} else {
		for (int i = f >= 0 ? f - 1 : n - 1; i >= 0; i--)
			if (is_stop(av, &av->ents.v[i], undecided) &&
			    (f >= 0 || (size_t)av->ents.v[i].end <= cp))
				return i;
	}
	*wrapped = 1;
	for (int k = 0; k < n; k++) {
		int i = dir > 0 ? k : n - 1 - k;
		if (is_stop(av, &av->ents.v[i], undecided))
			return i;
	}
	return -1;
}

/* Focus entity i, the cursor on its first word. */
static void focus_index_of(struct article_view *av, int i)
{
	const struct entity *e = &av->ents.v[i];
	size_t w = layout_word_at(av->words, av->nwords, (size_t)e->start);
	if (w < av->nwords)
		av->cur = w;
	av->goal = -1;
	av->focus = e->id;
}

/* Say that no suggestion is left to decide, after what the message line
 * already says, naming the key that marks the article done. */
static void none_left(struct article_view *av)
{
	struct ui *ui = av->ui;
	char *m = xasprintf(_("no suggestion is left to decide (%s marks the article done)"),
	                    ui_action_key(ACT_DONE));
	if (ui->msg.len && !ui->msg_error)
		ui_message(ui, "%s; %s", ui->msg.data, m);
	else
		ui_message(ui, "%s", m);
	free(m);
}

/* Tab and Shift-Tab: the next or previous highlighted entity; J and K
 * (undecided): the next or previous suggestion still to decide. */
static void entity_step(struct article_view *av, int dir, int undecided)
{
	struct ui *ui = av->ui;
	int f = focus_index(av), wrapped;
	size_t cp = av->cur < av->nwords ? av->words[av->cur].start : 0;
	int hit = next_stop(av, f, cp, dir, undecided, &wrapped);
	if (hit < 0) {
		if (undecided)
			none_left(av);
		else
			ui_message(ui, _("this article has no entities"));
		return;
	}
	if (hit == f) {
		ui_message(ui, undecided ? _("this is the only suggestion left to decide")
		                         : _("this is the only entity"));
		return;
	}
	if (wrapped) {
		if (undecided)
			ui_message(ui, dir > 0 ? _("back to the first suggestion to decide")
			                       : _("on to the last suggestion to decide"));
		else
			ui_message(ui, dir > 0 ? _("back to the first entity") : _("on to the last entity"));
	}
	focus_index_of(av, hit);
}

/* After a decision on entity id, with the auto-advance option: focus the
 * next suggestion to decide after it, or say that none is left. */
static void advance(struct article_view *av, int64_t id)
{
	if (!av->ui->opts.v[OPTION_AUTO_ADVANCE])
		return;
	int f = -1;
	for (size_t i = 0; i < av->ents.n; i++)
		if (av->ents.v[i].id == id)
			f = (int)i;
	int wrapped;
	int hit = f >= 0 ? next_stop(av, f, 0, 1, 1, &wrapped) : -1;
	if (hit < 0)
		none_left(av);
	else
		focus_index_of(av, hit);
}

/* ---- editing -------------------------------------------------------- */

/* The word boundaries of the view for the annotation core: where the
 * cursor's words start and end (a text of another length, which cannot
 * be this article's, gets the core's default). */
static int view_boundary(const char *text, size_t len, size_t b, void *arg)
{
	const struct article_view *av = arg;
	if (len != av->a.text_len)
		return annot_word_boundary(text, len, b, NULL);
	return b == 0 || b >= len || av->wordmark[b];
}

/* The boundaries for the annotation core: the edges of the cursor's
 * words, and both sides of a hyphen or an apostrophe inside one, so that
 * '*' finds "Azerbaijani" in "Azerbaijani-Turkish" and "Türkiye" in
 * "Türkiye's" (the cursor still takes those compounds as one word). */
static void build_wordmarks(struct article_view *av)
{
	const char *t = av->a.text;
	size_t len = av->a.text_len, b = 0, cp = 0;
	av->wordmark = xcalloc(len + 1, 1);
	for (size_t w = 0; w < av->nwords; w++) {
		for (; cp < av->words[w].start && b < len; cp++)
			text_decode(t, len, &b);
		av->wordmark[b] = 1;
		for (; cp < av->words[w].end && b < len; cp++) {
			size_t at = b;
			int32_t c = text_decode(t, len, &b);
			if (at > 0 && cp + 1 < av->words[w].end &&
			    (text_is_dash(c) || text_is_apostrophe(c))) {
				av->wordmark[at] = 1;
				av->wordmark[b] = 1;
			}
		}
		av->wordmark[b] = 1;
	}
}

/* Code point cp moved by n grapheme clusters (back when n < 0), within
 * [lo, the end of the text]. */
static size_t step_clusters(const struct article_view *av, size_t cp, int n, size_t lo)
{
	const char *t = av->a.text;
	size_t len = av->a.text_len;
	for (; n > 0; n--) {
		size_t b = text_cp_to_byte(t, len, cp);
		if (b >= len)
			break;
		cp += text_cp_len(t + b, text_grapheme_end(t, len, b) - b);
	}
	for (; n < 0 && cp > lo; n++) {
		/* the last cluster boundary before cp, from lo */
		size_t b = text_cp_to_byte(t, len, lo), end = text_cp_to_byte(t, len, cp), prev = b;
		while (b < end) {
			prev = b;
			b = text_grapheme_end(t, len, b);
		}
		cp = text_byte_to_cp(t, len, prev);
	}
	return cp;
}

/* The selection from the anchor word to the cursor's word, its end moved
 * by the clusters H and L asked for (character by character: the one way
 * to end a span on punctuation). */
static void update_selection(struct article_view *av)
{
	if (!av->selecting || av->cur >= av->nwords || av->anchor >= av->nwords)
		return;
	size_t a = av->anchor < av->cur ? av->anchor : av->cur;
	size_t z = av->anchor < av->cur ? av->cur : av->anchor;
	av->sel.start = av->words[a].start;
	av->sel.end = av->words[z].end;
	if (av->shift) {
		size_t lo = step_clusters(av, av->sel.start, 1, 0);
		av->sel.end = step_clusters(av, av->sel.end, av->shift, lo);
	}
}

static void end_selection(struct article_view *av)
{
	av->selecting = 0;
	av->shift = 0;
	av->sel.start = av->sel.end = 0;
}

/* The focused entity, or NULL with a hint on the message line. */
static const struct entity *need_focus(struct article_view *av)
{
	struct ui *ui = av->ui;
	const struct entity *e = focused(av);
	if (!e)
		ui_message(ui, _("no entity under the cursor (Tab goes to the next one, v selects "
		                 "text)"));
	return e;
}

/* After an editing call: what it did (or why not) on the message line,
 * the entities and review state re-read, the entity it names focused. */
static void edited(struct article_view *av, int rc, const struct annot_result *r)
{
	struct ui *ui = av->ui;
	if (rc < 0)
		ui_error(ui, "%s", err_msg());
	else if (r->msg[0])
		ui_message(ui, "%s", r->msg);
	reload(av);
	ui_refresh_beneath(ui);
	if (rc == 0 && r->entity)
		focus_entity(av, r->entity);
}

static struct browse_row row_of(const struct article_view *av);

/* The list's cursor goes to the article shown. */
static void follow(struct article_view *av)
{
	struct browse_row row = row_of(av);
	struct view_query q = { .kind = VQ_FOLLOW, .row = &row };
	ui_query(av->ui, &q);
}

static struct article_view *load(struct ui *ui, int64_t id);
static void finish(struct article_view *av);

/* Show article id (another than the one shown) in this view after an
 * edit, the list's cursor following it; -1 when it cannot be read. */
static int open_other(struct article_view *av, int64_t id)
{
	struct article_view *other = load(av->ui, id);
	if (!other)
		return -1;
	struct article_view old = *av;
	*av = *other;
	*other = old;
	finish(other);
	follow(av);
	return 0;
}

/* Set the focused entity's type (accepting it), or label the selection. */
static void apply_type(struct article_view *av, const char *name)
{
	struct ui *ui = av->ui;
	struct annot_result r;
	int64_t id;
	int rc;
	if (av->selecting) {
		if (av->sel.end <= av->sel.start) {
			ui_message(ui, _("the selection is empty"));
			return;
		}
		rc = annot_create(&av->an, av->a.id, (int64_t)av->sel.start, (int64_t)av->sel.end,
		                  name, &r);
		if (rc == 0)
			end_selection(av);
		id = r.entity;
	} else {
		const struct entity *f = need_focus(av);
		if (!f)
			return;
		id = f->id;
		annot_seen(&av->an, f);   /* refused if a colleague changed it since drawn */
		rc = annot_set_type(&av->an, id, name, &r);
	}
	edited(av, rc, &r);
	if (rc == 0)
		advance(av, id);
}

/* :type NAME: set the focused entity's type by its name. */
static void type_named(struct article_view *av, const char *args)
{
	if (!*args) {
		ui_error(av->ui, _("type takes a type's name: :type NAME"));
		return;
	}
	menu_close(&av->menu);
	apply_type(av, args);
}

/* The decision '*' spreads: the focused entity, else the rejected entity
 * under the cursor that was decided last (a rejection leaves no focus). */
static int64_t decision_under_cursor(struct article_view *av)
{
	const struct entity *f = focused(av);
	if (f)
		return f->id;
	if (av->cur >= av->nwords)
		return 0;
	size_t cp = av->words[av->cur].start;
	const struct entity *best = NULL;
	for (size_t i = 0; i < av->ents.n; i++) {
		const struct entity *e = &av->ents.v[i];
		if (e->status != ENT_REJECTED || (size_t)e->start > cp || (size_t)e->end <= cp)
			continue;
		if (!best || strcmp(e->updated_at, best->updated_at) > 0 ||
		    (strcmp(e->updated_at, best->updated_at) == 0 && e->id > best->id))
			best = e;
	}
	return best ? best->id : 0;
}

/* The actions while the type menu is open. */
static void menu_action(struct article_view *av, enum action a)
{
	struct ui *ui = av->ui;
	int k = menu_act(ui, av->menu, a);
	if (k == MENU_OPEN)
		return;
	menu_close(&av->menu);
	if (k >= 0 && (size_t)k < ui->ntypes) {
		char name[sizeof ui->types[0].name];
		snprintf(name, sizeof name, "%s", ui->types[k].name);
		apply_type(av, name);
	}
}

/* Undo (redo) the analyst's last decision, in whichever article it was:
 * that article is shown, the entity focused, and the message line says
 * what was undone. */
static void undo_redo(struct article_view *av, int redo)
{
	struct annot_result r;
	int rc = redo ? annot_redo(&av->an, &r) : annot_undo(&av->an, &r);
	if (rc == 0 && r.article && r.article != av->a.id) {
		/* the decision was in another article: show it there */
		if (open_other(av, r.article) == 0) {
			if (r.entity)
				focus_entity(av, r.entity);
			ui_message(av->ui, "%s", r.msg);
		}
		return;
	}
	edited(av, rc, &r);
}

/* The article's row as the list shows it (its sort keys), borrowing
 * av's strings. */
static struct browse_row row_of(const struct article_view *av)
{
	struct browse_row row = { 0 };
	row.id = av->a.id;
	row.state = av->a.state;
	row.published = av->a.published;
	row.title = av->a.title;
	row.lead = (char *)"";
	row.ext_id = av->a.ext_id;
	row.uncertainty = av->a.uncertainty;
	for (size_t i = 0; i < av->ents.n; i++) {
		row.entities += av->ents.v[i].status != ENT_REJECTED;
		row.suggested += av->ents.v[i].status == ENT_SUGGESTED;
	}
	return row;
}

/* Before a step that changes n entities: 1 to go on, when n is within
 * the confirm-threshold option or the analyst says yes (the accept key);
 * else 0, and the message line says nothing was done. */
static int confirm_many(struct article_view *av, int64_t n, const char *verb)
{
	struct ui *ui = av->ui;
	if (n <= ui->opts.v[OPTION_CONFIRM_THRESHOLD])
		return 1;
	char yes[32];
	snprintf(yes, sizeof yes, "%s", ui_action_key(ACT_ACCEPT));
	char *q = xasprintf(_("%s %lld entities? %s goes on, Esc goes back (confirm-threshold "
	                      "is %d)"), verb, (long long)n, yes,
	                    ui->opts.v[OPTION_CONFIRM_THRESHOLD]);
	int key = prompt_key(ui, q);
	free(q);
	enum action a = ui_key_action(ui, key);
	if (a == ACT_ACCEPT || a == ACT_ACCEPT_ALL)
		return 1;
	ui_message(ui, _("nothing was changed"));
	return 0;
}

/* D: mark the article done, asking first what to do with the
 * suggestions still undecided (a done article's undecided suggestions
 * would teach the model that they are not entities), then open the next
 * article to review in the list's order and filter. */
static void done(struct article_view *av)
{
	struct ui *ui = av->ui;
	struct browse_row row = row_of(av);
	enum entity_status rest = ENT_SUGGESTED;
	if (row.suggested > 0 && av->a.state != STATE_DONE) {
		char yes[32], no[32];
		snprintf(yes, sizeof yes, "%s", ui_action_key(ACT_ACCEPT));
		snprintf(no, sizeof no, "%s", ui_action_key(ACT_REJECT));
		char *q = xasprintf(row.suggested == 1
		                        ? _("%lld suggestion is undecided: %s accepts it, %s rejects "
		                            "it, Esc goes back")
		                        : _("%lld suggestions are undecided: %s accepts them, %s "
		                            "rejects them, Esc goes back"),
		                    (long long)row.suggested, yes, no);
		int key = prompt_key(ui, q);
		free(q);
		enum action a = ui_key_action(ui, key);
		if (a == ACT_ACCEPT || a == ACT_ACCEPT_ALL) {
			rest = ENT_ACCEPTED;
		} else if (a == ACT_REJECT) {
			rest = ENT_REJECTED;
		} else {
			ui_message(ui, _("not done: the suggestions are still to decide"));
			return;
		}
	}
	struct annot_result r;
	int rc = annot_done_with(&av->an, av->a.id, rest, &r);
	if (rc < 0) {
		edited(av, rc, &r);
		return;
	}
	/* the next article in the list's order and filter; without a list,
	 * in import order */
	struct view_query q = { .kind = VQ_NEXT, .row = &row };
	if (!ui_query(ui, &q) && annot_next(&av->an, av->a.id, &q.next) < 0) {
		edited(av, 0, &r);
		ui_error(ui, "%s", err_msg());
		return;
	}
	int64_t next = q.next;
	if (!next || next == av->a.id) {
		edited(av, 0, &r);
		ui_message(ui, _("%s; no other article is left to review"), r.msg);
		return;
	}
	ui_refresh_beneath(ui);
	if (open_other(av, next) < 0)
		return;
	ui_message(ui, "%s", r.msg);
	/* the review goes on at the new article's first suggestion */
	for (size_t i = 0; ui->opts.v[OPTION_AUTO_ADVANCE] && i < av->ents.n; i++)
		if (av->ents.v[i].status == ENT_SUGGESTED) {
			focus_index_of(av, (int)i);
			break;
		}
}

/* An editing action (1 when a is one). */
static int edit_act(struct article_view *av, enum action a)
{
	struct ui *ui = av->ui;
	struct annot_result r;
	const struct entity *f;
	int rc;
	switch (a) {
	case ACT_ACCEPT:
	case ACT_REJECT:
	{
		if (!(f = need_focus(av)))
			return 1;
		int64_t id = f->id;
		annot_seen(&av->an, f);   /* refused if a colleague changed it since drawn */
		rc = a == ACT_ACCEPT ? annot_accept(&av->an, id, &r) : annot_reject(&av->an, id, &r);
		edited(av, rc, &r);
		if (rc == 0)
			advance(av, id);
		return 1;
	}
	case ACT_SET_TYPE: {
		if (ui->key < '1' || ui->key > '9') {
			ui_error(ui, _("set-type takes its type from the keys 1 to 9 (:type NAME names "
			               "one)"));
			return 1;
		}
		char name[64];
		if (annot_type_of_key(&av->an, ui->key - '0', name) < 0) {
			ui_error(ui, "%s", err_msg());
			return 1;
		}
		apply_type(av, name);
		return 1;
	}
	case ACT_TYPE_MENU:
		if (!av->selecting && !(f = need_focus(av)))
			return 1;
		if (ui->ntypes == 0) {
			ui_error(ui, _("there are no entity types"));
			return 1;
		}
		f = focused(av);
		av->menu = menu_open(ui, !av->selecting && f ? f->type : NULL);
		return 1;
	case ACT_START_LEFT:
	case ACT_START_RIGHT:
	case ACT_END_LEFT:
	case ACT_END_RIGHT: {
		if (!(f = need_focus(av)))
			return 1;
		enum annot_edge edge = a == ACT_START_LEFT    ? ANNOT_START_LEFT
		                       : a == ACT_START_RIGHT ? ANNOT_START_RIGHT
		                       : a == ACT_END_LEFT    ? ANNOT_END_LEFT
		                                              : ANNOT_END_RIGHT;
		annot_seen(&av->an, f);
		rc = annot_nudge(&av->an, f->id, edge, view_boundary, av, &r);
		edited(av, rc, &r);
		return 1;
	}
	case ACT_PROPAGATE: {
		int64_t id = decision_under_cursor(av);
		if (!id) {
			need_focus(av);
			return 1;
		}
		rc = annot_propagate(&av->an, id, view_boundary, av, &r);
		edited(av, rc, &r);
		return 1;
	}
	case ACT_PROPAGATE_ALL: {
		int64_t id = decision_under_cursor(av);
		if (!id) {
			need_focus(av);
			return 1;
		}
		/* count first, to ask before a large change */
		if (annot_propagate_corpus(&av->an, id, 1, &r) < 0) {
			ui_error(ui, "%s", err_msg());
			return 1;
		}
		if (!confirm_many(av, r.changed, _("change")))
			return 1;
		rc = annot_propagate_corpus(&av->an, id, 0, &r);
		edited(av, rc, &r);
		ui_refresh_beneath(ui);
		return 1;
	}
	case ACT_ACCEPT_ALL:
		if (!confirm_many(av, row_of(av).suggested, _("accept")))
			return 1;
		rc = annot_accept_all(&av->an, av->a.id, &r);
		edited(av, rc, &r);
		return 1;
	case ACT_DONE:
		done(av);
		return 1;
	case ACT_DETECT: {
		int n;
		if (!ui->learner) {
			ui_error(ui, _("no detector: the model could not be loaded"));
		} else if (learner_refresh(ui->learner, av->a.id, 1, &n) < 0) {
			ui_error(ui, "%s", err_msg());
		} else {
			reload(av);
			ui_refresh_beneath(ui);
			ui_message(ui, _("%d suggestions (the model of generation %lld)"), n,
			           (long long)learner_generation(ui->learner));
		}
		return 1;
	}
	case ACT_UNDO:
	case ACT_REDO:
		undo_redo(av, a == ACT_REDO);
		return 1;
	case ACT_SELECT:
		if (av->selecting) {
			end_selection(av);
			return 1;
		}
		if (av->nwords == 0) {
			ui_message(ui, _("there is no text to select"));
			return 1;
		}
		av->selecting = 1;
		av->anchor = av->cur;
		update_selection(av);
		ui_message(ui, _("selecting: h l j k extend it, 1..9 or t labels it, Esc cancels"));
		return 1;
	case ACT_CANCEL:
		if (av->selecting)
			end_selection(av);
		else if (av->search)
			clear_search(av);
		return 1;
	default:
		return 0;
	}
}

/* ---- the view ------------------------------------------------------- */

/* Read article id into a new view (the cursor on its first word, or on
 * the first match of the list's search when there is one); NULL with an
 * error on the message line when it cannot be read. */
static struct article_view *load(struct ui *ui, int64_t id)
{
	struct article_view *av = xcalloc(1, sizeof *av);
	av->ui = ui;
	/* suggestions older than the model are made again first (keeping
	 * every decision); a failure leaves them as they were */
	if (ui->learner && !store_readonly(ui->st) && learner_refresh(ui->learner, id, 0, NULL) < 0)
		ui_error(ui, "%s", err_msg());
	if (store_article_get(ui->st, id, &av->a) < 0) {
		ui_error(ui, "%s", err_msg());
		free(av);
		return NULL;
	}
	ui->current = id;
	if (store_entities_of(ui->st, id, &av->ents) < 0)
		ui_error(ui, "%s", err_msg());
	make_spans(av);
	av->nwords = layout_review_words(av->a.text, av->a.text_len, &av->words);
	build_wordmarks(av);
	annot_init(&av->an, ui->st, ui->annotator);
	av->an.learner = ui->learner;
	av->goal = -1;
	focus_from_cursor(av);
	/* carry the list's search over: its words highlighted, the cursor on
	 * the first */
	struct view_query q = { .kind = VQ_SEARCH };
	if (ui_query(ui, &q) && q.words) {
		set_search(av, q.words);
		if (av->nmatches)
			search_step(av, 0, 1);
	}
	return av;
}

/* Release av and everything it holds. */
static void finish(struct article_view *av)
{
	article_finish(&av->a);
	entity_list_finish(&av->ents);
	free_spans(av);
	layout_finish(&av->lo);
	free(av->words);
	free(av->wordmark);
	menu_close(&av->menu);
	free(av->search);
	free(av->matches);
	free(av->fold);
	free(av->fold_map);
	free(av);
}

static void *article_open(struct ui *ui, const void *arg)
{
	const struct article_arg *aa = arg;
	struct article_view *av = load(ui, aa->id);
	if (!av)
		return NULL;
	if (aa->focus)
		focus_entity(av, aa->focus);
	if (aa->follow)
		follow(av);
	return av;
}

static void article_close(struct ui *ui, void *state)
{
	(void)ui;
	finish(state);
}

static void article_refresh(struct ui *ui, void *state)
{
	(void)ui;
	reload(state);
}

/* Actions a selection allows besides moving: labelling and ending it. */
static int selection_allows(enum action a)
{
	switch (a) {
	case ACT_SET_TYPE:
	case ACT_TYPE_MENU:
	case ACT_SELECT:
	case ACT_CANCEL:
	case ACT_QUIT:
	case ACT_SEARCH:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		return 1;
	default:
		return 0;
	}
}

static int move_act(struct article_view *av, enum action a);

static int article_act(struct ui *ui, void *state, enum action a)
{
	struct article_view *av = state;
	ensure_layout(av);
	/* the help and :type come before the menu (:type closes it) */
	if (a == ACT_HELP) {
		ui_view_open(ui, &view_help_ops, NULL);
		return 1;
	}
	if (a == ACT_TYPE) {
		type_named(av, ui->args);
		return 1;
	}
	if (av->menu) {
		menu_action(av, a);
		return 1;
	}
	if (a == ACT_QUIT) {
		ui_view_close(ui); /* av is gone */
		return 1;
	}
	if (a == ACT_CHAR_LEFT || a == ACT_CHAR_RIGHT) {
		if (!av->selecting) {
			ui_message(ui, _("H and L move the end of a selection (v starts one)"));
			return 1;
		}
		av->shift += a == ACT_CHAR_RIGHT ? 1 : -1;
		update_selection(av);
		return 1;
	}
	if (a == ACT_REFERENT) {
		const struct entity *e = need_focus(av);
		if (e && !e->referent)
			ui_message(ui, _("this entity is not linked to a referent"));
		else if (e)
			ui_view_open(ui, &view_entities_ops, &e->referent);
		return 1;
	}
	if (move_act(av, a)) {
		av->shift = 0;
		update_selection(av);
		return 1;
	}
	if (av->selecting && !selection_allows(a)) {
		ui_message(ui, _("a selection is open: 1..9 or t labels it, Esc cancels it"));
		return 1;
	}
	if (edit_act(av, a))
		return 1;
	return 0;
}

/* The moving actions (1 when a is one). */
static int move_act(struct article_view *av, enum action a)
{
	struct ui *ui = av->ui;
	int has_words = av->nwords > 0;
	switch (a) {
	case ACT_DOWN:
	case ACT_UP:
		if (has_words)
			move_line(av, a == ACT_DOWN ? 1 : -1);
		return 1;
	case ACT_WORD_LEFT:
		if (has_words && av->cur > 0)
			av->cur--;
		else
			ui_message(ui, _("this is the first word"));
		av->goal = -1;
		focus_from_cursor(av);
		return 1;
	case ACT_WORD_RIGHT:
		if (has_words && av->cur + 1 < av->nwords)
			av->cur++;
		else
			ui_message(ui, _("this is the last word"));
		av->goal = -1;
		focus_from_cursor(av);
		return 1;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		move_page(av, a == ACT_PAGE_DOWN ? 1 : -1);
		return 1;
	case ACT_FIRST:
		av->cur = 0;
		av->top = 0;
		av->goal = -1;
		focus_from_cursor(av);
		return 1;
	case ACT_LAST:
		av->cur = has_words ? av->nwords - 1 : 0;
		av->top = av->lo.nlines > view_height(ui) ? av->lo.nlines - view_height(ui) : 0;
		av->goal = -1;
		focus_from_cursor(av);
		return 1;
	case ACT_ENTITY_NEXT:
	case ACT_ENTITY_PREV:
		entity_step(av, a == ACT_ENTITY_NEXT ? 1 : -1, 0);
		return 1;
	case ACT_UNDECIDED_NEXT:
	case ACT_UNDECIDED_PREV:
		entity_step(av, a == ACT_UNDECIDED_NEXT ? 1 : -1, 1);
		return 1;
	case ACT_OUTLINE: {
		struct outline_arg arg = { av->ents.v, av->ents.n, av->a.text, av->a.text_len,
		                            av->focus };
		ui_view_open(av->ui, &view_outline_ops, &arg);
		return 1;
	}
	case ACT_SHOW_REJECTED: {
		int *on = &av->ui->opts.v[OPTION_SHOW_REJECTED];
		*on = !*on;
		reload(av);
		ui_message(av->ui, *on ? _("showing rejected entities (R hides them)")
		                       : _("rejected entities hidden (R shows them)"));
		return 1;
	}
	case ACT_SEARCH: {
		char *words = prompt_read(ui, "/");
		if (!words)
			return 1;
		if (!words[strspn(words, " ")]) {
			free(av->search);
			av->search = NULL;
			av->nmatches = 0;
		} else {
			set_search(av, words);
			search_step(av, 0, 0);
		}
		free(words);
		return 1;
	}
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		search_step(av, a == ACT_SEARCH_PREV, 0);
		return 1;
	default:
		return 0;
	}
}

/* The look of cell c. */
static struct draw_attr cell_attr(struct article_view *av, const struct layout_cell *c, size_t ws,
                                  size_t we, const struct range *m)
{
	struct ui *ui = av->ui;
	struct draw_attr a = draw_style(ui, DS_NORMAL);
	int focused = 0;
	if (c->span >= 0) {
		int ei = av->span_ent[c->span];
		const struct entity *e = &av->ents.v[ei];
		a = draw_entity(ui, av->ent_type[ei], e->status);
		focused = e->id == av->focus;
		if (focused)
			a.attr |= A_REVERSE;
	} else if (c->kind == LAYOUT_SYMBOL) {
		a = draw_style(ui, DS_DIM);
	}
	int text = c->kind != LAYOUT_OPEN && c->kind != LAYOUT_CLOSE;
	if (text && c->cp >= av->sel.start && c->cp < av->sel.end) {
		struct draw_attr sa = draw_style(ui, DS_SELECT);
		a.pair = sa.pair ? sa.pair : a.pair;
		a.attr |= sa.attr;
	}
	int in_cursor = text && c->cp >= ws && c->cp < we;
	if (in_cursor)
		a.attr |= focused ? (A_BOLD | A_UNDERLINE) : A_REVERSE;
	else if (text && m && c->cp >= m->start && c->cp < m->end) {
		struct draw_attr ma = draw_style(ui, DS_TEXT_MATCH);
		a.pair = ma.pair ? ma.pair : a.pair;
		a.attr |= ma.attr;
	}
	return a;
}

static void article_draw(struct ui *ui, void *state)
{
	struct article_view *av = state;
	ensure_layout(av);
	ensure_visible(av);
	int w = ui->cols;
	struct draw_attr title = draw_style(ui, DS_TITLE);

	/* the title bar: the title, and the date on the right when it fits */
	draw_fill(0, 0, w, title);
	const char *t = av->a.title[0] ? av->a.title : av->a.ext_id;
	char buf[DRAW_DATE_SIZE];
	const char *date = draw_date(av->a.published, buf);
	int dw = (int)strlen(date);
	int room = w - 2 - (dw ? dw + 2 : 0);
	if (room < w / 2) {
		room = w - 2;
		dw = 0;
	}
	draw_str(ui, 0, 1, room, t, strlen(t), title, DRAW_ELLIPSIS | DRAW_NO_FORMAT, NULL, 0,
	         title);
	if (dw)
		draw_str(ui, 0, w - 1 - dw, dw, date, (size_t)dw, title, 0, NULL, 0, title);

	size_t ws = 0, we = 0;
	if (av->cur < av->nwords) {
		ws = av->words[av->cur].start;
		we = av->words[av->cur].end;
	}
	size_t h = view_height(ui), mi = 0;
	for (size_t r = 0; r < h && av->top + r < av->lo.nlines; r++) {
		const struct layout_line *l = &av->lo.lines[av->top + r];
		int y = (int)r + 1;
		for (size_t k = l->first; k < l->first + l->n; k++) {
			const struct layout_cell *c = &av->lo.cells[k];
			if (c->col >= w)
				break;
			while (mi < av->nmatches && av->matches[mi].end <= c->cp)
				mi++;
			const struct range *m = mi < av->nmatches ? &av->matches[mi] : NULL;
			struct draw_attr a = cell_attr(av, c, ws, we, m);
			if (c->kind == LAYOUT_SPACE || c->kind == LAYOUT_TAB) {
				int cw = c->col + c->width > w ? w - c->col : c->width;
				draw_fill(y, c->col, cw, a);
			} else if (c->col + c->width > w) {
				continue;
			} else if (c->kind == LAYOUT_SYMBOL) {
				draw_symbol(ui, y, c->col, layout_cell_bytes(&av->lo, c), c->len, a);
			} else {
				draw_glyph(ui, y, c->col, layout_cell_bytes(&av->lo, c), c->len, a);
			}
		}
	}
	if (av->menu)
		menu_draw(ui, av->menu);
}

/* Append the text of code points [start, end), cut at 40, in quotes. */
static void add_quoted(const struct article_view *av, struct buf *b, size_t start, size_t end)
{
	size_t s = text_cp_to_byte(av->a.text, av->a.text_len, start);
	size_t e = text_cp_to_byte(av->a.text, av->a.text_len, end);
	size_t cut = e, ncp = 0;
	for (size_t i = s; i < e && ncp < 40;) {
		text_decode(av->a.text, av->a.text_len, &i);
		ncp++;
		cut = i;
	}
	buf_adds(b, "\"");
	buf_add(b, av->a.text + s, cut - s);
	buf_adds(b, cut < e ? "...\"  " : "\"  ");
}

static void article_status(struct ui *ui, void *state, struct buf *b)
{
	struct article_view *av = state;
	const struct entity *f = focused(av);
	if (av->selecting) {
		buf_printf(b, "%s ", _("selection"));
		add_quoted(av, b, av->sel.start, av->sel.end);
	} else if (f) {
		buf_adds(b, f->type);
		buf_printf(b, " %s", _(entity_status_name(f->status)));
		if (f->status == ENT_SUGGESTED)
			buf_printf(b, " %.2f", f->confidence);
		buf_adds(b, " ");
		add_quoted(av, b, (size_t)f->start, (size_t)f->end);
		/* its referent (when named otherwise) and how often the corpus
		 * mentions it (when elsewhere too) */
		struct referent r;
		if (f->referent && store_referent_get(ui->st, f->referent, &r) == 0) {
			size_t s = text_cp_to_byte(av->a.text, av->a.text_len, (size_t)f->start);
			size_t e = text_cp_to_byte(av->a.text, av->a.text_len, (size_t)f->end);
			int same = strlen(r.name) == e - s && memcmp(r.name, av->a.text + s, e - s) == 0;
			if (r.name[0] && !same)
				buf_printf(b, "= %s ", r.name);
			if (r.mentions > 1 || !same)
				buf_printf(b, r.mentions == 1 ? _("(%lld mention)  ") : _("(%lld mentions)  "),
				           (long long)r.mentions);
			referent_finish(&r);
		}
	}
	struct view_query q = { .kind = VQ_POSITION };
	ui_query(ui, &q);
	int64_t cur = q.cur, total = q.total;
	size_t ents = 0, left = 0;
	for (size_t i = 0; i < av->ents.n; i++) {
		ents += av->ents.v[i].status != ENT_REJECTED;
		left += av->ents.v[i].status == ENT_SUGGESTED;
	}
	buf_printf(b, "%lld/%lld  %s  ", (long long)cur + 1, (long long)total,
	           _(article_state_name(av->a.state)));
	buf_printf(b, ents == 1 ? _("%zu entity") : _("%zu entities"), ents);
	buf_printf(b, _(", %zu to decide"), left);
	/* how far down the text the screen's last line is, when it does not
	 * all fit */
	size_t h = view_height(ui);
	if (av->lo.nlines > h) {
		size_t seen = av->top + h < av->lo.nlines ? av->top + h : av->lo.nlines;
		buf_printf(b, "  %zu%%", seen * 100 / av->lo.nlines);
	}
}

static int article_answer(struct ui *ui, void *state, struct view_query *q)
{
	struct article_view *av = state;
	(void)ui;
	if (q->kind != VQ_FOCUS)
		return 0;
	return focus_entity(av, q->entity);
}

const struct view_ops view_article_ops = {
	.name = "article",
	.keys = AV_ARTICLE,
	.open = article_open,
	.close = article_close,
	.draw = article_draw,
	.status = article_status,
	.act = article_act,
	.reload = article_refresh,
	.answer = article_answer,
};
