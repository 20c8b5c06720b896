/*
 * json.c: the strict JSON reader of the formats (see json.h).
 *
 * A recursive descent over the bytes.  Nodes and decoded strings are
 * bump-allocated from an arena of blocks; the members of an array or
 * object being read wait on a stack and move into the arena, all at
 * once, when it closes, so that each array is one contiguous run.
 */
#include "config.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

/* ---- the arena ---------------------------------------------------------- */

struct json_block {
	struct json_block *next;
	size_t used, size;
	_Alignas(max_align_t) unsigned char data[];
};

enum { BLOCK_SIZE = 64 * 1024 };

static void *arena_alloc(struct json_parser *p, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct json_block *b = p->blocks;
	if (!b || b->size - b->used < n) {
		size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		struct json_block *nb = xmalloc(sizeof *nb + size);
		nb->used = 0;
		nb->size = size;
		if (b && size > BLOCK_SIZE) {
			/* a big one of its own: keep filling the current block */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			p->blocks = nb;
		}
		b = nb;
	}
	void *r = b->data + b->used;
	b->used += n;
	return r;
}

/* Free every block but the first one of the standard size, ready for
 * the next parse. */
static void arena_reset(struct json_parser *p)
{
	struct json_block *keep = NULL, *b = p->blocks;
	while (b) {
		struct json_block *next = b->next;
		if (!keep && b->size == BLOCK_SIZE) {
			keep = b;
			keep->used = 0;
			keep->next = NULL;
		} else {
			free(b);
		}
		b = next;
	}
	p->blocks = keep;
}

void json_parser_init(struct json_parser *p, unsigned flags)
{
	memset(p, 0, sizeof *p);
	p->flags = flags;
}

void json_parser_finish(struct json_parser *p)
{
	while (p->blocks) {
		struct json_block *next = p->blocks->next;
		free(p->blocks);
		p->blocks = next;
	}
}

/* ---- parsing ------------------------------------------------------------ */

/* The state of one parse. */
struct reader {
	struct json_parser *p;
	const unsigned char *s;
	size_t len, i;
	int depth;
	const char *key;            /* of the member being read, for messages */
	/* the members of the open arrays and objects, innermost last */
	struct json *vals;
	size_t nvals, capvals;
	struct json_member *mems;
	size_t nmems, capmems;
};

static int fail(struct reader *r, enum json_error e, size_t at, const char *what)
{
	struct json_parser *p = r->p;
	if (p->error != JSON_OK)
		return -1;      /* the first error stands */
	p->error = e;
	p->error_at = at;
	if (r->key)
		snprintf(p->message, sizeof p->message, "\"%.60s\": %s", r->key, what);
	else
		snprintf(p->message, sizeof p->message, "%s", what);
	return -1;
}

static void skip_space(struct reader *r)
{
	while (r->i < r->len) {
		unsigned char c = r->s[r->i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		r->i++;
	}
}

static int hex4(const unsigned char *s, unsigned *out)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		unsigned c = s[k], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static size_t put_utf8(char *o, unsigned c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3F));
	o[2] = (char)(0x80 | (c >> 6 & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* The first byte at or after i that a string must look at (a quote, a
 * backslash or a control character), or a little before it: eight bytes
 * at a time, since report texts are long runs of plain bytes. */
static size_t skip_plain(const unsigned char *s, size_t i, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	while (i < len && len - i >= 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
		/* a byte of zero in q or b, or a byte below 0x20 in x (high bit
		 * clear, so bytes of UTF-8 sequences do not count) */
		uint64_t hit = ((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x);
		if (hit & highs)
			break;
		i += 8;
	}
	return i;
}

/* A string at r->i (its opening quote): decoded into the arena. */
static int parse_string(struct reader *r, const char **out, size_t *out_len)
{
	size_t open = r->i++;
	/* find the end first: the decoded string is never longer */
	size_t j = r->i;
	while ((j = skip_plain(r->s, j, r->len)) < r->len && r->s[j] != '"') {
		if (r->s[j] < 0x20)
			return fail(r, JSON_ESYNTAX, j, _("a control character inside a string"));
		j += r->s[j] == '\\' ? 2 : 1;
	}
	if (j >= r->len)
		return fail(r, JSON_ESYNTAX, open, _("a string that does not end"));
	char *o = arena_alloc(r->p, j - r->i + 1);
	size_t n = 0;
	while (r->i < j) {
		/* runs without escapes in one go */
		const unsigned char *bs = memchr(r->s + r->i, '\\', j - r->i);
		size_t run = bs ? (size_t)(bs - (r->s + r->i)) : j - r->i;
		memcpy(o + n, r->s + r->i, run);
		n += run;
		r->i += run;
		if (r->i >= j)
			break;
		size_t esc = r->i;
		unsigned char c = r->s[r->i + 1];
		r->i += 2;
		switch (c) {
		case '"': o[n++] = '"'; continue;
		case '\\': o[n++] = '\\'; continue;
		case '/': o[n++] = '/'; continue;
		case 'b': o[n++] = '\b'; continue;
		case 'f': o[n++] = '\f'; continue;
		case 'n': o[n++] = '\n'; continue;
		case 'r': o[n++] = '\r'; continue;
		case 't': o[n++] = '\t'; continue;
		case 'u': break;
		default:
			return fail(r, JSON_ESYNTAX, esc, _("an unknown escape"));
		}
		unsigned u;
		if (j - r->i < 4 || hex4(r->s + r->i, &u) < 0)
			return fail(r, JSON_ESYNTAX, esc, _("a \\u escape without four hex digits"));
		r->i += 4;
		int replace = r->p->flags & JSON_REPLACE_INVALID;
		if (u >= 0xD800 && u <= 0xDBFF) {
			unsigned lo;
			if (j - r->i >= 6 && r->s[r->i] == '\\' && r->s[r->i + 1] == 'u' &&
			    hex4(r->s + r->i + 2, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
				r->i += 6;
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			} else if (replace) {
				u = 0xFFFD;
			} else {
				char what[80];
				snprintf(what, sizeof what, _("a lone surrogate \\u%.4s"),
				         (const char *)r->s + esc + 2);
				return fail(r, JSON_ESURROGATE, esc, what);
			}
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			if (!replace) {
				char what[80];
				snprintf(what, sizeof what, _("a lone surrogate \\u%.4s"),
				         (const char *)r->s + esc + 2);
				return fail(r, JSON_ESURROGATE, esc, what);
			}
			u = 0xFFFD;
		} else if (u == 0) {
			if (!replace)
				return fail(r, JSON_ENUL, esc, _("a \\u0000 (NUL) escape"));
			u = 0xFFFD;
		}
		n += put_utf8(o + n, u);
	}
	o[n] = '\0';
	r->i = j + 1;
	*out = o;
	*out_len = n;
	return 0;
}

static int parse_number(struct reader *r, struct json *v)
{
	size_t a = r->i, i = a;
	const unsigned char *s = r->s;
	int is_int = 1;
	if (i < r->len && s[i] == '-')
		i++;
	if (i < r->len && s[i] == '0') {
		i++;
	} else if (i < r->len && s[i] >= '1' && s[i] <= '9') {
		while (i < r->len && s[i] >= '0' && s[i] <= '9')
			i++;
	} else {
		return fail(r, JSON_ESYNTAX, a, _("not a value"));
	}
	if (i < r->len && s[i] == '.') {
		is_int = 0;
		if (++i >= r->len || s[i] < '0' || s[i] > '9')
			return fail(r, JSON_ESYNTAX, a, _("a number without digits after '.'"));
		while (i < r->len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < r->len && (s[i] == 'e' || s[i] == 'E')) {
		is_int = 0;
		i++;
		if (i < r->len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= r->len || s[i] < '0' || s[i] > '9')
			return fail(r, JSON_ESYNTAX, a, _("a number without an exponent"));
		while (i < r->len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	v->type = JSON_NUMBER;
	v->u.num.raw = (const char *)s + a;
	v->u.num.raw_len = i - a;
	v->u.num.i = 0;
	if (is_int) {
		/* exact, with overflow checked: -9223372036854775808 fits */
		int neg = s[a] == '-';
		uint64_t m = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
		for (size_t k = a + (size_t)neg; k < i && is_int; k++) {
			unsigned d = s[k] - '0';
			if (m > (lim - d) / 10)
				is_int = 0;
			else
				m = m * 10 + d;
		}
		if (is_int)
			v->u.num.i = neg ? (m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m)
			                 : (int64_t)m;
	}
	v->u.num.is_int = is_int;
	char tmp[64], *num = tmp;
	if (i - a >= sizeof tmp)
		num = arena_alloc(r->p, i - a + 1);
	memcpy(num, s + a, i - a);
	num[i - a] = '\0';
	v->u.num.d = strtod(num, NULL);
	r->i = i;
	return 0;
}

static int parse_value(struct reader *r, struct json *v);

static int literal(struct reader *r, const char *word, enum json_type t, struct json *v)
{
	size_t n = strlen(word);
	if (r->len - r->i < n || memcmp(r->s + r->i, word, n) != 0)
		return fail(r, JSON_ESYNTAX, r->i, _("not a value"));
	r->i += n;
	v->type = t;
	return 0;
}

static int parse_array(struct reader *r, struct json *v)
{
	size_t base = r->nvals;
	r->i++;
	skip_space(r);
	if (r->i < r->len && r->s[r->i] == ']') {
		r->i++;
	} else {
		for (;;) {
			struct json e;
			if (parse_value(r, &e) < 0)
				return -1;
			r->vals = xgrow(r->vals, &r->capvals, r->nvals + 1, sizeof *r->vals);
			r->vals[r->nvals++] = e;
			skip_space(r);
			if (r->i < r->len && r->s[r->i] == ',') {
				r->i++;
				continue;
			}
			if (r->i < r->len && r->s[r->i] == ']') {
				r->i++;
				break;
			}
			return fail(r, JSON_ESYNTAX, r->i, _("expected ',' or ']'"));
		}
	}
	size_t n = r->nvals - base;
	struct json *out = NULL;
	if (n) {
		out = arena_alloc(r->p, n * sizeof *out);
		memcpy(out, r->vals + base, n * sizeof *out);
	}
	r->nvals = base;
	v->type = JSON_ARRAY;
	v->u.arr.v = out;
	v->u.arr.n = n;
	return 0;
}

static int cmp_member(const void *a, const void *b)
{
	const struct json_member *x = *(const struct json_member *const *)a;
	const struct json_member *y = *(const struct json_member *const *)b;
	size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	if (x->key_len != y->key_len)
		return x->key_len < y->key_len ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

static int same_key(const struct json_member *x, const struct json_member *y)
{
	return x->key_len == y->key_len && memcmp(x->key, y->key, x->key_len) == 0;
}

static int duplicate(struct reader *r, const struct json_member *m)
{
	char what[120];
	snprintf(what, sizeof what, _("the key \"%.60s\" appears twice"), m->key);
	const char *saved = r->key;
	r->key = NULL;
	fail(r, JSON_EDUPLICATE, m->at, what);
	r->key = saved;
	return -1;
}

/* Refuse an object in which a key appears twice: the second one is
 * named. */
static int check_keys(struct reader *r, const struct json_member *v, size_t n)
{
	if (n <= 16) {
		for (size_t i = 1; i < n; i++)
			for (size_t k = 0; k < i; k++)
				if (same_key(&v[i], &v[k]))
					return duplicate(r, &v[i]);
		return 0;
	}
	const struct json_member **sorted = xmalloc(n * sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = &v[i];
	qsort(sorted, n, sizeof *sorted, cmp_member);
	int rc = 0;
	for (size_t i = 1; i < n && rc == 0; i++)
		if (same_key(sorted[i - 1], sorted[i]))
			rc = duplicate(r, sorted[i]);
	free(sorted);
	return rc;
}

static int parse_object(struct reader *r, struct json *v)
{
	size_t base = r->nmems;
	const char *outer = r->key;
	r->i++;
	skip_space(r);
	if (r->i < r->len && r->s[r->i] == '}') {
		r->i++;
	} else {
		for (;;) {
			struct json_member m;
			skip_space(r);
			if (r->i >= r->len || r->s[r->i] != '"')
				return fail(r, JSON_ESYNTAX, r->i, _("expected a key"));
			m.at = r->i;
			if (parse_string(r, &m.key, &m.key_len) < 0)
				return -1;
			skip_space(r);
			if (r->i >= r->len || r->s[r->i] != ':')
				return fail(r, JSON_ESYNTAX, r->i, _("expected ':'"));
			r->i++;
			r->key = m.key;
			if (parse_value(r, &m.val) < 0)
				return -1;
			r->key = outer;
			r->mems = xgrow(r->mems, &r->capmems, r->nmems + 1, sizeof *r->mems);
			r->mems[r->nmems++] = m;
			skip_space(r);
			if (r->i < r->len && r->s[r->i] == ',') {
				r->i++;
				continue;
			}
			if (r->i < r->len && r->s[r->i] == '}') {
				r->i++;
				break;
			}
			return fail(r, JSON_ESYNTAX, r->i, _("expected ',' or '}'"));
		}
	}
	size_t n = r->nmems - base;
	if (n && check_keys(r, r->mems + base, n) < 0) /* (r->mems is NULL while none) */
		return -1;
	struct json_member *out = NULL;
	if (n) {
		out = arena_alloc(r->p, n * sizeof *out);
		memcpy(out, r->mems + base, n * sizeof *out);
	}
	r->nmems = base;
	v->type = JSON_OBJECT;
	v->u.obj.v = out;
	v->u.obj.n = n;
	return 0;
}

static int parse_value(struct reader *r, struct json *v)
{
	skip_space(r);
	memset(v, 0, sizeof *v);
	v->at = r->i;
	if (r->i >= r->len)
		return fail(r, JSON_ESYNTAX, r->i, _("a value is missing"));
	int rc;
	switch (r->s[r->i]) {
	case '{':
	case '[':
		if (r->depth >= JSON_MAX_DEPTH) {
			char what[80];
			snprintf(what, sizeof what, _("nested more than %d deep"), JSON_MAX_DEPTH);
			return fail(r, JSON_EDEPTH, r->i, what);
		}
		r->depth++;
		rc = r->s[r->i] == '{' ? parse_object(r, v) : parse_array(r, v);
		r->depth--;
		return rc;
	case '"':
		v->type = JSON_STRING;
		return parse_string(r, &v->u.str.s, &v->u.str.len);
	case 't':
		return literal(r, "true", JSON_TRUE, v);
	case 'f':
		return literal(r, "false", JSON_FALSE, v);
	case 'n':
		return literal(r, "null", JSON_NULL, v);
	default:
		return parse_number(r, v);
	}
}

const struct json *json_parse(struct json_parser *p, const char *s, size_t len)
{
	arena_reset(p);
	p->error = JSON_OK;
	p->error_at = 0;
	p->message[0] = '\0';
	struct reader r = { 0 };
	r.p = p;
	r.s = (const unsigned char *)s;
	r.len = len;
	struct json *root = arena_alloc(p, sizeof *root);
	int rc = parse_value(&r, root);
	if (rc == 0) {
		skip_space(&r);
		if (r.i < r.len)
			rc = fail(&r, JSON_ESYNTAX, r.i, _("more after the value"));
	}
	free(r.vals);
	free(r.mems);
	return rc == 0 ? root : NULL;
}

const struct json *json_get(const struct json *o, const char *key)
{
	if (!o || o->type != JSON_OBJECT)
		return NULL;
	size_t n = strlen(key);
	for (size_t i = 0; i < o->u.obj.n; i++) {
		const struct json_member *m = &o->u.obj.v[i];
		if (m->key_len == n && memcmp(m->key, key, n) == 0)
			return &m->val;
	}
	return NULL;
}
