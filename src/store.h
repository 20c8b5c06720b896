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

#include "doc.h"

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

/* Schema version this nerve writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 1

/* Explicit transactions (BEGIN IMMEDIATE, so a writer waits for another
 * writer at the start, not at commit).  Nesting is not supported. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* An online copy of the whole database to path (SQLite backup API). */
int store_backup(struct store *st, const char *path);

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
};
/* Release the strings of a (not a itself). */
void article_finish(struct article *a);

/* Insert an article (a->id and imported_at are set by the store; text
 * must already be clean).  Returns 0, or 1 when an article with the same
 * sha256 exists (a->id is then that article's id and nothing is written),
 * or -1 with err_set() (an ext_id clash is an error here: callers pick a
 * free ext_id with store_ext_id_free() first). */
int store_article_add(struct store *st, struct article *a);
/* 1 if no article has this external id, 0 if one has, -1 on error. */
int store_ext_id_free(struct store *st, const char *ext_id);
/* Load article id into *a (owned strings; article_finish()).  -1 with
 * err_set() when it does not exist. */
int store_article_get(struct store *st, int64_t id, struct article *a);

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
	char annotator[64];
	char created_at[21], updated_at[21];
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

/* ---- entity types --------------------------------------------------- */

struct entity_type {
	char name[64];
	int hotkey;                 /* 1..9, or 0 for none */
	char colour[32];            /* curses colour name or 0..255 */
	char description[128];
	int order;
};

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

/* ---- JSON (through SQLite's JSON functions) -------------------------- */

/* Parse one JSON Lines line in the corpus format ({"id", "title", "text",
 * "date", "entities": [{"start", "end", "type", "text", "status",
 * "origin", "annotator", "confidence"}]}) into *d (zeroed first; the
 * caller sets d->line and calls doc_finish()).  Unknown keys are ignored.
 * -1 with err_set() (a reason without file or line) when the line is not
 * a JSON object, "text" is missing or not a string, or an entity lacks
 * integer start/end or a string type. */
int store_json_doc(struct store *st, const char *json, size_t len, struct doc *d);

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
/* Make model id the active one (and no other). */
int store_model_activate(struct store *st, int64_t id);
int store_model_set_scores(struct store *st, int64_t id, const char *scores);
/* The active model into *m (the blob too when with_data; owned:
 * model_row_finish): 0, 1 when there is none, -1 on error. */
int store_model_active(struct store *st, struct model_row *m, int with_data);
/* No active model: nerve goes back to the shipped one. */
int store_model_reset(struct store *st);

/* Call fn for each article marked done, as a document whose spans are its
 * accepted entities (start, end, type set; d->id the external id).  fn
 * returning -1 stops the walk (-1 returned). */
int store_done_docs(struct store *st, int (*fn)(struct doc *d, void *arg), void *arg);

#endif
