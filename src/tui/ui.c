/*
 * ui.c: the browser's terminal, input, script mode, signals and main
 * loop (see ui.h).
 *
 * The terminal is restored on every way out: the normal end, die() and
 * out-of-memory (die_hook), SIGTERM, SIGINT, SIGHUP and SIGQUIT (the
 * handler only sets a flag; the read returns, the loop ends, the screen
 * is restored and the signal raised again so that the exit status tells
 * it), and crashes (restore, then the default action).
 *
 * The rc files (rc.h) apply before the first screen, through rc_ops:
 * "bind" edits the key map (the action table's default keys, per view),
 * which key dispatch and the help overlay read; "color" sets draw.c's
 * looks; "set" goes through the option table.  Their bad lines go to
 * stderr (curses is not started yet) and the message line.
 *
 * The view engine: a stack of views (view.h), the list at the bottom.
 * Keys go to the top view through the action table (the top view's
 * column of it; an overlay's is the one beneath's), and ':' commands by
 * name; an action the top view's column does not have goes down to the
 * nearest view whose column has it.
 *
 * Script mode (--script FILE or NERVE_SCRIPT) reads one input per line
 * instead of the keyboard: a key in tig's notation ("j", "<Enter>",
 * "<C-r>"), a ':' command, a comment ("# ..."), or text typed key by key;
 * it draws into a curses screen on /dev/null sized by LINES and COLUMNS,
 * so it needs no terminal, and quits at the end of the file.
 */
#include "config.h"
#include "ui.h"

#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "draw.h"
#include "edit/export.h"
#include "edit/learn.h"
#include "edit/train_op.h"
#include "layout.h"
#include "rc.h"
#include "text/text.h"
#include "view.h"
#include "lib/util.h"

#define FN(k) (UI_KEY_FN | (k))

/* ---- keys ----------------------------------------------------------- */

static const struct key_name {
	const char *name;
	int key;
} key_names[] = {
	{ "Enter", '\n' }, { "Return", '\n' }, { "Tab", '\t' }, { "S-Tab", FN(KEY_BTAB) },
	{ "Esc", 27 }, { "Escape", 27 }, { "Space", ' ' },
	{ "Backspace", FN(KEY_BACKSPACE) }, { "Del", FN(KEY_DC) }, { "Delete", FN(KEY_DC) },
	{ "Ins", FN(KEY_IC) }, { "Insert", FN(KEY_IC) },
	{ "Up", FN(KEY_UP) }, { "Down", FN(KEY_DOWN) }, { "Left", FN(KEY_LEFT) },
	{ "Right", FN(KEY_RIGHT) }, { "Home", FN(KEY_HOME) }, { "End", FN(KEY_END) },
	{ "PgUp", FN(KEY_PPAGE) }, { "PageUp", FN(KEY_PPAGE) },
	{ "PgDown", FN(KEY_NPAGE) }, { "PageDown", FN(KEY_NPAGE) }, { "PgDn", FN(KEY_NPAGE) },
	{ "LessThan", '<' }, { "lt", '<' }, { "Hash", '#' },
};

/* The key code of tig notation s[0..len), or -1. */
static int ui_key_parse(const char *s, size_t len)
{
	if (len == 0)
		return -1;
	if (s[0] != '<' || len < 3 || s[len - 1] != '>') {
		size_t i = 0;
		int32_t c = text_decode(s, len, &i);
		return i == len ? c : -1;
	}
	const char *n = s + 1;
	size_t nl = len - 2;
	for (size_t k = 0; k < ARRAY_SIZE(key_names); k++)
		if (strlen(key_names[k].name) == nl && strncasecmp(n, key_names[k].name, nl) == 0)
			return key_names[k].key;
	if ((n[0] == 'F' || n[0] == 'f') && nl >= 2 && nl <= 3) {
		int f = atoi(n + 1);
		if (f >= 1 && f <= 24)
			return FN(KEY_F(f));
	}
	if (nl == 3 && (n[0] == 'C' || n[0] == 'c') && n[1] == '-') {
		unsigned char c = (unsigned char)n[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= '@' && c <= '_')
			return c - '@';
	}
	return -1;
}

/* The name of key code key in tig notation ("j", "<Down>", "<C-r>"), in
 * a static buffer. */
static const char *ui_key_name(int key)
{
	static char out[32];
	for (size_t k = 0; k < ARRAY_SIZE(key_names); k++)
		if (key_names[k].key == key && key != '<' && key != '#') {
			snprintf(out, sizeof out, "<%s>", key_names[k].name);
			return out;
		}
	if (key > 0 && key < 32) {
		snprintf(out, sizeof out, "<C-%c>", key + 'a' - 1);
	} else if (key & UI_KEY_FN) {
		int k = key & ~UI_KEY_FN;
		if (k >= KEY_F(1) && k <= KEY_F(24))
			snprintf(out, sizeof out, "<F%d>", k - KEY_F(0));
		else
			snprintf(out, sizeof out, "<key %d>", k);
	} else if (key == 127) {
		snprintf(out, sizeof out, "<Backspace>");
	} else {
		char e[4];
		size_t n = text_encode(key, e);
		memcpy(out, e, n);
		out[n] = '\0';
	}
	return out;
}

/* The same key whatever the terminal sent for it. */
static int canonical_key(int key)
{
	switch (key) {
	case '\r':
	case FN(KEY_ENTER):
		return '\n';
	case 127:
	case 8:
		return FN(KEY_BACKSPACE);
	default:
		return key;
	}
}

/* The key map: for each view, the keys and their actions, first the
 * action table's defaults (in its order, so that an action's first key
 * comes first), then edited by the rc file's "bind" lines. */
static struct binding {
	int key;
	enum action_view view;
	enum action action;
} *bindings;
static size_t nbindings, capbindings;

/* Bind key to action a in view v (ACT_NONE: unbind it), replacing what
 * it was bound to there. */
static void keymap_set(enum action_view v, int key, enum action a)
{
	size_t o = 0;
	for (size_t i = 0; i < nbindings; i++)
		if (bindings[i].key != key || bindings[i].view != v)
			bindings[o++] = bindings[i];
	nbindings = o;
	if (a == ACT_NONE)
		return;
	bindings = xgrow(bindings, &capbindings, nbindings + 1, sizeof *bindings);
	bindings[nbindings].key = key;
	bindings[nbindings].view = v;
	bindings[nbindings++].action = a;
}

static void build_keymap(void)
{
	nbindings = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct action_info *ai = action_info((enum action)a);
		for (const char *p = ai->keys; *p;) {
			while (*p == ' ')
				p++;
			const char *e = p;
			while (*e && *e != ' ')
				e++;
			if (e > p) {
				int key = ui_key_parse(p, (size_t)(e - p));
				if (key < 0)
					die("action table: bad key '%.*s' for %s", (int)(e - p), p, ai->name);
				for (int v = 0; v < AV_COUNT; v++)
					if (ai->help[v])
						keymap_set((enum action_view)v, key, (enum action)a);
			}
			p = e;
		}
	}
}

enum action ui_key_action(const struct ui *ui, int key)
{
	enum action_view av = ui_key_column(ui);
	for (size_t i = 0; i < nbindings; i++)
		if (bindings[i].key == key && bindings[i].view == av)
			return bindings[i].action;
	return ACT_NONE;
}

void ui_action_keys(enum action_view av, enum action a, char *out, size_t size)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < nbindings; i++)
		if (bindings[i].action == a && bindings[i].view == av)
			buf_printf(&b, "%s%s", b.len ? " " : "", ui_key_name(bindings[i].key));
	action_keys_label(b.data ? b.data : "", out, size);
	buf_free(&b);
}

const char *ui_action_key(enum action a)
{
	/* the first key bound to a, in the first view that has one */
	static char out[32];
	for (int v = 0; v < AV_COUNT; v++)
		for (size_t i = 0; i < nbindings; i++)
			if (bindings[i].action == a && bindings[i].view == (enum action_view)v) {
				action_keys_label(ui_key_name(bindings[i].key), out, sizeof out);
				return out;
			}
	/* unbound everywhere: the table's first key, as the prompts name it */
	char first[32];
	const char *keys = action_info(a)->keys;
	snprintf(first, sizeof first, "%.*s", (int)strcspn(keys, " "), keys);
	action_keys_label(first, out, sizeof out);
	return out;
}

/* ---- the terminal and signals --------------------------------------- */

static SCREEN *screen;
static FILE *null_out, *null_in;
static int curses_on;
static volatile sig_atomic_t quit_signal;

static void restore_terminal(void)
{
	if (curses_on) {
		curses_on = 0;
		endwin();
	}
}

static void on_quit_signal(int sig)
{
	quit_signal = sig;
}

#if !defined(__SANITIZE_ADDRESS__)
static void on_crash(int sig)
{
	/* Not async-signal-safe, but the process is going down anyway, and
	 * a terminal left in raw mode is worse. */
	restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}
#endif

static void install_signals(int interactive)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the blocking read must return */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
#if !defined(__SANITIZE_ADDRESS__)
	if (interactive) {
		signal(SIGSEGV, on_crash);
		signal(SIGBUS, on_crash);
		signal(SIGFPE, on_crash);
		signal(SIGILL, on_crash);
		signal(SIGABRT, on_crash);
	}
#else
	(void)interactive;
#endif
}

static int term_start(struct ui *ui)
{
	if (ui->script) {
		null_out = fopen("/dev/null", "w");
		null_in = fopen("/dev/null", "r");
		if (!null_out || !null_in) {
			err_set("/dev/null: %s", strerror(errno));
			return -1;
		}
		const char *term = getenv("TERM");
		if (!term || !term[0] || strcmp(term, "dumb") == 0)
			term = "xterm-256color";
		screen = newterm(term, null_out, null_in);
		if (!screen)
			screen = newterm("vt100", null_out, null_in);
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			err_set(_("the browser needs a terminal (or --script FILE)"));
			return -1;
		}
		/* the terminal's own size, even when LINES or COLUMNS is exported */
		use_tioctl(TRUE);
		screen = newterm(NULL, stdout, stdin);
	}
	if (!screen) {
		const char *term = getenv("TERM");
		err_set(_("cannot use the terminal '%s' (check $TERM)"), term ? term : "");
		return -1;
	}
	set_term(screen);
	curses_on = 1;
	die_hook = restore_terminal;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (!ui->script)
		wtimeout(stdscr, 1000); /* look at the signal flag now and then */
	getmaxyx(stdscr, ui->rows, ui->cols);
	draw_init(ui);
	return 0;
}

static void term_stop(void)
{
	draw_finish();
	restore_terminal();
	if (screen) {
		delscreen(screen);
		screen = NULL;
	}
	if (null_out)
		fclose(null_out);
	if (null_in)
		fclose(null_in);
	null_out = null_in = NULL;
	die_hook = NULL;
}

/* ---- script mode ---------------------------------------------------- */

struct script {
	FILE *f;
	char *path;
	size_t lineno;
	char *line;
	size_t linecap;
	int32_t *typed;         /* keys of a text line still to give */
	size_t ntyped, ityped, captyped;
	char *cmd;              /* the last command given (owned) */
};

static struct script *script_open(const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f) {
		err_set("%s: %s", path, strerror(errno));
		return NULL;
	}
	struct script *s = xcalloc(1, sizeof *s);
	s->f = f;
	s->path = xstrdup(path);
	return s;
}

static void script_close(struct script **ps)
{
	struct script *s = *ps;
	if (!s)
		return;
	if (s->f && s->f != stdin)
		fclose(s->f);
	free(s->path);
	free(s->line);
	free(s->typed);
	free(s->cmd);
	free(s);
	*ps = NULL;
}

/* The next input of the script; -1 at its end. */
static int script_next(struct ui *ui, struct ui_event *ev)
{
	struct script *s = ui->script;
	for (;;) {
		if (s->ityped < s->ntyped) {
			ev->key = s->typed[s->ityped++];
			ev->cmd = NULL;
			return 0;
		}
		ssize_t n = getline(&s->line, &s->linecap, s->f);
		if (n < 0)
			return -1;
		s->lineno++;
		while (n > 0 && (s->line[n - 1] == '\n' || s->line[n - 1] == '\r'))
			s->line[--n] = '\0';
		if (n == 0 || (s->line[0] == '#' && n > 1))
			continue; /* blank lines and comments */
		if (s->line[0] == ':' && n > 1) {
			free(s->cmd);
			s->cmd = xstrdup(s->line + 1);
			ev->key = -1;
			ev->cmd = s->cmd;
			return 0;
		}
		int key = ui_key_parse(s->line, (size_t)n);
		if (key >= 0) {
			ev->key = key;
			ev->cmd = NULL;
			return 0;
		}
		if (s->line[0] == '<' && s->line[n - 1] == '>' && !strchr(s->line, ' '))
			die(_("%s:%zu: unknown key '%s'"), s->path, s->lineno, s->line);
		/* text: typed key by key */
		s->ntyped = s->ityped = 0;
		for (size_t i = 0; i < (size_t)n;) {
			s->typed = xgrow(s->typed, &s->captyped, s->ntyped + 1, sizeof *s->typed);
			s->typed[s->ntyped++] = text_decode(s->line, (size_t)n, &i);
		}
	}
}

/* 1 when a key is waiting to be read (never in script mode, whose
 * keys come one after the other's drawing, as from an analyst who
 * pauses). */
static int key_waiting(struct ui *ui)
{
	if (ui->script)
		return 0;
	wint_t wc;
	wtimeout(stdscr, 0);
	int rc = wget_wch(stdscr, &wc);
	wtimeout(stdscr, 1000);
	if (rc == ERR)
		return 0;
	if (rc == KEY_CODE_YES)
		ungetch((int)wc);
	else
		unget_wch((wchar_t)wc);
	return 1;
}

/* Between keys, unless one is already waiting: the views' deferred work,
 * and the drawing it changes. */
static void idle(struct ui *ui)
{
	if (key_waiting(ui))
		return;
	int changed = 0;
	for (size_t i = 0; i < ui->nviews; i++)
		if (ui->views[i].ops->idle && ui->views[i].ops->idle(ui, ui->views[i].state))
			changed = 1;
	if (changed)
		ui_draw(ui);
}

int ui_next_event(struct ui *ui, struct ui_event *ev)
{
	if (quit_signal)
		return -1;
	if (ui->script)
		return script_next(ui, ev);
	for (;;) {
		wint_t wc;
		int rc = wget_wch(stdscr, &wc);
		if (quit_signal)
			return -1;
		if (rc == ERR) {
			/* A timeout or an interrupted read.  A pause after keys is the
			 * time to copy the write-ahead log into the database, out of
			 * the way of the next keystroke, and to detect again in the
			 * next articles to review whose suggestions are older than the
			 * model. */
			if (ui->idle_work) {
				ui->idle_work = 0;
				store_checkpoint(ui->st);
			}
			ui_idle_refresh(ui);
			continue;
		}
		ui->idle_work = 1;
		ev->cmd = NULL;
		ev->key = canonical_key(rc == KEY_CODE_YES ? FN((int)wc) : (int)wc);
		return 0;
	}
}

/* ---- the view engine ------------------------------------------------ */

static struct view *top(struct ui *ui)
{
	return &ui->views[ui->nviews - 1];
}

/* The topmost view that is not an overlay: what the screen shows
 * beneath the overlays, and whose status the bar gives. */
static size_t base_view(const struct ui *ui)
{
	size_t i = ui->nviews - 1;
	while (i > 0 && ui->views[i].ops->keys == AV_COUNT)
		i--;
	return i;
}

enum action_view ui_key_column(const struct ui *ui)
{
	enum action_view av = ui->views[base_view(ui)].ops->keys;
	return av == AV_COUNT ? AV_LIST : av;
}

int ui_view_open(struct ui *ui, const struct view_ops *ops, const void *arg)
{
	if (ui->nviews == UI_MAX_VIEWS) {
		ui_error(ui, _("too many views are open"));
		return -1;
	}
	void *state = ops->open(ui, arg);
	if (!state)
		return -1;
	if (ui->nviews > 0 && top(ui)->ops == ops) {
		struct view *v = top(ui);
		v->ops->close(ui, v->state);
		v->state = state;
		return 0;
	}
	ui->views[ui->nviews].ops = ops;
	ui->views[ui->nviews++].state = state;
	return 0;
}

void ui_view_close(struct ui *ui)
{
	if (ui->nviews < 2)
		return;
	struct view *v = top(ui);
	int overlay = v->ops->keys == AV_COUNT;
	v->ops->close(ui, v->state);
	ui->nviews--;
	v = top(ui);
	if (!overlay && v->ops->reload)
		v->ops->reload(ui, v->state);
}

int ui_query(struct ui *ui, struct view_query *q)
{
	for (size_t i = ui->nviews; i-- > 0;) {
		struct view *v = &ui->views[i];
		if (v->ops->answer && v->ops->answer(ui, v->state, q))
			return 1;
	}
	return 0;
}

void ui_refresh_beneath(struct ui *ui)
{
	for (size_t i = 0; i + 1 < ui->nviews; i++)
		if (ui->views[i].ops->reload)
			ui->views[i].ops->reload(ui, ui->views[i].state);
}

/* Tell every view that the database changed. */
static void refresh_views(struct ui *ui)
{
	for (size_t i = 0; i < ui->nviews; i++)
		if (ui->views[i].ops->reload)
			ui->views[i].ops->reload(ui, ui->views[i].state);
}

static void close_views(struct ui *ui)
{
	while (ui->nviews > 0) {
		struct view *v = top(ui);
		v->ops->close(ui, v->state);
		ui->nviews--;
	}
}

/* ---- messages, drawing ---------------------------------------------- */

static void set_message(struct ui *ui, int error, const char *fmt, va_list ap)
{
	char tmp[512];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	buf_clear(&ui->msg);
	buf_adds(&ui->msg, tmp);
	ui->msg_error = error;
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(ui, 0, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(ui, 1, fmt, ap);
	va_end(ap);
}

int ui_type_index(const struct ui *ui, const char *name)
{
	for (size_t i = 0; i < ui->ntypes; i++)
		if (strcmp(ui->types[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int too_small(const struct ui *ui)
{
	return ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS;
}

void ui_draw(struct ui *ui)
{
	/* Another process committed (an import, a second browser): show what
	 * it changed. */
	int64_t version;
	if (store_data_version(ui->st, &version) == 0 && version != ui->data_version) {
		ui->data_version = version;
		refresh_views(ui);
	}
	werase(stdscr);
	if (too_small(ui)) {
		draw_too_small(ui);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	size_t base = base_view(ui);
	for (size_t i = base; i < ui->nviews; i++)
		ui->views[i].ops->draw(ui, ui->views[i].state);

	/* the status bar: the view's text on the left, the legend right */
	struct draw_attr bar = draw_style(ui, DS_STATUS);
	int y = ui->rows - 2;
	draw_fill(y, 0, ui->cols, bar);
	struct buf b = BUF_INIT;
	ui->views[base].ops->status(ui, ui->views[base].state, &b);
	int used = draw_str(ui, y, 1, ui->cols - 2, b.data ? b.data : "", b.len, bar,
	                    DRAW_ELLIPSIS, NULL, 0, bar);
	buf_free(&b);
	int room = ui->cols - 1 - (used + 3);
	if (room > 0)
		draw_legend(ui, y, ui->cols - 1, room, bar);

	/* the message line */
	if (ui->msg.len) {
		struct draw_attr a = draw_style(ui, ui->msg_error ? DS_ERROR : DS_NORMAL);
		draw_str(ui, ui->rows - 1, 0, ui->cols, ui->msg.data, ui->msg.len, a,
		         DRAW_ELLIPSIS, NULL, 0, a);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

void ui_resized(struct ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
}

/* Resize the (script) screen to cols x rows. */
static void ui_resize_to(struct ui *ui, int cols, int rows)
{
	resizeterm(rows, cols);
	ui_resized(ui);
}

/* Write the screen to path as text (attrs: with each cell's attributes);
 * -1 with err_set() on failure. */
static int ui_dump_screen(struct ui *ui, const char *path, int attrs)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		err_set("%s: %s", path, strerror(errno));
		return -1;
	}
	ui_draw(ui);
	struct buf line = BUF_INIT, runs = BUF_INIT;
	for (int y = 0; y < ui->rows; y++) {
		buf_clear(&line);
		buf_clear(&runs);
		char cur[128] = "", d[128];
		int run_start = 0;
		for (int x = 0; x < ui->cols;) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1];
			attr_t a = 0;
			short pair = 0;
			int w = 1;
			if (mvin_wch(y, x, &cc) == ERR || getcchar(&cc, wc, &a, &pair, NULL) == ERR) {
				wc[0] = L' ';
				wc[1] = 0;
			}
			if (wc[0] == 0) {
				wc[0] = L' ';
				wc[1] = 0;
			}
			if (wcwidth(wc[0]) == 2)
				w = 2;
			for (size_t k = 0; k < CCHARW_MAX && wc[k]; k++) {
				char e[4];
				buf_add(&line, e, text_encode((int32_t)wc[k], e));
			}
			if (attrs) {
				draw_describe(a & (A_ATTRIBUTES & ~A_COLOR), pair, d, sizeof d);
				if (strcmp(d, cur) != 0) {
					if (cur[0])
						buf_printf(&runs, "%s%d-%d %s", runs.len ? "; " : "", run_start,
						           x - 1, cur);
					snprintf(cur, sizeof cur, "%s", d);
					run_start = x;
				}
			}
			x += w;
		}
		if (attrs && cur[0])
			buf_printf(&runs, "%s%d-%d %s", runs.len ? "; " : "", run_start, ui->cols - 1,
			           cur);
		while (line.len > 0 && line.data[line.len - 1] == ' ')
			line.data[--line.len] = '\0';
		fprintf(f, "%s\n", line.data ? line.data : "");
		if (runs.len)
			fprintf(f, "@ %s\n", runs.data);
	}
	buf_free(&line);
	buf_free(&runs);
	if (fclose(f) != 0) {
		err_set("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- the rc file ---------------------------------------------------- */

static int rc_key_parse(const char *s, size_t len)
{
	return ui_key_parse(s, len);
}

static int rc_bind(void *arg, int view, int key, enum action a)
{
	(void)arg;
	for (int v = 0; v < AV_COUNT; v++)
		if (view == RC_VIEW_GENERIC ? !!action_info(a)->help[v] || a == ACT_NONE : v == view)
			keymap_set((enum action_view)v, key, a);
	return 0;
}

/* The curses attributes of a set of enum rc_attr. */
static attr_t rc_curses_attrs(unsigned set)
{
	static const struct { unsigned rc; attr_t curses; } map[] = {
		{ RC_ATTR_BOLD, A_BOLD }, { RC_ATTR_DIM, A_DIM }, { RC_ATTR_UNDERLINE, A_UNDERLINE },
		{ RC_ATTR_REVERSE, A_REVERSE }, { RC_ATTR_STANDOUT, A_STANDOUT },
		{ RC_ATTR_BLINK, A_BLINK },
#ifdef A_ITALIC
		{ RC_ATTR_ITALIC, A_ITALIC },
#endif
	};
	attr_t a = A_NORMAL;
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (set & map[i].rc)
			a |= map[i].curses;
	return a;
}

static int rc_color(void *arg, enum rc_area area, const char *type, const char *fg,
                    const char *bg, unsigned attrs)
{
	/* each area of rc.h and the draw.h styles it covers */
	static const enum draw_style styles[RC_AREA_COUNT][2] = {
		[RC_AREA_STATUS] = { DS_STATUS, DS_STATUS },
		[RC_AREA_TITLE] = { DS_TITLE, DS_TITLE },
		[RC_AREA_HEADER] = { DS_HEADER, DS_HEADER },
		[RC_AREA_CURSOR] = { DS_ROW, DS_CURSOR },
		[RC_AREA_SEARCH] = { DS_MATCH, DS_TEXT_MATCH },
		[RC_AREA_SELECTION] = { DS_SELECT, DS_SELECT },
		[RC_AREA_ERROR] = { DS_ERROR, DS_ERROR },
		[RC_AREA_DIM] = { DS_DIM, DS_DIM },
	};
	struct ui *ui = arg;
	attr_t a = rc_curses_attrs(attrs);
	if (area == RC_AREA_TYPE) {
		int t = ui_type_index(ui, type);
		if (t < 0) {
			err_set(_("'%s' is neither an area (status, title, ...) nor a type"), type);
			return -1;
		}
		return draw_set_type(t, fg, bg, a);
	}
	for (int i = 0; i < 2; i++)
		if (draw_set_style(styles[area][i], fg, bg, a) < 0)
			return -1;
	return 0;
}

static int rc_set(void *arg, const char *name, const char *value)
{
	struct ui *ui = arg;
	return options_set(&ui->opts, name, value);
}

/* A bad line: on stderr before curses starts (the rc files), on the
 * message line always (the first of them, with how many followed). */
static void rc_report(void *arg, const char *file, size_t line, const char *msg)
{
	struct ui *ui = arg;
	char where[512] = "";
	if (file && line)
		snprintf(where, sizeof where, "%s:%zu: ", file, line);
	else if (file)
		snprintf(where, sizeof where, "%s: ", file);
	if (!curses_on)
		warnmsg("%s%s", where, msg);
	if (!ui->msg_error || !ui->msg.len)
		ui_error(ui, "%s%s", where, msg);
	ui->rc_errors++;
}

static const struct rc_ops ui_rc_ops_proto = {
	rc_key_parse, rc_bind, rc_color, rc_set, rc_report, NULL,
};

/* Apply one rc line (the ':' prompt's bind, color, set NAME = VALUE):
 * 0, or -1 when it was reported on the message line. */
static int rc_apply(struct ui *ui, const char *line)
{
	struct rc_ops ops = ui_rc_ops_proto;
	ops.arg = ui;
	ui->rc_errors = 0;
	if (rc_line(&ops, line, NULL, 0) < 0)
		return -1;
	refresh_views(ui); /* what the views show may depend on it */
	return 0;
}

/* Read the rc files at start-up: -1 (reported) when one that must be
 * read cannot be. */
static int rc_start(struct ui *ui, const char *explicit_path)
{
	struct rc_ops ops = ui_rc_ops_proto;
	ops.arg = ui;
	ui->rc_errors = 0;
	if (rc_load(&ops, explicit_path) < 0)
		return -1;
	if (ui->rc_errors > 1) {
		/* the message line shows the first, and says how many there were */
		char *first = xstrdup(ui->msg.data);
		ui_error(ui, _("%s (and %d more: see stderr)"), first, ui->rc_errors - 1);
		free(first);
	}
	return 0;
}

/* ---- dispatch ------------------------------------------------------- */

static void act_screen(struct ui *ui, const char *args)
{
	int attrs = 0;
	if (strncmp(args, "--attrs", 7) == 0 && (args[7] == ' ' || !args[7])) {
		attrs = 1;
		args += 7;
		while (*args == ' ')
			args++;
	}
	if (!*args) {
		ui_error(ui, _("screen takes a file: :screen [--attrs] FILE"));
		return;
	}
	if (ui_dump_screen(ui, args, attrs) < 0)
		ui_error(ui, "%s", err_msg());
}

static void act_resize(struct ui *ui, const char *args)
{
	int c, r;
	if (sscanf(args, "%dx%d", &c, &r) != 2 || c < 1 || r < 1 || c > 1000 || r > 1000) {
		ui_error(ui, _("resize takes a size: :resize COLUMNSxLINES"));
		return;
	}
	ui_resize_to(ui, c, r);
}

static void act_timing(struct ui *ui, const char *args)
{
	if (!*args) {
		ui_error(ui, _("timing takes a file: :timing FILE"));
		return;
	}
	if (ui->timing)
		fclose(ui->timing);
	ui->timing = fopen(args, "w");
	if (!ui->timing)
		ui_error(ui, "%s: %s", args, strerror(errno));
}

/* :export [--format F] FILE: what `nerve export -o FILE` writes (the
 * accepted entities of every article), through the same operation. */
static void act_export(struct ui *ui, const char *args)
{
	struct export_opts o;
	export_opts_init(&o);
	char format[16] = "csv";
	if (strncmp(args, "--format", 8) == 0 && args[8] == ' ') {
		args += 8;
		while (*args == ' ')
			args++;
		size_t n = strcspn(args, " ");
		snprintf(format, sizeof format, "%.*s", (int)n, args);
		args += n;
		while (*args == ' ')
			args++;
	}
	if (!*args || strcmp(args, "-") == 0) {
		ui_error(ui, _("export takes a file: :export [--format F] FILE"));
		return;
	}
	if (export_format_parse(format, &o.format) < 0) {
		ui_error(ui, "%s", err_msg());
		return;
	}
	if (export_run(ui->st, &o, args) < 0) {
		ui_error(ui, "%s", err_msg());
		return;
	}
	ui_message(ui, _("exported to %s"), args);
}

void ui_idle_refresh(struct ui *ui)
{
	enum { FEW = 3 };
	if (!ui->learner || store_readonly(ui->st) || learner_sync(ui->learner) < 0)
		return;
	int64_t gen = learner_model_generation(ui->learner);
	if (gen == ui->idle_gen)
		return;
	int64_t *ids;
	size_t n;
	if (store_articles_stale(ui->st, gen, ui->current, FEW, &ids, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (learner_refresh(ui->learner, ids[i], 0, NULL) < 0)
			break;   /* busy, say: the next pause tries again */
	if (n < FEW)
		ui->idle_gen = gen;
	free(ids);
}

/* Training's progress on the message line. */
static void train_progress(void *arg, unsigned epoch, unsigned epochs, size_t errors,
                           size_t tokens)
{
	struct ui *ui = arg;
	ui_message(ui, _("training: pass %u of %u, %zu of %zu tokens wrong"), epoch, epochs,
	           errors, tokens);
	ui_draw(ui);
}

/* :train: a full retrain on the shipped data and everything reviewed,
 * the browser using the new model afterwards. */
static void act_train(struct ui *ui)
{
	if (store_readonly(ui->st)) {
		ui_error(ui, _("%s: the database is read-only: no training"), store_path(ui->st));
		return;
	}
	struct train_op_opts o = { 0 };
	o.progress = train_progress;
	o.progress_arg = ui;
	int64_t id;
	char *info = NULL;
	ui_message(ui, _("training: reading the training data"));
	ui_draw(ui);
	if (train_op_run(ui->st, &o, &id, &info) < 0) {
		ui_error(ui, _("training failed: %s"), err_msg());
		free(info);
		return;
	}
	if (ui->learner && learner_sync(ui->learner) < 0)
		ui_error(ui, "%s", err_msg());
	else
		ui_message(ui, _("model %lld in use: %s"), (long long)id, info ? info : "");
	free(info);
	refresh_views(ui);
}

/* :bind and :color: the rc file's line. */
static void act_rc(struct ui *ui, const char *command, const char *args)
{
	char *line = xasprintf("%s %s", command, args);
	if (rc_apply(ui, line) == 0)
		ui_message(ui, "%s", line);
	free(line);
}

/* :set [NAME [VALUE]]: set an option, or show it, or show them all;
 * also the rc file's "set NAME = VALUE". */
static void act_set(struct ui *ui, const char *args)
{
	if (strchr(args, '=')) {
		char *line = xasprintf("set %s", args);
		if (rc_apply(ui, line) == 0) {
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)strcspn(args, " ="), args);
			act_set(ui, name);     /* shows the value as it is now */
		}
		free(line);
		return;
	}
	char name[64], value[64];
	int n = sscanf(args, "%63s %63s", name, value);
	char v[32];
	if (n < 1) {
		struct buf b = BUF_INIT;
		for (int i = 0; i < OPTION_COUNT; i++) {
			options_format(&ui->opts, (enum option_id)i, v, sizeof v);
			buf_printf(&b, "%s%s %s", i ? ", " : "", option_info((enum option_id)i)->name, v);
		}
		ui_message(ui, "%s", b.data ? b.data : "");
		buf_free(&b);
		return;
	}
	int id = option_by_name(name);
	if (n == 1 && id >= 0) {
		options_format(&ui->opts, (enum option_id)id, v, sizeof v);
		ui_message(ui, "%s %s", name, v);
		return;
	}
	if (n == 1 || options_set(&ui->opts, name, value) < 0) {
		if (n == 1)
			err_set(_("no option is called '%s'"), name);
		ui_error(ui, "%s", err_msg());
		return;
	}
	options_format(&ui->opts, (enum option_id)id, v, sizeof v);
	ui_message(ui, "%s %s", name, v);
	refresh_views(ui); /* what the views show may depend on it */
}

/* The actions that work alike in every view; 1 when a is one.  (:export
 * [--format F] FILE comes here, a row of actions.h and a case calling
 * the export operation of edit/.) */
static int engine_act(struct ui *ui, enum action a)
{
	switch (a) {
	case ACT_PROMPT: {
		char *line = prompt_read(ui, ":");
		if (line) {
			prompt_command(ui, line);
			free(line);
		}
		return 1;
	}
	case ACT_REDRAW:
		/* redraw from scratch, and show what another process changed */
		clearok(curscr, TRUE);
		refresh_views(ui);
		return 1;
	case ACT_QUIT_ALL:
		ui->quit = 1;
		return 1;
	case ACT_ENTITIES:
		ui_view_open(ui, &view_entities_ops, NULL);
		return 1;
	case ACT_SET:
		act_set(ui, ui->args);
		return 1;
	case ACT_BIND:
		act_rc(ui, "bind", ui->args);
		return 1;
	case ACT_COLOR:
		act_rc(ui, "color", ui->args);
		return 1;
	case ACT_SCREEN:
		act_screen(ui, ui->args);
		return 1;
	case ACT_RESIZE:
		act_resize(ui, ui->args);
		return 1;
	case ACT_TIMING:
		act_timing(ui, ui->args);
		return 1;
	case ACT_EXPORT:
		act_export(ui, ui->args);
		return 1;
	case ACT_TRAIN:
		act_train(ui);
		return 1;
	default:
		return 0;
	}
}

void ui_act(struct ui *ui, enum action a)
{
	if (engine_act(ui, a))
		return;
	const struct action_info *ai = action_info(a);
	if (!ai->help[ui_key_column(ui)]) {
		/* not an action of this view: the nearest beneath that has it
		 * comes to the top */
		size_t i = base_view(ui);
		while (i-- > 0 && (ui->views[i].ops->keys == AV_COUNT ||
		                   !ai->help[ui->views[i].ops->keys]))
			;
		if (i == (size_t)-1) {
			ui_error(ui, ai->help[AV_ARTICLE]    ? _(":%s works in an article")
			             : ai->help[AV_ENTITIES] ? _(":%s works in the entity view")
			                                     : _(":%s works in the list"), ai->name);
			return;
		}
		while (ui->nviews > i + 1)
			ui_view_close(ui);
	}
	struct view *v = top(ui);
	if (v->ops->act(ui, v->state, a))
		return;
	if (!ui->key && v->ops->keys == AV_COUNT) {
		/* a command the overlay does not take is for the view beneath */
		ui_view_close(ui);
		v = top(ui);
		if (v->ops->act(ui, v->state, a))
			return;
	}
	ui_message(ui, _("'%s' does nothing here"), ai->name);
}

/* Some script commands leave the message line as it was, so that a
 * screen written after a key shows what the key said. */
int ui_keeps_message(enum action a)
{
	return a == ACT_SCREEN || a == ACT_RESIZE || a == ACT_TIMING;
}

static void handle_key(struct ui *ui, int key)
{
	if (key == FN(KEY_RESIZE)) {
		ui_resized(ui);
		return;
	}
	buf_clear(&ui->msg);
	if (too_small(ui)) {
		if (key == 'q')
			ui->quit = 1;
		return;
	}
	struct view *v = top(ui);
	if (v->ops->key && v->ops->key(ui, v->state, key))
		return;
	enum action a = ui_key_action(ui, key);
	if (a == ACT_NONE) {
		ui_message(ui, _("%s: no such key here (? shows the keys)"), ui_key_name(key));
		return;
	}
	ui->key = key;
	ui->args = "";
	ui_act(ui, a);
	ui->key = 0;
}

/* ---- running -------------------------------------------------------- */

static void ui_free(struct ui *ui)
{
	close_views(ui);
	learner_free(&ui->learner);
	term_stop();
	script_close(&ui->script);
	free(ui->types);
	free(ui->db_name);
	buf_free(&ui->msg);
	free(ui->pending);
	if (ui->timing)
		fclose(ui->timing);
	ui->timing = NULL;
	free(bindings);
	bindings = NULL;
	nbindings = capbindings = 0;
}

int ui_run(struct store *st, const struct ui_setup *setup)
{
	const char *script = setup->script;
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	ui.st = st;
	ui.annotator = setup->annotator;
	ui.args = "";
	options_init(&ui.opts);
	build_keymap();

	if (script && script[0]) {
		ui.script = script_open(script);
		if (!ui.script) {
			warnmsg("%s", err_msg());
			ui_free(&ui);
			return 1;
		}
	}
	const char *path = store_path(ui.st), *slash = strrchr(path, '/');
	ui.db_name = xstrdup(slash ? slash + 1 : path);
	if (store_types(ui.st, &ui.types, &ui.ntypes) < 0) {
		warnmsg("%s", err_msg());
		ui_free(&ui);
		return 1;
	}
	/* after the types (a "color" line may name one), before curses (so
	 * that its errors can go to stderr too) */
	if (rc_start(&ui, setup->rc) < 0) {
		ui_free(&ui);
		return 1;
	}

	const char *codeset = nl_langinfo(CODESET);
	char *ascii_warning = NULL;
	if (strcmp(codeset, "UTF-8") != 0) {
		ui.ascii = 1;
		ascii_warning = xasprintf(_("the locale's character set is %s, not UTF-8: showing "
		                            "text in ASCII (set LANG to a UTF-8 locale such as "
		                            "C.UTF-8)"), codeset);
		warnmsg("%s", ascii_warning);
	}

	if (term_start(&ui) < 0) {
		warnmsg("%s", err_msg());
		free(ascii_warning);
		ui_free(&ui);
		return 1;
	}
	install_signals(!ui.script);
	/* the detector, to refresh stale suggestions and learn at each done */
	char *learn_error = NULL;
	if (!store_readonly(ui.st) && !(ui.learner = learner_open(ui.st)))
		learn_error = xstrdup(err_msg());
	/* Checkpoints wait for a pause (see ui_next_event), not a keystroke. */
	if (!ui.script)
		store_set_autocheckpoint(ui.st, 10000);
	if (ui_view_open(&ui, &view_list_ops, NULL) < 0) {
		free(ascii_warning);
		free(learn_error);
		ui_free(&ui);
		return 1;
	}
	if (store_readonly(ui.st))
		ui_error(&ui, _("%s: the database is read-only: browsing only"), store_path(ui.st));
	if (ascii_warning)
		ui_error(&ui, "%s", ascii_warning);
	if (learn_error)
		ui_error(&ui, _("no detection: %s"), learn_error);
	free(ascii_warning);
	free(learn_error);

	/* A key's time, for :timing, runs from reading it to the end of the
	 * drawing that shows what it did; the views' idle work follows it. */
	struct timespec t0;
	int timed_key = -1;
	while (!ui.quit) {
		ui_draw(&ui);
		if (timed_key >= 0 && ui.timing) {
			struct timespec t1;
			clock_gettime(CLOCK_MONOTONIC, &t1);
			fprintf(ui.timing, "%s %.3f\n", ui_key_name(timed_key),
			        (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
			            (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
		}
		timed_key = -1;
		idle(&ui);
		struct ui_event ev;
		if (ui_next_event(&ui, &ev) < 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (ev.key < 0) {
			prompt_command(&ui, ev.cmd);
		} else {
			handle_key(&ui, ev.key);
			timed_key = ev.key;
		}
		while (ui.pending) {
			char *cmd = ui.pending;
			ui.pending = NULL;
			prompt_command(&ui, cmd);
			free(cmd);
		}
	}
	ui_free(&ui);
	if (quit_signal) {
		/* Die of the signal, now that the terminal is restored. */
		int sig = quit_signal;
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}
