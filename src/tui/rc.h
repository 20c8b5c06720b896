/*
 * rc.h: the browser's rc files and the ':' lines that take the same
 * grammar (tig's): one parser, driven by the action table (actions.h) for
 * "bind" and by the browser's option table, behind rc_ops, for "set".
 *
 *   # a comment (also after a command, outside quotes)
 *   bind VIEW KEY ACTION        VIEW: list, article, entities, generic (all)
 *                               KEY: script-mode notation (j, <C-r>, <Tab>)
 *                               ACTION: a name of actions.h, or none (unbind)
 *   color AREA|TYPE FG [BG] [ATTR]...
 *                               AREA: status, title, header, cursor, search,
 *                               selection, error, dim;
 *                               any other name is an entity type
 *                               FG, BG: a curses colour name, default, 0-255
 *                               ATTR: normal bold dim underline reverse
 *                               standout blink italic
 *   set NAME = VALUE            VALUE: a word, a number, or "quoted text"
 *
 * Files, read in order, each line applied as it comes: the system file
 * ($NERVE_SYSTEM_RC, else SYSCONFDIR/nerverc), then the user's ($NERVE_RC or --rc FILE, else
 * $XDG_CONFIG_HOME/nerve/nerverc, else ~/.config/nerve/nerverc).  A bad
 * line is reported with its file and line number and skipped; the rest
 * of the file still applies.  No curses here: the browser applies what is
 * parsed through the callbacks of rc_ops.
 */
#ifndef NERVE_RC_H
#define NERVE_RC_H

#include <stddef.h>

#include "actions.h"

/* The views of "bind": the columns of the action table, and generic
 * (every view). */
#define RC_VIEW_GENERIC (-1)

/* Attributes of "color", as a bit set (the browser maps them to curses'). */
enum rc_attr {
	RC_ATTR_NORMAL = 0,
	RC_ATTR_BOLD = 1 << 0,
	RC_ATTR_DIM = 1 << 1,
	RC_ATTR_UNDERLINE = 1 << 2,
	RC_ATTR_REVERSE = 1 << 3,
	RC_ATTR_STANDOUT = 1 << 4,
	RC_ATTR_BLINK = 1 << 5,
	RC_ATTR_ITALIC = 1 << 6,
};

/* The screen areas "color" knows (index into rc_area_name()), the
 * styles of draw.h: the title and status bars, column headings, the
 * list's cursor row and the article's word cursor, search matches, the
 * article's selection, error messages and secondary (dim) text. */
enum rc_area {
	RC_AREA_STATUS, RC_AREA_TITLE, RC_AREA_HEADER, RC_AREA_CURSOR, RC_AREA_SEARCH,
	RC_AREA_SELECTION, RC_AREA_ERROR, RC_AREA_DIM, RC_AREA_COUNT,
	RC_AREA_TYPE = -1               /* not an area: an entity type's name */
};

/* What the parser hands on; every callback returns 0, or -1 after
 * err_set() when the browser refuses the value (the line is then
 * reported).  Strings are borrowed for the call. */
struct rc_ops {
	/* The key code of script-mode notation s[0..len), or -1 (ui_key_parse). */
	int (*key_parse)(const char *s, size_t len);
	/* bind: view is an enum action_view or RC_VIEW_GENERIC; action
	 * ACT_NONE unbinds the key. */
	int (*bind)(void *arg, int view, int key, enum action action);
	/* color: area, or RC_AREA_TYPE with the type's name; fg and bg as
	 * written (bg NULL: not given); attrs a set of enum rc_attr. */
	int (*color)(void *arg, enum rc_area area, const char *type, const char *fg,
	             const char *bg, unsigned attrs);
	/* set: the option table decides what NAME and VALUE mean. */
	int (*set)(void *arg, const char *name, const char *value);
	/* A bad line: "FILE:LINE: message" (file NULL for a ':' line). */
	void (*report)(void *arg, const char *file, size_t line, const char *msg);
	void *arg;
};

/* Parse and apply one line (without its newline; file NULL and line 0
 * for a ':' line).  0 when it applied (or was blank or a comment), -1
 * when it was reported. */
int rc_line(const struct rc_ops *ops, const char *text, const char *file, size_t line);

/* Parse and apply every line of the file at path: the number of bad
 * lines (each reported), or -1 with err_set() when it cannot be read.  A
 * file that does not exist counts as empty only when 'optional'. */
int rc_file(const struct rc_ops *ops, const char *path, int optional);

/* The user's rc file: explicit (--rc), else $NERVE_RC, else the XDG
 * one.  Owned. */
char *rc_user_path(const char *explicit_path);

/* Read the system rc file ($NERVE_SYSTEM_RC, else SYSCONFDIR/nerverc;
 * it may be missing), then the user's (see rc_user_path); an
 * explicit or $NERVE_RC file must exist, the others may not.  The number
 * of bad lines, or -1 when a file that must be read cannot be (after
 * reporting it). */
int rc_load(const struct rc_ops *ops, const char *explicit_path);

/* The names the grammar takes, for the man page's test: the i-th view,
 * area or attribute name, or NULL past the last. */
const char *rc_view_name(int i);
const char *rc_area_name(int i);
const char *rc_attr_name(int i);

#endif
