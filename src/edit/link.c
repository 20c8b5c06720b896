/*
 * link.c: the linking rules (see link.h): parsing a mention's name,
 * grouping the mentions of one report, and placing each group with a
 * referent of the database.
 */
#include "config.h"
#include "link.h"
#include "journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "text/text.h"
#include "lib/util.h"

/* Acronyms have this many letters at most. */
enum { ACRONYM_MAX = 10 };

int link_type_links(const char *type)
{
	return strcmp(type, "DATE") != 0 && strcmp(type, "TITLE") != 0;
}

static int is_person(const char *type)
{
	return strcmp(type, "PERSON") == 0;
}

/* ---- parsing a name ------------------------------------------------- */

/* A word of a name: bytes [s, e) of the collapsed text. */
struct word {
	size_t s, e;
};

/* The folded form of s[0..len) (owned). */
static char *fold(const char *s, size_t len)
{
	size_t n;
	return text_fold(s, len, &n);
}

/* The folded first letter of w (owned; "" when it has none). */
static char *first_letter(const char *t, struct word w)
{
	for (size_t i = w.s; i < w.e;) {
		size_t j = i;
		int32_t c = text_decode(t, w.e, &j);
		if (text_is_letter(c)) {
			size_t g = text_grapheme_end(t, w.e, i);
			return fold(t + i, g - i);
		}
		i = j;
	}
	return xstrdup("");
}

/* 1 when w is an initial or a run of them: "Z.", "Z", "J.-P.", "Z.A."
 * (each letter alone between dots or hyphens). */
static int is_initial(const char *t, struct word w)
{
	int letters = 0, run = 0, dot = 0;
	for (size_t i = w.s; i < w.e;) {
		size_t g = text_grapheme_end(t, w.e, i);
		size_t j = i;
		int32_t c = text_decode(t, w.e, &j);
		if (text_is_letter(c)) {
			if (++run > 1)
				return 0;
			letters++;
		} else if (c == '.' || text_is_dash(c)) {
			dot |= c == '.';
			run = 0;
		} else {
			return 0;
		}
		i = g;
	}
	return letters == 1 || (letters > 1 && dot);
}

/* 1 when w starts with a capital letter. */
static int capitalised(const char *t, struct word w)
{
	size_t i = w.s;
	return w.s < w.e && text_is_upper(text_decode(t, w.e, &i));
}

/* An acronym: 2 to ACRONYM_MAX letters, all capitals, nothing but dots
 * between them.  *key receives the folded letters (owned). */
static int acronym(const char *t, size_t len, char **key)
{
	struct buf b = BUF_INIT;
	int letters = 0;
	buf_adds(&b, "");
	for (size_t i = 0; i < len;) {
		size_t j = i;
		int32_t c = text_decode(t, len, &j);
		if (text_is_upper(c)) {
			letters++;
			buf_add(&b, t + i, j - i);
		} else if (c != '.') {
			buf_free(&b);
			return 0;
		}
		i = j;
	}
	if (letters < 2 || letters > ACRONYM_MAX) {
		buf_free(&b);
		return 0;
	}
	*key = fold(b.data, b.len);
	buf_free(&b);
	return 1;
}

/* Generational suffixes, which are not surnames ("Jr.", "III"). */
static int is_suffix(const char *t, struct word w)
{
	static const char *const suffixes[] = { "jr", "jr.", "sr", "sr.", "ii", "iii", "iv" };
	char *f = fold(t + w.s, w.e - w.s);
	int hit = 0;
	for (size_t i = 0; i < ARRAY_SIZE(suffixes) && !hit; i++)
		hit = strcmp(f, suffixes[i]) == 0;
	free(f);
	return hit;
}

static int is_the(const char *t, struct word w)
{
	return w.e - w.s == 3 && (t[w.s] | 0x20) == 't' && (t[w.s + 1] | 0x20) == 'h' &&
	       (t[w.s + 2] | 0x20) == 'e';
}

/* Rule 7: a generic institution.  key is the folded name; the leading
 * "the" is skipped.  General vocabulary of government, written for nerve. */
static int generic_institution(const char *key)
{
	static const char *const heads[] = {
		"ministry of ", "ministry for ", "department of ", "department for ",
		"office of the ", "secretariat of ", "court of ",
	};
	static const char *const names[] = {
		"supreme court", "high court", "constitutional court", "court of appeal",
		"national assembly", "parliament", "senate", "treasury", "cabinet", "government",
		"presidency", "police", "national police", "army", "national army", "navy",
		"armed forces", "central bank", "electoral commission", "national electoral commission",
		"council of ministers", "ministry", "foreign ministry", "defence ministry",
		"defense ministry", "interior ministry", "health ministry", "finance ministry",
		"education ministry", "justice ministry", "prime minister's office", "air force",
		"coast guard", "national guard", "marine corps", "house of representatives",
		"chamber of deputies", "house of commons", "national congress", "state department",
		"foreign office", "interior ministry", "customs", "immigration",
	};
	if (strncmp(key, "the ", 4) == 0)
		key += 4;
	for (size_t i = 0; i < ARRAY_SIZE(heads); i++)
		if (strncmp(key, heads[i], strlen(heads[i])) == 0)
			return 1;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(key, names[i]) == 0)
			return 1;
	return 0;
}

/* A direction or part ("North", "Central"): the start of some other
 * name in every report ("North Korean", "Central Europe"), so it links
 * within its report only. */
static int direction_word(const char *key)
{
	static const char *const words[] = {
		"north", "south", "east", "west", "central", "northern", "southern", "eastern",
		"western", "northeast", "northwest", "southeast", "southwest", "upper", "lower",
		"greater", "new", "old",
	};
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (strcmp(key, words[i]) == 0)
			return 1;
	return 0;
}

/* A pronoun and a verb ("I'm", "it's"): a detector's mistake, never a
 * name. */
static int contraction(const char *key)
{
	static const char *const pronouns[] = { "i", "you", "we", "they", "he", "she", "it",
	                                        "that", "there", "let" };
	const char *q = strchr(key, '\'');
	if (!q || strchr(q + 1, ' '))
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(pronouns); i++)
		if ((size_t)(q - key) == strlen(pronouns[i]) && strncmp(key, pronouns[i], (size_t)(q - key)) == 0)
			return 1;
	return 0;
}

void link_name_parse(const char *type, const char *text, size_t len, int after_the,
                     struct link_name *n)
{
	memset(n, 0, sizeof *n);
	/* The text with every run of blanks one space, typographic
	 * punctuation as ASCII, and its words. */
	struct buf d = BUF_INIT, k = BUF_INIT;
	struct word *w = NULL;
	size_t nw = 0, capw = 0;
	buf_adds(&d, "");
	buf_adds(&k, "");
	int in_word = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		int32_t c = text_decode(text, len, &j);
		n->cps++;
		if (text_is_space(c) || text_is_control(c)) {
			in_word = 0;
		} else {
			if (!in_word) {
				if (nw) {
					buf_addc(&d, ' ');
					buf_addc(&k, ' ');
				}
				w = xgrow(w, &capw, nw + 1, sizeof *w);
				w[nw].s = d.len;
				nw++;
				in_word = 1;
			}
			buf_add(&d, text + i, j - i);
			char enc[4];
			int32_t a = text_ascii_punct(c);
			buf_add(&k, enc, text_encode(a, enc));
			w[nw - 1].e = d.len;
		}
		i = j;
	}
	n->display = buf_steal(&d);
	n->surname = xstrdup("");
	n->initial = xstrdup("");
	n->acronym = xstrdup("");
	n->form = LINK_ALONE;
	const char *t = n->display;
	char *akey = NULL;
	int letters = 0;
	for (size_t i = 0; i < len && letters < 2;) {
		size_t j = i;
		letters += text_is_letter(text_decode(text, len, &j));
		i = j;
	}
	if (nw == 0 || !link_type_links(type) || letters < 2) {
		n->key = fold(k.data, k.len); /* left alone: no name to go by */
	} else if (!is_person(type) && acronym(k.data, k.len, &akey)) {
		n->form = LINK_ACRONYM;
		n->key = akey;
	} else if (!is_person(type)) {
		n->key = fold(k.data, k.len);
		size_t first = is_the(t, w[0]) ? 1 : 0;
		if ((strcmp(type, "ORG") == 0 && nw - first == 1 && (first || after_the)) ||
		    contraction(n->key)) {
			n->form = LINK_ALONE; /* "the Ministry"; "I'm" */
		} else {
			n->form = LINK_NAME;
			n->local = (strcmp(type, "ORG") == 0 && generic_institution(n->key)) ||
			           (nw == 1 && direction_word(n->key));
			if (nw - first >= 2) {
				struct buf a = BUF_INIT;
				buf_adds(&a, "");
				for (size_t i = first; i < nw; i++) {
					if (!capitalised(t, w[i]))
						continue;
					char *f = first_letter(t, w[i]);
					buf_adds(&a, f);
					free(f);
				}
				free(n->acronym);
				n->acronym = buf_steal(&a);
			}
		}
	} else {
		n->key = fold(k.data, k.len);
		size_t last = nw - 1;
		if (last > 0 && is_suffix(t, w[last]))
			last--;
		int initials = 1;
		for (size_t i = 0; i < last; i++)
			initials &= is_initial(t, w[i]);
		if (last == 0 && is_initial(t, w[0])) {
			n->form = LINK_ALONE; /* an initial alone */
		} else {
			free(n->surname);
			n->surname = fold(t + w[last].s, w[last].e - w[last].s);
			if (last == 0) {
				n->form = LINK_SURNAME;
			} else {
				n->form = initials ? LINK_INITIAL : LINK_FULL;
				free(n->initial);
				n->initial = first_letter(t, w[0]);
			}
		}
	}
	buf_free(&k);
	free(w);
}

void link_name_finish(struct link_name *n)
{
	free(n->key);
	free(n->surname);
	free(n->initial);
	free(n->acronym);
	free(n->display);
	memset(n, 0, sizeof *n);
}

/* ---- grouping the mentions of a report -------------------------------- */

static size_t find(size_t *up, size_t i)
{
	while (up[i] != i) {
		up[i] = up[up[i]];
		i = up[i];
	}
	return i;
}

static void join(size_t *up, size_t a, size_t b)
{
	a = find(up, a);
	b = find(up, b);
	if (a != b)
		up[a > b ? a : b] = a < b ? a : b;
}

/* Groups are found through sorted arrays of the mentions rather than by
 * comparing every pair, so that a report of a hundred thousand mentions
 * (one long text) is grouped in n log n. */

/* The sort key of an array: which fields of the name, in order. */
enum order { BY_KEY, BY_ACRONYM, BY_SURNAME_INITIAL, BY_SURNAME };

struct sorting {
	const struct link_mention *m;
	enum order by;
};

static int cmp_fields(const struct link_mention *x, const struct link_mention *y, enum order by)
{
	int c = strcmp(x->type, y->type);
	if (c)
		return c;
	switch (by) {
	case BY_KEY:
		return strcmp(x->name.key, y->name.key);
	case BY_ACRONYM:
		return strcmp(x->name.acronym, y->name.acronym);
	case BY_SURNAME_INITIAL:
		c = strcmp(x->name.surname, y->name.surname);
		return c ? c : strcmp(x->name.initial, y->name.initial);
	case BY_SURNAME:
		return strcmp(x->name.surname, y->name.surname);
	}
	return 0;
}

/* qsort_r is not C11: the array being sorted is named by a file-scope
 * pointer, set around each sort. */
static const struct sorting *sorting;

static int cmp_index(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = cmp_fields(&sorting->m[i], &sorting->m[j], sorting->by);
	return c ? c : (i > j) - (i < j);
}

static void sort_indices(const struct link_mention *m, size_t *v, size_t n, enum order by)
{
	struct sorting st = { m, by };
	sorting = &st;
	qsort(v, n, sizeof *v, cmp_index);
	sorting = NULL;
}

/* An array of mention indices sorted by 'by', to look a name up in. */
struct lookup {
	size_t *v, n;
	enum order by;
};

/* The first entry of l not before probe (its fields as 'by' compares). */
static size_t lower_bound(const struct link_mention *m, const struct lookup *l,
                          const struct link_mention *probe)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_fields(&m[l->v[mid]], probe, l->by) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The one group (root) of the entries of l that match probe, or LINK_NONE
 * with *several set when there are two or more. */
static size_t unique_group(const struct link_mention *m, size_t *up, const struct lookup *l,
                           const struct link_mention *probe, int *several)
{
	size_t found = LINK_NONE;
	*several = 0;
	for (size_t k = lower_bound(m, l, probe);
	     k < l->n && cmp_fields(&m[l->v[k]], probe, l->by) == 0; k++) {
		size_t r = find(up, l->v[k]);
		if (found == LINK_NONE)
			found = r;
		else if (found != r)
			*several = 1;
	}
	return *several ? LINK_NONE : found;
}

/* The mentions of distinct (type, name) for which keep() holds, sorted by
 * 'by'.  distinct[i]: i is the first of its name. */
static void build(const struct link_mention *m, size_t n, const char *distinct,
                  int (*keep)(const struct link_mention *), enum order by, struct lookup *l)
{
	l->v = xmalloc((n ? n : 1) * sizeof *l->v);
	l->n = 0;
	l->by = by;
	for (size_t i = 0; i < n; i++)
		if (distinct[i] && keep(&m[i]))
			l->v[l->n++] = i;
	sort_indices(m, l->v, l->n, by);
}

static int expansion(const struct link_mention *x)
{
	return x->name.form == LINK_NAME && x->name.acronym[0];
}

static int full(const struct link_mention *x)
{
	return x->name.form == LINK_FULL;
}

/* A full name, or an initial and surname: after rule 2, "Z. Hasanov" is
 * in Zakir Hasanov's group, and "R. Hasanov" in one of its own is
 * somebody else. */
static int named(const struct link_mention *x)
{
	return x->name.form == LINK_FULL || x->name.form == LINK_INITIAL;
}

/* Rank of a mention as its group's head: higher is better. */
static int64_t head_rank(const struct link_mention *m)
{
	int64_t form = m->name.form == LINK_FULL || m->name.form == LINK_NAME ? 2
	             : m->name.form == LINK_INITIAL ? 1 : 0;
	return ((int64_t)(m->referent != 0) << 40) + (form << 30) +
	       ((int64_t)(m->accepted != 0) << 24) + (m->name.cps & 0xffffff);
}

/* Link each mention of form to the one group that the mentions keep()
 * gives by order 'by' hold for it; mark it ambiguous when there are
 * several (rules 2 and 3). */
static void link_short_forms(const struct link_mention *m, size_t n, size_t *up,
                             char *ambiguous, const char *distinct,
                             int (*keep)(const struct link_mention *), enum order by,
                             enum link_form form)
{
	struct lookup l;
	int several;
	build(m, n, distinct, keep, by, &l);
	for (size_t i = 0; i < n; i++) {
		if (m[i].name.form != form)
			continue;
		size_t g = unique_group(m, up, &l, &m[i], &several);
		if (g != LINK_NONE)
			join(up, i, g);
		else if (several)
			ambiguous[i] = 1;
	}
	free(l.v);
}

void link_cluster(const struct link_mention *m, size_t n, size_t *head)
{
	size_t cap = n ? n : 1;
	size_t *up = xmalloc(cap * sizeof *up);
	char *ambiguous = xcalloc(cap, 1), *distinct = xcalloc(cap, 1);
	for (size_t i = 0; i < n; i++)
		up[i] = i;
	/* rule 1: the same name (for every form but those left alone) */
	size_t *order = xmalloc(cap * sizeof *order), norder = 0;
	for (size_t i = 0; i < n; i++)
		if (m[i].name.form != LINK_ALONE)
			order[norder++] = i;
	sort_indices(m, order, norder, BY_KEY);
	for (size_t k = 0; k < norder; k++) {
		if (k > 0 && cmp_fields(&m[order[k]], &m[order[k - 1]], BY_KEY) == 0)
			join(up, order[k - 1], order[k]);
		else
			distinct[order[k]] = 1;
	}
	free(order);
	int several;
	struct link_mention probe;
	/* rule 4: an acronym and its expansion */
	struct lookup l;
	build(m, n, distinct, expansion, BY_ACRONYM, &l);
	for (size_t i = 0; i < n; i++) {
		if (m[i].name.form != LINK_ACRONYM)
			continue;
		probe = m[i];
		probe.name.acronym = m[i].name.key;
		size_t g = unique_group(m, up, &l, &probe, &several);
		if (g != LINK_NONE)
			join(up, i, g);
	}
	free(l.v);
	/* rule 2: an initial and surname; rule 3: a surname alone */
	link_short_forms(m, n, up, ambiguous, distinct, full, BY_SURNAME_INITIAL, LINK_INITIAL);
	link_short_forms(m, n, up, ambiguous, distinct, named, BY_SURNAME, LINK_SURNAME);
	/* The head of each group: the best of its members. */
	size_t *best = xmalloc(cap * sizeof *best);
	for (size_t i = 0; i < n; i++)
		best[i] = LINK_NONE;
	for (size_t i = 0; i < n; i++) {
		size_t r = find(up, i);
		if (best[r] == LINK_NONE || head_rank(&m[i]) > head_rank(&m[best[r]]))
			best[r] = i;
	}
	/* An ambiguous short form is left alone; so are the others of its
	 * group, which rule 1 put there: they have the same name. */
	for (size_t i = 0; i < n; i++)
		if (ambiguous[i])
			ambiguous[find(up, i)] = 1;
	for (size_t i = 0; i < n; i++) {
		size_t r = find(up, i);
		head[i] = m[i].name.form == LINK_ALONE || ambiguous[r] ? LINK_NONE : best[r];
	}
	free(best);
	free(distinct);
	free(ambiguous);
	free(up);
}

/* ---- placing groups with referents ------------------------------------ */

struct placing {
	struct store *st;
	const struct link_journal *j;
	int64_t article;
	int linked;
};

static int detector_suggestion(const struct entity *e)
{
	return e->status == ENT_SUGGESTED && e->origin == ORIGIN_DETECTOR;
}

/* Link entity e to referent ref, journalled when asked unless it is a
 * detector's suggestion (whose links, like suggestions, are not). */
static int set_link(struct placing *p, struct entity *e, int64_t ref)
{
	struct store *st = p->st;
	if (!p->j || detector_suggestion(e))
		return store_entity_set_referent(st, e->id, ref);
	struct journal_group *g = p->j->g;
	if (g->grp == 0 && (g->grp = store_journal_group(st)) < 0)
		return -1;
	char *before = store_entity_snapshot(st, e->id);
	int rc = before ? store_entity_set_referent(st, e->id, ref) : -1;
	char *after = rc == 0 ? store_entity_snapshot(st, e->id) : NULL;
	if (rc == 0)
		rc = after ? store_journal(st, g->grp, g->annotator, e->article, e->id,
		                           p->j->action, before, after)
		           : -1;
	free(before);
	free(after);
	return rc;
}

/* The referent the group headed by h takes, into *ref (0: leave it
 * unlinked), creating one when no rule finds one. */
static int group_referent(struct placing *p, const struct link_mention *m, size_t h,
                          const size_t *member, size_t nmember, int64_t *ref)
{
	*ref = m[h].referent;
	for (size_t k = 0; k < nmember && *ref == 0; k++)
		*ref = m[member[k]].referent;
	if (*ref)
		return 0;
	const struct link_name *nm = &m[h].name;
	/* rule 1 across reports, but for a person's single word ("Amy",
	 * "Hasanov"), which names somebody else in every other report unless
	 * rule 5 finds the one full name it can be */
	int rc = nm->form == LINK_SURNAME || nm->local
	             ? 0 : store_referent_by_key(p->st, m[h].type, nm->key, ref);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (nm->form == LINK_SURNAME || nm->form == LINK_INITIAL) {
		int count;
		if (store_referent_by_surname(p->st, m[h].type, nm->surname, nm->initial, ref,
		                              &count) < 0)
			return -1;
		if (count == 1)
			return 0;
		*ref = 0;
		if (count > 1)
			return 0; /* rule 5: two or more of that name: unlinked */
	}
	struct referent r = { 0 };
	snprintf(r.type, sizeof r.type, "%s", m[h].type);
	r.name = nm->display;
	r.key = nm->key;
	snprintf(r.surname, sizeof r.surname, "%s", nm->surname);
	snprintf(r.initial, sizeof r.initial, "%s", nm->initial);
	r.name_rank = referent_name_rank(m[h].accepted, nm->cps);
	if (store_referent_add(p->st, &r) < 0)
		return -1;
	*ref = r.id;
	if (nm->form == LINK_FULL && nm->surname[0] &&
	    store_referent_flag_surname(p->st, m[h].type, nm->surname, r.id) < 0)
		return -1;
	return 0;
}

/* Whether e is to be placed: unlinked, and without a journal only a
 * detector's suggestion (link.h). */
static int placeable(const struct link_journal *j, const struct entity *e)
{
	return e->referent == 0 && e->status != ENT_REJECTED && (j || detector_suggestion(e));
}

/* "the" and blanks just before byte b of t. */
static int the_before(const char *t, size_t b)
{
	size_t i = b;
	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\n' || t[i - 1] == '\t'))
		i--;
	if (i == b || i < 3)
		return 0;
	if (i > 3 && (((unsigned char)t[i - 4] & 0x80) || text_is_letter((unsigned char)t[i - 4])))
		return 0;
	return (t[i - 3] | 0x20) == 't' && (t[i - 2] | 0x20) == 'h' && (t[i - 1] | 0x20) == 'e';
}

/* The heads of the mentions being sorted by cmp_head (qsort has no
 * argument for it). */
static const size_t *heads_of;

static int cmp_head(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	size_t x = heads_of[i], y = heads_of[j];
	if (x != y)
		return (x > y) - (x < y);
	return (i > j) - (i < j);
}

int link_article(struct store *st, int64_t article, const struct link_journal *j)
{
	struct article art = { 0 };
	struct entity_list l = { 0 };
	struct link_mention *m = NULL;
	struct entity **ent = NULL;
	size_t *head = NULL, *member = NULL, n = 0;
	/* most calls (a decision on a linked entity) have nothing to place:
	 * the text is read and the names parsed only when there is */
	int rc = store_entities_of(st, article, &l), todo = 0;
	for (size_t i = 0; rc == 0 && i < l.n; i++)
		todo |= placeable(j, &l.v[i]);
	if (rc < 0 || !todo)
		goto out;
	if ((rc = store_article_get(st, article, &art)) < 0)
		goto out;
	m = xcalloc(l.n ? l.n : 1, sizeof *m);
	ent = xcalloc(l.n ? l.n : 1, sizeof *ent);
	head = xcalloc(l.n ? l.n : 1, sizeof *head);
	todo = 0;
	/* entities come ordered by start: one pass turns offsets to bytes */
	size_t b = 0, cp = 0;
	for (size_t i = 0; i < l.n; i++) {
		struct entity *e = &l.v[i];
		if (e->status == ENT_REJECTED)
			continue;
		while (cp < (size_t)e->start && b < art.text_len) {
			text_decode(art.text, art.text_len, &b);
			cp++;
		}
		size_t eb = b, ecp = cp;
		while (ecp < (size_t)e->end && eb < art.text_len) {
			text_decode(art.text, art.text_len, &eb);
			ecp++;
		}
		m[n].type = e->type;
		m[n].accepted = e->status == ENT_ACCEPTED;
		m[n].referent = e->referent;
		link_name_parse(e->type, art.text + b, eb - b, the_before(art.text, b), &m[n].name);
		ent[n] = e;
		todo |= placeable(j, e) && m[n].name.form != LINK_ALONE;
		n++;
	}
	if (!todo)
		goto out;
	link_cluster(m, n, head);
	/* the members of each group together: the indices sorted by head */
	member = xmalloc((n ? n : 1) * sizeof *member);
	size_t nmember = 0;
	for (size_t i = 0; i < n; i++)
		if (head[i] != LINK_NONE)
			member[nmember++] = i;
	heads_of = head;
	qsort(member, nmember, sizeof *member, cmp_head);
	heads_of = NULL;
	struct placing p = { st, j, article, 0 };
	for (size_t g = 0, e; g < nmember && rc == 0; g = e) {
		size_t h = head[member[g]];
		for (e = g; e < nmember && head[member[e]] == h; e++)
			;
		int unlinked = 0;
		for (size_t k = g; k < e; k++)
			unlinked |= placeable(j, ent[member[k]]);
		if (!unlinked)
			continue;
		int64_t ref;
		if ((rc = group_referent(&p, m, h, member + g, e - g, &ref)) < 0 || ref == 0)
			continue;
		size_t best = LINK_NONE;
		int64_t best_rank = -1;
		for (size_t k = g; k < e && rc == 0; k++) {
			size_t i = member[k];
			int64_t rank = referent_name_rank(m[i].accepted, m[i].name.cps);
			if (rank > best_rank) {
				best_rank = rank;
				best = i;
			}
			if (!placeable(j, ent[i]))
				continue;
			rc = set_link(&p, ent[i], ref);
			if (rc == 0) {
				ent[i]->referent = ref;
				p.linked++;
			}
		}
		if (rc == 0 && best != LINK_NONE)
			rc = store_referent_offer_name(st, ref, m[best].name.display, best_rank);
	}
	if (rc == 0)
		rc = p.linked;
out:
	for (size_t i = 0; i < n; i++)
		link_name_finish(&m[i].name);
	free(m);
	free(ent);
	free(head);
	free(member);
	entity_list_finish(&l);
	article_finish(&art);
	return rc;
}

int link_new_referent(struct store *st, const char *type, const char *text, size_t len,
                      int accepted, int64_t *id)
{
	struct link_name n;
	link_name_parse(type, text, len, 0, &n);
	struct referent r = { 0 };
	snprintf(r.type, sizeof r.type, "%s", type);
	r.name = n.display;
	r.key = n.key;
	snprintf(r.surname, sizeof r.surname, "%s", n.surname);
	snprintf(r.initial, sizeof r.initial, "%s", n.initial);
	r.name_rank = referent_name_rank(accepted, n.cps);
	int rc = store_referent_add(st, &r);
	*id = r.id;
	link_name_finish(&n);
	return rc;
}
