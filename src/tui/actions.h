/*
 * actions.h: every action of the browser, defined once.
 *
 * ACTIONS(X) lists, for each action: its id, its name (for the ':'
 * prompt and the man page), the arguments it takes at the prompt ("" for
 * none), its default keys in tig's notation (blank-separated: "j
 * <Down>"; "" for a command of the prompt only), and its help text in
 * the article list, the article view and the entity view (NULL where the
 * action does not apply).  From this one table come the key dispatch (ui.c), the
 * ':' commands (prompt.c: every action is a command by its name), the
 * help overlay (view_help.c) and the key and command lists of the man
 * page (tests/screen/keytable.c prints them and tests/screen/keys.sh
 * compares them with man/nerve.1), so help cannot drift from the keys.
 *
 * Adding an action or a command: a row here, and a case in the act
 * function of what carries it out: the view it applies to (view_list.c,
 * view_article.c) or, for one that works the same in every view (quit,
 * screen, timing, export), the engine (ui.c, ui_act).  An
 * action with several keys of different meaning (set-type: 1 to 9) reads
 * the key that brought it from ui->key (0 when it came from the ':'
 * prompt); a command reads its arguments from ui->args ("" from a key).
 * No curses here.
 */
#ifndef NERVE_ACTIONS_H
#define NERVE_ACTIONS_H

#include <stddef.h>
#include <string.h>

#include "lib/util.h"

/*	id            name            args    keys                       list help                          article help    entity view help */
#define ACTIONS(X) \
	X(DOWN,        "down",         "",     "j <Down>",                N_("next article"),                N_("cursor down a line"), N_("next row")) \
	X(UP,          "up",           "",     "k <Up>",                  N_("previous article"),            N_("cursor up a line"), N_("previous row")) \
	X(WORD_LEFT,   "word-left",    "",     "h <Left>",                NULL,                              N_("cursor to the previous word"), NULL) \
	X(WORD_RIGHT,  "word-right",   "",     "l <Right>",               NULL,                              N_("cursor to the next word"), NULL) \
	X(PAGE_DOWN,   "page-down",    "",     "<Space> <PgDown> <C-d>",  N_("next page"),                   N_("next page"), N_("next page")) \
	X(PAGE_UP,     "page-up",      "",     "- <PgUp> <C-u>",          N_("previous page"),               N_("previous page"), N_("previous page")) \
	X(FIRST,       "first",        "",     "g <Home>",                N_("first article"),               N_("top of the article"), N_("first row")) \
	X(LAST,        "last",         "",     "G <End>",                 N_("last article"),                N_("bottom of the article"), N_("last row")) \
	X(OPEN,        "open",         "[ID]", "<Enter>",                 N_("open the article (:open ID: the article of that id)"), NULL, N_("list the referent's mentions; on a mention, open its article there")) \
	X(ENTITY_NEXT, "entity-next",  "",     "<Tab>",                   NULL,                              N_("next entity"), NULL) \
	X(ENTITY_PREV, "entity-prev",  "",     "<S-Tab>",                 NULL,                              N_("previous entity"), NULL) \
	X(UNDECIDED_NEXT, "undecided-next", "", "J",                      NULL,                              N_("next undecided suggestion"), NULL) \
	X(UNDECIDED_PREV, "undecided-prev", "", "K",                      NULL,                              N_("previous undecided suggestion"), NULL) \
	X(OUTLINE,     "outline",      "",     "o",                       NULL,                              N_("list the article's entities, to go to one"), NULL) \
	X(SHOW_REJECTED, "show-rejected", "",  "R",                       NULL,                              N_("show or hide the rejected entities"), NULL) \
	X(SEARCH,      "search",       "",     "/",                       N_("search the reports (full text)"), N_("search in the article"), N_("show only referents whose name contains a text")) \
	X(SEARCH_NEXT, "search-next",  "",     "n",                       N_("next match"),                  N_("next match"), NULL) \
	X(SEARCH_PREV, "search-prev",  "",     "N",                       N_("previous match"),              N_("previous match"), NULL) \
	X(FILTER,      "filter",       "",     "F",                       N_("filter by review state"),      NULL, N_("show only one type (cycles through the types)")) \
	X(SORT,        "sort",         "",     "s",                       N_("cycle the sort order"),        NULL, N_("cycle the sort order: mentions, articles, undecided, name")) \
	X(ACCEPT,      "accept",       "",     "a <Enter>",               NULL,                              N_("accept the focused suggestion"), NULL) \
	X(REJECT,      "reject",       "",     "x <Del>",                 NULL,                              N_("reject the focused entity"), NULL) \
	X(SET_TYPE,    "set-type",     "",     "1 2 3 4 5 6 7 8 9",       NULL,                              N_("set the focused entity's type, or label the selection"), NULL) \
	X(TYPE_MENU,   "type-menu",    "",     "t",                       NULL,                              N_("choose the type from a menu"), NULL) \
	X(START_LEFT,  "start-left",   "",     "[",                       NULL,                              N_("move the focused entity's start one word left"), NULL) \
	X(START_RIGHT, "start-right",  "",     "]",                       NULL,                              N_("move the focused entity's start one word right"), NULL) \
	X(END_LEFT,    "end-left",     "",     "{",                       NULL,                              N_("move the focused entity's end one word left"), NULL) \
	X(END_RIGHT,   "end-right",    "",     "}",                       NULL,                              N_("move the focused entity's end one word right"), NULL) \
	X(SELECT,      "select",       "",     "v",                       NULL,                              N_("select text from the cursor (h l j k extend it)"), NULL) \
	X(CHAR_LEFT,   "char-left",    "",     "H",                       NULL,                              N_("take a character off the selection's end"), NULL) \
	X(CHAR_RIGHT,  "char-right",   "",     "L",                       NULL,                              N_("add a character to the selection's end"), NULL) \
	X(CANCEL,      "cancel",       "",     "<Esc>",                   NULL,                              N_("cancel the selection or the menu, or clear the search"), NULL) \
	X(PROPAGATE,   "propagate",    "",     "*",                       NULL,                              N_("apply the focused decision to every identical string"), NULL) \
	X(PROPAGATE_ALL, "propagate-corpus", "", "&",                     NULL,                              N_("apply it in every article not done (asks above confirm-threshold)"), NULL) \
	X(ACCEPT_ALL,  "accept-all",   "",     "A",                       NULL,                              N_("accept all remaining suggestions"), NULL) \
	X(DONE,        "done",         "",     "D",                       NULL,                              N_("mark the article done and open the next one to review"), NULL) \
	X(UNDO,        "undo",         "",     "u",                       N_("undo the last decision (opening its article)"), N_("undo the last decision (in any article)"), N_("undo the last decision")) \
	X(REDO,        "redo",         "",     "<C-r>",                   N_("redo what was undone (opening its article)"), N_("redo what was undone"), N_("redo what was undone")) \
	X(PROMPT,      "prompt",       "",     ":",                       N_("command prompt"),              N_("command prompt"), N_("command prompt")) \
	X(HELP,        "help",         "",     "?",                       N_("show the keys"),               N_("show the keys"), N_("show the keys")) \
	X(REDRAW,      "redraw",       "",     "<C-l>",                   N_("redraw the screen"),           N_("redraw the screen"), N_("redraw the screen")) \
	X(QUIT,        "close",        "",     "q",                       N_("quit"),                        N_("back to the list"), N_("back: from the mentions to the referents, then out")) \
	X(ENTITIES,    "entities",     "",     "E",                       N_("open the entity view: who and what the reports mention"), N_("open the entity view: who and what the reports mention"), NULL) \
	X(REFERENT,    "referent",     "",     "e",                       NULL,                              N_("show the focused entity's referent in the entity view"), NULL) \
	X(ACCEPT_MENTIONS, "accept-mentions", "", "a",                    NULL,                              NULL, N_("accept every undecided mention (in articles not done)")) \
	X(REJECT_MENTIONS, "reject-mentions", "", "x",                    NULL,                              NULL, N_("reject every undecided mention (in articles not done)")) \
	X(TYPE_MENTIONS, "type-mentions", "NAME", "t",                    NULL,                              NULL, N_("set the type of every undecided mention (accepting them)")) \
	X(MARK,        "mark",         "",     "m",                       NULL,                              NULL, N_("mark the referent, for M")) \
	X(MERGE,       "merge",        "",     "M",                       NULL,                              NULL, N_("merge the marked referent into this one")) \
	X(SPLIT,       "split",        "",     "S",                       NULL,                              NULL, N_("split the mention off its referent")) \
	/* the ':' commands: no keys, arguments after the name */ \
	X(QUIT_ALL,    "quit",         "",     "",                        N_("quit"),                        N_("quit"), N_("quit")) \
	X(SET,         "set",          "[NAME [VALUE]]", "",              N_("set an option (without a value: show it; alone: show them all)"), N_("set an option (without a value: show it; alone: show them all)"), N_("set an option (without a value: show it; alone: show them all)")) \
	X(BIND,        "bind",         "VIEW KEY ACTION", "",             N_("bind a key to an action, as in the rc file (ACTION none: unbind it)"), N_("bind a key to an action, as in the rc file (ACTION none: unbind it)"), N_("bind a key to an action, as in the rc file (ACTION none: unbind it)")) \
	X(COLOR,       "color",        "AREA|TYPE FG [BG] [ATTR]...", "", N_("set the colours of an area or a type, as in the rc file"), N_("set the colours of an area or a type, as in the rc file"), N_("set the colours of an area or a type, as in the rc file")) \
	X(GOTO,        "goto",         "N",    "",                        N_("go to row N of the article list"), NULL, NULL) \
	X(TYPE,        "type",         "NAME", "",                        NULL,                              N_("set the type (or label the selection) by name"), NULL) \
	X(SCREEN,      "screen",       "[--attrs] FILE", "",              N_("write the screen (and attributes) to FILE"), N_("write the screen (and attributes) to FILE"), N_("write the screen (and attributes) to FILE")) \
	X(RESIZE,      "resize",       "COLSxLINES", "",                  N_("resize the screen (script mode)"), N_("resize the screen (script mode)"), N_("resize the screen (script mode)")) \
	X(EXPORT,      "export",       "[--format F] FILE", "",           N_("export the accepted entities of every article to FILE"), N_("export the accepted entities of every article to FILE"), N_("export the accepted entities of every article to FILE")) \
	X(DETECT,      "detect",       "",     "",                        NULL,                              N_("detect the article's suggestions again with the model as it is now"), NULL) \
	X(TRAIN,       "train",        "",     "",                        N_("train the model again on everything reviewed (progress below)"), N_("train the model again on everything reviewed (progress below)"), N_("train the model again on everything reviewed (progress below)")) \
	X(TIMING,      "timing",       "FILE", "",                        N_("write each key's time in milliseconds to FILE (benchmarks)"), N_("write each key's time in milliseconds to FILE (benchmarks)"), N_("write each key's time in milliseconds to FILE (benchmarks)"))

enum action {
	ACT_NONE,
#define X(id, name, args, keys, list, article, entities) ACT_##id,
	ACTIONS(X)
#undef X
	ACT_COUNT
};

/* The views that have keys of their own (columns of the table). */
enum action_view { AV_LIST, AV_ARTICLE, AV_ENTITIES, AV_COUNT };

struct action_info {
	const char *name;
	const char *args;               /* what the ':' command takes ("N", "FILE"), or "" */
	const char *keys;               /* tig notation, blank-separated */
	const char *help[AV_COUNT];     /* untranslated (N_); NULL: not in that view */
};

/* The row of action a (ACT_NONE..ACT_COUNT-1; ACT_NONE has no keys). */
static inline const struct action_info *action_info(enum action a)
{
	static const struct action_info table[ACT_COUNT] = {
		{ "none", "", "", { NULL, NULL, NULL } },
#define X(id, name, args, keys, list, article, entities) \
	{ name, args, keys, { list, article, entities } },
		ACTIONS(X)
#undef X
	};
	return &table[a];
}

/* The action called name: its exact name, else the one action whose
 * name starts with name (":q" is ":quit").  ACT_NONE when none is, and
 * when several are (*ambiguous is then set, if given). */
static inline enum action action_by_name(const char *name, int *ambiguous)
{
	size_t n = strlen(name);
	enum action found = ACT_NONE;
	int several = 0;
	if (ambiguous)
		*ambiguous = 0;
	if (n == 0)
		return ACT_NONE;
	for (int a = 1; a < ACT_COUNT; a++) {
		const char *an = action_info((enum action)a)->name;
		if (strcmp(an, name) == 0)
			return (enum action)a;
		if (strncmp(an, name, n) == 0) {
			if (found != ACT_NONE)
				several = 1;
			found = (enum action)a;
		}
	}
	if (several) {
		if (ambiguous)
			*ambiguous = 1;
		return ACT_NONE;
	}
	return found;
}

/* The keys of a row as the help shows them ("j <Down>" -> "j, Down";
 * "<C-d>" -> "C-d"; a run of digits "1 2 ... 9" -> "1..9") into out
 * (always terminated). */
static inline void action_keys_label(const char *keys, char *out, size_t size)
{
	size_t n = 0;
	if (size == 0)
		return;
	for (const char *p = keys; *p && n + 1 < size; p++) {
		/* "1 2 3 ..." (each digit one more than the last, three or more) */
		const char *q = p;
		while (q[0] >= '0' && q[0] < '9' && q[1] == ' ' && q[2] == q[0] + 1 &&
		       (q[3] == ' ' || !q[3]) && (q == keys || q[-1] == ' '))
			q += 2;
		if (q - p >= 4 && n + 5 < size) {
			out[n++] = *p;
			out[n++] = '.';
			out[n++] = '.';
			out[n++] = *q;
			p = q;
			continue;
		}
		if (*p == ' ') {
			if (n + 2 < size) {
				out[n++] = ',';
				out[n++] = ' ';
			}
			continue;
		}
		/* brackets go, except a lone "<" or ">" key */
		if ((*p == '<' && p[1] && p[1] != ' ') || (*p == '>' && p != keys && p[-1] != ' '))
			continue;
		out[n++] = *p;
	}
	out[n] = '\0';
}

#endif
