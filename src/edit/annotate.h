/*
 * annotate.h: the analyst's editing operations on entities and articles,
 * in the terms an article view needs.  A core module (no curses) above
 * the store: one call is one keystroke, one transaction, one journal
 * group.
 *
 * Every operation
 *   - runs in its own write transaction (BEGIN IMMEDIATE), re-reading what
 *     it changes inside it, and has committed when it returns 0: the
 *     screen may show the decision, and a SIGKILL cannot lose it;
 *   - journals each entity (and article state) it changes, one row each,
 *     all under one new group number, with JSON snapshots before and
 *     after; the annotator is written on the entity and on the rows;
 *   - makes a `new` article `in_progress` when it changes anything in it
 *     (the state change is journalled in the same group, so undo reopens);
 *   - returns 0 and fills a struct annot_result (changed == 0 when there
 *     was nothing to do: nothing was written), or -1 with err_set() and the
 *     database unchanged (rolled back): a refused edit (a span past the
 *     text, across another entity, splitting a character; an undo of
 *     something another process has changed since), a locked database past
 *     the busy timeout, a read-only database, a full disk.  The view shows
 *     r->msg or err_msg() on the status line.
 *
 * Detection re-runs replace only detector suggestions (origin detector,
 * status suggested): everything these functions write is either accepted
 * or rejected (a rejected suggestion keeps its span, origin and type, so
 * re-detection knows not to suggest it again), or restores by undo a
 * suggestion exactly as it was.
 *
 * Keys of DESIGN.md section 7 in the article view, and what they call
 * (e: the focused entity's id; art: the article shown; r: a struct
 * annot_result; wb, arg: a word-boundary predicate or NULL for the
 * default annot_word_boundary):
 *
 *   a, Enter      annot_accept(a, e, &r)       suggestion -> accepted
 *   x, Delete     annot_reject(a, e, &r)       -> rejected (kept, not deleted)
 *   1 ... 9       annot_type_of_key(a, k, name), then
 *                   no selection: annot_set_type(a, e, name, &r)   (accepts)
 *                   selection:    annot_create(a, art, sel_start, sel_end,
 *                                              name, &r), then end the selection
 *   t             menu of the entity types in their order (store_types(),
 *                 the legend's list); the chosen name goes to
 *                 annot_set_type or annot_create as for 1 ... 9;
 *                 `:type NAME` likewise
 *   [  ]          annot_nudge(a, e, ANNOT_START_LEFT / ANNOT_START_RIGHT,
 *                             wb, arg, &r)   start one word left / right
 *   {  }          annot_nudge(a, e, ANNOT_END_LEFT / ANNOT_END_RIGHT,
 *                             wb, arg, &r)   end one word left / right
 *                 (annot_resize(a, e, start, end, &r) when the view
 *                 computes the new span itself)
 *   v             view only: the selection starts at the cursor word
 *   h l j k       (while selecting) view only: extend the selection to
 *                 the cursor word; the selection is [sel_start, sel_end) in
 *                 code points, from the first word's start to the last
 *                 word's end
 *   type key      (while selecting) annot_create as above
 *   Esc           view only: drop the selection; nothing is written
 *   *             annot_propagate(a, e, wb, arg, &r)   r.changed occurrences
 *   A             annot_accept_all(a, art, &r)
 *   D             annot_done(a, art, &r), then annot_next(a, art, &next):
 *                 open next (0: none left to review; stay, say so)
 *   u             annot_undo(a, &r): open r.article if it is not the
 *                 article shown, focus r.entity (0: none), show r.msg
 *   C-r           annot_redo(a, &r): likewise
 *
 * After every call the view re-reads the article's entities (and review
 * state), which also shows what another process changed, and focuses
 * r.entity when it is not 0.
 *
 * Latency: a keystroke takes about 0.1 ms, but the commit that fills the
 * write-ahead log copies it into the database (5-14 ms).  The browser
 * keeps that out of keystrokes with store_set_autocheckpoint(st, 10000)
 * when it starts and store_checkpoint() when the analyst pauses (say a
 * second without a key); see bench/README.md.
 */
#ifndef NERVE_ANNOTATE_H
#define NERVE_ANNOTATE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct span;
struct store;

/* An editing session: the database and who is deciding.  Embedded;
 * nothing to release. */
struct learner;
struct annot {
	struct store *st;           /* borrowed */
	char annotator[64];         /* stored on entities and journal rows */
	struct learner *learner;    /* learns at each done mark, or NULL (borrowed) */
	struct entity_seen {        /* annot_seen(): the entity as it was drawn */
		int64_t id;             /* 0: none */
		int64_t start, end;
		char type[64];
		int status;             /* enum entity_status */
	} seen;
};

/* What an operation did. */
struct annot_result {
	int64_t article;            /* the article changed (undo, redo: go there) */
	int64_t entity;             /* the entity to focus afterwards, or 0 */
	int changed;                /* entities and states changed; 0: nothing was */
	char msg[256];              /* for the status line: what was done, or why not */
};

/* Set up a session on st for annotator (an empty or NULL name becomes
 * "analyst"; a longer one than 63 bytes is cut at a character). */
void annot_init(struct annot *a, struct store *st, const char *annotator);

/* The entity as the view drew it (its id, span, type and status), for
 * the next operation only: that operation is refused when, since then,
 * an analyst or an import (in another process: a colleague) changed the
 * entity's status, type or span, so that a decision made on what the
 * screen showed never silently overwrites a newer one.  The message says
 * who and when ("accepted by alice 4 s ago: press again to override");
 * the view re-reads the entity, and the same key again goes through.  A
 * suggestion that re-detection refreshed is not such a change. */
struct entity;
void annot_seen(struct annot *a, const struct entity *drawn);

/* Accept entity e (status accepted, annotator the analyst; origin, type
 * and span stay). */
int annot_accept(struct annot *a, int64_t e, struct annot_result *r);
/* Reject entity e (status rejected, annotator the analyst; the row stays
 * with its span, so re-detection will not suggest it again). */
int annot_reject(struct annot *a, int64_t e, struct annot_result *r);
/* Set entity e's type to type (a name of entity_type) and accept it. */
int annot_set_type(struct annot *a, int64_t e, const char *type, struct annot_result *r);
/* The type bound to hotkey key (1..9) into name; -1 with err_set() when
 * none is. */
int annot_type_of_key(struct annot *a, int key, char name[64]);

/* Give entity e the span [start, end) (code points) and accept it; the
 * highlighted (suggested or accepted) entities it comes to overlap are
 * absorbed: rejected in the same group (journalled as "replace"), and
 * r->msg says how many ("resize LOC 'X' (replacing 1)").  Refused when
 * the span is empty, starts before or ends past the text, or splits a
 * grapheme cluster. */
int annot_resize(struct annot *a, int64_t e, int64_t start, int64_t end,
                 struct annot_result *r);

/* A word-boundary predicate: 1 when byte offset b of text (len bytes) is
 * a boundary between tokens (0 and len always are), 0 otherwise.  A word
 * starts at a boundary before a character that is not white space and
 * ends at one after such a character. */
typedef int (*annot_boundary_fn)(const char *text, size_t len, size_t b, void *arg);
/* The default: a grapheme cluster boundary that does not fall between two
 * letters, digits or marks (Unicode classes of text.h).  arg is unused. */
int annot_word_boundary(const char *text, size_t len, size_t b, void *arg);

/* Whether the analyst's word-wise edits may put a span's start (end = 0)
 * or end (end = 1) at byte b of text: text_span_edge_ok(), the rule of
 * text.h (no punctuation at an edge but an initial's period). */
int annot_edge_ok(const char *text, size_t len, size_t b, int end);

enum annot_edge {
	ANNOT_START_LEFT,           /* [ */
	ANNOT_START_RIGHT,          /* ] */
	ANNOT_END_LEFT,             /* { */
	ANNOT_END_RIGHT,            /* } */
};
/* Move one edge of entity e by one word (wb, or annot_word_boundary when
 * NULL), to where annot_edge_ok allows an edge, and accept it;
 * annot_resize's refusals apply, and moving past the start or end of the
 * text or shrinking the entity to nothing is refused with a message
 * saying so. */
int annot_nudge(struct annot *a, int64_t e, enum annot_edge edge, annot_boundary_fn wb,
                void *arg, struct annot_result *r);

/* Label [start, end) of article as an accepted entity of type: a new
 * analyst entity, unless an entity has exactly that span (a highlighted
 * one first, else a rejected one), which is accepted with that type
 * instead.  Other highlighted entities overlapping the span are rejected
 * (kept, journalled as "replace").  Refused as annot_resize refuses. */
int annot_create(struct annot *a, int64_t article, int64_t start, int64_t end,
                 const char *type, struct annot_result *r);

/* Apply entity e's decision to every other occurrence of its text in its
 * article that starts and ends on word boundaries (wb, or
 * annot_word_boundary when NULL) and on grapheme cluster boundaries.
 * Accepted e: a suggestion with exactly that span is accepted with e's
 * type, and where no highlighted entity overlaps (and no rejected one
 * has exactly that span) a new accepted analyst entity is created.
 * Rejected e: suggestions with exactly that span are rejected.  Entities
 * already accepted or rejected are left as the analyst decided.  A
 * suggested e is accepted first, in the same group.  r->changed counts
 * the entities changed or created. */
int annot_propagate(struct annot *a, int64_t e, annot_boundary_fn wb, void *arg,
                    struct annot_result *r);

/* The same across the corpus (&): entity e's decision at every
 * occurrence of its text, on word boundaries, in every article that is
 * not done (e's own included), as one group (one undo step; the articles
 * it starts become in progress).  r->changed counts the entities changed
 * or created, r->msg says in how many articles.  With dry_run nothing is
 * written: r says what it would do (to ask before a large change). */
int annot_propagate_corpus(struct annot *a, int64_t e, int dry_run, struct annot_result *r);

/* Accept every suggestion of article. */
int annot_accept_all(struct annot *a, int64_t article, struct annot_result *r);

/* Mark article done (state, reviewed_by = the analyst, reviewed_at =
 * now); journalled, so undo reopens it.  With a learner, the model
 * learns from the article's accepted entities in the same transaction
 * (learner_learn()); undoing the done mark turns that update off again
 * and redoing it on (learn.h). */
int annot_done(struct annot *a, int64_t article, struct annot_result *r);
/* The same, deciding the suggestions still undecided first, in the same
 * group (one undo step): rest is ENT_ACCEPTED or ENT_REJECTED, or
 * ENT_SUGGESTED to leave them (annot_done). */
int annot_done_with(struct annot *a, int64_t article, enum entity_status rest,
                    struct annot_result *r);
/* Make the article's entities exactly gold[0..n) (start, end in code
 * points and type; a reviewed copy of the article from elsewhere, as
 * import --reviewed brings it) and mark it done, as one journal group of
 * the analyst's: an entity with a gold span is accepted with the gold
 * type ("accept" or "retype"), a gold span no entity has becomes a new
 * accepted entity of origin import ("create"), every other entity not
 * rejected yet is rejected ("reject"), and the article is marked done
 * ("done"), the model learning from it as at annot_done().  Undo takes
 * it all back in one step.  Spans off the text or splitting a character
 * are refused (-1, nothing changed); unknown types are created.
 * annot_review_in() does the same inside the caller's transaction. */
int annot_review(struct annot *a, int64_t article, const struct span *gold, size_t n,
                 struct annot_result *r);
int annot_review_in(struct annot *a, int64_t article, const struct span *gold, size_t n,
                    struct annot_result *r);

/* The next article still to review (new or in progress) after article in
 * id order, wrapping around; *next = 0 when there is no other. */
int annot_next(struct annot *a, int64_t article, int64_t *next);

/* Undo the analyst's most recent group not undone yet (in any article,
 * from any earlier session: it reads the journal), writing the reversal
 * as new journal rows (action "undo", undo_of the group).  Refused when
 * another process or analyst has changed an entity of the group since.
 * r->msg is "undid: accept PERSON 'Zakir Hasanov'" or "nothing to undo";
 * r->article the article to show. */
int annot_undo(struct annot *a, struct annot_result *r);
/* Redo the most recently undone group, if the analyst made no new
 * decision since (action "redo", undo_of the undo group).  r->msg is
 * "redid: ..." or "nothing to redo". */
int annot_redo(struct annot *a, struct annot_result *r);

#endif
