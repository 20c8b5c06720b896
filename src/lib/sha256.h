/*
 * sha256.h: SHA-256 (FIPS 180-4), for the fingerprint of each article's
 * normalised text that keeps a report from being stored twice.
 */
#ifndef NERVE_SHA256_H
#define NERVE_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* Incremental hashing state (embedded; sha256_init() before use). */
struct sha256 {
	uint32_t h[8];
	uint64_t total;          /* bytes hashed so far */
	unsigned char block[64];
	size_t fill;             /* bytes waiting in block */
};

void sha256_init(struct sha256 *c);
/* Hash len more bytes of data. */
void sha256_update(struct sha256 *c, const void *data, size_t len);
/* Finish: the 32-byte digest into out (c must be re-initialised before
 * further use). */
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* The digest of data[0..len) as 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
