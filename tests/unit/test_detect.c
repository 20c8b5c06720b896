/*
 * test_detect.c: the tagger learns a tiny corpus, training and detection
 * are deterministic, models survive the blob, bad
 * blobs are refused, and the scorer counts right.  Uses the small lists
 * of tests/data/gazetteer ($TESTDATA) as the data directory.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"
#include "detect/eval.h"
#include "tap.h"
#include "text/text.h"
#include "lib/util.h"

/* A tiny corpus written for this test: text with [TYPE words] marks. */
static const char *const corpus[] = {
	"[PERSON Maria Lopez] visited [LOC Lagos] on [DATE Monday] with [PERSON Ana Silva].",
	"The [ORG Ministry of Health] said on [DATE 3 May 2021] that [LOC Kenya] would help.",
	"Talks between [LOC Kenya] and [LOC Uganda] ended in [LOC Nairobi] last week.",
	"[PERSON John Smith] of [ORG Acme Corporation] met [PERSON Ana Silva] in [LOC Lagos].",
	"On [DATE Friday] , [PERSON Maria Lopez] flew to [LOC Nairobi] for the talks.",
	"[ORG Acme Corporation] opened an office in [LOC Uganda] in [DATE June 2020].",
	"[PERSON John Smith] said the [ORG Ministry of Health] had no comment.",
	"Officials in [LOC Lagos] and [LOC Nairobi] met on [DATE Tuesday].",
};

/* Parse "[TYPE words]" marks into d (text without the marks). */
static void parse(const char *src, struct doc *d)
{
	memset(d, 0, sizeof *d);
	struct buf b = BUF_INIT;
	char type[64];
	int64_t start = 0;
	for (const char *p = src; *p; p++) {
		if (*p == '[') {
			const char *sp = strchr(p, ' ');
			snprintf(type, sizeof type, "%.*s", (int)(sp - p - 1), p + 1);
			start = (int64_t)text_cp_len(b.data ? b.data : "", b.len);
			p = sp;
		} else if (*p == ']') {
			struct span *s = doc_push_span(d);
			s->start = start;
			s->end = (int64_t)text_cp_len(b.data, b.len);
			snprintf(s->type, sizeof s->type, "%s", type);
		} else {
			buf_addc(&b, *p);
		}
	}
	d->text_len = b.len;
	d->text = buf_steal(&b);
	d->has_entities = 1;
}

static struct doc docs[ARRAY_SIZE(corpus)];

static const char *datadir(void)
{
	const char *d = getenv("TESTDATA");
	return d ? d : "../../tests/data";
}

static int train(struct buf *out, float weight)
{
	struct train_set set = { docs, ARRAY_SIZE(docs), weight, 0, 2 };
	struct train_opts o = { datadir(), 12, "test model", NULL, NULL };
	return detect_train(&o, &set, 1, out);
}

/* Spans of text as "TYPE:words|..." */
static const char *show(struct detector *det, const char *text)
{
	static struct buf b;
	struct doc out = { 0 };
	buf_clear(&b);
	buf_adds(&b, "");
	detect_doc(det, text, strlen(text), &out);
	for (size_t i = 0; i < out.nspans; i++) {
		size_t b0 = text_cp_to_byte(text, strlen(text), (size_t)out.spans[i].start);
		size_t b1 = text_cp_to_byte(text, strlen(text), (size_t)out.spans[i].end);
		buf_printf(&b, "%s%s:%.*s", i ? "|" : "", out.spans[i].type, (int)(b1 - b0), text + b0);
		CHECK(out.spans[i].confidence > 0 && out.spans[i].confidence <= 1);
		CHECK_STR(out.spans[i].status, "suggested");
		CHECK_STR(out.spans[i].annotator, "detector");
		if (i)
			CHECK(out.spans[i].start >= out.spans[i - 1].end);
	}
	doc_finish(&out);
	return b.data;
}

static void test_learns(const struct buf *blob)
{
	struct detector *det = detector_from_blob(blob->data, blob->len);
	CHECK(det != NULL);
	if (!det)
		return;
	CHECK_STR(detector_info(det), "test model");
	/* it must have learnt its corpus */
	struct eval ev = { 0 };
	struct doc pred = { 0 };
	for (size_t i = 0; i < ARRAY_SIZE(docs); i++) {
		pred.nspans = 0;
		detect_doc(det, docs[i].text, docs[i].text_len, &pred);
		eval_doc(&ev, docs[i].spans, docs[i].nspans, pred.spans, pred.nspans);
	}
	struct eval_score s = eval_get(&ev, NULL, 0);
	CHECK(s.f1 >= 0.95);
	if (s.f1 < 0.95)
		eval_print(&ev, stderr, 0);
	doc_finish(&pred);
	eval_finish(&ev);
	/* and generalise a little: known names in a new sentence */
	CHECK_STR(show(det, "Ana Silva flew to Uganda on Friday."),
	          "PERSON:Ana Silva|LOC:Uganda|DATE:Friday");
	/* deterministic: the same text twice gives the same spans */
	char *a = xstrdup(show(det, "Maria Lopez met John Smith in Nairobi on 3 May 2021."));
	CHECK_STR(show(det, "Maria Lopez met John Smith in Nairobi on 3 May 2021."), a);
	free(a);
	/* empty and odd texts */
	CHECK_STR(show(det, ""), "");
	CHECK_STR(show(det, " \n\t "), "");
	/* invalid bytes: the same answer twice (show() returns a static
	 * buffer: keep a copy), and no entity made of them */
	char *b = xstrdup(show(det, "\xFF\xFE invalid"));
	CHECK_STR(show(det, "\xFF\xFE invalid"), b);
	CHECK(strstr(b, "\xFF") == NULL);
	free(b);
	detector_free(&det);
	CHECK(det == NULL);
}

static void test_blob_errors(const struct buf *blob)
{
	CHECK(detector_from_blob("not a model", 11) == NULL);
	CHECK(strstr(err_msg(), "not a nerve model") != NULL);
	CHECK(detector_from_blob(blob->data, blob->len / 2) == NULL);
	char *copy = xmalloc(blob->len);
	memcpy(copy, blob->data, blob->len);
	copy[8] ^= 0x7F;   /* the version */
	CHECK(detector_from_blob(copy, blob->len) == NULL);
	CHECK(strstr(err_msg(), "version") != NULL);
	free(copy);
	char *dir = xasprintf("%s/no-such-dir", datadir());
	CHECK(detector_open(dir) == NULL);
	CHECK(strstr(err_msg(), "no-such-dir/model/nerve.model") != NULL);
	free(dir);
	/* training needs the lists */
	struct buf out = BUF_INIT;
	struct train_set set = { docs, ARRAY_SIZE(docs), 1, 0, 2 };
	struct train_opts o = { "/nonexistent/datadir", 1, "", NULL, NULL };
	CHECK(detect_train(&o, &set, 1, &out) < 0);
	CHECK(strstr(err_msg(), "/nonexistent/datadir/gazetteer") != NULL);
	struct train_set none = { docs, 0, 1, 0, 2 };
	o.datadir = datadir();
	CHECK(detect_train(&o, &none, 1, &out) < 0);
	buf_free(&out);
}

/* A model adopted from a heap copy of its blob, as the store hands it over. */
static void test_adopt(const struct buf *blob)
{
	char *copy = xmalloc(blob->len);
	memcpy(copy, blob->data, blob->len);
	struct detector *det = detector_adopt(copy, blob->len);
	CHECK(det != NULL);
	detector_free(&det);
}

static void test_eval(void)
{
	struct span g[3] = { 0 }, p[3] = { 0 };
	g[0] = (struct span){ .start = 0, .end = 5, .type = "PERSON" };
	g[1] = (struct span){ .start = 10, .end = 14, .type = "LOC" };
	g[2] = (struct span){ .start = 20, .end = 24, .type = "MISC" };
	p[0] = (struct span){ .start = 0, .end = 5, .type = "PERSON" };   /* exact */
	p[1] = (struct span){ .start = 9, .end = 14, .type = "LOC" };     /* overlap */
	p[2] = (struct span){ .start = 30, .end = 34, .type = "ORG" };    /* spurious */
	struct eval ev = { 0 };
	eval_doc(&ev, g, 3, p, 3);
	struct eval_score s = eval_get(&ev, NULL, 0);
	CHECK_INT(s.tp, 1);
	CHECK_INT(s.pred, 3);
	CHECK_INT(s.gold, 3);
	s = eval_get(&ev, NULL, 1);
	CHECK_INT(s.tp, 2);
	CHECK(s.f1 > 0.66 && s.f1 < 0.67);
	s = eval_get(&ev, "LOC", 0);
	CHECK_INT(s.tp, 0);
	CHECK(eval_get(&ev, "LOC", 1).f1 == 1.0);
	eval_finish(&ev);
	/* --types limits both sides */
	eval_limit(&ev, "PERSON,LOC");
	eval_doc(&ev, g, 3, p, 3);
	s = eval_get(&ev, NULL, 1);
	CHECK_INT(s.pred, 2);
	CHECK_INT(s.gold, 2);
	CHECK(s.f1 == 1.0);
	FILE *f = tmpfile();
	eval_print(&ev, f, 1);
	rewind(f);
	char line[2048] = "";
	CHECK(fgets(line, sizeof line, f) != NULL);
	CHECK(strstr(line, "\"exact\": {\"LOC\": {\"p\": 0.0000") != NULL);
	CHECK(strstr(line, "\"ALL\": {\"p\": 1.0000, \"r\": 1.0000, \"f1\": 1.0000, \"tp\": 2") != NULL);
	fclose(f);
	eval_finish(&ev);
}

int main(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(corpus); i++)
		parse(corpus[i], &docs[i]);
	struct buf a = BUF_INIT, b = BUF_INIT;
	CHECK(train(&a, 1) == 0);
	CHECK(train(&b, 1) == 0);
	/* training is reproducible to the byte */
	CHECK(a.len == b.len && a.len > 0 && memcmp(a.data, b.data, a.len) == 0);
	test_learns(&a);
	test_blob_errors(&a);
	test_adopt(&a);
	test_eval();
	buf_free(&a);
	buf_free(&b);
	for (size_t i = 0; i < ARRAY_SIZE(docs); i++)
		doc_finish(&docs[i]);
	return tap_status();
}
