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
/* Record the database's last error with context; returns -1. */
int store_fail(struct store *st, const char *what);

#endif
