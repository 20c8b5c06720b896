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
#include "formats/json.h"
#include "edit/export.h"
#include "edit/import.h"
#include "edit/tokenizer.h"
#include "store/store.h"
#include "tap.h"
#include "fixtures.h"
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
	struct tokenizer tk;
	tokenizer_init(&tk);
	int rc = fmt_conll_read(f, "t.conll", 0, &tk.fmt, take_doc, doc_note, r);
	tokenizer_finish(&tk);
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
	buf_add_json(&b, "a\"b\\c\nd\te\x01\x1f📰", strlen("a\"b\\c\nd\te\x01\x1f📰"));
	CHECK_STR(b.data, "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f📰\"");
	buf_clear(&b);
	buf_add_json(&b, "", 0);
	CHECK_STR(b.data, "\"\"");
	buf_free(&b);
}

/* ---- JSON ------------------------------------------------------------------- */

/* The members of an object as "key=string;" ("(null)" for other values). */
static void members(const struct json *o, struct buf *b)
{
	for (size_t i = 0; i < o->u.obj.n; i++) {
		const struct json_member *m = &o->u.obj.v[i];
		buf_printf(b, "%s=%s;", m->key, json_is_string(&m->val) ? m->val.u.str.s : "(null)");
	}
}

static void test_json_parser(void)
{
	struct json_parser p;
	json_parser_init(&p, 0);
	const struct json *v;

	/* escapes, surrogate pairs, UTF-8 as it is */
	const char *s = "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\udcf0 \xC3\xBC\"";
	v = json_parse(&p, s, strlen(s));
	CHECK(json_is_string(v));
	if (v) {
		CHECK_STR(v->u.str.s, "a\"b\\c/d\b\f\n\r\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\xB0 \xC3\xBC");
		CHECK_INT(v->u.str.len, strlen(v->u.str.s));
	}

	/* numbers: integers exactly, others as doubles */
	s = " [0, -7, 9223372036854775807, -9223372036854775808, 9223372036854775808, 1.5, -2e3, 1E+2] ";
	v = json_parse(&p, s, strlen(s));
	CHECK(v && v->type == JSON_ARRAY && v->u.arr.n == 8);
	if (v && v->u.arr.n == 8) {
		const struct json *a = v->u.arr.v;
		CHECK(json_is_int(&a[0]) && a[0].u.num.i == 0);
		CHECK(json_is_int(&a[1]) && a[1].u.num.i == -7);
		CHECK(json_is_int(&a[2]) && a[2].u.num.i == INT64_MAX);
		CHECK(json_is_int(&a[3]) && a[3].u.num.i == INT64_MIN);
		CHECK(!json_is_int(&a[4]) && a[4].type == JSON_NUMBER);
		CHECK(!json_is_int(&a[5]) && a[5].u.num.d == 1.5);
		CHECK(!json_is_int(&a[6]) && a[6].u.num.d == -2000);
		CHECK(!json_is_int(&a[7]) && a[7].u.num.d == 100);
		CHECK_INT(a[5].at, 73);
	}

	/* nesting, literals, members in order, lookup by key */
	s = "{\"a\": {\"b\": [true, false, null, {}, []]}, \"c\": \"d\", \"\": 1}";
	v = json_parse(&p, s, strlen(s));
	CHECK(v && v->type == JSON_OBJECT && v->u.obj.n == 3);
	const struct json *a = json_get(v, "a");
	const struct json *b = json_get(a, "b");
	CHECK(b && b->type == JSON_ARRAY && b->u.arr.n == 5);
	if (b && b->u.arr.n == 5) {
		CHECK(b->u.arr.v[0].type == JSON_TRUE);
		CHECK(b->u.arr.v[1].type == JSON_FALSE);
		CHECK(b->u.arr.v[2].type == JSON_NULL);
		CHECK(b->u.arr.v[3].type == JSON_OBJECT && b->u.arr.v[3].u.obj.n == 0);
		CHECK(b->u.arr.v[4].type == JSON_ARRAY && b->u.arr.v[4].u.arr.n == 0);
	}
	CHECK(json_get(v, "") != NULL);
	CHECK(json_get(v, "x") == NULL);
	CHECK(json_get(b, "a") == NULL);

	/* errors, each with the byte where it is */
	static const struct {
		const char *json;
		enum json_error error;
		size_t at;
		const char *message;
	} bad[] = {
		{ "", JSON_ESYNTAX, 0, "a value is missing" },
		{ "{\"text\": \"x\"", JSON_ESYNTAX, 12, "expected ',' or '}'" },
		{ "{\"a\" 1}", JSON_ESYNTAX, 5, "expected ':'" },
		{ "[1,]", JSON_ESYNTAX, 3, "not a value" },
		{ "[1] x", JSON_ESYNTAX, 4, "more after the value" },
		{ "\"tab\there\"", JSON_ESYNTAX, 4, "a control character inside a string" },
		{ "\"\\x\"", JSON_ESYNTAX, 1, "an unknown escape" },
		{ "\"\\u12\"", JSON_ESYNTAX, 1, "a \\u escape without four hex digits" },
		{ "01", JSON_ESYNTAX, 1, "more after the value" },
		{ "1.", JSON_ESYNTAX, 0, "a number without digits after '.'" },
		{ "tru", JSON_ESYNTAX, 0, "not a value" },
		{ "{'a': 1}", JSON_ESYNTAX, 1, "expected a key" },
		{ "\"open", JSON_ESYNTAX, 0, "a string that does not end" },
		{ "\"0123456789abcdef\\", JSON_ESYNTAX, 0, "a string that does not end" },
		{ "\"0123456789abcdef\x01\"", JSON_ESYNTAX, 17, "a control character inside a string" },
		{ "{\"id\": \"x\", \"text\": \"a\\u0000b\"}", JSON_ENUL, 22,
		  "\"text\": a \\u0000 (NUL) escape" },
		{ "{\"text\": \"\\ud800\"}", JSON_ESURROGATE, 10, "\"text\": a lone surrogate \\ud800" },
		{ "{\"text\": \"\\udc00\\ud800\"}", JSON_ESURROGATE, 10,
		  "\"text\": a lone surrogate \\udc00" },
		{ "{\"t\": {\"u\": \"\\ud83dx\"}}", JSON_ESURROGATE, 13, "\"u\": a lone surrogate \\ud83d" },
		{ "{\"text\": \"a\", \"id\": 1, \"text\": \"b\"}", JSON_EDUPLICATE, 23,
		  "the key \"text\" appears twice" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		v = json_parse(&p, bad[i].json, strlen(bad[i].json));
		CHECK(v == NULL);
		CHECK_INT(p.error, bad[i].error);
		CHECK_INT(p.error_at, bad[i].at);
		CHECK_STR(p.message, bad[i].message);
	}

	/* a duplicate among many keys (the sorted check) */
	struct buf big = BUF_INIT;
	buf_addc(&big, '{');
	for (int k = 0; k < 100; k++)
		buf_printf(&big, "%s\"k%d\": %d", k ? ", " : "", k % 97, k);
	buf_addc(&big, '}');
	v = json_parse(&p, big.data, big.len);
	CHECK(v == NULL);
	CHECK_INT(p.error, JSON_EDUPLICATE);
	CHECK_STR(p.message, "the key \"k0\" appears twice");
	CHECK_INT(p.error_at, (size_t)(strstr(big.data, "\"k0\": 97") - big.data));
	buf_free(&big);

	/* nesting has a limit, and the parser does not overflow its stack */
	struct buf deep = BUF_INIT;
	for (int k = 0; k < 100000; k++)
		buf_addc(&deep, '[');
	v = json_parse(&p, deep.data, deep.len);
	CHECK(v == NULL);
	CHECK_INT(p.error, JSON_EDEPTH);
	CHECK_INT(p.error_at, JSON_MAX_DEPTH);
	buf_clear(&deep);
	for (int k = 0; k < JSON_MAX_DEPTH; k++)
		buf_addc(&deep, '[');
	for (int k = 0; k < JSON_MAX_DEPTH; k++)
		buf_addc(&deep, ']');
	CHECK(json_parse(&p, deep.data, deep.len) != NULL);
	buf_free(&deep);
	json_parser_finish(&p);

	/* --replace-invalid: U+FFFD instead, one code point for one */
	json_parser_init(&p, JSON_REPLACE_INVALID);
	s = "\"a\\u0000b\\ud800c\\udfffd\"";
	v = json_parse(&p, s, strlen(s));
	CHECK(json_is_string(v));
	if (v)
		CHECK_STR(v->u.str.s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d");
	/* a string bigger than a block of the arena */
	struct buf long_s = BUF_INIT;
	buf_addc(&long_s, '"');
	for (int k = 0; k < 100000; k++)
		buf_adds(&long_s, k % 2 ? "\\n" : "x");
	buf_addc(&long_s, '"');
	v = json_parse(&p, long_s.data, long_s.len);
	CHECK(json_is_string(v) && v->u.str.len == 100000);
	buf_free(&long_s);
	json_parser_finish(&p);
}

static void test_json_helpers(void)
{
	struct json_parser p;
	json_parser_init(&p, 0);
	struct buf b = BUF_INIT;
	const char *m = "{\"per\": \"PERSON\", \"x\": 1, \"Money\": \"-\"}";
	const struct json *v = json_parse(&p, m, strlen(m));
	CHECK(v && v->type == JSON_OBJECT);
	if (v)
		members(v, &b);
	CHECK_STR(b.data, "per=PERSON;x=(null);Money=-;");
	v = json_parse(&p, "{}", 2);
	CHECK(v && v->type == JSON_OBJECT && v->u.obj.n == 0);
	v = json_parse(&p, "[1]", 3);
	CHECK(v && v->type != JSON_OBJECT);
	CHECK(json_parse(&p, "{", 1) == NULL);
	v = json_parse(&p, "\"s\"", 3);
	CHECK(v && v->type != JSON_OBJECT);
	buf_free(&b);
	json_parser_finish(&p);
	const char *d = "{\"text\": \"x\", \"label\": []}";
	CHECK_INT(fmt_json_has_key(d, strlen(d), "label"), 1);
	CHECK_INT(fmt_json_has_key(d, strlen(d), "spans"), 0);
	CHECK_INT(fmt_json_has_key("nonsense", 8, "label"), 0);
}

static void test_json_doc(void)
{
	struct json_parser p;
	json_parser_init(&p, 0);
	struct doc d;
	const char *line = "{\"id\": \"a1\", \"title\": \"T\", \"text\": \"\\u00e9 Baku \\ud835\\udc00 x\", "
	                   "\"extra\": [1], \"entities\": [{\"start\": 2, \"end\": 6, \"type\": \"geo\", "
	                   "\"text\": \"Baku\", \"confidence\": 0.5, \"status\": \"accepted\"}, "
	                   "{\"type\": \"per\", \"end\": 9, \"start\": 7}]}";
	CHECK(fmt_json_line(&p, line, strlen(line), FMT_JSON_CORPUS, &d) == 0);
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
	CHECK(fmt_json_line(&p, numeric_id, strlen(numeric_id), FMT_JSON_CORPUS, &d) == 0);
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
		CHECK(fmt_json_line(&p, bad[i].json, strlen(bad[i].json), FMT_JSON_CORPUS, &d) == -1);
		if (!strstr(err_msg(), bad[i].msg))
			fprintf(stderr, "case %zu: message '%s'\n", i, err_msg());
		CHECK(strstr(err_msg(), bad[i].msg) != NULL);
	}
	json_parser_finish(&p);
}


/* The problems the corpus reader reports with file, line, field and byte. */
static void test_json_lines_errors(void)
{
	static const struct { const char *in, *msg; int replace; } cases[] = {
		{ "{\"text\": \"ok\"}\n{\"id\": \"a\\u0000\", \"text\": \"x\"}\n",
		  "t.jsonl:2: \"id\": a \\u0000 (NUL) escape at byte 24", 0 },
		{ "{\"text\": \"a\\ud800\"}\n", "t.jsonl:1: \"text\": a lone surrogate \\ud800 at byte 11",
		  0 },
		{ "{\"text\": \"a\", \"text\": \"b\"}\n",
		  "t.jsonl:1: the key \"text\" appears twice at byte 14", 0 },
		{ "{\"text\": \"x\", \"entities\": [{\"start\": 0, \"end\": 1, \"type\": "
		  "\"TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT\"}]}\n",
		  "t.jsonl:1: entity 1: the type is longer than 63 bytes", 0 },
		{ "{\"text\": \"a\\u0000b\"}\n", NULL, 1 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct docs r = { BUF_INIT, BUF_INIT };
		buf_adds(&r.out, "");
		FILE *f = fmemopen((void *)cases[i].in, strlen(cases[i].in), "rb");
		int rc = fmt_json_lines(f, "t.jsonl", cases[i].replace, FMT_JSON_CORPUS, take_doc, &r);
		fclose(f);
		if (cases[i].msg) {
			CHECK_INT(rc, -1);
			CHECK_STR(err_msg(), cases[i].msg);
		} else {
			CHECK_INT(rc, 0);
			CHECK_STR(r.out.data, "1|a\xEF\xBF\xBD" "b|\n");
		}
		buf_free(&r.out);
		buf_free(&r.notes);
	}
}

/* The JSON Lines export of st's selection (owned by *out). */
static const char *jsonl_export(struct store *st, const struct export_filter *f, char **out)
{
	size_t n = 0;
	*out = NULL;
	struct export_opts eo;
	export_opts_init(&eo);
	eo.format = EXPORT_JSONL;
	eo.filter = *f;
	eo.out = open_memstream(out, &n);
	CHECK_INT(export_run(st, &eo, NULL), 0);
	fclose(eo.out);
	return *out;
}

static void test_jsonl_export(void)
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
	struct export_filter f = { 0 };
	char *out;
	/* JSON: SQLite's substr() agrees with the writer's walk on the offsets */
	f.statuses = (1u << ENT_ACCEPTED) | (1u << ENT_SUGGESTED);
	CHECK_STR(jsonl_export(st, &f, &out),
		"{\"id\":\"a1\",\"title\":\"T\",\"text\":\"\xF0\x9D\x90\x80 \xF0\x9F\x98\x80 Zakir Hasanov and "
		"T\xC3\xBCrkiye\",\"entities\":[{\"start\":4,\"end\":17,\"type\":\"PERSON\","
		"\"text\":\"Zakir Hasanov\",\"status\":\"accepted\",\"origin\":\"analyst\","
		"\"annotator\":\"ann\"},{\"start\":22,\"end\":29,\"type\":\"LOC\",\"text\":\"T\xC3\xBCrkiye\","
		"\"status\":\"suggested\",\"origin\":\"detector\",\"annotator\":\"detector\","
		"\"confidence\":0.5}]}\n"
		"{\"id\":\"b2\",\"title\":\"T\",\"text\":\"Metin Tokel\",\"entities\":[{\"start\":0,"
		"\"end\":11,\"type\":\"PERSON\",\"text\":\"Metin Tokel\",\"status\":\"accepted\","
		"\"origin\":\"analyst\",\"annotator\":\"other\"}]}\n");
	free(out);
	/* every selected article, even with no selected entity */
	f.statuses = 1u << ENT_REJECTED;
	const char *rej = jsonl_export(st, &f, &out);
	CHECK(strstr(rej, "\"id\":\"b2\"") != NULL);
	CHECK(strstr(rej, "\"entities\":[]") != NULL);
	free(out);

	/* SQLite's json_object() writes reals with a decimal point */
	f.statuses = 1u << ENT_SUGGESTED;
	static const struct { double v; const char *s; } reals[] = {
		{ 1, "1.0" }, { 0.25, "0.25" }, { 1e-05, "1.0e-05" }, { 0.123456789012345678,
		  "0.123456789012346" }, { 3.5e-7, "3.5e-07" }, { 0.1 + 0.2, "0.3" },
		{ 1e20, "1.0e+20" }, { 123456.0, "123456.0" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(reals); i++) {
		char id[16];
		snprintf(id, sizeof id, "r%zu", i);
		char text[32];
		snprintf(text, sizeof text, "Baku %zu", i);
		int64_t r = add_article(st, id, text);
		struct entity e = { 0 };
		e.article = r;
		e.end = 4;
		snprintf(e.type, sizeof e.type, "LOC");
		e.status = ENT_SUGGESTED;
		e.origin = ORIGIN_DETECTOR;
		e.confidence = reals[i].v;
		snprintf(e.annotator, sizeof e.annotator, "detector");
		CHECK_INT(store_entity_add(st, &e), 0);
		f.articles = &r;
		f.narticles = 1;
		char want[64];
		snprintf(want, sizeof want, "\"confidence\":%s}", reals[i].s);
		const char *got = jsonl_export(st, &f, &out);
		if (!strstr(got, want))
			fprintf(stderr, "%s lacks %s\n", got, want);
		CHECK(strstr(got, want) != NULL);
		free(out);
	}
	store_close(&st);
}

static void test_span_lines(void)
{
	struct json_parser p;
	json_parser_init(&p, 0);
	struct doc d;
	const char *l = "{\"id\": 17, \"text\": \"📰 Zakir\", \"label\": [[2, 7, \"PERSON\"]]}";
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_DOCCANO, &d), 0);
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
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_DOCCANO, &d), 0);
	CHECK_INT(d.has_entities, 0);
	doc_finish(&d);
	l = "{\"text\": \"x\", \"label\": [[0, 1, \"A\"], [0, 1]]}";
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_DOCCANO, &d), -1);
	CHECK_STR(err_msg(), "label 2 is not [start, end, \"TYPE\"]");
	l = "{\"text\": \"x\", \"label\": {}}";
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_DOCCANO, &d), -1);
	CHECK_STR(err_msg(), "\"label\" is not an array");
	l = "{\"label\": []}";
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_DOCCANO, &d), -1);
	CHECK_STR(err_msg(), "no \"text\" field");
	l = "{\"text\": \"x\", ";
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_DOCCANO, &d), -1);
	CHECK_STR(err_msg(), "not valid JSON");

	l = "{\"text\": \"Zakir Hasanov\", \"meta\": {\"id\": \"m-1\"}, \"tokens\": [], "
	    "\"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"PERSON\", \"text\": \"Zakir\"}, "
	    "{\"start\": 6, \"end\": 13, \"token_start\": 1, \"token_end\": 1, \"label\": \"X\"}]}";
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_PRODIGY, &d), 0);
	CHECK_STR(d.id, "m-1");
	CHECK_INT(d.nspans, 2);
	if (d.nspans == 2) {
		CHECK_STR(d.spans[0].text, "Zakir");
		CHECK(d.spans[1].text == NULL);
		CHECK_STR(d.spans[1].type, "X");
	}
	doc_finish(&d);
	l = "{\"id\": \"top\", \"text\": \"x\", \"meta\": {\"id\": \"m\"}, \"spans\": []}";
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_PRODIGY, &d), 0);
	CHECK_STR(d.id, "top");
	CHECK_INT(d.has_entities, 1);
	doc_finish(&d);
	l = "{\"text\": \"x\", \"spans\": [{\"start\": 0, \"end\": 1}]}";
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_PRODIGY, &d), -1);
	CHECK_STR(err_msg(), "span 1: \"label\" is missing or not a string");
	l = "{\"text\": \"x\", \"spans\": [{\"start\": 0.5, \"end\": 1, \"label\": \"A\"}]}";
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_PRODIGY, &d), -1);
	CHECK_STR(err_msg(), "span 1: \"start\" is missing or not an integer");
	l = "{\"text\": \"x\", \"spans\": [3]}";
	CHECK_INT(fmt_json_line(&p, l, strlen(l), FMT_JSON_PRODIGY, &d), -1);
	CHECK_STR(err_msg(), "span 1 is not an object");
	json_parser_finish(&p);
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
	struct export_opts eo;
	export_opts_init(&eo);
	eo.format = EXPORT_CONLL;
	eo.filter = f;
	eo.out = open_memstream(&one, &n1);
	CHECK_INT(export_run(st, &eo, NULL), 0);
	fclose(eo.out);
	struct store *st2 = store_open(":memory:", STORE_CREATE);
	CHECK_INT(import_text(st2, "a.conll", one, IMPORT_CONLL, 0, &msgs), 0);
	eo.out = open_memstream(&two, &n2);
	CHECK_INT(export_run(st2, &eo, NULL), 0);
	fclose(eo.out);
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
	test_json_parser();
	test_json_helpers();
	test_json_doc();
	test_json_lines_errors();
	test_jsonl_export();
	test_span_lines();
	test_conll_round_trip();
	test_csv_import();
	return tap_status();
}
