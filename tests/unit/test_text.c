/*
 * test_text.c: unit tests of the text module.
 */
#include "config.h"

#include <stdlib.h>

#include "tap.h"
#include "text/text.h"
#include "lib/util.h"

static void test_decode(void)
{
	const char *s = "a\xC3\xA9\xE2\x80\x99\xF0\x9D\x90\x80"; /* a é ’ 𝐀 */
	size_t len = strlen(s), i = 0;
	CHECK_INT(text_decode(s, len, &i), 'a');
	CHECK_INT(text_decode(s, len, &i), 0xE9);
	CHECK_INT(text_decode(s, len, &i), 0x2019);
	CHECK_INT(text_decode(s, len, &i), 0x1D400);
	CHECK_INT(i, len);
	CHECK_INT(text_cp_len(s, len), 4);
	CHECK_INT(text_cp_to_byte(s, len, 3), 6);
	CHECK_INT(text_byte_to_cp(s, len, 6), 3);
	char e[4];
	CHECK_INT(text_encode(0x1D400, e), 4);
	CHECK(memcmp(e, "\xF0\x9D\x90\x80", 4) == 0);
}

static void test_valid(void)
{
	size_t bad = 99;
	CHECK(text_valid("plain ascii text, long enough", 29, &bad));
	CHECK(text_valid("a\0b", 3, &bad));
	CHECK(!text_valid("abc\xC3", 4, &bad));
	CHECK_INT(bad, 3);
	CHECK(!text_valid("ab\xC0\x80", 4, &bad)); /* overlong NUL */
	CHECK_INT(bad, 2);
	CHECK(!text_valid("\xED\xA0\x80", 3, &bad)); /* surrogate */
	CHECK_INT(bad, 0);
	CHECK(!text_valid("0123456789\xF4\x90\x80\x80", 14, &bad)); /* > U+10FFFF */
	CHECK_INT(bad, 10);
}

static void test_clean(void)
{
	size_t n, bad = 0, *map = NULL;
	char *t = text_clean("\xEF\xBB\xBFline\r\nnext\r\n", 15, 0, &n, &bad, &map);
	CHECK_STR(t, "line\nnext\n");
	CHECK_INT(n, 10);
	CHECK_INT(map[0], 0);  /* BOM */
	CHECK_INT(map[1], 0);  /* l */
	CHECK_INT(map[5], 4);  /* CR -> LF */
	CHECK_INT(map[6], 4);  /* LF */
	CHECK_INT(map[7], 5);  /* n */
	CHECK_INT(map[12], 9);  /* last LF */
	CHECK_INT(map[13], 10); /* end */
	free(t);
	free(map);

	/* e + combining acute composes; offsets after it shift by one */
	map = NULL;
	t = text_clean("Be\xCC\x81la X", 9, 0, &n, &bad, &map);
	CHECK_STR(t, "B\xC3\xA9la X");
	CHECK_INT(map[1], 1);            /* e */
	CHECK_INT(map[2], (size_t)-1);   /* inside the cluster */
	CHECK_INT(map[3], 2);            /* l */
	CHECK_INT(map[6], 5);            /* X */
	free(t);
	free(map);

	t = text_clean("ok\xFFok", 5, 0, &n, &bad, NULL);
	CHECK(t == NULL);
	CHECK_INT(bad, 2);
	t = text_clean("ok\xFFok", 5, 1, &n, &bad, NULL);
	CHECK_STR(t, "ok\xEF\xBF\xBDok");
	free(t);
}

static void test_graphemes(void)
{
	const char *s = "e\xCC\x81x\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"; /* é(decomposed) x 🇫🇷 */
	size_t len = strlen(s);
	CHECK_INT(text_grapheme_end(s, len, 0), 3);
	CHECK_INT(text_grapheme_end(s, len, 3), 4);
	CHECK_INT(text_grapheme_end(s, len, 4), len);
	CHECK(text_is_grapheme_boundary(s, len, 3));
	CHECK(!text_is_grapheme_boundary(s, len, 1));
	CHECK(!text_is_grapheme_boundary(s, len, 8));
	CHECK_INT(text_cp_width(0x4E2D), 2);
	CHECK_INT(text_cp_width(0x301), 0);
	CHECK_INT(text_grapheme_width("e\xCC\x81", 3), 1);
	/* a string's columns, not its bytes: Cyrillic, a combining mark, CJK */
	CHECK_INT(text_width("\xD0\x9E\xD1\x81\xD1\x82.", 7), 4);
	CHECK_INT(text_width("e\xCC\x81x", 4), 2);
	CHECK_INT(text_width("\xE4\xB8\xAD", 3), 2);
	CHECK_INT(text_width("", 0), 0);
}

static void test_classes(void)
{
	CHECK(text_is_letter(0x4E2D));
	CHECK(text_is_letter(0x0416));
	CHECK(text_is_upper(0x0416));
	CHECK(text_is_lower(0x015F));
	CHECK(text_is_digit(0x0663)); /* Arabic-Indic three */
	CHECK(text_is_dash(0x2013));
	CHECK(text_is_apostrophe(0x2019));
	CHECK(text_is_quote(0x201C));
	CHECK(text_is_space(0x00A0));
	CHECK(text_is_control(0x1B));
	CHECK(!text_is_control('\n'));
	CHECK(text_is_format(0x200E));
	CHECK(text_is_format(0x202E));
	CHECK(!text_is_format(0x1B));
	CHECK(!text_is_format(0x41));
	CHECK(!text_is_format(0x2014));
	CHECK_INT(text_ascii_punct(0x2014), '-');
	CHECK_INT(text_ascii_punct(0x2019), '\'');
	size_t n;
	char *f = text_fold("T\xC3\xBCrk\xC4\xB1ye", 9, &n); /* Türkiye */
	CHECK_STR(f, "turk\xC4\xB1ye");
	free(f);
}

/* lib's one escaping function, used by every message */
static void check_escaped(const char *in, size_t len, const char *want)
{
	struct buf b = BUF_INIT;
	buf_add_escaped(&b, in, len);
	CHECK_STR(b.data ? b.data : "", want);
	/* idempotent: escaping the escaped text changes nothing */
	struct buf again = BUF_INIT;
	buf_add_escaped(&again, b.data ? b.data : "", b.len);
	CHECK_STR(again.data ? again.data : "", want);
	buf_free(&b);
	buf_free(&again);
}

static void test_escape(void)
{
	check_escaped("", 0, "");
	check_escaped("plain C:\\path", 13, "plain C:\\path");
	check_escaped("a\nb\tc\rd", 7, "a\\nb\\tc\\rd");
	check_escaped("\033]52;c;SGk=\007", 12, "\\x1b]52;c;SGk=\\x07");
	check_escaped("x\0y\177", 4, "x\\x00y\\x7f");
	/* C1 controls, bidi marks and overrides */
	check_escaped("\302\233" "2J", 4, "\\u009b2J");
	check_escaped("a\342\200\256b\342\201\246c\342\200\217d\330\234", 15,
	              "a\\u202eb\\u2066c\\u200fd\\u061c");
	/* other characters as they are, invalid bytes as \xHH */
	check_escaped("Bak\304\261 \360\237\223\260 \342\200\224", 14,
	              "Bak\304\261 \360\237\223\260 \342\200\224");
	check_escaped("\233\377\300\200\355\240\200", 7,
	              "\\x9b\\xff\\xc0\\x80\\xed\\xa0\\x80");
	check_escaped("\342\200", 2, "\\xe2\\x80");
	/* and every message goes through it */
	err_set("%s: %s", "f\033[2J", "ok");
	CHECK_STR(err_msg(), "f\\x1b[2J: ok");
	char *e = xescape("t\302\205");
	CHECK_STR(e, "t\\u0085");
	free(e);
}

int main(void)
{
	test_escape();
	test_decode();
	test_valid();
	test_clean();
	test_graphemes();
	test_classes();
	return tap_status();
}
