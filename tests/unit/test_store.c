/*
 * test_store.c: unit tests of the store module.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "tap.h"
#include "fixtures.h"
#include "lib/util.h"

static void test_open_memory(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	CHECK(st != NULL);
	CHECK(store_begin(st) == 0);
	CHECK(store_commit(st) == 0);
	store_close(&st);
	CHECK(st == NULL);
}

static void test_open_errors(void)
{
	char dir[] = "/tmp/nerve-test-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *missing = xasprintf("%s/no/such/dir/x.db", dir);
	CHECK(store_open(missing, STORE_CREATE) == NULL);
	CHECK(strstr(err_msg(), "does not exist") != NULL);

	char *junk = xasprintf("%s/junk.db", dir);
	FILE *f = fopen(junk, "w");
	fputs("this is not a database, just some text that is long enough to be read\n", f);
	for (int i = 0; i < 200; i++)
		fputs("more text more text more text more text\n", f);
	fclose(f);
	CHECK(store_open(junk, STORE_CREATE) == NULL);
	CHECK(strstr(err_msg(), "not a nerve database") != NULL);

	char *good = xasprintf("%s/good.db", dir);
	struct store *st = store_open(good, STORE_CREATE);
	CHECK(st != NULL);
	store_close(&st);
	st = store_open(good, STORE_READONLY);
	CHECK(st != NULL);
	store_close(&st);

	char *cmd = xasprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(good);
	free(junk);
	free(missing);
}

static void test_article_entity(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct article a = { 0 };
	a.ext_id = "x1";
	a.title = "Title";
	a.text = "Zakir Hasanov met them.";
	a.text_len = strlen(a.text);
	a.sha256 = "abc";
	CHECK_INT(store_ext_id_free(st, "x1"), 1);
	CHECK_INT(store_article_add(st, &a), 0);
	CHECK(a.id > 0);
	CHECK_INT(store_ext_id_free(st, "x1"), 0);
	int64_t id = a.id;
	CHECK_INT(store_article_add(st, &a), 1);   /* same sha256 */
	CHECK_INT(a.id, id);

	struct entity e = { 0 };
	e.article = id;
	e.start = 0;
	e.end = 13;
	strcpy(e.type, "PERSON");
	e.status = ENT_SUGGESTED;
	e.origin = ORIGIN_DETECTOR;
	e.confidence = 0.75;
	strcpy(e.annotator, "detector");
	CHECK_INT(store_entity_add(st, &e), 0);
	CHECK(e.id > 0);
	strcpy(e.type, "NO_SUCH_TYPE");
	CHECK_INT(store_entity_add(st, &e), -1);   /* foreign key */

	struct entity_list l = { 0 };
	CHECK_INT(store_entities_of(st, id, &l), 0);
	CHECK_INT(l.n, 1);
	if (l.n == 1) {
		CHECK_STR(l.v[0].type, "PERSON");
		CHECK(l.v[0].confidence == 0.75);
		CHECK(l.v[0].status == ENT_SUGGESTED);
	}
	entity_list_finish(&l);

	struct article b;
	CHECK_INT(store_article_get(st, id, &b), 0);
	CHECK_STR(b.text, "Zakir Hasanov met them.");
	CHECK(b.state == STATE_NEW);
	article_finish(&b);
	CHECK_INT(store_article_get(st, id + 1, &b), -1);
	store_close(&st);
}

/* An article with text, for the tests below; returns its id. */
static void test_types(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct entity_type *v;
	size_t n;
	CHECK_INT(store_types(st, &v, &n), 0);
	CHECK_INT(n, 8);
	if (n == 8) {
		CHECK_STR(v[0].name, "PERSON");
		CHECK_INT(v[0].hotkey, 1);
		CHECK_STR(v[6].name, "TITLE");
		CHECK_INT(v[7].hotkey, 8);
	}
	free(v);
	CHECK(entity_type_name_valid("geo"));
	CHECK(entity_type_name_valid("Military Platform"));
	CHECK(!entity_type_name_valid(""));
	CHECK(!entity_type_name_valid(" X"));
	CHECK(!entity_type_name_valid("X\n"));
	CHECK(!entity_type_name_valid("\xC3"));
	CHECK(entity_type_colour_valid("cyan"));
	CHECK(entity_type_colour_valid("0"));
	CHECK(entity_type_colour_valid("255"));
	CHECK(!entity_type_colour_valid("256"));
	CHECK(!entity_type_colour_valid("007"));
	CHECK(!entity_type_colour_valid("purple"));

	CHECK_INT(store_type_add(st, "WEAPON", 9, NULL, "arms"), 0);
	struct entity_type t;
	CHECK_INT(store_type_get(st, "WEAPON", &t), 1);
	CHECK_INT(t.hotkey, 9);
	CHECK(entity_type_colour_valid(t.colour));
	CHECK_STR(t.description, "arms");
	CHECK_INT(t.order, 9);
	CHECK_INT(store_type_add(st, "WEAPON", 0, NULL, NULL), -1);   /* exists */
	CHECK(strstr(err_msg(), "exists") != NULL);
	CHECK_INT(store_type_add(st, "X", 1, NULL, NULL), -1);        /* key taken */
	CHECK(strstr(err_msg(), "PERSON") != NULL);
	CHECK_INT(store_type_add(st, "X", 0, "mauve", NULL), -1);
	/* ensure: created once, with a colour no other type has */
	CHECK_INT(store_type_ensure(st, "geo"), 1);
	CHECK_INT(store_type_ensure(st, "geo"), 0);
	struct entity_type g;
	CHECK_INT(store_type_get(st, "geo", &g), 1);
	CHECK_INT(g.hotkey, 0);
	CHECK(strcmp(g.colour, t.colour) != 0);
	CHECK_INT(store_type_get(st, "GEO", &g), 0);                  /* case-sensitive */

	/* rename carries entities along */
	int64_t a = add_article(st, "t1", "Baku is a city.");
	add_entity(st, a, 0, 4, "geo", ENT_ACCEPTED, "ann");
	CHECK_INT(store_type_rename(st, "geo", "LOC"), -1);           /* taken */
	CHECK_INT(store_type_rename(st, "nope", "X"), -1);
	CHECK_INT(store_type_rename(st, "geo", "PLACE"), 0);
	struct entity_list l = { 0 };
	CHECK_INT(store_entities_of(st, a, &l), 0);
	CHECK_INT(l.n, 1);
	if (l.n)
		CHECK_STR(l.v[0].type, "PLACE");
	entity_list_finish(&l);

	CHECK_INT(store_type_colour(st, "PLACE", "red"), 0);
	CHECK_INT(store_type_colour(st, "PLACE", "rot"), -1);
	CHECK_INT(store_type_colour(st, "NOPE", "red"), -1);
	char taken[64];
	CHECK_INT(store_type_key(st, "PLACE", 3, taken), 0);
	CHECK_STR(taken, "LOC");
	CHECK_INT(store_type_get(st, "LOC", &g), 1);
	CHECK_INT(g.hotkey, 0);
	CHECK_INT(store_type_get(st, "PLACE", &g), 1);
	CHECK_INT(g.hotkey, 3);
	CHECK_STR(g.colour, "red");
	CHECK_INT(store_type_key(st, "PLACE", 3, taken), 0);          /* its own key */
	CHECK_STR(taken, "");
	CHECK_INT(store_type_key(st, "PLACE", 0, taken), 0);
	CHECK_INT(store_type_get(st, "PLACE", &g), 1);
	CHECK_INT(g.hotkey, 0);
	CHECK_INT(store_type_key(st, "PLACE", 10, taken), -1);
	store_close(&st);
}

/* Collects export rows as "start-end:text:status" lines. */
static int collect_row(void *arg, const struct export_row *r)
{
	struct buf *b = arg;
	buf_printf(b, "%s %lld-%lld:%.*s:%s:%s\n", r->ext_id, (long long)r->start, (long long)r->end,
	           (int)r->text_len, r->text, r->type, r->status);
	return 0;
}

/* Collects export documents as "ext_id:entities;". */
static int collect_doc(void *arg, const struct export_doc *d)
{
	struct buf *b = arg;
	buf_printf(b, "%s:%zu;", d->ext_id, d->nents);
	return 0;
}

static void test_export(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	/* astral and combining characters before the entities: offsets are
	 * code points */
	int64_t a = add_article(st, "a1", "\xF0\x9D\x90\x80 \xF0\x9F\x98\x80 Zakir Hasanov and T\xC3\xBCrkiye");
	int64_t b = add_article(st, "b2", "Metin Tokel");
	add_entity(st, a, 4, 17, "PERSON", ENT_ACCEPTED, "ann");
	add_entity(st, a, 22, 29, "LOC", ENT_SUGGESTED, "detector");
	add_entity(st, a, 4, 9, "PERSON", ENT_REJECTED, "ann");
	add_entity(st, b, 0, 11, "PERSON", ENT_ACCEPTED, "other");

	struct buf out = BUF_INIT;
	struct export_filter f = { 0 };
	CHECK_INT(store_export_entities(st, &f, collect_row, &out), 0);
	CHECK_STR(out.data, "a1 4-9:Zakir:PERSON:rejected\n"
	                    "a1 4-17:Zakir Hasanov:PERSON:accepted\n"
	                    "a1 22-29:T\xC3\xBCrkiye:LOC:suggested\n"
	                    "b2 0-11:Metin Tokel:PERSON:accepted\n");
	buf_clear(&out);
	f.statuses = 1u << ENT_ACCEPTED;
	CHECK_INT(store_export_entities(st, &f, collect_row, &out), 0);
	CHECK_STR(out.data, "a1 4-17:Zakir Hasanov:PERSON:accepted\n"
	                    "b2 0-11:Metin Tokel:PERSON:accepted\n");
	buf_clear(&out);
	f.by = "other";
	CHECK_INT(store_export_entities(st, &f, collect_row, &out), 0);
	CHECK_STR(out.data, "b2 0-11:Metin Tokel:PERSON:accepted\n");
	buf_clear(&out);
	f.by = NULL;
	f.statuses = 0;
	const char *types[] = { "LOC" };
	f.types = types;
	f.ntypes = 1;
	CHECK_INT(store_export_entities(st, &f, collect_row, &out), 0);
	CHECK_STR(out.data, "a1 22-29:T\xC3\xBCrkiye:LOC:suggested\n");
	buf_clear(&out);
	f.types = NULL;
	f.ntypes = 0;
	int64_t ids[] = { b };
	f.articles = ids;
	f.narticles = 1;
	CHECK_INT(store_export_entities(st, &f, collect_row, &out), 0);
	CHECK_STR(out.data, "b2 0-11:Metin Tokel:PERSON:accepted\n");
	buf_clear(&out);
	f.articles = NULL;
	f.narticles = 0;
	f.states = 1u << STATE_DONE;
	CHECK_INT(store_export_entities(st, &f, collect_row, &out), 0);
	CHECK_INT(out.len, 0);
	f.states = 0;
	f.since = "2999-01-01T00:00:00Z";
	CHECK_INT(store_export_entities(st, &f, collect_row, &out), 0);
	CHECK_INT(out.len, 0);
	f.since = "2000-01-01T00:00:00Z";
	CHECK_INT(store_export_entities(st, &f, collect_row, &out), 0);
	CHECK(out.len > 0);
	f.since = NULL;

	/* the documents of the other exports: every selected article, even
	 * with no selected entity (the JSON Lines export is in test_formats) */
	buf_clear(&out);
	f.statuses = 1u << ENT_REJECTED;
	CHECK_INT(store_export_docs(st, &f, collect_doc, &out), 0);
	CHECK_STR(out.data, "a1:1;b2:0;");
	buf_free(&out);

	char t[21];
	CHECK_INT(store_time_normalise(st, "2026-01-02", t), 0);
	CHECK_STR(t, "2026-01-02T00:00:00Z");
	CHECK_INT(store_time_normalise(st, "2026-01-02T10:30:00+02:00", t), 0);
	CHECK_STR(t, "2026-01-02T08:30:00Z");
	CHECK_INT(store_time_normalise(st, "2026-01-02 10:30Z", t), 0);
	CHECK_STR(t, "2026-01-02T10:30:00Z");
	CHECK_INT(store_time_normalise(st, "yesterday", t), -1);
	CHECK_INT(store_time_normalise(st, "2459000", t), -1);
	store_close(&st);
}

static void test_stats(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	int64_t a = add_article(st, "a", "Zakir Hasanov in Baku");
	add_article(st, "b", "nothing here");
	add_entity(st, a, 0, 13, "PERSON", ENT_ACCEPTED, "ann");
	add_entity(st, a, 17, 21, "LOC", ENT_SUGGESTED, "detector");
	add_entity(st, a, 0, 5, "PERSON", ENT_REJECTED, "ann");
	struct store_stats s;
	CHECK_INT(store_stats(st, &s), 0);
	CHECK_INT(s.articles, 2);
	CHECK_INT(s.by_state[STATE_NEW], 2);
	CHECK_INT(s.entities, 3);
	CHECK_INT(s.ntypes, 8);
	if (s.ntypes >= 3) {
		CHECK_STR(s.types[0].type, "PERSON");
		CHECK_INT(s.types[0].by_status[ENT_ACCEPTED], 1);
		CHECK_INT(s.types[0].by_status[ENT_REJECTED], 1);
		CHECK_STR(s.types[2].type, "LOC");
		CHECK_INT(s.types[2].by_status[ENT_SUGGESTED], 1);
	}
	store_stats_finish(&s);
	store_close(&st);
}

static void test_replace_suggestions(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	int64_t a = add_article(st, "a", "Zakir Hasanov met Metin Tokel in Baku on May 21.");
	/* the analyst accepted one span and rejected another; an import
	 * brought a suggestion; the detector made two suggestions */
	add_entity(st, a, 0, 13, "PERSON", ENT_ACCEPTED, "ann");
	add_entity(st, a, 18, 29, "PERSON", ENT_REJECTED, "ann");
	struct entity imp = { 0 };
	imp.article = a;
	imp.start = 33;
	imp.end = 37;
	strcpy(imp.type, "LOC");
	imp.status = ENT_SUGGESTED;
	imp.origin = ORIGIN_IMPORT;
	imp.no_confidence = 1;
	strcpy(imp.annotator, "ann");
	CHECK_INT(store_entity_add(st, &imp), 0);
	add_entity(st, a, 41, 47, "DATE", ENT_SUGGESTED, "detector");
	add_entity(st, a, 18, 23, "PERSON", ENT_SUGGESTED, "detector");

	struct span sp[6] = { 0 };
	/* 0: overlaps the accepted entity; 1: the rejected span again;
	 * 2: a new one; 3: overlaps the import's suggestion; 4: a new type;
	 * 5: the rejected span with another type */
	sp[0].start = 0; sp[0].end = 5; strcpy(sp[0].type, "PERSON");
	sp[1].start = 18; sp[1].end = 29; strcpy(sp[1].type, "PERSON");
	sp[2].start = 41; sp[2].end = 47; strcpy(sp[2].type, "DATE"); sp[2].confidence = 0.9;
	sp[3].start = 33; sp[3].end = 37; strcpy(sp[3].type, "LOC");
	sp[4].start = 24; sp[4].end = 29; strcpy(sp[4].type, "SURNAME");
	sp[5].start = 18; sp[5].end = 29; strcpy(sp[5].type, "ORG");
	CHECK_INT(store_replace_suggestions(st, a, sp, 6), 2);

	struct entity_list l = { 0 };
	CHECK_INT(store_entities_of(st, a, &l), 0);
	CHECK_INT(l.n, 5);
	int detector = 0, seen_date = 0, seen_surname = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].annotator, "detector") == 0) {
			detector++;
			CHECK(l.v[i].status == ENT_SUGGESTED);
			CHECK(l.v[i].origin == ORIGIN_DETECTOR);
			if (l.v[i].start == 41) {
				seen_date = 1;
				CHECK(l.v[i].confidence == 0.9);
			}
			if (l.v[i].start == 24)
				seen_surname = 1;
		}
	}
	CHECK_INT(detector, 2);
	CHECK(seen_date);
	CHECK(seen_surname);
	CHECK_INT(store_type_get(st, "SURNAME", NULL), 1);
	entity_list_finish(&l);

	/* again with nothing: every detector suggestion goes, the rest stays */
	CHECK_INT(store_replace_suggestions(st, a, NULL, 0), 0);
	CHECK_INT(store_entities_of(st, a, &l), 0);
	CHECK_INT(l.n, 3);
	entity_list_finish(&l);

	/* in the caller's transaction: rolled back with it */
	CHECK_INT(store_begin(st), 0);
	CHECK_INT(store_replace_suggestions(st, a, &sp[2], 1), 1);
	store_rollback(st);
	CHECK_INT(store_entities_of(st, a, &l), 0);
	CHECK_INT(l.n, 3);
	entity_list_finish(&l);
	store_close(&st);
}

static void test_article_lookup(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	int64_t id;
	int64_t a = add_article(st, "ext-9", "some text");
	CHECK_INT(store_article_find(st, "ext-9", &id), 1);
	CHECK_INT(id, a);
	CHECK_INT(store_article_find(st, "1", &id), 1);
	CHECK_INT(store_article_find(st, "2", &id), 0);
	char sha[65];
	sha256_hex("some text", 9, sha);
	CHECK_INT(store_article_by_sha(st, sha, &id), 1);
	CHECK_INT(store_article_by_sha(st, "nope", &id), 0);
	store_close(&st);
}

/* Patch the user_version field of a closed database file. */
static void set_user_version(const char *path, int v)
{
	FILE *f = fopen(path, "r+b");
	CHECK(f != NULL);
	if (!f)
		return;
	fseek(f, 60, SEEK_SET);
	fputc(0, f);
	fputc(0, f);
	fputc(0, f);
	fputc(v, f);
	fclose(f);
}

static void test_bulk(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	add_article(st, "one", "indexed by the trigger");
	CHECK_INT(store_index_check(st), 0);
	/* bulk: indexed at the end, in one statement */
	CHECK_INT(store_begin(st), 0);
	CHECK_INT(store_bulk_begin(st), 0);
	add_article(st, "two", "second text");
	add_article(st, "three", "third text");
	CHECK_INT(store_index_check(st), -1);       /* not yet */
	CHECK(strstr(err_msg(), "3 articles, 1 in the full-text index") != NULL);
	CHECK_INT(store_bulk_end(st, 1), 0);
	CHECK_INT(store_commit(st), 0);
	CHECK_INT(store_index_check(st), 0);
	/* a failed bulk load: rolled back, triggers on again */
	CHECK_INT(store_begin(st), 0);
	CHECK_INT(store_bulk_begin(st), 0);
	add_article(st, "four", "fourth text");
	CHECK_INT(store_bulk_end(st, 0), 0);
	store_rollback(st);
	add_article(st, "five", "fifth text");
	CHECK_INT(store_index_check(st), 0);
	CHECK_INT(store_bulk_end(st, 1), 0);        /* not in bulk mode: nothing */
	store_close(&st);
}

static void test_open_more(void)
{
	char dir[] = "/tmp/nerve-test-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *other = xasprintf("%s/other.db", dir);
	struct store *st = store_open(other, STORE_CREATE);
	CHECK(st != NULL);
	store_close(&st);
	/* a database from a newer nerve: user_version (offset 60) 99 */
	set_user_version(other, 99);
	CHECK(store_open(other, 0) == NULL);
	CHECK(strstr(err_msg(), "newer nerve") != NULL);
	CHECK(store_open(other, STORE_READONLY) == NULL);
	/* an SQLite database with tables but no version is someone else's:
	 * never taken over */
	set_user_version(other, 0);
	CHECK(store_open(other, STORE_CREATE) == NULL);
	CHECK(strstr(err_msg(), "not a nerve database") != NULL);
	/* a missing file is not created without STORE_CREATE */
	char *missing = xasprintf("%s/missing.db", dir);
	CHECK(store_open(missing, 0) == NULL);
	CHECK(strstr(err_msg(), "no such database") != NULL);
	CHECK(access(missing, F_OK) != 0);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(missing);
	free(other);
}

/* The model table: add, activate, scores, reset. */
static void test_models(void)
{
	static const char blob[] = "model bytes";
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct model_row m;
	CHECK(store_model_active(st, &m, 1) == 1);
	model_row_finish(&m);
	int64_t id1, id2;
	CHECK(store_model_add(st, blob, sizeof blob, "first", "{\"a\": 1}", &id1) == 0);
	CHECK(store_model_active(st, &m, 1) == 1);  /* added, not active yet */
	model_row_finish(&m);
	CHECK(store_model_activate(st, id1) == 0);
	CHECK(store_model_add(st, "x", 1, "second", NULL, &id2) == 0);
	CHECK(store_model_active(st, &m, 1) == 0);
	CHECK_INT(m.id, id1);
	CHECK_STR(m.trained_on, "first");
	CHECK_STR(m.scores, "{\"a\": 1}");
	CHECK_INT(m.len, sizeof blob);
	CHECK(m.data && memcmp(m.data, blob, sizeof blob) == 0);
	model_row_finish(&m);
	CHECK(store_model_activate(st, id2) == 0);
	CHECK(store_model_set_scores(st, id2, "{}") == 0);
	CHECK(store_model_active(st, &m, 0) == 0);
	CHECK_INT(m.id, id2);
	CHECK(m.data == NULL);
	CHECK_INT(m.len, 1);
	model_row_finish(&m);
	CHECK(store_model_reset(st) == 0);
	CHECK(store_model_active(st, &m, 0) == 1);
	model_row_finish(&m);
	store_close(&st);
}

int main(void)
{
	test_models();
	test_types();
	test_export();
	test_stats();
	test_replace_suggestions();
	test_article_lookup();
	test_bulk();
	test_open_more();
	test_article_entity();
	test_open_memory();
	test_open_errors();
	return tap_status();
}
