/*
 * ui.h: the terminal browser, shared by its files.
 *
 * ui.c sets the terminal up and restores it (on every exit path: normal,
 * die(), SIGTERM/SIGINT/SIGHUP, crashes), reads keys from the keyboard
 * or from a script (--script), dispatches them through the action table
 * (actions.h) to the current view, and runs the main loop.  draw.c holds
 * the shared drawing and colours, layout.c the pure text layout, and one
 * file per view: view_list.c (the article list), view_article.c (one
 * article), view_help.c (the help overlay); prompt.c is the prompt line
 * and its ':' commands.
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
#include "store/store.h"
#include "lib/util.h"

struct cli;
struct list_view;
struct article_view;
struct help_view;
struct script;
struct layout_word;
struct browse_row;

/* Key codes: Unicode code points as themselves, curses function keys
 * (KEY_DOWN, ...) as UI_KEY_FN | code.  Enter is '\n', Tab '\t', Esc 27,
 * Backspace UI_KEY_FN | KEY_BACKSPACE whatever the terminal sends. */
#define UI_KEY_FN 0x40000000

enum view_id { VIEW_LIST, VIEW_ARTICLE, VIEW_HELP };

/* The smallest screen the browser draws on; below it, a notice. */
#define UI_MIN_COLS 20
#define UI_MIN_ROWS 6

struct ui {
	struct store *st;
	const struct cli *cli;
	char *db_name;              /* the database's file name, for the title bar */

	/* the terminal */
	int rows, cols;
	int ascii;                  /* the locale is not UTF-8: draw ASCII only */
	int colour;                 /* colours are in use */
	int markup;                 /* entities marked in the text ([...]TYPE) */
	struct script *script;      /* reading keys from a script, or NULL */

	/* entity types, in their order */
	struct entity_type *types;
	size_t ntypes;

	/* the views: the list always exists; the article while one is open */
	enum view_id view;          /* what has the keys */
	enum view_id under;         /* the view beneath the help overlay */
	struct list_view *list;
	struct article_view *article;
	struct help_view *help;

	int64_t data_version;       /* the store's at the last draw: when another
	                               process commits, the views re-read */
	int key;                    /* the key that brought the current action (0:
	                               the ':' prompt), for actions with several keys */
	FILE *timing;               /* :timing FILE: a line per key with its time */

	struct buf msg;             /* the message line, until the next key */
	int msg_error;
	int quit;
	int idle_work;              /* a key came since the last idle checkpoint */
};

/* Run the browser on the database the options name; returns the exit
 * status (0, or 1 when the database or the terminal cannot be opened). */
int ui_run(const struct cli *cli);

/* Show a message (or an error, drawn as such) on the message line until
 * the next key. */
void ui_message(struct ui *ui, const char *fmt, ...) PRINTF_LIKE(2, 3);
void ui_error(struct ui *ui, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Redraw the screen now (the prompt draws while it reads). */
void ui_draw(struct ui *ui);

/* One input: a key, or (from a script) a ':' command line.  Returns -1
 * at the end of the script or when a signal asks to quit. */
struct ui_event {
	int key;                    /* a key code, or -1 for a command */
	char *cmd;                  /* the command without ':' (owned by the ui) */
};
int ui_next_event(struct ui *ui, struct ui_event *ev);
/* Carry out action a in the current view (and the global ones). */
void ui_act(struct ui *ui, enum action a);
/* Handle a resize: the new size from curses (or from :resize). */
void ui_resized(struct ui *ui);
/* The type index of name in ui->types, or -1. */
int ui_type_index(const struct ui *ui, const char *name);
/* The name of key code key in tig notation ("j", "<Down>", "<C-r>"), in
 * a static buffer. */
const char *ui_key_name(int key);
/* The key code of tig notation s[0..len), or -1. */
int ui_key_parse(const char *s, size_t len);
/* Write the screen to path as text (attrs: with each cell's attributes);
 * -1 with err_set() on failure. */
int ui_dump_screen(struct ui *ui, const char *path, int attrs);
/* Resize the (script) screen to cols x rows. */
void ui_resize_to(struct ui *ui, int cols, int rows);

/* ---- views (one file each) ------------------------------------------ */

/* The article list (view_list.c).  Each view draws the title bar and its
 * rows (list_draw: rows 0 to rows-3), gives the status bar's text
 * (list_status appends to b) and carries out actions (list_act: 1 when
 * the action applies to the list, else 0 and nothing happened). */
/* Create the list (sorted by import, no filter) and show its first page;
 * store errors go to the message line. */
void list_open(struct ui *ui);
/* Release the list (NULL-safe). */
void list_close(struct ui *ui);
void list_draw(struct ui *ui);
void list_status(struct ui *ui, struct buf *b);
int list_act(struct ui *ui, enum action a);
/* Move the cursor to row n (1-based, clamped) of the list. */
void list_goto(struct ui *ui, int64_t n);
/* Re-read the visible rows and counts before the next use (after the
 * database changed); the cursor stays on its article when it can. */
void list_refresh(struct ui *ui);
/* Put the list's cursor on the article of row (its id and sort key;
 * after an editing action opened another article): looked for on the
 * visible rows and the page after them, else found by its rank (one
 * count). */
void list_follow(struct ui *ui, const struct browse_row *row);
/* The cursor's position (0-based) and the rows in the list. */
void list_position(const struct ui *ui, int64_t *cur, int64_t *total);
/* The list's search as the user typed it, or NULL (borrowed). */
const char *list_search_words(const struct ui *ui);

/* The article view (view_article.c): article_draw, article_status and
 * article_act as for the list. */
/* Open article id (closing the one open), the cursor on its first word
 * (on the first match of the list's search, when there is one); -1 with
 * a message on the message line when it cannot be read. */
int article_open(struct ui *ui, int64_t id);
/* Close the article (NULL-safe); the caller shows the list. */
void article_close(struct ui *ui);
void article_draw(struct ui *ui);
void article_status(struct ui *ui, struct buf *b);
int article_act(struct ui *ui, enum action a);
/* Re-read the article's entities from the store and lay it out again,
 * keeping the cursor on its word and the focus on its entity (when it
 * still exists).  The editing actions call it after each change. */
int article_reload(struct ui *ui);
/* The focused entity (borrowed, valid until the next reload), or NULL. */
const struct entity *article_focus(const struct ui *ui);
/* Focus entity id (after an edit or an undo): the cursor goes to its
 * first word.  0 when it is not in the article (or rejected). */
int article_focus_entity(struct ui *ui, int64_t id);

/* Undo (redo) the analyst's last decision, in whichever article it was
 * (from the list too): that article is opened, the entity focused, and
 * the message line says what was undone. */
void article_undo_redo(struct ui *ui, int redo);
/* Set the focused entity's type to the type called name (accepting it),
 * or label the selection with it (:type NAME); errors on the message
 * line. */
void article_type_named(struct ui *ui, const char *name);

/* The type menu of the article view (view_menu.c): a box over the text
 * listing ui->types.  menu_open highlights the type called current (or
 * the first); menu_act takes the article view's actions while the menu
 * is open and returns MENU_OPEN (still choosing), MENU_CANCEL, or the
 * index in ui->types of the type chosen; menu_draw draws it over the
 * view; menu_close releases it and clears the pointer (NULL-safe). */
enum { MENU_OPEN = -1, MENU_CANCEL = -2 };
struct type_menu;
struct type_menu *menu_open(struct ui *ui, const char *current);
void menu_close(struct type_menu **m);
void menu_draw(struct ui *ui, struct type_menu *m);
int menu_act(struct ui *ui, struct type_menu *m, enum action a);

/* The help overlay (view_help.c): the keys of the view beneath it, the
 * ':' commands and the entity types.  help_open shows it over the
 * current view, help_close returns to that view (NULL-safe), help_act
 * scrolls or closes (1 when handled). */
void help_open(struct ui *ui);
void help_close(struct ui *ui);
void help_draw(struct ui *ui);
int help_act(struct ui *ui, enum action a);
/* A key the help handles before dispatch (Esc closes it); 1 if handled. */
int help_key(struct ui *ui, int key);

/* The prompt line (prompt.c). */
/* Read a line after prefix ("/", ":"); returns an owned string, or NULL
 * when cancelled (Esc, Ctrl-C, the end of the script). */
char *prompt_read(struct ui *ui, const char *prefix);
/* Run a ':' command line (without the ':'): a command of the table, or
 * an action by its name. */
void prompt_command(struct ui *ui, const char *line);
/* The commands of the table, for the help overlay: row i's name, its
 * arguments and its help (untranslated; borrowed). */
size_t prompt_command_count(void);
void prompt_command_info(size_t i, const char **name, const char **args, const char **help);

#endif
