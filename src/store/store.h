/*
 * store.h: the database.  Opening, migrating and querying; the only module
 * that includes sqlite3.h, and the home of every SQL statement.
 *
 * Offsets in the store are code points of the stored (clean, NFC) text,
 * end exclusive.  Times are UTC strings "YYYY-MM-DDTHH:MM:SSZ".
 * Functions returning int give 0 on success and -1 on failure with
 * err_set() (the message names the database where that helps).
 *
 * The implementation is split by concern: store.c (open, schema,
 * migrations, transactions), and store_*.c files for articles, entities,
 * types, the list views, the edit journal and models, sharing the private
 * store_impl.h.
 */
#ifndef NERVE_STORE_H
#define NERVE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/doc.h"

struct store;

enum store_open_flags {
	STORE_CREATE = 1,      /* create the file (not its directory) if missing */
	STORE_READONLY = 2,    /* open read-only; never writes, never migrates */
	STORE_SYNC_FULL = 4,   /* synchronous=FULL instead of NORMAL */
};

/* Open (and create, migrate) the database at path.  NULL on failure with
 * err_set(): a missing directory, a file that is not a database or is
 * corrupt, a database written by a newer nerve, a read-only file when
 * writing is needed.  Nothing is written to a database that fails to
 * open.  ":memory:" gives an in-memory database (for tests). */
struct store *store_open(const char *path, int flags);
/* Close and clear *st (NULL-safe). */
void store_close(struct store **st);
/* The path given to store_open (borrowed). */
const char *store_path(const struct store *st);
/* 1 when st was opened with STORE_READONLY, else 0. */
int store_readonly(const struct store *st);

/* Schema version this nerve writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 3

/* Explicit transactions (BEGIN IMMEDIATE, so a writer waits for another
 * writer at the start, not at commit).  Nesting is not supported. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);
/* 1 inside a transaction of store_begin(), else 0. */
int store_in_transaction(struct store *st);

/* An online copy of the whole database to path (SQLite backup API).
 * step, when not NULL, is called after each batch of pages with the pages
 * copied and the pages in all (the total can change while other processes
 * write). */
int store_backup(struct store *st, const char *path,
                 void (*step)(void *arg, int done, int total), void *arg);

/* ---- articles ------------------------------------------------------ */

enum article_state { STATE_NEW, STATE_IN_PROGRESS, STATE_DONE };
const char *article_state_name(enum article_state s);   /* "new", ... */
int article_state_parse(const char *name, enum article_state *out);

struct article {
	int64_t id;
	char *ext_id;       /* external id, unique */
	char *title;
	char *source;
	char *published;    /* "" when unknown */
	char *text;         /* clean NFC UTF-8 */
	size_t text_len;    /* bytes */
	char *sha256;       /* hex of the text */
	char imported_at[21];
	enum article_state state;
	char *reviewed_by;  /* "" when never */
	char reviewed_at[21];
	int annotated;      /* came with annotations: detect only when asked */
	double uncertainty; /* of its suggestions (the uncertainty sort; read only) */
};
/* Release the strings of a (not a itself). */
void article_finish(struct article *a);

/* Insert an article (a->id and imported_at are set by the store; text
 * must already be clean).  Returns 0, or 1 when an article with the same
 * sha256 exists (a->id is then that article's id and nothing is written),
 * or -1 with err_set() (an ext_id clash is an error here: callers pick a
 * free ext_id with store_ext_id_free() first). */
int store_article_add(struct store *st, struct article *a);
/* Bulk loading, for import: between store_bulk_begin() and
 * store_bulk_end(), both inside one transaction, this connection's
 * triggers are off, so the full-text index and the browser's tallies are
 * not updated by each store_article_add(); store_bulk_end() then does the
 * triggers' work for every article added since store_bulk_begin() (and
 * its entities) in a few statements (when index is 1: pass 0 after a
 * failure, before rolling back) and turns the triggers on again.  Use
 * only store_article_add() and entity, type and journal functions on new
 * articles in between.  When the schema has triggers other than those,
 * bulk mode does nothing (they all keep running).
 * Indexing many articles in one statement is much faster than one at a
 * time (FTS5 writes its pending terms at each statement). */
int store_bulk_begin(struct store *st);
int store_bulk_end(struct store *st, int index);
/* Check that every article is in the full-text index once: 0, or -1 with
 * err_set() saying how many articles and index entries there are. */
int store_index_check(struct store *st);

/* 1 if no article has this external id, 0 if one has, -1 on error. */
int store_ext_id_free(struct store *st, const char *ext_id);
/* Load article id into *a (owned strings; article_finish()).  -1 with
 * err_set() when it does not exist. */
int store_article_get(struct store *st, int64_t id, struct article *a);
/* The id of the article whose text has this sha256 (hex): 1 and *id set
 * when there is one, 0 when not, -1 on error. */
int store_article_by_sha(struct store *st, const char *sha256, int64_t *id);
/* The article whose external id is exactly ext_id (never a local number):
 * 1 and *id set, 0 when there is none, -1 on error. */
int store_article_by_ext_id(struct store *st, const char *ext_id, int64_t *id);
/* Resolve an article reference as a user types it: a local id (all
 * digits), or an external id (also when no article has that number).  1
 * and *id set when found, 0 when not, -1 on error. */
int store_article_find(struct store *st, const char *ref, int64_t *id);

/* ---- entities ------------------------------------------------------ */

enum entity_status { ENT_SUGGESTED, ENT_ACCEPTED, ENT_REJECTED };
enum entity_origin { ORIGIN_DETECTOR, ORIGIN_ANALYST, ORIGIN_IMPORT };
const char *entity_status_name(enum entity_status s);
int entity_status_parse(const char *name, enum entity_status *out);
const char *entity_origin_name(enum entity_origin o);
int entity_origin_parse(const char *name, enum entity_origin *out);

struct entity {
	int64_t id;
	int64_t article;
	int64_t start, end;         /* code points */
	char type[64];
	enum entity_status status;
	enum entity_origin origin;
	double confidence;          /* suggestions; 0 otherwise */
	int no_confidence;          /* 1: store no confidence, even for a suggestion */
	char annotator[64];
	char created_at[21], updated_at[21];
	int64_t referent;           /* the referent it belongs to, or 0 */
};

/* A growable array of entities (embedded; zero-initialise, then
 * entity_list_finish()). */
struct entity_list {
	struct entity *v;
	size_t n, cap;
};
struct entity *entity_list_push(struct entity_list *l);
void entity_list_finish(struct entity_list *l);

/* Insert e (e->id and the times are set by the store).  The caller
 * journals it when it is an analyst's or an import's. */
int store_entity_add(struct store *st, struct entity *e);
/* Append the entities of article (all statuses) to l, ordered by start,
 * then end. */
int store_entities_of(struct store *st, int64_t article, struct entity_list *l);

/* Replace the detector's suggestions in an article with spans[0..n)
 * (start, end, type and confidence are used; the rest is ignored).  The
 * entities with status suggested and annotator "detector" are deleted;
 * each span is then stored as a suggestion (origin and annotator
 * "detector") unless the article has a rejected entity with the same
 * start and end (a span the analyst rejected is never suggested again),
 * or the span overlaps an entity that is not rejected (an analyst's or an
 * import's entity, or an earlier span of this call).  Types the database
 * does not know are created (store_type_ensure()).  Not journalled.
 * Runs in the caller's transaction when there is one, else in its own.
 * Returns the number of suggestions stored, or -1 with err_set() (and
 * nothing changed when it ran its own transaction). */
int store_replace_suggestions(struct store *st, int64_t article, const struct span *spans,
                              size_t n);

/* ---- entity types --------------------------------------------------- */

struct entity_type {
	char name[64];
	int hotkey;                 /* 1..9, or 0 for none */
	char colour[32];            /* curses colour name or 0..255 */
	char description[128];
	int order;
};

/* 1 when name is acceptable as a type name: 1 to 63 bytes of valid
 * UTF-8 with no control characters, no white space at either end. */
int entity_type_name_valid(const char *name);
/* 1 when c is a curses colour name (black, red, green, yellow, blue,
 * magenta, cyan, white) or a number 0..255 without sign or leading
 * zeros. */
int entity_type_colour_valid(const char *c);

/* All types in their order into *out (owned array, free()) and *n
 * (NULL and 0 on error). */
int store_types(struct store *st, struct entity_type **out, size_t *n);
/* Load type name into *t (t may be NULL: does it exist?): 1 found, 0 not,
 * -1 on error. */
int store_type_get(struct store *st, const char *name, struct entity_type *t);
/* The type with hotkey k (1..9) into name: 1 found, 0 none, -1 on error. */
int store_type_of_hotkey(struct store *st, int k, char name[64]);
/* Add a type after the others; colour NULL assigns one not yet in use,
 * hotkey 0 gives none.  -1 with err_set() when the name is invalid or
 * taken, the colour invalid, or the hotkey (1..9) in use. */
int store_type_add(struct store *st, const char *name, int hotkey, const char *colour,
                   const char *description);
/* Make sure a type exists, creating it (assigned colour, no hotkey) when
 * missing: 1 when it was created, 0 when it existed, -1 on error. */
int store_type_ensure(struct store *st, const char *name);
/* Rename a type; its entities follow.  -1 when old does not exist or new
 * is invalid or taken. */
int store_type_rename(struct store *st, const char *old_name, const char *new_name);
/* Set a type's colour (validated). */
int store_type_colour(struct store *st, const char *name, const char *colour);
/* Bind hotkey 1..9 to a type (0 removes its key).  A type that had that
 * key loses it: its name is copied to taken_from (else ""). */
int store_type_key(struct store *st, const char *name, int hotkey, char taken_from[64]);

/* ---- statistics ------------------------------------------------------ */

struct store_stats {
	int64_t articles;
	int64_t by_state[3];        /* indexed by enum article_state */
	int64_t entities;
	struct type_stats {
		char type[64];
		int64_t by_status[3];   /* indexed by enum entity_status */
	} *types;                   /* every type, in order, then unknown ones (owned) */
	size_t ntypes;
};
/* Counts of articles by review state and entities by type and status. */
int store_stats(struct store *st, struct store_stats *out);
void store_stats_finish(struct store_stats *s);

/* ---- referents (store_referent.c) ------------------------------------ */

/* A referent: what several mentions (entities) refer to.  Its name is its
 * best mention's text (accepted before suggested, then the longest)
 * unless the analyst named it; key, surname and initial are the linking
 * keys of src/edit/link.h.  A referent without mentions (left so by an
 * undo, a split or a merge) is kept, for redo, and passed over by every
 * query below. */
struct referent {
	int64_t id;
	char type[64];
	char *name;                 /* owned */
	char *key;                  /* owned: the folded name */
	char surname[128];          /* folded, a person's; "" for none */
	char initial[16];           /* folded first letter of a given name, or "" */
	int64_t name_rank;          /* see referent_name_rank() */
	int named;                  /* the analyst named it */
	int ambiguous;              /* another referent of its type has its surname */
	int64_t mentions;           /* accepted and suggested entities */
	int64_t articles;           /* articles with any entity of it */
	int64_t accepted, suggested, rejected;
};
void referent_finish(struct referent *r);
/* How good a name a mention of cps code points gives: an accepted one
 * before any suggestion, then the longer. */
int64_t referent_name_rank(int accepted, int64_t cps);

/* Insert r (type, name, key, surname, initial, name_rank; r->id is set).
 * Its tallies start at zero: linking entities to it counts them. */
int store_referent_add(struct store *st, struct referent *r);
/* Load referent id into *r (owned strings): 0, 1 when there is none, -1. */
int store_referent_get(struct store *st, int64_t id, struct referent *r);
/* The oldest referent of type whose key is key and that has entities:
 * 1 and *id, 0 when none, -1 on error. */
int store_referent_by_key(struct store *st, const char *type, const char *key, int64_t *id);
/* The referents of type named by a full name or an initial with this
 * surname (and, when initial is not "", that initial) that have
 * entities: *n = how many (0, 1, or 2 for two or more) and *id the
 * oldest.  A referent of a surname alone is not one of them. */
int store_referent_by_surname(struct store *st, const char *type, const char *surname,
                              const char *initial, int64_t *id, int *n);
/* Flag as ambiguous every referent of type named by a full name or an
 * initial with this surname but 'except' that has entities.  Returns how many were flagged, or -1. */
int store_referent_flag_surname(struct store *st, const char *type, const char *surname,
                                int64_t except);
/* Link entity to referent (0: unlink).  Not journalled: the caller
 * journals what is not a detector's suggestion. */
int store_entity_set_referent(struct store *st, int64_t entity, int64_t referent);
/* Give referent id the name when it is not the analyst's and rank beats
 * the name it has. */
int store_referent_offer_name(struct store *st, int64_t id, const char *name, int64_t rank);
/* Name referent id again from its best mention (unless the analyst named
 * it): for when the mention its name came from was rejected or left. */
int store_referent_refresh_name(struct store *st, int64_t id);
/* The analyst's name for referent id (named from then on); "" gives the
 * name back to its mentions. */
int store_referent_rename(struct store *st, int64_t id, const char *name);
/* Count the tallies of referent id again from its entities (the
 * triggers' work, for callers that turned them off). */
int store_referent_recount(struct store *st, int64_t id);
/* Mentions linked at all: entities that share their referent with
 * another entity (*linked), and entities with a referent (*with). */
int store_referent_link_counts(struct store *st, int64_t *linked, int64_t *with);

/* Append the entities of referent to l, by article and start: all of
 * them, or (undecided) only its suggestions in articles not done. */
int store_referent_entities(struct store *st, int64_t referent, int undecided,
                            struct entity_list *l);
/* How many suggestions of referent are in articles not done, and in how
 * many such articles. */
int store_referent_undecided(struct store *st, int64_t referent, int64_t *mentions,
                             int64_t *articles);

/* ---- the entity view's pages (store_referent.c) ---- */

/* The entity view's sort orders: mentions, articles or undecided
 * mentions, most first (ties: newest referent first); or name, A to Z
 * (byte order). */
enum referent_sort { RSORT_MENTIONS, RSORT_ARTICLES, RSORT_UNDECIDED, RSORT_NAME, RSORT_COUNT };
/* A short untranslated name ("mentions", "articles", "undecided",
 * "name"). */
const char *referent_sort_name(enum referent_sort s);

/* Which referents (those with entities), in which order. */
struct referent_query {
	enum referent_sort sort;
	const char *type;           /* only this type, or NULL */
	const char *text;           /* only names containing it (ASCII case
	                               ignored), or NULL */
};

/* Referents in list order (owned strings).  Embedded: zero-initialise;
 * referent_page_finish() releases it. */
struct referent_page {
	struct referent *v;
	size_t n, cap;
};
void referent_page_finish(struct referent_page *p);

enum referent_dir {
	RPAGE_FIRST,                /* from the start (key unused) */
	RPAGE_LAST,                 /* the last rows, in list order (key unused) */
	RPAGE_FROM,                 /* key and the rows after it */
	RPAGE_AFTER,                /* the rows strictly after key */
	RPAGE_BEFORE,               /* the rows strictly before key, in list order */
};
/* Fill p (emptied first) with at most limit rows of q's list, paged by
 * index from key (a row of the same query: its id and sort key are
 * used). */
int store_referent_page(struct store *st, const struct referent_query *q,
                        enum referent_dir dir, const struct referent *key, size_t limit,
                        struct referent_page *p);

/* One mention of a referent with its context, for the concordance
 * (owned strings). */
struct mention_row {
	int64_t entity, article, start;
	enum entity_status status;
	char *title;                /* the article's title */
	char *left, *text, *right;  /* up to ctx code points either side */
};
struct mention_page {
	struct mention_row *v;
	size_t n, cap;
};
void mention_page_finish(struct mention_page *p);
/* Fill p (emptied first) with at most limit mentions of referent in
 * article and start order: the first (key NULL and not backward), those
 * strictly after key, or (backward) those strictly before key or the
 * last ones, in order; each with ctx code points of context. */
int store_referent_mentions(struct store *st, int64_t referent, const struct mention_row *key,
                            int backward, size_t limit, int ctx, struct mention_page *p);

/* One referent of a listing (store_referents_list); every pointer is
 * borrowed and valid only during the callback. */
struct referent_listing {
	int64_t id;
	const char *type, *name;
	int ambiguous;
	int64_t mentions, articles, accepted, suggested, rejected;
	const char *variants;       /* the distinct texts of its mentions that
	                               are not rejected, joined by " | " */
	const char *article_ids;    /* the external ids of its articles, likewise */
	const char *json;           /* all of it as one JSON object: referent_id,
	                               type, name, ambiguous, mentions,
	                               n_articles, accepted, suggested, rejected,
	                               variants and articles (arrays) */
};
typedef int (*referent_listing_fn)(void *arg, const struct referent_listing *r);
/* Call fn for every referent with mentions that are not rejected (of the
 * ntypes types, or all when types is NULL), most mentions first, then by
 * id.  The texts are read in one pass over the articles.  Returns 0, or
 * -1 (fn's error or the store's). */
int store_referents_list(struct store *st, const char *const *types, size_t ntypes,
                         referent_listing_fn fn, void *arg);

/* ---- export ---------------------------------------------------------- */

/* Which articles and entities an export takes.  Zero-initialised means
 * every article with all its entities. */
struct export_filter {
	unsigned statuses;          /* bits 1 << enum entity_status; 0: all */
	const char *const *types;   /* entity types, or NULL: all */
	size_t ntypes;
	unsigned states;            /* bits 1 << enum article_state; 0: all */
	const int64_t *articles;    /* local article ids, or NULL: all */
	size_t narticles;
	const char *by;             /* entities of this annotator only, or NULL */
	const char *since;          /* entities updated at or after this UTC time
	                               ("YYYY-MM-DDTHH:MM:SSZ"), or NULL */
};

/* One entity row of an export; every pointer is borrowed and valid only
 * during the callback.  Strings are NUL-terminated with their length. */
struct export_row {
	int64_t article;            /* local id */
	const char *ext_id, *title;
	size_t ext_id_len, title_len;
	int64_t entity;
	int64_t start, end;         /* code points */
	const char *text;           /* the entity's text (not NUL-terminated) */
	size_t text_len;
	const char *type, *status, *origin, *annotator, *updated_at;
	int64_t referent;           /* its referent, or 0 */
	const char *referent_name;  /* its name, or "" */
	size_t referent_name_len;
};
/* Called for each row; return 0 to go on, -1 to stop (with err_set()). */
typedef int (*export_row_fn)(void *arg, const struct export_row *r);

/* Call fn for every selected entity, ordered by article id, then start,
 * end and entity id.  Each article's text is checked against its stored
 * sha256 first.  Returns 0, or -1 (fn's error, the store's, or a text
 * that does not match its checksum: a damaged database). */
int store_export_entities(struct store *st, const struct export_filter *f, export_row_fn fn,
                          void *arg);

/* One selected article with its selected entities, for the exports that
 * write whole documents (JSON Lines, doccano, Prodigy, CoNLL, brat).  Every pointer
 * is borrowed and valid only during the callback. */
struct export_doc {
	int64_t article;            /* local id */
	const char *ext_id, *title, *published;
	const char *text;           /* NUL-terminated, text_len bytes */
	size_t text_len;
	const struct entity *ents;  /* ordered by start, end, id */
	size_t nents;
};
/* Called for each document; return 0 to go on, -1 to stop (with
 * err_set()). */
typedef int (*export_doc_fn)(void *arg, const struct export_doc *d);
/* Call fn for every selected article in id order, with its selected
 * entities (possibly none) ordered by start, end and id, each text
 * checked against its sha256 as store_export_entities() does.
 * Returns 0, or -1 (fn's error or the store's). */
int store_export_docs(struct store *st, const struct export_filter *f, export_doc_fn fn,
                      void *arg);

/* Normalise an ISO 8601 date or time ("2026-01-02", "2026-01-02T10:00",
 * "2026-01-02 10:00:00+02:00", ...) to UTC "YYYY-MM-DDTHH:MM:SSZ" in
 * out.  -1 with err_set() when SQLite's date functions cannot read it. */
int store_time_normalise(struct store *st, const char *in, char out[21]);

/* ---- checking (store_check.c) ----------------------------------------- */

/* What store_check() found.  Set report (and arg) before the call. */
struct store_check {
	void (*report)(void *arg, const char *problem);   /* each problem, or NULL */
	void *arg;
	size_t problems;
	int64_t articles, entities;     /* looked at (entities: not rejected) */
	int fts_skipped;                /* the full-text check needs a writable database */
};
/* Check st: SQLite's integrity check, every article's text against its
 * sha256, every entity inside its text and on grapheme cluster
 * boundaries, the counts the triggers keep (articles per review state,
 * entities and suggestions per article), and the full-text index.  Each
 * problem goes to c->report.  Returns 0 (c->problems says whether the
 * database is sound), or -1 with err_set() when the checks could not
 * run. */
int store_check(struct store *st, struct store_check *c);

/* ---- the edit journal ------------------------------------------------ */

/* Every change made by an analyst or an import is journalled: one row
 * per entity changed, with JSON snapshots of the entity before and after
 * (NULL when it did not exist / no longer exists).  The rows of one
 * keystroke or one imported file share a group number, the unit of
 * undo.  Detector suggestions are not journalled. */

/* A new group number (larger than every one in the journal). */
int64_t store_journal_group(struct store *st);
/* JSON snapshot of entity id as it is now (owned), or NULL if it does not
 * exist. */
char *store_entity_snapshot(struct store *st, int64_t entity_id);
/* Append one journal row; action is a short verb ("accept", "reject",
 * "retype", "resize", "create", "import", "state", "undo", ...). */
int store_journal(struct store *st, int64_t grp, const char *annotator, int64_t article,
                  int64_t entity_id, const char *action, const char *before,
                  const char *after);

/* Like store_journal(), for the rows of an undo or a redo: undo_of names
 * the group this row reverses. */
int store_journal_reversal(struct store *st, int64_t grp, const char *annotator,
                           int64_t article, int64_t entity_id, const char *action,
                           const char *before, const char *after, int64_t undo_of);

/* ---- editing (store_edit.c) ------------------------------------------- */

/* The SQL under src/edit/annotate.c: reading and writing single entities and
 * article states, snapshots to journal and compare, and walking the
 * journal for undo and redo.  None of these starts a transaction: the
 * caller wraps each keystroke in store_begin()/store_commit().
 *
 * Journal actions written by the annotation core (the "action" column):
 * accept, reject, retype, resize, create, replace (an entity rejected
 * because a new one overlaps it), propagate, accept-all, state (an
 * article's review state changed as a side effect), done, link (an
 * entity placed with a referent after a decision, in its group), split,
 * merge and bulk (src/edit/referent.c), and the reversals undo and redo.
 * Only groups of these actions are undone or redone: an import's rows
 * ("import", "import-link") are not.  A group may hold two rows of one
 * entity (a decision, then its link); the newer says what it is now. */

/* Read entity id into *e.  Returns 0, 1 when it does not exist, -1 on
 * error. */
int store_edit_get(struct store *st, int64_t id, struct entity *e);
/* Write e's start, end, type, status, origin, annotator and referent (0:
 * none) to entity e->id (its confidence and created_at stay; updated_at
 * becomes now). */
int store_edit_update(struct store *st, const struct entity *e);
/* 1 when entity id is as the snapshot says (a JSON object from
 * store_entity_snapshot(); NULL: the entity does not exist), field by
 * field but for updated_at, confidence within 1e-9; 0 when it differs;
 * -1 on error. */
int store_edit_matches(struct store *st, int64_t id, const char *snapshot);
/* Make entity id as the snapshot says: update it, insert it with that id
 * (and created_at) when it does not exist, or delete it when snapshot is
 * NULL.  updated_at becomes now. */
int store_edit_restore(struct store *st, int64_t id, const char *snapshot);
/* The fields of an entity snapshot (not NULL) into *e (times and
 * confidence left zero). */
int store_edit_snapshot_entity(struct store *st, const char *snapshot, struct entity *e);
/* Whether a snapshot (not NULL) is a detector's suggestion. */
int store_edit_snapshot_is_suggestion(struct store *st, const char *snapshot);

/* JSON snapshot of an article's review state ({"state", "reviewed_by",
 * "reviewed_at"}; owned), or NULL when it does not exist (err_set()). */
char *store_edit_article_snapshot(struct store *st, int64_t article);
/* 1 when the article's review state is as the snapshot says, 0 if not,
 * -1 on error. */
int store_edit_article_matches(struct store *st, int64_t article, const char *snapshot);
/* Set the article's review state from a snapshot. */
int store_edit_article_restore(struct store *st, int64_t article, const char *snapshot);
/* Set the article's review state; for STATE_DONE reviewed_by becomes
 * reviewer and reviewed_at now, otherwise they stay. */
int store_edit_set_state(struct store *st, int64_t article, enum article_state state,
                         const char *reviewer);
/* The article's review state into *state; -1 with err_set() when there is
 * no such article. */
int store_edit_state(struct store *st, int64_t article, enum article_state *state);
/* The article's title (owned; "" when it has none), or NULL on error. */
char *store_edit_title(struct store *st, int64_t article);
/* The text of code points [start, end) of the article (owned), or NULL on
 * error. */
char *store_edit_span_text(struct store *st, int64_t article, int64_t start, int64_t end);
/* The next article still to review (state new or in_progress) after
 * article 'after' in id order, wrapping around to the first; *next = 0
 * when there is none but 'after' itself. */
int store_edit_next_to_review(struct store *st, int64_t after, int64_t *next);


/* One row of the journal. */
struct journal_row {
	int64_t id, grp, undo_of;   /* undo_of 0 unless an undo or redo row */
	int64_t article;
	int64_t entity;             /* 0 for a row about the article's state */
	char action[16];
	char annotator[64];
	char at[21];
	char *before, *after;       /* owned JSON, or NULL */
};
/* A growable array of journal rows (embedded; zero-initialise, then
 * journal_list_finish(), which frees the snapshots too). */
struct journal_list {
	struct journal_row *v;
	size_t n, cap;
};
void journal_list_finish(struct journal_list *l);

/* The rows of annotator's group grp, in the order they were written,
 * appended to l. */
int store_edit_group(struct store *st, const char *annotator, int64_t grp,
                     struct journal_list *l);
/* The annotator's latest group, whatever it did (a decision, an undo, a
 * redo).  *grp = 0 when none. */
int store_edit_last_group(struct store *st, const char *annotator, int64_t *grp);
/* The group undo should revert for annotator: their most recent group of
 * annotation actions (or redo) not yet undone.  *grp = 0 when none. */
int store_edit_undo_target(struct store *st, const char *annotator, int64_t *grp);
/* The group redo should revert for annotator: their most recent undo not
 * yet redone, provided they made no new decision since.  *grp = 0 when
 * none. */
int store_edit_redo_target(struct store *st, const char *annotator, int64_t *grp);
/* Check that the journal and the tables agree: replaying every entity's
 * journal rows in order, each row's before is the previous row's after,
 * and the last after is the entity as it is now (ignoring updated_at);
 * the last state row of an article is its review state now; and every
 * entity without journal rows is a detector's suggestion.  A detector's
 * suggestion may have been replaced by re-detection in between.  Returns
 * 0 when they agree, -1 with err_set() naming the first disagreement. */
int store_edit_check(struct store *st);

/* Connection settings, for tests and special callers: the busy timeout
 * in milliseconds, and the most pages the database file may grow to (0:
 * no limit), which makes a full disk easy to simulate. */
int store_set_busy_timeout(struct store *st, int ms);
int store_set_max_pages(struct store *st, int64_t pages);
/* Checkpoints: by default the commit that fills the write-ahead log past
 * 1000 pages copies it into the database (several milliseconds on a big
 * one).  An interactive caller may raise that limit (pages; 0: never)
 * and call store_checkpoint() when it is idle instead, which copies what
 * it can without waiting for readers; a busy database is not an error. */
int store_set_autocheckpoint(struct store *st, int pages);
int store_checkpoint(struct store *st);
/* A number that changes whenever another connection (another process)
 * has committed a change to the database since the last call, and not
 * for this connection's own commits (PRAGMA data_version): a cheap way
 * for the browser to know when to re-read what it shows. */
int store_data_version(struct store *st, int64_t *version);

/* ---- models (store_model.c) ------------------------------------------------ */

/* A row of the model table. */
struct model_row {
	int64_t id;
	char created_at[21];
	char *trained_on;       /* what it was trained on (text) */
	char *scores;           /* JSON object of its measured scores */
	void *data;             /* the model blob, when asked for */
	size_t len;             /* its length in bytes */
};
void model_row_finish(struct model_row *m);

/* Store a model (not active yet); *id gets its row id. */
int store_model_add(struct store *st, const void *blob, size_t len, const char *trained_on,
                    const char *scores, int64_t *id);
/* Make model id the active one (and no other); the online updates so
 * far are folded in (store_update_fold()). */
int store_model_activate(struct store *st, int64_t id);
int store_model_set_scores(struct store *st, int64_t id, const char *scores);
/* The active model into *m (the blob too when with_data; owned:
 * model_row_finish): 0, 1 when there is none, -1 on error. */
int store_model_active(struct store *st, struct model_row *m, int with_data);
/* No active model: nerve goes back to the shipped one, and the online
 * updates are given up (store_update_fold()). */
int store_model_reset(struct store *st);

/* ---- the model in the loop (store_learn.c) ---------------------------------- */

/* The generation of what detection uses into *gen: a number that grows
 * whenever the model, its online updates or the memory of decisions
 * change (in any process); and the model's own (the model and its
 * updates only) into *model_gen (may be NULL).  Reading them is one
 * row, cheap enough to do before every detection. */
int store_learn_generation(struct store *st, int64_t *gen, int64_t *model_gen);
/* Make both generations grow (a change of the model). */
int store_learn_bump(struct store *st);

/* Store the online update of article, made at its done mark (journal
 * group grp) against model base (a model row, 0 the shipped model); the
 * generation grows and learned_at becomes now.  *id gets its row. */
int store_update_add(struct store *st, int64_t article, int64_t grp, int64_t base,
                     const void *data, size_t len, int64_t *id);
/* Turn the updates made at journal group grp off (undo of the done
 * mark: active 0) or on again (redo: active 1); the number of rows
 * changed into *n (may be NULL), the generation grows when any did. */
int store_update_set_active(struct store *st, int64_t grp, int active, int *n);
/* After a retrain or a reset: every update so far is no longer applied
 * (folded into the new model, or given up). */
int store_update_fold(struct store *st);
/* The ids of the updates applied on top of model base, ascending (owned,
 * free()). */
int store_update_ids(struct store *st, int64_t base, int64_t **ids, size_t *n);
/* The articles of the latest max updates applied on top of model base,
 * newest first (owned, free()). */
int store_update_recent(struct store *st, int64_t base, size_t max, int64_t **articles,
                        size_t *n);
/* The data of update id (owned) and its length: 0, 1 when the row is
 * gone, -1 on error. */
int store_update_get(struct store *st, int64_t id, void **data, size_t *len);

/* Call fn for each string of the memory of decisions with a count above
 * 0: its text, its type, accepted (1) or rejected (0), and the count;
 * fn returning -1 stops the walk (-1 returned). */
int store_decisions(struct store *st,
                    int (*fn)(void *arg, const char *text, size_t len, const char *type,
                              int accepted, int64_t n),
                    void *arg);

/* What nerve stats says of the learning. */
struct learn_stats {
	int64_t generation;
	char learned_at[21];        /* last online update, "" when never */
	int64_t updates;            /* online updates applied now */
	int64_t update_articles;    /* distinct articles they come from */
	int64_t strings;            /* strings in the memory of decisions */
};
int store_learn_stats(struct store *st, int64_t base, struct learn_stats *out);

/* The model generation article's suggestions were made at into *gen, and
 * whether it came with annotations. */
int store_article_detected(struct store *st, int64_t article, int64_t *gen, int *annotated);
/* Record that article's suggestions are those of model generation gen. */
int store_article_set_detected(struct store *st, int64_t article, int64_t gen);
/* Up to max articles still to review, not annotated, whose suggestions
 * are older than model generation gen: those after article 'after' in id
 * order first, then from the start.  *ids owned (free()). */
int store_articles_stale(struct store *st, int64_t gen, int64_t after, size_t max,
                         int64_t **ids, size_t *n);
/* The accepted entities of article as gold spans (start, end, type)
 * appended to d's spans. */
int store_accepted_spans(struct store *st, int64_t article, struct doc *d);


/* The ids of the articles detection runs on (store_detect.c): those that
 * are new or in progress (also done when all) and came without
 * annotations (also with them when annotated); *skipped counts those
 * left out for their annotations.  *ids is owned (free()). */
int store_articles_to_detect(struct store *st, int all, int annotated, int64_t **ids,
                             size_t *n, size_t *skipped);

/* Call fn for each article marked done, as a document whose spans are its
 * accepted entities (start, end, type set; d->id the external id).  fn
 * returning -1 stops the walk (-1 returned). */
int store_done_docs(struct store *st, int (*fn)(struct doc *d, void *arg), void *arg);

#endif
