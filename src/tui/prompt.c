/*
 * prompt.c: the prompt line ("/" searches, ":" commands) and the ':'
 * command line (see ui.h).
 *
 * A ':' line is an action of actions.h by its name (":down", ":sort",
 * ":goto 3") or by the start of its name when that names only one
 * (":q"), then its arguments; ui_act carries it out.
 */
#include "config.h"

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

/* The action a ':' line names, or ACT_NONE. */
static enum action command_action(const char *line)
{
	line += strspn(line, " ");
	char *name = xstrndup(line, strcspn(line, " "));
	enum action a = action_by_name(name, NULL);
	free(name);
	return a;
}

int prompt_key(struct ui *ui, const char *question)
{
	for (;;) {
		ui_message(ui, "%s", question);
		ui_draw(ui);
		struct ui_event ev;
		if (ui_next_event(ui, &ev) < 0)
			return 27;
		if (ev.key >= 0) {
			buf_clear(&ui->msg);
			return ev.key;
		}
		/* a script's :screen shows the question; any other command
		 * answers it as Esc would, and runs after it */
		if (!ui_keeps_message(command_action(ev.cmd))) {
			buf_clear(&ui->msg);
			ui->pending = xstrdup(ev.cmd);
			return 27;
		}
		prompt_command(ui, ev.cmd);
	}
}

/* ---- commands ------------------------------------------------------- */

void prompt_command(struct ui *ui, const char *line)
{
	while (*line == ' ')
		line++;
	const char *e = line;
	while (*e && *e != ' ')
		e++;
	if (e == line)
		return;
	char *name = xstrndup(line, (size_t)(e - line));
	char *args = xstrdup(e + strspn(e, " "));
	size_t n = strlen(args);
	while (n > 0 && args[n - 1] == ' ')
		args[--n] = '\0';
	int ambiguous;
	enum action a = action_by_name(name, &ambiguous);
	if (a == ACT_NONE) {
		buf_clear(&ui->msg);
		if (ambiguous)
			ui_error(ui, _("':%s' could be several commands (:help lists them)"), name);
		else
			ui_error(ui, _("unknown command ':%s' (:help lists them)"), name);
	} else {
		if (!ui_keeps_message(a))
			buf_clear(&ui->msg);
		int key = ui->key;
		const char *was = ui->args;
		ui->key = 0; /* not from a key */
		ui->args = args;
		ui_act(ui, a);
		ui->key = key;
		ui->args = was;
	}
	free(args);
	free(name);
}
