/*
 * view_menu.c: the type menu of the article view (t): a box over the
 * text listing the entity types in their order (ui->types, the legend's
 * list), each with its key, name (in its colour) and description; the
 * article view owns it and hands it its actions while it is open (see
 * ui.h).  It chooses; the article view applies the choice.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "layout.h"
#include "menu.h"
#include "ui.h"
#include "lib/util.h"

struct type_menu {
	size_t cur;                 /* the highlighted type */
	size_t top;                 /* the first type shown */
	size_t height;              /* types shown at the last draw */
};

struct type_menu *menu_open(struct ui *ui, const char *current)
{
	struct type_menu *m = xcalloc(1, sizeof *m);
	int i = current ? ui_type_index(ui, current) : -1;
	m->cur = i > 0 ? (size_t)i : 0;
	m->height = 1;
	return m;
}

void menu_close(struct type_menu **m)
{
	free(*m);
	*m = NULL;
}

/* The box: rows [y0, y0 + h), columns [x0, x0 + w), as the screen
 * allows. */
static void geometry(const struct ui *ui, int *y0, int *x0, int *h, int *w)
{
	int want = 0;
	for (size_t i = 0; i < ui->ntypes; i++) {
		const struct entity_type *t = &ui->types[i];
		int tw = 6 + layout_width(t->name, strlen(t->name), ui->ascii) + 2 +
		         layout_width(t->description, strlen(t->description), ui->ascii);
		if (tw > want)
			want = tw;
	}
	const char *title = _("Type (Enter picks, Esc cancels)");
	int titlew = layout_width(title, strlen(title), ui->ascii) + 4;
	if (titlew > want)
		want = titlew;
	/* centred, or the whole width when it does not fit with a margin */
	*w = want + 2 <= ui->cols - 4 ? want + 2 : ui->cols;
	/* the view's rows are 1 .. rows-3; the box leaves the first free */
	int room = ui->rows - 4;
	*h = (int)ui->ntypes + 2 < room ? (int)ui->ntypes + 2 : room;
	if (*h < 3)
		*h = 3;
	*y0 = 2;
	*x0 = (ui->cols - *w) / 2;
}

void menu_draw(struct ui *ui, struct type_menu *m)
{
	int y0, x0, h, w;
	geometry(ui, &y0, &x0, &h, &w);
	struct draw_attr plain = draw_style(ui, DS_NORMAL);
	struct draw_attr title = draw_style(ui, DS_TITLE);
	struct draw_attr row = draw_style(ui, DS_ROW);
	size_t rows = (size_t)(h - 2);
	m->height = rows ? rows : 1;
	if (m->cur < m->top)
		m->top = m->cur;
	else if (m->cur >= m->top + m->height)
		m->top = m->cur - m->height + 1;

	/* a frame of blanks: the title row, the types, a blank row below */
	draw_fill(y0, x0, w, title);
	const char *t = _("Type (Enter picks, Esc cancels)");
	draw_str(ui, y0, x0 + 1, w - 2, t, strlen(t), title, DRAW_ELLIPSIS, NULL, 0, title);
	for (size_t r = 0; r < rows; r++) {
		int y = y0 + 1 + (int)r;
		size_t i = m->top + r;
		int on = i == m->cur;
		struct draw_attr a = on ? row : plain;
		draw_fill(y, x0, w, a);
		if (i >= ui->ntypes)
			continue;
		const struct entity_type *ty = &ui->types[i];
		char key[8];
		snprintf(key, sizeof key, "%c", ty->hotkey >= 1 && ty->hotkey <= 9 ? '0' + ty->hotkey
		                                                                    : ' ');
		/* a mark on the chosen row, for screens without attributes */
		if (on)
			draw_str(ui, y, x0, 1, ">", 1, a, 0, NULL, 0, a);
		int x = x0 + 2;
		draw_str(ui, y, x, 1, key, strlen(key), a, 0, NULL, 0, a);
		x += 3;
		struct draw_attr ta = draw_entity(ui, (int)i, ENT_ACCEPTED);
		if (on)
			ta.attr |= A_REVERSE;
		int room = x0 + w - 1 - x;
		if (room <= 0)
			continue;
		x += draw_str(ui, y, x, room, ty->name, strlen(ty->name), ta, DRAW_ELLIPSIS, NULL, 0,
		              ta);
		room = x0 + w - 1 - (x + 2);
		if (room > 0)
			draw_str(ui, y, x + 2, room, ty->description, strlen(ty->description), a,
			         DRAW_ELLIPSIS, NULL, 0, a);
	}
	draw_fill(y0 + h - 1, x0, w, plain);
	if (m->top + rows < ui->ntypes) {
		const char *more = ui->ascii ? "v" : "\xE2\x96\xBE"; /* ▾ */
		draw_str(ui, y0 + h - 1, x0 + w / 2, 1, more, strlen(more), plain, 0, NULL, 0, plain);
	}
}

int menu_act(struct ui *ui, struct type_menu *m, enum action a)
{
	size_t n = ui->ntypes;
	switch (a) {
	case ACT_DOWN:
	case ACT_WORD_RIGHT:
		if (m->cur + 1 < n)
			m->cur++;
		return MENU_OPEN;
	case ACT_UP:
	case ACT_WORD_LEFT:
		if (m->cur > 0)
			m->cur--;
		return MENU_OPEN;
	case ACT_PAGE_DOWN:
		m->cur = m->cur + m->height < n ? m->cur + m->height : (n ? n - 1 : 0);
		return MENU_OPEN;
	case ACT_PAGE_UP:
		m->cur = m->cur > m->height ? m->cur - m->height : 0;
		return MENU_OPEN;
	case ACT_FIRST:
		m->cur = 0;
		return MENU_OPEN;
	case ACT_LAST:
		m->cur = n ? n - 1 : 0;
		return MENU_OPEN;
	case ACT_ACCEPT:
		return n ? (int)m->cur : MENU_CANCEL;
	case ACT_SET_TYPE:
		for (size_t i = 0; i < n; i++)
			if (ui->key == '0' + ui->types[i].hotkey)
				return (int)i;
		ui_error(ui, _("no entity type has the key %c"), ui->key ? ui->key : '?');
		return MENU_OPEN;
	case ACT_CANCEL:
	case ACT_QUIT:
	case ACT_TYPE_MENU:
		return MENU_CANCEL;
	default:
		ui_message(ui, _("choose a type: j and k move, Enter or its key picks it, Esc "
		                 "cancels"));
		return MENU_OPEN;
	}
}
