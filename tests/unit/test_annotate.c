/*
 * test_annotate.c: unit tests of the editing core (annotate.c) and its
 * SQL (store_edit.c), on in-memory and file databases.  After every
 * scenario the journal is replayed against the tables (store_edit_check).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "edit/annotate.h"
#include "store/store.h"
#include "tap.h"
#include "text/text.h"
#include "lib/util.h"

/* ---- helpers ---------------------------------------------------------- */

static int64_t add_article(struct store *st, const char *text)
{
	static int serial;
	char ext[32], sha[32];
	snprintf(ext, sizeof ext, "a%d", ++serial);
	snprintf(sha, sizeof sha, "sha%d-%d", serial, (int)getpid());
	struct article a = { 0 };
	a.ext_id = ext;
	a.title = "A title";
	a.text = (char *)text;
	a.text_len = strlen(text);
	a.sha256 = sha;
	if (store_article_add(st, &a) != 0) {
		fprintf(stderr, "add_article: %s\n", err_msg());
		return 0;
	}
	return a.id;
}

/* Code point offset of the nth (0-based) occurrence of needle in text. */
static int64_t cp_of(const char *text, const char *needle, int nth)
{
	const char *p = text;
	for (;;) {
		p = strstr(p, needle);
		if (!p)
			return -1;
		if (nth-- == 0)
			return (int64_t)text_cp_len(text, (size_t)(p - text));
		p++;
	}
}

static int64_t cp_len(const char *s)
{
	return (int64_t)text_cp_len(s, strlen(s));
}

/* A detector suggestion over the nth occurrence of needle. */
static int64_t suggest(struct store *st, int64_t art, const char *text, const char *needle,
                       int nth, const char *type)
{
	struct entity e = { 0 };
	e.article = art;
	e.start = cp_of(text, needle, nth);
	e.end = e.start + cp_len(needle);
	snprintf(e.type, sizeof e.type, "%s", type);
	e.status = ENT_SUGGESTED;
	e.origin = ORIGIN_DETECTOR;
	e.confidence = 0.123456789012345678;
	snprintf(e.annotator, sizeof e.annotator, "detector");
	if (store_entity_add(st, &e) != 0) {
		fprintf(stderr, "suggest: %s\n", err_msg());
		return 0;
	}
	return e.id;
}

static struct entity get(struct store *st, int64_t id)
{
	struct entity e;
	memset(&e, 0, sizeof e);
	if (store_edit_get(st, id, &e) != 0)
		e.id = 0;
	return e;
}

static int exists(struct store *st, int64_t id)
{
	struct entity e;
	return store_edit_get(st, id, &e) == 0;
}

static char *text_of(struct store *st, int64_t id)
{
	struct entity e = get(st, id);
	return store_edit_span_text(st, e.article, e.start, e.end);
}

static enum article_state state_of(struct store *st, int64_t art)
{
	enum article_state s = STATE_NEW;
	store_edit_state(st, art, &s);
	return s;
}

static int count_entities(struct store *st, int64_t art, int status)
{
	struct entity_list l = { 0 };
	store_entities_of(st, art, &l);
	int n = 0;
	for (size_t i = 0; i < l.n; i++)
		n += status < 0 || (int)l.v[i].status == status;
	entity_list_finish(&l);
	return n;
}

static int64_t journal_rows(struct store *st)
{
	/* the next group number is one more than the largest row id */
	return store_journal_group(st) - 1;
}

#define CHECK_JOURNAL(st) do { \
	int rc_ = store_edit_check(st); \
	if (rc_ != 0) \
		fprintf(stderr, "journal check: %s\n", err_msg()); \
	CHECK(rc_ == 0); \
} while (0)

#define CHECK_ERR(call, text) do { \
	CHECK((call) == -1); \
	if (!strstr(err_msg(), text)) \
		fprintf(stderr, "message '%s' lacks '%s'\n", err_msg(), text); \
	CHECK(strstr(err_msg(), text) != NULL); \
} while (0)

static const char *report_text =
	"Colonel General Zakir Hasanov met officials in Baku on Monday. "
	"Hasanov said Baku would host the talks.";

/* ---- accept, reject, type --------------------------------------------- */

static void test_decisions(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	const char *t = report_text;
	int64_t art = add_article(st, t);
	int64_t zh = suggest(st, art, t, "Zakir Hasanov", 0, "PERSON");
	int64_t baku = suggest(st, art, t, "Baku", 0, "LOC");
	int64_t mon = suggest(st, art, t, "Monday", 0, "DATE");
	CHECK(state_of(st, art) == STATE_NEW);
	CHECK_JOURNAL(st);

	CHECK_INT(annot_accept(&a, zh, &r), 0);
	CHECK_STR(r.msg, "accept PERSON 'Zakir Hasanov'");
	CHECK_INT(r.changed, 1);
	CHECK_INT(r.article, art);
	CHECK_INT(r.entity, zh);
	struct entity e = get(st, zh);
	CHECK(e.status == ENT_ACCEPTED);
	CHECK(e.origin == ORIGIN_DETECTOR);
	CHECK_STR(e.annotator, "alice");
	CHECK(e.confidence > 0.12 && e.confidence < 0.13);
	CHECK(state_of(st, art) == STATE_IN_PROGRESS);

	/* one group: the accept, the link it made, and the state change,
	 * all by alice */
	int64_t grp;
	struct journal_list l = { 0 };
	CHECK_INT(store_edit_undo_target(st, "alice", &grp), 0);
	CHECK_INT(store_edit_group(st, "alice", grp, &l), 0);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_STR(l.v[0].action, "accept");
		CHECK_INT(l.v[0].entity, zh);
		CHECK(l.v[0].before && strstr(l.v[0].before, "\"suggested\""));
		CHECK(l.v[0].after && strstr(l.v[0].after, "\"accepted\""));
		CHECK_STR(l.v[1].action, "link");
		CHECK_INT(l.v[1].entity, zh);
		CHECK(l.v[1].after && !strstr(l.v[1].after, "\"referent\":null"));
		CHECK_STR(l.v[2].action, "state");
		CHECK_INT(l.v[2].entity, 0);
		CHECK(strstr(l.v[2].after, "in_progress") != NULL);
		CHECK_STR(l.v[2].annotator, "alice");
	}
	journal_list_finish(&l);

	int64_t rows = journal_rows(st);
	CHECK_INT(annot_accept(&a, zh, &r), 0);
	CHECK_INT(r.changed, 0);
	CHECK_STR(r.msg, "already accepted");
	CHECK_INT(journal_rows(st), rows);

	CHECK_INT(annot_reject(&a, baku, &r), 0);
	CHECK_STR(r.msg, "reject LOC 'Baku'");
	e = get(st, baku);
	CHECK(e.status == ENT_REJECTED);
	CHECK_INT(e.start, cp_of(t, "Baku", 0));     /* the span stays */
	CHECK_STR(e.type, "LOC");
	CHECK_INT(annot_reject(&a, baku, &r), 0);
	CHECK_STR(r.msg, "already rejected");

	CHECK_INT(annot_set_type(&a, mon, "ORG", &r), 0);
	CHECK_STR(r.msg, "set type ORG 'Monday'");
	e = get(st, mon);
	CHECK(e.status == ENT_ACCEPTED);
	CHECK_STR(e.type, "ORG");
	CHECK_INT(annot_set_type(&a, mon, "ORG", &r), 0);
	CHECK_STR(r.msg, "already ORG");
	/* accepting a rejected entity brings it back */
	CHECK_INT(annot_set_type(&a, baku, "LOC", &r), 0);
	CHECK_STR(r.msg, "accept LOC 'Baku'");
	CHECK(get(st, baku).status == ENT_ACCEPTED);

	rows = journal_rows(st);
	CHECK_ERR(annot_set_type(&a, mon, "NO_SUCH", &r), "no entity type 'NO_SUCH'");
	CHECK_ERR(annot_accept(&a, 9999, &r), "no longer exists");
	CHECK_INT(journal_rows(st), rows);
	CHECK_STR(get(st, mon).type, "ORG");

	char name[64];
	CHECK_INT(annot_type_of_key(&a, 1, name), 0);
	CHECK_STR(name, "PERSON");
	CHECK_INT(annot_type_of_key(&a, 7, name), 0);
	CHECK_STR(name, "TITLE");
	CHECK_ERR(annot_type_of_key(&a, 9, name), "no entity type has the key 9");
	CHECK_ERR(annot_type_of_key(&a, 0, name), "key 0");

	/* the status line shows a long or multi-line text cut short */
	const char *lt = "Line one\nline two and then a very long name that goes on and on "
	                 "past forty characters";
	int64_t lart = add_article(st, lt);
	int64_t two = suggest(st, lart, lt, "one\nline", 0, "MISC");
	CHECK_INT(annot_accept(&a, two, &r), 0);
	CHECK_STR(r.msg, "accept MISC 'one line'");
	CHECK_INT(annot_resize(&a, two, 5, cp_len(lt), &r), 0);
	CHECK_STR(r.msg, "resize MISC 'one line two and then a very long name t\xE2\x80\xA6'");

	/* a done article stays done when decided in */
	CHECK_INT(annot_done(&a, art, &r), 0);
	CHECK_INT(annot_reject(&a, zh, &r), 0);
	CHECK(state_of(st, art) == STATE_DONE);
	CHECK_JOURNAL(st);

	/* an empty annotator name */
	struct annot b;
	annot_init(&b, st, "");
	CHECK_STR(b.annotator, "analyst");
	annot_init(&b, st, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
	                   "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
	                   "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
	                   "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9x");
	CHECK_INT(strlen(b.annotator), 62);    /* cut at a character */
	store_close(&st);
}

/* ---- resizing ---------------------------------------------------------- */

static void test_resize(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	/* entities touching each other, at both ends of the text */
	const char *t = "Baku,Azerbaijan and Ganja";
	int64_t art = add_article(st, t);
	int64_t baku = suggest(st, art, t, "Baku", 0, "LOC");
	int64_t az = suggest(st, art, t, "Azerbaijan", 0, "LOC");
	int64_t ganja = suggest(st, art, t, "Ganja", 0, "LOC");
	int64_t len = cp_len(t);

	int64_t rows = journal_rows(st);
	CHECK_ERR(annot_resize(&a, baku, -1, 4, &r), "start before the text");
	CHECK_ERR(annot_resize(&a, ganja, cp_of(t, "Ganja", 0), len + 1, &r), "past the text");
	CHECK_ERR(annot_resize(&a, baku, 2, 2, &r), "empty");
	CHECK_ERR(annot_resize(&a, baku, 3, 1, &r), "empty");
	CHECK_INT(journal_rows(st), rows);
	CHECK(get(st, baku).status == ENT_SUGGESTED);
	/* over a neighbour: it is absorbed (rejected), one undo step */
	CHECK_INT(annot_resize(&a, baku, 0, 6, &r), 0);
	CHECK_STR(r.msg, "resize LOC 'Baku,A' (replacing 1)");
	CHECK(get(st, az).status == ENT_REJECTED);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK(get(st, az).status == ENT_SUGGESTED);
	CHECK(get(st, baku).status == ENT_SUGGESTED);
	CHECK_INT(get(st, baku).end, 4);

	/* touching is fine: Baku grows to the comma, which touches Azerbaijan */
	CHECK_INT(annot_resize(&a, baku, 0, 5, &r), 0);
	CHECK_STR(r.msg, "resize LOC 'Baku,'");
	struct entity e = get(st, baku);
	CHECK_INT(e.start, 0);
	CHECK_INT(e.end, 5);
	CHECK(e.status == ENT_ACCEPTED);
	CHECK_STR(e.annotator, "alice");
	CHECK_INT(annot_resize(&a, baku, 0, 5, &r), 0);
	CHECK_INT(r.changed, 0);
	CHECK_STR(r.msg, "the span is unchanged");
	/* the end of the text */
	CHECK_INT(annot_resize(&a, ganja, cp_of(t, "and", 0), len, &r), 0);
	CHECK_STR(r.msg, "resize LOC 'and Ganja'");
	/* a rejected entity does not stand in the way */
	CHECK_INT(annot_reject(&a, az, &r), 0);
	CHECK_INT(annot_resize(&a, baku, 0, 8, &r), 0);
	CHECK_INT(get(st, baku).end, 8);
	CHECK_JOURNAL(st);

	/* grapheme clusters: a flag (two code points), q with a combining dot,
	 * wide and astral characters */
	const char *u = "\xF0\x9F\x87\xA6\xF0\x9F\x87\xBF q\xCC\x87x \xE6\x9D\xB1\xE4\xBA\xAC "
	                "\xF0\x9D\x90\x80\xF0\x9D\x90\x81 end";
	int64_t art2 = add_article(st, u);
	int64_t flag = suggest(st, art2, u, "\xF0\x9F\x87\xA6\xF0\x9F\x87\xBF", 0, "LOC");
	int64_t q = suggest(st, art2, u, "q\xCC\x87x", 0, "MISC");
	int64_t tokyo = suggest(st, art2, u, "\xE6\x9D\xB1\xE4\xBA\xAC", 0, "LOC");
	int64_t bold = suggest(st, art2, u, "\xF0\x9D\x90\x80\xF0\x9D\x90\x81", 0, "MISC");
	CHECK_INT(get(st, flag).end, 2);
	CHECK_ERR(annot_resize(&a, flag, 0, 1, &r), "split a character at offset 1");
	CHECK_ERR(annot_resize(&a, flag, 1, 2, &r), "split a character at offset 1");
	int64_t qs = cp_of(u, "q", 0);
	CHECK_ERR(annot_resize(&a, q, qs, qs + 1, &r), "split a character");
	CHECK_ERR(annot_resize(&a, q, qs + 1, qs + 3, &r), "split a character");
	CHECK_INT(annot_resize(&a, q, qs, qs + 2, &r), 0);
	char *s = text_of(st, q);
	CHECK_STR(s, "q\xCC\x87");
	free(s);
	/* wide characters inside a span: offsets count code points */
	CHECK_INT(get(st, tokyo).end - get(st, tokyo).start, 2);
	CHECK_INT(annot_resize(&a, tokyo, get(st, tokyo).start, get(st, tokyo).start + 1, &r), 0);
	CHECK_STR(r.msg, "resize LOC '\xE6\x9D\xB1'");
	int64_t bs = get(st, bold).start;
	CHECK_INT(annot_resize(&a, bold, bs, bs + 1, &r), 0);
	s = text_of(st, bold);
	CHECK_STR(s, "\xF0\x9D\x90\x80");
	free(s);
	CHECK_INT(annot_resize(&a, bold, bs, cp_len(u), &r), 0);
	s = text_of(st, bold);
	CHECK_STR(s, "\xF0\x9D\x90\x80\xF0\x9D\x90\x81 end");
	free(s);
	CHECK_JOURNAL(st);
	store_close(&st);
}

/* Edges never fall on punctuation, except after the period of an
 * initial or a dotted abbreviation. */
/* An entity whose span or type the analyst changed keeps the
 * detector's first; accepting keeps none; undo takes the record back. */
static void test_original(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	const char *t = "Mayor Ann Smith opened the Riverside bridge.";
	int64_t art = add_article(st, t);
	int64_t smith = suggest(st, art, t, "Smith", 0, "PERSON");
	int64_t river = suggest(st, art, t, "Riverside", 0, "LOC");
	int64_t start = cp_of(t, "Smith", 0);

	CHECK_INT(annot_accept(&a, river, &r), 0);
	CHECK_STR(get(st, river).original_type, "");
	/* a resize, then a retype: the detector's span and type stay */
	CHECK_INT(annot_resize(&a, smith, cp_of(t, "Ann", 0), start + 5, &r), 0);
	struct entity e = get(st, smith);
	CHECK_INT(e.original_start, start);
	CHECK_INT(e.original_end, start + 5);
	CHECK_STR(e.original_type, "PERSON");
	CHECK_INT(annot_set_type(&a, smith, "ORG", &r), 0);
	e = get(st, smith);
	CHECK_STR(e.type, "ORG");
	CHECK_INT(e.original_start, start);
	CHECK_STR(e.original_type, "PERSON");
	/* the journal's snapshots carry it: undo and redo restore it */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_INT(annot_undo(&a, &r), 0);
	e = get(st, smith);
	CHECK_INT(e.start, start);
	CHECK_STR(e.original_type, "");
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(get(st, smith).original_type, "PERSON");
	CHECK_JOURNAL(st);
	store_close(&st);
}

static void test_edges(void)
{
	const char *t = "Col. Z. Hasanov (U.S.) met \"Aliyev\"; then, Baku-Tbilisi.";
	size_t n = strlen(t);
	size_t z = strchr(t, 'Z') - t, us = strstr(t, "U.S.") - t;
	CHECK(annot_edge_ok(t, n, z, 0));
	CHECK(annot_edge_ok(t, n, z + 2, 1));          /* "Z." */
	CHECK(!annot_edge_ok(t, n, z + 1, 0));         /* ". Hasanov" */
	CHECK(annot_edge_ok(t, n, us + 4, 1));         /* "U.S." */
	CHECK(annot_edge_ok(t, n, us + 3, 1));         /* "U.S" */
	CHECK(!annot_edge_ok(t, n, us - 1, 0));        /* "(U.S." */
	CHECK(!annot_edge_ok(t, n, us + 5, 1));        /* "U.S.)" */
	CHECK(!annot_edge_ok(t, n, 4, 1));             /* "Col." is no initial */
	size_t q = strchr(t, '"') - t;
	CHECK(!annot_edge_ok(t, n, q, 0));
	CHECK(annot_edge_ok(t, n, q + 1, 0));
	CHECK(!annot_edge_ok(t, n, q + 8, 1));         /* after the closing quote */
	size_t c = strchr(t, ',') - t, d = strchr(t, '-') - t;
	CHECK(!annot_edge_ok(t, n, c + 1, 1));
	CHECK(!annot_edge_ok(t, n, d + 1, 1));
	CHECK(!annot_edge_ok(t, n, d, 0));
	CHECK(annot_edge_ok(t, n, d + 1, 0));          /* "Tbilisi" */
	CHECK(!annot_edge_ok(t, n, n, 1));             /* after the last period */
	CHECK(!annot_edge_ok(t, n, n, 0));

	/* [ on "Hasanov" in "Z. Hasanov" takes the initial with its period */
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	int64_t art = add_article(st, t);
	int64_t h = suggest(st, art, t, "Hasanov", 0, "PERSON");
	CHECK_INT(annot_nudge(&a, h, ANNOT_START_LEFT, NULL, NULL, &r), 0);
	CHECK_STR(r.msg, "resize PERSON 'Z. Hasanov'");
	CHECK_INT(annot_nudge(&a, h, ANNOT_START_LEFT, NULL, NULL, &r), 0);
	CHECK_STR(r.msg, "resize PERSON 'Col. Z. Hasanov'");
	CHECK_INT(annot_nudge(&a, h, ANNOT_START_RIGHT, NULL, NULL, &r), 0);
	CHECK_STR(r.msg, "resize PERSON 'Z. Hasanov'");
	store_close(&st);
}

/* & : one decision in every article not done, one undo step; a dry run
 * counts without writing. */
static void test_propagate_corpus(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	const char *t1 = "Baku is far from Ganja.";
	const char *t2 = "In Baku-Tbilisi talks, Baku's mayor spoke; Bakunin did not.";
	const char *t3 = "Baku again, in a done article.";
	int64_t a1 = add_article(st, t1), a2 = add_article(st, t2), a3 = add_article(st, t3);
	int64_t b1 = suggest(st, a1, t1, "Baku", 0, "LOC");
	int64_t b2 = suggest(st, a2, t2, "Baku", 1, "ORG"); /* the possessive */
	int64_t done = suggest(st, a3, t3, "Baku", 0, "LOC");
	CHECK_INT(annot_done(&a, a3, &r), 0);
	int64_t rows = journal_rows(st);

	CHECK_INT(annot_propagate_corpus(&a, b1, 1, &r), 0);
	CHECK_INT(r.changed, 3); /* b1 accepted, the compound's Baku created, b2 retyped */
	CHECK_INT(journal_rows(st), rows);
	CHECK(get(st, b1).status == ENT_SUGGESTED);

	CHECK_INT(annot_propagate_corpus(&a, b1, 0, &r), 0);
	CHECK_STR(r.msg, "accept LOC 'Baku' in every article not done: 3 changed in 2 articles");
	CHECK(get(st, b1).status == ENT_ACCEPTED);
	CHECK(get(st, b2).status == ENT_ACCEPTED);
	CHECK_STR(get(st, b2).type, "LOC");
	CHECK(get(st, done).status == ENT_SUGGESTED); /* a done article is left alone */
	enum article_state s2;
	CHECK_INT(store_edit_state(st, a2, &s2), 0);
	CHECK(s2 == STATE_IN_PROGRESS);
	struct entity_list l = { 0 };
	CHECK_INT(store_entities_of(st, a2, &l), 0);
	CHECK_INT((int)l.n, 2); /* "Bakunin" is not "Baku" */
	entity_list_finish(&l);

	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK(get(st, b1).status == ENT_SUGGESTED);
	CHECK(get(st, b2).status == ENT_SUGGESTED);
	CHECK_STR(get(st, b2).type, "ORG");
	CHECK_INT(store_entities_of(st, a2, &l), 0);
	CHECK_INT((int)l.n, 1);
	entity_list_finish(&l);
	CHECK_JOURNAL(st);
	store_close(&st);
}

static void test_nudge(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	const char *t = "Colonel General Zakir Hasanov, the minister.";
	int64_t art = add_article(st, t);
	int64_t zh = suggest(st, art, t, "Zakir Hasanov", 0, "PERSON");
	int64_t zs = cp_of(t, "Zakir", 0), ze = zs + cp_len("Zakir Hasanov");

	CHECK_INT(annot_nudge(&a, zh, ANNOT_START_LEFT, NULL, NULL, &r), 0);
	CHECK_INT(get(st, zh).start, cp_of(t, "General", 0));
	CHECK_STR(r.msg, "resize PERSON 'General Zakir Hasanov'");
	CHECK_INT(annot_nudge(&a, zh, ANNOT_START_LEFT, NULL, NULL, &r), 0);
	CHECK_INT(get(st, zh).start, 0);
	CHECK_ERR(annot_nudge(&a, zh, ANNOT_START_LEFT, NULL, NULL, &r), "no word before");
	CHECK_INT(annot_nudge(&a, zh, ANNOT_START_RIGHT, NULL, NULL, &r), 0);
	CHECK_INT(annot_nudge(&a, zh, ANNOT_START_RIGHT, NULL, NULL, &r), 0);
	CHECK_INT(get(st, zh).start, zs);
	/* an edge never stops at the comma: the end goes on to the next word */
	CHECK_INT(annot_nudge(&a, zh, ANNOT_END_RIGHT, NULL, NULL, &r), 0);
	CHECK_INT(get(st, zh).end, cp_of(t, "the", 0) + 3);
	CHECK_INT(annot_nudge(&a, zh, ANNOT_END_LEFT, NULL, NULL, &r), 0);
	CHECK_INT(get(st, zh).end, ze);
	CHECK_INT(annot_nudge(&a, zh, ANNOT_END_LEFT, NULL, NULL, &r), 0);
	CHECK_INT(get(st, zh).end, zs + 5);
	CHECK_ERR(annot_nudge(&a, zh, ANNOT_END_LEFT, NULL, NULL, &r), "empty");
	CHECK_ERR(annot_nudge(&a, zh, ANNOT_START_RIGHT, NULL, NULL, &r), "empty");
	for (int i = 0; i < 3; i++)
		CHECK_INT(annot_nudge(&a, zh, ANNOT_END_RIGHT, NULL, NULL, &r), 0);
	/* nor after the sentence's period */
	CHECK_INT(get(st, zh).end, cp_len(t) - 1);
	CHECK_ERR(annot_nudge(&a, zh, ANNOT_END_RIGHT, NULL, NULL, &r), "no word after");

	/* over another entity: the move absorbs it (rejected, one group) */
	int64_t min = suggest(st, art, t, "Colonel", 0, "TITLE");
	CHECK(min > 0);
	CHECK_INT(annot_resize(&a, zh, zs, ze, &r), 0);
	CHECK_INT(annot_nudge(&a, zh, ANNOT_START_LEFT, NULL, NULL, &r), 0);
	int64_t rows = journal_rows(st);
	CHECK_INT(annot_nudge(&a, zh, ANNOT_START_LEFT, NULL, NULL, &r), 0);
	CHECK_STR(r.msg, "resize PERSON 'Colonel General Zakir Hasanov' (replacing 1)");
	CHECK(get(st, min).status == ENT_REJECTED);
	/* the resize continues the resizes before it: its rows, and the
	 * absorbed entity's, go into the same group */
	CHECK(journal_rows(st) > rows);
	CHECK_JOURNAL(st);
	/* so one undo takes back the whole run of resizes */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_INT(get(st, zh).start, zs);
	CHECK_INT(get(st, zh).end, ze);
	CHECK(get(st, min).status == ENT_SUGGESTED);
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_INT(get(st, zh).start, 0);
	CHECK(get(st, min).status == ENT_REJECTED);
	/* another decision in between ends the run */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_INT(annot_nudge(&a, zh, ANNOT_END_LEFT, NULL, NULL, &r), 0);
	CHECK_INT(annot_accept(&a, min, &r), 0);
	CHECK_INT(annot_nudge(&a, zh, ANNOT_END_RIGHT, NULL, NULL, &r), 0);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_INT(get(st, zh).end, zs + 5); /* only the last resize went */
	CHECK_JOURNAL(st);
	store_close(&st);
}

/* ---- creating ---------------------------------------------------------- */

static void test_create(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	const char *t = report_text;
	int64_t art = add_article(st, t);
	int64_t col = suggest(st, art, t, "Colonel", 0, "TITLE");
	int64_t gen = suggest(st, art, t, "General Zakir", 0, "ORG");
	int64_t baku = suggest(st, art, t, "Baku", 0, "LOC");
	int64_t rej = suggest(st, art, t, "Monday", 0, "DATE");
	CHECK_INT(annot_reject(&a, rej, &r), 0);

	/* a new entity where there was none: at the end of the text */
	int64_t len = cp_len(t);
	CHECK_INT(annot_create(&a, art, len - 6, len, "MISC", &r), 0);
	CHECK_STR(r.msg, "create MISC 'talks.'");
	struct entity e = get(st, r.entity);
	CHECK(e.origin == ORIGIN_ANALYST);
	CHECK(e.status == ENT_ACCEPTED);
	CHECK_STR(e.annotator, "alice");
	int64_t talks = e.id;

	/* replacing two overlapping suggestions: kept as rejected */
	int64_t rows = journal_rows(st);
	int64_t cs = cp_of(t, "Colonel", 0), ze = cp_of(t, "Hasanov", 0) + 7;
	CHECK_INT(annot_create(&a, art, cs, ze, "PERSON", &r), 0);
	CHECK_STR(r.msg, "create PERSON 'Colonel General Zakir Hasanov' (replacing 2)");
	CHECK_INT(r.changed, 3);
	int64_t made = r.entity;
	CHECK(get(st, col).status == ENT_REJECTED);
	CHECK(get(st, gen).status == ENT_REJECTED);
	CHECK_STR(get(st, col).annotator, "alice");
	CHECK_INT(journal_rows(st), rows + 4);   /* and the new entity's link */
	CHECK_JOURNAL(st);

	/* undo it: the suggestions come back exactly, the new entity goes */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: create PERSON 'Colonel General Zakir Hasanov' (replacing 2)");
	CHECK_INT(r.article, art);
	CHECK(!exists(st, made));
	e = get(st, col);
	CHECK(e.status == ENT_SUGGESTED);
	CHECK_STR(e.annotator, "detector");
	CHECK(e.confidence > 0.12 && e.confidence < 0.13);
	CHECK(get(st, gen).status == ENT_SUGGESTED);
	CHECK_JOURNAL(st);
	/* and redo it, with the same entity id */
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "redid: create PERSON 'Colonel General Zakir Hasanov' (replacing 2)");
	CHECK_INT(r.entity, made);
	CHECK(exists(st, made));
	CHECK(get(st, col).status == ENT_REJECTED);
	CHECK_JOURNAL(st);

	/* exactly the span of a suggestion: that one is labelled */
	int64_t n = count_entities(st, art, -1);
	CHECK_INT(annot_create(&a, art, get(st, baku).start, get(st, baku).end, "ORG", &r), 0);
	CHECK_INT(r.entity, baku);
	CHECK_STR(get(st, baku).type, "ORG");
	CHECK(get(st, baku).status == ENT_ACCEPTED);
	CHECK_INT(count_entities(st, art, -1), n);
	CHECK_INT(annot_create(&a, art, get(st, baku).start, get(st, baku).end, "ORG", &r), 0);
	CHECK_INT(r.changed, 0);
	CHECK_STR(r.msg, "already ORG");
	/* exactly the span of a rejected one: it comes back */
	CHECK_INT(annot_create(&a, art, get(st, rej).start, get(st, rej).end, "DATE", &r), 0);
	CHECK_INT(r.entity, rej);
	CHECK(get(st, rej).status == ENT_ACCEPTED);
	CHECK_INT(count_entities(st, art, -1), n);

	/* refusals */
	rows = journal_rows(st);
	CHECK_ERR(annot_create(&a, art, len - 2, len + 1, "MISC", &r), "past the text");
	CHECK_ERR(annot_create(&a, art, 0, 3, "NOPE", &r), "no entity type");
	CHECK_ERR(annot_create(&a, 999, 0, 3, "MISC", &r), "no article 999");
	CHECK_ERR(annot_create(&a, art, 5, 5, "MISC", &r), "empty");
	CHECK_INT(journal_rows(st), rows);

	/* at the start of the text, over a part of the analyst's own entity */
	CHECK_INT(annot_create(&a, art, 0, 3, "MISC", &r), 0);
	CHECK(get(st, made).status == ENT_REJECTED);
	CHECK(get(st, talks).status == ENT_ACCEPTED);
	CHECK_JOURNAL(st);
	store_close(&st);
}

/* ---- propagating ------------------------------------------------------- */

/* A predicate that cuts tokens at white space only. */
static int space_boundary(const char *text, size_t len, size_t b, void *arg)
{
	int *calls = arg;
	(*calls)++;
	if (b == 0 || b >= len)
		return 1;
	return text[b] == ' ' || text[b - 1] == ' ';
}

static void test_propagate(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	const char *t = "Baku is big. In Baku, Bakuvians and BAKU meet. Baku Airport, "
	                "Baku. Baku! Baku";
	int64_t art = add_article(st, t);
	int64_t b0 = suggest(st, art, t, "Baku", 0, "LOC");
	int64_t b1 = suggest(st, art, t, "Baku", 1, "ORG");          /* a suggestion: updated */
	int64_t air = suggest(st, art, t, "Baku Airport", 0, "ORG"); /* overlapping: left */
	int64_t b5 = suggest(st, art, t, "Baku", 5, "LOC");
	CHECK_INT(annot_reject(&a, b5, &r), 0);                       /* decided: left */
	CHECK_INT(annot_accept(&a, b0, &r), 0);

	int64_t before = count_entities(st, art, -1);
	CHECK_INT(annot_propagate(&a, b0, NULL, NULL, &r), 0);
	/* b1 updated; created at "Baku." and "Baku" (the end of the text) */
	CHECK_INT(r.changed, 3);
	CHECK_STR(r.msg, "accept LOC 'Baku' everywhere (3 changed)");
	CHECK_INT(r.entity, b0);
	struct entity e = get(st, b1);
	CHECK(e.status == ENT_ACCEPTED);
	CHECK_STR(e.type, "LOC");
	CHECK_STR(e.annotator, "alice");
	CHECK(get(st, air).status == ENT_SUGGESTED);
	CHECK(get(st, b5).status == ENT_REJECTED);
	CHECK_INT(count_entities(st, art, -1), before + 2);
	CHECK_INT(count_entities(st, art, ENT_ACCEPTED), 4);
	CHECK_JOURNAL(st);

	/* again: nothing left to change */
	CHECK_INT(annot_propagate(&a, b0, NULL, NULL, &r), 0);
	CHECK_INT(r.changed, 0);
	CHECK_STR(r.msg, "no other occurrence of 'Baku' to change");

	/* undo of the propagation: created entities removed, b1 back */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: accept LOC 'Baku' everywhere (3 changed)");
	CHECK_INT(count_entities(st, art, -1), before);
	e = get(st, b1);
	CHECK(e.status == ENT_SUGGESTED);
	CHECK_STR(e.type, "ORG");
	CHECK(get(st, b0).status == ENT_ACCEPTED);
	CHECK_JOURNAL(st);
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_INT(count_entities(st, art, -1), before + 2);
	CHECK_JOURNAL(st);
	CHECK_INT(annot_undo(&a, &r), 0);

	/* a reject propagates to suggestions only, creating nothing */
	CHECK_INT(annot_reject(&a, b0, &r), 0);
	CHECK_INT(annot_propagate(&a, b0, NULL, NULL, &r), 0);
	CHECK_INT(r.changed, 1);
	CHECK_STR(r.msg, "reject 'Baku' everywhere (1 changed)");
	CHECK(get(st, b1).status == ENT_REJECTED);
	CHECK_STR(get(st, b1).type, "ORG");
	CHECK_INT(count_entities(st, art, -1), before);
	CHECK_JOURNAL(st);

	/* a custom predicate, and '*' on a suggestion accepts it first */
	const char *u = "\xF0\x9D\x90\x80\xF0\x9D\x90\x81 x \xF0\x9D\x90\x80\xF0\x9D\x90\x81, "
	                "\xF0\x9D\x90\x80\xF0\x9D\x90\x81 y";
	int64_t art2 = add_article(st, u);
	int64_t m0 = suggest(st, art2, u, "\xF0\x9D\x90\x80\xF0\x9D\x90\x81", 0, "MISC");
	int calls = 0;
	CHECK_INT(annot_propagate(&a, m0, space_boundary, &calls, &r), 0);
	CHECK(calls > 0);
	CHECK_INT(r.changed, 2);      /* m0 itself, and the last one ("AB," is not a token) */
	CHECK(get(st, m0).status == ENT_ACCEPTED);
	CHECK(state_of(st, art2) == STATE_IN_PROGRESS);
	struct entity_list l = { 0 };
	store_entities_of(st, art2, &l);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK_INT(l.v[1].start, 9);    /* code points, not bytes */
		CHECK_INT(l.v[1].end, 11);
		CHECK(l.v[1].origin == ORIGIN_ANALYST);
	}
	entity_list_finish(&l);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK(get(st, m0).status == ENT_SUGGESTED);
	CHECK(state_of(st, art2) == STATE_NEW);
	CHECK_INT(annot_propagate(&a, m0, NULL, NULL, &r), 0);
	CHECK_INT(r.changed, 3);      /* with the default, "AB," counts */
	CHECK_JOURNAL(st);
	store_close(&st);
}

/* ---- the article: accept all, done, next ------------------------------ */

static void test_article_ops(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	const char *t = report_text;
	int64_t art = add_article(st, t);
	int64_t art2 = add_article(st, "Second report.");
	int64_t art3 = add_article(st, "Third report.");
	suggest(st, art, t, "Zakir Hasanov", 0, "PERSON");
	suggest(st, art, t, "Baku", 0, "LOC");
	int64_t mon = suggest(st, art, t, "Monday", 0, "DATE");
	CHECK_INT(annot_reject(&a, mon, &r), 0);

	CHECK_INT(annot_accept_all(&a, art, &r), 0);
	CHECK_INT(r.changed, 2);
	CHECK_STR(r.msg, "accept all suggestions (2)");
	CHECK_INT(count_entities(st, art, ENT_ACCEPTED), 2);
	CHECK(get(st, mon).status == ENT_REJECTED);
	CHECK_INT(annot_accept_all(&a, art, &r), 0);
	CHECK_INT(r.changed, 0);
	CHECK_STR(r.msg, "no suggestions left to accept");
	CHECK_ERR(annot_accept_all(&a, 999, &r), "no article 999");

	int64_t next;
	CHECK_INT(annot_next(&a, art, &next), 0);
	CHECK_INT(next, art2);
	CHECK_INT(annot_done(&a, art, &r), 0);
	CHECK_STR(r.msg, "mark done 'A title'");
	CHECK_INT(r.changed, 1);
	struct article ar;
	CHECK_INT(store_article_get(st, art, &ar), 0);
	CHECK(ar.state == STATE_DONE);
	CHECK_STR(ar.reviewed_by, "alice");
	CHECK_INT(strlen(ar.reviewed_at), 20);
	article_finish(&ar);
	CHECK_INT(annot_done(&a, art, &r), 0);
	CHECK_INT(r.changed, 0);
	CHECK_STR(r.msg, "the article is already done");

	CHECK_INT(annot_done(&a, art2, &r), 0);
	CHECK_INT(annot_next(&a, art2, &next), 0);
	CHECK_INT(next, art3);
	CHECK_INT(annot_next(&a, art3, &next), 0);
	CHECK_INT(next, 0);                     /* only itself is left */
	/* undo reopens */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: mark done 'A title'");
	CHECK_INT(r.article, art2);
	CHECK(state_of(st, art2) == STATE_NEW);
	CHECK_INT(annot_next(&a, art3, &next), 0);
	CHECK_INT(next, art2);                  /* wrapping around */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK(state_of(st, art) == STATE_IN_PROGRESS);
	CHECK_INT(store_article_get(st, art, &ar), 0);
	CHECK_STR(ar.reviewed_by, "");
	article_finish(&ar);
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK(state_of(st, art) == STATE_DONE);
	CHECK_INT(annot_done(&a, art3, &r), 0);
	CHECK_INT(annot_done(&a, art2, &r), 0);
	CHECK_INT(annot_next(&a, art2, &next), 0);
	CHECK_INT(next, 0);
	CHECK_JOURNAL(st);
	store_close(&st);
}

/* ---- undo and redo ----------------------------------------------------- */

static void test_undo_redo(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a, b;
	struct annot_result r;
	annot_init(&a, st, "alice");
	annot_init(&b, st, "bob");
	const char *t = report_text;
	int64_t art = add_article(st, t);
	int64_t art2 = add_article(st, t + 10);
	int64_t zh = suggest(st, art, t, "Zakir Hasanov", 0, "PERSON");
	int64_t baku = suggest(st, art, t, "Baku", 0, "LOC");
	int64_t other = suggest(st, art2, t + 10, "Monday", 0, "DATE");

	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "nothing to undo");
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "nothing to redo");

	CHECK_INT(annot_accept(&a, zh, &r), 0);
	CHECK_INT(annot_set_type(&a, zh, "ORG", &r), 0);
	CHECK_INT(annot_reject(&a, other, &r), 0);          /* another article */
	CHECK_INT(annot_accept(&b, baku, &r), 0);           /* bob's own */

	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: reject DATE 'Monday'");
	CHECK_INT(r.article, art2);
	CHECK_INT(r.entity, other);
	CHECK(get(st, other).status == ENT_SUGGESTED);
	CHECK(state_of(st, art2) == STATE_NEW);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: set type ORG 'Zakir Hasanov'");
	CHECK_INT(r.article, art);
	CHECK_STR(get(st, zh).type, "PERSON");
	CHECK(get(st, zh).status == ENT_ACCEPTED);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: accept PERSON 'Zakir Hasanov'");
	CHECK(get(st, zh).status == ENT_SUGGESTED);
	CHECK_STR(get(st, zh).annotator, "detector");
	/* undo restores what the group changed, the article's state too */
	CHECK(state_of(st, art) == STATE_NEW);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "nothing to undo");
	CHECK(get(st, baku).status == ENT_ACCEPTED);    /* bob's is not alice's to undo */
	CHECK_JOURNAL(st);

	/* redo in order */
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "redid: accept PERSON 'Zakir Hasanov'");
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "redid: set type ORG 'Zakir Hasanov'");
	CHECK_STR(get(st, zh).type, "ORG");
	/* undo of a redo, then redo again */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: set type ORG 'Zakir Hasanov'");
	CHECK_STR(get(st, zh).type, "PERSON");
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(get(st, zh).type, "ORG");
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "redid: reject DATE 'Monday'");
	CHECK(get(st, other).status == ENT_REJECTED);
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "nothing to redo");
	CHECK_JOURNAL(st);

	/* a new decision ends the redo history */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(get(st, zh).type, "PERSON");
	CHECK_INT(annot_reject(&a, zh, &r), 0);
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "nothing to redo");
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: reject PERSON 'Zakir Hasanov'");
	/* the undone groups stay undone; the next undo goes further back */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: accept PERSON 'Zakir Hasanov'");
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "redid: accept PERSON 'Zakir Hasanov'");
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "redid: reject PERSON 'Zakir Hasanov'");
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "nothing to redo");

	/* undo rows name the group they undo */
	int64_t grp;
	struct journal_list l = { 0 };
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_INT(store_edit_redo_target(st, "alice", &grp), 0);
	CHECK_INT(store_edit_group(st, "alice", grp, &l), 0);
	CHECK(l.n >= 1);
	if (l.n >= 1) {
		CHECK_STR(l.v[0].action, "undo");
		CHECK(l.v[0].undo_of > 0);
	}
	journal_list_finish(&l);

	/* an import's rows are not undone, nor do they end the redo history */
	CHECK_INT(annot_undo(&a, &r), 0);
	int64_t imported_grp = store_journal_group(st);
	struct entity imp = { 0 };
	imp.article = art2;
	imp.start = 0;
	imp.end = 5;
	strcpy(imp.type, "MISC");
	imp.status = ENT_ACCEPTED;
	imp.origin = ORIGIN_IMPORT;
	strcpy(imp.annotator, "alice");
	CHECK_INT(store_entity_add(st, &imp), 0);
	char *snap = store_entity_snapshot(st, imp.id);
	CHECK_INT(store_journal(st, imported_grp, "alice", art2, imp.id, "import", NULL, snap), 0);
	free(snap);
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK(strncmp(r.msg, "redid: ", 7) == 0);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK(strncmp(r.msg, "undid: ", 7) == 0);
	CHECK(exists(st, imp.id));
	CHECK_JOURNAL(st);

	/* bob undoes his own */
	CHECK_INT(annot_undo(&b, &r), 0);
	CHECK_STR(r.msg, "undid: accept LOC 'Baku'");
	CHECK(get(st, baku).status == ENT_SUGGESTED);
	CHECK_JOURNAL(st);
	store_close(&st);
}

/* ---- file databases: restarts, two connections, errors ----------------- */

static void test_file_db(void)
{
	char dir[] = "/tmp/nerve-annotate-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *path = xasprintf("%s/n.db", dir);
	struct store *st = store_open(path, STORE_CREATE);
	CHECK(st != NULL);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	const char *t = report_text;
	int64_t art = add_article(st, t);
	int64_t zh = suggest(st, art, t, "Zakir Hasanov", 0, "PERSON");
	int64_t baku = suggest(st, art, t, "Baku", 0, "LOC");
	int64_t mon = suggest(st, art, t, "Monday", 0, "DATE");
	CHECK_INT(annot_accept(&a, zh, &r), 0);
	CHECK_INT(annot_create(&a, art, get(st, baku).start, get(st, baku).end + 3, "LOC", &r), 0);
	int64_t made = r.entity;
	store_close(&st);

	/* undo after a restart reads the journal */
	st = store_open(path, STORE_CREATE);
	annot_init(&a, st, "alice");
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: create LOC 'Baku on' (replacing 1)");
	CHECK(!exists(st, made));
	CHECK(get(st, baku).status == ENT_SUGGESTED);
	store_close(&st);
	st = store_open(path, STORE_CREATE);
	annot_init(&a, st, "alice");
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_STR(r.msg, "redid: create LOC 'Baku on' (replacing 1)");
	CHECK(exists(st, made));
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_JOURNAL(st);

	/* checkpoints left to idle time */
	CHECK_INT(store_set_autocheckpoint(st, 0), 0);
	CHECK_INT(annot_accept(&a, baku, &r), 0);
	CHECK_INT(store_checkpoint(st), 0);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_INT(store_set_autocheckpoint(st, 1000), 0);

	/* two connections interleaving decisions */
	struct store *st2 = store_open(path, STORE_CREATE);
	CHECK(st2 != NULL);
	struct annot b;
	annot_init(&b, st2, "bob");
	CHECK_INT(annot_reject(&b, zh, &r), 0);        /* over alice's accept */
	CHECK_INT(annot_accept(&a, mon, &r), 0);
	CHECK_INT(annot_set_type(&b, mon, "EVENT", &r), 0);
	CHECK_INT(annot_accept(&a, baku, &r), 0);
	struct entity e = get(st, mon);
	CHECK_STR(e.type, "EVENT");
	CHECK_STR(e.annotator, "bob");
	CHECK(get(st2, baku).status == ENT_ACCEPTED);
	CHECK_JOURNAL(st);

	/* alice's undo of 'accept Baku' is fine; of 'accept Monday' refused:
	 * bob has retyped it since.  Nothing changes. */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: accept LOC 'Baku'");
	int64_t rows = journal_rows(st);
	CHECK_ERR(annot_undo(&a, &r), "cannot undo: EVENT 'Monday' was changed since by bob");
	CHECK_INT(journal_rows(st), rows);
	CHECK_STR(get(st, mon).type, "EVENT");
	/* bob undoes his, and alice can undo hers again */
	CHECK_INT(annot_undo(&b, &r), 0);
	CHECK_STR(r.msg, "undid: set type EVENT 'Monday'");
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: accept DATE 'Monday'");
	CHECK(get(st2, mon).status == ENT_SUGGESTED);
	CHECK_JOURNAL(st2);

	/* a redo refused when the entity changed since the undo */
	CHECK_INT(annot_reject(&b, mon, &r), 0);
	CHECK_ERR(annot_redo(&a, &r), "cannot redo: DATE 'Monday' was changed since by bob");
	CHECK(get(st, mon).status == ENT_REJECTED);

	/* a state change by another process is left alone by undo */
	int64_t art3 = add_article(st, t);
	int64_t z3 = suggest(st, art3, t, "Zakir Hasanov", 0, "PERSON");
	CHECK_INT(annot_accept(&a, z3, &r), 0);
	CHECK(state_of(st, art3) == STATE_IN_PROGRESS);
	CHECK_INT(annot_done(&b, art3, &r), 0);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: accept PERSON 'Zakir Hasanov'");
	CHECK(get(st, z3).status == ENT_SUGGESTED);
	CHECK(state_of(st, art3) == STATE_DONE);
	CHECK_JOURNAL(st);
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK(get(st, z3).status == ENT_ACCEPTED);
	CHECK(state_of(st, art3) == STATE_DONE);
	CHECK_JOURNAL(st);
	/* but an undo of done is refused when the state changed since */
	CHECK_INT(annot_done(&a, art, &r), 0);
	char *done = store_edit_article_snapshot(st2, art);
	CHECK_INT(store_edit_set_state(st2, art, STATE_IN_PROGRESS, NULL), 0);
	CHECK_ERR(annot_undo(&a, &r), "review state was changed since");
	CHECK_INT(store_edit_article_restore(st2, art, done), 0);
	free(done);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: mark done 'A title'");
	CHECK_JOURNAL(st);

	/* a locked database: the other connection holds the write lock */
	CHECK_INT(store_set_busy_timeout(st, 50), 0);
	CHECK_INT(store_begin(st2), 0);
	rows = journal_rows(st2);
	CHECK_ERR(annot_accept(&a, mon, &r), "locked");
	CHECK_ERR(annot_undo(&a, &r), "locked");
	store_rollback(st2);
	CHECK(get(st, mon).status == ENT_REJECTED);
	CHECK_INT(journal_rows(st), rows);
	CHECK_INT(annot_accept(&a, mon, &r), 0);
	CHECK_JOURNAL(st);
	store_close(&st2);

	/* a full disk: each failing keystroke leaves no trace */
	CHECK_INT(store_set_busy_timeout(st, 10000), 0);
	int64_t big = add_article(st, t);
	int64_t bz = suggest(st, big, t, "Zakir Hasanov", 0, "PERSON");
	CHECK_INT(store_set_max_pages(st, 1), 0);    /* no page more than it has */
	int failed = 0;
	for (int i = 0; i < 400 && !failed; i++) {
		enum entity_status was = get(st, bz).status;
		rows = journal_rows(st);
		int rc = i % 2 ? annot_reject(&a, bz, &r) : annot_accept(&a, bz, &r);
		if (rc < 0) {
			failed = 1;
			CHECK(strstr(err_msg(), "full") != NULL);
			CHECK(get(st, bz).status == was);
			CHECK_INT(journal_rows(st), rows);
		}
	}
	CHECK(failed);
	CHECK_INT(store_set_max_pages(st, 0), 0);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_JOURNAL(st);
	store_close(&st);

	/* a read-only database */
	st = store_open(path, STORE_READONLY);
	CHECK(st != NULL);
	annot_init(&a, st, "alice");
	CHECK(get(st, zh).status == ENT_REJECTED);
	CHECK_ERR(annot_accept(&a, zh, &r), "read-only");
	CHECK_INT(annot_undo(&a, &r), -1);
	store_close(&st);

	char *cmd = xasprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(path);
}

/* ---- two processes at once ----------------------------------------------- */

/* One of the processes: random keystrokes; exits 0 when every failure was
 * a refusal (an undo of something the other changed), 1 otherwise. */
static int worker(int go, const char *path, const char *who, unsigned seed, int64_t first,
                  int64_t nent, int64_t art)
{
	char c;
	/* start together: the parent closes the pipe */
	if (read(go, &c, 1) != 0)
		return 1;
	struct store *st = store_open(path, 0);
	if (!st)
		return 1;
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, who);
	srand(seed);
	int bad = 0;
	for (int i = 0; i < 150 && !bad; i++) {
		int64_t e = first + rand() % nent;
		int op = rand() % 20, rc;
		if (op < 5)
			rc = annot_accept(&a, e, &r);
		else if (op < 9)
			rc = annot_reject(&a, e, &r);
		else if (op < 12)
			rc = annot_set_type(&a, e, rand() % 2 ? "ORG" : "LOC", &r);
		else if (op < 15)
			rc = annot_undo(&a, &r);
		else if (op < 17)
			rc = annot_redo(&a, &r);
		else if (op < 18)
			rc = annot_propagate(&a, e, NULL, NULL, &r);
		else if (op < 19) {
			int64_t at = 6 * (rand() % 19);   /* two words */
			rc = annot_create(&a, art, at, at + 11, "MISC", &r);
		}
		else
			rc = annot_accept_all(&a, art, &r);
		if (rc < 0 && !strstr(err_msg(), "cannot undo") && !strstr(err_msg(), "cannot redo") &&
		    !strstr(err_msg(), "no longer exists")) {
			fprintf(stderr, "%s: %s\n", who, err_msg());
			bad = 1;
		}
		usleep((useconds_t)(rand() % 800));   /* let the other one in */
	}
	store_close(&st);
	return bad;
}

static void test_two_processes(void)
{
	char dir[] = "/tmp/nerve-annotate-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *path = xasprintf("%s/n.db", dir);
	struct store *st = store_open(path, STORE_CREATE);
	CHECK(st != NULL);
	/* twenty words of five letters, each a suggestion */
	struct buf text = BUF_INIT;
	for (int i = 0; i < 20; i++)
		buf_printf(&text, "%sW%04d", i ? " " : "", i % 7);
	int64_t art = add_article(st, text.data);
	int64_t first = 0;
	for (int i = 0; i < 20; i++) {
		struct entity e = { 0 };
		e.article = art;
		e.start = 6 * i;
		e.end = 6 * i + 5;
		strcpy(e.type, "PERSON");
		e.status = ENT_SUGGESTED;
		e.origin = ORIGIN_DETECTOR;
		strcpy(e.annotator, "detector");
		CHECK_INT(store_entity_add(st, &e), 0);
		if (!first)
			first = e.id;
	}
	store_close(&st);
	fflush(NULL);
	int go[2];
	CHECK(pipe(go) == 0);
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			close(go[1]);
			_exit(worker(go[0], path, k ? "bob" : "alice", 17u + (unsigned)k, first, 20, art));
		}
	}
	close(go[0]);
	close(go[1]);
	for (int k = 0; k < 2; k++) {
		int status = 0;
		CHECK(waitpid(kids[k], &status, 0) == kids[k]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	st = store_open(path, 0);
	CHECK(st != NULL);
	CHECK_JOURNAL(st);
	CHECK(journal_rows(st) > 100);
	store_close(&st);
	buf_free(&text);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(path);
}

/* ---- a colleague's decision since the screen was drawn -------------------- */

static void test_seen(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	const char *text = "Zakir Hasanov met Metin Tokel in Baku.";
	int64_t art = add_article(st, text);
	int64_t ids[3];
	const char *words[3] = { "Zakir Hasanov", "Metin Tokel", "Baku" };
	for (int i = 0; i < 3; i++) {
		struct entity e = { 0 };
		e.article = art;
		e.start = cp_of(text, words[i], 0);
		e.end = e.start + cp_len(words[i]);
		strcpy(e.type, i == 2 ? "LOC" : "PERSON");
		e.status = ENT_SUGGESTED;
		e.origin = ORIGIN_DETECTOR;
		strcpy(e.annotator, "detector");
		CHECK_INT(store_entity_add(st, &e), 0);
		ids[i] = e.id;
	}
	struct annot me, alice;
	struct annot_result r;
	annot_init(&me, st, "bob");
	annot_init(&alice, st, "alice");
	struct entity drawn;
	CHECK_INT(store_edit_get(st, ids[0], &drawn), 0);

	/* alice accepts after bob's screen was drawn: bob's reject is refused */
	CHECK_INT(annot_accept(&alice, ids[0], &r), 0);
	annot_seen(&me, &drawn);
	CHECK_INT(annot_reject(&me, ids[0], &r), -1);
	CHECK(strstr(err_msg(), "accepted by alice ") != NULL);
	CHECK(strstr(err_msg(), " s ago: press again to override") != NULL);
	struct entity now;
	CHECK_INT(store_edit_get(st, ids[0], &now), 0);
	CHECK_INT(now.status, ENT_ACCEPTED);
	/* pressed again (the view drew the accepted entity): it goes through */
	annot_seen(&me, &now);
	CHECK_INT(annot_reject(&me, ids[0], &r), 0);
	CHECK_INT(store_edit_get(st, ids[0], &now), 0);
	CHECK_INT(now.status, ENT_REJECTED);

	/* a retype and a resize since drawn are changes too */
	CHECK_INT(store_edit_get(st, ids[1], &drawn), 0);
	CHECK_INT(annot_set_type(&alice, ids[1], "ORG", &r), 0);
	annot_seen(&me, &drawn);
	CHECK_INT(annot_accept(&me, ids[1], &r), -1);
	CHECK(strstr(err_msg(), "accepted by alice") != NULL);
	CHECK_INT(store_edit_get(st, ids[1], &drawn), 0);
	CHECK_INT(annot_resize(&alice, ids[1], drawn.start, drawn.start + 5, &r), 0);
	annot_seen(&me, &drawn);
	CHECK_INT(annot_set_type(&me, ids[1], "PERSON", &r), -1);
	CHECK(strstr(err_msg(), "resized to ") != NULL);
	CHECK(strstr(err_msg(), " by alice ") != NULL);
	CHECK_INT(store_edit_get(st, ids[1], &drawn), 0);
	CHECK_INT(annot_set_type(&alice, ids[1], "LOC", &r), 0);
	annot_seen(&me, &drawn);
	CHECK_INT(annot_accept(&me, ids[1], &r), -1);
	CHECK(strstr(err_msg(), "made LOC by alice") != NULL);

	/* a suggestion the detector changed is no decision to protect */
	CHECK_INT(store_edit_get(st, ids[2], &drawn), 0);
	struct entity fresh = drawn;
	strcpy(fresh.type, "ORG");
	CHECK_INT(store_edit_update(st, &fresh), 0);
	annot_seen(&me, &drawn);
	CHECK_INT(annot_accept(&me, ids[2], &r), 0);
	/* and without annot_seen() nothing is compared */
	CHECK_INT(annot_reject(&alice, ids[2], &r), 0);
	CHECK_INT(annot_accept(&me, ids[2], &r), 0);
	store_close(&st);
}

/* ---- the journal check itself ------------------------------------------- */

static void test_check(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "alice");
	const char *t = report_text;
	int64_t art = add_article(st, t);
	int64_t zh = suggest(st, art, t, "Zakir Hasanov", 0, "PERSON");
	int64_t baku = suggest(st, art, t, "Baku", 0, "LOC");
	CHECK_INT(annot_accept(&a, zh, &r), 0);
	CHECK_JOURNAL(st);

	/* a change behind the journal's back is found */
	struct entity e = get(st, zh);
	strcpy(e.type, "ORG");
	CHECK_INT(store_edit_update(st, &e), 0);
	CHECK_ERR(store_edit_check(st), "is not as its last journal row says");
	strcpy(e.type, "PERSON");
	CHECK_INT(store_edit_update(st, &e), 0);
	CHECK_JOURNAL(st);
	e = get(st, baku);
	e.status = ENT_ACCEPTED;
	CHECK_INT(store_edit_update(st, &e), 0);
	CHECK_ERR(store_edit_check(st), "without a journal row");
	e.status = ENT_SUGGESTED;
	CHECK_INT(store_edit_update(st, &e), 0);
	CHECK_JOURNAL(st);
	char *was = store_edit_article_snapshot(st, art);
	CHECK_INT(store_edit_set_state(st, art, STATE_DONE, "x"), 0);
	CHECK_ERR(store_edit_check(st), "review state");
	CHECK_INT(store_edit_article_restore(st, art, was), 0);
	free(was);
	CHECK_JOURNAL(st);

	/* re-detection may replace a suggestion the journal last left */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_INT(store_edit_restore(st, zh, NULL), 0);
	CHECK_JOURNAL(st);
	store_close(&st);
}

int main(void)
{
	test_seen();
	test_decisions();
	test_resize();
	test_original();
	test_edges();
	test_nudge();
	test_create();
	test_propagate();
	test_propagate_corpus();
	test_article_ops();
	test_undo_redo();
	test_file_db();
	test_two_processes();
	test_check();
	return tap_status();
}
