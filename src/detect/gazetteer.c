/*
 * gazetteer.c: lists matched as folded token sequences (see gazetteer.h).
 *
 * The table holds the hash of every entry and of every proper prefix of
 * an entry (flagged), so that matching from a token extends the sequence
 * one token at a time and stops at the first hash that is not there.
 */
#include "config.h"
#include "gazetteer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

#define PREFIX_BIT 0x80000000u
#define SEQ_SEED 0x6A09E667F3BCC909ULL

void gaz_init(struct gazetteer *g)
{
	memset(g, 0, sizeof *g);
	g->mask = 1023;
	g->slot = xcalloc(g->mask + 1, sizeof *g->slot);
	g->owned = 1;
}

void gaz_finish(struct gazetteer *g)
{
	if (g->owned)
		free(g->slot);
	memset(g, 0, sizeof *g);
}

int gaz_find_list(const struct gazetteer *g, const char *name)
{
	for (unsigned i = 0; i < g->nlists; i++)
		if (strcmp(g->names[i], name) == 0)
			return (int)i;
	return -1;
}

int gaz_list(struct gazetteer *g, const char *name)
{
	int id = gaz_find_list(g, name);
	if (id >= 0)
		return id;
	if (g->nlists >= GAZ_MAX_LISTS) {
		err_set(_("too many gazetteer lists (at most %d)"), GAZ_MAX_LISTS);
		return -1;
	}
	snprintf(g->names[g->nlists], sizeof g->names[0], "%s", name);
	return (int)g->nlists++;
}

static inline uint64_t nonzero(uint64_t h)
{
	return h ? h : 1;
}

static struct gaz_slot *find(const struct gazetteer *g, uint64_t key)
{
	size_t j = key & g->mask;
	for (;;) {
		struct gaz_slot *s = &g->slot[j];
		if (s->key == key)
			return s;
		if (!s->key)
			return NULL;
		j = (j + 1) & g->mask;
	}
}

static struct gaz_slot *insert(struct gazetteer *g, uint64_t key)
{
	if ((g->n + 1) * 10 > (g->mask + 1) * 7) {
		size_t ncap = (g->mask + 1) * 2;
		struct gaz_slot *ns = xcalloc(ncap, sizeof *ns);
		for (size_t i = 0; i <= g->mask; i++) {
			if (!g->slot[i].key)
				continue;
			size_t j = g->slot[i].key & (ncap - 1);
			while (ns[j].key)
				j = (j + 1) & (ncap - 1);
			ns[j] = g->slot[i];
		}
		free(g->slot);
		g->slot = ns;
		g->mask = ncap - 1;
	}
	size_t j = key & g->mask;
	while (g->slot[j].key && g->slot[j].key != key)
		j = (j + 1) & g->mask;
	if (!g->slot[j].key) {
		g->slot[j].key = key;
		g->n++;
	}
	return &g->slot[j];
}

void gaz_add(struct gazetteer *g, int list, const struct tok_abbrevs *abbrevs,
             struct tokens *toks, const char *entry, size_t len)
{
	if (list < 0 || list >= GAZ_MAX_LISTS)
		return;
	tokenize(abbrevs, entry, len, toks);
	/* an entry ends no sentence: "U.S." keeps its period */
	if (toks->n >= 2 && (toks->v[toks->n - 1].flags & TOKF_SENT_END) &&
	    toks->v[toks->n - 1].c1 - toks->v[toks->n - 1].c0 == 1 &&
	    !(toks->v[toks->n - 1].flags & TOKF_SPACE_BEFORE) &&
	    memchr(toks->fold + toks->v[toks->n - 2].f0, '.',
	           toks->v[toks->n - 2].f1 - toks->v[toks->n - 2].f0))
		toks->n--;
	if (toks->n == 0 || toks->n > GAZ_MAX_TOKENS)
		return;
	uint64_t h = SEQ_SEED;
	for (size_t i = 0; i < toks->n; i++) {
		h = nonzero(tok_mix(h, toks->v[i].hw));
		struct gaz_slot *s = insert(g, h);
		if (i + 1 < toks->n) {
			s->any_lists |= PREFIX_BIT;
		} else if (toks->v[0].flags & TOKF_UPPER_INIT) {
			s->cap_lists |= 1u << list;
		} else {
			s->any_lists |= 1u << list;
		}
	}
}

long gaz_load_file(struct gazetteer *g, const char *name, const char *path,
                   const struct tok_abbrevs *abbrevs)
{
	char *data;
	size_t len;
	if (read_file(path, &data, &len) < 0)
		return -1;
	int list = gaz_list(g, name);
	if (list < 0) {
		free(data);
		err_set("%s: %s", path, err_msg());
		return -1;
	}
	struct tokens toks = { 0 };
	long count = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		size_t a = i, b = end;
		const char *tab = memchr(data + a, '\t', b - a);
		if (tab)
			b = (size_t)(tab - data);
		while (a < b && (data[a] == ' ' || data[a] == '\r'))
			a++;
		while (b > a && (data[b - 1] == ' ' || data[b - 1] == '\r'))
			b--;
		if (a < b && data[a] != '#') {
			gaz_add(g, list, abbrevs, &toks, data + a, b - a);
			count++;
		}
		i = end + 1;
	}
	tokens_finish(&toks);
	free(data);
	return count;
}

static inline int capitalised(const struct token *t)
{
	return (t->flags & (TOKF_UPPER_INIT | TOKF_ALL_UPPER)) != 0 ||
	       !(t->flags & TOKF_HAS_LETTER);
}

uint32_t gaz_lookup(const struct gazetteer *g, const struct tokens *t, size_t i, size_t j)
{
	if (j <= i || j - i > GAZ_MAX_TOKENS || g->n == 0)
		return 0;
	uint64_t h = SEQ_SEED;
	const struct gaz_slot *s = NULL;
	for (size_t k = i; k < j; k++) {
		h = nonzero(tok_mix(h, t->v[k].hw));
		s = find(g, h);
		if (!s)
			return 0;
	}
	uint32_t lists = s->any_lists & ~PREFIX_BIT;
	if (capitalised(&t->v[i]))
		lists |= s->cap_lists;
	return lists;
}

void gaz_match(const struct gazetteer *g, const struct tokens *t, struct gaz_marks *marks)
{
	memset(marks, 0, t->n * sizeof *marks);
	if (g->n == 0)
		return;
	for (size_t i = 0; i < t->n; i++) {
		uint64_t h = SEQ_SEED;
		int cap = capitalised(&t->v[i]);
		uint32_t seen = 0;
		size_t ends[GAZ_MAX_TOKENS];
		uint32_t at[GAZ_MAX_TOKENS];
		size_t nm = 0;
		for (size_t j = i; j < t->n && j - i < GAZ_MAX_TOKENS; j++) {
			if (j > i && (t->v[j].flags & TOKF_SENT_START))
				break;
			h = nonzero(tok_mix(h, t->v[j].hw));
			const struct gaz_slot *s = find(g, h);
			if (!s)
				break;
			uint32_t lists = (s->any_lists & ~PREFIX_BIT) | (cap ? s->cap_lists : 0);
			if (lists) {
				ends[nm] = j + 1;
				at[nm++] = lists;
				seen |= lists;
			}
			if (!(s->any_lists & PREFIX_BIT))
				break;
		}
		if (!seen)
			continue;
		/* the longest match of each list wins: walk from the longest */
		uint32_t done = 0;
		while (nm-- > 0) {
			uint32_t lists = at[nm] & ~done;
			if (!lists)
				continue;
			done |= lists;
			size_t e = ends[nm];
			if (e == i + 1) {
				marks[i].u |= lists;
			} else {
				marks[i].b |= lists;
				for (size_t k = i + 1; k + 1 < e; k++)
					marks[k].i |= lists;
				marks[e - 1].l |= lists;
			}
		}
	}
}

/* Serialised form: "GAZ1", nlists, slot count (u64), names, slots. */
void gaz_write(const struct gazetteer *g, struct buf *b)
{
	uint32_t head[2] = { 0x315A4147u /* "GAZ1" */, g->nlists };
	uint64_t nslots = g->mask + 1, used = g->n;
	buf_add(b, (const char *)head, sizeof head);
	buf_add(b, (const char *)&nslots, sizeof nslots);
	buf_add(b, (const char *)&used, sizeof used);
	buf_add(b, (const char *)g->names, sizeof g->names);
	buf_add(b, (const char *)g->slot, nslots * sizeof *g->slot);
}

size_t gaz_view(struct gazetteer *g, const void *data, size_t len)
{
	const char *p = data;
	uint32_t head[2];
	uint64_t nslots, used;
	size_t fixed = sizeof head + 2 * sizeof nslots + sizeof g->names;
	if (len < fixed)
		goto bad;
	memcpy(head, p, sizeof head);
	memcpy(&nslots, p + 8, 8);
	memcpy(&used, p + 16, 8);
	if (head[0] != 0x315A4147u || head[1] > GAZ_MAX_LISTS || nslots == 0 ||
	    (nslots & (nslots - 1)) || used >= nslots ||
	    nslots > (len - fixed) / sizeof(struct gaz_slot))
		goto bad;
	/* every probe must end at an empty slot: count them */
	const struct gaz_slot *sl = (const struct gaz_slot *)(const void *)(p + fixed);
	uint64_t full = 0;
	for (uint64_t i = 0; i < nslots; i++)
		full += sl[i].key != 0;
	if (full != used)
		goto bad;
	memset(g, 0, sizeof *g);
	g->nlists = head[1];
	memcpy(g->names, p + 24, sizeof g->names);
	for (unsigned i = 0; i < GAZ_MAX_LISTS; i++)
		g->names[i][sizeof g->names[0] - 1] = '\0';
	g->slot = (struct gaz_slot *)(void *)(p + fixed);
	g->mask = nslots - 1;
	g->n = used;
	g->owned = 0;
	return fixed + nslots * sizeof(struct gaz_slot);
bad:
	err_set(_("malformed gazetteer in the model"));
	return 0;
}
