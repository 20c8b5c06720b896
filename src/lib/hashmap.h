/*
 * hashmap.h: the one hash map of nerve: 64-bit keys to 64-bit values,
 * open addressing with linear probing, at most half full.
 *
 * Keys are hashes already (the detector hashes every token once, and
 * hmap_hash() turns a string into a key), so a key's home slot is its low
 * bits and no further mixing is done.  The key 0 marks an empty slot: a
 * key of 0 is stored as 1 (for a hash, one clash more in 2^64).  Values
 * are whatever the user packs into 64 bits (a count, an index, two
 * 32-bit bit sets); a key not yet in the map reads as absent.
 *
 * A map can be written into a file (hmap_write, little endian) and used
 * in place from the file's bytes (hmap_view), so that a model loads in
 * the time it takes to read it; such a viewed map is read-only until the
 * first hmap_put(), which copies it.
 *
 * Embedded: hmap_init() or hmap_view(), then hmap_finish().
 */
#ifndef NERVE_HASHMAP_H
#define NERVE_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

struct buf;

struct hmap_slot {
	uint64_t key;           /* 0: empty */
	uint64_t val;
};

struct hmap {
	struct hmap_slot *slot;
	size_t mask;            /* slots - 1 (slots: a power of two, at least 2 n) */
	size_t n;               /* keys held */
	int owned;              /* slot is owned (else it points into a file) */
};

/* An empty map sized for 'expect' keys without growing (0: a few). */
void hmap_init(struct hmap *m, size_t expect);
/* Release what m owns and leave it empty (not usable until hmap_init). */
void hmap_finish(struct hmap *m);
/* Forget every key, keeping the slots (owned maps only). */
void hmap_clear(struct hmap *m);

static inline uint64_t hmap_key(uint64_t key)
{
	return key ? key : 1;
}

/* The value of key, or NULL when it is not there.  Borrowed: valid until
 * the next hmap_put() or hmap_finish(). */
static inline uint64_t *hmap_get(const struct hmap *m, uint64_t key)
{
	key = hmap_key(key);
	if (!m->slot)
		return NULL;
	for (size_t j = key & m->mask;; j = (j + 1) & m->mask) {
		struct hmap_slot *s = &m->slot[j];
		if (s->key == key)
			return &s->val;
		if (!s->key)
			return NULL;
	}
}

/* Fetch the cache line of key's home slot ahead of an hmap_get(). */
static inline void hmap_prefetch(const struct hmap *m, uint64_t key)
{
#ifdef __GNUC__
	__builtin_prefetch(&m->slot[hmap_key(key) & m->mask]);
#else
	(void)m;
	(void)key;
#endif
}

/* The value of key, inserting it with the value 0 when new (*added
 * tells which; may be NULL).  Grows the map (and copies a viewed one);
 * the pointer is borrowed as for hmap_get(). */
uint64_t *hmap_put(struct hmap *m, uint64_t key, int *added);

/* Visit the keys: start with *pos = 0; each call returns the next used
 * slot (in slot order, the same on every run) or NULL at the end. */
const struct hmap_slot *hmap_next(const struct hmap *m, size_t *pos);

/* Append m to b: slot count and key count, then every slot's key and
 * value, all little-endian 64-bit numbers (16 + 16 * slots bytes). */
void hmap_write(const struct hmap *m, struct buf *b);
/* Read what hmap_write() wrote from data[0..len) (8-byte aligned, and
 * alive as long as m when viewed in place): hmap_view() uses the bytes
 * in place where the machine is little endian, hmap_load() always copies.
 * Both return the bytes used, or 0 when the data is not a map (no
 * message set: the caller names what it was reading). */
size_t hmap_view(struct hmap *m, const void *data, size_t len);
size_t hmap_load(struct hmap *m, const void *data, size_t len);

/* A key for a string: FNV-1a over its bytes. */
uint64_t hmap_hash(const void *s, size_t len);

#endif
