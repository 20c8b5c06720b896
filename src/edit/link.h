/*
 * link.h: which mentions refer to the same thing.  Entities are linked to
 * referents (store.h, "referents") by rules an analyst can predict:
 *
 *   1. same type and the same name after case and diacritic folding
 *      (blanks collapsed, typographic punctuation as ASCII; an acronym's
 *      dots left out, so "U.N." is "UN"): one referent, in a report and
 *      across reports, but for a person's single word ("Amy", "Hasanov"),
 *      which goes across reports only by rule 5;
 *   2. a person's initial and surname ("Z. Hasanov") joins the one full
 *      name of the report with that surname and initial;
 *   3. a person's surname alone ("Hasanov") joins the one full name of the
 *      report with that surname (else the one initial and surname); when
 *      the report has two such people, it is linked to neither;
 *   4. an acronym ("OSCE") joins the one name of its type in the report
 *      whose capitalised words give its letters;
 *   5. a surname or initial and surname with nobody of that name in its
 *      report joins the referent of that type and surname across reports
 *      when exactly one named by a full name (or an initial) exists at that
 *      moment; when there are two or more, it is left unlinked.  A new full name whose surname an older
 *      referent has flags that one as ambiguous (its links stay);
 *   6. left alone: "the Ministry" style short forms (an organisation of
 *      one word after "the"), an initial alone, a name of fewer than two
 *      letters, and dates and titles
 *      (types DATE and TITLE), which are not things to follow across
 *      reports.
 *
 *   7. a generic institution, an organisation named only by what every
 *      state has ("Ministry of ...", "Department of ...", "Supreme Court",
 *      "National Assembly", "Treasury", "Parliament", "Air Force", ...),
 *      links within its report only: across reports it is as often
 *      another country's; so does a direction alone ("North", "Central"),
 *      which is mostly the start of another name.  A pronoun with a verb
 *      ("I'm") is left alone.
 *
 * Rules 2-5 apply to the type PERSON only.  Rejected entities are never
 * linked (but keep a link they had).  An entity keeps the referent it has:
 * the rules only place entities that have none.
 *
 * The parsing and clustering of one report's mentions are pure functions
 * (tested on their own); link_article() applies them to the database.
 */
#ifndef NERVE_LINK_H
#define NERVE_LINK_H

#include <stddef.h>
#include <stdint.h>

struct journal_group;
struct store;

enum link_form {
	LINK_ALONE,                 /* never linked (rule 6) */
	LINK_NAME,                  /* a name of a type other than PERSON */
	LINK_ACRONYM,               /* 2 to 10 capital letters, dots aside */
	LINK_FULL,                  /* a person: given name(s) and surname */
	LINK_INITIAL,               /* a person: initial(s) and surname */
	LINK_SURNAME,               /* a person: one word */
};

/* A mention's name, parsed for linking (owned strings; link_name_finish). */
struct link_name {
	enum link_form form;
	char *key;                  /* the folded name (rule 1) */
	char *surname;              /* a person's folded surname, else "" */
	char *initial;              /* folded first letter of the first given
	                               name or initial, else "" */
	char *acronym;              /* folded first letters of the capitalised
	                               words of a name of two or more words,
	                               else "" */
	char *display;              /* the text with blanks collapsed */
	int64_t cps;                /* code points of the text */
	int local;                  /* a generic institution ("Ministry of
	                               Health", "Supreme Court"): every country
	                               has one, so it links within its report
	                               only (rule 7) */
};

/* 0 for the types whose mentions are not linked (DATE, TITLE). */
int link_type_links(const char *type);
/* Parse text[0..len) (UTF-8), a mention of type; after_the: the word
 * "the" comes just before it in the report. */
void link_name_parse(const char *type, const char *text, size_t len, int after_the,
                     struct link_name *n);
void link_name_finish(struct link_name *n);

/* One mention of a report, for link_cluster(). */
struct link_mention {
	const char *type;           /* borrowed */
	struct link_name name;
	int accepted;
	int64_t referent;           /* its referent now, or 0 */
};

#define LINK_NONE ((size_t)-1)
/* Group the n mentions of one report by rules 1-4 and 6: head[i] is the
 * index of the mention that heads i's group (the one whose referent the
 * group takes: a linked one first, then a full name, then accepted, then
 * the longest, then the first), or LINK_NONE when i is left alone or is
 * ambiguous (rule 3).  Mentions that are not linked across reports are
 * grouped only by rule 1. */
void link_cluster(const struct link_mention *m, size_t n, size_t *head);

/* Where link_article() journals the links it makes for entities that
 * are not detector suggestions (whose links, like suggestions, are never
 * journalled).  NULL: journal nothing and place only detector
 * suggestions (after detection). */
struct link_journal {
	struct journal_group *g;    /* the group (journal.h; numbered at its
	                               first row); its entity count is left
	                               alone: links are not decisions */
	const char *action;         /* "link" in an analyst's group (undone with
	                               it), "import-link" in an import's */
};

/* Place every unlinked entity of article that is not rejected, by the
 * rules above, creating referents as needed, in the caller's
 * transaction.  Returns how many entities were linked, or -1 with
 * err_set(). */
int link_article(struct store *st, int64_t article, const struct link_journal *j);

/* A new referent of type for a mention text[0..len) (its name, keys and
 * name rank; accepted: the mention is), its id into *id: for a mention
 * the analyst splits off its referent. */
int link_new_referent(struct store *st, const char *type, const char *text, size_t len,
                      int accepted, int64_t *id);

#endif
