/*
 * view_help.c: the help overlay (see view.h), generated from the action
 * table (actions.h) and the entity types, so that it always tells what
 * is bound: the keys of the view beneath, the ':' commands (the rows
 * without keys) and the types.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "layout.h"
#include "ui.h"
#include "view.h"
#include "lib/util.h"

struct help_view {
	size_t top;                 /* first line shown */
	size_t nlines;              /* lines at the last draw */
};

/* One line of the help: a key column and a text (or a heading). */
struct line {
	char *keys;                 /* NULL for a heading */
	char *text;
	int type;                   /* type index for a legend line, else -1 */
};

static void add(struct line **v, size_t *n, size_t *cap, char *keys, char *text, int type)
{
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[*n].keys = keys;
	(*v)[*n].text = text;
	(*v)[(*n)++].type = type;
}

static size_t build(const struct ui *ui, struct line **out)
{
	struct line *v = NULL;
	size_t n = 0, cap = 0;
	enum action_view av = ui_key_column(ui);
	add(&v, &n, &cap, NULL, xstrdup(av == AV_ARTICLE    ? _("Keys in the article view")
	                                : av == AV_ENTITIES ? _("Keys in the entity view")
	                                                    : _("Keys in the article list")), -1);
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct action_info *ai = action_info((enum action)a);
		char keys[64];
		ui_action_keys(av, (enum action)a, keys, sizeof keys);
		if (!ai->help[av] || !keys[0])
			continue;
		add(&v, &n, &cap, xstrdup(keys), xstrdup(_(ai->help[av])), -1);
	}
	add(&v, &n, &cap, NULL, xstrdup(""), -1);
	add(&v, &n, &cap, NULL, xstrdup(_("Commands at the : prompt")), -1);
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct action_info *ai = action_info((enum action)a);
		if (ai->keys[0])
			continue;
		const char *h = ai->help[av] ? ai->help[av] : ai->help[av == AV_LIST ? AV_ARTICLE : AV_LIST];
		add(&v, &n, &cap, xasprintf(":%s%s%s", ai->name, ai->args[0] ? " " : "", ai->args),
		    xstrdup(_(h)), -1);
	}
	add(&v, &n, &cap, xstrdup(_(":ACTION")), xstrdup(_("any action above by its name, or the start of it (:q)")), -1);
	add(&v, &n, &cap, NULL, xstrdup(""), -1);
	add(&v, &n, &cap, NULL, xstrdup(_("Options (:set NAME VALUE)")), -1);
	for (int i = 0; i < OPTION_COUNT; i++) {
		const struct option_info *oi = option_info((enum option_id)i);
		char val[32];
		options_format(&ui->opts, (enum option_id)i, val, sizeof val);
		add(&v, &n, &cap, xasprintf("%s %s", oi->name, val), xstrdup(_(oi->help)), -1);
	}
	add(&v, &n, &cap, NULL, xstrdup(""), -1);
	add(&v, &n, &cap, NULL, xstrdup(_("Entity types")), -1);
	for (size_t i = 0; i < ui->ntypes; i++) {
		const struct entity_type *t = &ui->types[i];
		char *k = t->hotkey ? xasprintf("%d", t->hotkey) : xstrdup("");
		add(&v, &n, &cap, k, xasprintf("%s  %s", t->name, t->description), (int)i);
	}
	add(&v, &n, &cap, NULL, xstrdup(""), -1);
	add(&v, &n, &cap, NULL,
	    xstrdup(ui->markup ? _("[text]TYPE? is a suggestion, [text]TYPE an accepted entity.")
	                       : _("Underlined: a suggestion; bold: an accepted entity.")), -1);
	*out = v;
	return n;
}

static void free_lines(struct line *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].keys);
		free(v[i].text);
	}
	free(v);
}

static void *help_open(struct ui *ui, const void *arg)
{
	(void)ui;
	(void)arg;
	return xcalloc(1, sizeof(struct help_view));
}

static void help_close(struct ui *ui, void *state)
{
	(void)ui;
	free(state);
}

static size_t body_height(const struct ui *ui)
{
	return ui->rows > 4 ? (size_t)(ui->rows - 4) : 1;
}

static void help_draw(struct ui *ui, void *state)
{
	struct help_view *hv = state;
	struct line *v;
	size_t n = build(ui, &v);
	hv->nlines = n;
	size_t h = body_height(ui);
	if (hv->top + h > n)
		hv->top = n > h ? n - h : 0;

	struct draw_attr title = draw_style(ui, DS_TITLE);
	struct draw_attr plain = draw_style(ui, DS_NORMAL);
	struct draw_attr head = draw_style(ui, DS_HEADER);
	for (int y = 0; y < ui->rows - 2; y++)
		draw_fill(y, 0, ui->cols, plain);
	draw_fill(0, 0, ui->cols, title);
	const char *t = _("Help (q or Esc closes it; j, k, Space, - scroll)");
	draw_str(ui, 0, 1, ui->cols - 2, t, strlen(t), title, DRAW_ELLIPSIS, NULL, 0, title);

	/* the key column is as wide as its widest entry, within reason */
	int kw = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].keys) {
			int w = layout_width(v[i].keys, strlen(v[i].keys), ui->ascii);
			if (w > kw)
				kw = w;
		}
	if (kw > ui->cols / 2)
		kw = ui->cols / 2;
	for (size_t r = 0; r < h && hv->top + r < n; r++) {
		const struct line *l = &v[hv->top + r];
		int y = (int)r + 2;
		if (!l->keys) {
			draw_str(ui, y, 1, ui->cols - 2, l->text, strlen(l->text), head, DRAW_ELLIPSIS,
			         NULL, 0, head);
			continue;
		}
		draw_str(ui, y, 2, kw, l->keys, strlen(l->keys), plain, DRAW_ELLIPSIS, NULL, 0, plain);
		struct draw_attr ta = l->type >= 0 ? draw_entity(ui, l->type, ENT_ACCEPTED) : plain;
		int x = kw + 4;
		if (x < ui->cols)
			draw_str(ui, y, x, ui->cols - x, l->text, strlen(l->text), ta, DRAW_ELLIPSIS,
			         NULL, 0, ta);
	}
	free_lines(v, n);
}

static int help_act(struct ui *ui, void *state, enum action a)
{
	struct help_view *hv = state;
	size_t h = body_height(ui);
	size_t maxtop = hv->nlines > h ? hv->nlines - h : 0;
	switch (a) {
	case ACT_DOWN:
		if (hv->top < maxtop)
			hv->top++;
		return 1;
	case ACT_UP:
		if (hv->top > 0)
			hv->top--;
		return 1;
	case ACT_PAGE_DOWN:
		hv->top = hv->top + h < maxtop ? hv->top + h : maxtop;
		return 1;
	case ACT_PAGE_UP:
		hv->top = hv->top > h ? hv->top - h : 0;
		return 1;
	case ACT_FIRST:
		hv->top = 0;
		return 1;
	case ACT_LAST:
		hv->top = maxtop;
		return 1;
	case ACT_HELP:
		if (!ui->key)
			return 1; /* :help shows the help, and it is shown */
		ui_view_close(ui);
		return 1;
	case ACT_QUIT:
		ui_view_close(ui);
		return 1;
	default:
		return 0;
	}
}

/* Esc closes the help, whatever the view beneath binds it to. */
static int help_key(struct ui *ui, void *state, int key)
{
	(void)state;
	if (key == 27) {
		ui_view_close(ui);
		return 1;
	}
	return 0;
}

const struct view_ops view_help_ops = {
	.name = "help",
	.keys = AV_COUNT,
	.open = help_open,
	.close = help_close,
	.draw = help_draw,
	.act = help_act,
	.key = help_key,
};
