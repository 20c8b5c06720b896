/*
 * test_link.c: unit tests of the linking rules (src/edit/link.c): names
 * parsed, the mentions of one report grouped, and link_article() on an
 * in-memory database, in one report and across reports.  Every name here
 * is made up for the test.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edit/annotate.h"
#include "edit/journal.h"
#include "edit/link.h"
#include "edit/referent.h"
#include "store/store.h"
#include "tap.h"
#include "text/text.h"
#include "lib/util.h"

/* ---- parsing ---------------------------------------------------------- */

static struct link_name parse(const char *type, const char *text)
{
	struct link_name n;
	link_name_parse(type, text, strlen(text), 0, &n);
	return n;
}

static void test_parse(void)
{
	struct link_name n = parse("PERSON", "Mirela  Voskanyan");
	CHECK_INT(n.form, LINK_FULL);
	CHECK_STR(n.key, "mirela voskanyan");
	CHECK_STR(n.surname, "voskanyan");
	CHECK_STR(n.initial, "m");
	CHECK_STR(n.display, "Mirela Voskanyan");
	CHECK_INT(n.cps, 17);
	link_name_finish(&n);

	n = parse("PERSON", "M. Voskanyan");
	CHECK_INT(n.form, LINK_INITIAL);
	CHECK_STR(n.initial, "m");
	CHECK_STR(n.surname, "voskanyan");
	link_name_finish(&n);

	n = parse("PERSON", "J.-P. Okonkwo Jr.");
	CHECK_INT(n.form, LINK_INITIAL);
	CHECK_STR(n.surname, "okonkwo");
	CHECK_STR(n.initial, "j");
	link_name_finish(&n);

	n = parse("PERSON", "Voskanyan");
	CHECK_INT(n.form, LINK_SURNAME);
	CHECK_STR(n.initial, "");
	link_name_finish(&n);

	n = parse("PERSON", "M.");
	CHECK_INT(n.form, LINK_ALONE);
	link_name_finish(&n);

	/* diacritics and case fold away */
	n = parse("PERSON", "Zoë Ångström");
	struct link_name m = parse("PERSON", "ZOE ANGSTROM");
	CHECK_STR(n.key, m.key);
	CHECK_STR(n.surname, "angstrom");
	link_name_finish(&n);
	link_name_finish(&m);

	/* typographic apostrophes are ASCII ones */
	n = parse("PERSON", "Aoife O’Dwyer");
	m = parse("PERSON", "Aoife O'Dwyer");
	CHECK_STR(n.key, m.key);
	link_name_finish(&n);
	link_name_finish(&m);

	/* astral letters: Deseret capitals fold to their small letters */
	n = parse("PERSON", "Ada \xF0\x90\x90\x94\xF0\x90\x90\xAF\xF0\x90\x91\x89");
	m = parse("PERSON", "\xF0\x90\x90\xBC\xF0\x90\x90\xAF\xF0\x90\x91\x89");
	CHECK_INT(n.form, LINK_FULL);
	CHECK_INT(m.form, LINK_SURNAME);
	CHECK_STR(n.surname, m.surname);
	CHECK_INT(n.cps, 7);
	link_name_finish(&n);
	link_name_finish(&m);

	/* acronyms, with and without dots */
	n = parse("ORG", "N.W.A.");
	m = parse("ORG", "NWA");
	CHECK_INT(n.form, LINK_ACRONYM);
	CHECK_STR(n.key, "nwa");
	CHECK_STR(m.key, "nwa");
	link_name_finish(&n);
	link_name_finish(&m);
	n = parse("ORG", "Northern Water Authority of the Lowlands");
	CHECK_INT(n.form, LINK_NAME);
	CHECK_STR(n.acronym, "nwal");
	link_name_finish(&n);

	/* short forms and the types that are not linked */
	n = parse("ORG", "the Ministry");
	CHECK_INT(n.form, LINK_ALONE);
	link_name_finish(&n);
	link_name_parse("ORG", "Ministry", 8, 1, &n);
	CHECK_INT(n.form, LINK_ALONE);
	link_name_finish(&n);
	link_name_parse("ORG", "Ministry", 8, 0, &n);
	CHECK_INT(n.form, LINK_NAME);
	link_name_finish(&n);
	/* rule 7: generic institutions link within their report only */
	n = parse("ORG", "Ministry of Health");
	CHECK_INT(n.form, LINK_NAME);
	CHECK(n.local);
	link_name_finish(&n);
	n = parse("ORG", "the Supreme Court");
	CHECK(n.local);
	link_name_finish(&n);
	n = parse("ORG", "Northern Water Authority");
	CHECK(!n.local);
	link_name_finish(&n);
	n = parse("LOC", "Central");
	CHECK(n.local);
	link_name_finish(&n);
	n = parse("ORG", "I’m");
	CHECK_INT(n.form, LINK_ALONE);
	link_name_finish(&n);
	n = parse("LOC", "the Lowlands");
	CHECK_INT(n.form, LINK_NAME);
	link_name_finish(&n);
	n = parse("DATE", "14 March");
	CHECK_INT(n.form, LINK_ALONE);
	link_name_finish(&n);
	n = parse("TITLE", "Deputy Minister");
	CHECK_INT(n.form, LINK_ALONE);
	link_name_finish(&n);
	CHECK(link_type_links("PERSON"));
	CHECK(!link_type_links("DATE"));
}

/* ---- grouping ----------------------------------------------------------- */

/* Group the mentions "TYPE|text" of one report; heads into head. */
static void group(const char *const *spec, size_t n, size_t *head)
{
	struct link_mention *m = xcalloc(n, sizeof *m);
	char (*types)[16] = xcalloc(n, sizeof *types);
	for (size_t i = 0; i < n; i++) {
		const char *bar = strchr(spec[i], '|');
		snprintf(types[i], sizeof types[i], "%.*s", (int)(bar - spec[i]), spec[i]);
		m[i].type = types[i];
		link_name_parse(types[i], bar + 1, strlen(bar + 1), 0, &m[i].name);
	}
	link_cluster(m, n, head);
	for (size_t i = 0; i < n; i++)
		link_name_finish(&m[i].name);
	free(m);
	free(types);
}

static void test_cluster(void)
{
	size_t h[8];
	{
		/* a full name, its initial form and its surname */
		const char *s[] = { "PERSON|Mirela Voskanyan", "PERSON|M. Voskanyan",
		                    "PERSON|Voskanyan", "PERSON|mirela voskanyan" };
		group(s, 4, h);
		CHECK_INT(h[0], 0);
		CHECK_INT(h[1], 0);
		CHECK_INT(h[2], 0);
		CHECK_INT(h[3], 0);
	}
	{
		/* two people with one surname: the surname alone is neither */
		const char *s[] = { "PERSON|Tomas Brandt", "PERSON|Ilse Brandt", "PERSON|Brandt",
		                    "PERSON|I. Brandt", "PERSON|Brandt" };
		group(s, 5, h);
		CHECK_INT(h[0], 0);
		CHECK_INT(h[1], 1);
		CHECK_INT(h[2], LINK_NONE);
		CHECK_INT(h[3], 1);
		CHECK_INT(h[4], LINK_NONE);
	}
	{
		/* an initial shared by two full names is neither's */
		const char *s[] = { "PERSON|Tomas Brandt", "PERSON|Teodor Brandt", "PERSON|T. Brandt" };
		group(s, 3, h);
		CHECK_INT(h[2], LINK_NONE);
	}
	{
		/* a full name and another person's initial form: the surname
		 * alone could be either */
		const char *s[] = { "PERSON|Tomas Brandt", "PERSON|R. Brandt", "PERSON|Brandt" };
		group(s, 3, h);
		CHECK_INT(h[0], 0);
		CHECK_INT(h[1], 1);
		CHECK_INT(h[2], LINK_NONE);
	}
	{
		/* only initial forms: the surname joins the one there is */
		const char *s[] = { "PERSON|R. Brandt", "PERSON|Brandt" };
		group(s, 2, h);
		CHECK_INT(h[1], 0);
	}
	{
		/* the type must be the same */
		const char *s[] = { "PERSON|Aleksander Ruud", "ORG|Ruud", "LOC|Ruud", "ORG|Ruud" };
		group(s, 4, h);
		CHECK_INT(h[1], 1);
		CHECK_INT(h[2], 2);
		CHECK_INT(h[3], 1);
	}
	{
		/* an acronym and its expansion, but not a name of another type
		 * with the same letters; a short form left alone */
		const char *s[] = { "ORG|Northern Water Authority", "ORG|NWA", "LOC|New West Arm",
		                    "ORG|the Authority", "ORG|N.W.A." };
		group(s, 5, h);
		CHECK_INT(h[0], 0);
		CHECK_INT(h[1], 0);
		CHECK_INT(h[2], 2);
		CHECK_INT(h[3], LINK_NONE);
		CHECK_INT(h[4], 0);
	}
	{
		/* an acronym that two names expand to is neither's */
		const char *s[] = { "ORG|Northern Water Authority", "ORG|National Wool Agency",
		                    "ORG|NWA" };
		group(s, 3, h);
		CHECK_INT(h[2], 2);
	}
	{
		/* diacritics and astral letters */
		const char *s[] = { "PERSON|Zoë Ångström", "PERSON|Angstrom", "PERSON|Z. Ångström",
		                    "PERSON|Ada \xF0\x90\x90\x94\xF0\x90\x90\xAF\xF0\x90\x91\x89",
		                    "PERSON|\xF0\x90\x90\xBC\xF0\x90\x90\xAF\xF0\x90\x91\x89" };
		group(s, 5, h);
		CHECK_INT(h[1], 0);
		CHECK_INT(h[2], 0);
		CHECK_INT(h[4], 3);
	}
	{
		/* dates are grouped by nothing */
		const char *s[] = { "DATE|Monday", "DATE|Monday" };
		group(s, 2, h);
		CHECK_INT(h[0], LINK_NONE);
		CHECK_INT(h[1], LINK_NONE);
	}
}

/* ---- the database ------------------------------------------------------ */

static int64_t add_article(struct store *st, const char *text)
{
	static int serial;
	char ext[32], sha[32];
	snprintf(ext, sizeof ext, "r%d", ++serial);
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

/* A detector suggestion (status 'a': accepted, by the analyst) over the
 * nth occurrence of needle. */
static int64_t mention(struct store *st, int64_t art, const char *text, const char *needle,
                       int nth, const char *type, int accepted)
{
	const char *p = text;
	for (p = strstr(p, needle); p && nth-- > 0; p = strstr(p + 1, needle))
		;
	if (!p)
		return 0;
	struct entity e = { 0 };
	e.article = art;
	e.start = (int64_t)text_cp_len(text, (size_t)(p - text));
	e.end = e.start + (int64_t)text_cp_len(needle, strlen(needle));
	snprintf(e.type, sizeof e.type, "%s", type);
	e.status = accepted ? ENT_ACCEPTED : ENT_SUGGESTED;
	e.origin = accepted ? ORIGIN_ANALYST : ORIGIN_DETECTOR;
	snprintf(e.annotator, sizeof e.annotator, accepted ? "tester" : "detector");
	if (store_entity_add(st, &e) != 0) {
		fprintf(stderr, "mention: %s\n", err_msg());
		return 0;
	}
	if (accepted) { /* an analyst's entity is journalled */
		char *after = store_entity_snapshot(st, e.id);
		if (store_journal(st, store_journal_group(st), "tester", art, e.id, "create", NULL,
		                  after) != 0)
			fprintf(stderr, "mention: %s\n", err_msg());
		free(after);
	}
	return e.id;
}

static int64_t ref_of(struct store *st, int64_t id)
{
	struct entity e;
	return store_edit_get(st, id, &e) == 0 ? e.referent : -1;
}

static struct referent ref_get(struct store *st, int64_t id)
{
	struct referent r = { 0 };
	if (store_referent_get(st, id, &r) != 0)
		fprintf(stderr, "referent %lld: %s\n", (long long)id, err_msg());
	return r;
}

static void test_article(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	CHECK(st != NULL);
	const char *t1 = "Mirela Voskanyan met the Ministry. Later M. Voskanyan said the "
	                 "Ministry and the Northern Water Authority (NWA) agreed. Voskanyan left.";
	int64_t a1 = add_article(st, t1);
	int64_t full = mention(st, a1, t1, "Mirela Voskanyan", 0, "PERSON", 1);
	int64_t init = mention(st, a1, t1, "M. Voskanyan", 0, "PERSON", 0);
	int64_t sur = mention(st, a1, t1, "Voskanyan", 2, "PERSON", 0);
	int64_t min1 = mention(st, a1, t1, "Ministry", 0, "ORG", 0);
	int64_t min2 = mention(st, a1, t1, "Ministry", 1, "ORG", 0);
	int64_t nwa = mention(st, a1, t1, "Northern Water Authority", 0, "ORG", 0);
	int64_t acr = mention(st, a1, t1, "NWA", 0, "ORG", 0);
	/* without a journal, only suggestions are placed */
	CHECK_INT(link_article(st, a1, NULL), 4);
	CHECK_INT(ref_of(st, full), 0);
	int64_t r1 = ref_of(st, init);
	CHECK(r1 > 0);
	CHECK_INT(ref_of(st, sur), r1);
	CHECK_INT(ref_of(st, min1), 0);
	CHECK_INT(ref_of(st, min2), 0);
	CHECK(ref_of(st, nwa) > 0);
	CHECK_INT(ref_of(st, acr), ref_of(st, nwa));
	/* with one, the analyst's entity too, journalled */
	struct journal_group jg;
	journal_group_init(&jg, st, "tester", a1);
	struct link_journal j = { &jg, "import-link" };
	CHECK_INT(link_article(st, a1, &j), 1);
	CHECK_INT(ref_of(st, full), r1);
	CHECK(jg.grp > 0);
	CHECK_INT(link_article(st, a1, &j), 0);
	struct referent r = ref_get(st, r1);
	CHECK_STR(r.name, "Mirela Voskanyan");
	CHECK_INT(r.mentions, 3);
	CHECK_INT(r.accepted, 1);
	CHECK_INT(r.suggested, 2);
	CHECK_INT(r.articles, 1);
	CHECK_INT(r.ambiguous, 0);
	referent_finish(&r);

	/* another report: the same name folded joins; the surname alone
	 * joins the only referent of that surname */
	const char *t2 = "MIRELA VOSKANYAN and Voskanyan again; also M. Voskanyan.";
	int64_t a2 = add_article(st, t2);
	int64_t b1 = mention(st, a2, t2, "MIRELA VOSKANYAN", 0, "PERSON", 0);
	const char *t3 = "Only Voskanyan spoke, and Ministry staff.";
	int64_t a3 = add_article(st, t3);
	int64_t c1 = mention(st, a3, t3, "Voskanyan", 0, "PERSON", 0);
	int64_t c2 = mention(st, a3, t3, "Ministry", 0, "ORG", 0);
	CHECK_INT(link_article(st, a2, NULL), 1);
	CHECK_INT(link_article(st, a3, NULL), 2);
	CHECK_INT(ref_of(st, b1), r1);
	CHECK_INT(ref_of(st, c1), r1);
	CHECK(ref_of(st, c2) > 0); /* no "the": a name like any other */
	r = ref_get(st, r1);
	CHECK_INT(r.mentions, 5);
	CHECK_INT(r.articles, 3);
	referent_finish(&r);

	/* a second Voskanyan: the first is flagged, its links stay, and a
	 * surname alone is no longer linked across reports */
	const char *t4 = "Garnik Voskanyan arrived.";
	int64_t a4 = add_article(st, t4);
	int64_t d1 = mention(st, a4, t4, "Garnik Voskanyan", 0, "PERSON", 0);
	CHECK_INT(link_article(st, a4, NULL), 1);
	int64_t r2 = ref_of(st, d1);
	CHECK(r2 > 0 && r2 != r1);
	r = ref_get(st, r1);
	CHECK_INT(r.ambiguous, 1);
	CHECK_INT(r.mentions, 5);
	referent_finish(&r);
	const char *t5 = "Voskanyan declined. G. Voskanyan did not.";
	int64_t a5 = add_article(st, t5);
	int64_t e1 = mention(st, a5, t5, "Voskanyan", 0, "PERSON", 0);
	int64_t e2 = mention(st, a5, t5, "G. Voskanyan", 0, "PERSON", 0);
	link_article(st, a5, NULL);
	/* in its report the surname joins the initial form, and that one
	 * the only Voskanyan with initial G */
	CHECK_INT(ref_of(st, e2), r2);
	CHECK_INT(ref_of(st, e1), r2);
	/* a single word of a person is not linked across reports by its
	 * name: two reports' "Voskanyan" would be the same person only
	 * through a full name */
	const char *t8 = "Ilona spoke first.";
	const char *t9 = "Then Ilona left.";
	int64_t a8 = add_article(st, t8), a9 = add_article(st, t9);
	int64_t h1 = mention(st, a8, t8, "Ilona", 0, "PERSON", 0);
	int64_t h2 = mention(st, a9, t9, "Ilona", 0, "PERSON", 0);
	link_article(st, a8, NULL);
	link_article(st, a9, NULL);
	CHECK(ref_of(st, h1) > 0 && ref_of(st, h2) > 0);
	CHECK(ref_of(st, h1) != ref_of(st, h2));
	/* a generic institution is another country's in another report */
	const char *t11 = "The Ministry of Health spoke.";
	const char *t12 = "Later the Ministry of Health denied it.";
	int64_t a11 = add_article(st, t11), a12 = add_article(st, t12);
	int64_t g11 = mention(st, a11, t11, "Ministry of Health", 0, "ORG", 0);
	int64_t g12 = mention(st, a12, t12, "Ministry of Health", 0, "ORG", 0);
	link_article(st, a11, NULL);
	link_article(st, a12, NULL);
	CHECK(ref_of(st, g11) > 0 && ref_of(st, g12) > 0);
	CHECK(ref_of(st, g11) != ref_of(st, g12));
	/* nor is a name of one letter */
	const char *t10 = "Y said so. Y agreed.";
	int64_t a10 = add_article(st, t10);
	int64_t y1 = mention(st, a10, t10, "Y", 0, "ORG", 0);
	mention(st, a10, t10, "Y", 1, "ORG", 0);
	link_article(st, a10, NULL);
	CHECK_INT(ref_of(st, y1), 0);
	const char *t6 = "Voskanyan alone.";
	int64_t a6 = add_article(st, t6);
	int64_t f1 = mention(st, a6, t6, "Voskanyan", 0, "PERSON", 0);
	link_article(st, a6, NULL);
	CHECK_INT(ref_of(st, f1), 0);

	/* the name: the longest accepted mention wins over suggestions */
	const char *t7 = "Dr Mirela Voskanyan-Ter spoke; Mirela Voskanyan agreed.";
	int64_t a7 = add_article(st, t7);
	int64_t g1 = mention(st, a7, t7, "Mirela Voskanyan", 1, "PERSON", 1);
	CHECK_INT(link_article(st, a7, &j), 1);
	CHECK_INT(ref_of(st, g1), r1);
	r = ref_get(st, r1);
	CHECK_STR(r.name, "Mirela Voskanyan");
	CHECK_INT(r.accepted, 2);
	referent_finish(&r);

	/* detection again: the suggestions leave their referents, counted */
	CHECK(store_replace_suggestions(st, a3, NULL, 0) == 0);
	r = ref_get(st, r1);
	CHECK_INT(r.mentions, 5);
	CHECK_INT(r.articles, 3);
	referent_finish(&r);
	int64_t with, linked;
	CHECK(store_referent_link_counts(st, &linked, &with) == 0);
	CHECK(linked > 0 && with >= linked);
	if (store_edit_check(st) != 0) {
		fprintf(stderr, "%s\n", err_msg());
		CHECK(0);
	}
	store_close(&st);
}

/* Links are in the file: they are there when it is opened again. */
static void test_reopen(void)
{
	char path[] = "/tmp/nerve-test-link-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	unlink(path);
	struct store *st = store_open(path, STORE_CREATE);
	CHECK(st != NULL);
	const char *t = "Ilse Brandt wrote.";
	int64_t a = add_article(st, t);
	int64_t e = mention(st, a, t, "Ilse Brandt", 0, "PERSON", 0);
	CHECK_INT(link_article(st, a, NULL), 1);
	store_close(&st);
	st = store_open(path, STORE_READONLY);
	CHECK(st != NULL);
	CHECK(ref_of(st, e) > 0);
	store_close(&st);
	unlink(path);
	char wal[64];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
}

static enum entity_status status_of(struct store *st, int64_t id)
{
	struct entity e;
	store_edit_get(st, id, &e);
	return e.status;
}

static int journal_ok(struct store *st)
{
	if (store_edit_check(st) == 0)
		return 1;
	fprintf(stderr, "journal: %s\n", err_msg());
	return 0;
}

/* Decisions for all of a referent's mentions, splits and merges, each
 * one undo step. */
static void test_referent_ops(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	struct annot a;
	struct annot_result r;
	annot_init(&a, st, "tester");
	const char *t = "Rain fell on Talvik and on Orsk. Talvik was quiet.";
	int64_t art[3], m[3][2], orsk[3];
	for (int i = 0; i < 3; i++) {
		char text[128];
		snprintf(text, sizeof text, "%s%*s", t, i, "");
		art[i] = add_article(st, text);
		m[i][0] = mention(st, art[i], text, "Talvik", 0, "LOC", 0);
		m[i][1] = mention(st, art[i], text, "Talvik", 1, "LOC", 0);
		orsk[i] = mention(st, art[i], text, "Orsk", 0, "LOC", 0);
		link_article(st, art[i], NULL);
	}
	int64_t talvik = ref_of(st, m[0][0]), ro = ref_of(st, orsk[0]);
	CHECK(talvik > 0 && ref_of(st, m[2][1]) == talvik);
	CHECK(ro > 0 && ro != talvik);
	/* the third article is done: its mentions are left alone */
	CHECK_INT(annot_done(&a, art[2], &r), 0);

	int64_t n, narts;
	CHECK_INT(annot_referent_undecided(&a, talvik, &n, &narts), 0);
	CHECK_INT(n, 4);
	CHECK_INT(narts, 2);
	CHECK_INT(annot_referent_decide(&a, talvik, ENT_ACCEPTED, NULL, &r), 0);
	CHECK_INT(r.changed, 4);
	CHECK_STR(r.msg, "accept 4 mentions like LOC 'Talvik'");
	CHECK(status_of(st, m[0][0]) == ENT_ACCEPTED && status_of(st, m[1][1]) == ENT_ACCEPTED);
	CHECK(status_of(st, m[2][0]) == ENT_SUGGESTED);
	CHECK(status_of(st, orsk[0]) == ENT_SUGGESTED);
	CHECK_INT(ref_of(st, m[1][1]), talvik);
	struct referent rr = ref_get(st, talvik);
	CHECK_INT(rr.accepted, 4);
	CHECK_INT(rr.suggested, 2);
	CHECK_INT(rr.articles, 3);   /* a decision does not move a mention */
	referent_finish(&rr);
	CHECK(journal_ok(st));
	CHECK_INT(annot_referent_undecided(&a, talvik, &n, &narts), 0);
	CHECK_INT(n, 0);
	CHECK_INT(annot_referent_decide(&a, talvik, ENT_ACCEPTED, NULL, &r), 0);
	CHECK_INT(r.changed, 0);
	CHECK_STR(r.msg, "no undecided mentions of 'Talvik'");
	/* one undo step for all of them, the articles' states too */
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: accept 4 mentions like LOC 'Talvik'");
	CHECK(status_of(st, m[0][0]) == ENT_SUGGESTED && status_of(st, m[1][1]) == ENT_SUGGESTED);
	CHECK(journal_ok(st));

	/* reject all, undo */
	CHECK_INT(annot_referent_decide(&a, talvik, ENT_REJECTED, NULL, &r), 0);
	CHECK_INT(r.changed, 4);
	CHECK(status_of(st, m[1][0]) == ENT_REJECTED);
	CHECK_INT(ref_of(st, m[1][0]), talvik);   /* rejected mentions keep their link */
	rr = ref_get(st, talvik);
	CHECK_INT(rr.rejected, 4);
	CHECK_INT(rr.mentions, 2);
	referent_finish(&rr);
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK(status_of(st, m[1][0]) == ENT_SUGGESTED);

	/* retype all: they move to one referent of the new type */
	CHECK_INT(annot_referent_decide(&a, talvik, ENT_ACCEPTED, "ORG", &r), 0);
	CHECK_INT(r.changed, 4);
	int64_t as_org = ref_of(st, m[0][0]);
	CHECK(as_org > 0 && as_org != talvik);
	CHECK_INT(ref_of(st, m[1][1]), as_org);
	rr = ref_get(st, as_org);
	CHECK_STR(rr.type, "ORG");
	CHECK_STR(rr.name, "Talvik");
	CHECK_INT(rr.accepted, 4);
	referent_finish(&rr);
	CHECK(journal_ok(st));
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_INT(ref_of(st, m[0][0]), talvik);
	struct entity e;
	store_edit_get(st, m[0][0], &e);
	CHECK_STR(e.type, "LOC");
	CHECK(annot_referent_decide(&a, talvik, ENT_ACCEPTED, "NOSUCH", &r) < 0);

	/* split a mention off, undo */
	CHECK_INT(annot_split(&a, m[1][0], &r), 0);
	CHECK_STR(r.msg, "split 'Talvik' off 'Talvik'");
	int64_t alone = ref_of(st, m[1][0]);
	CHECK(alone > 0 && alone != talvik);
	rr = ref_get(st, talvik);
	CHECK_INT(rr.mentions, 5);
	referent_finish(&rr);
	CHECK(journal_ok(st));
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: split 'Talvik' off its referent");
	CHECK_INT(ref_of(st, m[1][0]), talvik);
	CHECK_INT(annot_redo(&a, &r), 0);
	CHECK_INT(ref_of(st, m[1][0]), alone);
	CHECK(annot_split(&a, m[1][0], &r) < 0);  /* the only mention of its own */
	CHECK_INT(annot_undo(&a, &r), 0);

	/* merge Orsk into Talvik, undo */
	CHECK_INT(annot_merge(&a, ro, talvik, &r), 0);
	CHECK_STR(r.msg, "merged 'Orsk' into 'Talvik' (3 mentions)");
	CHECK_INT(ref_of(st, orsk[1]), talvik);
	rr = ref_get(st, talvik);
	CHECK_INT(rr.mentions, 9);
	CHECK_INT(rr.articles, 3);
	referent_finish(&rr);
	rr = ref_get(st, ro);
	CHECK_INT(rr.mentions, 0);
	referent_finish(&rr);
	CHECK(journal_ok(st));
	CHECK_INT(annot_undo(&a, &r), 0);
	CHECK_STR(r.msg, "undid: merge 3 mentions like 'Orsk'");
	CHECK_INT(ref_of(st, orsk[2]), ro);
	CHECK(annot_merge(&a, ro, ro, &r) < 0);
	CHECK(annot_merge(&a, ro, as_org, &r) < 0);  /* LOC into ORG */
	CHECK(journal_ok(st));
	store_close(&st);
}

/* The entity view's pages: forward and backward through many ties, in
 * every sort order, each referent once and in order. */
static void test_pages(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	enum { N = 40 };
	for (int i = 0; i < N; i++) {
		char text[96], name[32];
		snprintf(name, sizeof name, "Place%c%c", 'A' + i % 26, 'a' + i / 26);
		snprintf(text, sizeof text, "%s and %s.", name, name);
		int64_t a = add_article(st, text);
		mention(st, a, text, name, 0, "LOC", 0);
		if (i % 5 == 0) /* a few with two mentions: most tie */
			mention(st, a, text, name, 1, "LOC", 0);
		link_article(st, a, NULL);
	}
	for (int sort = 0; sort < RSORT_COUNT; sort++) {
		struct referent_query q = { (enum referent_sort)sort, NULL, NULL };
		struct referent_page all = { 0 }, p = { 0 };
		CHECK_INT(store_referent_page(st, &q, RPAGE_FIRST, NULL, 1000, &all), 0);
		CHECK_INT(all.n, N);
		/* forward, 7 at a time */
		size_t seen = 0;
		CHECK_INT(store_referent_page(st, &q, RPAGE_FIRST, NULL, 7, &p), 0);
		while (p.n && seen < N) {
			for (size_t i = 0; i < p.n; i++)
				CHECK_INT(p.v[i].id, all.v[seen + i].id);
			seen += p.n;
			struct referent k = p.v[p.n - 1];
			k.name = xstrdup(k.name);
			k.key = NULL;
			CHECK_INT(store_referent_page(st, &q, RPAGE_AFTER, &k, 7, &p), 0);
			free(k.name);
		}
		CHECK_INT(seen, N);
		/* backward from the end */
		CHECK_INT(store_referent_page(st, &q, RPAGE_LAST, NULL, 7, &p), 0);
		size_t end = N;
		while (p.n && end > 0) {
			for (size_t i = 0; i < p.n; i++)
				CHECK_INT(p.v[i].id, all.v[end - p.n + i].id);
			end -= p.n;
			struct referent k = p.v[0];
			k.name = xstrdup(k.name);
			k.key = NULL;
			CHECK_INT(store_referent_page(st, &q, RPAGE_BEFORE, &k, 7, &p), 0);
			free(k.name);
		}
		CHECK_INT(end, 0);
		/* from a row in the middle, itself first */
		CHECK_INT(store_referent_page(st, &q, RPAGE_FROM, &all.v[13], 5, &p), 0);
		CHECK_INT(p.n, 5);
		if (p.n)
			CHECK_INT(p.v[0].id, all.v[13].id);
		referent_page_finish(&p);
		referent_page_finish(&all);
	}
	/* filters */
	struct referent_query q = { RSORT_NAME, "LOC", "placeb" };
	struct referent_page p = { 0 };
	CHECK_INT(store_referent_page(st, &q, RPAGE_FIRST, NULL, 100, &p), 0);
	CHECK_INT(p.n, 2);  /* PlaceBa and PlaceBb */
	q.type = "ORG";
	CHECK_INT(store_referent_page(st, &q, RPAGE_FIRST, NULL, 100, &p), 0);
	CHECK_INT(p.n, 0);
	referent_page_finish(&p);
	store_close(&st);
}

int main(void)
{
	test_parse();
	test_cluster();
	test_article();
	test_reopen();
	test_referent_ops();
	test_pages();
	return tap_status();
}
