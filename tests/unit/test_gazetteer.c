/*
 * test_gazetteer.c: loading lists and matching them as token sequences.
 * Reads the small lists in tests/data/gazetteer ($TESTDATA).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/gazetteer.h"
#include "tap.h"
#include "detect/tokenize.h"
#include "lib/util.h"

static struct gazetteer gaz;
static struct tok_abbrevs *abbrevs;
static struct tokens toks;
static struct gaz_marks marks[256];

static const char *lists[] = {
	"countries", "cities", "demonyms", "ranks", "offices", "org_words",
	"common_words", "first_names", "months",
};

static void load(void)
{
	const char *dir = getenv("TESTDATA");
	if (!dir)
		dir = "../../tests/data";
	char *path = xasprintf("%s/gazetteer/abbreviations.txt", dir);
	char *data;
	size_t len;
	CHECK(read_file(path, &data, &len) == 0);
	free(path);
	if (data) {
		char *line = strtok(data, "\n");
		for (; line; line = strtok(NULL, "\n"))
			if (line[0] != '#')
				tok_abbrevs_add(abbrevs, line, strlen(line));
		free(data);
	}
	for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
		path = xasprintf("%s/gazetteer/%s.txt", dir, lists[i]);
		long n = gaz_load_file(&gaz, lists[i], path, abbrevs);
		CHECK(n > 0);
		free(path);
	}
	CHECK(gaz_load_file(&gaz, "x", "/nonexistent/list.txt", abbrevs) < 0);
	CHECK(strstr(err_msg(), "/nonexistent/list.txt") != NULL);
}

/* Token index of the n-th token whose text is w (n from 0). */
static size_t tok_at(const char *text, const char *w, int n)
{
	for (size_t i = 0; i < toks.n; i++)
		if (toks.v[i].b1 - toks.v[i].b0 == strlen(w) &&
		    memcmp(text + toks.v[i].b0, w, strlen(w)) == 0 && n-- == 0)
			return i;
	return (size_t)-1;
}

static uint32_t bit(const struct gazetteer *g, const char *name)
{
	int id = gaz_find_list(g, name);
	return id < 0 ? 0 : 1u << id;
}

static void check_matches(const struct gazetteer *g)
{
	const char *s = "Colonel General Ivan Petrov of Azerbaijan met the TÜRKIYE and "
	                "Cote d’Ivoire delegations in Sao Paulo and New York in May; they may "
	                "go to the United States of America, Guinea-Bissau or Newyork.";
	tokenize(abbrevs, s, strlen(s), &toks);
	CHECK(toks.n < ARRAY_SIZE(marks));
	gaz_match(g, &toks, marks);
	uint32_t rank = bit(g, "ranks"), country = bit(g, "countries"), city = bit(g, "cities"),
	         month = bit(g, "months"), common = bit(g, "common_words"),
	         first = bit(g, "first_names");
	CHECK(rank && country && city && month && common && first);

	size_t i = tok_at(s, "Colonel", 0);
	CHECK(marks[i].b & rank);
	CHECK(!(marks[i].u & rank));  /* the longest match wins */
	i = tok_at(s, "General", 0);
	CHECK(marks[i].l & rank);
	CHECK(marks[i].u & rank);     /* "General" on its own too */
	CHECK(marks[i].u & common);   /* common words match whatever the case */
	CHECK(marks[tok_at(s, "Ivan", 0)].u & first);
	CHECK(marks[tok_at(s, "Azerbaijan", 0)].u & country);
	CHECK(marks[tok_at(s, "TÜRKIYE", 0)].u & country);
	CHECK(marks[tok_at(s, "Cote", 0)].b & country);
	CHECK(marks[tok_at(s, "d’Ivoire", 0)].l & country);
	CHECK(marks[tok_at(s, "Sao", 0)].b & city);
	CHECK(marks[tok_at(s, "Paulo", 0)].l & city);
	CHECK(marks[tok_at(s, "New", 0)].b & city);
	CHECK(marks[tok_at(s, "York", 0)].l & city);
	CHECK(marks[tok_at(s, "May", 0)].u & month);
	CHECK(!(marks[tok_at(s, "may", 0)].u & month));  /* the month needs its capital */
	CHECK(marks[tok_at(s, "may", 0)].u & common);
	i = tok_at(s, "United", 0);
	CHECK(marks[i].b & country);
	CHECK(marks[tok_at(s, "America", 0)].l & country);
	CHECK(!(marks[tok_at(s, "States", 0)].l & country)); /* shorter entry not taken */
	CHECK(marks[tok_at(s, "Guinea", 0)].b & country);
	CHECK(marks[tok_at(s, "-", 0)].i & country);
	CHECK(marks[tok_at(s, "Bissau", 0)].l & country);
	CHECK(!(marks[tok_at(s, "Newyork", 0)].u & city));
	CHECK(!marks[tok_at(s, "Petrov", 0)].u);

	i = tok_at(s, "United", 0);
	CHECK(gaz_lookup(g, &toks, i, i + 2) & country);
	CHECK(gaz_lookup(g, &toks, i, i + 4) & country);
	CHECK(gaz_lookup(g, &toks, i, i + 3) == 0);
	CHECK(gaz_lookup(g, &toks, i, i) == 0);

	/* the abbreviation list reached the tokenizer through the entries */
	const char *t = "Lt. Gen. Petrov";
	tokenize(abbrevs, t, strlen(t), &toks);
	gaz_match(g, &toks, marks);
	CHECK_INT(toks.n, 3);
	CHECK(marks[0].b & rank);
	CHECK(marks[1].l & rank);
}

static void test_serialise(void)
{
	struct buf b = BUF_INIT;
	gaz_write(&gaz, &b);
	/* copy into 8-byte aligned memory as a model blob would be */
	uint64_t *copy = xmalloc(b.len + 8);
	memcpy(copy, b.data, b.len);
	struct gazetteer view;
	CHECK(gaz_view(&view, copy, b.len) == b.len);
	CHECK_INT(view.nlists, gaz.nlists);
	CHECK_STR(view.names[0], gaz.names[0]);
	check_matches(&view);
	gaz_finish(&view);
	/* truncated or damaged data is refused */
	CHECK(gaz_view(&view, copy, b.len / 2) == 0);
	((char *)copy)[0] ^= 1;
	CHECK(gaz_view(&view, copy, b.len) == 0);
	free(copy);
	buf_free(&b);
}

int main(void)
{
	abbrevs = tok_abbrevs_new();
	gaz_init(&gaz);
	load();
	check_matches(&gaz);
	test_serialise();
	gaz_finish(&gaz);
	tok_abbrevs_free(&abbrevs);
	tokens_finish(&toks);
	return tap_status();
}
