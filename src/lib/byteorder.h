/*
 * byteorder.h: numbers in files in one explicit byte order (little
 * endian), whatever the machine's.
 *
 * The model file is written with these, so a model made on one machine
 * reads on any other; a machine whose own order is little endian may use
 * the file's arrays in place (host_is_le()), any other converts them.
 */
#ifndef NERVE_BYTEORDER_H
#define NERVE_BYTEORDER_H

#include <stdint.h>
#include <string.h>

/* 1 when the machine stores numbers least significant byte first. */
static inline int host_is_le(void)
{
	const uint16_t one = 1;
	unsigned char c;
	memcpy(&c, &one, 1);
	return c == 1;
}

static inline uint32_t get_le32(const void *p)
{
	const unsigned char *b = p;
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline uint64_t get_le64(const void *p)
{
	const unsigned char *b = p;
	return (uint64_t)get_le32(b) | (uint64_t)get_le32(b + 4) << 32;
}

static inline void put_le32(void *p, uint32_t v)
{
	unsigned char *b = p;
	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
	b[2] = (unsigned char)(v >> 16);
	b[3] = (unsigned char)(v >> 24);
}

static inline void put_le64(void *p, uint64_t v)
{
	unsigned char *b = p;
	put_le32(b, (uint32_t)v);
	put_le32(b + 4, (uint32_t)(v >> 32));
}

#endif
