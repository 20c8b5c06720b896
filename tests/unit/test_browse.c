/*
 * test_browse.c: unit tests of the browser's list queries (keyset paging
 * in every sort order and filter, counts from the tallies, full-text
 * search), on an in-memory database.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_browse.h"
#include "tap.h"
#include "lib/util.h"

#define N 30

/* What the store should hold for article i (1-based). */
static enum article_state state_of(int i)
{
	return i % 3 == 0 ? STATE_DONE : i % 5 == 0 ? STATE_IN_PROGRESS : STATE_NEW;
}
static int suggested_of(int i) { return i % 4; }

static struct store *make_db(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	CHECK(st != NULL);
	for (int i = 1; i <= N; i++) {
		struct article a = { 0 };
		char ext[32], title[64], date[32], sha[32], text[128];
		snprintf(ext, sizeof ext, "a%d", i);
		/* titles repeat, so that ties are broken by id */
		snprintf(title, sizeof title, "%s %d", i == 7 ? "Meeting with Valiyev" : "Report",
		         i % 7);
		/* some dates unknown, some repeated */
		if (i % 6 == 0)
			date[0] = '\0';
		else
			snprintf(date, sizeof date, "2016-01-%02d", (i * 7) % 28 + 1);
		snprintf(sha, sizeof sha, "sha%d", i);
		snprintf(text, sizeof text, "Text of report %d.%s", i,
		         i == 21 ? " Minister Valiyev spoke." : "");
		a.ext_id = ext;
		a.title = title;
		a.published = date;
		a.text = text;
		a.text_len = strlen(text);
		a.sha256 = sha;
		a.state = state_of(i);
		CHECK(store_article_add(st, &a) == 0);
		CHECK_INT(a.id, i);
		/* i % 4 suggestions, one accepted, one rejected */
		for (int k = 0; k < suggested_of(i) + 2; k++) {
			struct entity e = { 0 };
			e.article = a.id;
			e.start = k;
			e.end = k + 1;
			snprintf(e.type, sizeof e.type, "PERSON");
			e.status = k == 0 ? ENT_ACCEPTED : k == 1 ? ENT_REJECTED : ENT_SUGGESTED;
			e.origin = ORIGIN_DETECTOR;
			e.confidence = 0.5;
			snprintf(e.annotator, sizeof e.annotator, "detector");
			CHECK(store_entity_add(st, &e) == 0);
		}
	}
	return st;
}

/* The reference order of rows a and b under sort s (as store_browse.h
 * documents it). */
static int ref_cmp(enum browse_sort s, const struct browse_row *a, const struct browse_row *b)
{
	int c = 0;
	switch (s) {
	case BROWSE_IMPORTED:
		break;
	case BROWSE_DATE:
		c = -strcmp(a->published, b->published);
		break;
	case BROWSE_TITLE:
		c = strcmp(a->title, b->title);
		break;
	case BROWSE_LEFT:
		c = a->suggested > b->suggested ? -1 : a->suggested < b->suggested ? 1 : 0;
		break;
	default:
		break;
	}
	if (c)
		return c;
	if (s == BROWSE_IMPORTED || s == BROWSE_TITLE)
		return a->id < b->id ? -1 : 1;
	return a->id > b->id ? -1 : 1;
}

/* Walk the whole list of q forward and backward in pages of 7 and check
 * order, counts, ranks and nth against each other. */
static void check_walk(struct store *st, const struct browse_query *q)
{
	struct browse_page p = { 0 }, all = { 0 };
	int64_t count = -1;
	CHECK(store_browse_count(st, q, &count) == 0);

	CHECK(store_browse_first(st, q, 7, &p) == 0);
	while (p.n > 0) {
		for (size_t i = 0; i < p.n; i++) {
			all.v = xgrow(all.v, &all.cap, all.n + 1, sizeof *all.v);
			browse_row_copy(&all.v[all.n++], &p.v[i]);
		}
		struct browse_row key;
		browse_row_copy(&key, &p.v[p.n - 1]);
		CHECK(store_browse_after(st, q, &key, 7, &p) == 0);
		browse_row_finish(&key);
	}
	CHECK_INT(all.n, count);
	for (size_t i = 0; i + 1 < all.n; i++) {
		if (ref_cmp(q->sort, &all.v[i], &all.v[i + 1]) >= 0) {
			tap_failures++;
			fprintf(stderr, "sort %d state %d: rows %zu and %zu out of order\n", q->sort,
			        q->state, i, i + 1);
		}
	}
	for (size_t i = 0; i < all.n; i++) {
		const struct browse_row *r = &all.v[i];
		if (q->state >= 0)
			CHECK_INT(r->state, q->state);
		CHECK_INT(r->state, state_of((int)r->id));
		CHECK_INT(r->suggested, suggested_of((int)r->id));
		CHECK_INT(r->entities, suggested_of((int)r->id) + 1);
		int64_t rank = -1;
		CHECK(store_browse_rank(st, q, r, &rank) == 0);
		CHECK_INT(rank, i);
		CHECK(store_browse_nth(st, q, (int64_t)i, &p) == 0);
		CHECK(p.n == 1 && p.v[0].id == r->id);
		CHECK(store_browse_from(st, q, r, 2, &p) == 0);
		CHECK(p.n >= 1 && p.v[0].id == r->id);
	}
	CHECK(store_browse_nth(st, q, (int64_t)all.n, &p) == 0);
	CHECK_INT(p.n, 0);

	/* backward from the end gives the same rows */
	size_t seen = 0;
	CHECK(store_browse_last(st, q, 7, &p) == 0);
	size_t pos = all.n;
	while (p.n > 0) {
		for (size_t i = p.n; i-- > 0;) {
			pos--;
			seen++;
			CHECK(p.v[i].id == all.v[pos].id);
		}
		struct browse_row key;
		browse_row_copy(&key, &p.v[0]);
		CHECK(store_browse_before(st, q, &key, 7, &p) == 0);
		browse_row_finish(&key);
	}
	CHECK_INT(seen, all.n);
	browse_page_finish(&p);
	browse_page_finish(&all);
}

static void test_paging(void)
{
	struct store *st = make_db();
	for (int s = 0; s < BROWSE_NSORTS; s++)
		for (int f = -1; f <= STATE_DONE; f++) {
			struct browse_query q = { (enum browse_sort)s, f };
			check_walk(st, &q);
		}

	struct browse_query q = { BROWSE_IMPORTED, -1 };
	int64_t n;
	CHECK(store_browse_count(st, &q, &n) == 0);
	CHECK_INT(n, N);
	q.state = STATE_DONE;
	CHECK(store_browse_count(st, &q, &n) == 0);
	CHECK_INT(n, 10);
	q.state = STATE_IN_PROGRESS;
	CHECK(store_browse_count(st, &q, &n) == 0);
	CHECK_INT(n, 4);   /* 5, 10, 20, 25 */

	struct browse_page p = { 0 };
	q.state = -1;
	CHECK(store_browse_last(st, &q, 3, &p) == 0);
	CHECK(p.n == 3 && p.v[0].id == 28 && p.v[2].id == 30);
	browse_page_finish(&p);
	CHECK_STR(browse_sort_name(BROWSE_LEFT), "left");
	store_close(&st);
}

static void test_search(void)
{
	struct store *st = make_db();
	struct browse_query q = { BROWSE_IMPORTED, -1 };
	struct browse_page p = { 0 };
	char *fts = browse_fts_query("valiyev");
	CHECK(store_browse_search(st, &q, fts, NULL, 0, &p) == 0);
	CHECK(p.n == 1 && p.v[0].id == 7);           /* the title */
	struct browse_row key;
	browse_row_copy(&key, &p.v[0]);
	CHECK(store_browse_search(st, &q, fts, &key, 0, &p) == 0);
	CHECK(p.n == 1 && p.v[0].id == 21);          /* the text */
	browse_row_finish(&key);
	browse_row_copy(&key, &p.v[0]);
	CHECK(store_browse_search(st, &q, fts, &key, 0, &p) == 0);
	CHECK_INT(p.n, 0);
	CHECK(store_browse_search(st, &q, fts, &key, 1, &p) == 0);
	CHECK(p.n == 1 && p.v[0].id == 7);
	browse_row_finish(&key);
	CHECK(store_browse_search(st, &q, fts, NULL, 1, &p) == 0);
	CHECK(p.n == 1 && p.v[0].id == 21);
	/* with a filter: 21 is done, 7 is new */
	q.state = STATE_DONE;
	CHECK(store_browse_search(st, &q, fts, NULL, 0, &p) == 0);
	CHECK(p.n == 1 && p.v[0].id == 21);
	/* in another order */
	q.state = -1;
	q.sort = BROWSE_TITLE;  /* "Meeting..." (7) before "Report 0" (21) */
	CHECK(store_browse_search(st, &q, fts, NULL, 1, &p) == 0);
	CHECK(p.n == 1 && p.v[0].id == 21);

	size_t *marks, nmarks;
	CHECK(store_browse_title_marks(st, fts, 7, &marks, &nmarks) == 0);
	CHECK_INT(nmarks, 1);
	if (nmarks == 1) {
		CHECK_INT(marks[0], 13);
		CHECK_INT(marks[1], 20);
	}
	free(marks);
	CHECK(store_browse_title_marks(st, fts, 21, &marks, &nmarks) == 0);
	CHECK_INT(nmarks, 0);
	free(marks);
	free(fts);

	fts = browse_fts_query("report* \"of report 2\"");
	q.sort = BROWSE_IMPORTED;
	CHECK(store_browse_search(st, &q, fts, NULL, 0, &p) == 0);
	CHECK(p.n == 1 && p.v[0].id == 2);
	free(fts);
	/* punctuation alone matches nothing, and is no syntax error */
	fts = browse_fts_query("\xE2\x80\x94");
	CHECK(store_browse_search(st, &q, fts, NULL, 0, &p) == 0);
	CHECK_INT(p.n, 0);
	free(fts);
	browse_page_finish(&p);
	store_close(&st);
}

static void test_fts_query(void)
{
	char *s;
	CHECK_STR(s = browse_fts_query("Zakir Hasanov"), "\"Zakir\" \"Hasanov\"");
	free(s);
	CHECK_STR(s = browse_fts_query(" \"Zakir Hasanov\"  x"), "\"Zakir Hasanov\" \"x\"");
	free(s);
	CHECK_STR(s = browse_fts_query("U.S. ab* a\"b"), "\"U.S.\" \"ab\"* \"a\"\"b\"");
	free(s);
	CHECK_STR(s = browse_fts_query("\"open"), "\"open\"");
	free(s);
	CHECK_STR(s = browse_fts_query("\"pre fix\"* OR"), "\"pre fix\"* \"OR\"");
	free(s);
	CHECK(browse_fts_query("") == NULL);
	CHECK(browse_fts_query("  \"\" ") == NULL);
}

static void test_types(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct entity_type *t;
	size_t n;
	CHECK(store_types(st, &t, &n) == 0);
	CHECK_INT(n, 8);
	if (n == 8) {
		CHECK_STR(t[0].name, "PERSON");
		CHECK_INT(t[0].hotkey, 1);
		CHECK_STR(t[0].colour, "cyan");
		CHECK_STR(t[6].name, "TITLE");
		CHECK_STR(t[6].colour, "208");
	}
	free(t);
	store_close(&st);
}

/* The tallies follow edits: an entity's status, an article's state. */
static void test_tallies(void)
{
	struct store *st = make_db();
	struct browse_query q = { BROWSE_IMPORTED, -1 };
	struct browse_page p = { 0 };
	/* article 3: three suggestions, one accepted, one rejected; accept one */
	struct entity_list l = { 0 };
	CHECK(store_entities_of(st, 3, &l) == 0);
	CHECK_INT(l.n, 5);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].status != ENT_SUGGESTED)
			continue;
		struct entity e = l.v[i];
		e.status = ENT_ACCEPTED;
		CHECK(store_edit_update(st, &e) == 0);
		break;
	}
	entity_list_finish(&l);
	CHECK(store_browse_nth(st, &q, 2, &p) == 0);
	CHECK(p.n == 1 && p.v[0].id == 3);
	if (p.n == 1) {
		CHECK_INT(p.v[0].suggested, 2);
		CHECK_INT(p.v[0].entities, 4);
	}
	int64_t n;
	q.state = STATE_DONE;
	CHECK(store_browse_count(st, &q, &n) == 0);
	CHECK_INT(n, 10);
	CHECK(store_edit_set_state(st, 1, STATE_DONE, "tester") == 0);
	CHECK(store_browse_count(st, &q, &n) == 0);
	CHECK_INT(n, 11);
	q.state = STATE_NEW;
	CHECK(store_browse_count(st, &q, &n) == 0);
	CHECK_INT(n, 15);
	browse_page_finish(&p);
	store_close(&st);
}

/* An article without a title is listed by the start of its text. */
static void test_lead(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct article a = { 0 };
	a.ext_id = "x";
	a.title = "";
	a.text = "BAKU, June 2. No title here.";
	a.text_len = strlen(a.text);
	a.sha256 = "s";
	CHECK(store_article_add(st, &a) == 0);
	a.ext_id = "y";
	a.title = "A title";
	a.sha256 = "t";
	a.text = "Another text.";
	a.text_len = strlen(a.text);
	CHECK(store_article_add(st, &a) == 0);
	struct browse_query q = { BROWSE_IMPORTED, -1 };
	struct browse_page p = { 0 };
	CHECK(store_browse_first(st, &q, 10, &p) == 0);
	CHECK_INT(p.n, 2);
	if (p.n == 2) {
		CHECK_STR(p.v[0].lead, "BAKU, June 2. No title here.");
		CHECK_STR(p.v[1].lead, "");
	}
	browse_page_finish(&p);
	store_close(&st);
}

int main(void)
{
	test_tallies();
	test_lead();
	test_paging();
	test_search();
	test_fts_query();
	test_types();
	return tap_status();
}
