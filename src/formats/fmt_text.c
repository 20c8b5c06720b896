/*
 * fmt_text.c: plain-text report conventions — the title line, a title
 * from the first sentence, and the date of a dateline (see formats.h).
 */
#include "config.h"
#include "formats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "lib/util.h"

#define TITLE_LINE_MAX 150      /* code points of a title line */
#define TITLE_MAX 100           /* code points of a derived title */
#define SENTENCE_SCAN 2000      /* bytes searched for the first sentence */
#define DATELINE_SCAN 160       /* bytes searched for a dateline's date */

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trim spaces and tabs from both ends of s[*a..*b). */
static void trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && is_blank(s[*a]))
		(*a)++;
	while (*b > *a && is_blank(s[*b - 1]))
		(*b)--;
}

/* When the text opens with a title line (at most TITLE_LINE_MAX
 * characters, followed by a blank line): 1, with the line's trimmed
 * extent in *a, *b and the start of the next non-blank line in *body. */
static int title_line(const char *text, size_t len, size_t *a, size_t *b, size_t *body)
{
	const char *nl = memchr(text, '\n', len);
	if (!nl)
		return 0;
	*a = 0;
	*b = (size_t)(nl - text);
	trim(text, a, b);
	/* the next line must be blank */
	size_t p = (size_t)(nl - text) + 1;
	while (p < len && is_blank(text[p]))
		p++;
	if (*a == *b || p >= len || text[p] != '\n' ||
	    text_cp_len(text + *a, *b - *a) > TITLE_LINE_MAX)
		return 0;
	while (p < len && (is_blank(text[p]) || text[p] == '\n'))
		p++;
	*body = p;
	return 1;
}

/* Is s[0..n) in title case: two words or more, every word of four
 * letters or more capitalised, and no sentence's end? */
static int title_case(const char *s, size_t n)
{
	if (n == 0 || s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ':')
		return 0;
	size_t i = 0, words = 0;
	while (i < n) {
		while (i < n && is_blank(s[i]))
			i++;
		if (i >= n)
			break;
		size_t letters = 0;
		int32_t first = text_decode(s, n, &i);
		letters += text_is_letter(first);
		while (i < n && !is_blank(s[i]))
			letters += text_is_letter(text_decode(s, n, &i));
		words++;
		if (letters >= 4 && !text_is_upper(first))
			return 0;
	}
	return words >= 2;
}

void fmt_text_head_lines(const char *text, size_t len, fmt_line_fn fn, void *arg)
{
	size_t p = 0;
	for (int k = 0; k < FMT_HEAD_LINES && p < len; ) {
		const char *nl = memchr(text + p, '\n', len - p);
		size_t a = p, b = nl ? (size_t)(nl - text) : len;
		p = b + 1;
		trim(text, &a, &b);
		if (a == b)
			continue;
		k++;
		if (text_cp_len(text + a, b - a) <= TITLE_LINE_MAX && fn(arg, text + a, b - a))
			return;
	}
}

char *fmt_text_headline(const char *text, size_t len, fmt_line_fn shared, void *arg)
{
	size_t p = 0, from = 0;
	for (int k = 0; k < FMT_HEAD_LINES && p < len; ) {
		const char *nl = memchr(text + p, '\n', len - p);
		size_t a = p, b = nl ? (size_t)(nl - text) : len;
		size_t next = b + 1;
		trim(text, &a, &b);
		p = next;
		if (a == b)
			continue;
		k++;
		if (text_cp_len(text + a, b - a) > TITLE_LINE_MAX)
			break;
		if (shared && shared(arg, text + a, b - a)) {
			from = next < len ? next : len;
			continue;
		}
		/* a headline: followed by a blank line, or in title case */
		size_t q = next;
		while (q < len && is_blank(text[q]))
			q++;
		if ((q < len && text[q] == '\n') || title_case(text + a, b - a))
			return xstrndup(text + a, b - a);
		break;
	}
	return fmt_text_sentence_title(text + from, len - from);
}

char *fmt_text_title(const char *text, size_t len)
{
	return fmt_text_headline(text, len, NULL, NULL);
}

/* Words after which a period does not end a sentence. */
static const char *const abbreviations[] = {
	"Adm", "Apr", "Aug", "Brig", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl", "Cpt",
	"Dec", "Dr", "Feb", "Fig", "Gen", "Gov", "Inc", "Jan", "Jr", "Jul", "Jun", "Lt",
	"Ltd", "Maj", "Mar", "Mr", "Mrs", "Ms", "Mt", "No", "Nov", "Oct", "Pres", "Prof",
	"Pvt", "Rep", "Rev", "Sen", "Sep", "Sept", "Sgt", "Spc", "Sr", "St", "Vol", "vs",
};

/* Does the period at s[dot] end a sentence?  Not after an abbreviation,
 * an initial or a word with inner periods (U.S.), nor before a lower-case
 * letter or a digit. */
static int period_ends(const char *s, size_t len, size_t dot)
{
	size_t w = dot;
	while (w > 0 && !is_blank(s[w - 1]) && s[w - 1] != '\n' && s[w - 1] != '(' &&
	       s[w - 1] != '"')
		w--;
	size_t wl = dot - w;
	if (wl == 0)
		return 1;
	if (memchr(s + w, '.', wl))
		return 0;
	size_t i = w;
	int32_t first = text_decode(s, len, &i);
	if (i == dot && text_is_letter(first))
		return 0; /* an initial */
	for (size_t k = 0; k < ARRAY_SIZE(abbreviations); k++)
		if (strlen(abbreviations[k]) == wl && memcmp(abbreviations[k], s + w, wl) == 0)
			return 0;
	size_t n = dot + 1;
	while (n < len && is_blank(s[n]))
		n++;
	if (n < len) {
		size_t j = n;
		int32_t c = text_decode(s, len, &j);
		if (text_is_lower(c) || text_is_digit(c))
			return 0;
	}
	return 1;
}

static int dateline_at(const char *text, size_t len, size_t at, char date[11], size_t *end);

/* Skip a dateline and what separates it from the story. */
static size_t after_dateline(const char *text, size_t len)
{
	char date[11];
	size_t end;
	if (!dateline_at(text, len, 0, date, &end))
		return 0;
	while (end < len) {
		size_t j = end;
		int32_t c = text_decode(text, len, &j);
		if (c == '.' || c == ',' || c == ':' || c == ';' || text_is_dash(c) ||
		    text_is_space(c))
			end = j;
		else
			break;
	}
	return end;
}

char *fmt_text_sentence_title(const char *text, size_t len)
{
	size_t a = after_dateline(text, len);
	while (a < len && (is_blank(text[a]) || text[a] == '\n' || text[a] == '\r'))
		a++;
	size_t limit = len - a > SENTENCE_SCAN ? a + SENTENCE_SCAN : len;
	size_t b = a;
	/* to the end of the sentence or the line, whichever comes first */
	while (b < limit && text[b] != '\n') {
		char c = text[b];
		if ((c == '.' || c == '!' || c == '?') &&
		    (b + 1 >= len || text_is_space((unsigned char)text[b + 1]) ||
		     text[b + 1] == '"' || (unsigned char)text[b + 1] == 0xE2) &&
		    (c != '.' || period_ends(text, len, b))) {
			b++;
			break;
		}
		b++;
	}
	/* keep a character cut by the scan limit whole */
	while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
		b++;
	trim(text, &a, &b);
	if (text_cp_len(text + a, b - a) <= TITLE_MAX)
		return xstrndup(text + a, b - a);
	/* cut at the last space before the limit */
	size_t cut = text_cp_to_byte(text + a, b - a, TITLE_MAX - 1) + a;
	size_t sp = cut;
	while (sp > a && !is_blank(text[sp]))
		sp--;
	if (sp > a + (cut - a) / 2)
		cut = sp;
	size_t e = cut;
	while (e > a && (is_blank(text[e - 1]) || text[e - 1] == ','))
		e--;
	struct buf t = BUF_INIT;
	buf_add(&t, text + a, e - a);
	buf_adds(&t, "\xE2\x80\xA6");
	return buf_steal(&t);
}

static const char *const months[12][2] = {
	{ "january", "jan" }, { "february", "feb" }, { "march", "mar" },
	{ "april", "apr" }, { "may", "may" }, { "june", "jun" }, { "july", "jul" },
	{ "august", "aug" }, { "september", "sep" }, { "october", "oct" },
	{ "november", "nov" }, { "december", "dec" },
};

static int ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A month name or abbreviation (with an optional period) at s[*i]:
 * 1..12 and *i moved past it, or 0. */
static int month_at(const char *s, size_t len, size_t *i)
{
	size_t w = *i;
	char word[12];
	size_t n = 0;
	while (w < len && ascii_letter(s[w]) && n < sizeof word - 1)
		word[n++] = (char)(s[w++] | 0x20);
	word[n] = '\0';
	if (n < 3 || (w < len && ascii_letter(s[w])))
		return 0;
	for (int m = 0; m < 12; m++) {
		if (strcmp(word, months[m][0]) == 0 || strcmp(word, months[m][1]) == 0 ||
		    (m == 8 && strcmp(word, "sept") == 0)) {
			if (w < len && s[w] == '.')
				w++;
			*i = w;
			return m + 1;
		}
	}
	return 0;
}

/* A number of 1..maxdigits digits at s[*i] (not followed by a digit). */
static int number_at(const char *s, size_t len, size_t *i, int maxdigits, int *out)
{
	size_t w = *i;
	int v = 0, n = 0;
	while (w < len && ascii_digit(s[w]) && n <= maxdigits) {
		v = v * 10 + (s[w++] - '0');
		n++;
	}
	if (n == 0 || n > maxdigits)
		return 0;
	*out = v;
	*i = w;
	return 1;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

/* ", 2017" or " 2017" at s[*i]: the year, *i moved past it; 0 if none. */
static int year_at(const char *s, size_t len, size_t *i)
{
	size_t w = *i;
	if (w < len && s[w] == ',')
		w++;
	size_t after = skip_spaces(s, len, w);
	if (after == w && w == *i)
		return 0;
	int y;
	if (!number_at(s, len, &after, 4, &y) || y < 1000)
		return 0;
	*i = after;
	return y;
}

/* A date at s[*i]: month, day and year (0 when not given). */
static int date_at(const char *s, size_t len, size_t *i, int *y, int *m, int *d)
{
	size_t w = *i;
	*y = 0;
	if (len - w >= 10 && ascii_digit(s[w]) && s[w + 4] == '-' && s[w + 7] == '-') {
		int yy, mm, dd;
		size_t k = w;
		if (number_at(s, len, &k, 4, &yy) && k == w + 4 && (k++, number_at(s, len, &k, 2, &mm)) &&
		    k == w + 7 && (k++, number_at(s, len, &k, 2, &dd)) && k == w + 10) {
			*y = yy;
			*m = mm;
			*d = dd;
			*i = k;
			return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
		}
		return 0;
	}
	if ((*m = month_at(s, len, &w)) != 0) {
		w = skip_spaces(s, len, w);
		if (!number_at(s, len, &w, 2, d))
			return 0;
		/* ordinal suffix */
		if (w + 1 < len && ascii_letter(s[w]) && ascii_letter(s[w + 1]) &&
		    (w + 2 >= len || !ascii_letter(s[w + 2])))
			w += 2;
		*y = year_at(s, len, &w);
	} else if (number_at(s, len, &w, 2, d)) {
		w = skip_spaces(s, len, w);
		if ((*m = month_at(s, len, &w)) == 0)
			return 0;
		*y = year_at(s, len, &w);
	} else {
		return 0;
	}
	/* the date must end there: not run into a word or number */
	if (w < len && (ascii_letter(s[w]) || ascii_digit(s[w])))
		return 0;
	*i = w;
	return *d >= 1 && *d <= 31;
}

/* Words that start sentences, not place names ("The Minister, May 21,
 * said", "On Monday, May 21, ..."). */
static const char *const not_places[] = {
	"A", "An", "As", "At", "By", "For", "From", "He", "In", "It", "Last", "Next", "On",
	"She", "Since", "That", "The", "They", "This", "Until", "We",
};

/* Does text[at..lim) open with what may be a dateline's place: one to
 * four capitalised words before the first comma, not a sentence opener? */
static int place_name(const char *text, size_t lim, size_t at)
{
	size_t i = at, words = 0;
	while (i < lim && text[i] != ',') {
		size_t w = i;
		int32_t c = text_decode(text, lim, &i);
		if (!text_is_upper(c))
			return 0;
		while (i < lim && text[i] != ' ' && text[i] != ',')
			text_decode(text, lim, &i);
		if (++words > 4)
			return 0;
		if (words == 1)
			for (size_t k = 0; k < ARRAY_SIZE(not_places); k++)
				if (strlen(not_places[k]) == i - w && memcmp(not_places[k], text + w, i - w) == 0)
					return 0;
		while (i < lim && text[i] == ' ')
			i++;
	}
	return words > 0 && i < lim;
}

/* A dateline starting at byte at. */
static int dateline_at(const char *text, size_t len, size_t at, char date[11], size_t *end)
{
	size_t lim = len - at < DATELINE_SCAN ? len : at + DATELINE_SCAN;
	size_t i = at;
	if (lim == at)
		return 0;
	if (!place_name(text, lim, at))
		return 0;
	/* the place: letters, spaces and . ' - up to each comma, where a
	 * date may begin */
	for (int commas = 0; i < lim && commas < 4;) {
		size_t j = i;
		int32_t c = text_decode(text, lim, &j);
		if (c == ',') {
			commas++;
			size_t k = skip_spaces(text, len, j);
			int y, m, d;
			if (date_at(text, len, &k, &y, &m, &d)) {
				if (y)
					snprintf(date, 11, "%04d-%02d-%02d", y, m, d);
				else
					snprintf(date, 11, "--%02d-%02d", m, d);
				if (end)
					*end = k;
				return 1;
			}
		} else if (!(text_is_letter(c) || text_is_mark(c) || c == ' ' || c == '.' ||
		             text_is_apostrophe(c) || text_is_dash(c))) {
			return 0;
		}
		i = j;
	}
	return 0;
}

int fmt_text_dateline(const char *text, size_t len, char date[11], size_t *end)
{
	size_t a, b, body;
	if (dateline_at(text, len, 0, date, end))
		return 1;
	/* or where the story starts, under a title line */
	return title_line(text, len, &a, &b, &body) && dateline_at(text, len, body, date, end);
}
