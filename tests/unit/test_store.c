/*
 * test_store.c: unit tests of the store module.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "tap.h"
#include "util.h"

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

static void test_json_doc(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct doc d;
	const char *line = "{\"id\": \"a1\", \"title\": \"T\", \"text\": \"\\u00e9 Baku \\ud835\\udc00 x\", "
	                   "\"extra\": [1], \"entities\": [{\"start\": 2, \"end\": 6, \"type\": \"geo\", "
	                   "\"text\": \"Baku\", \"confidence\": 0.5, \"status\": \"accepted\"}, "
	                   "{\"type\": \"per\", \"end\": 9, \"start\": 7}]}";
	CHECK(store_json_doc(st, line, strlen(line), &d) == 0);
	CHECK_STR(d.id, "a1");
	CHECK_STR(d.title, "T");
	CHECK_STR(d.text, "\xC3\xA9 Baku \xF0\x9D\x90\x80 x");
	CHECK_INT(d.text_len, 14);
	CHECK(d.has_entities);
	CHECK_INT(d.nspans, 2);
	if (d.nspans == 2) {
		CHECK_INT(d.spans[0].start, 2);
		CHECK_INT(d.spans[0].end, 6);
		CHECK_STR(d.spans[0].type, "geo");
		CHECK_STR(d.spans[0].text, "Baku");
		CHECK_STR(d.spans[0].status, "accepted");
		CHECK(d.spans[0].has == (SPAN_HAS_STATUS | SPAN_HAS_CONFIDENCE));
		CHECK_STR(d.spans[1].type, "per");
		CHECK_INT(d.spans[1].start, 7);
	}
	doc_finish(&d);

	const char *numeric_id = "{\"id\": 42, \"text\": \"x\"}";
	CHECK(store_json_doc(st, numeric_id, strlen(numeric_id), &d) == 0);
	CHECK_STR(d.id, "42");
	CHECK(!d.has_entities);
	doc_finish(&d);

	static const struct { const char *json, *msg; } bad[] = {
		{ "{\"text\": 1}", "not a string" },
		{ "{\"title\": \"x\"}", "no \"text\"" },
		{ "[1, 2]", "not a JSON object" },
		{ "{\"text\": \"x\"", "not valid JSON" },
		{ "{\"text\": \"x\", \"entities\": {}}", "not an array" },
		{ "{\"text\": \"x\", \"entities\": [{\"start\": 0, \"type\": \"a\"}]}", "lacks \"end\"" },
		{ "{\"text\": \"x\", \"entities\": [{\"start\": \"0\", \"end\": 1, \"type\": \"a\"}]}", "wrong kind" },
		{ "{\"text\": \"x\", \"entities\": [3]}", "other than objects" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK(store_json_doc(st, bad[i].json, strlen(bad[i].json), &d) == -1);
		if (!strstr(err_msg(), bad[i].msg))
			fprintf(stderr, "case %zu: message '%s'\n", i, err_msg());
		CHECK(strstr(err_msg(), bad[i].msg) != NULL);
	}
	store_close(&st);
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

int main(void)
{
	test_article_entity();
	test_json_doc();
	test_open_memory();
	test_open_errors();
	return tap_status();
}
