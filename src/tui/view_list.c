/*
 * view_list.c: the article list, the bottom view (see view.h).
 *
 * Only the visible rows are held (one screenful, from the store by
 * keyset paging), with their position in the whole list: moving one row
 * or one page past the edge fetches the rows beyond it; the first and
 * last pages are fetched directly.  The position comes from counting
 * moves, and the total from the store's tallies, so nothing here scans
 * the corpus except an explicit jump (:goto, a search hit, a new sort
 * order).  A jump shows the page at once and leaves the row number to
 * the next pause between keys (one count of the rows before it, which
 * on a big corpus takes longer than the jump): until then the positions
 * are counted from the page's first row and the status line shows "~".
 *
 * Columns: the review-state mark, the published date (when the screen is
 * wide enough), the title (search matches highlighted), the entity count
 * and the suggestions left to decide.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "store/store_browse.h"
#include "edit/annotate.h"
#include "ui.h"
#include "view.h"
#include "lib/util.h"

struct list_view {
	struct ui *ui;              /* the browser it is in (borrowed) */
	struct browse_query q;
	struct browse_page page;    /* the visible rows, page.v[0] is row 'top' */
	struct browse_page tmp;     /* scratch for fetches */
	int64_t top;                /* position of page.v[0] in the list */
	int64_t cur;                /* position of the cursor */
	int64_t total;              /* rows in the list */
	int unplaced;               /* top and cur count from the page's first row,
	                               whose rank is not known yet */
	size_t height;              /* rows the page was fetched for */
	int stale;                  /* re-read the rows before use */
	char *search;               /* the search as typed, or NULL */
	char *fts;                  /* its FTS5 query */
};

/* The columns of the short external id, when the screen is wide enough
 * (longer ids end in an ellipsis; :open takes the whole one). */
#define ID_WIDTH 10

/* Rows of the screen for the list (between the header and the status bar). */
static size_t page_height(const struct ui *ui)
{
	return ui->rows > 4 ? (size_t)(ui->rows - 4) : 1;
}

static int failed(struct ui *ui)
{
	ui_error(ui, "%s", err_msg());
	return -1;
}

/* Move the rows of src to the end (or start) of dst, leaving src empty. */
static void splice(struct browse_page *dst, struct browse_page *src, int at_start)
{
	if (src->n == 0)
		return;
	dst->v = xgrow(dst->v, &dst->cap, dst->n + src->n, sizeof *dst->v);
	if (at_start) {
		memmove(dst->v + src->n, dst->v, dst->n * sizeof *dst->v);
		memcpy(dst->v, src->v, src->n * sizeof *src->v);
	} else {
		memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
	}
	dst->n += src->n;
	src->n = 0; /* the strings moved with the rows */
}

/* Drop k rows from the start (or the end) of p. */
static void drop(struct browse_page *p, size_t k, int at_start)
{
	if (k > p->n)
		k = p->n;
	if (k == 0)
		return;
	size_t from = at_start ? 0 : p->n - k;
	for (size_t i = from; i < from + k; i++)
		browse_row_finish(&p->v[i]);
	if (at_start)
		memmove(p->v, p->v + k, (p->n - k) * sizeof *p->v);
	p->n -= k;
}

/* Fetch up to k rows past the end of the page and scroll over them;
 * returns how many there were. */
static size_t scroll_down(struct list_view *lv, size_t k)
{
	struct ui *ui = lv->ui;
	if (lv->page.n == 0)
		return 0;
	struct browse_row key;
	browse_row_copy(&key, &lv->page.v[lv->page.n - 1]);
	int rc = store_browse_after(ui->st, &lv->q, &key, k, &lv->tmp);
	browse_row_finish(&key);
	if (rc < 0) {
		failed(ui);
		return 0;
	}
	size_t m = lv->tmp.n;
	splice(&lv->page, &lv->tmp, 0);
	if (lv->page.n > lv->height) {
		size_t extra = lv->page.n - lv->height;
		drop(&lv->page, extra, 1);
		lv->top += (int64_t)extra;
	}
	return m;
}

/* Fetch up to k rows before the page and scroll back over them. */
static size_t scroll_up(struct list_view *lv, size_t k)
{
	struct ui *ui = lv->ui;
	if (lv->page.n == 0 || (lv->top == 0 && !lv->unplaced))
		return 0;
	struct browse_row key;
	browse_row_copy(&key, &lv->page.v[0]);
	int rc = store_browse_before(ui->st, &lv->q, &key, k, &lv->tmp);
	browse_row_finish(&key);
	if (rc < 0) {
		failed(ui);
		return 0;
	}
	size_t m = lv->tmp.n;
	splice(&lv->page, &lv->tmp, 1);
	lv->top -= (int64_t)m;
	if (lv->top < 0 && !lv->unplaced)
		lv->top = 0;
	if (lv->page.n > lv->height)
		drop(&lv->page, lv->page.n - lv->height, 0);
	return m;
}

static void count(struct list_view *lv)
{
	struct ui *ui = lv->ui;
	if (store_browse_count(ui->st, &lv->q, &lv->total) < 0)
		failed(ui);
}

static void load_first(struct list_view *lv)
{
	struct ui *ui = lv->ui;
	count(lv);
	if (store_browse_first(ui->st, &lv->q, lv->height, &lv->page) < 0)
		failed(ui);
	lv->top = lv->cur = 0;
	lv->unplaced = 0;
}

static void load_last(struct list_view *lv)
{
	struct ui *ui = lv->ui;
	count(lv);
	if (store_browse_last(ui->st, &lv->q, lv->height, &lv->page) < 0)
		failed(ui);
	if (lv->total < (int64_t)lv->page.n)
		lv->total = (int64_t)lv->page.n;
	lv->top = lv->total - (int64_t)lv->page.n;
	lv->cur = lv->page.n ? lv->total - 1 : 0;
	lv->unplaced = 0;
}

/* Show the page that starts at row (at position pos, or unplaced) with
 * the cursor on it; near the end of the list, fill the screen from
 * above. */
static void load_at(struct list_view *lv, const struct browse_row *row, int64_t pos,
                    int unplaced)
{
	struct ui *ui = lv->ui;
	struct browse_row key;
	browse_row_copy(&key, row);
	int rc = store_browse_from(ui->st, &lv->q, &key, lv->height, &lv->page);
	browse_row_finish(&key);
	if (rc < 0) {
		failed(ui);
		return;
	}
	lv->top = lv->cur = pos;
	lv->unplaced = unplaced;
	if (lv->page.n < lv->height)
		scroll_up(lv, lv->height - lv->page.n);
}

/* Make the page fit the screen's height and the database's contents. */
static void ensure_page(struct list_view *lv)
{
	struct ui *ui = lv->ui;
	size_t h = page_height(ui);
	if (!lv->stale && h == lv->height)
		return;
	int64_t cur_id = lv->page.n && lv->cur >= lv->top && lv->cur - lv->top < (int64_t)lv->page.n
	                     ? lv->page.v[lv->cur - lv->top].id : 0;
	lv->height = h;
	lv->stale = 0;
	count(lv);
	if (lv->page.n == 0) {
		load_first(lv);
		return;
	}
	struct browse_row key;
	browse_row_copy(&key, &lv->page.v[0]);
	int rc = store_browse_from(ui->st, &lv->q, &key, h, &lv->page);
	browse_row_finish(&key);
	if (rc < 0) {
		failed(ui);
		return;
	}
	if (lv->page.n == 0) {
		load_first(lv);
		return;
	}
	if (lv->page.n < h)
		scroll_up(lv, h - lv->page.n);
	/* keep the cursor on its article when it is still on the page */
	for (size_t i = 0; cur_id && i < lv->page.n; i++)
		if (lv->page.v[i].id == cur_id)
			lv->cur = lv->top + (int64_t)i;
	if (lv->cur < lv->top)
		lv->cur = lv->top;
	if (lv->cur >= lv->top + (int64_t)lv->page.n) {
		/* the screen shrank below the cursor: scroll to it */
		int64_t over = lv->cur - (lv->top + (int64_t)lv->page.n) + 1;
		if (scroll_down(lv, (size_t)over) < (size_t)over)
			lv->cur = lv->top + (int64_t)lv->page.n - 1;
	}
}

static void *list_open(struct ui *ui, const void *arg)
{
	(void)arg;
	struct list_view *lv = xcalloc(1, sizeof *lv);
	lv->ui = ui;
	lv->q.sort = BROWSE_IMPORTED;
	lv->q.state = -1;
	lv->height = page_height(ui);
	load_first(lv);
	return lv;
}

static void list_close(struct ui *ui, void *state)
{
	struct list_view *lv = state;
	(void)ui;
	browse_page_finish(&lv->page);
	browse_page_finish(&lv->tmp);
	free(lv->search);
	free(lv->fts);
	free(lv);
}

static void list_refresh(struct ui *ui, void *state)
{
	struct list_view *lv = state;
	(void)ui;
	lv->stale = 1;
}

/* Put the cursor on row (found by a search or a new order); its
 * position, its rank, waits for place(). */
static void jump_to(struct list_view *lv, const struct browse_row *row)
{
	load_at(lv, row, 0, 1);
}

/* Count the rank of the page's first row, and so know the positions;
 * 1 when they changed. */
static int place(struct list_view *lv)
{
	struct ui *ui = lv->ui;
	if (!lv->unplaced)
		return 0;
	lv->unplaced = 0;
	if (lv->page.n == 0)
		return 1;
	int64_t rank;
	if (store_browse_rank(ui->st, &lv->q, &lv->page.v[0], &rank) < 0) {
		failed(ui);
		rank = 0;
	}
	lv->cur += rank - lv->top;
	lv->top = rank;
	return 1;
}

/* Put the cursor on article id if it is on the page; 1 if it was. */
static int cursor_to_id(struct list_view *lv, int64_t id)
{
	for (size_t i = 0; i < lv->page.n; i++)
		if (lv->page.v[i].id == id) {
			lv->cur = lv->top + (int64_t)i;
			return 1;
		}
	return 0;
}

/* Put the cursor on the article of row (its id and sort key; after an
 * editing action opened another article): looked for on the visible
 * rows and the page after them, else found by its rank (one count). */
static void follow(struct list_view *lv, const struct browse_row *row)
{
	lv->stale = 1;
	ensure_page(lv);
	/* The next article to review is usually just below: no counting. */
	if (cursor_to_id(lv, row->id) ||
	    (scroll_down(lv, lv->height) > 0 && cursor_to_id(lv, row->id)))
		return;
	jump_to(lv, row);
}

/* Move the cursor to row n (1-based, clamped) of the list. */
static void go_to(struct list_view *lv, int64_t n)
{
	struct ui *ui = lv->ui;
	ensure_page(lv);
	if (lv->total == 0) {
		ui_message(ui, _("the list is empty"));
		return;
	}
	if (n < 1)
		n = 1;
	if (n > lv->total)
		n = lv->total;
	if (store_browse_nth(ui->st, &lv->q, n - 1, &lv->tmp) < 0) {
		failed(ui);
		return;
	}
	if (lv->tmp.n == 0) {
		load_last(lv);
		return;
	}
	struct browse_row row;
	browse_row_copy(&row, &lv->tmp.v[0]);
	browse_page_clear(&lv->tmp);
	load_at(lv, &row, n - 1, 0);
	browse_row_finish(&row);
}

/* Find the next (or previous) article that matches the search, from the
 * cursor, wrapping around the list. */
static void search_step(struct list_view *lv, int backward)
{
	struct ui *ui = lv->ui;
	if (!lv->fts) {
		ui_message(ui, _("no search yet (/ starts one)"));
		return;
	}
	const struct browse_row *cur = lv->page.n ? &lv->page.v[lv->cur - lv->top] : NULL;
	struct browse_row key = { 0 };
	if (cur)
		browse_row_copy(&key, cur);
	int wrapped = 0;
	if (store_browse_search(ui->st, &lv->q, lv->fts, cur ? &key : NULL, backward,
	                        &lv->tmp) < 0) {
		failed(ui);
		goto out;
	}
	if (lv->tmp.n == 0 && cur) {
		wrapped = 1;
		if (store_browse_search(ui->st, &lv->q, lv->fts, NULL, backward, &lv->tmp) < 0) {
			failed(ui);
			goto out;
		}
	}
	if (lv->tmp.n == 0) {
		ui_message(ui, _("no article matches '%s'"), lv->search);
		goto out;
	}
	struct browse_row hit;
	browse_row_copy(&hit, &lv->tmp.v[0]);
	browse_page_clear(&lv->tmp);
	if (cur && hit.id == key.id)
		ui_message(ui, _("this is the only article that matches"));
	else if (wrapped)
		ui_message(ui, backward ? _("search went on from the end")
		                        : _("search went on from the top"));
	jump_to(lv, &hit);
	browse_row_finish(&hit);
out:
	browse_row_finish(&key);
}

static void start_search(struct list_view *lv)
{
	struct ui *ui = lv->ui;
	char *words = prompt_read(ui, "/");
	if (!words)
		return;
	char *fts = browse_fts_query(words);
	if (!fts) {
		/* an empty search clears the search */
		free(words);
		free(lv->search);
		free(lv->fts);
		lv->search = lv->fts = NULL;
		return;
	}
	free(lv->search);
	free(lv->fts);
	lv->search = words;
	lv->fts = fts;
	search_step(lv, 0);
}

/* Reorder or refilter, keeping the cursor's article when it stays in. */
static void requery(struct list_view *lv, const char *what)
{
	struct ui *ui = lv->ui;
	struct browse_row keep = { 0 };
	int had = lv->page.n > 0;
	if (had)
		browse_row_copy(&keep, &lv->page.v[lv->cur - lv->top]);
	browse_page_clear(&lv->page);
	count(lv);
	if (had && (lv->q.state < 0 || keep.state == (enum article_state)lv->q.state))
		jump_to(lv, &keep);
	else
		load_first(lv);
	browse_row_finish(&keep);
	ui_message(ui, "%s", what);
}

static const char *state_label(int state)
{
	switch (state) {
	case STATE_NEW: return _("new");
	case STATE_IN_PROGRESS: return _("in progress");
	case STATE_DONE: return _("done");
	default: return _("all");
	}
}

static const char *sort_label(enum browse_sort s)
{
	switch (s) {
	case BROWSE_IMPORTED: return _("imported");
	case BROWSE_DATE: return _("date, newest first");
	case BROWSE_TITLE: return _("title");
	case BROWSE_LEFT: return _("suggestions left, most first");
	case BROWSE_UNSURE: return _("uncertain, most first");
	default: return "";
	}
}

static void open_article(struct ui *ui, int64_t id, int64_t focus, int follow)
{
	struct article_arg arg = { .id = id, .focus = focus, .follow = follow };
	ui_view_open(ui, &view_article_ops, &arg);
}

/* Undo (redo) the analyst's last decision, in whichever article it was:
 * that article opens with the entity focused, the message line says
 * what was undone. */
static void undo_redo(struct list_view *lv, int redo)
{
	struct ui *ui = lv->ui;
	struct annot an;
	struct annot_result r;
	annot_init(&an, ui->st, ui->annotator);
	an.learner = ui->learner;
	int rc = redo ? annot_redo(&an, &r) : annot_undo(&an, &r);
	lv->stale = 1;
	if (rc < 0) {
		ui_error(ui, "%s", err_msg());
		return;
	}
	if (r.article)
		open_article(ui, r.article, r.entity, 1);
	ui_message(ui, "%s", r.msg);
}

static int list_act(struct ui *ui, void *state, enum action a)
{
	struct list_view *lv = state;
	ensure_page(lv);
	int64_t n = (int64_t)lv->page.n;
	switch (a) {
	case ACT_DOWN:
		if (lv->cur + 1 < lv->top + n)
			lv->cur++;
		else if (scroll_down(lv, 1) == 1)
			lv->cur++;
		else
			ui_message(ui, _("this is the last article"));
		return 1;
	case ACT_UP:
		if (lv->cur > lv->top)
			lv->cur--;
		else if (scroll_up(lv, 1) == 1)
			lv->cur--;
		else
			ui_message(ui, _("this is the first article"));
		return 1;
	case ACT_PAGE_DOWN: {
		size_t m = scroll_down(lv, lv->height);
		int64_t last = lv->top + (int64_t)lv->page.n - 1;
		if (m == 0 && lv->cur == last)
			ui_message(ui, _("this is the last article"));
		lv->cur = m == 0 ? last : lv->cur + (int64_t)m;
		if (lv->cur > last)
			lv->cur = last;
		return 1;
	}
	case ACT_PAGE_UP: {
		size_t m = scroll_up(lv, lv->height);
		if (m == 0 && lv->cur == lv->top)
			ui_message(ui, _("this is the first article"));
		lv->cur = m == 0 ? lv->top : lv->cur - (int64_t)m;
		if (lv->cur < lv->top)
			lv->cur = lv->top;
		return 1;
	}
	case ACT_FIRST:
		load_first(lv);
		return 1;
	case ACT_LAST:
		load_last(lv);
		return 1;
	case ACT_OPEN:
		if (ui->args[0]) {
			/* :open ID: the article of that external id */
			int64_t id;
			int rc = store_article_by_ext_id(ui->st, ui->args, &id);
			if (rc < 0)
				failed(ui);
			else if (rc == 0)
				ui_error(ui, _("no article has the id '%s'"), ui->args);
			else
				open_article(ui, id, 0, 1);
			return 1;
		}
		if (n == 0) {
			ui_message(ui, _("no article to open"));
			return 1;
		}
		open_article(ui, lv->page.v[lv->cur - lv->top].id, 0, 0);
		return 1;
	case ACT_SEARCH:
		start_search(lv);
		return 1;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		search_step(lv, a == ACT_SEARCH_PREV);
		return 1;
	case ACT_FILTER: {
		lv->q.state = lv->q.state >= STATE_DONE ? -1 : lv->q.state + 1;
		char *m = xasprintf(_("showing: %s"), state_label(lv->q.state));
		requery(lv, m);
		free(m);
		return 1;
	}
	case ACT_SORT: {
		lv->q.sort = (enum browse_sort)((lv->q.sort + 1) % BROWSE_NSORTS);
		char *m = xasprintf(_("sorted by %s"), sort_label(lv->q.sort));
		requery(lv, m);
		free(m);
		return 1;
	}
	case ACT_UNDO:
	case ACT_REDO:
		undo_redo(lv, a == ACT_REDO);
		return 1;
	case ACT_GOTO: {
		char *end;
		long long row = strtoll(ui->args, &end, 10);
		if (end == ui->args || *end) {
			ui_error(ui, _("goto takes a row number: :goto N"));
			return 1;
		}
		go_to(lv, row);
		return 1;
	}
	case ACT_HELP:
		ui_view_open(ui, &view_help_ops, NULL);
		return 1;
	case ACT_QUIT:
		ui->quit = 1;
		return 1;
	default:
		return 0;
	}
}

static const char *state_mark(const struct ui *ui, enum article_state s)
{
	switch (s) {
	case STATE_NEW: return "N";
	case STATE_IN_PROGRESS: return "~";
	case STATE_DONE: return ui->ascii ? "+" : "\xE2\x9C\x93"; /* ✓ */
	default: return "?";
	}
}

static void list_draw(struct ui *ui, void *state)
{
	struct list_view *lv = state;
	ensure_page(lv);
	int w = ui->cols;
	struct draw_attr title = draw_style(ui, DS_TITLE);
	struct draw_attr plain = draw_style(ui, DS_NORMAL);
	struct draw_attr match = draw_style(ui, DS_MATCH);

	/* the title bar */
	draw_fill(0, 0, w, title);
	char *t = xasprintf("nerve: %s", ui->db_name);
	const char *help = _("? help");
	int hw = (int)strlen(help);
	int tw = draw_str(ui, 0, 1, w - 2, t, strlen(t), title, DRAW_ELLIPSIS, NULL, 0, title);
	if (tw + hw + 3 < w)
		draw_str(ui, 0, w - hw - 1, hw, help, strlen(help), title, 0, NULL, 0, title);
	free(t);

	/* columns: mark, date and a short id (when they fit), title, entities,
	 * left */
	int show_date = w >= 50, show_id = w >= 70;
	int id_x = show_date ? 14 : 3;
	int title_x = id_x + (show_id ? ID_WIDTH + 1 : 0);
	int counts_x = w - 12;
	int title_w = counts_x - title_x - 1;
	struct draw_attr head = draw_style(ui, DS_HEADER);
	if (show_date)
		draw_str(ui, 1, 3, 10, _("Date"), strlen(_("Date")), head, 0, NULL, 0, head);
	if (show_id)
		draw_str(ui, 1, id_x, ID_WIDTH, _("Id"), strlen(_("Id")), head, 0, NULL, 0, head);
	draw_str(ui, 1, title_x, title_w, _("Title"), strlen(_("Title")), head, DRAW_ELLIPSIS,
	         NULL, 0, head);
	char cols[32];
	snprintf(cols, sizeof cols, "%5s %5s", _("Ents"), _("Left"));
	draw_str(ui, 1, counts_x, 12, cols, strlen(cols), head, 0, NULL, 0, head);

	if (lv->page.n == 0) {
		const char *m = lv->q.state >= 0
		                    ? _("No articles in this state (F shows the others).")
		                    : _("No articles yet. Import reports with: nerve import FILE...");
		draw_str(ui, 3, 2, w - 3, m, strlen(m), plain, DRAW_ELLIPSIS, NULL, 0, plain);
		return;
	}
	for (size_t i = 0; i < lv->page.n && (int)i + 2 < ui->rows - 2; i++) {
		const struct browse_row *r = &lv->page.v[i];
		int y = (int)i + 2;
		int is_cur = lv->top + (int64_t)i == lv->cur;
		struct draw_attr a = is_cur ? draw_style(ui, DS_ROW) : plain;
		if (is_cur)
			draw_fill(y, 0, w, a);
		const char *mark = state_mark(ui, r->state);
		draw_str(ui, y, 1, 1, mark, strlen(mark), a, 0, NULL, 0, a);
		if (show_date) {
			char buf[DRAW_DATE_SIZE];
			const char *date = draw_date(r->published, buf);
			draw_str(ui, y, 3, 10, date, strlen(date), a, 0, NULL, 0, a);
		}
		if (show_id && r->ext_id)
			draw_str(ui, y, id_x, ID_WIDTH, r->ext_id, strlen(r->ext_id), a, DRAW_ELLIPSIS,
			         NULL, 0, a);
		size_t *marks = NULL, nmarks = 0;
		if (lv->fts && store_browse_title_marks(ui->st, lv->fts, r->id, &marks, &nmarks) < 0)
			failed(ui);
		struct draw_attr ma = match;
		ma.attr |= a.attr;
		if (r->title[0]) {
			/* format characters (U+200E ...) have no business in a title
			 * column; the article's text still shows them */
			draw_str(ui, y, title_x, title_w, r->title, strlen(r->title), a,
			         DRAW_ELLIPSIS | DRAW_NO_FORMAT, marks, nmarks, ma);
		} else {
			/* no title: the first words of the text, dimmed */
			struct draw_attr d = draw_style(ui, DS_DIM);
			d.attr |= a.attr;
			draw_str(ui, y, title_x, title_w, r->lead, strlen(r->lead), d, DRAW_ELLIPSIS,
			         NULL, 0, d);
		}
		free(marks);
		char c[40];
		snprintf(c, sizeof c, "%5lld %5lld", (long long)r->entities, (long long)r->suggested);
		draw_str(ui, y, counts_x, 12, c, strlen(c), a, 0, NULL, 0, a);
	}
}

static void list_status(struct ui *ui, void *state, struct buf *b)
{
	struct list_view *lv = state;
	(void)ui;
	if (lv->unplaced)
		buf_printf(b, "~/%lld", (long long)lv->total);
	else
		buf_printf(b, "%lld/%lld", lv->total ? (long long)lv->cur + 1 : 0LL,
		           (long long)lv->total);
	buf_printf(b, "  %s: %s", _("sort"), sort_label(lv->q.sort));
	if (lv->q.state >= 0)
		buf_printf(b, "  %s: %s", _("state"), state_label(lv->q.state));
	if (lv->search)
		buf_printf(b, "  /%s", lv->search);
}

/* The article after row from in the list's order and filter that is not
 * done, coming round from the top; *next = 0 when there is none.  Reads
 * a page at a time past the done ones. */
static int next_to_review(struct list_view *lv, const struct browse_row *from, int64_t *next)
{
	struct ui *ui = lv->ui;
	struct browse_page p = { 0 };
	struct browse_row key;
	int wrapped = 0, rc = 0;
	*next = 0;
	browse_row_copy(&key, from);
	for (;;) {
		rc = wrapped == 1 ? store_browse_first(ui->st, &lv->q, 256, &p)
		                  : store_browse_after(ui->st, &lv->q, &key, 256, &p);
		if (rc < 0)
			break;
		if (p.n == 0) {
			if (wrapped)
				break;
			wrapped = 1;
			continue;
		}
		if (wrapped == 1)
			wrapped = 2;
		for (size_t i = 0; i < p.n; i++) {
			if (p.v[i].id == from->id)
				goto out; /* round to where it started */
			if (p.v[i].state != STATE_DONE) {
				*next = p.v[i].id;
				goto out;
			}
		}
		browse_row_finish(&key);
		browse_row_copy(&key, &p.v[p.n - 1]);
	}
out:
	browse_row_finish(&key);
	browse_page_finish(&p);
	return rc;
}

static int list_idle(struct ui *ui, void *state)
{
	(void)ui;
	return place(state);
}

static int list_answer(struct ui *ui, void *state, struct view_query *q)
{
	struct list_view *lv = state;
	switch (q->kind) {
	case VQ_POSITION:
		place(lv);
		q->cur = lv->cur;
		q->total = lv->total;
		return 1;
	case VQ_SEARCH:
		q->words = lv->search;
		return 1;
	case VQ_FOLLOW:
		follow(lv, q->row);
		return 1;
	case VQ_NEXT:
		if (next_to_review(lv, q->row, &q->next) < 0) {
			failed(ui);
			q->next = 0;
		}
		return 1;
	default:
		return 0;
	}
}

const struct view_ops view_list_ops = {
	.name = "list",
	.keys = AV_LIST,
	.open = list_open,
	.close = list_close,
	.draw = list_draw,
	.status = list_status,
	.act = list_act,
	.reload = list_refresh,
	.answer = list_answer,
	.idle = list_idle,
};
