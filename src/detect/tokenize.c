/*
 * tokenize.c: tokens, sentences, folded forms and word shapes (see
 * tokenize.h).
 *
 * The text is decoded once into a scratch array of code points (kept in
 * struct tokens between calls, so a reused struct allocates nothing once
 * it has grown); the scanner then looks ahead freely.  The one piece of
 * shared state is the cache of folded code points (per thread).
 */
#include "config.h"
#include "tokenize.h"

#include <stdlib.h>
#include <string.h>

#include "lib/hashmap.h"
#include "lib/util.h"
#include "text/text.h"

void tokens_finish(struct tokens *t)
{
	free(t->v);
	free(t->fold);
	free(t->cp);
	free(t->cpb);
	memset(t, 0, sizeof *t);
}

uint64_t tok_hash(const char *s, size_t len)
{
	return hmap_hash(s, len);
}

/* ---- folding ----------------------------------------------------------- */

/* Folds of the Basic Multilingual Plane, computed on first use through
 * text_fold(): bit 63 set when known, then up to three 21-bit code
 * points (0 = none). */
static _Thread_local uint64_t *fold_cache;

int tok_fold_cp(int32_t c, int32_t out[3])
{
	if (c < 0x80) {
		out[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
		return 1;
	}
	int32_t a = text_ascii_punct(c);
	if (a != c) {
		out[0] = a;
		return 1;
	}
	if (c >= 0x10000) {
		out[0] = text_lower(c);
		return 1;
	}
	if (!fold_cache)
		fold_cache = xcalloc(0x10000, sizeof *fold_cache);
	uint64_t e = fold_cache[c];
	if (!(e >> 63)) {
		char u[4];
		size_t ulen = text_encode(c, u), flen, i = 0;
		char *f = text_fold(u, ulen, &flen);
		int k = 0;
		e = 0;
		while (i < flen && k < 3) {
			int32_t d = text_decode(f, flen, &i);
			e |= (uint64_t)(d & 0x1FFFFF) << (21 * k);
			k++;
		}
		free(f);
		if (k == 0 || i < flen) /* folds to nothing (a lone mark) or too long */
			e = text_is_mark(c) ? 0 : (uint64_t)text_lower(c);
		e |= 1ULL << 63;
		fold_cache[c] = e;
	}
	int n = 0;
	for (int k = 0; k < 3; k++) {
		int32_t d = (int32_t)((e >> (21 * k)) & 0x1FFFFF);
		if (d)
			out[n++] = d;
	}
	return n; /* 0 for a mark that folds away */
}

size_t tok_fold(const char *s, size_t len, char **out, size_t *cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		int32_t f[3];
		int k = tok_fold_cp(text_decode(s, len, &i), f);
		for (int j = 0; j < k; j++) {
			*out = xgrow(*out, cap, n + 5, 1);
			n += text_encode(f[j], *out + n);
		}
	}
	*out = xgrow(*out, cap, n + 1, 1);
	(*out)[n] = '\0';
	return n;
}

/* ---- abbreviations ------------------------------------------------------ */

struct tok_abbrevs {
	struct hmap set;        /* hashes of folded forms; values unused */
};

/* Titles, ranks, months and common abbreviations that take a period. */
static const char *const builtin_abbrevs[] = {
	"mr", "mrs", "ms", "dr", "prof", "messrs", "mme", "mlle", "st", "jr", "sr",
	"gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "brig",
	"cmdr", "cdr", "lieut", "gov", "sen", "rep", "rev", "hon", "pres", "amb",
	"sec", "supt", "insp", "det", "fr", "msgr", "ret", "spc", "pfc", "sgm",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
	"dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
	"inc", "corp", "ltd", "co", "bros", "vs", "etc", "approx", "dept", "univ",
	"assn", "est", "fig", "vol", "mt", "ft", "ave", "blvd", "rd", "no", "nos",
	"op", "ed", "eds", "al", "cf", "ca", "viz", "pp", "ch", "sq", "gov't",
};

struct tok_abbrevs *tok_abbrevs_new(void)
{
	struct tok_abbrevs *a = xcalloc(1, sizeof *a);
	hmap_init(&a->set, ARRAY_SIZE(builtin_abbrevs));
	for (size_t i = 0; i < ARRAY_SIZE(builtin_abbrevs); i++)
		hmap_put(&a->set, tok_hash(builtin_abbrevs[i], strlen(builtin_abbrevs[i])), NULL);
	return a;
}

void tok_abbrevs_free(struct tok_abbrevs **pa)
{
	if (!*pa)
		return;
	hmap_finish(&(*pa)->set);
	free(*pa);
	*pa = NULL;
}

void tok_abbrevs_add(struct tok_abbrevs *a, const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == '.' || s[len - 1] == ' '))
		len--;
	if (len == 0)
		return;
	char *f = NULL;
	size_t cap = 0;
	size_t n = tok_fold(s, len, &f, &cap);
	hmap_put(&a->set, tok_hash(f, n), NULL);
	free(f);
}

int tok_abbrevs_has(const struct tok_abbrevs *a, uint64_t h)
{
	return a && hmap_get(&a->set, h) != NULL;
}

/* ---- character classes --------------------------------------------------- */

enum cls {
	C_SPACE, C_NEWLINE, C_LETTER, C_MARK, C_DIGIT, C_APOS, C_DASH, C_PERIOD,
	C_TERM,         /* ! ? and other sentence terminators */
	C_JOINER,       /* ZWJ, ZWNJ, soft hyphen: inside words */
	C_QUOTE, C_OPEN, C_CLOSE, C_PUNCT, C_SYMBOL,
};

static unsigned char ascii_cls[128];

static void init_ascii_cls(void)
{
	for (int c = 0; c < 128; c++) {
		enum cls k;
		if (c == '\n')
			k = C_NEWLINE;
		else if (c == ' ' || (c >= '\t' && c <= '\r') || c < 0x20 || c == 0x7F)
			k = C_SPACE;
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			k = C_LETTER;
		else if (c >= '0' && c <= '9')
			k = C_DIGIT;
		else if (c == '\'' || c == '`')
			k = C_APOS;
		else if (c == '-')
			k = C_DASH;
		else if (c == '.')
			k = C_PERIOD;
		else if (c == '!' || c == '?')
			k = C_TERM;
		else if (c == '"')
			k = C_QUOTE;
		else if (c == '(' || c == '[' || c == '{')
			k = C_OPEN;
		else if (c == ')' || c == ']' || c == '}')
			k = C_CLOSE;
		else if (c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' ||
		         c == '|' || c == '~')
			k = C_SYMBOL;
		else
			k = C_PUNCT;
		ascii_cls[c] = (unsigned char)k;
	}
}

static enum cls classify(int32_t c)
{
	if (c < 0x80)
		return (enum cls)ascii_cls[c];
	if (c == 0x200C || c == 0x200D || c == 0x00AD)
		return C_JOINER;
	if (c == 0x2028 || c == 0x2029 || c == 0x85)
		return C_NEWLINE;
	if (text_is_apostrophe(c))   /* before letters: U+02BC is a letter (Lm) */
		return C_APOS;
	if (text_is_letter(c))
		return C_LETTER;
	if (text_is_mark(c))
		return C_MARK;
	if (text_is_digit(c))
		return C_DIGIT;
	if (text_is_space(c) || text_is_control(c))
		return C_SPACE;
	if (text_is_dash(c))
		return C_DASH;
	if (text_is_quote(c))
		return C_QUOTE;
	switch (c) {
	case 0x2026:                            /* … */
	case 0x3002: case 0xFF0E: case 0xFF61:  /* ideographic and fullwidth stops */
	case 0x0964: case 0x0965: case 0x06D4:  /* danda, Arabic full stop */
		return C_PERIOD;
	case 0xFF01: case 0xFF1F: case 0x061F: case 0x037E: case 0x203C: case 0x2047:
	case 0x2048: case 0x2049:
		return C_TERM;
	}
	if (text_is_number(c))   /* Nl, No: Roman numerals, fractions */
		return C_LETTER;
	if (text_is_punct(c))
		return C_PUNCT;
	return C_SYMBOL;
}

static inline int wordish(enum cls k)
{
	return k == C_LETTER || k == C_MARK || k == C_DIGIT || k == C_JOINER;
}

/* Words that mostly start a sentence: after "U.S." they say that its
 * period ends the sentence too. */
static const char *const starters[] = {
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "This", "That", "These",
	"Those", "In", "On", "At", "But", "And", "However", "His", "Her", "Their", "Its",
	"There", "As", "For", "After", "When", "While", "If", "According", "Meanwhile",
	"Also", "Some", "Many", "Our", "My", "Your", "What", "Why", "How", "Earlier", "Later",
};

/* ---- the scanner ---------------------------------------------------------- */

struct scan {
	const int32_t *cp;
	const unsigned char *cl;    /* class of each code point */
	size_t n;
};

static inline enum cls cls_at(const struct scan *s, size_t k)
{
	return k < s->n ? (enum cls)s->cl[k] : C_SPACE;
}

static inline int32_t cp_at(const struct scan *s, size_t k)
{
	return k < s->n ? s->cp[k] : ' ';
}

/* "'s" or "’s" at k followed by a non-word character. */
static int possessive_at(const struct scan *s, size_t k)
{
	return cls_at(s, k) == C_APOS && (cp_at(s, k + 1) | 0x20) == 's' &&
	       !wordish(cls_at(s, k + 2));
}

static int ascii_prefix(const struct scan *s, size_t k, const char *p)
{
	for (; *p; p++, k++)
		if (k >= s->n || s->cp[k] != (unsigned char)*p)
			return 0;
	return 1;
}

/* 1 when the period at k (after a dotted abbreviation) ends a sentence:
 * the text or line ends, or a sentence starter follows. */
static int period_ends(const struct scan *s, size_t k)
{
	size_t j = k + 1;
	while (j < s->n && s->cl[j] == C_SPACE)
		j++;
	if (j >= s->n || s->cl[j] == C_NEWLINE)
		return 1;
	if (j == k + 1)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(starters); i++) {
		size_t n = strlen(starters[i]);
		if (ascii_prefix(s, j, starters[i]) && !wordish(cls_at(s, j + n)) &&
		    cls_at(s, j + n) != C_PERIOD && cls_at(s, j + n) != C_APOS)
			return 1;
	}
	return 0;
}

/* End of a URL starting at k: up to white space, without trailing
 * punctuation. */
static size_t url_end(const struct scan *s, size_t k)
{
	size_t e = k;
	while (e < s->n && s->cl[e] != C_SPACE && s->cl[e] != C_NEWLINE &&
	       s->cl[e] != C_QUOTE)
		e++;
	while (e > k + 4 && (s->cl[e - 1] == C_PERIOD || s->cl[e - 1] == C_PUNCT ||
	                     s->cl[e - 1] == C_CLOSE || s->cl[e - 1] == C_TERM ||
	                     s->cl[e - 1] == C_APOS))
		e--;
	return e;
}

/* Scan a word from k; returns its end and sets *dotted when it has inner
 * periods ("U.S"). */
static size_t scan_word(const struct scan *s, size_t k, int *dotted)
{
	size_t seg = k;          /* start of the current period-free segment */
	*dotted = 0;
	k++;
	for (;;) {
		enum cls c = cls_at(s, k);
		if (wordish(c)) {
			k++;
			continue;
		}
		if (c == C_APOS && cls_at(s, k + 1) == C_LETTER && !possessive_at(s, k)) {
			k += 2;   /* O'Neil, Mi'kmaw, don't */
			continue;
		}
		if (c == C_PERIOD && s->cp[k] == '.' && cls_at(s, k + 1) == C_LETTER &&
		    k - seg <= 2) {
			/* U.S, Ph.D: short segments joined by periods */
			size_t e = k + 2;
			while (wordish(cls_at(s, e)))
				e++;
			if (e - (k + 1) <= 2) {
				*dotted = 1;
				seg = k + 1;
				k = e;
				continue;
			}
		}
		if (cp_at(s, k) == '&' && text_is_upper(cp_at(s, k - 1)) &&
		    text_is_upper(cp_at(s, k + 1))) {
			k += 2;   /* AT&T */
			continue;
		}
		break;
	}
	return k;
}

/* Scan a number from k (a digit): inner separators between digits, then
 * letters and digits ("25th", "1990s", "45km"). */
static size_t scan_number(const struct scan *s, size_t k)
{
	k++;
	for (;;) {
		enum cls c = cls_at(s, k);
		if (c == C_DIGIT) {
			k++;
			continue;
		}
		int32_t ch = cp_at(s, k);
		if ((ch == ',' || ch == '.' || ch == ':' || ch == '/') && cls_at(s, k + 1) == C_DIGIT) {
			k += 2;
			continue;
		}
		break;
	}
	while (wordish(cls_at(s, k)))
		k++;
	return k;
}

static void push_token(struct tokens *out, const struct scan *s, const uint32_t *cpb,
                       size_t k0, size_t k1, enum tok_kind kind, unsigned flags)
{
	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	struct token *t = &out->v[out->n++];
	t->b0 = cpb[k0];
	t->b1 = cpb[k1];
	t->c0 = (uint32_t)k0;
	t->c1 = (uint32_t)k1;
	t->kind = (uint8_t)kind;
	t->ncp = (uint8_t)(k1 - k0 > 255 ? 255 : k1 - k0);

	/* folded form, shape and letter case in one pass */
	out->fold = xgrow(out->fold, &out->foldcap, out->foldlen + (k1 - k0) * 12 + 1, 1);
	t->f0 = (uint32_t)out->foldlen;
	char *f = out->fold + out->foldlen;
	uint64_t hs = 0xCBF29CE484222325ULL;
	int nupper = 0, nlower = 0, first_letter = 1;
	char last = 0;
	for (size_t k = k0; k < k1; k++) {
		int32_t c = s->cp[k];
		enum cls cl = (enum cls)s->cl[k];
		char sh;
		if (c < 0x80) {
			*f++ = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
			if (c >= 'A' && c <= 'Z') {
				sh = 'X';
				nupper++;
				if (first_letter)
					flags |= TOKF_UPPER_INIT;
				first_letter = 0;
			} else if (c >= 'a' && c <= 'z') {
				sh = 'x';
				nlower++;
				first_letter = 0;
			} else if (c >= '0' && c <= '9') {
				sh = 'd';
			} else {
				sh = (char)c;
			}
		} else {
			flags |= TOKF_NONASCII;
			int32_t fc[3];
			int nf = tok_fold_cp(c, fc);
			for (int j = 0; j < nf; j++)
				f += text_encode(fc[j], f);
			if (cl == C_LETTER) {
				if (text_is_upper(c)) {
					sh = 'X';
					nupper++;
					if (first_letter)
						flags |= TOKF_UPPER_INIT;
				} else if (text_is_lower(c)) {
					sh = 'x';
					nlower++;
				} else {
					sh = 'a';   /* no case: CJK, Arabic, ... */
				}
				first_letter = 0;
			} else if (cl == C_MARK || cl == C_JOINER) {
				continue;
			} else if (cl == C_DIGIT) {
				sh = 'd';
			} else {
				int32_t a = text_ascii_punct(c);
				sh = a < 0x80 ? (char)a : 'o';
			}
		}
		if (sh == 'd')
			flags |= TOKF_HAS_DIGIT;
		else if (sh == 'X' || sh == 'x' || sh == 'a')
			flags |= TOKF_HAS_LETTER;
		if (sh != last) {
			hs ^= (unsigned char)sh;
			hs *= 0x100000001B3ULL;
			last = sh;
		}
	}
	t->f1 = (uint32_t)(f - out->fold);
	out->foldlen = t->f1;
	t->h = tok_hash(out->fold + t->f0, t->f1 - t->f0);
	t->hw = (flags & TOKF_PERIOD) ? tok_hash(out->fold + t->f0, t->f1 - t->f0 - 1) : t->h;
	t->shape = (uint32_t)(hs ^ (hs >> 32));
	if (nupper > 0 && nlower == 0)
		flags |= TOKF_ALL_UPPER;
	t->flags = (uint16_t)flags;
}

/* Sentence starts: after a newline, and after terminal punctuation
 * (possibly followed by closing quotes and brackets) when the next token
 * does not begin in lower case. */
static void mark_sentences(struct tokens *out, const struct scan *s)
{
	int after_term = 1;
	for (size_t i = 0; i < out->n; i++) {
		struct token *t = &out->v[i];
		if (t->flags & TOKF_NEWLINE_BEFORE)
			after_term = 1;
		if (after_term) {
			int closing = (t->kind == TOK_PUNCT || t->kind == TOK_SYMBOL) &&
			              !(t->flags & TOKF_SPACE_BEFORE) && i > 0 &&
			              !(t->flags & TOKF_NEWLINE_BEFORE) &&
			              (s->cl[t->c0] == C_QUOTE || s->cl[t->c0] == C_CLOSE ||
			               s->cl[t->c0] == C_APOS);
			if (closing)
				continue;
			int32_t c = s->cp[t->c0];
			if (!text_is_lower(c) || (t->flags & TOKF_NEWLINE_BEFORE) || i == 0)
				t->flags |= TOKF_SENT_START;
			after_term = 0;
		}
		if (t->flags & TOKF_SENT_END)
			after_term = 1;
	}
}

void tokenize(const struct tok_abbrevs *abbrevs, const char *text, size_t len,
              struct tokens *out)
{
	if (!ascii_cls['a'])
		init_ascii_cls();
	if (len > UINT32_MAX - 1)
		len = UINT32_MAX - 1;
	out->n = 0;
	out->foldlen = 0;

	/* decode */
	struct tokens *sc = out;
	if (sc->cpcap < len + 1) {
		size_t cap = len + 1 < 256 ? 256 : len + 1 + len / 2;
		free(sc->cp);
		free(sc->cpb);
		sc->cp = xmalloc(cap * (sizeof *sc->cp + 1));
		sc->cpb = xmalloc((cap + 1) * sizeof *sc->cpb);
		sc->cpcap = cap;
	}
	unsigned char *cl = (unsigned char *)(sc->cp + sc->cpcap);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		sc->cpb[n] = (uint32_t)i;
		unsigned char b = (unsigned char)text[i];
		int32_t c;
		if (b < 0x80) {
			c = b;
			i++;
			cl[n] = ascii_cls[b];
		} else {
			c = text_decode(text, len, &i);
			cl[n] = (unsigned char)classify(c);
		}
		sc->cp[n++] = c;
	}
	sc->cpb[n] = (uint32_t)len;
	struct scan s = { sc->cp, cl, n };

	unsigned pending = TOKF_SPACE_BEFORE | TOKF_NEWLINE_BEFORE;
	int newlines = 0;
	int attach_next = 0;
	for (size_t k = 0; k < n;) {
		enum cls c = (enum cls)cl[k];
		if (c == C_SPACE || c == C_NEWLINE || c == C_JOINER ||
		    (c == C_MARK && (pending & TOKF_SPACE_BEFORE))) {
			if (c == C_NEWLINE) {
				newlines++;
				pending |= TOKF_NEWLINE_BEFORE;
				if (newlines >= 2)
					pending |= TOKF_PARA_BEFORE;
			}
			pending |= TOKF_SPACE_BEFORE;
			attach_next = 0;
			k++;
			continue;
		}
		unsigned flags = pending;
		if (attach_next && !(pending & TOKF_SPACE_BEFORE))
			flags |= TOKF_ATTACHED;
		attach_next = 0;
		pending = 0;
		newlines = 0;
		size_t e;
		enum tok_kind kind;
		int32_t ch = s.cp[k];

		if (c == C_LETTER || c == C_MARK) {
			if ((ch == 'h' && (ascii_prefix(&s, k, "http://") ||
			                   ascii_prefix(&s, k, "https://"))) ||
			    (ch == 'w' && ascii_prefix(&s, k, "www."))) {
				e = url_end(&s, k);
				kind = TOK_WORD;
			} else {
				int dotted;
				e = scan_word(&s, k, &dotted);
				kind = TOK_WORD;
				if (cp_at(&s, e) == '.') {
					int take = dotted && !period_ends(&s, e);
					if (!dotted && e - k == 1 && text_is_upper(ch))
						take = 1;   /* an initial */
					if (!take && !dotted && abbrevs) {
						int32_t fc[3];
						uint64_t h = 0xCBF29CE484222325ULL;
						for (size_t j = k; j < e; j++) {
							int nf = tok_fold_cp(s.cp[j], fc);
							for (int q = 0; q < nf; q++) {
								char u[4];
								size_t ul = text_encode(fc[q], u);
								for (size_t r = 0; r < ul; r++) {
									h ^= (unsigned char)u[r];
									h *= 0x100000001B3ULL;
								}
							}
						}
						take = tok_abbrevs_has(abbrevs, h);
					}
					if (take) {
						e++;
						flags |= TOKF_PERIOD;
					}
				}
			}
		} else if (c == C_DIGIT) {
			e = scan_number(&s, k);
			kind = TOK_NUMBER;
		} else if ((ch == '@' || ch == '#') && (cls_at(&s, k + 1) == C_LETTER ||
		                                       cls_at(&s, k + 1) == C_DIGIT)) {
			e = k + 1;
			while (wordish(cls_at(&s, e)) || cp_at(&s, e) == '_')
				e++;
			kind = TOK_WORD;
		} else if (possessive_at(&s, k) && out->n > 0 && !(flags & TOKF_SPACE_BEFORE)) {
			e = k + 2;
			kind = TOK_PUNCT;
			flags |= TOKF_POSSESSIVE;
		} else if (c == C_DASH) {
			e = k + 1;
			while (e < n && s.cp[e] == ch)
				e++;
			kind = TOK_PUNCT;
			flags |= TOKF_HYPHEN;
			if (!(flags & TOKF_SPACE_BEFORE) && out->n > 0 && e < n &&
			    (cl[e] == C_LETTER || cl[e] == C_DIGIT)) {
				flags |= TOKF_ATTACHED;
				attach_next = 1;
			}
		} else if (c == C_PERIOD || c == C_TERM) {
			e = k + 1;
			while (e < n && (cl[e] == C_PERIOD || cl[e] == C_TERM))
				e++;
			kind = TOK_PUNCT;
			flags |= TOKF_SENT_END;
		} else {
			e = k + 1;
			while (e < n && s.cp[e] == ch && c != C_QUOTE && c != C_OPEN && c != C_CLOSE)
				e++;
			kind = c == C_SYMBOL ? TOK_SYMBOL : TOK_PUNCT;
		}
		push_token(out, &s, sc->cpb, k, e, kind, flags);
		k = e;
	}
	mark_sentences(out, &s);
}
