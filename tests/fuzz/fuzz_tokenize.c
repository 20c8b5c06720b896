/*
 * fuzz_tokenize.c: a libFuzzer target for the tokenizer and the
 * detector on arbitrary bytes: tokens in order, inside the text, not
 * empty, on code point boundaries, code point offsets agreeing with the
 * bytes; detected spans sorted, not overlapping, inside the text, on
 * grapheme cluster boundaries, with a type and a confidence in [0, 1].
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"
#include "detect/tokenize.h"
#include "text/text.h"
#include "lib/util.h"

static struct tok_abbrevs *abbrevs;
static struct detector *det;
static struct tokens toks;

static void must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_tokenize: invariant broken: %s\n", what);
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!getenv("NERVE_DATADIR"))
		setenv("NERVE_DATADIR", FUZZ_DATADIR, 1);
	abbrevs = tok_abbrevs_new();
	det = detector_open(NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char *s = (const char *)data;
	tokenize(abbrevs, s, len, &toks);
	int valid = text_valid(s, len, NULL);
	uint32_t prev_b = 0, prev_c = 0;
	for (size_t k = 0; k < toks.n; k++) {
		const struct token *t = &toks.v[k];
		must(t->b0 < t->b1 && t->b1 <= len, "a token is inside the text and not empty");
		must(t->c0 < t->c1, "a token has code points");
		must(t->b0 >= prev_b && t->c0 >= prev_c, "tokens come in order");
		/* (invalid bytes are each a U+FFFD of their own: only valid text
		 * has code point boundaries to keep) */
		must(!valid || ((data[t->b0] & 0xC0) != 0x80 &&
		                (t->b1 == len || (data[t->b1] & 0xC0) != 0x80)),
		     "a token starts and ends on a code point");
		prev_b = t->b1;
		prev_c = t->c1;
	}
	if (!det)
		return 0;
	/* detection wants the clean text import gives it */
	size_t clean_len, bad;
	char *clean = text_clean(s, len, 1, &clean_len, &bad, NULL);
	if (!clean)
		return 0;
	struct doc d = { 0 };
	detect_doc(det, clean, clean_len, &d);
	size_t ncp = text_cp_len(clean, clean_len);
	int64_t end = 0;
	for (size_t k = 0; k < d.nspans; k++) {
		const struct span *sp = &d.spans[k];
		must(sp->start >= end && sp->start < sp->end && (size_t)sp->end <= ncp,
		     "spans are sorted, apart, inside the text");
		size_t b0 = text_cp_to_byte(clean, clean_len, (size_t)sp->start);
		size_t b1 = text_cp_to_byte(clean, clean_len, (size_t)sp->end);
		must(text_is_grapheme_boundary(clean, clean_len, b0) &&
		     text_is_grapheme_boundary(clean, clean_len, b1), "spans on grapheme boundaries");
		must(sp->type[0] != '\0', "a span has a type");
		must(sp->confidence >= 0 && sp->confidence <= 1, "a confidence in [0, 1]");
		end = sp->end;
	}
	doc_finish(&d);
	free(clean);
	return 0;
}
