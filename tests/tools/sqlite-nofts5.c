/*
 * sqlite-nofts5.c: a stand-in for a SQLite library built without FTS5,
 * for the configure test (cli/configure.sh).  It has only the functions
 * configure's check calls, and every statement fails as such a SQLite's
 * CREATE VIRTUAL TABLE ... USING fts5 would.
 */
#include <sqlite3.h>
#include <stddef.h>

int sqlite3_open(const char *name, sqlite3 **db)
{
	static int dummy;
	(void)name;
	*db = (sqlite3 *)&dummy;
	return SQLITE_OK;
}

int sqlite3_exec(sqlite3 *db, const char *sql, int (*cb)(void *, int, char **, char **),
                 void *arg, char **errmsg)
{
	(void)db, (void)sql, (void)cb, (void)arg;
	if (errmsg)
		*errmsg = NULL;
	return SQLITE_ERROR;    /* "no such module: fts5" */
}

int sqlite3_close(sqlite3 *db)
{
	(void)db;
	return SQLITE_OK;
}
