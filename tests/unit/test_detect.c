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
#include "detect/detect_impl.h"
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
	/* the format version, little endian whatever the machine */
	CHECK((unsigned char)copy[8] >= 4 && copy[9] == 0 && copy[10] == 0 && copy[11] == 0);
	copy[8] ^= 0x7F;
	CHECK(detector_from_blob(copy, blob->len) == NULL);
	CHECK(strstr(err_msg(), "version") != NULL);
	/* a file of format 3 (native byte order, before this one) */
	copy[8] = 3;
	CHECK(detector_from_blob(copy, blob->len) == NULL);
	CHECK(strstr(err_msg(), "model format 3") != NULL);
	CHECK(strstr(err_msg(), "train it again") != NULL);
	/* a damaged section length */
	memcpy(copy, blob->data, blob->len);
	copy[24 + 8 + 7] = 0x40;
	CHECK(detector_from_blob(copy, blob->len) == NULL);
	CHECK(strstr(err_msg(), "damaged") != NULL);
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

/* The silver training data, cleaned to the conventions. */
static const char *cleaned(const char *marked)
{
	static char out[512];
	struct doc d, c = { 0 };
	parse(marked, &d);
	out[0] = '\0';
	CHECK(detect_train_clean(datadir(), &d, &c) == 0);
	size_t n = 0;
	for (size_t i = 0; i < c.nspans; i++) {
		const struct span *sp = &c.spans[i];
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s:%.*s", i ? "|" : "", sp->type,
		                      (int)(sp->end - sp->start), d.text + sp->start);
	}
	doc_finish(&c);
	doc_finish(&d);
	return out;
}

static void test_cleaning(void)
{
	/* a title inside a PERSON comes out as TITLE (ASCII text: code
	 * points are bytes here) */
	CHECK_STR(cleaned("[PERSON Colonel General Ivan Dorokhov] spoke ."),
	          "TITLE:Colonel General|PERSON:Ivan Dorokhov");
	CHECK_STR(cleaned("[PERSON President Mary Okonkwo] spoke ."),
	          "TITLE:President|PERSON:Mary Okonkwo");
	/* a country the silver data calls an organisation (acting) is LOC */
	CHECK_STR(cleaned("[ORG Azerbaijan] said it would help ."), "LOC:Azerbaijan");
	/* a date without a calendar anchor goes; one with it is cut to it */
	CHECK_STR(cleaned("They met [DATE yesterday] and [DATE last Friday] ."), "DATE:Friday");
	/* a country joined by a hyphen is an entity of its own */
	CHECK_STR(cleaned("The Azerbaijan-led talks ended ."), "LOC:Azerbaijan");
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

	/* confidence bands: exact precision per band of 0.1, and the
	 * calibration error weighted by the counts */
	struct span cg[4] = { 0 }, cp[4] = { 0 };
	for (int i = 0; i < 4; i++) {
		cg[i] = (struct span){ .start = 10 * i, .end = 10 * i + 5, .type = "LOC" };
		cp[i] = cg[i];
		cp[i].has = SPAN_HAS_CONFIDENCE;
	}
	cp[0].confidence = 0.95;     /* right, band 9 */
	cp[1].confidence = 0.95;     /* right, band 9 */
	cp[2].confidence = 0.92;     /* wrong span, band 9 */
	cp[2].end += 1;
	cp[3].confidence = 0.35;     /* right, band 3 */
	eval_doc(&ev, cg, 4, cp, 4);
	CHECK_INT(ev.band[9].n, 3);
	CHECK_INT(ev.band[9].right, 2);
	CHECK_INT(ev.band[3].n, 1);
	CHECK_INT(ev.band[3].right, 1);
	CHECK_INT(ev.band[0].n, 0);
	/* band 9: |2/3 - 0.94| = 0.2733; band 3: |1 - 0.35| = 0.65 */
	double want = (3 * (0.94 - 2.0 / 3) + 1 * 0.65) / 4;
	CHECK(eval_ece(&ev) > want - 1e-6 && eval_ece(&ev) < want + 1e-6);
	f = tmpfile();
	eval_print(&ev, f, 1);
	rewind(f);
	CHECK(fgets(line, sizeof line, f) != NULL);
	CHECK(strstr(line, "\"calibration\": {\"ece\": 0.3675, \"bands\": [{\"lo\": 0.0, \"hi\": 0.1, "
	                   "\"n\": 0, \"precision\": 0.0000}") != NULL);
	CHECK(strstr(line, "{\"lo\": 0.9, \"hi\": 1.0, \"n\": 3, \"precision\": 0.6667}]}}") != NULL);
	fclose(f);
	f = tmpfile();
	eval_print(&ev, f, 0);
	rewind(f);
	int saw = 0;
	while (fgets(line, sizeof line, f))
		saw += strncmp(line, "0.9-1.0", 7) == 0 && strstr(line, "0.6667") != NULL;
	CHECK_INT(saw, 1);
	fclose(f);
	eval_finish(&ev);
}

/* ---- conventions, on sentences written for these tests ----------------- */

static const char *cur_text, *cur_from;

/* Token span of the next occurrence of 'what' in the prepared text. */
static void tok_span(struct detector *det, const char *what, uint32_t *a, uint32_t *b)
{
	const char *at = strstr(cur_from, what);
	cur_from = at ? at + strlen(what) : cur_from;
	size_t b0 = at ? (size_t)(at - cur_text) : 0, b1 = b0 + strlen(what);
	*a = *b = 0;
	for (size_t i = 0; i < det->toks.n; i++) {
		if (det->toks.v[i].b0 == b0)
			*a = (uint32_t)i;
		if (det->toks.v[i].b1 == b1)
			*b = (uint32_t)i + 1;
	}
}

/* Prepare text and give it the tagger's spans "TYPE=words;TYPE=words". */
static void tagged(struct detector *det, const char *text, const char *spans)
{
	cur_text = cur_from = text;
	detect_prepare(det, text, strlen(text));
	det->spans.n = 0;
	char buf[256];
	snprintf(buf, sizeof buf, "%s", spans);
	for (char *p = strtok(buf, ";"); p; p = strtok(NULL, ";")) {
		char *eq = strchr(p, '=');
		*eq = '\0';
		uint32_t a, b;
		tok_span(det, eq + 1, &a, &b);
		dspans_push(&det->spans, a, b, detect_type_index(det, p), 0.5f);
		det->spans.v[det->spans.n - 1].margin = 1;
	}
}

/* The spans as "TYPE:text|..." (static buffer). */
static const char *spans_now(struct detector *det)
{
	static char out[1024];
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < det->spans.n && n < sizeof out - 100; i++) {
		const struct dspan *d = &det->spans.v[i];
		const struct token *x = &det->toks.v[d->a], *y = &det->toks.v[d->b - 1];
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s:%.*s", i ? "|" : "",
		                      d->type >= 0 ? det->types[d->type] : "-", (int)(y->b1 - x->b0),
		                      cur_text + x->b0);
	}
	return out;
}

static const char *conv(struct detector *det, const char *text, const char *spans)
{
	tagged(det, text, spans);
	detect_conventions(det);
	return spans_now(det);
}

static void test_conventions(const struct buf *blob)
{
	struct detector *det = detector_from_blob(blob->data, blob->len);
	CHECK(det != NULL);
	if (!det)
		return;
	/* a country is a place whatever it does */
	CHECK_STR(conv(det, "Guinea-Bissau said on Monday that it would help.", "ORG=Guinea-Bissau"),
	          "LOC:Guinea-Bissau");
	CHECK_STR(conv(det, "Talks with Saudi Arabia's envoy went on.", "PERSON=Saudi Arabia"),
	          "LOC:Saudi Arabia");
	/* and so is a Republic of ... (a rule's place) */
	CHECK_STR(conv(det, "He visited the Republic of Azerbaijan last year.",
	               "ORG=Republic of Azerbaijan"), "LOC:Republic of Azerbaijan");
	/* a rank before a name: TITLE and PERSON, never one span, never ORG */
	CHECK_STR(conv(det, "Colonel General Ivan Dorokhov arrived.", "ORG=Colonel General Ivan Dorokhov"),
	          "TITLE:Colonel General|PERSON:Ivan Dorokhov");
	CHECK_STR(conv(det, "Minister of Defense Mary Okonkwo spoke.",
	               "PERSON=Minister of Defense Mary Okonkwo"),
	          "TITLE:Minister of Defense|PERSON:Mary Okonkwo");
	/* a title alone is a TITLE; an honorific is neither */
	CHECK_STR(conv(det, "The Prime Minister left early.", "PERSON=Prime Minister"),
	          "TITLE:Prime Minister");
	CHECK_STR(conv(det, "Dr. Ivan Dorokhov left early.", "PERSON=Dr. Ivan Dorokhov"),
	          "PERSON:Ivan Dorokhov");
	/* an organisation with a rank word in it stays one: no name after */
	CHECK_STR(conv(det, "The General Staff of the Army met.", "ORG=General Staff of the Army"),
	          "ORG:General Staff of the Army");
	/* an initial and a surname are a PERSON */
	CHECK_STR(conv(det, "R. Kowalczyk signed it.", "ORG=R. Kowalczyk"), "PERSON:R. Kowalczyk");
	CHECK_STR(conv(det, "Then R. Kowalczyk signed it.", "PERSON=Kowalczyk"),
	          "PERSON:R. Kowalczyk");
	/* no span begins or ends with a dash, quote, comma, bracket ... */
	CHECK_STR(conv(det, "We thank Dorokhov -- and all of you.", "PERSON=Dorokhov --"),
	          "PERSON:Dorokhov");
	CHECK_STR(conv(det, "He said \"Guinea-Bissau\", then left.", "LOC=\"Guinea-Bissau\","),
	          "LOC:Guinea-Bissau");
	CHECK_STR(conv(det, "The vote (Azerbaijan) passed.", "LOC=(Azerbaijan)"), "LOC:Azerbaijan");
	/* ... while the period of an abbreviation stays */
	CHECK_STR(conv(det, "The U.S. envoy left.", "LOC=U.S."), "LOC:U.S.");
	/* a named facility is a place */
	CHECK_STR(conv(det, "They met in Juniper Park at noon.", "ORG=Juniper Park"),
	          "LOC:Juniper Park");
	/* "US" before a currency sign is money, not an entity */
	CHECK_STR(conv(det, "It cost US$ 5 million.", "ORG=US"), "");
	/* a date needs a calendar anchor */
	CHECK_STR(conv(det, "They met yesterday and on Friday.", "DATE=yesterday;DATE=Friday"),
	          "DATE:Friday");
	/* an organisation's "of" chain is one ORG */
	CHECK_STR(conv(det, "The Council for the Study of Rivers met.",
	               "ORG=Council for the Study;ORG=Rivers"), "ORG:Council for the Study of Rivers");
	CHECK_STR(conv(det, "The Ministry of Health met.", "ORG=Ministry;ORG=Health"),
	          "ORG:Ministry of Health");
	/* a nationality word opening an organisation's name is part of it */
	CHECK_STR(conv(det, "The Azerbaijani Ministry of Health said so.",
	               "NORP=Azerbaijani;ORG=Ministry of Health"), "ORG:Azerbaijani Ministry of Health");
	/* (the test model knows no NORP: "-") */
	CHECK_STR(conv(det, "An Azerbaijani official met Acme.", "NORP=Azerbaijani;ORG=Acme"),
	          "-:Azerbaijani|ORG:Acme");
	/* a person's name is one span across particles and hyphens */
	CHECK_STR(conv(det, "Khalid bin Rashid arrived.", "PERSON=Khalid;PERSON=Rashid"),
	          "PERSON:Khalid bin Rashid");
	CHECK_STR(conv(det, "Then Lucia de Amaral spoke.", "PERSON=Lucia"), "PERSON:Lucia de Amaral");
	CHECK_STR(conv(det, "Then El-Marouf spoke.", "PERSON=Marouf"), "PERSON:El-Marouf");
	CHECK_STR(conv(det, "Dr. Kessler-Ndiaye spoke.", "PERSON=Kessler"), "PERSON:Kessler-Ndiaye");
	CHECK_STR(conv(det, "Ivan Dorokhov spoke.", "PERSON=Ivan;PERSON=Dorokhov"),
	          "PERSON:Ivan Dorokhov");
	/* but a place joined by a hyphen stays itself, and a particle with
	 * no name after it is left out */
	CHECK_STR(conv(det, "The U.S.-led talks went on.", "LOC=U.S."), "LOC:U.S.");
	CHECK_STR(conv(det, "We met Dorokhov de facto.", "PERSON=Dorokhov"), "PERSON:Dorokhov");
	/* but two names side by side stay two */
	CHECK_STR(conv(det, "Acme of Lagos met Dorokhov.", "ORG=Acme;LOC=Lagos"), "ORG:Acme|LOC:Lagos");
	detector_free(&det);
}

static const char *consist(struct detector *det, const char *text, const char *spans)
{
	tagged(det, text, spans);
	detect_consistency(det);
	/* sorted as merge() sorts them */
	for (size_t i = 1; i < det->spans.n; i++)
		for (size_t j = i; j > 0 && det->spans.v[j].a < det->spans.v[j - 1].a; j--) {
			struct dspan x = det->spans.v[j];
			det->spans.v[j] = det->spans.v[j - 1];
			det->spans.v[j - 1] = x;
		}
	return spans_now(det);
}

static void test_consistency(const struct buf *blob)
{
	struct detector *det = detector_from_blob(blob->data, blob->len);
	CHECK(det != NULL);
	if (!det)
		return;
	/* the surname alone is the person, whatever the tagger said, and
	 * where it said nothing */
	CHECK_STR(consist(det, "Ivan Dorokhov spoke. Later Dorokhov left. Dorokhov smiled.",
	                  "PERSON=Ivan Dorokhov;ORG=Dorokhov"),
	          "PERSON:Ivan Dorokhov|PERSON:Dorokhov|PERSON:Dorokhov");
	/* an initial and the surname too */
	CHECK_STR(consist(det, "Ivan Dorokhov spoke. Then I. Dorokhov left.",
	                  "PERSON=Ivan Dorokhov;ORG=Dorokhov"),
	          "PERSON:Ivan Dorokhov|PERSON:I. Dorokhov");
	/* an organisation's acronym after its name is that organisation */
	CHECK_STR(consist(det, "The Ruritanian Space Agency grew. The RSA hired. RSA won.",
	                  "ORG=Ruritanian Space Agency;PERSON=RSA"),
	          "ORG:Ruritanian Space Agency|ORG:RSA|ORG:RSA");
	CHECK_STR(consist(det, "The Ministry of Health met. The M.O.H. and MH agreed.",
	                  "ORG=Ministry of Health"), "ORG:Ministry of Health|ORG:MH");
	/* a country stays a place, even as a surname */
	CHECK_STR(consist(det, "Mary Azerbaijan spoke. Azerbaijan agreed.",
	                  "PERSON=Mary Azerbaijan;LOC=Azerbaijan"),
	          "PERSON:Mary Azerbaijan|LOC:Azerbaijan");
	/* a string the tagger called two things gets the more confident one */
	tagged(det, "Zentrix hired. Zentrix grew.", "ORG=Zentrix;LOC=Zentrix");
	det->spans.v[0].conf = 0.9f;
	det->spans.v[1].a = 3;
	det->spans.v[1].b = 4;
	detect_consistency(det);
	CHECK_STR(spans_now(det), "ORG:Zentrix|ORG:Zentrix");
	detector_free(&det);
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
	test_conventions(&a);
	test_consistency(&a);
	test_cleaning();
	test_eval();
	buf_free(&a);
	buf_free(&b);
	for (size_t i = 0; i < ARRAY_SIZE(docs); i++)
		doc_finish(&docs[i]);
	return tap_status();
}
