/*
 * keys-plan.c: the keystrokes a scripted analyst needs to turn the
 * detector's suggestions into a gold file, for bench/keys.sh.
 *
 *   keys-plan strip GOLD N             the first N documents of GOLD
 *                                      (corpus JSON Lines) without their
 *                                      entities, for nerve import
 *   keys-plan plan DB GOLD N [MAP]     a browser script (stdout) that
 *                                      reviews them in DB, and the keys it
 *                                      takes per kind of correction (stderr)
 *   keys-plan check EXPORT GOLD N [MAP]
 *                                      compare nerve's JSON Lines export of
 *                                      the accepted entities with the gold;
 *                                      exit 1 when they differ
 *
 * MAP renames the gold's types as nerve train --map does ("-" drops one).
 * KEYS_DEBUG=1 makes check name the first entity that differs.
 *
 * The planning rule (the browser's keys since the review-flow issue:
 * auto-advance, J, D): each report opens at its first suggestion; its
 * entities are taken in the order of the text, and for each
 *   - a suggestion with a gold entity's exact span is accepted (a) or,
 *     with another type, given the type's key (1..9) (retype);
 *   - a gold entity without one is selected and labelled: the cursor goes
 *     to its first word (h or l, one key a word), v, l to its last word,
 *     the type's key (create; a suggestion it overlaps is replaced, which
 *     counts as its resize);
 *   - any other suggestion is rejected (x);
 * reaching a suggestion costs J presses unless auto-advance has already
 * focused it; D ends each report (nothing is left undecided, so it does
 * not ask).  The "before" count prices the same decisions with the keys
 * before that issue: Tab to every highlighted entity in turn, h and l
 * stopping at punctuation too, no auto-advance.  It is a price, not a
 * replay (that browser is gone); the "after" script is replayed and
 * checked.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/doc.h"
#include "lib/util.h"
#include "store/store.h"
#include "text/text.h"
#include "tui/layout.h"

/* ---- reading the gold ------------------------------------------------- */

struct map {
	char from[64][64], to[64][64];
	size_t n;
};

static int map_member(void *arg, const char *key, const char *value)
{
	struct map *m = arg;
	if (value && m->n < 64) {
		snprintf(m->from[m->n], sizeof m->from[0], "%s", key);
		snprintf(m->to[m->n++], sizeof m->to[0], "%s", value);
	}
	return 0;
}

static void read_map(struct store *st, const char *path, struct map *m)
{
	m->n = 0;
	if (!path)
		return;
	FILE *f = fopen(path, "r");
	if (!f)
		die("%s: cannot open", path);
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, k);
	fclose(f);
	if (store_json_members(st, b.data ? b.data : "", b.len, map_member, m) < 0)
		die("%s: %s", path, err_msg());
	buf_free(&b);
}

/* The gold type of t after the map (t itself when the map does not name
 * it), or NULL when the map drops it. */
static const char *mapped(const struct map *m, const char *t)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->from[i], t) == 0)
			return strcmp(m->to[i], "-") == 0 ? NULL : m->to[i];
	return t;
}

static int cmp_span(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

/* The first n documents of path (0: all), their types mapped, their
 * entities in order, overlapping ones dropped after the first (the
 * browser keeps spans apart). */
static struct doc *read_docs(struct store *st, const char *path, size_t n,
                             const struct map *m, size_t *count)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("%s: cannot open", path);
	struct doc *v = NULL;
	char *line = NULL;
	size_t cap = 0, vcap = 0, k = 0;
	ssize_t len;
	while ((n == 0 || k < n) && (len = getline(&line, &cap, f)) > 0) {
		v = xgrow(v, &vcap, k + 1, sizeof *v);
		memset(&v[k], 0, sizeof v[k]);
		if (store_json_doc(st, line, (size_t)len, &v[k]) < 0)
			die("%s:%zu: %s", path, k + 1, err_msg());
		struct doc *d = &v[k++];
		qsort(d->spans, d->nspans, sizeof *d->spans, cmp_span);
		size_t keep = 0;
		int64_t end = -1;
		for (size_t i = 0; i < d->nspans; i++) {
			struct span s = d->spans[i];
			const char *t = mapped(m, s.type);
			if (!t || s.start < end) {
				free(s.text);
				continue;
			}
			if (t != s.type)
				snprintf(s.type, sizeof s.type, "%s", t);
			end = s.end;
			d->spans[keep++] = s;
		}
		d->nspans = keep;
	}
	free(line);
	fclose(f);
	*count = k;
	return v;
}

/* ---- strip ----------------------------------------------------------- */

static void json_string(const char *s)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p == '\t')
			fputs("\\t", stdout);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static int strip(struct doc *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputs("{\"id\": ", stdout);
		json_string(v[i].id ? v[i].id : "");
		fputs(", \"title\": ", stdout);
		json_string(v[i].title ? v[i].title : "");
		fputs(", \"text\": ", stdout);
		json_string(v[i].text);
		fputs("}\n", stdout);
	}
	return 0;
}

/* ---- planning --------------------------------------------------------- */

enum kind { K_ACCEPT, K_REJECT, K_RETYPE, K_RESIZE, K_CREATE, K_MOVE, K_DONE, K_NKINDS };
static const char *const kind_name[K_NKINDS] = {
	"accept", "reject", "retype", "resize", "create", "moving", "done",
};

struct tally {
	long keys[K_NKINDS];
	long items[K_NKINDS];
};

static long total(const struct tally *t)
{
	long n = 0;
	for (int k = 0; k < K_NKINDS; k++)
		n += t->keys[k];
	return n;
}

/* The key of a type (its hotkey), or 0. */
static int type_key(const struct entity_type *types, size_t ntypes, const char *name)
{
	for (size_t i = 0; i < ntypes; i++)
		if (strcmp(types[i].name, name) == 0)
			return types[i].hotkey;
	return 0;
}

/* The word of ws containing cp (the first ending after it). */
static size_t word_at(const struct layout_word *w, size_t n, size_t cp)
{
	return layout_word_at(w, n, cp);
}

/* The words of a span [cp, ce): *a the one that starts at cp, *z the
 * last that starts before ce, and *extra the grapheme clusters from its
 * end to ce (L adds them one by one, H takes them off when negative); 0
 * when no word starts at cp. */
static int words_of(const struct article *art, const struct layout_word *w, size_t n,
                    size_t cp, size_t ce, size_t *a, size_t *z, int *extra)
{
	*a = *z = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		if (w[i].start == cp)
			*a = i;
		if (w[i].start < ce && *a != (size_t)-1)
			*z = i;
	}
	if (*a == (size_t)-1 || *z == (size_t)-1 || *a > *z)
		return 0;
	*extra = 0;
	size_t we = text_cp_to_byte(art->text, art->text_len, w[*z].end);
	size_t e = text_cp_to_byte(art->text, art->text_len, ce);
	int sign = we <= e ? 1 : -1;
	size_t b = sign > 0 ? we : e, stop = sign > 0 ? e : we;
	while (b < stop) {
		b = text_grapheme_end(art->text, art->text_len, b);
		*extra += sign;
	}
	return 1;
}

/* What becomes of each entity of an article. */
enum fate { F_ACCEPT, F_RETYPE, F_REJECT, F_REPLACED };

struct item {
	int64_t start, end;
	int ent;                    /* index in the entities, or -1 for a creation */
	const struct span *gold;    /* the gold entity it becomes, or NULL */
};

static int cmp_item(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->ent < b->ent ? -1 : a->ent > b->ent;
}

/* The next suggestion still to decide after entity f in list order,
 * coming round from the top; -1 when none is. */
static int next_undecided(const int *undecided, size_t n, int f)
{
	for (size_t k = 1; k <= n; k++) {
		size_t i = ((size_t)(f < 0 ? -1 : f) + k) % n;
		if (undecided[i])
			return (int)i;
	}
	return -1;
}

/* Plan one article: keys to out (NULL: price only), with the keys of
 * the browser after the review-flow issue (after) or before it. */
static void plan_article(const struct article *a, const struct entity_list *el,
                         const struct doc *gold, const struct entity_type *types,
                         size_t ntypes, int after, int first, FILE *out, struct tally *t)
{
	struct layout_word *w;
	size_t nw = after ? layout_review_words(a->text, a->text_len, &w)
	                  : layout_words(a->text, a->text_len, &w);
	size_t n = el->n;
	int *undecided = xcalloc(n + 1, sizeof *undecided);
	struct item *items = xcalloc(n + gold->nspans + 1, sizeof *items);
	size_t ni = 0;
	int *replaced = xcalloc(n + 1, sizeof *replaced);
	int *hidden = xcalloc(n + 1, sizeof *hidden); /* rejected: Tab skips it */
	for (size_t i = 0; i < n; i++) {
		undecided[i] = el->v[i].status == ENT_SUGGESTED;
		hidden[i] = el->v[i].status == ENT_REJECTED;
	}
	/* the fate of each suggestion, and the creations */
	for (size_t g = 0; g < gold->nspans; g++) {
		const struct span *s = &gold->spans[g];
		int exact = -1;
		for (size_t i = 0; i < n; i++)
			if (undecided[i] && el->v[i].start == s->start && el->v[i].end == s->end)
				exact = (int)i;
		if (exact >= 0) {
			items[ni++] = (struct item){ s->start, s->end, exact, s };
			continue;
		}
		items[ni++] = (struct item){ s->start, s->end, -1, s };
		for (size_t i = 0; i < n; i++)
			if (undecided[i] && el->v[i].start < s->end && el->v[i].end > s->start)
				replaced[i] = 1;
	}
	for (size_t i = 0; i < n; i++) {
		int in_items = 0;
		for (size_t k = 0; k < ni; k++)
			in_items |= items[k].ent == (int)i;
		if (undecided[i] && !in_items && !replaced[i])
			items[ni++] = (struct item){ el->v[i].start, el->v[i].end, (int)i, NULL };
	}
	qsort(items, ni, sizeof *items, cmp_item);

	/* the browser's state: the cursor's word, the focused entity */
	size_t cur = 0;
	int focus = -1;
	if (after && !first) {
		/* D opened it: the first suggestion is focused */
		focus = next_undecided(undecided, n, -1);
		if (focus >= 0)
			cur = word_at(w, nw, (size_t)el->v[focus].start);
	} else {
		for (size_t i = 0; nw && i < n; i++)
			if ((size_t)el->v[i].start <= w[0].start && (size_t)el->v[i].end > w[0].start)
				focus = (int)i;
	}
#define KEY(kind, s) do { if (out) fprintf(out, "%s\n", s); t->keys[kind]++; } while (0)
	for (size_t k = 0; k < ni; k++) {
		const struct item *it = &items[k];
		if (it->ent >= 0) {
			int e = it->ent;
			/* reach it: J (after), Tab (before) */
			int guard = 0;
			while (focus != e && guard++ <= (int)n) {
				if (after) {
					focus = next_undecided(undecided, n, focus);
					KEY(K_MOVE, "J");
				} else {
					/* Tab visits every highlighted entity in turn */
					int f = focus;
					do
						f = (f + 1) % (int)n;
					while (hidden[f] && f != focus);
					focus = f;
					KEY(K_MOVE, "<Tab>");
				}
			}
			cur = word_at(w, nw, (size_t)el->v[e].start);
			enum kind kind;
			char key[8];
			if (!it->gold) {
				kind = K_REJECT;
				snprintf(key, sizeof key, "x");
			} else if (strcmp(it->gold->type, el->v[e].type) == 0) {
				kind = K_ACCEPT;
				snprintf(key, sizeof key, "a");
			} else {
				kind = K_RETYPE;
				snprintf(key, sizeof key, "%d", type_key(types, ntypes, it->gold->type));
			}
			KEY(kind, key);
			t->items[kind]++;
			undecided[e] = 0;
			hidden[e] = kind == K_REJECT;
			if (after) {
				int next = next_undecided(undecided, n, e);
				if (next >= 0) {
					focus = next;
					cur = word_at(w, nw, (size_t)el->v[next].start);
				} else if (kind == K_REJECT) {
					focus = -1;
				}
			}
			continue;
		}
		/* a creation: to its first word, v, to its last, the type's key */
		size_t wa, wz;
		int extra;
		if (!words_of(a, w, nw, (size_t)it->start, (size_t)it->end, &wa, &wz, &extra) ||
		    (extra && !after)) {
			fprintf(stderr, "keys-plan: %s: the span %lld-%lld is not on words; left out\n",
			        a->ext_id, (long long)it->start, (long long)it->end);
			continue;
		}
		for (; cur < wa; cur++)
			KEY(K_MOVE, "l");
		for (; cur > wa; cur--)
			KEY(K_MOVE, "h");
		int resize = 0;
		for (size_t i = 0; i < n; i++)
			if (replaced[i] && el->v[i].start < it->end && el->v[i].end > it->start) {
				resize = 1;
				undecided[i] = 0;
				hidden[i] = 1;
			}
		enum kind kind = resize ? K_RESIZE : K_CREATE;
		KEY(kind, "v");
		for (; cur < wz; cur++)
			KEY(kind, "l");
		for (int x = 0; x < extra; x++)
			KEY(kind, "L");
		for (int x = 0; x > extra; x--)
			KEY(kind, "H");
		char key[8];
		snprintf(key, sizeof key, "%d", type_key(types, ntypes, it->gold->type));
		KEY(kind, key);
		t->items[kind]++;
		focus = -1;
		if (after) {
			/* auto-advance: the next suggestion after the new entity */
			int next = -1;
			for (size_t i = 0; i < n && next < 0; i++)
				if (undecided[i] && el->v[i].start >= it->start)
					next = (int)i;
			if (next < 0)
				next = next_undecided(undecided, n, -1);
			if (next >= 0) {
				focus = next;
				cur = word_at(w, nw, (size_t)el->v[next].start);
			}
		}
	}
	/* what a creation left out would have replaced is still to decide:
	 * rejected, so that D does not ask */
	for (int e; (e = next_undecided(undecided, n, focus)) >= 0;) {
		if (focus != e)
			KEY(K_MOVE, after ? "J" : "<Tab>");
		KEY(K_REJECT, "x");
		t->items[K_REJECT]++;
		undecided[e] = 0;
		hidden[e] = 1;
		focus = after ? next_undecided(undecided, n, e) : e;
	}
	KEY(K_DONE, "D");
	t->items[K_DONE]++;
#undef KEY
	free(w);
	free(undecided);
	free(replaced);
	free(hidden);
	free(items);
}

static int plan(const char *dbpath, struct doc *gold, size_t n)
{
	struct store *st = store_open(dbpath, 0);
	if (!st)
		die("%s", err_msg());
	struct entity_type *types;
	size_t ntypes;
	if (store_types(st, &types, &ntypes) < 0)
		die("%s", err_msg());
	struct tally before = { 0 }, after = { 0 };
	printf("<Enter>\n");
	after.keys[K_MOVE]++;
	before.keys[K_MOVE]++;
	for (size_t i = 0; i < n; i++) {
		int64_t id;
		if (store_article_by_ext_id(st, gold[i].id, &id) != 1)
			die("%s: not in %s", gold[i].id, dbpath);
		struct article a = { 0 };
		struct entity_list el = { 0 };
		if (store_article_get(st, id, &a) < 0 || store_entities_of(st, id, &el) < 0)
			die("%s", err_msg());
		plan_article(&a, &el, &gold[i], types, ntypes, 1, i == 0, stdout, &after);
		plan_article(&a, &el, &gold[i], types, ntypes, 0, i == 0, NULL, &before);
		entity_list_finish(&el);
		article_finish(&a);
	}
	fprintf(stderr, "%-8s %8s %8s %8s\n", "kind", "items", "before", "after");
	for (int k = 0; k < K_NKINDS; k++)
		fprintf(stderr, "%-8s %8ld %8ld %8ld\n", kind_name[k], after.items[k],
		        before.keys[k], after.keys[k]);
	long tb = total(&before), ta = total(&after);
	fprintf(stderr, "%-8s %8s %8ld %8ld  (%.0f%% fewer)\n", "total", "", tb, ta,
	        tb ? 100.0 * (double)(tb - ta) / (double)tb : 0.0);
	free(types);
	store_close(&st);
	return 0;
}

/* ---- checking --------------------------------------------------------- */

static int same_spans(const struct doc *x, const struct doc *g)
{
	if (x->nspans != g->nspans)
		return 0;
	for (size_t i = 0; i < x->nspans; i++)
		if (x->spans[i].start != g->spans[i].start || x->spans[i].end != g->spans[i].end ||
		    strcmp(x->spans[i].type, g->spans[i].type) != 0) {
			if (getenv("KEYS_DEBUG"))
				fprintf(stderr, "  %lld-%lld %s, not %lld-%lld %s\n",
				        (long long)x->spans[i].start, (long long)x->spans[i].end,
				        x->spans[i].type, (long long)g->spans[i].start,
				        (long long)g->spans[i].end, g->spans[i].type);
			return 0;
		}
	return 1;
}

/* Whether x has the span s (its type too). */
static int has_span(const struct doc *x, const struct span *s)
{
	for (size_t i = 0; i < x->nspans; i++)
		if (x->spans[i].start == s->start && x->spans[i].end == s->end &&
		    strcmp(x->spans[i].type, s->type) == 0)
			return 1;
	return 0;
}

/* Drop the spans of g that the review x lacks because the plan had to
 * leave them out (a creation where words_of() finds no word starting
 * where the span starts: inside "anti-LGBT", say); returns how many. */
static size_t drop_unreachable(struct doc *g, const struct doc *x, const char *text,
                               size_t len)
{
	struct article art = { 0 };
	art.text = (char *)text;
	art.text_len = len;
	struct layout_word *w;
	size_t nw = layout_review_words(text, len, &w), keep = 0, dropped = 0;
	for (size_t i = 0; i < g->nspans; i++) {
		size_t wa, wz;
		int extra;
		if (has_span(x, &g->spans[i]) ||
		    words_of(&art, w, nw, (size_t)g->spans[i].start, (size_t)g->spans[i].end, &wa,
		             &wz, &extra)) {
			g->spans[keep++] = g->spans[i];
		} else {
			free(g->spans[i].text);
			dropped++;
		}
	}
	g->nspans = keep;
	free(w);
	return dropped;
}

static int check(struct store *mem, const char *export, struct doc *gold, size_t n)
{
	struct map none = { .n = 0 };
	size_t ne;
	struct doc *x = read_docs(mem, export, 0, &none, &ne);
	size_t bad = 0, unreachable = 0;
	for (size_t i = 0; i < n; i++) {
		const struct doc *d = NULL;
		for (size_t k = 0; k < ne && !d; k++)
			if (x[k].id && strcmp(x[k].id, gold[i].id) == 0)
				d = &x[k];
		if (d)
			unreachable += drop_unreachable(&gold[i], d, d->text, d->text_len);
		if (!d || !same_spans(d, &gold[i])) {
			fprintf(stderr, "keys-plan: %s: the review does not give the gold (%zu entities, "
			        "not %zu)\n", gold[i].id, d ? d->nspans : 0, gold[i].nspans);
			bad++;
		}
	}
	for (size_t k = 0; k < ne; k++)
		doc_finish(&x[k]);
	free(x);
	fprintf(stderr, "checked: %zu of %zu reports as the gold (leaving out %zu gold entities "
	        "that start inside a word, which no word key reaches)\n", n - bad, n, unreachable);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 4)
		die("usage: keys-plan strip GOLD N | plan DB GOLD N [MAP] | check EXPORT GOLD N [MAP]");
	struct store *mem = store_open(":memory:", STORE_CREATE);
	if (!mem)
		die("%s", err_msg());
	int is_strip = strcmp(argv[1], "strip") == 0;
	const char *gold_path = is_strip ? argv[2] : argv[3];
	size_t want = (size_t)atol(is_strip ? argv[3] : argv[4]);
	struct map m;
	read_map(mem, !is_strip && argc > 5 ? argv[5] : NULL, &m);
	size_t n;
	struct doc *gold = read_docs(mem, gold_path, want, &m, &n);
	int rc;
	if (is_strip)
		rc = strip(gold, n);
	else if (strcmp(argv[1], "plan") == 0)
		rc = plan(argv[2], gold, n);
	else
		rc = check(mem, argv[2], gold, n);
	for (size_t i = 0; i < n; i++)
		doc_finish(&gold[i]);
	free(gold);
	store_close(&mem);
	return rc;
}
