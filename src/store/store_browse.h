/*
 * store_browse.h: the queries behind the browser's article list.
 *
 * The list is never loaded whole: it is read a screenful at a time by
 * keyset paging (the rows after or before a row, in the sort order, by
 * index), so that a database of a million reports opens and scrolls as
 * fast as one of ten and memory does not grow with it.  Row counts come
 * from a tally table kept by triggers, not from scanning.  Only an
 * explicit jump to the Nth row (:goto) and finding the position of a
 * search hit count rows, once per command.
 *
 * Full-text search runs on the FTS5 index over titles and texts; a
 * user's words become an FTS5 query of quoted terms (see
 * browse_fts_query), so no input is a syntax error.
 *
 * Errors: functions returning int give 0 on success, -1 with err_set().
 */
#ifndef NERVE_STORE_BROWSE_H
#define NERVE_STORE_BROWSE_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

enum browse_sort {
	BROWSE_IMPORTED,    /* import order (oldest first) */
	BROWSE_DATE,        /* published date, newest first */
	BROWSE_TITLE,       /* title, A to Z (byte order) */
	BROWSE_LEFT,        /* suggestions left to decide, most first */
	BROWSE_UNSURE,      /* uncertainty, most first: the corrections the
	                     * suggestions are expected to need, the sum of
	                     * (1 - confidence) over them, as detection left it
	                     * (article.uncertainty) */
	BROWSE_NSORTS
};
/* A short untranslated name ("imported", "date", "title", "left",
 * "uncertain"); the
 * caller translates with _(). */
const char *browse_sort_name(enum browse_sort s);

/* Which rows, in which order. */
struct browse_query {
	enum browse_sort sort;
	int state;              /* an enum article_state, or -1 for every state */
};

/* One row of the list (owned strings). */
struct browse_row {
	int64_t id;
	enum article_state state;
	char *published;        /* "" when unknown */
	char *title;
	char *lead;             /* the text's first 120 characters when the
	                           title is empty, else "" */
	char *ext_id;           /* the external id (NULL in a key built by hand) */
	int64_t entities;       /* suggested and accepted */
	int64_t suggested;      /* suggestions left to decide */
	double uncertainty;     /* the sort key of BROWSE_UNSURE */
};

/* Rows in list order.  Embedded: zero-initialise; the functions below
 * replace its contents; browse_page_finish() releases it. */
struct browse_page {
	struct browse_row *v;
	size_t n, cap;
};
void browse_page_clear(struct browse_page *p);
void browse_page_finish(struct browse_page *p);
/* Copy row r into *dst (owned strings; release with browse_row_finish). */
void browse_row_copy(struct browse_row *dst, const struct browse_row *r);
void browse_row_finish(struct browse_row *r);

/* Rows in the list of q, from the tally (no scan). */
int store_browse_count(struct store *st, const struct browse_query *q, int64_t *n);

/* Fill p with at most limit rows: the first ones; the last ones (in list
 * order); key and those after it; those strictly after key; those
 * strictly before key (in list order, the nearest last).  key is a row
 * of the same query (only its id and sort key are used). */
int store_browse_first(struct store *st, const struct browse_query *q, size_t limit,
                       struct browse_page *p);
int store_browse_last(struct store *st, const struct browse_query *q, size_t limit,
                      struct browse_page *p);
int store_browse_from(struct store *st, const struct browse_query *q,
                      const struct browse_row *key, size_t limit, struct browse_page *p);
int store_browse_after(struct store *st, const struct browse_query *q,
                       const struct browse_row *key, size_t limit, struct browse_page *p);
int store_browse_before(struct store *st, const struct browse_query *q,
                        const struct browse_row *key, size_t limit, struct browse_page *p);
/* Fill p with row n (0-based) of the list, or leave it empty when there
 * are fewer rows.  Counts n rows through an index: for :goto. */
int store_browse_nth(struct store *st, const struct browse_query *q, int64_t n,
                     struct browse_page *p);
/* *n = the number of rows before key in the list.  Counts them through
 * an index: use it once per jump, not per keystroke. */
int store_browse_rank(struct store *st, const struct browse_query *q,
                      const struct browse_row *key, int64_t *n);

/* The FTS5 query for what a user typed: each blank-separated word, or
 * "quoted phrase", becomes a quoted FTS5 string (a trailing * makes it a
 * prefix), all of them required.  Returns an owned string, or NULL when
 * there is nothing to search for. */
char *browse_fts_query(const char *user);

/* Fill p with the first row (at most one) that matches the FTS5 query
 * fts, strictly after key in the list (backward: strictly before it), or
 * from the start (backward: the end) when key is NULL. */
int store_browse_search(struct store *st, const struct browse_query *q, const char *fts,
                        const struct browse_row *key, int backward, struct browse_page *p);

/* Where the FTS5 query fts matches the title of article id: *marks
 * (owned, free()) receives *n pairs of byte offsets [start, end) into
 * the title; none when it does not match. */
int store_browse_title_marks(struct store *st, const char *fts, int64_t id,
                             size_t **marks, size_t *n);

#endif
