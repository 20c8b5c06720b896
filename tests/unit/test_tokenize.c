/*
 * test_tokenize.c: unit tests of the tokenizer and sentence splitter.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "detect/tokenize.h"
#include "lib/util.h"

static struct tok_abbrevs *abbrevs;
static struct tokens toks;

/* The tokens of s joined by '|', each sentence start marked with '^'. */
static const char *split(const char *s)
{
	static struct buf b;
	buf_clear(&b);
	tokenize(abbrevs, s, strlen(s), &toks);
	for (size_t i = 0; i < toks.n; i++) {
		if (i)
			buf_addc(&b, '|');
		if (toks.v[i].flags & TOKF_SENT_START)
			buf_addc(&b, '^');
		buf_add(&b, s + toks.v[i].b0, toks.v[i].b1 - toks.v[i].b0);
	}
	if (!b.data)
		buf_adds(&b, "");
	return b.data;
}

static const char *folded(size_t i)
{
	static char out[256];
	size_t n = toks.v[i].f1 - toks.v[i].f0;
	memcpy(out, toks.fold + toks.v[i].f0, n);
	out[n] = '\0';
	return out;
}

static void test_abbreviations(void)
{
	CHECK_STR(split("Lt. Gen. K. Petrov met U.S. officials on Dec. 15."),
	          "^Lt.|Gen.|K.|Petrov|met|U.S.|officials|on|Dec.|15|.");
	CHECK_STR(split("The U.N. Security Council. It met."),
	          "^The|U.N.|Security|Council|.|^It|met|.");
	CHECK_STR(split("Col.-Gen. Ivanov"), "^Col.|-|Gen.|Ivanov");
	CHECK_STR(split("He has a Ph.D. from there."), "^He|has|a|Ph.D.|from|there|.");
	CHECK_STR(split("It was cold. Then it rained."), "^It|was|cold|.|^Then|it|rained|.");
	/* the period of "U.S." ends a sentence at the end of a line or
	 * before a sentence starter, and is kept before anything else */
	CHECK_STR(split("in the U.S. The talks"), "^in|the|U.S|.|^The|talks");
	CHECK_STR(split("to the U.S.\nNext"), "^to|the|U.S|.|^Next");
	CHECK_STR(split("U.S. President Obama"), "^U.S.|President|Obama");
	CHECK(toks.v[0].h != toks.v[0].hw);   /* hw: without the period */
	/* an unknown word keeps no period */
	CHECK_STR(split("Foo. Bar"), "^Foo|.|^Bar");
	/* added abbreviations */
	CHECK_STR(split("Brig.Gen. X"), "^Brig.|Gen.|X");
	tok_abbrevs_add(abbrevs, "Excl.", 5);
	CHECK_STR(split("Excl. items"), "^Excl.|items");
	CHECK(toks.v[0].flags & TOKF_PERIOD);
}

static void test_apostrophes(void)
{
	CHECK_STR(split("Türkiye’s army"), "^Türkiye|’s|army");
	CHECK(toks.v[1].flags & TOKF_POSSESSIVE);
	CHECK_STR(split("Azerbaijan's and Iraq`s"), "^Azerbaijan|'s|and|Iraq|`s");
	CHECK_STR(split("O’Neil and Mi'kmaw don't"), "^O’Neil|and|Mi'kmaw|don't");
	CHECK_STR(split("the soldiers’ homes"), "^the|soldiers|’|homes");
	CHECK_STR(split("ʼAli ʻOumuamua"), "^ʼ|Ali|ʻ|Oumuamua");
	CHECK_STR(split("the 1990's"), "^the|1990|'s");
	/* folded forms map typographic apostrophes to ASCII */
	split("Türkiye’s");
	CHECK_STR(folded(0), "turkiye");
	CHECK_STR(folded(1), "'s");
}

static void test_dashes(void)
{
	CHECK_STR(split("U.S.-led forces"), "^U.S.|-|led|forces");
	CHECK(toks.v[1].flags & TOKF_HYPHEN);
	CHECK(toks.v[1].flags & TOKF_ATTACHED);
	CHECK(toks.v[2].flags & TOKF_ATTACHED);
	CHECK(!(toks.v[3].flags & TOKF_ATTACHED));
	CHECK_STR(split("Lagos – Reuters"), "^Lagos|–|Reuters");
	CHECK(!(toks.v[1].flags & TOKF_ATTACHED));
	CHECK_STR(split("2019–2020 and al‐Maliki — yes"),
	          "^2019|–|2020|and|al|‐|Maliki|—|yes");
	split("2019–2020");
	CHECK_STR(folded(1), "-");
	CHECK_STR(split("well--known"), "^well|--|known");
	CHECK_STR(split("Russia-Ukraine"), "^Russia|-|Ukraine");
}

static void test_numbers(void)
{
	CHECK_STR(split("1,000.5 people on 12:30 25th 1990s 45km 3.5% $20"),
	          "^1,000.5|people|on|12:30|25th|1990s|45km|3.5|%|$|20");
	CHECK(toks.v[0].kind == TOK_NUMBER);
	CHECK(toks.v[6].kind == TOK_NUMBER);
	CHECK(toks.v[9].kind == TOK_SYMBOL);
	CHECK_STR(split("In 2019. Then"), "^In|2019|.|^Then");
	CHECK_STR(split("on 15/12/2020,"), "^on|15/12/2020|,");
}

static void test_scripts(void)
{
	CHECK_STR(split("Москва и Київ"), "^Москва|и|Київ");
	CHECK(toks.v[0].flags & TOKF_UPPER_INIT);
	CHECK(!(toks.v[1].flags & TOKF_UPPER_INIT));
	CHECK_STR(folded(0), "москва");
	CHECK_STR(split("東京都 مرحبا بكم"), "^東京都|مرحبا|بكم");
	CHECK(!(toks.v[0].flags & TOKF_UPPER_INIT));
	CHECK(toks.v[0].flags & TOKF_HAS_LETTER);
	/* a combining mark stays in its word; folding strips it */
	CHECK_STR(split("Zoe\xCC\x88 Ελλάδα"), "^Zoe\xCC\x88|Ελλάδα");
	CHECK_STR(folded(0), "zoe");
	CHECK_STR(folded(1), "ελλαδα");
	CHECK_STR(split("STRAẞE Straße"), "^STRAẞE|Straße");
	CHECK_STR(folded(0), "strasse");
	CHECK(toks.v[0].h == toks.v[1].h);
	CHECK(toks.v[0].flags & TOKF_ALL_UPPER);
}

static void test_offsets(void)
{
	const char *s = "Şükrü Özdil’s “visit”";
	split(s);
	CHECK_INT(toks.n, 6);
	CHECK_INT(toks.v[0].c0, 0);
	CHECK_INT(toks.v[0].c1, 5);
	CHECK_INT(toks.v[1].c0, 6);
	CHECK_INT(toks.v[1].c1, 11);
	CHECK_INT(toks.v[1].b0, 9);
	CHECK_INT(toks.v[2].c0, 11);
	CHECK_INT(toks.v[2].c1, 13);
	CHECK_INT(toks.v[3].c0, 14);
	CHECK_INT(toks.v[4].c0, 15);
	CHECK_INT(toks.v[4].c1, 20);
	CHECK_INT(toks.v[5].c1, 21);
	CHECK_STR(folded(3), "\"");
	CHECK_INT(toks.v[5].b1, strlen(s));
}

static void test_sentences(void)
{
	CHECK_STR(split("He said. \"Yes,\" she said. It ended.\" Then"),
	          "^He|said|.|^\"|Yes|,|\"|she|said|.|^It|ended|.|\"|^Then");
	CHECK_STR(split("Title line\n\nBody text\nnext line"),
	          "^Title|line|^Body|text|^next|line");
	CHECK(toks.v[2].flags & TOKF_PARA_BEFORE);
	CHECK(!(toks.v[4].flags & TOKF_PARA_BEFORE));
	CHECK(toks.v[4].flags & TOKF_NEWLINE_BEFORE);
	CHECK_STR(split("Really?! yes. Sure… OK"), "^Really|?!|yes|.|^Sure|…|^OK");
	CHECK_STR(split("終わり。次"), "^終わり|。|^次");
	CHECK_STR(split(""), "");
	CHECK_STR(split("  \n "), "");
}

static void test_other(void)
{
	CHECK_STR(split("see https://example.org/a?b=c. and @jdoe #Kenya AT&T"),
	          "^see|https://example.org/a?b=c|.|and|@jdoe|#Kenya|AT&T");
	CHECK_STR(split("(Reuters) -- \"quoted\""), "^(|Reuters|)|--|\"|quoted|\"");
	/* invalid bytes do not stop it */
	CHECK_STR(split("a\xFF" "b c"), "^a|\xFF|b|c");
	/* shapes */
	split("Lagos LAGOS lagos U.S. 1,000 Kim");
	CHECK(toks.v[0].shape == toks.v[5].shape);
	CHECK(toks.v[0].shape != toks.v[1].shape);
	CHECK(toks.v[1].shape != toks.v[2].shape);
	CHECK(toks.v[3].shape != toks.v[0].shape);
	CHECK(toks.v[0].h != toks.v[5].h);        /* different words, different hashes */
	CHECK(toks.v[0].h == toks.v[2].h);
	CHECK(toks.v[1].h == toks.v[2].h);
	/* tok_fold agrees with the tokens' folded forms */
	char *f = NULL;
	size_t cap = 0, n = tok_fold("Özdil’S", strlen("Özdil’S"), &f, &cap);
	CHECK_STR(f, "ozdil's");
	CHECK_INT(n, 7);
	free(f);
}

int main(void)
{
	abbrevs = tok_abbrevs_new();
	test_abbreviations();
	test_apostrophes();
	test_dashes();
	test_numbers();
	test_scripts();
	test_offsets();
	test_sentences();
	test_other();
	tok_abbrevs_free(&abbrevs);
	CHECK(abbrevs == NULL);
	tokens_finish(&toks);
	return tap_status();
}
