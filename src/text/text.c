/*
 * text.c: UTF-8, graphemes, widths, normalisation and categories on top
 * of utf8proc (see text.h).
 */
#include "config.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lib/util.h"

#define REPLACEMENT 0xFFFD

/* Length of the valid UTF-8 sequence at s[i], or 0 if invalid. */
static size_t seq_len(const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = s[i];
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		if (i + 1 < len && (s[i + 1] & 0xC0) == 0x80)
			return 2;
		return 0;
	}
	if (c < 0xF0) {
		if (i + 2 >= len || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[i + 1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[i + 1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c < 0xF5) {
		if (i + 3 >= len || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
		    (s[i + 3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[i + 1] < 0x90)
			return 0; /* overlong */
		if (c == 0xF4 && s[i + 1] >= 0x90)
			return 0; /* above U+10FFFF */
		return 4;
	}
	return 0;
}

int32_t text_decode(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t k = *i;
	unsigned char c = s[k];
	if (c < 0x80) {
		*i = k + 1;
		return c;
	}
	size_t n = seq_len(s, len, k);
	switch (n) {
	case 2:
		*i = k + 2;
		return ((int32_t)(c & 0x1F) << 6) | (s[k + 1] & 0x3F);
	case 3:
		*i = k + 3;
		return ((int32_t)(c & 0x0F) << 12) | ((int32_t)(s[k + 1] & 0x3F) << 6) |
		       (s[k + 2] & 0x3F);
	case 4:
		*i = k + 4;
		return ((int32_t)(c & 0x07) << 18) | ((int32_t)(s[k + 1] & 0x3F) << 12) |
		       ((int32_t)(s[k + 2] & 0x3F) << 6) | (s[k + 3] & 0x3F);
	default:
		*i = k + 1;
		return REPLACEMENT;
	}
}

size_t text_encode(int32_t c, char out[4])
{
	unsigned char *o = (unsigned char *)out;
	if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c < 0xE000))
		c = REPLACEMENT;
	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xC0 | (c >> 6));
		o[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (c >> 12));
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (c >> 18));
	o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

int text_valid(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		/* Skip ASCII eight bytes at a time. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = seq_len(s, len, i);
		if (n == 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

/* 1 if every byte of s is below 0xCC, i.e. every code point is below
 * U+0300: such text is already in NFC and has no combining marks. */
static int below_combining(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < len; i++)
		if (s[i] >= 0xCC)
			return 0;
	return 1;
}

/* Append the NFC form of the grapheme cluster g[0..n) (valid UTF-8). */
static void nfc_cluster(struct buf *out, const char *g, size_t n)
{
	utf8proc_int32_t stack[64];
	utf8proc_int32_t *cps = stack;
	utf8proc_ssize_t cap = (utf8proc_ssize_t)ARRAY_SIZE(stack);
	utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE;
	utf8proc_ssize_t k = utf8proc_decompose((const utf8proc_uint8_t *)g,
	                                        (utf8proc_ssize_t)n, cps, cap, opt);
	if (k > cap) {
		cps = xmalloc((size_t)k * sizeof *cps);
		cap = k;
		k = utf8proc_decompose((const utf8proc_uint8_t *)g, (utf8proc_ssize_t)n,
		                       cps, cap, opt);
	}
	if (k < 0) { /* cannot happen on valid input; keep the bytes */
		buf_add(out, g, n);
		goto out;
	}
	k = utf8proc_normalize_utf32(cps, k, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	for (utf8proc_ssize_t j = 0; j < k; j++) {
		char e[4];
		buf_add(out, e, text_encode(cps[j], e));
	}
out:
	if (cps != stack)
		free(cps);
}

char *text_clean(const char *s, size_t len, int replace_invalid,
                 size_t *out_len, size_t *bad, size_t **cpmap)
{
	struct buf a = BUF_INIT;   /* valid UTF-8, no BOM, LF line ends */
	size_t *map = NULL;
	size_t ncp = 0, i = 0, out_cp = 0;

	if (!replace_invalid) {
		size_t at;
		if (!text_valid(s, len, &at)) {
			if (bad)
				*bad = at;
			err_set(_("invalid UTF-8 at byte %zu"), at);
			return NULL;
		}
	}
	if (cpmap) {
		/* one entry per code point as text_decode() counts them: an
		 * invalid byte is one (text_cp_len() would undercount it) */
		size_t n = 0;
		for (size_t k = 0; k < len; n++) {
			size_t q = (unsigned char)s[k] < 0x80 ? 1 : seq_len((const unsigned char *)s, len, k);
			k += q ? q : 1;
		}
		map = xmalloc((n + 1) * sizeof *map);
	}
	buf_reserve(&a, len);
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		if (map)
			map[ncp++] = 0;
		i = 3;
	}
	while (i < len) {
		size_t run = i;
		/* Copy valid stretches without CR in one go when no map is kept. */
		if (!map) {
			while (run < len && (unsigned char)s[run] < 0x80 && s[run] != '\r')
				run++;
			if (run > i) {
				buf_add(&a, s + i, run - i);
				i = run;
				continue;
			}
		}
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') {
			if (map)
				map[ncp++] = out_cp; /* the CR maps to the LF */
			i++;
			continue;
		}
		size_t n = (unsigned char)s[i] < 0x80 ? 1 : seq_len((const unsigned char *)s, len, i);
		if (map)
			map[ncp++] = out_cp;
		out_cp++;
		if (n == 0) {
			buf_add(&a, "\xEF\xBF\xBD", 3);
			i++;
		} else {
			buf_add(&a, s + i, n);
			i += n;
		}
	}
	if (map)
		map[ncp] = out_cp;

	if (below_combining(a.data ? a.data : "", a.len)) {
		*out_len = a.len;
		if (cpmap)
			*cpmap = map;
		return buf_steal(&a);
	}

	/* NFC, one grapheme cluster at a time: composition never crosses a
	 * cluster boundary, so offsets at boundaries map exactly. */
	struct buf b = BUF_INIT;
	size_t *remap = NULL; /* cp offset in a -> cp offset in b, or -1 */
	if (map)
		remap = xmalloc((out_cp + 1) * sizeof *remap);
	buf_reserve(&b, a.len);
	size_t acp = 0, bcp = 0;
	const unsigned char *ua = (const unsigned char *)a.data;
	for (size_t p = 0; p < a.len;) {
		/* A run of ASCII (but CR) followed by more ASCII is a run of
		 * one-byte clusters, already NFC; the last ASCII character before
		 * a non-ASCII one may start a longer cluster, so it goes the slow
		 * way.  Most news text is mostly this. */
		size_t q = p;
		while (q + 1 < a.len && ua[q] < 0x80 && ua[q] != '\r' && ua[q + 1] < 0x80)
			q++;
		if (q > p) {
			buf_add(&b, a.data + p, q - p);
			if (remap)
				for (size_t k = 0; k < q - p; k++)
					remap[acp + k] = bcp + k;
			acp += q - p;
			bcp += q - p;
			p = q;
			continue;
		}
		size_t e = text_grapheme_end(a.data, a.len, p);
		size_t ncl = text_cp_len(a.data + p, e - p);
		int simple = below_combining(a.data + p, e - p);
		if (!simple && ncl == 1) {
			/* one code point without a canonical decomposition is NFC */
			size_t k = p;
			const utf8proc_property_t *prop = utf8proc_get_property(text_decode(a.data, a.len, &k));
			simple = prop->decomp_seqindex == UINT16_MAX || prop->decomp_type != 0;
		}
		size_t before = b.len;
		if (simple)
			buf_add(&b, a.data + p, e - p);
		else
			nfc_cluster(&b, a.data + p, e - p);
		if (remap) {
			remap[acp] = bcp;
			for (size_t k = 1; k < ncl; k++)
				remap[acp + k] = simple ? bcp + k : (size_t)-1;
		}
		acp += ncl;
		bcp += simple ? ncl : text_cp_len(b.data + before, b.len - before);
		p = e;
	}
	if (remap) {
		remap[acp] = bcp;
		for (size_t k = 0; k <= ncp; k++)
			map[k] = remap[map[k]];
		free(remap);
		*cpmap = map;
	}
	buf_free(&a);
	*out_len = b.len;
	return buf_steal(&b);
}

size_t text_cp_len(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

size_t text_cp_to_byte(const char *s, size_t len, size_t cp)
{
	size_t i = 0;
	while (i < len && cp > 0) {
		text_decode(s, len, &i);
		cp--;
	}
	return i;
}

size_t text_byte_to_cp(const char *s, size_t len, size_t b)
{
	return text_cp_len(s, b < len ? b : len);
}

size_t text_grapheme_end(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return len;
	utf8proc_int32_t state = 0;
	int32_t prev = text_decode(s, len, &i);
	while (i < len) {
		size_t j = i;
		int32_t c = text_decode(s, len, &j);
		if (utf8proc_grapheme_break_stateful(prev, c, &state))
			break;
		prev = c;
		i = j;
	}
	return i;
}

int text_is_grapheme_boundary(const char *s, size_t len, size_t b)
{
	if (b == 0 || b >= len)
		return 1;
	if (((unsigned char)s[b] & 0xC0) == 0x80)
		return 0;
	/* Walk clusters from a safe point: back up to the previous line end
	 * or at most 64 code points, then step forward. */
	size_t start = b, steps = 0;
	while (start > 0 && steps < 64 && s[start - 1] != '\n') {
		start--;
		if (((unsigned char)s[start] & 0xC0) != 0x80)
			steps++;
	}
	size_t p = start;
	while (p < b)
		p = text_grapheme_end(s, len, p);
	return p == b;
}

int text_cp_width(int32_t c)
{
	return utf8proc_charwidth(c);
}

int text_grapheme_width(const char *s, size_t len)
{
	size_t i = 0;
	int w = 0;
	while (i < len && w == 0) {
		int32_t c = text_decode(s, len, &i);
		w = utf8proc_charwidth(c);
	}
	return w;
}

int text_width(const char *s, size_t len)
{
	int w = 0;
	for (size_t i = 0; i < len; ) {
		size_t e = text_grapheme_end(s, len, i);
		w += text_grapheme_width(s + i, e - i);
		i = e > i ? e : i + 1;
	}
	return w;
}

static utf8proc_category_t cat(int32_t c)
{
	return utf8proc_category(c);
}

int text_is_letter(int32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	utf8proc_category_t k = cat(c);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

int text_is_upper(int32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	utf8proc_category_t k = cat(c);
	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

int text_is_lower(int32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return cat(c) == UTF8PROC_CATEGORY_LL;
}

int text_is_digit(int32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return cat(c) == UTF8PROC_CATEGORY_ND;
}

int text_is_number(int32_t c)
{
	utf8proc_category_t k = cat(c);
	return k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO;
}

int text_is_mark(int32_t c)
{
	utf8proc_category_t k = cat(c);
	return k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME;
}

int text_is_punct(int32_t c)
{
	utf8proc_category_t k = cat(c);
	return k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO;
}

int text_is_dash(int32_t c)
{
	return c == '-' || c == 0x2212 || cat(c) == UTF8PROC_CATEGORY_PD;
}

int text_is_space(int32_t c)
{
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	if (c < 0x80)
		return 0;
	utf8proc_category_t k = cat(c);
	return k >= UTF8PROC_CATEGORY_ZS && k <= UTF8PROC_CATEGORY_ZP;
}

int text_is_format(int32_t c)
{
	return c >= 0x80 && cat(c) == UTF8PROC_CATEGORY_CF;
}

int text_is_control(int32_t c)
{
	if (c == '\t' || c == '\n')
		return 0;
	if (c < 0x20 || c == 0x7F)
		return 1;
	if (c < 0x80)
		return 0;
	utf8proc_category_t k = cat(c);
	return k == UTF8PROC_CATEGORY_CC || k == UTF8PROC_CATEGORY_CF ||
	       k == UTF8PROC_CATEGORY_CS || k == UTF8PROC_CATEGORY_CO ||
	       k == UTF8PROC_CATEGORY_CN;
}

int text_is_apostrophe(int32_t c)
{
	switch (c) {
	case '\'': case '`': case 0x2018: case 0x2019: case 0x201B:
	case 0x02BC: case 0x02BB: case 0x2032: case 0xFF07: case 0x00B4:
		return 1;
	default:
		return 0;
	}
}

int text_is_quote(int32_t c)
{
	if (c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F ||
	    c == 0x00AB || c == 0x00BB || c == 0x2039 || c == 0x203A || c == 0xFF02)
		return 1;
	utf8proc_category_t k = cat(c);
	return k == UTF8PROC_CATEGORY_PI || k == UTF8PROC_CATEGORY_PF;
}

int text_is_bracket(int32_t c)
{
	if (c < 0x80)
		return c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}';
	utf8proc_category_t k = cat(c);
	return k == UTF8PROC_CATEGORY_PS || k == UTF8PROC_CATEGORY_PE;
}

int32_t text_lower(int32_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? c + 32 : c;
	return utf8proc_tolower(c);
}

int32_t text_ascii_punct(int32_t c)
{
	if (c < 0x80)
		return c;
	if (text_is_apostrophe(c))
		return '\'';
	if (text_is_quote(c))
		return '"';
	if (text_is_dash(c))
		return '-';
	switch (c) {
	case 0x2026: return '.';   /* ellipsis */
	case 0x00A0: case 0x2007: case 0x202F: return ' ';
	default: return c;
	}
}

char *text_fold(const char *s, size_t len, size_t *out_len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
	                                  UTF8PROC_STRIPMARK);
	if (n < 0) { /* invalid input: fold what is there byte for byte */
		*out_len = len;
		return xstrndup(s, len);
	}
	*out_len = (size_t)n;
	char *r = xstrndup((const char *)out, (size_t)n);
	free(out);
	return r;
}

/* ---- span edges ------------------------------------------------------ */

/* Characters a span edge never falls on (see text_span_edge_ok). */
static int edge_punct(int32_t c)
{
	return text_is_space(c) || text_is_dash(c) || c == ',' || c == ':' || c == ';' ||
	       c == '.' || text_is_quote(c) || text_is_apostrophe(c) || text_is_bracket(c);
}

/* The code point before byte b (b > 0), and its offset in *at. */
static int32_t cp_before(const char *t, size_t b, size_t *at)
{
	size_t p = b - 1;
	while (p > 0 && ((unsigned char)t[p] & 0xC0) == 0x80)
		p--;
	*at = p;
	return text_decode(t, b, &p);
}

/* Whether the period at byte p ends an initial ("Z.") or an abbreviation
 * with periods inside ("U.S."): a single letter before it, or letters
 * with a period before them. */
static int abbreviation_period(const char *t, size_t p)
{
	size_t at = p, letters = 0;
	int32_t c = 0;
	while (at > 0 && text_is_letter(c = cp_before(t, at, &at)))
		letters++;
	if (letters == 0)
		return 0;
	if (at == 0 && text_is_letter(c))
		return letters == 1; /* the text starts with the word */
	if (letters == 1 && !text_is_letter(c) && c != '.')
		return 1;
	return c == '.' && at > 0 && text_is_letter(cp_before(t, at, &at));
}

int text_span_edge_ok(const char *t, size_t len, size_t b, int end)
{
	if (!end) {
		size_t i = b;
		return b < len && !edge_punct(text_decode(t, len, &i));
	}
	if (b == 0)
		return 0;
	size_t p;
	int32_t c = cp_before(t, b, &p);
	return !edge_punct(c) || (c == '.' && abbreviation_period(t, p));
}
