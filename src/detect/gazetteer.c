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

#include "lib/byteorder.h"
#include "lib/util.h"

#define PREFIX_BIT 0x80000000u
#define SEQ_SEED 0x6A09E667F3BCC909ULL

/* The two halves of a table value (see gazetteer.h). */
static inline uint32_t cap_lists(uint64_t v) { return (uint32_t)v; }
static inline uint32_t any_lists(uint64_t v) { return (uint32_t)(v >> 32); }

void gaz_init(struct gazetteer *g)
{
	memset(g, 0, sizeof *g);
	hmap_init(&g->table, 1024);
}

void gaz_finish(struct gazetteer *g)
{
	hmap_finish(&g->table);
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
		uint64_t *v = hmap_put(&g->table, h, NULL);
		if (i + 1 < toks->n)
			*v |= (uint64_t)PREFIX_BIT << 32;
		else if (toks->v[0].flags & TOKF_UPPER_INIT)
			*v |= 1u << list;
		else
			*v |= (uint64_t)(1u << list) << 32;
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
	if (j <= i || j - i > GAZ_MAX_TOKENS || g->table.n == 0)
		return 0;
	uint64_t h = SEQ_SEED;
	const uint64_t *v = NULL;
	for (size_t k = i; k < j; k++) {
		h = nonzero(tok_mix(h, t->v[k].hw));
		v = hmap_get(&g->table, h);
		if (!v)
			return 0;
	}
	uint32_t lists = any_lists(*v) & ~PREFIX_BIT;
	if (capitalised(&t->v[i]))
		lists |= cap_lists(*v);
	return lists;
}

void gaz_match(const struct gazetteer *g, const struct tokens *t, struct gaz_marks *marks)
{
	memset(marks, 0, t->n * sizeof *marks);
	if (g->table.n == 0)
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
			const uint64_t *v = hmap_get(&g->table, h);
			if (!v)
				break;
			uint32_t lists = (any_lists(*v) & ~PREFIX_BIT) | (cap ? cap_lists(*v) : 0);
			if (lists) {
				ends[nm] = j + 1;
				at[nm++] = lists;
				seen |= lists;
			}
			if (!(any_lists(*v) & PREFIX_BIT))
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

/* Serialised form: "GAZ1", the list count (little-endian 32-bit
 * numbers), the list names (32 bytes each), the table (hmap_write). */
#define GAZ_MAGIC 0x315A4147u   /* "GAZ1" */

void gaz_write(const struct gazetteer *g, struct buf *b)
{
	unsigned char head[8];
	put_le32(head, GAZ_MAGIC);
	put_le32(head + 4, g->nlists);
	buf_add(b, (const char *)head, sizeof head);
	buf_add(b, (const char *)g->names, sizeof g->names);
	hmap_write(&g->table, b);
}

size_t gaz_view(struct gazetteer *g, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t fixed = 8 + sizeof g->names;
	if (len < fixed || get_le32(p) != GAZ_MAGIC || get_le32(p + 4) > GAZ_MAX_LISTS)
		goto bad;
	memset(g, 0, sizeof *g);
	size_t used = hmap_view(&g->table, p + fixed, len - fixed);
	if (!used)
		goto bad;
	g->nlists = get_le32(p + 4);
	memcpy(g->names, p + 8, sizeof g->names);
	for (unsigned i = 0; i < GAZ_MAX_LISTS; i++)
		g->names[i][sizeof g->names[0] - 1] = '\0';
	return fixed + used;
bad:
	err_set(_("malformed gazetteer in the model"));
	return 0;
}
