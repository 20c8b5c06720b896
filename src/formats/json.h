/*
 * json.h: a small, strict JSON reader (RFC 8259) for the readers of this
 * layer, so that reading JSON needs no database.
 *
 * One call parses one JSON text (a JSON Lines line, a type map) into a
 * tree whose nodes and decoded strings live in the parser's arena until
 * the next parse.  Beyond the grammar it refuses what a silent reader
 * would get wrong: a \u0000 escape (which would cut a C string short), a
 * lone surrogate escape (which would decode to invalid UTF-8), a key that
 * appears twice in one object (which would make one of the two values win
 * silently), and nesting deeper than JSON_MAX_DEPTH.  Each refusal names
 * the byte offset in the input and, inside an object, the member's key.
 *
 * The input must be valid UTF-8 (the line readers check it first, to name
 * the byte in the file); bytes above 0x7F are copied as they are.
 */
#ifndef NERVE_JSON_H
#define NERVE_JSON_H

#include <stddef.h>
#include <stdint.h>

enum json_type {
	JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT,
};

struct json_member;

/* A value.  Every pointer is borrowed from the parser. */
struct json {
	enum json_type type;
	size_t at;                  /* byte offset of the value in the input */
	union {
		struct {
			const char *s;      /* decoded, NUL-terminated (no NUL inside) */
			size_t len;         /* bytes */
		} str;
		struct {
			double d;
			int64_t i;          /* the value, when is_int */
			int is_int;         /* no fraction or exponent, and fits in 64 bits */
			const char *raw;    /* the number as written (not NUL-terminated) */
			size_t raw_len;
		} num;
		struct {
			const struct json *v;
			size_t n;
		} arr;
		struct {
			const struct json_member *v;    /* in the order of the input */
			size_t n;
		} obj;
	} u;
};

struct json_member {
	const char *key;            /* decoded, NUL-terminated */
	size_t key_len;
	size_t at;                  /* byte offset of the key in the input */
	struct json val;
};

enum json_error {
	JSON_OK,
	JSON_ESYNTAX,               /* not JSON */
	JSON_ENUL,                  /* a \u0000 escape */
	JSON_ESURROGATE,            /* a lone surrogate escape */
	JSON_EDUPLICATE,            /* a key twice in one object */
	JSON_EDEPTH,                /* nested too deeply */
};

enum { JSON_MAX_DEPTH = 256 };

/* Flags of json_parser_init(). */
enum {
	/* \u0000 and lone surrogates become U+FFFD instead of errors (as
	 * --replace-invalid does for bytes), so that offsets hold. */
	JSON_REPLACE_INVALID = 1,
};

/* A parser: an arena reused from parse to parse.  Embedded;
 * json_parser_init() before use, json_parser_finish() after. */
struct json_parser {
	unsigned flags;
	struct json_block *blocks;  /* private: the arena */
	enum json_error error;      /* of the last json_parse() */
	size_t error_at;            /* byte offset of the error in the input */
	char message[160];          /* what is wrong, in the user's terms: "\"text\":
	                               a \\u0000 (NUL) escape" */
};

void json_parser_init(struct json_parser *p, unsigned flags);
void json_parser_finish(struct json_parser *p);

/* Parse s[0..len), one JSON value with optional white space around it.
 * Returns the root (borrowed from p, valid until the next json_parse() or
 * json_parser_finish()), or NULL with p->error, p->error_at and
 * p->message set. */
const struct json *json_parse(struct json_parser *p, const char *s, size_t len);

/* The value of member key of object o (borrowed), or NULL when o is not
 * an object or has no such member. */
const struct json *json_get(const struct json *o, const char *key);

/* 1 when v is a string, 0 otherwise. */
static inline int json_is_string(const struct json *v)
{
	return v && v->type == JSON_STRING;
}

/* 1 when v is a number without fraction or exponent that fits in 64
 * bits, 0 otherwise. */
static inline int json_is_int(const struct json *v)
{
	return v && v->type == JSON_NUMBER && v->u.num.is_int;
}

#endif
