/*
 * prompt.c: the prompt line ("/" searches, ":" commands) and the ':'
 * commands (see ui.h).
 *
 * Commands are rows of one table (name, arguments, help, handler); any
 * action of actions.h may also be given by name (":down", ":sort").
 * The help overlay lists the table.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "layout.h"
#include "text/text.h"
#include "ui.h"
#include "lib/util.h"

/* ---- reading a line -------------------------------------------------- */

/* Draw the prompt and the text typed so far on the last row; the
 * terminal's cursor goes after it. */
static void draw_prompt(struct ui *ui, const char *prefix, const struct buf *b)
{
	struct draw_attr a = draw_style(ui, DS_NORMAL);
	int y = ui->rows - 1;
	draw_fill(y, 0, ui->cols, a);
	int x = draw_str(ui, y, 0, ui->cols, prefix, strlen(prefix), a, 0, NULL, 0, a);
	/* show the end of what was typed when it is longer than the row */
	const char *s = b->data ? b->data : "";
	size_t len = b->len;
	while (len > 0 && layout_width(s, len, ui->ascii) > ui->cols - x - 1) {
		size_t e = text_grapheme_end(s, len, 0);
		s += e;
		len -= e;
	}
	x += draw_str(ui, y, x, ui->cols - x - 1, s, len, a, 0, NULL, 0, a);
	move(y, x);
	wnoutrefresh(stdscr);
	doupdate();
}

/* Remove the last grapheme cluster (with words: back to a blank). */
static void erase_back(struct buf *b, int word)
{
	while (word && b->len > 0 && b->data[b->len - 1] == ' ')
		b->len--;
	do {
		size_t last = 0;
		for (size_t i = 0; i < b->len;) {
			last = i;
			i = text_grapheme_end(b->data, b->len, i);
		}
		b->len = last;
	} while (word && b->len > 0 && b->data[b->len - 1] != ' ');
	if (b->data)
		b->data[b->len] = '\0';
}

char *prompt_read(struct ui *ui, const char *prefix)
{
	struct buf b = BUF_INIT;
	char *result = NULL;
	curs_set(1);
	for (;;) {
		ui_draw(ui);
		draw_prompt(ui, prefix, &b);
		struct ui_event ev;
		if (ui_next_event(ui, &ev) < 0)
			break;
		if (ev.key < 0) {
			/* a script's ':' command ends the prompt, then runs */
			curs_set(0);
			buf_free(&b);
			prompt_command(ui, ev.cmd);
			return NULL;
		}
		int k = ev.key;
		if (k == '\n') {
			result = buf_steal(&b);
			break;
		}
		if (k == 27 || k == 3 || k == 7) /* Esc, C-c, C-g */
			break;
		if (k == (UI_KEY_FN | KEY_RESIZE)) {
			ui_resized(ui);
		} else if (k == (UI_KEY_FN | KEY_BACKSPACE)) {
			if (b.len == 0)
				break; /* backspace on nothing leaves, as in a shell's vi mode */
			erase_back(&b, 0);
		} else if (k == 21) { /* C-u */
			buf_clear(&b);
		} else if (k == 23) { /* C-w */
			erase_back(&b, 1);
		} else if (!(k & UI_KEY_FN) && k >= 32 && k != 127) {
			char e[4];
			buf_add(&b, e, text_encode(k, e));
		}
	}
	curs_set(0);
	buf_free(&b);
	return result;
}

/* ---- commands ------------------------------------------------------- */

static void cmd_quit(struct ui *ui, const char *args)
{
	(void)args;
	ui->quit = 1;
}

static void cmd_goto(struct ui *ui, const char *args)
{
	char *end;
	long long n = strtoll(args, &end, 10);
	while (*end == ' ')
		end++;
	if (end == args || *end) {
		ui_error(ui, _("goto takes a row number: :goto N"));
		return;
	}
	if (ui->view == VIEW_HELP)
		help_close(ui);
	if (ui->view == VIEW_ARTICLE) {
		article_close(ui);
		ui->view = VIEW_LIST;
	}
	list_goto(ui, n);
}

static void cmd_help(struct ui *ui, const char *args)
{
	(void)args;
	if (ui->view != VIEW_HELP)
		help_open(ui);
}

static void cmd_screen(struct ui *ui, const char *args)
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

static void cmd_resize(struct ui *ui, const char *args)
{
	int c, r;
	if (sscanf(args, "%dx%d", &c, &r) != 2 || c < 1 || r < 1 || c > 1000 || r > 1000) {
		ui_error(ui, _("resize takes a size: :resize COLUMNSxLINES"));
		return;
	}
	ui_resize_to(ui, c, r);
}

static void cmd_type(struct ui *ui, const char *args)
{
	if (!*args) {
		ui_error(ui, _("type takes a type's name: :type NAME"));
		return;
	}
	if (ui->view != VIEW_ARTICLE || !ui->article) {
		ui_error(ui, _(":type works in an article"));
		return;
	}
	char *name = xstrdup(args);
	size_t n = strlen(name);
	while (n > 0 && name[n - 1] == ' ')
		name[--n] = '\0';
	article_type_named(ui, name);
	free(name);
}

static void cmd_timing(struct ui *ui, const char *args)
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

static const struct prompt_cmd {
	const char *name;
	const char *args;
	const char *help;
	void (*run)(struct ui *ui, const char *args);
	int keep_message;   /* leaves the message line alone (for screen dumps) */
} commands[] = {
	{ "q", "", N_("quit"), cmd_quit, 0 },
	{ "quit", "", N_("quit"), cmd_quit, 0 },
	{ "goto", "N", N_("go to row N of the article list"), cmd_goto, 0 },
	{ "type", "NAME", N_("set the type (or label the selection) by name"),
	  cmd_type, 0 },
	{ "help", "", N_("show the keys and commands"), cmd_help, 0 },
	{ "screen", "[--attrs] FILE", N_("write the screen (and attributes) to FILE"),
	  cmd_screen, 1 },
	{ "resize", "COLSxLINES", N_("resize the screen (script mode)"), cmd_resize, 1 },
	{ "timing", "FILE", N_("write each key's time in milliseconds to FILE (benchmarks)"),
	  cmd_timing, 1 },
};

size_t prompt_command_count(void)
{
	return ARRAY_SIZE(commands);
}

void prompt_command_info(size_t i, const char **name, const char **args, const char **help)
{
	*name = commands[i].name;
	*args = commands[i].args;
	*help = commands[i].help;
}

void prompt_command(struct ui *ui, const char *line)
{
	while (*line == ' ')
		line++;
	const char *e = line;
	while (*e && *e != ' ')
		e++;
	size_t n = (size_t)(e - line);
	const char *args = e;
	while (*args == ' ')
		args++;
	if (n == 0)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strlen(commands[i].name) == n && strncmp(commands[i].name, line, n) == 0) {
			if (!commands[i].keep_message)
				buf_clear(&ui->msg);
			commands[i].run(ui, args);
			return;
		}
	}
	buf_clear(&ui->msg);
	char *name = xstrndup(line, n);
	enum action a = action_by_name(name);
	if (a != ACT_NONE) {
		int key = ui->key;
		ui->key = 0; /* not from a key */
		ui_act(ui, a);
		ui->key = key;
	}
	else
		ui_error(ui, _("unknown command ':%s' (:help lists them)"), name);
	free(name);
}
