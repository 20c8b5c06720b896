/*
 * view_entities.c: the entity view (see view.h): one row per referent —
 * who and what the reports mention — with its type, name, mentions,
 * articles and how many mentions are accepted, undecided and rejected;
 * Enter lists a referent's mentions in context (a concordance), and Enter
 * on a mention opens its article with the mention focused.  Decisions for
 * every undecided mention of a referent, splits and merges go through
 * src/edit/referent.h, one undo step each.
 *
 * Both lists are paged from SQL a screenful at a time by index
 * (store_referent_page, store_referent_mentions), so the view opens as
 * fast on a million referents as on ten.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "ui.h"
#include "view.h"
#include "edit/annotate.h"
#include "edit/referent.h"
#include "store/store.h"
#include "text/text.h"
#include "lib/util.h"

/* Code points of context either side of a mention. */
enum { CONTEXT = 40 };

struct ent_view {
	struct annot an;
	struct referent_query q;
	char *text;                 /* the name filter (/), or NULL */
	int type;                   /* index into ui->types of the type filter, or -1 */
	struct referent_page page;  /* the referents on screen */
	size_t cur;
	int64_t marked;             /* m: the referent M merges, or 0 */
	/* the concordance of one referent */
	int mentions;
	struct referent ref;        /* its referent (owned) */
	struct mention_page mp;
	size_t mcur;
};

static size_t body_rows(const struct ui *ui)
{
	return ui->rows > 4 ? (size_t)ui->rows - 4 : 1;
}

/* A copy of r's id and sort keys, to page from while the page changes. */
static struct referent key_of(const struct referent *r)
{
	struct referent k = *r;
	k.name = xstrdup(r->name ? r->name : "");
	k.key = NULL;
	return k;
}

static void load(struct ui *ui, struct ent_view *ev, enum referent_dir dir,
                 const struct referent *key)
{
	struct referent_page p = { 0 };
	if (store_referent_page(ui->st, &ev->q, dir, key, body_rows(ui), &p) < 0) {
		ui_error(ui, "%s", err_msg());
		return;
	}
	if (p.n == 0 && ev->page.n && dir != RPAGE_FIRST && dir != RPAGE_FROM) {
		referent_page_finish(&p); /* nothing more that way: stay */
		return;
	}
	referent_page_finish(&ev->page);
	ev->page = p;
	if (ev->cur >= ev->page.n)
		ev->cur = ev->page.n ? ev->page.n - 1 : 0;
}

/* Page again from the row on top (after a change or a resize). */
static void reload_page(struct ui *ui, struct ent_view *ev)
{
	if (ev->page.n == 0) {
		load(ui, ev, RPAGE_FIRST, NULL);
		return;
	}
	struct referent k = key_of(&ev->page.v[0]);
	/* the row on top may have changed its sort key: read it again */
	struct referent now;
	if (store_referent_get(ui->st, k.id, &now) == 0) {
		free(k.name);
		k = key_of(&now);
		referent_finish(&now);
	}
	load(ui, ev, RPAGE_FROM, &k);
	free(k.name);
	if (ev->page.n == 0)
		load(ui, ev, RPAGE_FIRST, NULL);
}

static void load_mentions(struct ui *ui, struct ent_view *ev, const struct mention_row *key,
                          int backward)
{
	struct mention_page p = { 0 };
	if (store_referent_mentions(ui->st, ev->ref.id, key, backward, body_rows(ui), CONTEXT,
	                            &p) < 0) {
		ui_error(ui, "%s", err_msg());
		return;
	}
	if (p.n == 0 && key) {
		mention_page_finish(&p);
		return;
	}
	mention_page_finish(&ev->mp);
	ev->mp = p;
	if (ev->mcur >= ev->mp.n)
		ev->mcur = ev->mp.n ? ev->mp.n - 1 : 0;
}

/* A copy of m's paging key. */
static struct mention_row mkey(const struct mention_row *m)
{
	struct mention_row k = { m->entity, m->article, m->start, m->status, NULL, NULL, NULL,
	                         NULL };
	return k;
}

static void reload_mentions(struct ui *ui, struct ent_view *ev)
{
	struct referent r;
	if (store_referent_get(ui->st, ev->ref.id, &r) == 0) {
		referent_finish(&ev->ref);
		ev->ref = r;
	}
	if (ev->mp.n == 0) {
		load_mentions(ui, ev, NULL, 0);
		return;
	}
	/* from the row on top: the one before it, then forward */
	struct mention_row k = mkey(&ev->mp.v[0]);
	struct mention_page before = { 0 };
	if (store_referent_mentions(ui->st, ev->ref.id, &k, 1, 1, CONTEXT, &before) == 0 &&
	    before.n == 1) {
		struct mention_row b = mkey(&before.v[0]);
		mention_page_finish(&ev->mp);
		load_mentions(ui, ev, &b, 0);
	} else {
		mention_page_finish(&ev->mp);
		load_mentions(ui, ev, NULL, 0);
	}
	mention_page_finish(&before);
}

/* Open on the referent named by arg (an int64_t id, or NULL: the first). */
static void *entities_open(struct ui *ui, const void *arg)
{
	struct ent_view *ev = xcalloc(1, sizeof *ev);
	annot_init(&ev->an, ui->st, ui->annotator);
	ev->an.learner = ui->learner;
	ev->type = -1;
	ev->q.sort = RSORT_MENTIONS;
	const int64_t *id = arg;
	struct referent r;
	if (id && *id && store_referent_get(ui->st, *id, &r) == 0) {
		load(ui, ev, RPAGE_FROM, &r);
		referent_finish(&r);
	}
	if (ev->page.n == 0)
		load(ui, ev, RPAGE_FIRST, NULL);
	return ev;
}

static void entities_close(struct ui *ui, void *state)
{
	(void)ui;
	struct ent_view *ev = state;
	referent_page_finish(&ev->page);
	mention_page_finish(&ev->mp);
	referent_finish(&ev->ref);
	free(ev->text);
	free(ev);
}

static void title_bar(struct ui *ui, const char *t)
{
	struct draw_attr title = draw_style(ui, DS_TITLE);
	draw_fill(0, 0, ui->cols, title);
	const char *help = _("? help");
	int hw = (int)strlen(help);
	int tw = draw_str(ui, 0, 1, ui->cols - 2, t, strlen(t), title, DRAW_ELLIPSIS, NULL, 0,
	                  title);
	if (tw + hw + 3 < ui->cols)
		draw_str(ui, 0, ui->cols - hw - 1, hw, help, strlen(help), title, 0, NULL, 0, title);
}

static void draw_referents(struct ui *ui, struct ent_view *ev)
{
	int w = ui->cols;
	struct draw_attr plain = draw_style(ui, DS_NORMAL);
	struct draw_attr head = draw_style(ui, DS_HEADER);
	struct draw_attr row = draw_style(ui, DS_ROW);
	char *t = xasprintf(_("nerve: %s: entities"), ui->db_name);
	title_bar(ui, t);
	free(t);
	/* columns: mark, type, name, then the counts */
	int counts_w = w >= 60 ? 30 : 12;
	int counts_x = w - counts_w;
	int name_x = 11, name_w = counts_x - name_x - 1;
	char cols[64];
	if (w >= 60)
		snprintf(cols, sizeof cols, "%5s %5s %5s %5s %5s", _("Ment"), _("Arts"), _("Acc"),
		         _("Und"), _("Rej"));
	else
		snprintf(cols, sizeof cols, "%5s %5s", _("Ment"), _("Und"));
	draw_str(ui, 1, 2, 8, _("Type"), strlen(_("Type")), head, 0, NULL, 0, head);
	draw_str(ui, 1, name_x, name_w, _("Name"), strlen(_("Name")), head, DRAW_ELLIPSIS, NULL, 0,
	         head);
	draw_str(ui, 1, counts_x, counts_w, cols, strlen(cols), head, 0, NULL, 0, head);
	if (ev->page.n == 0) {
		const char *m = ev->q.type || ev->q.text
		                    ? _("No referents match (F and / change the filter).")
		                    : _("No referents yet: entities are linked as they are detected, "
		                        "imported or decided.");
		draw_str(ui, 3, 2, w - 3, m, strlen(m), plain, DRAW_ELLIPSIS, NULL, 0, plain);
		return;
	}
	for (size_t i = 0; i < ev->page.n && (int)i + 2 < ui->rows - 2; i++) {
		const struct referent *r = &ev->page.v[i];
		int y = (int)i + 2;
		struct draw_attr a = i == ev->cur ? row : plain;
		if (i == ev->cur)
			draw_fill(y, 0, w, row);
		const char *mark = r->id == ev->marked ? "*" : r->ambiguous ? "?" : " ";
		draw_str(ui, y, 0, 1, mark, 1, a, 0, NULL, 0, a);
		struct draw_attr ta = i == ev->cur ? row : draw_entity(ui, ui_type_index(ui, r->type),
		                                                        ENT_ACCEPTED);
		draw_str(ui, y, 2, 8, r->type, strlen(r->type), ta, DRAW_ELLIPSIS, NULL, 0, ta);
		draw_str(ui, y, name_x, name_w, r->name, strlen(r->name), a,
		         DRAW_ELLIPSIS | DRAW_NO_FORMAT, NULL, 0, a);
		if (w >= 60)
			snprintf(cols, sizeof cols, "%5lld %5lld %5lld %5lld %5lld", (long long)r->mentions,
			         (long long)r->articles, (long long)r->accepted, (long long)r->suggested,
			         (long long)r->rejected);
		else
			snprintf(cols, sizeof cols, "%5lld %5lld", (long long)r->mentions,
			         (long long)r->suggested);
		draw_str(ui, y, counts_x, counts_w, cols, strlen(cols), a, 0, NULL, 0, a);
	}
}

/* The last n code points of s (a pointer into it). */
static const char *tail_cps(const char *s, size_t n)
{
	size_t len = strlen(s), cps = text_cp_len(s, len);
	return cps > n ? s + text_cp_to_byte(s, len, cps - n) : s;
}

static void draw_mentions(struct ui *ui, struct ent_view *ev)
{
	int w = ui->cols;
	struct draw_attr plain = draw_style(ui, DS_NORMAL);
	struct draw_attr dim = draw_style(ui, DS_DIM);
	struct draw_attr head = draw_style(ui, DS_HEADER);
	struct draw_attr row = draw_style(ui, DS_ROW);
	char *t = xasprintf(_("nerve: %s: mentions of %s '%s'"), ui->db_name, ev->ref.type,
	                    ev->ref.name);
	title_bar(ui, t);
	free(t);
	int title_w = w >= 60 ? w / 4 : 0;
	int ctx_x = title_w ? title_w + 1 : 0;
	int ctx_w = w - ctx_x;
	if (title_w)
		draw_str(ui, 1, 0, title_w, _("Article"), strlen(_("Article")), head, DRAW_ELLIPSIS,
		         NULL, 0, head);
	draw_str(ui, 1, ctx_x, ctx_w, _("Mention in context"), strlen(_("Mention in context")),
	         head, DRAW_ELLIPSIS, NULL, 0, head);
	if (ev->mp.n == 0) {
		const char *m = _("No mentions left (q goes back).");
		draw_str(ui, 3, 2, w - 3, m, strlen(m), plain, DRAW_ELLIPSIS, NULL, 0, plain);
		return;
	}
	int ti = ui_type_index(ui, ev->ref.type);
	for (size_t i = 0; i < ev->mp.n && (int)i + 2 < ui->rows - 2; i++) {
		const struct mention_row *m = &ev->mp.v[i];
		int y = (int)i + 2;
		int on = i == ev->mcur;
		struct draw_attr a = on ? row : plain;
		if (on)
			draw_fill(y, 0, w, row);
		if (title_w)
			draw_str(ui, y, 0, title_w - 1, m->title, strlen(m->title), on ? row : dim,
			         DRAW_ELLIPSIS | DRAW_NO_FORMAT, NULL, 0, a);
		/* the mention a third of the way in, its left context before it */
		size_t left_cps = (size_t)(ctx_w / 3 > 1 ? ctx_w / 3 - 1 : 0);
		const char *left = tail_cps(m->left, left_cps);
		int x = ctx_x;
		x += draw_str(ui, y, x, ctx_w, left, strlen(left), a, DRAW_NO_FORMAT, NULL, 0, a);
		struct draw_attr ea = draw_entity(ui, ti, m->status);
		if (ui->markup) {
			x += draw_str(ui, y, x, ctx_x + ctx_w - x, "[", 1, a, 0, NULL, 0, a);
		}
		x += draw_str(ui, y, x, ctx_x + ctx_w - x, m->text, strlen(m->text), ea,
		              DRAW_NO_FORMAT, NULL, 0, ea);
		if (ui->markup) {
			const char *suffix = m->status == ENT_SUGGESTED ? "]?" : m->status == ENT_REJECTED
			                                                           ? "]-" : "]";
			x += draw_str(ui, y, x, ctx_x + ctx_w - x, suffix, strlen(suffix), a, 0, NULL, 0, a);
		}
		if (x < ctx_x + ctx_w)
			draw_str(ui, y, x, ctx_x + ctx_w - x, m->right, strlen(m->right), a,
			         DRAW_ELLIPSIS | DRAW_NO_FORMAT, NULL, 0, a);
	}
}

static void entities_draw(struct ui *ui, void *state)
{
	struct ent_view *ev = state;
	if (ev->mentions)
		draw_mentions(ui, ev);
	else
		draw_referents(ui, ev);
}

static void entities_status(struct ui *ui, void *state, struct buf *b)
{
	struct ent_view *ev = state;
	if (ev->mentions) {
		buf_printf(b, "%s '%s': ", ev->ref.type, ev->ref.name);
		buf_printf(b, ev->ref.mentions == 1 ? _("%lld mention") : _("%lld mentions"),
		           (long long)ev->ref.mentions);
		buf_printf(b, ev->ref.articles == 1 ? _(" in %lld article") : _(" in %lld articles"),
		           (long long)ev->ref.articles);
		buf_printf(b, _(", %lld undecided"), (long long)ev->ref.suggested);
		if (ev->ref.ambiguous)
			buf_printf(b, "  %s", _("(ambiguous)"));
		return;
	}
	buf_printf(b, _("referents by %s"), _(referent_sort_name(ev->q.sort)));
	if (ev->q.type)
		buf_printf(b, "  %s", ev->q.type);
	if (ev->q.text)
		buf_printf(b, "  /%s", ev->q.text);
	if (ev->marked)
		buf_printf(b, "  %s", _("(one marked for M)"));
	if (ev->page.n) {
		const struct referent *r = &ev->page.v[ev->cur];
		if (r->ambiguous)
			buf_printf(b, "  %s", _("? another referent has this surname"));
	}
}

/* The referent the keys act on: the focused row's, or the concordance's. */
static const struct referent *current(struct ent_view *ev)
{
	if (ev->mentions)
		return &ev->ref;
	return ev->page.n ? &ev->page.v[ev->cur] : NULL;
}

static void after_edit(struct ui *ui, struct ent_view *ev, int rc, const struct annot_result *r)
{
	if (rc < 0)
		ui_error(ui, "%s", err_msg());
	else
		ui_message(ui, "%s", r->msg);
	ui_refresh_beneath(ui);
	if (ev->mentions)
		reload_mentions(ui, ev);
	reload_page(ui, ev);
}

/* a, x, t: decide every undecided mention of the current referent,
 * asking first when there are more than confirm-threshold (the key of
 * the action goes on, as A does in an article). */
static void decide_all(struct ui *ui, struct ent_view *ev, enum action act, int status,
                       const char *type)
{
	const struct referent *cur = current(ev);
	if (!cur) {
		ui_error(ui, "%s", _("no referent here"));
		return;
	}
	int64_t n, narts;
	if (annot_referent_undecided(&ev->an, cur->id, &n, &narts) < 0) {
		ui_error(ui, "%s", err_msg());
		return;
	}
	if (n > ui->opts.v[OPTION_CONFIRM_THRESHOLD]) {
		char yes[32];
		snprintf(yes, sizeof yes, "%s", ui_action_key(act));
		char *q = xasprintf(status == ENT_REJECTED
		                        ? _("reject %lld mentions in %lld articles? %s goes on, Esc goes "
		                            "back (confirm-threshold is %d)")
		                        : _("accept %lld mentions in %lld articles? %s goes on, Esc goes "
		                            "back (confirm-threshold is %d)"),
		                    (long long)n, (long long)narts, yes,
		                    ui->opts.v[OPTION_CONFIRM_THRESHOLD]);
		int k = prompt_key(ui, q);
		free(q);
		if (ui_key_action(ui, k) != act) {
			ui_message(ui, "%s", _("nothing was changed"));
			return;
		}
	}
	struct annot_result r;
	int64_t id = cur->id;
	int rc = annot_referent_decide(&ev->an, id, status, type, &r);
	after_edit(ui, ev, rc, &r);
}

static void type_all(struct ui *ui, struct ent_view *ev)
{
	char *name = ui->args && ui->args[0] ? xstrdup(ui->args) : prompt_read(ui, _("type: "));
	if (!name)
		return;
	decide_all(ui, ev, ACT_TYPE_MENTIONS, ENT_ACCEPTED, name);
	free(name);
}

static void go(struct ui *ui, struct ent_view *ev, enum action a)
{
	size_t h = body_rows(ui);
	if (ev->mentions) {
		struct mention_page *p = &ev->mp;
		if (p->n == 0)
			return;
		struct mention_row k;
		switch (a) {
		case ACT_DOWN:
			if (ev->mcur + 1 < p->n) {
				ev->mcur++;
			} else if (p->n == h) {
				k = mkey(&p->v[0]);
				load_mentions(ui, ev, &k, 0);
				ev->mcur = p->n ? p->n - 1 : 0;
			}
			break;
		case ACT_UP:
			if (ev->mcur > 0) {
				ev->mcur--;
			} else {
				k = mkey(&p->v[0]);
				struct mention_page b = { 0 };
				if (store_referent_mentions(ui->st, ev->ref.id, &k, 1, 1, CONTEXT, &b) == 0 &&
				    b.n == 1) {
					struct mention_page two = { 0 };
					struct mention_row bk = mkey(&b.v[0]);
					if (store_referent_mentions(ui->st, ev->ref.id, &bk, 1, 1, CONTEXT, &two) ==
					    0 && two.n == 1) {
						struct mention_row tk = mkey(&two.v[0]);
						load_mentions(ui, ev, &tk, 0);
					} else {
						load_mentions(ui, ev, NULL, 0);
					}
					mention_page_finish(&two);
				}
				mention_page_finish(&b);
			}
			break;
		case ACT_PAGE_DOWN:
			k = mkey(&p->v[p->n - 1]);
			load_mentions(ui, ev, &k, 0);
			break;
		case ACT_PAGE_UP:
			k = mkey(&p->v[0]);
			load_mentions(ui, ev, &k, 1);
			break;
		case ACT_FIRST:
			load_mentions(ui, ev, NULL, 0);
			ev->mcur = 0;
			break;
		case ACT_LAST:
			load_mentions(ui, ev, NULL, 1);
			ev->mcur = ev->mp.n ? ev->mp.n - 1 : 0;
			break;
		default:
			break;
		}
		return;
	}
	struct referent_page *p = &ev->page;
	if (p->n == 0 && a != ACT_FIRST && a != ACT_LAST)
		return;
	struct referent k;
	switch (a) {
	case ACT_DOWN:
		if (ev->cur + 1 < p->n) {
			ev->cur++;
		} else if (p->n == h) {
			k = key_of(&p->v[1 < p->n ? 1 : 0]);
			load(ui, ev, RPAGE_FROM, &k);
			free(k.name);
			ev->cur = ev->page.n ? ev->page.n - 1 : 0;
		}
		break;
	case ACT_UP:
		if (ev->cur > 0) {
			ev->cur--;
		} else {
			k = key_of(&p->v[0]);
			struct referent_page b = { 0 };
			if (store_referent_page(ui->st, &ev->q, RPAGE_BEFORE, &k, 1, &b) == 0 && b.n == 1) {
				struct referent bk = key_of(&b.v[0]);
				load(ui, ev, RPAGE_FROM, &bk);
				free(bk.name);
				ev->cur = 0;
			}
			referent_page_finish(&b);
			free(k.name);
		}
		break;
	case ACT_PAGE_DOWN:
		k = key_of(&p->v[p->n - 1]);
		load(ui, ev, RPAGE_AFTER, &k);
		free(k.name);
		break;
	case ACT_PAGE_UP:
		k = key_of(&p->v[0]);
		load(ui, ev, RPAGE_BEFORE, &k);
		free(k.name);
		break;
	case ACT_FIRST:
		load(ui, ev, RPAGE_FIRST, NULL);
		ev->cur = 0;
		break;
	case ACT_LAST:
		load(ui, ev, RPAGE_LAST, NULL);
		ev->cur = ev->page.n ? ev->page.n - 1 : 0;
		break;
	default:
		break;
	}
}

static void open_row(struct ui *ui, struct ent_view *ev)
{
	if (ev->mentions) {
		if (ev->mp.n == 0)
			return;
		const struct mention_row *m = &ev->mp.v[ev->mcur];
		struct article_arg arg = { m->article, m->entity, 1 };
		ui_view_open(ui, &view_article_ops, &arg);
		return;
	}
	if (ev->page.n == 0)
		return;
	referent_finish(&ev->ref);
	if (store_referent_get(ui->st, ev->page.v[ev->cur].id, &ev->ref) != 0) {
		ui_error(ui, "%s", err_msg());
		return;
	}
	ev->mentions = 1;
	ev->mcur = 0;
	mention_page_finish(&ev->mp);
	load_mentions(ui, ev, NULL, 0);
}

static int entities_act(struct ui *ui, void *state, enum action a)
{
	struct ent_view *ev = state;
	struct annot_result r;
	int rc;
	switch (a) {
	case ACT_HELP:
		ui_view_open(ui, &view_help_ops, NULL);
		return 1;
	case ACT_DOWN: case ACT_UP: case ACT_PAGE_DOWN: case ACT_PAGE_UP: case ACT_FIRST:
	case ACT_LAST:
		go(ui, ev, a);
		return 1;
	case ACT_OPEN:
		open_row(ui, ev);
		return 1;
	case ACT_QUIT:
		if (ev->mentions) {
			ev->mentions = 0;
			reload_page(ui, ev);
		} else {
			ui_view_close(ui);
		}
		return 1;
	case ACT_SORT:
		ev->q.sort = (enum referent_sort)((ev->q.sort + 1) % RSORT_COUNT);
		ev->cur = 0;
		load(ui, ev, RPAGE_FIRST, NULL);
		ui_message(ui, _("sorted by %s"), _(referent_sort_name(ev->q.sort)));
		return 1;
	case ACT_FILTER:
		ev->type = ev->type + 1 < (int)ui->ntypes ? ev->type + 1 : -1;
		ev->q.type = ev->type >= 0 ? ui->types[ev->type].name : NULL;
		ev->cur = 0;
		load(ui, ev, RPAGE_FIRST, NULL);
		ui_message(ui, "%s", ev->q.type ? ev->q.type : _("all types"));
		return 1;
	case ACT_SEARCH: {
		char *t = prompt_read(ui, "/");
		if (!t)
			return 1;
		free(ev->text);
		ev->text = t[0] ? t : NULL;
		if (!t[0])
			free(t);
		ev->q.text = ev->text;
		ev->mentions = 0;
		ev->cur = 0;
		load(ui, ev, RPAGE_FIRST, NULL);
		return 1;
	}
	case ACT_ACCEPT_MENTIONS:
		decide_all(ui, ev, ACT_ACCEPT_MENTIONS, ENT_ACCEPTED, NULL);
		return 1;
	case ACT_REJECT_MENTIONS:
		decide_all(ui, ev, ACT_REJECT_MENTIONS, ENT_REJECTED, NULL);
		return 1;
	case ACT_TYPE_MENTIONS:
		type_all(ui, ev);
		return 1;
	case ACT_MARK: {
		const struct referent *c = current(ev);
		if (c) {
			ev->marked = ev->marked == c->id ? 0 : c->id;
			ui_message(ui, ev->marked ? _("marked '%s': M on another merges it there")
			                          : _("unmarked '%s'"), c->name);
		}
		return 1;
	}
	case ACT_MERGE: {
		const struct referent *c = current(ev);
		if (!ev->marked || !c) {
			ui_error(ui, "%s", _("mark a referent with m first, then M on the one to merge it into"));
			return 1;
		}
		rc = annot_merge(&ev->an, ev->marked, c->id, &r);
		if (rc == 0)
			ev->marked = 0;
		after_edit(ui, ev, rc, &r);
		return 1;
	}
	case ACT_SPLIT:
		if (!ev->mentions || ev->mp.n == 0) {
			ui_error(ui, "%s", _("S splits a mention: Enter lists the referent's mentions"));
			return 1;
		}
		rc = annot_split(&ev->an, ev->mp.v[ev->mcur].entity, &r);
		after_edit(ui, ev, rc, &r);
		return 1;
	case ACT_UNDO:
	case ACT_REDO:
		rc = a == ACT_UNDO ? annot_undo(&ev->an, &r) : annot_redo(&ev->an, &r);
		after_edit(ui, ev, rc, &r);
		return 1;
	default:
		return 0;
	}
}

static void entities_reload(struct ui *ui, void *state)
{
	struct ent_view *ev = state;
	if (ev->mentions)
		reload_mentions(ui, ev);
	reload_page(ui, ev);
}

const struct view_ops view_entities_ops = {
	.name = "entities",
	.keys = AV_ENTITIES,
	.open = entities_open,
	.close = entities_close,
	.draw = entities_draw,
	.status = entities_status,
	.act = entities_act,
	.reload = entities_reload,
};
