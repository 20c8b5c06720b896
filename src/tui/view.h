/*
 * view.h: the view engine's contract with the views.
 *
 * The browser shows a stack of views: the article list at the bottom, an
 * article opened from it, the help overlay over either.  Each view is a
 * table of operations (struct view_ops) over a state it owns; the engine
 * (ui.c) draws the top view (and the one beneath an overlay), gives it
 * the keys through the action table, asks it for the status bar's text,
 * tells every view when the database changed, and closes them.  It names
 * no view: adding one is a file with its ops, declared here.
 *
 * Views do not call each other.  One opens another by its ops
 * (ui_view_open), and asks the other views for what they know
 * through ui_query (the list answers where an article is in its order,
 * what it searched, and follows the article shown).
 */
#ifndef NERVE_VIEW_H
#define NERVE_VIEW_H

#include <stdint.h>

#include "actions.h"
#include "lib/util.h"

struct ui;
struct browse_row;

/* What a view asks of the views beneath it (ui_query). */
enum view_query_kind {
	VQ_POSITION,        /* out: cur (0-based) and total of the list */
	VQ_SEARCH,          /* out: words, the list's search as typed (borrowed) */
	VQ_FOLLOW,          /* in: row, the article now shown: the list's cursor goes to it */
	VQ_FOCUS,           /* in: entity: the article view focuses it (0 when it is
	                       not shown there) */
	VQ_NEXT,            /* in: row, an article as the list showed it; out: next, the
	                       article after it in the list's order and filter that is
	                       not done (coming round from the top), 0 when none is */
};

struct view_query {
	enum view_query_kind kind;
	int64_t cur, total;
	int64_t next;
	int64_t entity;
	const char *words;
	const struct browse_row *row;
};

struct view_ops {
	const char *name;                   /* for messages and the man page */
	/* Its column of the action table (the keys it takes), or AV_COUNT for
	 * an overlay, which takes the keys of the view beneath and is drawn
	 * over it. */
	enum action_view keys;
	/* Create the state from arg (what arg is: see the view's
	 * declaration below); NULL, with an error on the message line, when
	 * the view cannot open. */
	void *(*open)(struct ui *ui, const void *arg);
	/* Release the state. */
	void (*close)(struct ui *ui, void *state);
	/* Draw rows 0 .. rows-3 (the title bar and the view). */
	void (*draw)(struct ui *ui, void *state);
	/* Append the status bar's text to b (NULL for an overlay). */
	void (*status)(struct ui *ui, void *state, struct buf *b);
	/* Carry out action a: 1 when it applies here, else 0 and nothing
	 * happened. */
	int (*act)(struct ui *ui, void *state, enum action a);
	/* A key to look at before the action table (NULL: none); 1 if taken. */
	int (*key)(struct ui *ui, void *state, int key);
	/* The database changed (another process, an edit in a view above, a
	 * redraw): re-read before the next use (NULL: nothing to re-read). */
	void (*reload)(struct ui *ui, void *state);
	/* Answer a query of a view above: 1 when answered (NULL: never). */
	int (*answer)(struct ui *ui, void *state, struct view_query *q);
	/* Do the work that waits for a pause between keys (the list's row
	 * number after a jump); 1 when what is drawn changed (NULL: none). */
	int (*idle)(struct ui *ui, void *state);
};

/* Open a view over the current ones; -1 when it cannot open (the
 * message line says why).  Opening a view of the kind on top replaces
 * that one. */
int ui_view_open(struct ui *ui, const struct view_ops *ops, const void *arg);
/* Close the top view (the caller's own state is gone afterwards); the
 * view beneath is refreshed.  The bottom view never closes. */
void ui_view_close(struct ui *ui);
/* Ask the open views, the top one first (a view being opened is not
 * among them yet); 1 when one answered. */
int ui_query(struct ui *ui, struct view_query *q);
/* Tell the views beneath the top one that the database changed (after
 * the top one changed it). */
void ui_refresh_beneath(struct ui *ui);
/* The column of the action table the top view takes its keys from. */
enum action_view ui_key_column(const struct ui *ui);

/* ---- the views ------------------------------------------------------- */

/* The article list (view_list.c); arg is unused. */
extern const struct view_ops view_list_ops;

/* One article (view_article.c); arg is a struct article_arg. */
struct article_arg {
	int64_t id;                 /* the article */
	int64_t focus;              /* an entity to focus, or 0 */
	int follow;                 /* the list's cursor goes to it (opened from
	                               elsewhere than the list's cursor) */
};
extern const struct view_ops view_article_ops;

/* The list of an article's entities (view_outline.c); arg is a struct
 * outline_arg, borrowed for the call. */
struct entity;
struct outline_arg {
	const struct entity *ents;  /* in the text's order */
	size_t n;
	const char *text;           /* the article's text, for the entities' words */
	size_t len;
	int64_t focus;              /* the entity to start on, or 0 */
};
extern const struct view_ops view_outline_ops;

/* The entity view (view_entities.c): the referents, and the mentions of
 * one; arg is a const int64_t * naming the referent to show on top, or
 * NULL. */
extern const struct view_ops view_entities_ops;

/* The help overlay (view_help.c); arg is unused. */
extern const struct view_ops view_help_ops;

#endif
