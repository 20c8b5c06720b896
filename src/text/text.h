/*
 * text.h: UTF-8 decoding and validation, code point / byte / grapheme /
 * display-column conversions, NFC normalisation, case folding and
 * character categories.  The only module that includes utf8proc.h.
 *
 * Units: "byte" offsets index the UTF-8 string, "cp" offsets count code
 * points (the unit of every offset that leaves the program), "col" counts
 * terminal columns.  Strings are UTF-8 with an explicit byte length and
 * need not be NUL-terminated unless said.
 */
#ifndef NERVE_TEXT_H
#define NERVE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decode the code point at s[*i] (i < len) and advance *i past it.  An
 * invalid or truncated sequence yields U+FFFD and advances one byte. */
int32_t text_decode(const char *s, size_t len, size_t *i);
/* Encode c into out (4 bytes at most); returns the byte count. */
size_t text_encode(int32_t c, char out[4]);

/* Return 1 when s is valid UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF); otherwise 0 and *bad = byte offset of the first
 * invalid sequence.  NUL bytes are valid. */
int text_valid(const char *s, size_t len, size_t *bad);

/* Clean text for storage: drop a leading BOM, turn CRLF into LF,
 * normalise to NFC.  Invalid UTF-8 is an error (returns NULL, *bad set to
 * its byte offset, err_set() called) unless replace_invalid, in which case
 * each invalid sequence becomes U+FFFD.  Returns an owned NUL-terminated
 * string and its byte length in *out_len.
 *
 * When cpmap is not NULL it receives an owned array of (input code points
 * + 1) entries mapping each input cp offset to the output cp offset, or
 * to (size_t)-1 when the input offset falls inside a normalised grapheme
 * cluster (no longer a boundary); input code points are counted on the
 * input as decoded by text_decode(). */
char *text_clean(const char *s, size_t len, int replace_invalid,
                 size_t *out_len, size_t *bad, size_t **cpmap);

/* Number of code points in s. */
size_t text_cp_len(const char *s, size_t len);
/* Byte offset of code point offset cp (clamped to len). */
size_t text_cp_to_byte(const char *s, size_t len, size_t cp);
/* Code point offset of byte offset b (which must be on a code point). */
size_t text_byte_to_cp(const char *s, size_t len, size_t b);

/* Byte offset just past the grapheme cluster that starts at byte i. */
size_t text_grapheme_end(const char *s, size_t len, size_t i);
/* 1 when byte offset b is a grapheme cluster boundary of s (0 and len
 * are boundaries). */
int text_is_grapheme_boundary(const char *s, size_t len, size_t b);

/* Display columns of one code point (0 for combining marks and
 * controls, 2 for wide characters). */
int text_cp_width(int32_t c);
/* Display columns of a grapheme cluster s[0..len) (its first code point's
 * width, at least 1 unless it is a control or lone mark). */
int text_grapheme_width(const char *s, size_t len);
/* Display columns of s[0..len): the sum of its grapheme clusters'
 * widths (what a heading or a label takes on the screen, not its
 * bytes). */
int text_width(const char *s, size_t len);

/* Character classes (Unicode general categories through utf8proc). */
int text_is_letter(int32_t c);    /* L* */
int text_is_upper(int32_t c);     /* Lu, Lt */
int text_is_lower(int32_t c);     /* Ll */
int text_is_digit(int32_t c);     /* Nd */
int text_is_number(int32_t c);    /* N* */
int text_is_mark(int32_t c);      /* M* */
int text_is_punct(int32_t c);     /* P* */
int text_is_dash(int32_t c);      /* Pd, and U+2212 minus */
int text_is_space(int32_t c);     /* Z*, and tab, LF, CR, FF, VT */
int text_is_control(int32_t c);   /* Cc, Cf, Cs, Co, Cn except tab/LF */
int text_is_format(int32_t c);    /* Cf above ASCII (U+200E, U+202E, U+FEFF, ...) */
int text_is_apostrophe(int32_t c);/* ' ’ ‘ ʼ ′ ` and similar */
int text_is_quote(int32_t c);     /* " “ ” „ « » and other Pi/Pf */
int text_is_bracket(int32_t c);   /* ( ) [ ] { } and other Ps/Pe */

int32_t text_lower(int32_t c);
/* The ASCII stand-in of typographic punctuation (’ → ', “ → ", – → -),
 * or c itself. */
int32_t text_ascii_punct(int32_t c);
/* Fold for matching: case-folded, marks stripped (diacritic-blind),
 * NFC.  Returns an owned string and its length. */
char *text_fold(const char *s, size_t len, size_t *out_len);

/* Whether a span may start (end = 0) or end (end = 1) at byte b of s
 * (len bytes): never on a blank, dash, comma, colon, semicolon, period,
 * quote, apostrophe or bracket, except that a span may end after the
 * period of an initial or a dotted abbreviation ("Z.", "U.S."). */
int text_span_edge_ok(const char *s, size_t len, size_t b, int end);

#endif
