/*
 * test_layout.c: unit tests of the browser's pure layout (text and entity
 * spans to screen lines), with no terminal.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/layout.h"
#include "tap.h"
#include "lib/util.h"

/* Draw line k as a string, as a terminal would show it (blanks as
 * spaces, trailing blanks trimmed). */
static char *render_line(const struct layout *lo, size_t k)
{
	struct buf b = BUF_INIT;
	const struct layout_line *l = &lo->lines[k];
	int col = 0;
	for (size_t i = l->first; i < l->first + l->n; i++) {
		const struct layout_cell *c = &lo->cells[i];
		while (col < c->col) {
			buf_addc(&b, ' ');
			col++;
		}
		if (c->kind == LAYOUT_SPACE || c->kind == LAYOUT_TAB) {
			for (int w = 0; w < c->width; w++)
				buf_addc(&b, ' ');
		} else {
			buf_add(&b, layout_cell_bytes(lo, c), c->len);
		}
		col = c->col + c->width;
	}
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return buf_steal(&b);
}

/* All lines joined with '|'. */
static char *render(const struct layout *lo)
{
	struct buf b = BUF_INIT;
	for (size_t k = 0; k < lo->nlines; k++) {
		char *s = render_line(lo, k);
		if (k)
			buf_addc(&b, '|');
		buf_adds(&b, s);
		free(s);
	}
	return buf_steal(&b);
}

/* Lay text out at width w and compare with want; check that no line is
 * wider than w (unless a single cell is). */
static void check_layout(const char *text, int w, int ascii, const struct layout_span *spans,
                         size_t nspans, int markup, const char *want, int line)
{
	struct layout lo = { 0 };
	struct layout_opts o = { .width = w, .ascii = ascii, .markup = markup };
	layout_build(&lo, text, strlen(text), spans, nspans, &o);
	char *got = render(&lo);
	tap_checks++;
	if (strcmp(got, want) != 0) {
		tap_failures++;
		fprintf(stderr, "%s:%d: layout of \"%s\" at %d is\n  \"%s\", want\n  \"%s\"\n",
		        __FILE__, line, text, w, got, want);
	}
	for (size_t k = 0; k < lo.nlines; k++) {
		if (lo.lines[k].width > w && lo.lines[k].n > 1) {
			tap_failures++;
			fprintf(stderr, "%s:%d: line %zu of \"%s\" is %d wide at %d\n", __FILE__,
			        line, k, text, lo.lines[k].width, w);
		}
	}
	free(got);
	layout_finish(&lo);
}
#define LAYOUT(text, w, want) check_layout(text, w, 0, NULL, 0, 0, want, __LINE__)
#define LAYOUT_ASCII(text, w, want) check_layout(text, w, 1, NULL, 0, 0, want, __LINE__)

static void test_wrap(void)
{
	LAYOUT("", 10, "");
	LAYOUT("The quick brown fox jumps over the lazy dog", 10,
	       "The quick|brown fox|jumps over|the lazy|dog");
	LAYOUT("The quick brown fox", 80, "The quick brown fox");
	LAYOUT("abcdefghijklmnop", 5, "abcde|fghij|klmno|p");   /* long word split */
	LAYOUT("ab cdefgh", 5, "ab|cdefg|h");                     /* carried, then split */
	LAYOUT("aaaa    bbbb", 5, "aaaa|bbbb");                   /* blanks at a wrap vanish */
	LAYOUT("  indented\n    more", 20, "  indented|    more"); /* but not after a newline */
	LAYOUT("aaaa   \nb", 5, "aaaa|b");                        /* no empty line from a wrap */
	LAYOUT("a\n\nb", 10, "a||b");
	LAYOUT("a\n", 10, "a|");
	LAYOUT("x", 1, "x");
	LAYOUT("ab", 1, "a|b");
}

static void test_wide_and_marks(void)
{
	LAYOUT("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x86\xE3\x82\xAD", 5,
	       "\xE6\x97\xA5\xE6\x9C\xAC|\xE8\xAA\x9E\xE3\x81\xAE|\xE3\x83\x86\xE3\x82\xAD");
	LAYOUT("ab\xE6\x97\xA5\xE6\x9C\xAC", 4, "ab\xE6\x97\xA5|\xE6\x9C\xAC");
	/* a wide character never straddles the edge, even in a word */
	LAYOUT("abc\xE6\x97\xA5", 4, "abc|\xE6\x97\xA5");
	LAYOUT("\xE6\x97\xA5", 1, "\xE6\x97\xA5");
	/* q + combining tilde (no precomposed form): one column each */
	LAYOUT("q\xCC\x83q\xCC\x83q\xCC\x83", 2, "q\xCC\x83q\xCC\x83|q\xCC\x83");
	/* a lone combining mark goes on a dotted circle */
	LAYOUT("\xCC\x81x", 5, "\xE2\x97\x8C\xCC\x81x");

	struct layout lo = { 0 };
	struct layout_opts o = { .width = 10 };
	const char *t = "q\xCC\x83\xE6\x97\xA5z";
	layout_build(&lo, t, strlen(t), NULL, 0, &o);
	CHECK_INT(lo.ncells, 3);
	CHECK_INT(lo.cells[0].ncp, 2);
	CHECK_INT(lo.cells[1].cp, 2);
	CHECK_INT(lo.cells[1].col, 1);
	CHECK_INT(lo.cells[1].width, 2);
	CHECK_INT(lo.cells[2].col, 3);
	CHECK_INT(lo.cells[2].cp, 3);
	layout_finish(&lo);
}

static void test_tabs(void)
{
	LAYOUT("a\tb", 20, "a       b");
	LAYOUT("abcdefg\tx", 8, "abcdefg|x");
	LAYOUT("\tx", 20, "        x");
}

static void test_controls(void)
{
	LAYOUT("a\x1b[31mb", 20, "a\xE2\x90\x9B[31mb");
	LAYOUT_ASCII("a\x1b[31mb", 20, "a^[[31mb");
	LAYOUT("x\x7fy", 20, "x\xE2\x90\xA1y");
	LAYOUT("x\ry", 20, "x\xE2\x90\x8Dy");
	LAYOUT("x\xC2\x85y", 20, "x<U+0085>y");                 /* C1 NEL */
	LAYOUT("abc\xE2\x80\xAE" "def", 20, "abc<U+202E>def");  /* bidi override */
	LAYOUT("a\xE2\x80\x8B" "b", 20, "a<U+200B>b");          /* zero-width space */
	LAYOUT("a\x07\x08" "b", 20, "a\xE2\x90\x87\xE2\x90\x88" "b");
	/* a stand-in is one cell: it wraps whole */
	LAYOUT("abcdef\xE2\x80\xAE", 8, "abcdef|<U+202E>");
}

static void test_ascii(void)
{
	LAYOUT_ASCII("T\xC3\xBCrkiye\xE2\x80\x99s \xE2\x80\x9C" "army\xE2\x80\x9D \xE2\x80\x94 "
	             "\xC3\x89t\xC3\xA9", 40, "Turkiye's \"army\" - Ete");
	LAYOUT_ASCII("\xE6\x97\xA5\xE6\x9C\xAC x", 40, "?? x");
	LAYOUT_ASCII("Ya\xC5\x9F" "ar G\xC3\xBCler", 40, "Yasar Guler");
	LAYOUT_ASCII("a\xC2\xA0" "b", 40, "a b");
	CHECK_INT(layout_width("T\xC3\xBCrkiye", 8, 0), 7);
	CHECK_INT(layout_width("\xE6\x97\xA5\xE6\x9C\xAC", 6, 0), 4);
	CHECK_INT(layout_width("\xE6\x97\xA5\xE6\x9C\xAC", 6, 1), 2);
	CHECK_INT(layout_width("a\x1b", 2, 0), 2);
	CHECK_INT(layout_width("a\x1b", 2, 1), 3);
}

static void test_markup(void)
{
	const char *t = "Zakir Hasanov met Metin Tokel.";
	struct layout_span sp[] = { { 0, 13, "PERSON?" }, { 18, 29, "PERSON" } };
	check_layout(t, 80, 0, sp, 2, 1, "[Zakir Hasanov]PERSON? met [Metin Tokel]PERSON.",
	             __LINE__);
	check_layout(t, 20, 0, sp, 2, 1,
	             "[Zakir|Hasanov]PERSON? met|[Metin Tokel]PERSON.", __LINE__);
	/* without markup, nothing is inserted */
	check_layout(t, 80, 0, sp, 2, 0, t, __LINE__);
	/* nested spans nest their brackets, outer first */
	struct layout_span nest[] = { { 0, 8, "LOC" }, { 0, 13, "ORG" } };
	check_layout("New York City", 80, 0, nest, 2, 1, "[[New York]LOC City]ORG", __LINE__);
	/* a span ending inside a cluster closes after it */
	struct layout_span mid[] = { { 0, 1, "X" } };
	check_layout("q\xCC\x83q", 80, 0, mid, 1, 1, "[q\xCC\x83]Xq", __LINE__);
	/* a span without a label is not marked */
	struct layout_span nolabel[] = { { 0, 5, NULL } };
	check_layout("Zakir", 80, 0, nolabel, 1, 1, "Zakir", __LINE__);
	/* labels are transliterated on an ASCII terminal */
	struct layout_span ru[] = { { 0, 1, "\xD0\x9B\xD0\x98\xD0\xA6\xD0\x9E" } };
	check_layout("x", 80, 1, ru, 1, 1, "[x]????", __LINE__);

	/* the innermost span covers each cell */
	struct layout lo = { 0 };
	struct layout_opts o = { .width = 80 };
	layout_build(&lo, "New York City", 13, nest, 2, &o);
	CHECK_INT(lo.cells[0].span, 0);   /* N: LOC */
	CHECK_INT(lo.cells[3].span, 0);   /* the blank inside LOC */
	CHECK_INT(lo.cells[9].span, 1);   /* C: ORG only */
	layout_finish(&lo);
	struct layout_span sp2[] = { { 6, 13, NULL } };
	layout_build(&lo, t, strlen(t), sp2, 1, &o);
	CHECK_INT(lo.cells[5].span, -1);
	CHECK_INT(lo.cells[6].span, 0);
	CHECK_INT(lo.cells[12].span, 0);
	CHECK_INT(lo.cells[13].span, -1);
	layout_finish(&lo);
}

static void test_positions(void)
{
	struct layout lo = { 0 };
	struct layout_opts o = { .width = 10 };
	const char *t = "The quick brown fox\n\njumps";
	layout_build(&lo, t, strlen(t), NULL, 0, &o);
	CHECK_INT(lo.nlines, 4);       /* "The quick", "brown fox", "", "jumps" */
	CHECK_INT(lo.lines[1].cp_start, 10);
	CHECK_INT(lo.lines[2].cp_start, 20);
	CHECK_INT(lo.lines[3].cp_start, 21);
	CHECK_INT(layout_line_of(&lo, 0), 0);
	CHECK_INT(layout_line_of(&lo, 9), 0);   /* the blank at the wrap */
	CHECK_INT(layout_line_of(&lo, 12), 1);
	CHECK_INT(layout_line_of(&lo, 22), 3);
	CHECK_INT(layout_col_of(&lo, 1, 16), 6);
	CHECK_INT(layout_col_of(&lo, 3, 21), 0);
	layout_finish(&lo);

	/* rebuilding reuses the arrays */
	layout_build(&lo, "ab", 2, NULL, 0, &o);
	layout_build(&lo, "abc def", 7, NULL, 0, &o);
	CHECK_INT(lo.nlines, 1);
	CHECK_INT(lo.ncells, 7);
	layout_finish(&lo);
}

static void test_words(void)
{
	const char *t = "Zakir Hasanov, O'Brien\xE2\x80\x99s U.S. al-Assad 3.5 "
	                "\xE6\x97\xA5\xE6\x9C\xAC x\x1b" "y -z";
	struct layout_word *w;
	size_t n = layout_words(t, strlen(t), &w);
	static const char *const want[] = {
		"Zakir", "Hasanov", ",", "O'Brien\xE2\x80\x99s", "U.S", ".", "al-Assad", "3.5",
		"\xE6\x97\xA5", "\xE6\x9C\xAC", "x", "\x1b", "y", "-", "z",
	};
	CHECK_INT(n, ARRAY_SIZE(want));
	for (size_t k = 0; k < n && k < ARRAY_SIZE(want); k++) {
		/* compare by code points: convert the word's range to bytes */
		size_t a = 0, cp = 0;
		while (cp < w[k].start) {
			a += 1;
			while (((unsigned char)t[a] & 0xC0) == 0x80)
				a++;
			cp++;
		}
		size_t z = a;
		while (cp < w[k].end) {
			z += 1;
			while (((unsigned char)t[z] & 0xC0) == 0x80)
				z++;
			cp++;
		}
		char *got = xstrndup(t + a, z - a);
		CHECK_STR(got, want[k]);
		free(got);
	}
	CHECK_INT(layout_word_at(w, n, 0), 0);
	CHECK_INT(layout_word_at(w, n, 4), 0);
	CHECK_INT(layout_word_at(w, n, 5), 1);    /* the blank: the next word */
	CHECK_INT(layout_word_at(w, n, 13), 2);   /* the comma */
	CHECK_INT(layout_word_at(w, n, 1000), n);
	free(w);

	n = layout_words("", 0, &w);
	CHECK_INT(n, 0);
	free(w);
	n = layout_words("  \n ", 4, &w);
	CHECK_INT(n, 0);
	free(w);
}

/* The cursor's words: no punctuation a span never begins or ends with,
 * an initial's or abbreviation's period joined to its word. */
static void test_review_words(void)
{
	const char *t = "BAKU, Azerbaijan (Z. Hasanov) \"U.S.\" talks \xE2\x80\x94 $5.";
	struct layout_word *w;
	size_t n = layout_review_words(t, strlen(t), &w);
	static const char *const want[] = {
		"BAKU", "Azerbaijan", "Z.", "Hasanov", "U.S.", "talks", "$", "5",
	};
	CHECK_INT(n, ARRAY_SIZE(want));
	for (size_t k = 0; k < n && k < ARRAY_SIZE(want); k++) {
		/* the text is ASCII up to the dash, and the dash is no word */
		size_t a = w[k].start, z = w[k].end;
		if (a > 40) {
			a += 2;
			z += 2;
		}
		CHECK_INT(z - a, strlen(want[k]));
		CHECK(strncmp(t + a, want[k], z - a) == 0);
	}
	free(w);
}

int main(void)
{
	test_wrap();
	test_wide_and_marks();
	test_tabs();
	test_controls();
	test_ascii();
	test_markup();
	test_positions();
	test_words();
	test_review_words();
	return tap_status();
}
