/*
 * view_outline.c: the article's entities as a list over the article
 * (o), one row each in the text's order: its review mark, type and text.
 * j and k move, Enter jumps to the entity in the text (the article view
 * focuses it, answering VQ_FOCUS), q and Esc close the list.  An overlay
 * (view.h): the keys are the article view's column of the action table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "layout.h"
#include "text/text.h"
#include "ui.h"
#include "view.h"
#include "lib/util.h"

struct row {
	int64_t id;
	enum entity_status status;
	int type;                   /* index in ui->types, or -1 */
	char *label;                /* "TYPE  text" (owned) */
};

struct outline_view {
	struct row *v;
	size_t n;
	size_t cur, top;
};

static void *outline_open(struct ui *ui, const void *arg)
{
	const struct outline_arg *ea = arg;
	if (ea->n == 0) {
		ui_message(ui, _("this article has no entities"));
		return NULL;
	}
	struct outline_view *ev = xcalloc(1, sizeof *ev);
	ev->v = xcalloc(ea->n, sizeof *ev->v);
	for (size_t i = 0; i < ea->n; i++) {
		const struct entity *e = &ea->ents[i];
		struct row *r = &ev->v[ev->n++];
		r->id = e->id;
		r->status = e->status;
		r->type = ui_type_index(ui, e->type);
		size_t s = text_cp_to_byte(ea->text, ea->len, (size_t)e->start);
		size_t z = text_cp_to_byte(ea->text, ea->len, (size_t)e->end);
		r->label = xasprintf("%s  %.*s", e->type, (int)(z - s), ea->text + s);
		if (e->id == ea->focus)
			ev->cur = i;
	}
	return ev;
}

static void outline_close(struct ui *ui, void *state)
{
	struct outline_view *ev = state;
	(void)ui;
	for (size_t i = 0; i < ev->n; i++)
		free(ev->v[i].label);
	free(ev->v);
	free(ev);
}

static size_t body_height(const struct ui *ui)
{
	return ui->rows > 4 ? (size_t)(ui->rows - 4) : 1;
}

/* The mark of a status: what the markup writes after the type. */
static const char *status_mark(enum entity_status s)
{
	switch (s) {
	case ENT_SUGGESTED: return "?";
	case ENT_REJECTED: return "-";
	default: return " ";
	}
}

static void outline_draw(struct ui *ui, void *state)
{
	struct outline_view *ev = state;
	size_t h = body_height(ui);
	if (ev->cur < ev->top)
		ev->top = ev->cur;
	else if (ev->cur >= ev->top + h)
		ev->top = ev->cur - h + 1;

	struct draw_attr title = draw_style(ui, DS_TITLE);
	struct draw_attr plain = draw_style(ui, DS_NORMAL);
	for (int y = 0; y < ui->rows - 2; y++)
		draw_fill(y, 0, ui->cols, plain);
	draw_fill(0, 0, ui->cols, title);
	char *t = xasprintf(_("Entities of the article (%zu; Enter goes to one, q closes)"), ev->n);
	draw_str(ui, 0, 1, ui->cols - 2, t, strlen(t), title, DRAW_ELLIPSIS, NULL, 0, title);
	free(t);
	for (size_t r = 0; r < h && ev->top + r < ev->n; r++) {
		const struct row *row = &ev->v[ev->top + r];
		int y = (int)r + 2, on = ev->top + r == ev->cur;
		struct draw_attr a = on ? draw_style(ui, DS_ROW) : plain;
		if (on)
			draw_fill(y, 0, ui->cols, a);
		/* a mark on the chosen row, for screens without attributes */
		if (on)
			draw_str(ui, y, 0, 1, ">", 1, a, 0, NULL, 0, a);
		const char *m = status_mark(row->status);
		draw_str(ui, y, 2, 1, m, strlen(m), a, 0, NULL, 0, a);
		struct draw_attr ta = draw_entity(ui, row->type, row->status);
		ta.attr |= a.attr;
		if (ui->cols > 5)
			draw_str(ui, y, 4, ui->cols - 5, row->label, strlen(row->label), ta,
			         DRAW_ELLIPSIS, NULL, 0, ta);
	}
}

static int outline_act(struct ui *ui, void *state, enum action a)
{
	struct outline_view *ev = state;
	size_t h = body_height(ui), last = ev->n - 1;
	switch (a) {
	case ACT_DOWN:
	case ACT_ENTITY_NEXT:
		if (ev->cur < last)
			ev->cur++;
		return 1;
	case ACT_UP:
	case ACT_ENTITY_PREV:
		if (ev->cur > 0)
			ev->cur--;
		return 1;
	case ACT_PAGE_DOWN:
		ev->cur = ev->cur + h < last ? ev->cur + h : last;
		return 1;
	case ACT_PAGE_UP:
		ev->cur = ev->cur > h ? ev->cur - h : 0;
		return 1;
	case ACT_FIRST:
		ev->cur = 0;
		return 1;
	case ACT_LAST:
		ev->cur = last;
		return 1;
	case ACT_ACCEPT: { /* Enter */
		struct view_query q = { .kind = VQ_FOCUS, .entity = ev->v[ev->cur].id };
		ui_view_close(ui); /* ev is gone */
		if (!ui_query(ui, &q))
			ui_message(ui, _("that entity is not shown (R shows rejected ones)"));
		return 1;
	}
	case ACT_OUTLINE:
	case ACT_CANCEL:
	case ACT_QUIT:
		ui_view_close(ui);
		return 1;
	default:
		return 0;
	}
}

const struct view_ops view_outline_ops = {
	.name = "outline",
	.keys = AV_COUNT,
	.open = outline_open,
	.close = outline_close,
	.draw = outline_draw,
	.act = outline_act,
};
