/*
 * ui.h: the terminal browser, shared by its files.
 *
 * ui.c sets the terminal up and restores it (on every exit path: normal,
 * die(), SIGTERM/SIGINT/SIGHUP, crashes), reads keys from the keyboard
 * or from a script (--script), runs the view engine (view.h: a stack of
 * views, each a table of operations) and dispatches keys and ':'
 * commands through the action table (actions.h) to the top view, or
 * carries out itself the few that work the same everywhere.  draw.c
 * holds the shared drawing and colours, layout.c the pure text layout,
 * and one file per view: view_list.c (the article list), view_article.c
 * (one article, with its type menu view_menu.c), view_entities.c (an
 * article's entities, E), view_help.c (the help overlay); options.c is
 * the table of options (:set), prompt.c the prompt line that reads ':'
 * commands, rc.c the grammar of the rc files (and of :bind, :color, :set
 * NAME = VALUE), whose lines ui.c applies to the key map, draw.c's looks
 * and the options.
 *
 * Screen rows: 0 the title bar, 1 .. rows-3 the view, rows-2 the status
 * bar, rows-1 the message or prompt line.
 */
#ifndef NERVE_UI_H
#define NERVE_UI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "actions.h"
#include "options.h"
#include "store/store.h"
#include "lib/util.h"

struct script;
struct view_ops;

/* Key codes: Unicode code points as themselves, curses function keys
 * (KEY_DOWN, ...) as UI_KEY_FN | code.  Enter is '\n', Tab '\t', Esc 27,
 * Backspace UI_KEY_FN | KEY_BACKSPACE whatever the terminal sends. */
#define UI_KEY_FN 0x40000000

/* The smallest screen the browser draws on; below it, a notice. */
#define UI_MIN_COLS 20
#define UI_MIN_ROWS 6

/* Views open at once at most (the list, an article, an overlay, ...). */
#define UI_MAX_VIEWS 8

/* An open view: its operations and its state (view.h). */
struct view {
	const struct view_ops *ops;
	void *state;
};

struct ui {
	struct store *st;           /* borrowed from the caller of ui_run */
	const char *annotator;      /* who decides (borrowed) */
	char *db_name;              /* the database's file name, for the title bar */

	/* the terminal */
	int rows, cols;
	int ascii;                  /* the locale is not UTF-8: draw ASCII only */
	int colour;                 /* colours are in use */
	int markup;                 /* entities marked in the text ([...]TYPE) */
	struct script *script;      /* reading keys from a script, or NULL */

	struct options opts;        /* :set (options.h) */

	/* entity types, in their order */
	struct entity_type *types;
	size_t ntypes;

	/* the views, bottom (the list) to top (what has the keys) */
	struct view views[UI_MAX_VIEWS];
	size_t nviews;

	int64_t data_version;       /* the store's at the last draw: when another
	                               process commits, the views re-read */
	int key;                    /* the key that brought the current action (0:
	                               the ':' prompt), for actions with several keys */
	const char *args;           /* the arguments of the current ':' command ("" from
	                               a key) */
	FILE *timing;               /* :timing FILE: a line per key with its time */

	char *pending;              /* a ':' command to run after the current action */
	struct buf msg;             /* the message line, until the next key */
	int msg_error;
	int rc_errors;              /* bad rc lines reported by the current load */
	int quit;
	int idle_work;              /* a key came since the last idle checkpoint */
	/* the model in the loop (edit/learn.h): the detector as the team's
	 * work leaves it, or NULL (a read-only database, no model) */
	struct learner *learner;
	int64_t idle_gen;           /* the generation the idle refresh found nothing
	                               stale at */
	int64_t current;            /* the article shown, or 0: the idle refresh
	                               starts after it */
};

/* How the browser starts; the strings are borrowed for ui_run. */
struct ui_setup {
	const char *annotator;      /* who decides */
	const char *script;         /* read keys from this file (script mode), or NULL */
	const char *rc;             /* the user's rc file (--rc), or NULL: $NERVE_RC,
	                               else the XDG one (rc.h) */
};

/* Run the browser on the open database st (borrowed; the caller closes
 * it) as setup says.  The rc files apply before the first screen; their
 * bad lines go to stderr and the message line.  Returns the exit
 * status: 0, or 1 when the script, the types, the terminal or an rc
 * file named by --rc or $NERVE_RC cannot be opened. */
int ui_run(struct store *st, const struct ui_setup *setup);

/* Show a message (or an error, drawn as such) on the message line until
 * the next key. */
void ui_message(struct ui *ui, const char *fmt, ...) PRINTF_LIKE(2, 3);
void ui_error(struct ui *ui, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* At a pause: detect again in a few of the next articles to review whose
 * suggestions are older than the model (the learner's generation). */
void ui_idle_refresh(struct ui *ui);

/* Redraw the screen now (the prompt draws while it reads). */
void ui_draw(struct ui *ui);

/* One input: a key, or (from a script) a ':' command line.  Returns -1
 * at the end of the script or when a signal asks to quit. */
struct ui_event {
	int key;                    /* a key code, or -1 for a command */
	char *cmd;                  /* the command without ':' (owned by the ui) */
};
int ui_next_event(struct ui *ui, struct ui_event *ev);
/* Carry out action a: the ones that work alike everywhere here, the
 * others in the top view, or in the nearest view beneath that takes it
 * (closing those above; ":goto" from an article goes to the list). */
void ui_act(struct ui *ui, enum action a);
/* The action key is bound to in the top view, or ACT_NONE. */
enum action ui_key_action(const struct ui *ui, int key);
/* The first key of action a as the help shows it ("D", "Enter"), in a
 * static buffer. */
const char *ui_action_key(enum action a);
/* The keys bound to action a in view av as the help shows them ("j,
 * Down"; "" when none is), into out. */
void ui_action_keys(enum action_view av, enum action a, char *out, size_t size);
/* Whether the ':' command a leaves the message line as it was (the
 * script's :screen, :resize, :timing). */
int ui_keeps_message(enum action a);
/* Handle a resize: the new size from curses (or from :resize). */
void ui_resized(struct ui *ui);
/* The type index of name in ui->types, or -1. */
int ui_type_index(const struct ui *ui, const char *name);

/* The prompt line (prompt.c). */
/* Read a line after prefix ("/", ":"); returns an owned string, or NULL
 * when cancelled (Esc, Ctrl-C, the end of the script). */
char *prompt_read(struct ui *ui, const char *prefix);
/* Ask question on the message line and read one key: returns it, or 27
 * (Esc) when the input ends or a script's ':' command comes instead
 * (which runs after the action that asked; :screen runs at once). */
int prompt_key(struct ui *ui, const char *question);
/* Run a ':' command line (without the ':'): an action by its name (or
 * the unique start of one) and its arguments. */
void prompt_command(struct ui *ui, const char *line);

#endif
