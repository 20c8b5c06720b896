/*
 * test_hashmap.c: the one hash map (lib/hashmap.h) and the byte order
 * helpers: insertion, growth, the key 0, clearing, visiting, and a map
 * written and read back in place and by copy.  Links lib alone.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/byteorder.h"
#include "lib/hashmap.h"
#include "lib/util.h"
#include "tap.h"

/* Keys spread like hashes, and keys that all share one home slot. */
static uint64_t spread(uint64_t i)
{
	return (i + 1) * 0x9E3779B97F4A7C15ULL;
}

static uint64_t same_home(uint64_t i)
{
	return (i + 1) << 40;
}

static void test_put_get(uint64_t (*key)(uint64_t), size_t n)
{
	struct hmap m;
	hmap_init(&m, 0);
	for (size_t i = 0; i < n; i++) {
		int added = 0;
		uint64_t *v = hmap_put(&m, key(i), &added);
		CHECK(added);
		*v = i * 3;
	}
	CHECK_INT(m.n, n);
	CHECK(2 * m.n <= m.mask + 1);   /* at most half full after growing */
	size_t bad = 0;
	for (size_t i = 0; i < n; i++) {
		const uint64_t *v = hmap_get(&m, key(i));
		bad += !v || *v != i * 3;
	}
	CHECK_INT(bad, 0);
	CHECK(hmap_get(&m, key(n)) == NULL);
	/* putting a key again finds its value */
	int added = 1;
	uint64_t *v = hmap_put(&m, key(7), &added);
	CHECK(!added);
	CHECK_INT(*v, 21);
	CHECK_INT(m.n, n);
	hmap_finish(&m);
	CHECK(m.slot == NULL);
}

static void test_zero_key(void)
{
	struct hmap m;
	hmap_init(&m, 4);
	CHECK(hmap_get(&m, 0) == NULL);
	*hmap_put(&m, 0, NULL) = 42;
	CHECK(hmap_get(&m, 0) != NULL && *hmap_get(&m, 0) == 42);
	/* 0 is stored as 1: documented, and the same key */
	CHECK(hmap_get(&m, 1) != NULL && *hmap_get(&m, 1) == 42);
	CHECK_INT(m.n, 1);
	hmap_finish(&m);
}

static void test_clear_next(void)
{
	struct hmap m;
	hmap_init(&m, 100);
	size_t slots = m.mask + 1;
	CHECK(slots >= 200);
	for (uint64_t i = 0; i < 100; i++)
		*hmap_put(&m, spread(i), NULL) = i;
	CHECK_INT(m.mask + 1, slots);   /* sized for 100: no growth */
	size_t pos = 0, seen = 0;
	uint64_t sum = 0;
	const struct hmap_slot *s;
	while ((s = hmap_next(&m, &pos))) {
		seen++;
		sum += s->val;
	}
	CHECK_INT(seen, 100);
	CHECK_INT(sum, 99 * 100 / 2);
	hmap_clear(&m);
	CHECK_INT(m.n, 0);
	CHECK(hmap_get(&m, spread(5)) == NULL);
	pos = 0;
	CHECK(hmap_next(&m, &pos) == NULL);
	*hmap_put(&m, spread(5), NULL) = 9;
	CHECK(*hmap_get(&m, spread(5)) == 9);
	hmap_finish(&m);

	/* a map never initialised reads as empty and grows on first put */
	struct hmap z = { 0 };
	CHECK(hmap_get(&z, 3) == NULL);
	*hmap_put(&z, 3, NULL) = 1;
	CHECK(*hmap_get(&z, 3) == 1);
	hmap_finish(&z);
}

static void test_write_read(void)
{
	struct hmap m;
	hmap_init(&m, 0);
	for (uint64_t i = 0; i < 1000; i++)
		*hmap_put(&m, spread(i), NULL) = i ^ 0xABCDEF0123ULL;
	struct buf b = BUF_INIT;
	buf_add(&b, "12345678", 8);   /* something before, as in a model */
	hmap_write(&m, &b);
	CHECK_INT(b.len, 8 + 16 + 16 * (m.mask + 1));
	/* the numbers are little endian, whatever the machine */
	CHECK_INT(get_le64(b.data + 8), m.mask + 1);
	CHECK_INT(get_le64(b.data + 16), 1000);
	/* an aligned copy, as the model loader has */
	uint64_t *al = xmalloc(b.len);
	memcpy(al, b.data, b.len);

	struct hmap v, c;
	size_t used = hmap_view(&v, (char *)al + 8, b.len - 8);
	CHECK_INT(used, b.len - 8);
	CHECK(v.owned == !host_is_le());
	used = hmap_load(&c, (char *)al + 8, b.len - 8);
	CHECK_INT(used, b.len - 8);
	CHECK(c.owned);
	size_t bad = 0;
	for (uint64_t i = 0; i < 1000; i++) {
		const uint64_t *a = hmap_get(&v, spread(i)), *d = hmap_get(&c, spread(i));
		bad += !a || !d || *a != (i ^ 0xABCDEF0123ULL) || *d != *a;
	}
	CHECK_INT(bad, 0);
	CHECK(hmap_get(&v, spread(1000)) == NULL);
	/* a viewed map is copied before it changes: the bytes stay */
	char *before = xmalloc(b.len);
	memcpy(before, al, b.len);
	*hmap_put(&v, spread(2000), NULL) = 5;
	CHECK(v.owned);
	CHECK(memcmp(before, al, b.len) == 0);
	CHECK(*hmap_get(&v, spread(2000)) == 5 && *hmap_get(&v, spread(3)) == (3 ^ 0xABCDEF0123ULL));
	hmap_finish(&v);
	hmap_finish(&c);

	/* damaged: a slot count that is no power of two, too short, a key
	 * count that does not match the slots */
	char *p = (char *)al + 8;
	size_t len = b.len - 8;
	put_le64(p, 3);
	CHECK(hmap_view(&v, p, len) == 0);
	memcpy(al, before, b.len);
	CHECK(hmap_view(&v, p, 100) == 0);
	put_le64(p + 8, 999);
	CHECK(hmap_load(&c, p, len) == 0);
	memcpy(al, before, b.len);
	/* a full table (no empty slot would end a probe) is refused */
	put_le64(p + 8, get_le64(p));
	CHECK(hmap_view(&v, p, len) == 0);

	free(before);
	free(al);
	buf_free(&b);
	hmap_finish(&m);
}

static void test_byteorder(void)
{
	unsigned char b[8];
	put_le32(b, 0x01020304u);
	CHECK(b[0] == 4 && b[1] == 3 && b[2] == 2 && b[3] == 1);
	CHECK_INT(get_le32(b), 0x01020304u);
	put_le64(b, 0x0102030405060708ULL);
	CHECK(b[0] == 8 && b[7] == 1);
	CHECK(get_le64(b) == 0x0102030405060708ULL);
}

static void test_hash(void)
{
	/* FNV-1a: published values */
	CHECK(hmap_hash("", 0) == 0xCBF29CE484222325ULL);
	CHECK(hmap_hash("a", 1) == 0xAF63DC4C8601EC8CULL);
	CHECK(hmap_hash("foobar", 6) == 0x85944171F73967E8ULL);
}

int main(void)
{
	test_put_get(spread, 10000);
	test_put_get(same_home, 300);   /* one long probe chain */
	test_zero_key();
	test_clear_next();
	test_write_read();
	test_byteorder();
	test_hash();
	return tap_status();
}
