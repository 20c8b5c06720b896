/*
 * test_formats.c: unit tests of the interchange formats — brat file
 * names, the CSV reader, the CoNLL reader's text rebuilding and its
 * round trip through the writer, JSON strings, the doccano and Prodigy
 * line parsers, and CSV import onto existing articles with the journal
 * checked afterwards.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/formats.h"
#include "edit/import.h"
#include "store/store.h"
#include "tap.h"
#include "text/text.h"
#include "lib/util.h"

/* ---- brat names ---------------------------------------------------------- */

static void check_name(const char *id, const char *want)
{
	char *name = fmt_brat_name(id);
	CHECK_STR(name, want);
	if (name) {
		char *back = fmt_brat_id(name, strlen(name));
		CHECK_STR(back, id);
		free(back);
	}
	free(name);
}

static void test_brat_names(void)
{
	check_name("astral-1", "astral-1");
	check_name("quotes,commas", "quotes,commas");
	check_name("sub/b.txt", "sub/b.txt");
	check_name("fine#2", "fine#2");
	check_name("corpus.jsonl:12", "corpus.jsonl:12");
	/* what a path cannot hold, or would hide or climb out with */
	check_name("50%", "50%25");
	check_name("../etc/passwd", "%2E./etc/passwd");
	check_name("/abs", "%2Fabs");
	check_name("a//b", "a%2F/b");
	check_name("trail/", "trail%2F");
	check_name(".hidden", "%2Ehidden");
	check_name("a/.b", "a/%2Eb");
	check_name("tab\there", "tab%09here");
	check_name("Bakı/📰", "Bakı/📰");
	char *none = fmt_brat_name("");
	CHECK(none == NULL);
	char long_id[300];
	memset(long_id, 'x', sizeof long_id - 1);
	long_id[sizeof long_id - 1] = '\0';
	none = fmt_brat_name(long_id);
	CHECK(none == NULL);
	/* names from elsewhere: only what nerve escapes is decoded */
	char *id = fmt_brat_id("100%.x%ZZ%C3%41", 15);
	CHECK_STR(id, "100%.x%ZZ%C3A");
	free(id);
}

/* ---- CSV ----------------------------------------------------------------- */

struct rows {
	struct buf out;                 /* "LINE|article|start|end|text|raw|type|status|origin|annotator\n" */
	struct buf notes;
};

static int take_row(void *arg, const struct csv_entity *e)
{
	struct rows *r = arg;
	buf_printf(&r->out, "%zu|%s|%lld|%lld|%s|%s|%s|%s|%s|%s\n", e->line, e->article,
	           (long long)e->start, (long long)e->end, e->text ? e->text : "(none)",
	           e->text_raw ? e->text_raw : "(none)", e->type, e->status ? e->status : "(none)",
	           e->origin ? e->origin : "(none)", e->annotator ? e->annotator : "(none)");
	return 0;
}

static void take_note(void *arg, size_t line, int skipped, const char *msg)
{
	struct rows *r = arg;
	buf_printf(&r->notes, "%zu%s %s\n", line, skipped ? " skipped:" : ":", msg);
}

/* Read CSV text; returns the reader's status, rows and notes in r. */
static int read_csv(const char *csv, struct rows *r)
{
	buf_clear(&r->out);
	buf_clear(&r->notes);
	buf_adds(&r->out, "");
	buf_adds(&r->notes, "");
	FILE *f = fmemopen((void *)csv, strlen(csv), "rb");
	int rc = fmt_csv_read(f, "t.csv", 0, take_row, take_note, r);
	fclose(f);
	return rc;
}

static void test_csv_read(void)
{
	struct rows r = { BUF_INIT, BUF_INIT };
	/* the export's own layout, with a BOM, quoting and a cell over two lines */
	CHECK_INT(read_csv("\xEF\xBB\xBF" "article_id,article_title,entity_id,start,end,text,type,"
	                   "status,origin,annotator,updated_at\r\n"
	                   "a1,Title,1,0,5,Zakir,PERSON,accepted,analyst,ayla,2026-01-01T00:00:00Z\r\n"
	                   "\"q,c\",\"He said \"\"no\"\"\",2,4,23,\"Ministry of\nDefense\",ORG,"
	                   "accepted,analyst,\"bo, \"\"the\"\" second\",2026-01-01T00:00:00Z\r\n"
	                   "'=f,'=1+1,3,0,7,''quoted,MISC,accepted,analyst,'@ann,x\r\n"
	                   "\r\n"
	                   "last,,4,1,2,x,LOC,suggested,detector,detector,x", &r), 0);
	CHECK_STR(r.out.data,
	          "2|a1|0|5|Zakir|Zakir|PERSON|accepted|analyst|ayla\n"
	          "3|q,c|4|23|Ministry of\nDefense|Ministry of\nDefense|ORG|accepted|analyst|"
	          "bo, \"the\" second\n"
	          "5|=f|0|7|'quoted|''quoted|MISC|accepted|analyst|@ann\n"
	          "7|last|1|2|x|x|LOC|suggested|detector|detector\n");
	CHECK_STR(r.notes.data, "");
	/* columns in another order, optional ones absent, LF line ends */
	CHECK_INT(read_csv("type,end,start,article_id\nPERSON,5,0,a\n", &r), 0);
	CHECK_STR(r.out.data, "2|a|0|5|(none)|(none)|PERSON|(none)|(none)|(none)\n");
	/* bad rows are skipped with their line, the others read */
	CHECK_INT(read_csv("article_id,start,end,type\na,x,5,T\na,0,5\na,1,-\"2,T\nb,0,1,T\n", &r), 0);
	CHECK_STR(r.out.data, "5|b|0|1|(none)|(none)|T|(none)|(none)|(none)\n");
	CHECK_STR(r.notes.data, "2 skipped: start 'x' is not a number; row skipped\n"
	                        "3 skipped: the row has 3 cells, the header 4; row skipped\n"
	                        "4 skipped: end '-\"2' is not a number; row skipped\n");
	/* files that do not parse */
	CHECK_INT(read_csv("article_id,start,end,type\na,0,1,\"T\n\nb,0,1,T\n", &r), -1);
	CHECK_STR(err_msg(), "t.csv:2: a quoted cell is not closed");
	CHECK_INT(read_csv("article_id,start,end,type\na,0,1,\"T\"x\n", &r), -1);
	CHECK_STR(err_msg(), "t.csv:2: text after the closing quote of a cell");
	CHECK_INT(read_csv("article_id,start,type\n", &r), -1);
	CHECK_STR(err_msg(), "t.csv:1: the header has no end column (article_id, start, end and "
	                     "type are needed)");
	CHECK_INT(read_csv("article_id,start,end,type,type\n", &r), -1);
	CHECK_STR(err_msg(), "t.csv:1: the header names the column type twice");
	CHECK_INT(read_csv("", &r), -1);
	CHECK_INT(read_csv("article_id,start,end,type\na,0,1,\xC3\n", &r), -1);
	CHECK_STR(err_msg(), "t.csv:2: invalid UTF-8");
	buf_free(&r.out);
	buf_free(&r.notes);
}

/* ---- CoNLL ---------------------------------------------------------------- */

struct docs {
	struct buf out;                 /* "LINE|text|start-end TYPE (line) ...\n" */
	struct buf notes;
};

static int take_doc(struct doc *d, void *arg)
{
	struct docs *r = arg;
	buf_printf(&r->out, "%zu|%s|", d->line, d->text);
	for (size_t i = 0; i < d->nspans; i++) {
		const struct span *s = &d->spans[i];
		/* the span's text, sliced by code points */
		size_t b0 = text_cp_to_byte(d->text, d->text_len, (size_t)s->start);
		size_t b1 = text_cp_to_byte(d->text, d->text_len, (size_t)s->end);
		buf_printf(&r->out, "%s%lld-%lld %s [%.*s] (%zu)", i ? " " : "", (long long)s->start,
		           (long long)s->end, s->type, (int)(b1 - b0), d->text + b0, s->line);
	}
	buf_addc(&r->out, '\n');
	return 0;
}

static void doc_note(void *arg, size_t line, int skipped, const char *msg)
{
	struct docs *r = arg;
	buf_printf(&r->notes, "%zu%s %s\n", line, skipped ? " skipped:" : ":", msg);
}

static int read_conll(const char *conll, struct docs *r)
{
	buf_clear(&r->out);
	buf_clear(&r->notes);
	buf_adds(&r->out, "");
	buf_adds(&r->notes, "");
	FILE *f = fmemopen((void *)conll, strlen(conll), "rb");
	int rc = fmt_conll_read(f, "t.conll", 0, take_doc, doc_note, r);
	fclose(f);
	return rc;
}

static void test_conll_read(void)
{
	struct docs r = { BUF_INIT, BUF_INIT };
	/* spacing: closing punctuation, opening quotes and brackets,
	 * possessives, hyphens, currency; sentences on lines of their own */
	CHECK_INT(read_conll("-DOCSTART- -X- -X- O\r\n\r\n"
	                     "The DT B-NP O\r\nU.S. NNP I-NP B-LOC\r\n- HYPH O O\r\n"
	                     "led VBN O O\r\nforce NN O O\r\n, , O O\r\nsaid VBD O O\r\n"
	                     "“ `` O O\r\nthe DT O O\r\nArmy NNP O B-ORG\r\n’s POS O O\r\n"
	                     "( ( O O\r\nnot RB O O\r\n$ $ O O\r\n5 CD O O\r\n) ) O O\r\n"
	                     "” '' O O\r\n. . O O\r\n\r\n"
	                     "They PRP O O\r\ndo VBP O O\r\nn't RB O O\r\nknow VB O O\r\n"
	                     "\" '' O O\r\nwhy WRB O O\r\n\" '' O O\r\n. . O O\r\n", &r), 0);
	CHECK_STR(r.out.data,
	          "1|The U.S.-led force, said “the Army’s (not $5)”.\n"
	          "They don't know \"why\".|4-8 LOC [U.S.] (4) 30-34 ORG [Army] (12)\n");
	CHECK_STR(r.notes.data, "");
	/* documents, an entity going on over a blank line, an astral
	 * character before an entity, an I- without a B- */
	CHECK_INT(read_conll("-DOCSTART- O\n\n📰\tO\n𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠\tO\n:\tO\nZakir\tB-PERSON\n"
	                     "Hasanov\tI-PERSON\n\nspoke\tI-PERSON\n\n"
	                     "-DOCSTART- O\n\nin\tO\nBaku\tI-LOC\nand\tO\nAnkara\tI-LOC\n", &r), 0);
	CHECK_STR(r.out.data,
	          "1|📰 𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠: Zakir Hasanov\nspoke|12-31 PERSON [Zakir Hasanov\nspoke] (6)\n"
	          "11|in Baku and Ankara|3-7 LOC [Baku] (14) 12-18 LOC [Ankara] (16)\n");
	CHECK_STR(r.notes.data, "14: I-LOC without a B- tag before it: read as the start of an "
	                        "entity (and 1 more such I- tags in this file)\n");
	/* tokens the tokenizer would run together get a space: 5 , 000 is
	 * not 5,000 (one number); a skin tone stays on its emoji */
	CHECK_INT(read_conll("5\tO\n,\tO\n000\tO\n👍\tO\n🏽\tO\n", &r), 0);
	CHECK_STR(r.out.data, "1|5, 000 👍🏽|\n");
	/* a possessive with any apostrophe; an opening quote is not one */
	CHECK_INT(read_conll("Britain\tB-LOC\n‘s\tO\nvote\tO\n‘\tO\nsoon\tO\n’\tO\n", &r), 0);
	CHECK_STR(r.out.data, "1|Britain‘s vote ‘soon’|0-7 LOC [Britain] (1)\n");
	/* no -DOCSTART-: one document; space-separated columns */
	CHECK_INT(read_conll("Zakir B-PER\nHasanov I-PER\n", &r), 0);
	CHECK_STR(r.out.data, "1|Zakir Hasanov|0-13 PER [Zakir Hasanov] (1)\n");
	/* lines that do not parse */
	CHECK_INT(read_conll("Zakir\tB-PER\nHasanov\n", &r), -1);
	CHECK_STR(err_msg(), "t.conll:2: a token without a tag (TOKEN<TAB>TAG expected)");
	CHECK_INT(read_conll("Zakir\tPER\n", &r), -1);
	CHECK_STR(err_msg(), "t.conll:1: 'PER' is not an IOB2 tag (O, B-TYPE or I-TYPE)");
	CHECK_INT(read_conll("Zakir\tB-\n", &r), -1);
	CHECK_INT(read_conll("ok\tO\nCaf\xE9\tO\n", &r), -1);
	CHECK_STR(err_msg(), "t.conll:2: invalid UTF-8 at byte 8");
	buf_free(&r.out);
	buf_free(&r.notes);
}

/* ---- JSON ------------------------------------------------------------------ */

static void test_json_str(void)
{
	struct buf b = BUF_INIT;
	fmt_json_str(&b, "a\"b\\c\nd\te\x01\x1f📰", strlen("a\"b\\c\nd\te\x01\x1f📰"));
	CHECK_STR(b.data, "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f📰\"");
	buf_clear(&b);
	fmt_json_str(&b, "", 0);
	CHECK_STR(b.data, "\"\"");
	buf_free(&b);
}

static void test_span_lines(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	CHECK(st != NULL);
	if (!st)
		return;
	struct doc d;
	const char *l = "{\"id\": 17, \"text\": \"📰 Zakir\", \"label\": [[2, 7, \"PERSON\"]]}";
	CHECK_INT(store_json_doccano(st, l, strlen(l), &d), 0);
	CHECK_STR(d.id, "17");
	CHECK_STR(d.text, "📰 Zakir");
	CHECK_INT(d.has_entities, 1);
	CHECK_INT(d.nspans, 1);
	if (d.nspans == 1) {
		CHECK_INT(d.spans[0].start, 2);
		CHECK_INT(d.spans[0].end, 7);
		CHECK_STR(d.spans[0].type, "PERSON");
	}
	doc_finish(&d);
	l = "{\"text\": \"x\"}";
	CHECK_INT(store_json_doccano(st, l, strlen(l), &d), 0);
	CHECK_INT(d.has_entities, 0);
	doc_finish(&d);
	l = "{\"text\": \"x\", \"label\": [[0, 1, \"A\"], [0, 1]]}";
	CHECK_INT(store_json_doccano(st, l, strlen(l), &d), -1);
	CHECK_STR(err_msg(), "label 2 is not [start, end, \"TYPE\"]");
	l = "{\"text\": \"x\", \"label\": {}}";
	CHECK_INT(store_json_doccano(st, l, strlen(l), &d), -1);
	CHECK_STR(err_msg(), "\"label\" is not an array");
	l = "{\"label\": []}";
	CHECK_INT(store_json_doccano(st, l, strlen(l), &d), -1);
	CHECK_STR(err_msg(), "no \"text\" field");
	l = "{\"text\": \"x\", ";
	CHECK_INT(store_json_doccano(st, l, strlen(l), &d), -1);
	CHECK_STR(err_msg(), "not valid JSON");

	l = "{\"text\": \"Zakir Hasanov\", \"meta\": {\"id\": \"m-1\"}, \"tokens\": [], "
	    "\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PERSON\", \"text\": \"Zakir\"}, "
	    "{\"start\": 6, \"end\": 13, \"token_start\": 1, \"token_end\": 1, \"label\": \"X\"}]}";
	CHECK_INT(store_json_prodigy(st, l, strlen(l), &d), 0);
	CHECK_STR(d.id, "m-1");
	CHECK_INT(d.nspans, 2);
	if (d.nspans == 2) {
		CHECK_STR(d.spans[0].text, "Zakir");
		CHECK(d.spans[1].text == NULL);
		CHECK_STR(d.spans[1].type, "X");
	}
	doc_finish(&d);
	l = "{\"id\": \"top\", \"text\": \"x\", \"meta\": {\"id\": \"m\"}, \"spans\": []}";
	CHECK_INT(store_json_prodigy(st, l, strlen(l), &d), 0);
	CHECK_STR(d.id, "top");
	CHECK_INT(d.has_entities, 1);
	doc_finish(&d);
	l = "{\"text\": \"x\", \"spans\": [{\"start\": 0, \"end\": 1}]}";
	CHECK_INT(store_json_prodigy(st, l, strlen(l), &d), -1);
	CHECK_STR(err_msg(), "span 1: \"label\" is missing or not a string");
	l = "{\"text\": \"x\", \"spans\": [{\"start\": 0.5, \"end\": 1, \"label\": \"A\"}]}";
	CHECK_INT(store_json_prodigy(st, l, strlen(l), &d), -1);
	CHECK_STR(err_msg(), "span 1: \"start\" is missing or not an integer");
	l = "{\"text\": \"x\", \"spans\": [3]}";
	CHECK_INT(store_json_prodigy(st, l, strlen(l), &d), -1);
	CHECK_STR(err_msg(), "span 1 is not an object");
	store_close(&st);
}

/* ---- CoNLL: writer and reader agree ----------------------------------------- */

static void quiet(void *arg, const char *msg)
{
	struct buf *b = arg;
	buf_printf(b, "%s\n", msg);
}

/* Import text (a file's contents) named name into st; messages into msgs. */
static int import_text(struct store *st, const char *name, const char *text,
                       enum import_format fmt, int reviewed, struct buf *msgs)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/nerve-test-formats-%ld-%s", (long)getpid(), name);
	FILE *f = fopen(path, "wb");
	fputs(text, f);
	fclose(f);
	struct import_opts o = { 0 };
	o.format = fmt;
	o.annotator = "tester";
	o.reviewed = reviewed;
	o.message = quiet;
	o.message_arg = msgs;
	struct import *im = import_new(st, &o);
	int rc = import_path(im, path);
	import_free(&im);
	unlink(path);
	return rc;
}

static void test_conll_round_trip(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct buf msgs = BUF_INIT;
	const char *jsonl =
		"{\"id\": \"a\", \"text\": \"📰 Lt. Gen. Zakir Hasanov, the U.S.-led force’s "
		"chief, said: \\\"Baku's (not Ankara's) 5,000 troops...\\\" Then he left.\\n\\n"
		"Metin Tokel of the\\nMinistry of Defense agreed.\", \"entities\": ["
		"{\"start\": 11, \"end\": 24, \"type\": \"PERSON\"}, "
		"{\"start\": 30, \"end\": 34, \"type\": \"LOC\"}, "
		"{\"start\": 61, \"end\": 65, \"type\": \"LOC\"}, "
		"{\"start\": 73, \"end\": 79, \"type\": \"LOC\"}, "
		"{\"start\": 115, \"end\": 126, \"type\": \"PERSON\"}, "
		"{\"start\": 134, \"end\": 153, \"type\": \"ORG\"}]}\n";
	CHECK_INT(import_text(st, "a.jsonl", jsonl, IMPORT_JSONL, 0, &msgs), 0);
	struct export_filter f = { 0 };
	char *one = NULL, *two = NULL;
	size_t n1 = 0, n2 = 0;
	FILE *out = open_memstream(&one, &n1);
	CHECK_INT(fmt_conll_export(st, &f, out, NULL, NULL), 0);
	fclose(out);
	struct store *st2 = store_open(":memory:", STORE_CREATE);
	CHECK_INT(import_text(st2, "a.conll", one, IMPORT_CONLL, 0, &msgs), 0);
	out = open_memstream(&two, &n2);
	CHECK_INT(fmt_conll_export(st2, &f, out, NULL, NULL), 0);
	fclose(out);
	CHECK_STR(two, one);
	CHECK(strstr(one, "Ministry\tB-ORG\nof\tI-ORG\nDefense\tI-ORG\n") != NULL);
	/* a newline starts a sentence: the entity goes on after the blank line */
	CHECK(strstr(one, "the\tO\n\nMinistry\tB-ORG\n") != NULL);
	CHECK_STR(msgs.data ? msgs.data : "", "");
	free(one);
	free(two);
	buf_free(&msgs);
	store_close(&st);
	store_close(&st2);
}

/* ---- CSV import ---------------------------------------------------------------- */

static void test_csv_import(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct buf msgs = BUF_INIT;
	CHECK_INT(import_text(st, "a.jsonl",
	                      "{\"id\": \"a\", \"text\": \"📰 Zakir Hasanov met Metin Tokel in Bakı.\", "
	                      "\"entities\": [{\"start\": 2, \"end\": 15, \"type\": \"PERSON\", "
	                      "\"status\": \"suggested\", \"origin\": \"detector\", "
	                      "\"annotator\": \"detector\", \"confidence\": 0.5}, "
	                      "{\"start\": 20, \"end\": 31, \"type\": \"ORG\", "
	                      "\"status\": \"suggested\", \"origin\": \"detector\", "
	                      "\"annotator\": \"detector\"}]}\n"
	                      "{\"id\": \"12\", \"text\": \"A number for an id.\"}\n",
	                      IMPORT_JSONL, 0, &msgs),
	          0);
	/* an analyst's decisions arrive: one suggestion accepted, one retyped
	 * and accepted, a new entity, and an article whose id is all digits */
	const char *csv =
		"article_id,start,end,text,type,status,origin,annotator\r\n"
		"a,2,15,Zakir Hasanov,PERSON,accepted,analyst,ayla\r\n"
		"a,20,31,Metin Tokel,PERSON,accepted,analyst,ayla\r\n"
		"a,35,39,Bakı,LOC,accepted,analyst,ayla\r\n"
		"12,2,8,number,MISC,rejected,analyst,bo\r\n";
	buf_clear(&msgs);
	CHECK_INT(import_text(st, "d.csv", csv, IMPORT_CSV, 0, &msgs), 0);
	CHECK_STR(msgs.data ? msgs.data : "", "");
	int64_t a;
	CHECK_INT(store_article_by_ext_id(st, "a", &a), 1);
	struct entity_list l = { 0 };
	CHECK_INT(store_entities_of(st, a, &l), 0);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_STR(l.v[0].type, "PERSON");
		CHECK_INT(l.v[0].status, ENT_ACCEPTED);
		CHECK_STR(l.v[0].annotator, "ayla");
		CHECK_STR(l.v[1].type, "PERSON"); /* the ORG suggestion, retyped */
		CHECK_INT(l.v[1].start, 20);
		CHECK_INT(l.v[2].start, 35);
		CHECK_INT(l.v[2].origin, ORIGIN_ANALYST);
	}
	entity_list_finish(&l);
	int64_t twelve;
	CHECK_INT(store_article_by_ext_id(st, "12", &twelve), 1);
	CHECK(twelve != 12);
	/* the journal agrees with the tables */
	CHECK_INT(store_edit_check(st), 0);
	/* the same file again changes nothing */
	buf_clear(&msgs);
	CHECK_INT(import_text(st, "d.csv", csv, IMPORT_CSV, 0, &msgs), 0);
	/* --reviewed: articles marked done, journalled */
	CHECK_INT(import_text(st, "r.csv", "article_id,start,end,type\r\na,2,15,PERSON\r\n",
	                      IMPORT_CSV, 1, &msgs), 0);
	enum article_state s;
	CHECK_INT(store_edit_state(st, a, &s), 0);
	CHECK_INT(s, STATE_DONE);
	CHECK_INT(store_edit_state(st, twelve, &s), 0);
	CHECK_INT(s, STATE_NEW);
	CHECK_INT(store_edit_check(st), 0);
	/* bad rows are skipped, named by line; the good ones go in */
	buf_clear(&msgs);
	CHECK_INT(import_text(st, "b.csv",
	                      "article_id,start,end,text,type\n"
	                      "a,2,15,Zakir Hasano,PERSON\n"
	                      "nope,0,1,x,PERSON\n"
	                      "a,0,1,\xF0\x9F\x93\xB0,NEWTYPE\n"
	                      "a,0,99,x,PERSON\n",
	                      IMPORT_CSV, 0, &msgs),
	          -1);
	CHECK(strstr(msgs.data, "b.csv:2: its text \"Zakir Hasano\" is not the article's text at "
	                        "2-15 (\"Zakir Hasanov\"); row skipped") != NULL);
	CHECK(strstr(msgs.data, "b.csv:3: no article 'nope' in the database; row skipped") != NULL);
	CHECK(strstr(msgs.data, "new entity type NEWTYPE") != NULL);
	CHECK(strstr(msgs.data, "b.csv:5: 0-99 is outside the article's text of 40 characters; "
	                        "row skipped") != NULL);
	CHECK_INT(store_edit_check(st), 0);
	buf_free(&msgs);
	store_close(&st);
}

int main(void)
{
	test_brat_names();
	test_csv_read();
	test_conll_read();
	test_json_str();
	test_span_lines();
	test_conll_round_trip();
	test_csv_import();
	return tap_status();
}
