/*
 * hashmap.c: open addressing with linear probing (see hashmap.h).
 */
#include "config.h"
#include "hashmap.h"

#include <stdlib.h>
#include <string.h>

#include "byteorder.h"
#include "util.h"

enum { HMAP_MIN_SLOTS = 16 };

/* The slot count for n keys: a power of two, at least twice n. */
static size_t slots_for(size_t n)
{
	size_t s = HMAP_MIN_SLOTS;
	while (s < 2 * n + 2)
		s *= 2;
	return s;
}

void hmap_init(struct hmap *m, size_t expect)
{
	size_t s = slots_for(expect);
	m->slot = xcalloc(s, sizeof *m->slot);
	m->mask = s - 1;
	m->n = 0;
	m->owned = 1;
}

void hmap_finish(struct hmap *m)
{
	if (m->owned)
		free(m->slot);
	memset(m, 0, sizeof *m);
}

void hmap_clear(struct hmap *m)
{
	if (m->slot && m->owned)
		memset(m->slot, 0, (m->mask + 1) * sizeof *m->slot);
	m->n = 0;
}

/* Move every key into a new table of s slots (owned). */
static void rehash(struct hmap *m, size_t s)
{
	struct hmap_slot *ns = xcalloc(s, sizeof *ns);
	for (size_t i = 0; m->slot && i <= m->mask; i++) {
		if (!m->slot[i].key)
			continue;
		size_t j = m->slot[i].key & (s - 1);
		while (ns[j].key)
			j = (j + 1) & (s - 1);
		ns[j] = m->slot[i];
	}
	if (m->owned)
		free(m->slot);
	m->slot = ns;
	m->mask = s - 1;
	m->owned = 1;
}

uint64_t *hmap_put(struct hmap *m, uint64_t key, int *added)
{
	key = hmap_key(key);
	if (!m->slot)
		rehash(m, slots_for(0));
	else if (!m->owned)
		rehash(m, m->mask + 1);
	/* at most half full: probes stay short */
	if (2 * (m->n + 1) > m->mask + 1)
		rehash(m, 2 * (m->mask + 1));
	size_t j = key & m->mask;
	while (m->slot[j].key && m->slot[j].key != key)
		j = (j + 1) & m->mask;
	int fresh = !m->slot[j].key;
	if (fresh) {
		m->slot[j].key = key;
		m->slot[j].val = 0;
		m->n++;
	}
	if (added)
		*added = fresh;
	return &m->slot[j].val;
}

const struct hmap_slot *hmap_next(const struct hmap *m, size_t *pos)
{
	for (size_t i = *pos; m->slot && i <= m->mask; i++) {
		if (m->slot[i].key) {
			*pos = i + 1;
			return &m->slot[i];
		}
	}
	*pos = m->slot ? m->mask + 1 : 0;
	return NULL;
}

void hmap_write(const struct hmap *m, struct buf *b)
{
	size_t slots = m->slot ? m->mask + 1 : 0;
	unsigned char head[16];
	put_le64(head, slots);
	put_le64(head + 8, m->n);
	buf_add(b, (const char *)head, sizeof head);
	if (host_is_le()) {
		buf_add(b, (const char *)m->slot, slots * sizeof *m->slot);
		return;
	}
	for (size_t i = 0; i < slots; i++) {
		unsigned char s[16];
		put_le64(s, m->slot[i].key);
		put_le64(s + 8, m->slot[i].val);
		buf_add(b, (const char *)s, sizeof s);
	}
}

/* The slot count of a written map at data, or 0 when it is not one:
 * a power of two, room for it in len, more slots than keys (every probe
 * ends at an empty slot) and exactly n keys in them. */
static size_t check(const unsigned char *p, size_t len, size_t *n)
{
	if (len < 16)
		return 0;
	uint64_t slots = get_le64(p), used = get_le64(p + 8);
	if (slots == 0 || (slots & (slots - 1)) || used >= slots || slots > (len - 16) / 16)
		return 0;
	uint64_t full = 0;
	for (uint64_t i = 0; i < slots; i++)
		full += get_le64(p + 16 + 16 * i) != 0;
	if (full != used)
		return 0;
	*n = (size_t)used;
	return (size_t)slots;
}

size_t hmap_load(struct hmap *m, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t n, slots = check(p, len, &n);
	if (!slots)
		return 0;
	m->slot = xmalloc(slots * sizeof *m->slot);
	for (size_t i = 0; i < slots; i++) {
		m->slot[i].key = get_le64(p + 16 + 16 * i);
		m->slot[i].val = get_le64(p + 24 + 16 * i);
	}
	m->mask = slots - 1;
	m->n = n;
	m->owned = 1;
	return 16 + 16 * slots;
}

size_t hmap_view(struct hmap *m, const void *data, size_t len)
{
	if (!host_is_le() || ((uintptr_t)data & 7))
		return hmap_load(m, data, len);
	const unsigned char *p = data;
	size_t n, slots = check(p, len, &n);
	if (!slots)
		return 0;
	m->slot = (struct hmap_slot *)(void *)(p + 16);
	m->mask = slots - 1;
	m->n = n;
	m->owned = 0;
	return 16 + 16 * slots;
}

uint64_t hmap_hash(const void *s, size_t len)
{
	const unsigned char *p = s;
	uint64_t h = 0xCBF29CE484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001B3ULL;
	}
	return h;
}
