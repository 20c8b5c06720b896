/*
 * rc.c: the rc files' grammar (see rc.h): words and quotes, then one
 * function per command, each checking its words against the tables
 * (views, actions, areas, attributes) before handing them on.
 */
#include "config.h"
#include "rc.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"

#ifndef SYSCONFDIR
# define SYSCONFDIR "/etc"
#endif

/* "bind" views: the action table's columns, and generic for all of them. */
static const struct { const char *name; int view; } views[] = {
	{ "list", AV_LIST }, { "article", AV_ARTICLE }, { "entities", AV_ENTITIES },
	{ "generic", RC_VIEW_GENERIC },
};

static const char *const areas[RC_AREA_COUNT] = {
	[RC_AREA_STATUS] = "status", [RC_AREA_TITLE] = "title", [RC_AREA_HEADER] = "header",
	[RC_AREA_CURSOR] = "cursor", [RC_AREA_SEARCH] = "search",
	[RC_AREA_SELECTION] = "selection", [RC_AREA_ERROR] = "error", [RC_AREA_DIM] = "dim",
};

static const struct { const char *name; unsigned attr; } attrs[] = {
	{ "normal", RC_ATTR_NORMAL }, { "bold", RC_ATTR_BOLD }, { "dim", RC_ATTR_DIM },
	{ "underline", RC_ATTR_UNDERLINE }, { "reverse", RC_ATTR_REVERSE },
	{ "standout", RC_ATTR_STANDOUT }, { "blink", RC_ATTR_BLINK }, { "italic", RC_ATTR_ITALIC },
};

const char *rc_view_name(int i)
{
	return i >= 0 && (size_t)i < ARRAY_SIZE(views) ? views[i].name : NULL;
}

const char *rc_area_name(int i)
{
	return i >= 0 && i < RC_AREA_COUNT ? areas[i] : NULL;
}

const char *rc_attr_name(int i)
{
	return i >= 0 && (size_t)i < ARRAY_SIZE(attrs) ? attrs[i].name : NULL;
}

/* ---- words ---------------------------------------------------------------- */

enum { MAX_WORDS = 16 };

/* A line cut into words: blanks separate them, "..." or '...' quote
 * (a backslash escapes the next character inside double quotes), and
 * '#' outside quotes starts a comment.  The words point into buf. */
struct words {
	char buf[1024];
	char *w[MAX_WORDS];
	int n;
};

/* Split text; -1 with err_set() on an open quote or too many words. */
static int split(struct words *ws, const char *text)
{
	size_t o = 0;
	const char *p = text;
	ws->n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return 0;
		if (ws->n == MAX_WORDS) {
			err_set(_("too many words"));
			return -1;
		}
		ws->w[ws->n++] = ws->buf + o;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r') {
			if (o + 2 >= sizeof ws->buf) {
				err_set(_("the line is too long"));
				return -1;
			}
			if (*p == '"' || *p == '\'') {
				char q = *p++;
				while (*p && *p != q) {
					if (q == '"' && *p == '\\' && p[1])
						p++;
					if (o + 2 >= sizeof ws->buf) {
						err_set(_("the line is too long"));
						return -1;
					}
					ws->buf[o++] = *p++;
				}
				if (*p != q) {
					err_set(_("a quote is not closed"));
					return -1;
				}
				p++;
				continue;
			}
			ws->buf[o++] = *p++;
		}
		ws->buf[o++] = '\0';
	}
}

/* ---- commands ------------------------------------------------------------- */

/* bind VIEW KEY ACTION */
static int cmd_bind(const struct rc_ops *ops, struct words *ws)
{
	if (ws->n != 4) {
		err_set(_("usage: bind VIEW KEY ACTION"));
		return -1;
	}
	size_t v;
	for (v = 0; v < ARRAY_SIZE(views); v++)
		if (strcmp(ws->w[1], views[v].name) == 0)
			break;
	if (v == ARRAY_SIZE(views)) {
		err_set(_("unknown view '%s' (list, article, entities, generic)"), ws->w[1]);
		return -1;
	}
	int key = ops->key_parse(ws->w[2], strlen(ws->w[2]));
	if (key < 0) {
		err_set(_("'%s' is not a key (keys are written as in a script: j, <Enter>, <C-r>)"),
		        ws->w[2]);
		return -1;
	}
	enum action a = ACT_NONE;
	if (strcmp(ws->w[3], "none") != 0) {
		/* the whole name: a prefix that names one action today could
		 * name two once another is added, and break the file */
		a = action_by_name(ws->w[3], NULL);
		if (a == ACT_NONE || strcmp(action_info(a)->name, ws->w[3]) != 0) {
			err_set(_("unknown action '%s'"), ws->w[3]);
			return -1;
		}
		int view = views[v].view;
		if (view != RC_VIEW_GENERIC && !action_info(a)->help[view]) {
			err_set(_("the action '%s' does nothing in the %s view"), ws->w[3], ws->w[1]);
			return -1;
		}
	}
	return ops->bind(ops->arg, views[v].view, key, a);
}

/* color AREA|TYPE FG [BG] [ATTR]... */
static int cmd_color(const struct rc_ops *ops, struct words *ws)
{
	if (ws->n < 3) {
		err_set(_("usage: color AREA|TYPE FG [BG] [ATTR]..."));
		return -1;
	}
	enum rc_area area = RC_AREA_TYPE;
	for (int i = 0; i < RC_AREA_COUNT; i++)
		if (strcmp(ws->w[1], areas[i]) == 0)
			area = (enum rc_area)i;
	/* BG is the third word unless it is an attribute */
	const char *bg = NULL;
	unsigned set = 0;
	for (int i = 3; i < ws->n; i++) {
		size_t k;
		for (k = 0; k < ARRAY_SIZE(attrs); k++)
			if (strcmp(ws->w[i], attrs[k].name) == 0)
				break;
		if (k < ARRAY_SIZE(attrs)) {
			set |= attrs[k].attr;
		} else if (i == 3) {
			bg = ws->w[i];
		} else {
			err_set(_("unknown attribute '%s' (normal, bold, dim, underline, reverse, "
			          "standout, blink, italic)"), ws->w[i]);
			return -1;
		}
	}
	return ops->color(ops->arg, area, area == RC_AREA_TYPE ? ws->w[1] : NULL, ws->w[2], bg,
	                  set);
}

/* set NAME = VALUE (also NAME=VALUE, as one word or split around '=') */
static int cmd_set(const struct rc_ops *ops, struct words *ws)
{
	char *name = NULL, *value = NULL;
	if (ws->n == 4 && strcmp(ws->w[2], "=") == 0) {
		name = ws->w[1];
		value = ws->w[3];
	} else if (ws->n == 2 && strchr(ws->w[1], '=')) {
		name = ws->w[1];
		value = strchr(name, '=');
		*value++ = '\0';
	} else if (ws->n == 3 && ws->w[1][0] && ws->w[1][strlen(ws->w[1]) - 1] == '=') {
		name = ws->w[1];
		name[strlen(name) - 1] = '\0';
		value = ws->w[2];
	} else if (ws->n == 3 && ws->w[2][0] == '=') {
		name = ws->w[1];
		value = ws->w[2] + 1;
	}
	if (!name || !name[0] || !value) {
		err_set(_("usage: set NAME = VALUE"));
		return -1;
	}
	return ops->set(ops->arg, name, value);
}

int rc_line(const struct rc_ops *ops, const char *text, const char *file, size_t line)
{
	struct words ws;
	int rc = split(&ws, text);
	if (rc == 0 && ws.n > 0) {
		if (strcmp(ws.w[0], "bind") == 0)
			rc = cmd_bind(ops, &ws);
		else if (strcmp(ws.w[0], "color") == 0 || strcmp(ws.w[0], "colour") == 0)
			rc = cmd_color(ops, &ws);
		else if (strcmp(ws.w[0], "set") == 0)
			rc = cmd_set(ops, &ws);
		else {
			err_set(_("unknown command '%s' (bind, color, set)"), ws.w[0]);
			rc = -1;
		}
	}
	if (rc < 0)
		ops->report(ops->arg, file, line, err_msg());
	return rc < 0 ? -1 : 0;
}

/* ---- files ---------------------------------------------------------------- */

int rc_file(const struct rc_ops *ops, const char *path, int optional)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (optional && errno == ENOENT)
			return 0;
		err_set("%s: %s", path, strerror(errno));
		return -1;
	}
	char *text = NULL;
	size_t cap = 0, line = 0;
	ssize_t n;
	int bad = 0;
	while ((n = getline(&text, &cap, f)) >= 0) {
		line++;
		if (n > 0 && text[n - 1] == '\n')
			text[n - 1] = '\0';
		if (rc_line(ops, text, path, line) < 0)
			bad++;
	}
	free(text);
	int failed = ferror(f);
	fclose(f);
	if (failed) {
		err_set("%s: %s", path, strerror(EIO));
		return -1;
	}
	return bad;
}

char *rc_user_path(const char *explicit_path)
{
	if (explicit_path && explicit_path[0])
		return xstrdup(explicit_path);
	const char *env = getenv("NERVE_RC");
	if (env && env[0])
		return xstrdup(env);
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/nerve/nerverc", xdg);
	const char *home = getenv("HOME");
	if (!home || !home[0]) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : "/";
	}
	return xasprintf("%s/.config/nerve/nerverc", home);
}

int rc_load(const struct rc_ops *ops, const char *explicit_path)
{
	/* $NERVE_SYSTEM_RC, as tig's $TIGRC_SYSTEM: for tests, and for
	 * trying a system file out before installing it */
	const char *system_path = getenv("NERVE_SYSTEM_RC");
	if (!system_path || !system_path[0])
		system_path = SYSCONFDIR "/nerverc";
	int bad = rc_file(ops, system_path, 1);
	if (bad < 0) {
		ops->report(ops->arg, NULL, 0, err_msg());
		bad = 0;        /* an unreadable system file does not stop the user's */
	}
	const char *env = getenv("NERVE_RC");
	int must = (explicit_path && explicit_path[0]) || (env && env[0]);
	char *path = rc_user_path(explicit_path);
	int n = rc_file(ops, path, !must);
	free(path);
	if (n < 0) {
		ops->report(ops->arg, NULL, 0, err_msg());
		return -1;
	}
	return bad + n;
}
