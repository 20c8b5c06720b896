/*
 * test_online.c: the detector learning at once (detect/online.h) on the
 * shipped model ($DATADIR): an online update changes how the next text
 * is tagged, is deterministic, and taken away leaves the model as it
 * was; the memory of decisions suggests accepted strings and drops
 * rejected ones; malformed updates are refused.  The reports are
 * written for this test.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"
#include "detect/online.h"
#include "tap.h"
#include "text/text.h"
#include "lib/util.h"

static const char first[] =
	"Officials from Brenvik Ostrala said on Tuesday that Tolmir Vashenko would lead "
	"the talks in Calvaro. Vashenko, who grew up in Brenvik Ostrala, met the delegation "
	"of the Ministry of Water.";
static const char earlier[] =
	"The road from Calvaro to Brenvik Ostrala was closed for a week after the floods.";
static const char second[] =
	"Tolmir Vashenko arrived in Calvaro on Friday. Farmers near Brenvik Ostrala said "
	"the visit had been planned since March.";

/* The code point span of the first occurrence of s in text. */
static void find(const char *text, const char *s, int64_t *start, int64_t *end)
{
	const char *p = strstr(text, s);
	*start = (int64_t)text_cp_len(text, (size_t)(p - text));
	*end = *start + (int64_t)text_cp_len(s, strlen(s));
}

/* The type the detector gives to the first occurrence of s, or "". */
static const char *type_of(struct detector *det, const char *text, const char *s)
{
	static char type[64];
	struct doc d = { 0 };
	int64_t a, b;
	find(text, s, &a, &b);
	detect_doc(det, text, strlen(text), &d);
	type[0] = '\0';
	for (size_t i = 0; i < d.nspans; i++)
		if (d.spans[i].start == a && d.spans[i].end == b)
			snprintf(type, sizeof type, "%s", d.spans[i].type);
	doc_finish(&d);
	return type;
}

/* Detection of text as a string, to compare two detectors. */
static char *render(struct detector *det, const char *text)
{
	struct doc d = { 0 };
	struct buf b = BUF_INIT;
	detect_doc(det, text, strlen(text), &d);
	for (size_t i = 0; i < d.nspans; i++)
		buf_printf(&b, "%lld-%lld %s %.4f\n", (long long)d.spans[i].start,
		           (long long)d.spans[i].end, d.spans[i].type, d.spans[i].confidence);
	doc_finish(&d);
	buf_adds(&b, "");
	return buf_steal(&b);
}

/* The gold of the first report: the place is a place here. */
static void gold_of_first(struct doc *g)
{
	static const char *const ents[][2] = {
		{ "Brenvik Ostrala", "LOC" }, { "Tuesday", "DATE" },
		{ "Tolmir Vashenko", "PERSON" }, { "Calvaro", "LOC" },
		{ "Vashenko,", "PERSON" }, { "Ministry of Water", "ORG" },
	};
	memset(g, 0, sizeof *g);
	for (size_t i = 0; i < ARRAY_SIZE(ents); i++) {
		struct span *sp = doc_push_span(g);
		find(first, ents[i][0], &sp->start, &sp->end);
		if (ents[i][0][strlen(ents[i][0]) - 1] == ',')
			sp->end--;
		snprintf(sp->type, sizeof sp->type, "%s", ents[i][1]);
	}
	/* the second mention of the place too */
	const char *p = strstr(strstr(first, "grew up"), "Brenvik Ostrala");
	struct span *sp = doc_push_span(g);
	sp->start = (int64_t)text_cp_len(first, (size_t)(p - first));
	sp->end = sp->start + 15;
	snprintf(sp->type, sizeof sp->type, "LOC");
}

static struct detector *open_model(void)
{
	struct detector *det = detector_open(getenv("DATADIR"));
	if (!det)
		fprintf(stderr, "%s\n", err_msg());
	return det;
}

static void test_learning(void)
{
	struct detector *det = open_model(), *other = open_model(), *fresh = open_model();
	if (!det || !other || !fresh)
		exit(1);
	char *before = render(det, second);
	CHECK(strcmp(type_of(det, second, "Brenvik Ostrala"), "LOC") != 0);

	/* the first report reviewed, and one reviewed before it (replayed) */
	struct doc g[2];
	gold_of_first(&g[0]);
	g[0].text = xstrdup(first);
	g[0].text_len = strlen(first);
	memset(&g[1], 0, sizeof g[1]);
	g[1].text = xstrdup(earlier);
	g[1].text_len = strlen(earlier);
	struct span *sp = doc_push_span(&g[1]);
	find(earlier, "Brenvik Ostrala", &sp->start, &sp->end);
	snprintf(sp->type, sizeof sp->type, "LOC");
	sp = doc_push_span(&g[1]);
	find(earlier, "Calvaro", &sp->start, &sp->end);
	snprintf(sp->type, sizeof sp->type, "LOC");
	struct buf up = BUF_INIT, up2 = BUF_INIT;
	long wrong = detect_learn(det, g, 2, &up);
	CHECK(wrong > 0);
	CHECK(up.len > 20);
	/* the report learnt from is tagged as it was reviewed, and the next
	 * one differently than before (the memory of decisions, tested
	 * below and in test_learn, is what makes a name right at once) */
	CHECK_STR(type_of(det, first, "Brenvik Ostrala"), "LOC");
	CHECK_STR(type_of(det, earlier, "Brenvik Ostrala"), "LOC");
	char *next = render(det, second);
	CHECK(strcmp(next, before) != 0);
	free(next);

	/* deterministic: another detector learns exactly the same update */
	CHECK_INT(detect_learn(other, g, 2, &up2), wrong);
	CHECK(up.len == up2.len && memcmp(up.data, up2.data, up.len) == 0);
	char *learnt = render(det, second);

	/* applied to a fresh detector, the update tags as the learner does */
	CHECK_INT(detect_apply_update(fresh, up.data, up.len, 1), 0);
	char *applied = render(fresh, second);
	CHECK_STR(applied, learnt);
	/* taken away, it leaves the model as it was (integer deltas) */
	CHECK_INT(detect_apply_update(fresh, up.data, up.len, -1), 0);
	char *undone = render(fresh, second);
	CHECK_STR(undone, before);
	CHECK(detect_overlay_size(fresh) > 0);
	detect_updates_clear(det);
	char *cleared = render(det, second);
	CHECK_STR(cleared, before);

	/* malformed updates are refused and change nothing */
	CHECK_INT(detect_apply_update(fresh, "NVUP", 4, 1), -1);
	up.data[8] ^= 1;   /* the tag count */
	CHECK_INT(detect_apply_update(fresh, up.data, up.len, 1), -1);
	up.data[8] ^= 1;
	CHECK_INT(detect_apply_update(fresh, up.data, up.len - 3, 1), -1);
	char *still = render(fresh, second);
	CHECK_STR(still, before);

	free(before);
	free(learnt);
	free(applied);
	free(undone);
	free(cleared);
	free(still);
	buf_free(&up);
	buf_free(&up2);
	doc_finish(&g[0]);
	doc_finish(&g[1]);
	detector_free(&det);
	detector_free(&other);
	detector_free(&fresh);
}

static void test_memory(void)
{
	static const char text[] =
		"The convoy left Calvaro at dawn and reached Marrow Point before noon, "
		"where Tolmir Vashenko waited.";
	struct detector *det = open_model();
	if (!det)
		exit(1);
	CHECK_STR(type_of(det, text, "Calvaro"), "LOC");

	/* rejected elsewhere: not suggested, unless the tagger is very sure */
	detect_memory_add(det, "Calvaro", 7, "LOC", 0, 2);
	detect_memory_add(det, "Calvaro", 7, "LOC", 1, 1);
	CHECK_STR(type_of(det, text, "Calvaro"), "");
	/* accepted more often than rejected: suggested again */
	detect_memory_add(det, "Calvaro", 7, "LOC", 1, 2);
	CHECK_STR(type_of(det, text, "Calvaro"), "LOC");

	/* accepted with a type: suggested with it */
	detect_memory_add(det, "Marrow Point", 12, "EVENT", 1, 1);
	detect_memory_add(det, "Tolmir Vashenko", 15, "ORG", 1, 1);
	detect_memory_add(det, "Tolmir Vashenko", 15, "PERSON", 1, 3);
	CHECK_STR(type_of(det, text, "Marrow Point"), "EVENT");
	CHECK_STR(type_of(det, text, "Tolmir Vashenko"), "PERSON");
	/* only as whole tokens: a part of a longer span stays */
	detect_memory_add(det, "Marrow", 6, "PERSON", 1, 5);
	CHECK_STR(type_of(det, text, "Marrow Point"), "EVENT");
	/* a string with space around it is not remembered */
	detect_memory_add(det, " dawn", 5, "DATE", 1, 5);
	CHECK_STR(type_of(det, text, "dawn"), "");

	detect_memory_clear(det);
	CHECK_STR(type_of(det, text, "Calvaro"), "LOC");
	CHECK_STR(type_of(det, text, "Marrow Point"), "");
	detector_free(&det);
}

int main(void)
{
	if (!getenv("DATADIR")) {
		fprintf(stderr, "DATADIR is not set\n");
		return 1;
	}
	test_learning();
	test_memory();
	return tap_status();
}
