/*
 * tokenize.h: the detector's tokenizer and sentence splitter.
 *
 * Splits UTF-8 text into tokens with byte and code point offsets, marks
 * sentence starts, and gives each token a folded form (case-folded,
 * diacritics stripped, typographic punctuation mapped to ASCII) and its
 * 64-bit hash, which every later stage (gazetteers, features, rules) uses
 * instead of strings.
 *
 * Tokens: words of letters, marks and digits of any script ("Türkiye",
 * "G7", "Mi'kmaw", "don't"), with the possessive "'s" split off; dotted
 * abbreviations ("U.S.", "Ph.D."), initials ("Z.") and known
 * abbreviations ("Lt.", "Dec.") keep their period and do not end a
 * sentence; hyphens are tokens of their own (so "U.S.-led" gives "U.S.",
 * "-", "led") flagged as attached; numbers keep their inner separators
 * and trailing letters ("1,000.5", "12:30", "25th", "1990s"); URLs,
 * @handles and #tags are single tokens; any other punctuation or symbol
 * is a token (runs of one character together, "...").
 */
#ifndef NERVE_TOKENIZE_H
#define NERVE_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

enum tok_kind {
	TOK_WORD,       /* letters (and digits after a letter) */
	TOK_NUMBER,     /* starts with a digit */
	TOK_PUNCT,      /* punctuation, including hyphens and "'s" */
	TOK_SYMBOL,     /* currency and other symbols */
};

enum tok_flags {
	TOKF_SENT_START = 1 << 0,   /* first token of a sentence */
	TOKF_SPACE_BEFORE = 1 << 1, /* white space (or the text start) before */
	TOKF_NEWLINE_BEFORE = 1 << 2,
	TOKF_PARA_BEFORE = 1 << 3,  /* a blank line before */
	TOKF_UPPER_INIT = 1 << 4,   /* first letter upper or title case */
	TOKF_ALL_UPPER = 1 << 5,    /* has letters, none lower case */
	TOKF_HAS_DIGIT = 1 << 6,
	TOKF_HAS_LETTER = 1 << 7,
	TOKF_PERIOD = 1 << 8,       /* ends with a period of its own (abbreviation) */
	TOKF_HYPHEN = 1 << 9,       /* a hyphen or dash token */
	TOKF_ATTACHED = 1 << 10,    /* joined to the previous token by a hyphen */
	TOKF_NONASCII = 1 << 11,
	TOKF_SENT_END = 1 << 12,    /* punctuation that ends a sentence */
	TOKF_POSSESSIVE = 1 << 13,  /* the "'s" split off a word */
};

struct token {
	uint32_t b0, b1;        /* bytes of the text, end exclusive */
	uint32_t c0, c1;        /* code points, end exclusive */
	uint32_t f0, f1;        /* the folded form: bytes of tokens.fold */
	uint64_t h;             /* hash of the folded form */
	uint64_t hw;            /* the same without an abbreviation's period
	                         * ("Gen." as "Gen", "U.S." as "U.S") */
	uint32_t shape;         /* hash of the word shape ("Xx", "X.X.", "d,d") */
	uint16_t flags;         /* enum tok_flags */
	uint8_t kind;           /* enum tok_kind */
	uint8_t ncp;            /* code points, capped at 255 */
};

/* Tokens of one text.  Embedded and reused from text to text:
 * zero-initialise, then tokens_finish(). */
struct tokens {
	struct token *v;
	size_t n, cap;
	char *fold;             /* folded forms, concatenated (not NUL-separated) */
	size_t foldlen, foldcap;
	/* private to tokenize(): the decoded text */
	int32_t *cp;            /* code points, then their classes (bytes) */
	uint32_t *cpb;          /* byte offset of each code point, and one past */
	size_t cpcap;
};

void tokens_finish(struct tokens *t);

/* A set of abbreviations (hashes of folded forms without the period)
 * that keep their period and do not end a sentence.  The built-in set
 * holds titles, ranks, months and the like; tok_abbrev_add() adds more. */
struct tok_abbrevs;
/* A new set holding the built-in abbreviations (owned; tok_abbrevs_free). */
struct tok_abbrevs *tok_abbrevs_new(void);
void tok_abbrevs_free(struct tok_abbrevs **a);
/* Add an abbreviation, given with or without its final period. */
void tok_abbrevs_add(struct tok_abbrevs *a, const char *s, size_t len);
/* 1 if the folded hash h (of a word without its period) is in the set. */
int tok_abbrevs_has(const struct tok_abbrevs *a, uint64_t h);

/* Tokenize text[0..len) (valid UTF-8; invalid bytes are treated as
 * U+FFFD) into *out, replacing what it held.  abbrevs may be NULL (no
 * abbreviations but initials and dotted ones).  Offsets must fit in 32
 * bits: texts of 4 GiB or more are cut there. */
void tokenize(const struct tok_abbrevs *abbrevs, const char *text, size_t len,
              struct tokens *out);

/* Hashing shared by every stage: FNV-1a over bytes, and a mixer that
 * combines two hashes (order matters). */
uint64_t tok_hash(const char *s, size_t len);
static inline uint64_t tok_mix(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2));
	x ^= x >> 31;
	x *= 0xBF58476D1CE4E5B9ULL;
	x ^= x >> 29;
	return x;
}

/* Fold text the way tokens are folded (lower case, no diacritics, ASCII
 * punctuation) into out (a reset buf-like growable array); returns the
 * folded length.  *out is owned by the caller (free()). */
size_t tok_fold(const char *s, size_t len, char **out, size_t *cap);

/* Fold one code point into out[0..3); returns the number of code points
 * written (1 to 3). */
int tok_fold_cp(int32_t c, int32_t out[3]);

#endif
