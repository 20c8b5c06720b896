/*
 * test_import.c: unit tests of import and the formats under it — sha256,
 * the plain-text conventions (title, dateline), CSV cells, text cleaning
 * with its offset map, and the import module with a detector plugged in.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/formats.h"
#include "edit/import.h"
#include "lib/sha256.h"
#include "store/store.h"
#include "tap.h"
#include "text/text.h"
#include "lib/util.h"

static void test_sha256(void)
{
	char h[65];
	sha256_hex("", 0, h);
	CHECK_STR(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, h);
	CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two, strlen(two), h);
	CHECK_STR(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* a million 'a's, fed in uneven pieces */
	struct sha256 c;
	unsigned char d[32];
	char *a = xmalloc(1000000);
	memset(a, 'a', 1000000);
	sha256_init(&c);
	size_t off = 0, step = 1;
	while (off < 1000000) {
		size_t n = step < 1000000 - off ? step : 1000000 - off;
		sha256_update(&c, a + off, n);
		off += n;
		step = step * 3 % 997 + 1;
	}
	sha256_final(&c, d);
	char hex[65];
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

static void check_title(const char *text, const char *want)
{
	char *t = fmt_text_title(text, strlen(text));
	CHECK_STR(t, want);
	free(t);
}

static void test_title(void)
{
	check_title("DoD Identifies Army Casualty\n\nThe Department of Defense announced today.",
	            "DoD Identifies Army Casualty");
	/* a blank line of spaces counts; surrounding blanks are trimmed */
	check_title("  Title here \n \t\nBody.", "Title here");
	/* no blank line after the first line: the first sentence */
	check_title("Lt. Gen. Townsend spoke in Baghdad. Then he left.\nMore.",
	            "Lt. Gen. Townsend spoke in Baghdad.");
	check_title("The U.S. Army said so. Next sentence.", "The U.S. Army said so.");
	check_title("Spc. Isiah L. Booker died Jan. 7 in Jordan. Rest.",
	            "Spc. Isiah L. Booker died Jan. 7 in Jordan.");
	check_title("It rose 3.5 percent. Then fell.", "It rose 3.5 percent.");
	check_title("", "");
	check_title("One line only", "One line only");
	/* a dateline is skipped; a long sentence is cut at a word */
	check_title("BAKU, Azerbaijan, May 21. On May 21, the Minister of Defense of the Republic "
	            "of Azerbaijan, Colonel General Zakir Hasanov received the delegation led by the "
	            "Commander. More.",
	            "On May 21, the Minister of Defense of the Republic of Azerbaijan, Colonel General "
	            "Zakir Hasanov\xE2\x80\xA6");
	/* a first line too long to be a title, though a blank line follows */
	struct buf b = BUF_INIT;
	for (int i = 0; i < 40; i++)
		buf_adds(&b, "word ");
	buf_adds(&b, "\n\nBody.");
	char *t = fmt_text_title(b.data, b.len);
	CHECK(strncmp(t, "word word", 9) == 0);
	CHECK(text_cp_len(t, strlen(t)) <= 100);
	free(t);
	buf_free(&b);
	/* non-ASCII title line, 150 characters counted as code points */
	buf_clear(&b);
	for (int i = 0; i < 150; i++)
		buf_adds(&b, "\xC3\xBC");
	buf_adds(&b, "\n\nBody.");
	t = fmt_text_title(b.data, b.len);
	CHECK_INT(strlen(t), 300);
	free(t);
	buf_free(&b);
}

/* A line shared by many reports, for fmt_text_headline(). */
static int is_office(void *arg, const char *line, size_t len)
{
	(void)arg;
	return (len == 14 && memcmp(line, "EXAMPLE AGENCY", 14) == 0) ||
	       (len == 23 && memcmp(line, "Office of Public Record", 23) == 0);
}

static void test_headline(void)
{
	/* a line in title case is a headline without a blank line after it */
	check_title("Harbour Bridge Opens to Traffic\nThe new bridge opened on Monday.",
	            "Harbour Bridge Opens to Traffic");
	/* a sentence that ends with a period is not */
	check_title("The Bridge Opens Today.\nMore text.", "The Bridge Opens Today.");
	/* boilerplate lines are skipped for the headline under them ... */
	const char *t = "EXAMPLE AGENCY\nOffice of Public Record\n\nHarbour Bridge Opens\n\nBody.";
	char *h = fmt_text_headline(t, strlen(t), is_office, NULL);
	CHECK_STR(h, "Harbour Bridge Opens");
	free(h);
	/* ... or for the first sentence after them */
	t = "EXAMPLE AGENCY\nThe bridge opened on Monday. It is long.";
	h = fmt_text_headline(t, strlen(t), is_office, NULL);
	CHECK_STR(h, "The bridge opened on Monday.");
	free(h);
	/* unknown as boilerplate, the first line is the title */
	h = fmt_text_headline(t, strlen(t), NULL, NULL);
	CHECK_STR(h, "EXAMPLE AGENCY");
	free(h);
}

static void check_dateline(const char *text, const char *want, size_t want_end)
{
	char date[11] = "";
	size_t end = 0;
	int r = fmt_text_dateline(text, strlen(text), date, &end);
	if (!want) {
		if (r)
			fprintf(stderr, "dateline found in '%s': %s\n", text, date);
		CHECK_INT(r, 0);
		return;
	}
	CHECK_INT(r, 1);
	CHECK_STR(date, want);
	CHECK_INT(end, want_end);
}

static void test_dateline(void)
{
	check_dateline("BAKU, Azerbaijan, May 21. On May 21, the Minister", "--05-21", 24);
	check_dateline("WASHINGTON, Jan. 5, 2017 \xE2\x80\x94 The", "2017-01-05", 24);
	check_dateline("LONDON, 5 March 2016: text", "2016-03-05", 20);
	check_dateline("KYIV, Ukraine, 2022-02-24 - text", "2022-02-24", 25);
	check_dateline("S\xC3\x83O PAULO, Sept. 3rd, 2019. x", "2019-09-03", 27);
	check_dateline("The Minister, May 21, said", NULL, 0);   /* not a place: lower case */
	check_dateline("BAKU, Azerbaijan. On May 21", NULL, 0);
	check_dateline("On Monday, May 21, the", NULL, 0);
	check_dateline("Baku, May 21 (Trend) - x", "--05-21", 12);   /* no date at a comma */
	check_dateline("BAKU, Mayor Smith said", NULL, 0);
	check_dateline("BAKU, May 2100000", NULL, 0);
	check_dateline("BAKU, May 32.", NULL, 0);
	check_dateline("", NULL, 0);
	check_dateline("DoD Identifies Army Casualty\n\nThe Department", NULL, 0);
	check_dateline("Visit\n\nBAKU, Azerbaijan, May 21. Officials", "--05-21", 31);
	check_dateline("Not a title line\nBAKU, May 21. Officials", NULL, 0);
}

static void check_cell(const char *in, int guard, const char *want)
{
	struct buf b = BUF_INIT;
	fmt_csv_cell(&b, in, strlen(in), guard);
	CHECK_STR(b.data ? b.data : "", want);
	buf_free(&b);
}

static void test_csv_cell(void)
{
	check_cell("plain", 1, "plain");
	check_cell("", 1, "");
	check_cell("a,b", 1, "\"a,b\"");
	check_cell("say \"hi\"", 1, "\"say \"\"hi\"\"\"");
	check_cell("\"", 1, "\"\"\"\"");
	check_cell("two\nlines", 1, "\"two\nlines\"");
	check_cell("cr\rhere", 1, "\"cr\rhere\"");
	check_cell("=SUM(A1)", 1, "'=SUM(A1)");
	check_cell("+1", 1, "'+1");
	check_cell("-1", 1, "'-1");
	check_cell("@cmd", 1, "'@cmd");
	check_cell("\tx", 1, "'\tx");
	check_cell("\rx", 1, "\"'\rx\"");
	check_cell("'quoted", 1, "''quoted");
	check_cell("=1,2", 1, "\"'=1,2\"");
	check_cell("=SUM(A1)", 0, "=SUM(A1)");
	check_cell("'x", 0, "'x");
	check_cell("a=b", 1, "a=b");
}

/* text_clean with the offset map: ASCII runs, CRLF, BOM, NFD to NFC,
 * invalid bytes replaced. */
static void test_clean_map(void)
{
	size_t len, *map = NULL, bad;
	/* BOM, CRLF, e + combining acute (2 cp -> 1), astral, ASCII */
	const char *in = "\xEF\xBB\xBFOne\r\ne\xCC\x81t\xC3\xA9 \xF0\x9D\x90\x80 Baku";
	char *out = text_clean(in, strlen(in), 0, &len, &bad, &map);
	CHECK_STR(out, "One\n\xC3\xA9t\xC3\xA9 \xF0\x9D\x90\x80 Baku");
	/* input cps: BOM O n e CR LF e U+0301 t é sp 𝐀 sp B a k u = 17 */
	CHECK_INT(map[0], 0);       /* BOM */
	CHECK_INT(map[1], 0);       /* O */
	CHECK_INT(map[4], 3);       /* CR -> the LF */
	CHECK_INT(map[5], 3);       /* LF */
	CHECK_INT(map[6], 4);       /* e of é */
	CHECK_INT(map[7], (size_t)-1); /* inside the cluster */
	CHECK_INT(map[8], 5);       /* t */
	CHECK_INT(map[11], 8);      /* 𝐀 */
	CHECK_INT(map[13], 10);     /* B */
	CHECK_INT(map[17], 14);     /* end */
	free(out);
	free(map);
	/* invalid bytes, each one code point in and one U+FFFD out; the map
	 * is sized as text_decode() counts (stray continuation bytes, a
	 * surrogate's three bytes) */
	const char *inv = "a\x80\x80" "b\xED\xA0\x80" "c";
	out = text_clean(inv, strlen(inv), 1, &len, &bad, &map);
	CHECK_STR(out, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "c");
	CHECK_INT(map[3], 3);       /* b */
	CHECK_INT(map[7], 7);       /* c */
	CHECK_INT(map[8], 8);
	free(out);
	free(map);
	CHECK(text_clean(inv, strlen(inv), 0, &len, &bad, NULL) == NULL);
	CHECK_INT(bad, 1);
	/* ANGSTROM SIGN is a singleton: NFC changes it even alone */
	out = text_clean("x\xE2\x84\xAB", 4, 0, &len, &bad, NULL);
	CHECK_STR(out, "x\xC3\x85");
	free(out);
	/* ASCII before a combining mark: the mark stays with its base */
	out = text_clean("abcde\xCC\x81", 7, 0, &len, &bad, NULL);
	CHECK_STR(out, "abcd\xC3\xA9");
	free(out);
}

/* The detector used below: suggests every "Baku" as LOC. */
static int fake_detect(void *arg, struct doc *d)
{
	int *calls = arg;
	(*calls)++;
	const char *p = d->text;
	while ((p = strstr(p, "Baku")) != NULL) {
		struct span *s = doc_push_span(d);
		s->start = (int64_t)text_cp_len(d->text, (size_t)(p - d->text));
		s->end = s->start + 4;
		strcpy(s->type, "LOC");
		s->confidence = 0.8;
		p += 4;
	}
	return 0;
}

static int quiet_messages;
static struct buf messages;
static void collect_message(void *arg, const char *msg)
{
	buf_adds(&messages, msg);
	buf_addc(&messages, '\n');
}

static char *write_temp(const char *dir, const char *name, const char *data, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	return path;
}

static int count_rows(void *arg, const struct export_row *r)
{
	(*(int *)arg)++;
	return 0;
}

/* Reports of one import that open with the same office line take their
 * headlines; a database's earlier articles keep their titles. */
static void test_import_headlines(void)
{
	char dir[] = "/tmp/nerve-heads-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct import_opts o = { 0 };
	o.annotator = "tester";
	o.message = collect_message;
	o.no_detect = 1;
	/* an earlier session's report with the same first line */
	struct import *im = import_new(st, &o);
	const char *old = "SAMPLE OFFICE\n\nA report from before.\n";
	char *p = write_temp(dir, "old.txt", old, strlen(old));
	CHECK_INT(import_path(im, p), 0);
	free(p);
	CHECK_INT(import_end(im), 0);
	import_free(&im);

	char sub[600];
	snprintf(sub, sizeof sub, "%s/new", dir);
	CHECK(mkdir(sub, 0700) == 0);
	static const char *const body[] = {
		"SAMPLE OFFICE\n\nRiver Levels Fall Again\n\nThe river fell.\n",
		"SAMPLE OFFICE\n\nThe council met on Tuesday. It agreed.\n",
		"SAMPLE OFFICE\nNew Ferry Timetable Published\nFerries run hourly.\n",
		"A Report Without the Office\n\nText.\n",
	};
	for (size_t i = 0; i < 4; i++) {
		char name[32];
		snprintf(name, sizeof name, "r%zu.txt", i);
		free(write_temp(sub, name, body[i], strlen(body[i])));
	}
	im = import_new(st, &o);
	CHECK_INT(import_path(im, sub), 0);
	CHECK_INT(import_end(im), 0);
	import_free(&im);
	/* the directory is walked in name order */
	static const char *const want[] = {
		"SAMPLE OFFICE", "River Levels Fall Again", "The council met on Tuesday.",
		"New Ferry Timetable Published", "A Report Without the Office",
	};
	for (int64_t id = 1; id <= 5; id++) {
		struct article a;
		CHECK_INT(store_article_get(st, id, &a), 0);
		CHECK_STR(a.title, want[id - 1]);
		article_finish(&a);
	}
	store_close(&st);
}

static void test_import(void)
{
	char dir[] = "/tmp/nerve-import-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	struct store *st = store_open(":memory:", STORE_CREATE);
	int calls = 0;
	struct import_opts o = { 0 };
	o.annotator = "tester";
	o.detect = fake_detect;
	o.detect_arg = &calls;
	o.message = collect_message;
	(void)quiet_messages;
	struct import *im = import_new(st, &o);

	/* a text file: title line, dateline, detector called */
	const char *t1 = "Visit to Baku\n\nBAKU, Azerbaijan, May 21. Officials met in Baku.\n";
	char *p1 = write_temp(dir, "one.txt", t1, strlen(t1));
	CHECK_INT(import_path(im, p1), 0);
	const struct import_stats *s = import_get_stats(im);
	CHECK_INT(s->imported, 1);
	CHECK_INT(s->suggestions, 2);               /* BAKU is not Baku */
	CHECK_INT(calls, 1);
	struct article a;
	CHECK_INT(store_article_get(st, 1, &a), 0);
	CHECK_STR(a.ext_id, "one.txt");
	CHECK_STR(a.title, "Visit to Baku");
	CHECK_STR(a.published, "--05-21");
	CHECK_STR(a.source, p1);
	CHECK(!a.annotated);
	article_finish(&a);

	/* the same text again: a duplicate, not a failure */
	CHECK_INT(import_path(im, p1), 0);
	CHECK_INT(s->duplicates, 1);
	CHECK_INT(s->imported, 1);

	/* JSON Lines: entities remapped through NFC and CRLF, one off a
	 * grapheme boundary skipped, a type mapped, one dropped, one new */
	const char *j =
		"{\"id\": \"d1\", \"title\": \"\", \"text\": \"Cafe\\u0301 in\\r\\nBaku \\ud83d\\ude00 Zakir\", "
		"\"entities\": [{\"start\": 0, \"end\": 5, \"type\": \"org\", \"text\": \"Cafe\\u0301\"}, "
		"{\"start\": 0, \"end\": 4, \"type\": \"org\"}, "
		"{\"start\": 10, \"end\": 14, \"type\": \"geo\", \"text\": \"Baku\"}, "
		"{\"start\": 17, \"end\": 22, \"type\": \"per\", \"status\": \"accepted\", \"annotator\": \"x\"}, "
		"{\"start\": 6, \"end\": 8, \"type\": \"Money\"}]}\n"
		"\n"
		"{\"text\": \"Second one, no id.\", \"entities\": []}\n"
		"{\"id\": \"d1\", \"text\": \"Another text with the id d1.\"}\n";
	char *p2 = write_temp(dir, "docs.jsonl", j, strlen(j));
	const char *mj = "{\"org\": \"ORG\", \"per\": \"PERSON\", \"Money\": \"-\"}";
	char *pm = write_temp(dir, "map.json", mj, strlen(mj));
	struct typemap *map = typemap_load(pm);
	CHECK(map != NULL);
	CHECK_STR(typemap_apply(map, "org"), "ORG");
	CHECK(typemap_apply(map, "Money") == NULL);
	CHECK_STR(typemap_apply(map, "geo"), "geo");
	import_free(&im);
	o.map = map;
	im = import_new(st, &o);
	s = import_get_stats(im);
	CHECK_INT(import_path(im, p2), -1);          /* one entity skipped */
	CHECK_INT(s->imported, 3);
	CHECK_INT(s->skipped, 1);
	CHECK_INT(s->entities, 3);
	CHECK_INT(s->new_types, 1);                  /* geo */
	CHECK_INT(s->renamed, 1);                    /* d1#2 */
	CHECK_INT(calls, 2);                         /* only the line without "entities" */
	CHECK(strstr(messages.data, "docs.jsonl:1: entity 2 (0-4)") != NULL);
	CHECK(strstr(messages.data, "new entity type geo") != NULL);
	CHECK(strstr(messages.data, "stored as d1#2") != NULL);
	int64_t id;
	CHECK_INT(store_article_find(st, "d1", &id), 1);
	CHECK_INT(store_article_get(st, id, &a), 0);
	CHECK_STR(a.text, "Caf\xC3\xA9 in\nBaku \xF0\x9F\x98\x80 Zakir");
	CHECK_STR(a.title, "Caf\xC3\xA9 in");
	CHECK(a.annotated);
	struct entity_list l = { 0 };
	CHECK_INT(store_entities_of(st, id, &l), 0);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_INT(l.v[0].start, 0);
		CHECK_INT(l.v[0].end, 4);                /* Café, NFC */
		CHECK_STR(l.v[0].type, "ORG");
		CHECK(l.v[0].status == ENT_SUGGESTED);
		CHECK(l.v[0].origin == ORIGIN_IMPORT);
		CHECK_STR(l.v[0].annotator, "tester");
		CHECK_INT(l.v[1].start, 8);              /* Baku after CRLF -> LF */
		CHECK_INT(l.v[1].end, 12);
		CHECK_STR(l.v[1].type, "geo");
		CHECK_INT(l.v[2].start, 15);             /* Zakir after an emoji */
		CHECK_INT(l.v[2].end, 20);
		CHECK(l.v[2].status == ENT_ACCEPTED);
		CHECK_STR(l.v[2].annotator, "x");
	}
	entity_list_finish(&l);
	article_finish(&a);
	CHECK_INT(store_article_find(st, "docs.jsonl:3", &id), 1);
	/* indexed in bulk at the end of the file */
	CHECK_INT(store_index_check(st), 0);
	/* the file's entities went into the journal, as one group (the
	 * first, numbered 1), each followed by its link to a referent */
	struct journal_list jl = { 0 };
	CHECK_INT(store_edit_group(st, "tester", 1, &jl), 0);
	CHECK_INT(jl.n, 6);
	for (size_t k = 0; k < jl.n; k++) {
		int link = strcmp(jl.v[k].action, "import-link") == 0;
		CHECK(link || strcmp(jl.v[k].action, "import") == 0);
		CHECK(link ? jl.v[k].before != NULL : jl.v[k].before == NULL);
		CHECK(jl.v[k].after != NULL);
	}
	journal_list_finish(&jl);
	CHECK_INT(store_article_find(st, "d1#2", &id), 1);

	/* a file with a bad line leaves nothing behind */
	const char *bad = "{\"id\": \"ok\", \"text\": \"Fine text.\"}\n{\"id\": \"broken\", \"text\": \n";
	char *p3 = write_temp(dir, "bad.jsonl", bad, strlen(bad));
	CHECK_INT(import_path(im, p3), -1);
	CHECK_INT(store_article_find(st, "ok", &id), 0);
	CHECK(strstr(messages.data, "bad.jsonl:2:") != NULL);
	CHECK_INT(s->imported, 3);
	/* and the triggers are back on after the failed file */
	CHECK_INT(store_index_check(st), 0);

	/* NUL bytes and invalid UTF-8: rejected, or replaced when asked */
	char *p4 = write_temp(dir, "nul.txt", "ab\0cd", 5);
	char *p5 = write_temp(dir, "inv.txt", "Caf\xE9 au lait", 12);
	size_t failed = s->failed;
	CHECK_INT(import_path(im, p4), -1);
	CHECK_INT(import_path(im, p5), -1);
	CHECK_INT(s->failed, failed + 2);
	CHECK(strstr(messages.data, "nul.txt: a NUL byte at byte 2") != NULL);
	CHECK(strstr(messages.data, "inv.txt: invalid UTF-8 at byte 3") != NULL);
	import_free(&im);
	o.replace_invalid = 1;
	o.reviewed = 1;
	im = import_new(st, &o);
	s = import_get_stats(im);
	CHECK_INT(import_path(im, p4), 0);
	CHECK_INT(import_path(im, p5), 0);
	CHECK_INT(s->imported, 2);
	CHECK_INT(store_article_find(st, "inv.txt", &id), 1);
	CHECK_INT(store_article_get(st, id, &a), 0);
	CHECK_STR(a.text, "Caf\xEF\xBF\xBD au lait");
	CHECK(a.state == STATE_DONE);
	CHECK_STR(a.reviewed_by, "tester");
	article_finish(&a);

	/* a directory: *.txt files found recursively, named by their path in it */
	char *sub = xasprintf("%s/tree/deeper", dir);
	char *cmd = xasprintf("mkdir -p '%s'", sub);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(write_temp(sub, "x.txt", "Deep report.", 12));
	free(write_temp(sub, "skip.md", "Not a report.", 13));
	char *tree = xasprintf("%s/tree", dir);
	CHECK_INT(import_path(im, tree), 0);
	CHECK_INT(store_article_find(st, "deeper/x.txt", &id), 1);
	CHECK_INT(store_index_check(st), 0);
	/* an empty directory, a missing path */
	char *empty = xasprintf("%s/tree/empty", dir);
	cmd = xasprintf("mkdir -p '%s'", empty);
	CHECK(system(cmd) == 0);
	free(cmd);
	CHECK_INT(import_path(im, empty), -1);
	CHECK(strstr(messages.data, "no reports") != NULL);
	char *missing = xasprintf("%s/no-such-file.txt", dir);
	CHECK_INT(import_path(im, missing), -1);

	/* recognition */
	CHECK(import_recognise(p1, IMPORT_AUTO) == IMPORT_TEXT);
	CHECK(import_recognise(p2, IMPORT_AUTO) == IMPORT_JSONL);
	CHECK(import_recognise(p2, IMPORT_TEXT) == IMPORT_TEXT);
	CHECK(import_recognise("-", IMPORT_AUTO) == IMPORT_AUTO);
	char *pd = write_temp(dir, "d.jsonl", "{\"text\": \"x\", \"label\": []}\n", 27);
	CHECK(import_recognise(pd, IMPORT_AUTO) == IMPORT_DOCCANO);
	char *pp = write_temp(dir, "p.json", "\n{\"text\": \"x\", \"spans\": []}\n", 28);
	CHECK(import_recognise(pp, IMPORT_AUTO) == IMPORT_PRODIGY);
	char *pc = write_temp(dir, "c.CSV", "a,b\n", 4);
	CHECK(import_recognise(pc, IMPORT_AUTO) == IMPORT_CSV);
	char *pn = write_temp(dir, "n.iob", "x\tO\n", 4);
	CHECK(import_recognise(pn, IMPORT_AUTO) == IMPORT_CONLL);
	char *px = write_temp(dir, "noext", "  {\"text\": \"x\"}\n", 16);
	CHECK(import_recognise(px, IMPORT_AUTO) == IMPORT_JSONL);
	CHECK(import_recognise(tree, IMPORT_AUTO) == IMPORT_TEXT);
	free(write_temp(sub, "x.ann", "T1\tPER 0 4\tDeep\n", 16));
	CHECK(import_recognise(tree, IMPORT_AUTO) == IMPORT_BRAT);
	CHECK_INT(import_path(im, pc), -1);          /* a CSV without the columns */
	CHECK(strstr(messages.data, "c.CSV:1: the header has no article_id column") != NULL);

	/* what was imported with entities is journalled, one group per file */
	int rows = 0;
	struct export_filter f = { 0 };
	CHECK_INT(store_export_entities(st, &f, count_rows, &rows), 0);
	CHECK(rows >= 3);

	import_free(&im);
	typemap_free(&map);
	CHECK(map == NULL);
	/* a bad map */
	char *pb = write_temp(dir, "bad.json", "{\"a\": 1}", 8);
	CHECK(typemap_load(pb) == NULL);
	CHECK(strstr(err_msg(), "not a string") != NULL);
	char *pb2 = write_temp(dir, "bad2.json", "[1]", 3);
	CHECK(typemap_load(pb2) == NULL);
	store_close(&st);

	cmd = xasprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	char *paths[] = { p1, p2, pm, p3, p4, p5, sub, tree, empty, missing, pd, pp, pc, pn, px,
	                  pb, pb2 };
	for (size_t i = 0; i < ARRAY_SIZE(paths); i++)
		free(paths[i]);
	buf_free(&messages);
}

int main(void)
{
	test_sha256();
	test_title();
	test_headline();
	test_import_headlines();
	test_dateline();
	test_csv_cell();
	test_clean_map();
	test_import();
	return tap_status();
}
