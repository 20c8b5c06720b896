/*
 * test_rules.c: date, title, organisation and place rules.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/gazetteer.h"
#include "detect/rules.h"
#include "tap.h"
#include "detect/tokenize.h"
#include "lib/util.h"

static struct tok_abbrevs *abbrevs;
static struct tokens toks;
static struct gazetteer gaz;
static struct rule_lists lists;
static struct gaz_marks marks[512];
static struct rule_spans spans;

/* The rule matches of s as "KIND:text|KIND:text" (kinds D, d, T, O, L). */
static const char *apply(const char *s)
{
	static struct buf b;
	static const char kinds[] = "DdTOL";
	buf_clear(&b);
	buf_adds(&b, "");
	tokenize(abbrevs, s, strlen(s), &toks);
	gaz_match(&gaz, &toks, marks);
	rules_apply(&lists, &toks, marks, &spans);
	for (size_t i = 0; i < spans.n; i++) {
		if (i)
			buf_addc(&b, '|');
		buf_addc(&b, kinds[spans.v[i].kind]);
		buf_addc(&b, ':');
		uint32_t b0 = toks.v[spans.v[i].start].b0, b1 = toks.v[spans.v[i].end - 1].b1;
		buf_add(&b, s + b0, b1 - b0);
	}
	return b.data;
}

static void test_dates(void)
{
	CHECK_STR(apply("on Dec. 15, 2016 and December 15 and 15 December 2016."),
	          "D:Dec. 15, 2016|D:December 15|D:15 December 2016");
	CHECK_STR(apply("Lagos, May 21 (Reuters) and in May 2019 and May, 2019"),
	          "D:May 21|D:May 2019|D:May, 2019");
	CHECK_STR(apply("on Thursday 28 July, on Monday, July 25, 2016 or Friday"),
	          "D:Thursday 28 July|D:Monday, July 25, 2016|D:Friday");
	CHECK_STR(apply("from 25-28 July and July 25 to 28 and 2019-2020 and 2019–20."),
	          "D:25-28 July|D:July 25 to 28|D:2019-2020|D:2019–20");
	CHECK_STR(apply("May-June and July 25 - August 3"), "D:May-June|D:July 25 - August 3");
	CHECK_STR(apply("in 1990 and the 1990s and the '90s"), "d:1990|d:1990s|d:90s");
	CHECK_STR(apply("on 15/12/2020 or 2020-12-15 or the 3rd of March"),
	          "D:15/12/2020|D:2020-12-15|D:3rd of March");
	CHECK_STR(apply("she may go in mid-May to Dec"), "d:May");
	/* not dates */
	CHECK_STR(apply("15 soldiers and 300 and 12345 and 3000 and mon."), "");
	/* anchors */
	tokenize(abbrevs, "on 15 May 2019 at 15 houses", 27, &toks);
	CHECK(rules_is_anchor(&toks, 1));
	CHECK(rules_is_anchor(&toks, 2));
	CHECK(rules_is_anchor(&toks, 3));
	CHECK(!rules_is_anchor(&toks, 5));
	CHECK(!rules_is_anchor(&toks, 0));
	CHECK(rules_is_month(&toks, 2));
	CHECK(rules_tok_is(&toks, 0, "on"));
	CHECK(!rules_tok_is(&toks, 0, "o"));
}

static void test_names(void)
{
	CHECK_STR(apply("Colonel General Ivan Petrov met Lt. Gen. John Miller."),
	          "T:Colonel General|T:Lt. Gen.");
	CHECK_STR(apply("the general said"), "");
	CHECK_STR(apply("He visited the Ministry of Agriculture and Fisheries today."),
	          "O:Ministry of Agriculture and Fisheries");
	CHECK_STR(apply("the 1st Army and the 3rd Infantry Division moved."),
	          "O:1st Army|O:3rd Infantry Division");
	CHECK_STR(apply("The Turkish Army and the U.S. Army General Smith"),
	          "T:General|O:Turkish Army|O:U.S. Army");
	CHECK_STR(apply("the Republic of Azerbaijan, the Gulf of Aden and Nineveh Province"),
	          "L:Republic of Azerbaijan|L:Gulf of Aden|L:Nineveh Province");
	CHECK_STR(apply("Prime Minister Ali visited the Ministry"), "T:Prime Minister");
}

int main(void)
{
	abbrevs = tok_abbrevs_new();
	gaz_init(&gaz);
	struct tokens scratch = { 0 };
	int ranks = gaz_list(&gaz, "ranks"), offices = gaz_list(&gaz, "offices");
	int orgw = gaz_list(&gaz, "org_words");
	const char *r[] = { "Colonel General", "General", "Lt. Gen.", "Colonel" };
	const char *o[] = { "Prime Minister", "Minister", "President" };
	const char *w[] = { "Ministry", "Army", "Division" };
	for (size_t i = 0; i < ARRAY_SIZE(r); i++)
		gaz_add(&gaz, ranks, abbrevs, &scratch, r[i], strlen(r[i]));
	for (size_t i = 0; i < ARRAY_SIZE(o); i++)
		gaz_add(&gaz, offices, abbrevs, &scratch, o[i], strlen(o[i]));
	for (size_t i = 0; i < ARRAY_SIZE(w); i++)
		gaz_add(&gaz, orgw, abbrevs, &scratch, w[i], strlen(w[i]));
	tokens_finish(&scratch);
	lists.titles = (1u << ranks) | (1u << offices);
	lists.org_words = 1u << orgw;

	test_dates();
	test_names();

	rules_finish(&spans);
	gaz_finish(&gaz);
	tok_abbrevs_free(&abbrevs);
	tokens_finish(&toks);
	return tap_status();
}
