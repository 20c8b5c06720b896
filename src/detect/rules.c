/*
 * rules.c: dates, titles, organisation and place patterns (see rules.h).
 *
 * Calendar words and place head words are English vocabulary kept here
 * in small tables hashed on first use; everything else about a token is
 * read from its flags and folded form.
 */
#include "config.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "lib/hashmap.h"
#include "lib/util.h"

void rules_finish(struct rule_spans *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* ---- word tables ----------------------------------------------------------- */

enum {
	W_MONTH = 1 << 0,       /* a full month name */
	W_MONABBR = 1 << 1,     /* an abbreviated month */
	W_WEEKDAY = 1 << 2,
	W_WDABBR = 1 << 3,
	W_LOC_PRE = 1 << 4,     /* "Republic" of ..., "Gulf" of ... */
	W_LOC_HEAD = 1 << 5,    /* ... "Province", ... "River" */
	W_CONNECT = 1 << 6,     /* of, and, for, &, the (inside names) */
	W_RANGE = 1 << 7,       /* to, through, until (date ranges) */
	W_ORG_HEAD = 1 << 8,    /* built-in organisation heads (besides the list) */
};

static const struct { const char *w; unsigned flags; } words[] = {
	{ "january", W_MONTH }, { "february", W_MONTH }, { "march", W_MONTH },
	{ "april", W_MONTH }, { "may", W_MONTH }, { "june", W_MONTH }, { "july", W_MONTH },
	{ "august", W_MONTH }, { "september", W_MONTH }, { "october", W_MONTH },
	{ "november", W_MONTH }, { "december", W_MONTH },
	{ "jan", W_MONABBR }, { "jan.", W_MONABBR }, { "feb", W_MONABBR },
	{ "feb.", W_MONABBR }, { "mar.", W_MONABBR }, { "apr", W_MONABBR },
	{ "apr.", W_MONABBR }, { "jun", W_MONABBR }, { "jun.", W_MONABBR },
	{ "jul", W_MONABBR }, { "jul.", W_MONABBR }, { "aug", W_MONABBR },
	{ "aug.", W_MONABBR }, { "sep", W_MONABBR }, { "sep.", W_MONABBR },
	{ "sept", W_MONABBR }, { "sept.", W_MONABBR }, { "oct", W_MONABBR },
	{ "oct.", W_MONABBR }, { "nov", W_MONABBR }, { "nov.", W_MONABBR },
	{ "dec", W_MONABBR }, { "dec.", W_MONABBR },
	{ "monday", W_WEEKDAY }, { "tuesday", W_WEEKDAY }, { "wednesday", W_WEEKDAY },
	{ "thursday", W_WEEKDAY }, { "friday", W_WEEKDAY }, { "saturday", W_WEEKDAY },
	{ "sunday", W_WEEKDAY },
	{ "mon.", W_WDABBR }, { "tue.", W_WDABBR }, { "tues.", W_WDABBR },
	{ "wed.", W_WDABBR }, { "thu.", W_WDABBR }, { "thur.", W_WDABBR },
	{ "thurs.", W_WDABBR }, { "fri.", W_WDABBR }, { "sat.", W_WDABBR },
	{ "sun.", W_WDABBR },
	{ "republic", W_LOC_PRE }, { "kingdom", W_LOC_PRE }, { "gulf", W_LOC_PRE | W_LOC_HEAD },
	{ "sea", W_LOC_PRE | W_LOC_HEAD }, { "strait", W_LOC_PRE | W_LOC_HEAD },
	{ "straits", W_LOC_PRE | W_LOC_HEAD }, { "bay", W_LOC_PRE | W_LOC_HEAD },
	{ "isle", W_LOC_PRE }, { "islands", W_LOC_PRE | W_LOC_HEAD },
	{ "province", W_LOC_PRE | W_LOC_HEAD }, { "governorate", W_LOC_PRE | W_LOC_HEAD },
	{ "emirate", W_LOC_PRE }, { "sultanate", W_LOC_PRE }, { "principality", W_LOC_PRE },
	{ "commonwealth", W_LOC_PRE }, { "state", W_LOC_PRE }, { "city", W_LOC_PRE },
	{ "county", W_LOC_PRE | W_LOC_HEAD }, { "district", W_LOC_PRE | W_LOC_HEAD },
	{ "region", W_LOC_HEAD }, { "river", W_LOC_HEAD }, { "valley", W_LOC_HEAD },
	{ "mountains", W_LOC_HEAD }, { "island", W_LOC_HEAD }, { "peninsula", W_LOC_HEAD },
	{ "desert", W_LOC_HEAD }, { "ocean", W_LOC_HEAD }, { "strip", W_LOC_HEAD },
	{ "lake", W_LOC_PRE }, { "mount", W_LOC_PRE }, { "oblast", W_LOC_HEAD },
	{ "prefecture", W_LOC_HEAD }, { "canal", W_LOC_HEAD }, { "heights", W_LOC_HEAD },
	{ "of", W_CONNECT }, { "and", W_CONNECT }, { "for", W_CONNECT }, { "&", W_CONNECT },
	{ "the", W_CONNECT }, { "de", W_CONNECT }, { "al", W_CONNECT },
	{ "to", W_RANGE }, { "through", W_RANGE }, { "until", W_RANGE }, { "-", W_RANGE },
	{ "ministry", W_ORG_HEAD }, { "army", W_ORG_HEAD }, { "forces", W_ORG_HEAD },
	{ "command", W_ORG_HEAD }, { "department", W_ORG_HEAD }, { "council", W_ORG_HEAD },
	{ "agency", W_ORG_HEAD }, { "committee", W_ORG_HEAD }, { "commission", W_ORG_HEAD },
	{ "party", W_ORG_HEAD }, { "university", W_ORG_HEAD }, { "bank", W_ORG_HEAD },
	{ "division", W_ORG_HEAD }, { "brigade", W_ORG_HEAD }, { "corps", W_ORG_HEAD },
	{ "navy", W_ORG_HEAD }, { "police", W_ORG_HEAD }, { "court", W_ORG_HEAD },
	{ "parliament", W_ORG_HEAD }, { "assembly", W_ORG_HEAD }, { "organization", W_ORG_HEAD },
	{ "organisation", W_ORG_HEAD }, { "association", W_ORG_HEAD }, { "union", W_ORG_HEAD },
	{ "institute", W_ORG_HEAD }, { "office", W_ORG_HEAD }, { "staff", W_ORG_HEAD },
	{ "battalion", W_ORG_HEAD }, { "regiment", W_ORG_HEAD }, { "fleet", W_ORG_HEAD },
	{ "guard", W_ORG_HEAD }, { "front", W_ORG_HEAD }, { "movement", W_ORG_HEAD },
	{ "company", W_ORG_HEAD }, { "group", W_ORG_HEAD }, { "authority", W_ORG_HEAD },
	{ "service", W_ORG_HEAD }, { "services", W_ORG_HEAD }, { "federation", W_ORG_HEAD },
	{ "senate", W_ORG_HEAD }, { "congress", W_ORG_HEAD }, { "cabinet", W_ORG_HEAD },
	{ "directorate", W_ORG_HEAD }, { "secretariat", W_ORG_HEAD }, { "board", W_ORG_HEAD },
	{ "bureau", W_ORG_HEAD }, { "academy", W_ORG_HEAD }, { "college", W_ORG_HEAD },
	{ "school", W_ORG_HEAD }, { "hospital", W_ORG_HEAD }, { "foundation", W_ORG_HEAD },
	{ "fund", W_ORG_HEAD }, { "alliance", W_ORG_HEAD }, { "coalition", W_ORG_HEAD },
	{ "network", W_ORG_HEAD }, { "corporation", W_ORG_HEAD }, { "inc.", W_ORG_HEAD },
	{ "ltd.", W_ORG_HEAD }, { "airlines", W_ORG_HEAD }, { "center", W_ORG_HEAD },
	{ "centre", W_ORG_HEAD }, { "wing", W_ORG_HEAD }, { "squadron", W_ORG_HEAD },
	{ "task", 0 },
};

/* folded-word hash -> its W_ flags, built on first use */
static struct hmap wtab;

static unsigned wflags(const struct tokens *t, size_t i)
{
	if (!wtab.slot) {
		hmap_init(&wtab, ARRAY_SIZE(words));
		for (size_t k = 0; k < ARRAY_SIZE(words); k++)
			*hmap_put(&wtab, tok_hash(words[k].w, strlen(words[k].w)), NULL) |=
				words[k].flags;
	}
	if (i >= t->n)
		return 0;
	const uint64_t *f = hmap_get(&wtab, t->v[i].h);
	return f ? (unsigned)*f : 0;
}

int rules_tok_is(const struct tokens *t, size_t i, const char *w)
{
	if (i >= t->n)
		return 0;
	size_t n = strlen(w);
	return t->v[i].f1 - t->v[i].f0 == n && memcmp(t->fold + t->v[i].f0, w, n) == 0;
}

static inline int cap(const struct tokens *t, size_t i)
{
	return i < t->n && (t->v[i].flags & (TOKF_UPPER_INIT | TOKF_ALL_UPPER)) &&
	       t->v[i].kind == TOK_WORD;
}

/* ---- dates ----------------------------------------------------------------- */

int rules_is_month(const struct tokens *t, size_t i)
{
	if (!cap(t, i))
		return 0;
	unsigned f = wflags(t, i);
	if (f & W_MONTH)
		return 1;
	/* "Dec" and "Dec.": the period is part of an abbreviation token */
	return (f & W_MONABBR) != 0;
}

int rules_is_weekday(const struct tokens *t, size_t i)
{
	return cap(t, i) && (wflags(t, i) & (W_WEEKDAY | W_WDABBR));
}

/* The value of a number token made of 1-4 ASCII digits and an optional
 * suffix ("15", "15th", "1990s"); -1 otherwise.  *digits gets their count,
 * *suffix the suffix (up to 2 letters). */
static int number(const struct tokens *t, size_t i, int *digits, char suffix[3])
{
	/* set even when it is no number: callers test digits and suffix */
	*digits = 0;
	memset(suffix, 0, 3);
	if (i >= t->n || t->v[i].kind != TOK_NUMBER)
		return -1;
	const char *f = t->fold + t->v[i].f0;
	size_t n = t->v[i].f1 - t->v[i].f0, k = 0;
	int v = 0;
	while (k < n && f[k] >= '0' && f[k] <= '9' && k < 5)
		v = v * 10 + (f[k++] - '0');
	if (k == 0 || k > 4 || n - k > 2)
		return -1;
	*digits = (int)k;
	memcpy(suffix, f + k, n - k);
	return v;
}

static int is_day(const struct tokens *t, size_t i)
{
	int d;
	char s[3];
	int v = number(t, i, &d, s);
	if (v < 1 || v > 31 || d > 2)
		return 0;
	return !s[0] || strcmp(s, "st") == 0 || strcmp(s, "nd") == 0 ||
	       strcmp(s, "rd") == 0 || strcmp(s, "th") == 0;
}

static int is_year(const struct tokens *t, size_t i)
{
	int d;
	char s[3];
	int v = number(t, i, &d, s);
	return d == 4 && !s[0] && v >= 1000 && v <= 2199;
}

static int is_decade(const struct tokens *t, size_t i)
{
	int d;
	char s[3];
	int v = number(t, i, &d, s);
	return (d == 4 && v % 10 == 0 && v >= 1000 && v <= 2190 && strcmp(s, "s") == 0) ||
	       (d == 2 && v % 10 == 0 && strcmp(s, "s") == 0 && i > 0 &&
	        t->fold[t->v[i - 1].f0] == '\'');
}

/* "15/12/2020", "2020/12/15", "12.15.2020" as one token. */
static int is_numeric_date(const struct tokens *t, size_t i)
{
	if (i >= t->n || t->v[i].kind != TOK_NUMBER)
		return 0;
	const char *f = t->fold + t->v[i].f0;
	size_t n = t->v[i].f1 - t->v[i].f0;
	int parts[4] = { 0 }, np = 0, len = 0;
	char sep = 0;
	for (size_t k = 0; k <= n; k++) {
		if (k < n && f[k] >= '0' && f[k] <= '9') {
			len++;
			continue;
		}
		if (np >= 3 || len == 0)
			return 0;
		parts[np++] = len;
		len = 0;
		if (k == n)
			break;
		if (f[k] != '/' && f[k] != '.')
			return 0;
		if (sep && f[k] != sep)
			return 0;
		sep = f[k];
	}
	if (np != 3)
		return 0;
	return (parts[0] <= 2 && parts[1] <= 2 && (parts[2] == 4 || parts[2] == 2)) ||
	       (parts[0] == 4 && parts[1] <= 2 && parts[2] <= 2);
}

static int is_comma(const struct tokens *t, size_t i)
{
	return rules_tok_is(t, i, ",");
}

static int attached(const struct tokens *t, size_t i)
{
	return i < t->n && (t->v[i].flags & TOKF_ATTACHED);
}

/* A date without a leading weekday. */
static size_t date_core(const struct tokens *t, size_t i, int *strong)
{
	*strong = 0;
	if (i >= t->n)
		return 0;
	if (rules_is_month(t, i)) {
		size_t e = i + 1;
		if (is_day(t, e) && !(e + 1 < t->n && rules_is_month(t, e + 1))) {
			e++;
			*strong = 1;
			if (is_comma(t, e) && is_year(t, e + 1))
				e += 2;
			else if (is_year(t, e))
				e++;
		} else if (is_year(t, e)) {
			e++;
			*strong = 1;
		} else if (is_comma(t, e) && is_year(t, e + 1)) {
			e += 2;
			*strong = 1;
		} else if (!(t->v[i].flags & TOKF_PERIOD) && !(wflags(t, i) & W_MONTH)) {
			return 0; /* "Dec" alone is not a date */
		}
		return e;
	}
	if (is_day(t, i)) {
		size_t m = i + 1;
		if (rules_tok_is(t, m, "of"))
			m++;
		if (rules_is_month(t, m)) {
			size_t e = m + 1;
			*strong = 1;
			if (is_year(t, e))
				e++;
			else if (is_comma(t, e) && is_year(t, e + 1))
				e += 2;
			return e;
		}
		/* 25-28 July */
		if ((wflags(t, i + 1) & W_RANGE) && is_day(t, i + 2) && rules_is_month(t, i + 3)) {
			size_t e = i + 4;
			*strong = 1;
			if (is_year(t, e))
				e++;
			return e;
		}
		return 0;
	}
	if (is_numeric_date(t, i)) {
		*strong = 1;
		return i + 1;
	}
	if (is_year(t, i)) {
		/* 2020-12-15 */
		if (attached(t, i + 1) && rules_tok_is(t, i + 1, "-") && is_day(t, i + 2) &&
		    attached(t, i + 3) && rules_tok_is(t, i + 3, "-") && is_day(t, i + 4)) {
			*strong = 1;
			return i + 5;
		}
		return i + 1;
	}
	if (is_decade(t, i))
		return i + 1;
	return 0;
}

size_t rules_date_at(const struct tokens *t, size_t i, int *strong)
{
	size_t e;
	*strong = 0;
	if (rules_is_weekday(t, i)) {
		*strong = 1;
		e = i + 1;
		size_t j = is_comma(t, e) ? e + 1 : e;
		int s2;
		size_t c = date_core(t, j, &s2);
		if (c && s2)
			e = c;
		return e;
	}
	e = date_core(t, i, strong);
	if (!e)
		return 0;
	/* ranges: July 25 to 28, 2019-2020, May-June, July 25 - August 3 */
	unsigned rf = wflags(t, e);
	if ((rf & W_RANGE) && e + 1 < t->n) {
		int s2;
		size_t c = date_core(t, e + 1, &s2);
		int last_day = is_day(t, e - 1);
		if (c && (s2 || *strong || is_year(t, e - 1) == is_year(t, e + 1))) {
			*strong = 1;
			return c;
		}
		if (last_day && is_day(t, e + 1)) {
			size_t c2 = e + 2;
			if (is_comma(t, c2) && is_year(t, c2 + 1))
				c2 += 2;
			else if (is_year(t, c2))
				c2++;
			*strong = 1;
			return c2;
		}
		/* 2019-20 */
		int d;
		char s[3];
		if (is_year(t, e - 1) && attached(t, e + 1) && number(t, e + 1, &d, s) >= 0 &&
		    d == 2 && !s[0]) {
			*strong = 1;
			return e + 2;
		}
	}
	return e;
}

int rules_is_anchor(const struct tokens *t, size_t i)
{
	if (rules_is_month(t, i) || rules_is_weekday(t, i) || is_year(t, i) ||
	    is_decade(t, i) || is_numeric_date(t, i))
		return 1;
	if (is_day(t, i))
		return (i > 0 && rules_is_month(t, i - 1)) || rules_is_month(t, i + 1) ||
		       (rules_tok_is(t, i + 1, "of") && rules_is_month(t, i + 2)) ||
		       ((wflags(t, i + 1) & W_RANGE) && is_day(t, i + 2) &&
		        rules_is_month(t, i + 3)) ||
		       (i > 1 && (wflags(t, i - 1) & W_RANGE) && is_day(t, i - 2));
	return 0;
}

/* ---- names: titles, organisations, places --------------------------------- */

static void push(struct rule_spans *out, size_t a, size_t b, enum rule_kind k)
{
	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	out->v[out->n].start = (uint32_t)a;
	out->v[out->n].end = (uint32_t)b;
	out->v[out->n].kind = (uint8_t)k;
	out->n++;
}

static inline uint32_t covered(const struct gaz_marks *m, size_t i)
{
	return m[i].b | m[i].i | m[i].l | m[i].u;
}

/* A capitalised word that may be part of a name (the sentence-initial
 * "The" is not). */
static int name_word(const struct tokens *t, size_t i)
{
	if (i >= t->n)
		return 0;
	if (t->v[i].kind == TOK_NUMBER)
		return 0;
	if (!cap(t, i))
		return 0;
	return !rules_tok_is(t, i, "the");
}

/* An ordinal number ("1st", "101st") */
static int ordinal(const struct tokens *t, size_t i)
{
	int d;
	char s[3];
	int v = number(t, i, &d, s);
	return v > 0 && (strcmp(s, "st") == 0 || strcmp(s, "nd") == 0 ||
	                 strcmp(s, "rd") == 0 || strcmp(s, "th") == 0);
}

/* End of a run of capitalised words from i, joined by connectors ("of",
 * "and", "for", "&", "the" after "of") and attached hyphens when a
 * capitalised word follows them. */
static size_t cap_run(const struct tokens *t, size_t i)
{
	size_t e = i;
	int seen_of = 0;
	if (ordinal(t, i))
		e++;
	while (e < t->n) {
		if (e > i && (t->v[e].flags & TOKF_SENT_START))
			break;
		if (name_word(t, e)) {
			e++;
			continue;
		}
		size_t k = e;
		while (k < t->n && k < e + 2 &&
		       ((wflags(t, k) & W_CONNECT) || (attached(t, k) && t->v[k].flags & TOKF_HYPHEN)))
			k++;
		/* "and" only inside an "of" phrase: Ministry of Trade and Industry */
		if (k > e && k < t->n && name_word(t, k) && !(t->v[k].flags & TOKF_SENT_START) &&
		    (seen_of || !rules_tok_is(t, e, "and"))) {
			if (rules_tok_is(t, e, "of"))
				seen_of = 1;
			e = k;
			continue;
		}
		break;
	}
	return e;
}

/* Titles: a run of ranks and offices before a capitalised word. */
static void titles(const struct rule_lists *lists, const struct tokens *t,
                   const struct gaz_marks *m, struct rule_spans *out)
{
	if (!lists->titles)
		return;
	for (size_t i = 0; i < t->n;) {
		if (!cap(t, i) || !((m[i].b | m[i].u) & lists->titles)) {
			i++;
			continue;
		}
		size_t e = i;
		while (e < t->n && (covered(m, e) & lists->titles) &&
		       (e == i || !(t->v[e].flags & TOKF_SENT_START)))
			e++;
		/* end at the end of a match */
		while (e > i && !((m[e - 1].l | m[e - 1].u) & lists->titles))
			e--;
		if (e > i && name_word(t, e) && !(covered(m, e) & lists->titles)) {
			push(out, i, e, RULE_TITLE);
			i = e;
		} else {
			i++;
		}
	}
}

/* Organisations and places in runs of capitalised words. */
static void chunks(const struct rule_lists *lists, const struct tokens *t,
                   const struct gaz_marks *m, struct rule_spans *out)
{
	for (size_t i = 0; i < t->n;) {
		if (!name_word(t, i) && !(ordinal(t, i) && cap(t, i + 1))) {
			i++;
			continue;
		}
		size_t e = cap_run(t, i);
		/* organisation: up to the last head word, and "of ..." after it */
		size_t head = 0;
		for (size_t k = i; k < e; k++)
			if (cap(t, k) && ((covered(m, k) & lists->org_words) ||
			                  (wflags(t, k) & W_ORG_HEAD)))
				head = k + 1;
		if (head) {
			size_t end = head;
			if (end < e && rules_tok_is(t, end, "of"))
				end = e;
			/* titles before the organisation are not part of it */
			size_t start = i;
			while (start + 1 < head && (covered(m, start) & lists->titles))
				start++;
			while (start + 1 < head && (wflags(t, start) & W_CONNECT))
				start++;
			if (end - start >= 2 || ordinal(t, start)) {
				push(out, start, end, RULE_ORG);
				i = end;
				continue;
			}
		}
		/* places: Republic of ..., ... Province (no "and" inside) */
		for (size_t k = i + 1; k < e; k++)
			if (rules_tok_is(t, k, "and")) {
				e = k;
				break;
			}
		size_t k = i;
		while (k < e && !(wflags(t, k) & W_LOC_PRE))
			k++;
		if (k + 1 < e && rules_tok_is(t, k + 1, "of")) {
			push(out, i, e, RULE_LOC);
		} else if (e - i >= 2 && (wflags(t, e - 1) & W_LOC_HEAD) &&
		           !(wflags(t, i) & W_LOC_HEAD)) {
			push(out, i, e, RULE_LOC);
		}
		i = e > i ? e : i + 1;
	}
}

/* Datelines: a known place in capitals at the start of a line, followed
 * by a comma, a dash or a bracket. */
static void datelines(const struct rule_lists *lists, const struct tokens *t,
                      const struct gaz_marks *m, struct rule_spans *out)
{
	for (size_t i = 0; i < t->n; i++) {
		if (i > 0 && !(t->v[i].flags & TOKF_NEWLINE_BEFORE))
			continue;
		size_t e = i;
		while (e < t->n && e < i + 4 && t->v[e].kind == TOK_WORD &&
		       (t->v[e].flags & TOKF_ALL_UPPER) && (e == i || !(t->v[e].flags & TOKF_NEWLINE_BEFORE)))
			e++;
		if (e == i || e >= t->n)
			continue;
		int32_t c = t->fold[t->v[e].f0];
		if (c != ',' && c != '-' && c != '(' && c != ':')
			continue;
		if ((e == i + 1 && (m[i].u & lists->places)) ||
		    (e > i + 1 && (m[i].b & lists->places) && (m[e - 1].l & lists->places)))
			push(out, i, e, RULE_DATELINE);
	}
}

void rules_apply(const struct rule_lists *lists, const struct tokens *t,
                 const struct gaz_marks *marks, struct rule_spans *out)
{
	out->n = 0;
	for (size_t i = 0; i < t->n;) {
		int strong;
		size_t e = rules_date_at(t, i, &strong);
		if (e > i) {
			push(out, i, e, strong ? RULE_DATE : RULE_DATE_WEAK);
			i = e;
		} else {
			i++;
		}
	}
	titles(lists, t, marks, out);
	chunks(lists, t, marks, out);
	datelines(lists, t, marks, out);
}
