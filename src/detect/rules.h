/*
 * rules.h: patterns for what lists cannot hold.  Dates and date ranges
 * ("Dec. 15, 2016", "Thursday 28 July", "25-28 July", "2019-2020"),
 * titles before names ("Colonel General Ivan ..."), organisations
 * ("Ministry of Defense", "the 1st Army", "Defense Ministry") and places
 * ("Republic of Azerbaijan", "Gulf of Aden", "Nineveh Province") and
 * datelines ("KUWAIT CITY, May 2 -").
 *
 * Rules work on tokens (tokenize.h) and gazetteer marks; their matches
 * become features of the tagger and candidates of the merge step.  The
 * English calendar words and the head words of places are built in;
 * ranks, offices and organisation words come from the gazetteer.
 */
#ifndef NERVE_RULES_H
#define NERVE_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "gazetteer.h"
#include "tokenize.h"

enum rule_kind {
	RULE_DATE,          /* a date with a day, a weekday, a month and year, a range */
	RULE_DATE_WEAK,     /* a month or a year alone, a decade */
	RULE_TITLE,         /* ranks and offices before a capitalised name */
	RULE_ORG,
	RULE_LOC,
	RULE_DATELINE,      /* a place in capitals opening a line: "CAIRO, July 2 -" */
	RULE_NKINDS
};

struct rule_span {
	uint32_t start, end;    /* tokens, end exclusive */
	uint8_t kind;           /* enum rule_kind */
};

/* The rule matches of one text (embedded, reused; rules_finish). */
struct rule_spans {
	struct rule_span *v;
	size_t n, cap;
};
void rules_finish(struct rule_spans *r);

/* Which gazetteer lists the rules use (bit masks; 0 when absent). */
struct rule_lists {
	uint32_t titles;        /* ranks and offices */
	uint32_t org_words;     /* organisation head words: Ministry, Army, ... */
	uint32_t places;        /* countries, regions, cities */
};

/* Find the rule matches in t (with its gazetteer marks) into *out,
 * replacing what it held.  Matches of one kind do not overlap. */
void rules_apply(const struct rule_lists *lists, const struct tokens *t,
                 const struct gaz_marks *marks, struct rule_spans *out);

/* The date at token i: its end (exclusive) and 1 when strong, 0 when
 * weak; returns 0 when no date starts at i.  Exposed for tests and for
 * the training conventions. */
size_t rules_date_at(const struct tokens *t, size_t i, int *strong);

/* 1 when token i is a calendar anchor: a month or weekday name, a year,
 * a decade, a day next to a month, or a numeric date. */
int rules_is_anchor(const struct tokens *t, size_t i);

/* 1 when token i is a month name, a weekday name (capitalised, full or
 * abbreviated). */
int rules_is_month(const struct tokens *t, size_t i);
int rules_is_weekday(const struct tokens *t, size_t i);

/* 1 when the folded form of token i is w (ASCII, lower case). */
int rules_tok_is(const struct tokens *t, size_t i, const char *w);

#endif
