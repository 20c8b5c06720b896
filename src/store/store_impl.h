/*
 * store_impl.h: private to the store_*.c files.
 */
#ifndef NERVE_STORE_IMPL_H
#define NERVE_STORE_IMPL_H

#include <sqlite3.h>

#include "store.h"

struct store {
	sqlite3 *db;
	char *path;
	int flags;
	struct stmt_cache {
		const char *sql;
		sqlite3_stmt *stmt;
	} *cache;
	size_t ncache, capcache;
	int64_t bulk_from;          /* store_bulk_begin(): articles after this id */
	int bulk;                   /* in bulk mode: triggers off */
};

/* Prepare sql on st (NULL with err_set() on failure).  Statements are
 * cached by the text pointer, so pass string literals; reset and clear
 * bindings are done on the next store_stmt() of the same text. */
sqlite3_stmt *store_stmt(struct store *st, const char *sql);
/* The current time as the store writes it ("2026-01-31T12:00:00Z"; empty
 * if the clock cannot be read), into out[STORE_TIME_LEN]. */
enum { STORE_TIME_LEN = 21 };
void store_now(char out[STORE_TIME_LEN]);
/* Record the database's last error with context; returns -1. */
int store_fail(struct store *st, const char *what);
/* Step s, which returns no rows, and reset it: 0, or -1 through
 * store_fail(st, what). */
int store_step_done(struct store *st, sqlite3_stmt *s, const char *what);
/* Step s, a query of article 'article' that must give a row: 0 on a row
 * (s left on it for the caller to read and reset); else s is reset and
 * -1 returned with err_set() ("no article N", or the database's error). */
int store_step_article(struct store *st, sqlite3_stmt *s, int64_t article);

/* Step s (bound already) to its end, collecting its first column into
 * *ids (owned; *n of them) and reset it: 0, or -1 through store_fail(st,
 * what) with *ids NULL. */
int store_step_ids(struct store *st, sqlite3_stmt *s, int64_t **ids, size_t *n,
                   const char *what);
/* Column i of s's current row as an owned string: NULL when it is NULL
 * (store_col_dup), "" when it is NULL (store_col_str). */
char *store_col_dup(sqlite3_stmt *s, int i);
char *store_col_str(sqlite3_stmt *s, int i);/* Step s, a query of article 'article' that must give a row: 0 on a row
 * (s left on it for the caller to read and reset); else s is reset and
 * -1 returned with err_set() ("no article N", or the database's error). */
int store_step_article(struct store *st, sqlite3_stmt *s, int64_t article);

/* Column i of s's current row into dst[size] ("" when NULL; cut short
 * to fit). */
void store_col_copy(sqlite3_stmt *s, int i, char *dst, size_t size);

/* The columns of an entity row, in the order store_entity_from_row()
 * reads them (from the entity table, aliased or not). */
#define ENTITY_COLUMNS \
	"id, article, start, \"end\", type, status, origin, coalesce(confidence, 0), " \
	"annotator, created_at, updated_at, coalesce(referent, 0), " \
	"coalesce(original_start, 0), coalesce(original_end, 0), coalesce(original_type, '')"
/* How many columns ENTITY_COLUMNS has (a query may add its own after). */
#define ENTITY_NCOLUMNS 15
/* Fill e (cleared first) from s's current row of ENTITY_COLUMNS. */
void store_entity_from_row(sqlite3_stmt *s, struct entity *e);

/* Turn off the triggers (full-text index, tallies) of this connection
 * for a batch whose caller redoes their work: 1 when turned off, 0 when
 * left on (already off, or the schema has triggers nobody redoes), -1 on
 * error.  store_triggers_resume() turns them on again. */
int store_triggers_pause(struct store *st);
int store_triggers_resume(struct store *st);
/* Count the entity tallies of one article again (the entity triggers'
 * work). */
int store_recount(struct store *st, int64_t article);

#endif
