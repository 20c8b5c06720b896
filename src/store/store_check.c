/*
 * store_check.c: what `nerve check` looks at (see store.h) — SQLite's own
 * integrity check, every article's text against its sha256, its entities
 * inside it and on grapheme cluster boundaries, the tallies the triggers
 * keep, and the full-text index.
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

#include "store_impl.h"
#include "text/text.h"
#include "lib/sha256.h"
#include "lib/util.h"

/* Report one problem (printf-style, escaped as every message is). */
static void problem(struct store_check *c, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void problem(struct store_check *c, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	msg_vformat(&msg, fmt, ap);
	va_end(ap);
	c->problems++;
	if (c->report)
		c->report(c->arg, msg.data);
	buf_free(&msg);
}

static int integrity(struct store *st, struct store_check *c)
{
	sqlite3_stmt *s = store_stmt(st, "PRAGMA integrity_check(100)");
	if (!s)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);
		if (line && strcmp(line, "ok") != 0)
			problem(c, _("SQLite: %s"), line);
	}
	sqlite3_reset(s);
	/* a damaged database may fail the check itself: that is a finding too */
	if (rc != SQLITE_DONE)
		problem(c, _("SQLite: the integrity check stopped: %s"), sqlite3_errmsg(st->db));
	return 0;
}

/* The entities of one article: inside its text, not empty, on grapheme
 * cluster boundaries (DESIGN.md section 3), walked in start order. */
static void spans(struct store *st, struct store_check *c, int64_t id, const char *ext_id,
                  const char *text, size_t len)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT id, start, \"end\" FROM entity WHERE article = ?1 ORDER BY start, \"end\"");
	if (!s)
		return;
	sqlite3_bind_int64(s, 1, id);
	size_t at = 0;              /* byte offset of code point cp */
	int64_t cp = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t e = sqlite3_column_int64(s, 0);
		int64_t start = sqlite3_column_int64(s, 1), end = sqlite3_column_int64(s, 2);
		while (cp < start && at < len) {
			at = text_cp_to_byte(text + at, len - at, 1) + at;
			cp++;
		}
		size_t b0 = at, b1 = at;
		int64_t k = cp;
		while (k < end && b1 < len) {
			b1 = text_cp_to_byte(text + b1, len - b1, 1) + b1;
			k++;
		}
		if (start < 0 || end <= start || cp != start || k != end)
			problem(c, _("article %s (%lld): entity %lld (%lld-%lld) is empty or outside the "
			             "text"), ext_id, (long long)id, (long long)e, (long long)start,
			        (long long)end);
		else if (!text_is_grapheme_boundary(text, len, b0) ||
		         !text_is_grapheme_boundary(text, len, b1))
			problem(c, _("article %s (%lld): entity %lld (%lld-%lld) splits a character "
			             "(grapheme cluster)"), ext_id, (long long)id, (long long)e,
			        (long long)start, (long long)end);
	}
	sqlite3_reset(s);
}

static int checksums(struct store *st, struct store_check *c)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, ext_id, text, sha256 FROM article ORDER BY id");
	if (!s)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 2);
		size_t len = (size_t)sqlite3_column_bytes(s, 2);
		const char *sha = (const char *)sqlite3_column_text(s, 3);
		char hex[65];
		sha256_hex(text ? text : "", len, hex);
		c->articles++;
		const char *ext_id = (const char *)sqlite3_column_text(s, 1);
		int64_t id = sqlite3_column_int64(s, 0);
		if (!sha || strcmp(hex, sha) != 0)
			problem(c, _("article %s (%lld): its text does not match its checksum"), ext_id,
			        (long long)id);
		else
			spans(st, c, id, ext_id, text ? text : "", len);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		problem(c, _("reading the articles stopped: %s"), sqlite3_errmsg(st->db));
	return 0;
}

static int tallies(struct store *st, struct store_check *c)
{
	sqlite3_stmt *s = store_stmt(st,
		"SELECT t.state, t.n, (SELECT count(*) FROM article a WHERE a.state = t.state) "
		"FROM article_tally t ORDER BY t.state");
	if (!s)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int64(s, 1) != sqlite3_column_int64(s, 2))
			problem(c, _("the count of articles %s is %lld, but %lld are"),
			        (const char *)sqlite3_column_text(s, 0),
			        (long long)sqlite3_column_int64(s, 1), (long long)sqlite3_column_int64(s, 2));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		problem(c, _("reading the tallies stopped: %s"), sqlite3_errmsg(st->db));
	s = store_stmt(st,
		"SELECT a.id, a.ext_id, a.n_entities, a.n_suggested, "
		"  (SELECT count(*) FROM entity e WHERE e.article = a.id AND e.status <> 'rejected'), "
		"  (SELECT count(*) FROM entity e WHERE e.article = a.id AND e.status = 'suggested') "
		"FROM article a ORDER BY a.id");
	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->entities += sqlite3_column_int64(s, 4);
		if (sqlite3_column_int64(s, 2) != sqlite3_column_int64(s, 4) ||
		    sqlite3_column_int64(s, 3) != sqlite3_column_int64(s, 5))
			problem(c, _("article %s (%lld): its counts say %lld entities and %lld suggestions, "
			             "it has %lld and %lld"),
			        (const char *)sqlite3_column_text(s, 1), (long long)sqlite3_column_int64(s, 0),
			        (long long)sqlite3_column_int64(s, 2), (long long)sqlite3_column_int64(s, 3),
			        (long long)sqlite3_column_int64(s, 4), (long long)sqlite3_column_int64(s, 5));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		problem(c, _("reading the entity counts stopped: %s"), sqlite3_errmsg(st->db));
	return 0;
}

/* FTS5's own check compares the index with the table; it is written as
 * an INSERT, so a read-only database cannot run it (said, not a
 * problem). */
static int fulltext(struct store *st, struct store_check *c)
{
	int rc = sqlite3_exec(st->db,
		"INSERT INTO article_fts(article_fts) VALUES ('integrity-check')", NULL, NULL, NULL);
	int code = rc & 0xff;
	if (rc == SQLITE_OK)
		return 0;
	if (code == SQLITE_READONLY || code == SQLITE_BUSY) {
		c->fts_skipped = 1;
		return 0;
	}
	problem(c, _("the full-text index does not match the articles: %s"), sqlite3_errmsg(st->db));
	return 0;
}

int store_check(struct store *st, struct store_check *c)
{
	c->problems = 0;
	c->articles = c->entities = 0;
	c->fts_skipped = 0;
	if (integrity(st, c) < 0 || checksums(st, c) < 0 || tallies(st, c) < 0 ||
	    fulltext(st, c) < 0)
		return -1;
	return 0;
}
