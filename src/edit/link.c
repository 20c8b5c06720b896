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
	if (nw == 0 || !link_type_links(type)) {
		n->key = fold(k.data, k.len);
	} else if (!is_person(type) && acronym(k.data, k.len, &akey)) {
		n->form = LINK_ACRONYM;
		n->key = akey;
	} else if (!is_person(type)) {
		n->key = fold(k.data, k.len);
		size_t first = is_the(t, w[0]) ? 1 : 0;
		if (strcmp(type, "ORG") == 0 && nw - first == 1 && (first || after_the)) {
			n->form = LINK_ALONE; /* "the Ministry" */
		} else {
			n->form = LINK_NAME;
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

static int same_type(const struct link_mention *a, const struct link_mention *b)
{
	return strcmp(a->type, b->type) == 0;
}

/* The one group (root) among the mentions j that match(i, j), or
 * LINK_NONE with *several set when there are two or more. */
static size_t unique_group(const struct link_mention *m, size_t n, size_t *up, size_t i,
                           int (*match)(const struct link_mention *, const struct link_mention *),
                           int *several)
{
	size_t found = LINK_NONE;
	*several = 0;
	for (size_t j = 0; j < n; j++) {
		if (j == i || !same_type(&m[i], &m[j]) || !match(&m[i], &m[j]))
			continue;
		size_t r = find(up, j);
		if (found == LINK_NONE)
			found = r;
		else if (found != r)
			*several = 1;
	}
	return *several ? LINK_NONE : found;
}

static int expands(const struct link_mention *a, const struct link_mention *b)
{
	return b->name.form == LINK_NAME && b->name.acronym[0] &&
	       strcmp(b->name.acronym, a->name.key) == 0;
}

static int full_with_initial(const struct link_mention *a, const struct link_mention *b)
{
	return b->name.form == LINK_FULL && strcmp(b->name.surname, a->name.surname) == 0 &&
	       strcmp(b->name.initial, a->name.initial) == 0;
}

/* A full name, or an initial and surname, with a's surname: after rule
 * 2, "Z. Hasanov" is in Zakir Hasanov's group, and "R. Hasanov" in one of
 * its own is somebody else. */
static int named_with_surname(const struct link_mention *a, const struct link_mention *b)
{
	return (b->name.form == LINK_FULL || b->name.form == LINK_INITIAL) &&
	       strcmp(b->name.surname, a->name.surname) == 0;
}

/* Rank of a mention as its group's head: higher is better. */
static int64_t head_rank(const struct link_mention *m)
{
	int64_t form = m->name.form == LINK_FULL || m->name.form == LINK_NAME ? 2
	             : m->name.form == LINK_INITIAL ? 1 : 0;
	return ((int64_t)(m->referent != 0) << 40) + (form << 30) +
	       ((int64_t)(m->accepted != 0) << 24) + (m->name.cps & 0xffffff);
}

void link_cluster(const struct link_mention *m, size_t n, size_t *head)
{
	size_t *up = xmalloc((n ? n : 1) * sizeof *up);
	char *ambiguous = xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++)
		up[i] = i;
	/* rule 1: the same name (for every form but those left alone) */
	for (size_t i = 0; i < n; i++) {
		if (m[i].name.form == LINK_ALONE)
			continue;
		for (size_t j = i + 1; j < n; j++)
			if (m[j].name.form != LINK_ALONE && same_type(&m[i], &m[j]) &&
			    strcmp(m[i].name.key, m[j].name.key) == 0)
				join(up, i, j);
	}
	int several;
	/* rule 4: an acronym and its expansion */
	for (size_t i = 0; i < n; i++) {
		if (m[i].name.form != LINK_ACRONYM)
			continue;
		size_t g = unique_group(m, n, up, i, expands, &several);
		if (g != LINK_NONE)
			join(up, i, g);
	}
	/* rule 2: an initial and surname */
	for (size_t i = 0; i < n; i++) {
		if (m[i].name.form != LINK_INITIAL)
			continue;
		size_t g = unique_group(m, n, up, i, full_with_initial, &several);
		if (g != LINK_NONE)
			join(up, i, g);
		else if (several)
			ambiguous[i] = 1;
	}
	/* rule 3: a surname alone */
	for (size_t i = 0; i < n; i++) {
		if (m[i].name.form != LINK_SURNAME)
			continue;
		size_t g = unique_group(m, n, up, i, named_with_surname, &several);
		if (g != LINK_NONE)
			join(up, i, g);
		else if (several)
			ambiguous[i] = 1;
	}
	/* The head of each group: the best of its members. */
	size_t *best = xmalloc((n ? n : 1) * sizeof *best);
	for (size_t i = 0; i < n; i++)
		best[i] = LINK_NONE;
	for (size_t i = 0; i < n; i++) {
		size_t r = find(up, i);
		if (best[r] == LINK_NONE || head_rank(&m[i]) > head_rank(&m[best[r]]))
			best[r] = i;
	}
	/* An ambiguous short form is left alone; so are the others of its
	 * group, which rule 1 put there: they have the same name. */
	for (size_t i = 0; i < n; i++) {
		size_t r = find(up, i);
		head[i] = m[i].name.form == LINK_ALONE || ambiguous[r] || ambiguous[i] ? LINK_NONE
		                                                                       : best[r];
		if (ambiguous[i])
			ambiguous[r] = 1;
	}
	for (size_t i = 0; i < n; i++)
		if (ambiguous[find(up, i)])
			head[i] = LINK_NONE;
	free(best);
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
                          const size_t *head, size_t n, int64_t *ref)
{
	*ref = m[h].referent;
	for (size_t i = 0; i < n && *ref == 0; i++)
		if (head[i] == h && m[i].referent)
			*ref = m[i].referent;
	if (*ref)
		return 0;
	const struct link_name *nm = &m[h].name;
	int rc = store_referent_by_key(p->st, m[h].type, nm->key, ref);
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

int link_article(struct store *st, int64_t article, const struct link_journal *j)
{
	struct article art = { 0 };
	struct entity_list l = { 0 };
	struct link_mention *m = NULL;
	struct entity **ent = NULL;
	size_t *head = NULL, n = 0;
	int rc = store_article_get(st, article, &art);
	if (rc == 0)
		rc = store_entities_of(st, article, &l);
	if (rc < 0)
		goto out;
	m = xcalloc(l.n ? l.n : 1, sizeof *m);
	ent = xcalloc(l.n ? l.n : 1, sizeof *ent);
	head = xcalloc(l.n ? l.n : 1, sizeof *head);
	int todo = 0;
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
		todo |= e->referent == 0 && m[n].name.form != LINK_ALONE;
		n++;
	}
	if (!todo)
		goto out;
	link_cluster(m, n, head);
	struct placing p = { st, j, article, 0 };
	for (size_t h = 0; h < n && rc == 0; h++) {
		if (head[h] != h)
			continue;
		int unlinked = 0;
		for (size_t i = 0; i < n; i++)
			unlinked |= head[i] == h && placeable(j, ent[i]);
		if (!unlinked)
			continue;
		int64_t ref;
		if ((rc = group_referent(&p, m, h, head, n, &ref)) < 0 || ref == 0)
			continue;
		size_t best = LINK_NONE;
		int64_t best_rank = -1;
		for (size_t i = 0; i < n && rc == 0; i++) {
			if (head[i] != h)
				continue;
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
