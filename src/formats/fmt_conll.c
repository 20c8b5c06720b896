/*
 * fmt_conll.c: CoNLL IOB2, token by token (see formats.h).
 *
 * Export tokenizes each article with the tokenizer it is given (nerve's)
 * and tags each token from the entities.  Import has the opposite problem: the file has
 * tokens but no text, so the text is rebuilt with the spacing a reader
 * expects ("said, “the Army’s", not "said , “ the Army ’s") and then
 * checked against the tokenizer: wherever it would run two of the file's
 * tokens together, a space goes in.  So a file nerve wrote comes back
 * with the same tokens, and every token with the same tag.
 */
#include "config.h"
#include "formats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "lib/util.h"

/* ---- reading ------------------------------------------------------------ */

/* A token of the file. */
struct ctok {
	size_t off, len;                /* its text in conll_in.chars */
	size_t type_off, type_len;      /* its tag's type in conll_in.chars */
	char kind;                      /* 'O', 'B' or 'I' */
	unsigned char sent_start;       /* first of a sentence */
	unsigned char glue;             /* no space before it */
	size_t line;
	size_t b0, b1;                  /* bytes of the rebuilt text */
	int64_t c0, c1;                 /* code points of the rebuilt text */
};

struct conll_in {
	const char *name;
	doc_fn fn;
	fmt_note_fn note;
	void *arg;
	struct buf chars;               /* token texts and types, one after another */
	struct ctok *v;
	size_t n, cap;
	size_t doc_line;                /* the document's -DOCSTART- or first token */
	int new_sentence;
	size_t orphan_line, orphans;    /* I- tags that began an entity */
	char orphan_tag[80];
	const struct fmt_tokenizer *tk;
	struct fmt_tokens toks;
	struct buf text;
};

/* Does every code point of s[0..len) belong to set (a UTF-8 string)? */
static int all_in(const char *s, size_t len, const char *set)
{
	if (len == 0)
		return 0;
	size_t setlen = strlen(set);
	for (size_t i = 0; i < len;) {
		size_t a = i;
		text_decode(s, len, &i);
		int found = 0;
		for (size_t j = 0; j < setlen && !found;) {
			size_t b = j;
			text_decode(set, setlen, &j);
			found = j - b == i - a && memcmp(set + b, s + a, i - a) == 0;
		}
		if (!found)
			return 0;
	}
	return 1;
}

static int is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

/* Closing punctuation: no space before it. */
static int closes(const char *s, size_t len)
{
	if (all_in(s, len, ",.;:!?%)]}…”’»›"))
		return 1;
	if (is(s, len, "''") || is(s, len, "n't") || is(s, len, "N'T"))
		return 1;
	/* 's 're 'll 've 'd 'm, with any apostrophe ("Britain‘s" too) */
	static const char *const clitics[] = { "s", "re", "ll", "ve", "d", "m" };
	size_t i = 0;
	int32_t c = text_decode(s, len, &i);
	if (text_is_apostrophe(c) && i < len) {
		for (size_t k = 0; k < ARRAY_SIZE(clitics); k++) {
			size_t n = strlen(clitics[k]);
			if (len - i != n)
				continue;
			size_t j = 0;
			while (j < n && (s[i + j] | 0x20) == clitics[k][j])
				j++;
			if (j == n)
				return 1;
		}
	}
	return 0;
}

/* Opening brackets and quotes, currency signs: no space after. */
static int opens(const char *s, size_t len)
{
	return all_in(s, len, "([{“‘«‹¿¡$£€") || is(s, len, "``") || is(s, len, "`");
}

/* Joining punctuation: no space on either side ("U.S.-led", "and/or"). */
static int joins(const char *s, size_t len)
{
	return is(s, len, "-") || is(s, len, "/") || is(s, len, "‐") || is(s, len, "‑");
}

/* Does token t continue the last character of token p (a skin tone after
 * an emoji, a combining mark): no grapheme cluster boundary between? */
static int continues(struct conll_in *c, const struct ctok *p, const struct ctok *t)
{
	if ((unsigned char)c->chars.data[t->off] < 0x80)
		return 0;
	struct buf *b = &c->text; /* free until lay_out() */
	buf_clear(b);
	buf_add(b, c->chars.data + p->off, p->len);
	buf_add(b, c->chars.data + t->off, t->len);
	return !text_is_grapheme_boundary(b->data, b->len, p->len);
}

/* The spacing a reader expects, before the tokenizer has its say. */
static void initial_glue(struct conll_in *c)
{
	int dquote_open = 0, squote_open = 0;   /* straight quotes open in the sentence */
	int no_space_after = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct ctok *t = &c->v[i];
		const char *s = c->chars.data + t->off;
		if (t->sent_start) {
			dquote_open = squote_open = 0;
			no_space_after = 0;
		}
		int before = no_space_after, after = 0;
		const struct ctok *p = i > 0 ? &c->v[i - 1] : NULL;
		char plast = p ? c->chars.data[p->off + p->len - 1] : ' ';
		/* quotes that end a sentence close, one that begins it opens */
		int last = 1;
		for (size_t k = i + 1; k < c->n && !c->v[k].sent_start && last; k++) {
			const char *ks = c->chars.data + c->v[k].off;
			size_t kl = c->v[k].len;
			last = is(ks, kl, "\"") || is(ks, kl, "'") || closes(ks, kl);
		}
		if (is(s, t->len, "\"")) {
			if ((dquote_open || last) && !t->sent_start)
				before = 1;
			else
				after = 1;
			dquote_open = !dquote_open;
		} else if (is(s, t->len, "'") && !squote_open && (plast == 's' || plast == 'S')) {
			before = 1; /* the soldiers' */
		} else if (is(s, t->len, "'")) {
			if ((squote_open || last) && !t->sent_start)
				before = 1;
			else
				after = 1;
			squote_open = !squote_open;
		} else if (p && continues(c, p, t)) {
			before = 1;
		} else if (joins(s, t->len)) {
			before = after = 1;
		} else {
			before |= closes(s, t->len);
			after = opens(s, t->len);
		}
		t->glue = (unsigned char)(before && !t->sent_start && i > 0);
		no_space_after = after;
	}
}

/* Lay the tokens out in c->text with their spacing: byte offsets. */
static void lay_out(struct conll_in *c)
{
	buf_clear(&c->text);
	for (size_t i = 0; i < c->n; i++) {
		struct ctok *t = &c->v[i];
		if (i > 0 && t->sent_start)
			buf_addc(&c->text, '\n');
		else if (i > 0 && !t->glue)
			buf_addc(&c->text, ' ');
		t->b0 = c->text.len;
		buf_add(&c->text, c->chars.data + t->off, t->len);
		t->b1 = c->text.len;
	}
}

/* Unglue the tokens that the tokenizer runs together with the one before
 * them; 1 when any was. */
static int unglue_merged(struct conll_in *c)
{
	c->tk->split(c->tk->arg, c->text.data, c->text.len, &c->toks);
	int changed = 0;
	size_t j = 0;
	for (size_t i = 1; i < c->n; i++) {
		struct ctok *t = &c->v[i];
		if (!t->glue)
			continue;
		/* do n't: "don't" is one token to nerve, and a better read; the
		 * tag cannot differ unless n't begins an entity */
		if (t->kind != 'B' &&
		    (is(c->chars.data + t->off, t->len, "n't") || is(c->chars.data + t->off, t->len, "N'T")))
			continue;
		size_t p = t->b0;
		while (j < c->toks.n && c->toks.v[j].b1 <= p)
			j++;
		if (j < c->toks.n && c->toks.v[j].b0 < p) {
			t->glue = 0;
			changed = 1;
		}
	}
	return changed;
}

static void add_span(struct conll_in *c, struct doc *d, size_t first, size_t last)
{
	struct span *sp = doc_push_span(d);
	sp->start = c->v[first].c0;
	sp->end = c->v[last].c1;
	snprintf(sp->type, sizeof sp->type, "%.*s", (int)c->v[first].type_len,
	         c->chars.data + c->v[first].type_off);
	sp->line = c->v[first].line;
}

/* Build the document of the tokens read and hand it on. */
static int flush_doc(struct conll_in *c)
{
	if (c->n == 0)
		return 0;
	initial_glue(c);
	lay_out(c);
	/* each round ungluing at least one token: at most n rounds */
	for (size_t round = 0; round < c->n && unglue_merged(c); round++)
		lay_out(c);
	/* code point offsets */
	int64_t cp = 0;
	size_t at = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct ctok *t = &c->v[i];
		cp += (int64_t)(t->b0 - at); /* the separator: ASCII, one byte a code point */
		t->c0 = cp;
		cp += (int64_t)text_cp_len(c->text.data + t->b0, t->len);
		t->c1 = cp;
		at = t->b1;
	}
	struct doc d = { 0 };
	d.text = xstrndup(c->text.data, c->text.len);
	d.text_len = c->text.len;
	d.has_entities = 1;
	d.line = c->doc_line;
	size_t open = (size_t)-1;
	for (size_t i = 0; i < c->n; i++) {
		struct ctok *t = &c->v[i];
		int same = open != (size_t)-1 && t->type_len == c->v[open].type_len &&
		           memcmp(c->chars.data + t->type_off, c->chars.data + c->v[open].type_off,
		                  t->type_len) == 0;
		/* an I- after a blank line goes on: entities may hold a newline */
		if (open != (size_t)-1 && (t->kind != 'I' || !same)) {
			add_span(c, &d, open, i - 1);
			open = (size_t)-1;
		}
		if (t->kind == 'B') {
			open = i;
		} else if (t->kind == 'I' && open == (size_t)-1) {
			if (c->orphans++ == 0) {
				c->orphan_line = t->line;
				snprintf(c->orphan_tag, sizeof c->orphan_tag, "I-%.*s", (int)t->type_len,
				         c->chars.data + t->type_off);
			}
			open = i;
		}
	}
	if (open != (size_t)-1)
		add_span(c, &d, open, c->n - 1);
	c->n = 0;
	buf_clear(&c->chars);
	c->doc_line = 0;
	int rc = c->fn(&d, c->arg);
	doc_finish(&d);
	return rc;
}

/* The first and last fields of a line, split on tabs when it has one,
 * else on runs of spaces.  Returns the number of fields. */
static int fields(char *s, size_t len, char **first, size_t *flen, char **last, size_t *llen)
{
	if (memchr(s, '\t', len)) {
		char *tab = memchr(s, '\t', len);
		*first = s;
		*flen = (size_t)(tab - s);
		int n = 1;
		for (char *p = s; p < s + len; p++)
			if (*p == '\t') {
				n++;
				*last = p + 1;
			}
		*llen = (size_t)(s + len - *last);
		return n;
	}
	int n = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i >= len)
			break;
		size_t a = i;
		while (i < len && s[i] != ' ')
			i++;
		if (n++ == 0) {
			*first = s + a;
			*flen = i - a;
		}
		*last = s + a;
		*llen = i - a;
	}
	return n;
}

static int parse_line(struct conll_in *c, char *s, size_t len, size_t lineno)
{
	size_t a = 0;
	while (a < len && (s[a] == ' ' || s[a] == '\t'))
		a++;
	if (a == len) {
		c->new_sentence = 1;
		return 0;
	}
	char *tok = NULL, *tag = NULL;
	size_t toklen = 0, taglen = 0;
	int n = fields(s, len, &tok, &toklen, &tag, &taglen);
	if (n >= 1 && is(tok, toklen, "-DOCSTART-")) {
		if (flush_doc(c) < 0)
			return -1;
		c->doc_line = lineno;
		c->new_sentence = 1;
		return 0;
	}
	if (n < 2 || toklen == 0) {
		err_set(_("%s:%zu: a token without a tag (TOKEN<TAB>TAG expected)"), c->name, lineno);
		return -1;
	}
	char kind;
	size_t type_off = 0, type_len = 0;
	if (is(tag, taglen, "O")) {
		kind = 'O';
	} else if (taglen >= 3 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') {
		kind = tag[0];
		type_off = (size_t)(tag + 2 - s);
		type_len = taglen - 2;
		if (type_len >= sizeof ((struct span *)0)->type) {
			err_set(_("%s:%zu: the type of the tag is longer than %zu bytes"), c->name,
			        lineno, sizeof ((struct span *)0)->type - 1);
			return -1;
		}
	} else {
		err_set(_("%s:%zu: '%.*s' is not an IOB2 tag (O, B-TYPE or I-TYPE)"), c->name, lineno,
		        (int)(taglen > 40 ? 40 : taglen), tag);
		return -1;
	}
	if (c->n == 0 && c->doc_line == 0)
		c->doc_line = lineno;
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	struct ctok *t = &c->v[c->n++];
	memset(t, 0, sizeof *t);
	t->off = c->chars.len;
	t->len = toklen;
	buf_add(&c->chars, tok, toklen);
	t->type_off = c->chars.len;
	t->type_len = type_len;
	buf_add(&c->chars, s + type_off, type_len);
	t->kind = kind;
	t->sent_start = (unsigned char)(c->new_sentence || c->n == 1);
	t->line = lineno;
	c->new_sentence = 0;
	return 0;
}

int fmt_conll_read(FILE *f, const char *name, int replace, const struct fmt_tokenizer *tk,
                   doc_fn fn, fmt_note_fn note, void *arg)
{
	struct conll_in c = { 0 };
	c.name = name;
	c.fn = fn;
	c.note = note;
	c.arg = arg;
	c.tk = tk;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	uint64_t offset = 0;
	struct buf fixed = BUF_INIT, nonul = BUF_INIT;
	ssize_t got;
	int rc = 0;
	while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t len = (size_t)got, bad;
		uint64_t here = offset;
		offset += len;
		char *s = line;
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		if (lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			len -= 3;
			here += 3;
		}
		const char *nul = memchr(s, '\0', len);
		int valid = text_valid(s, len, &bad);
		if ((nul || !valid) && !replace) {
			if (!valid && (!nul || bad < (size_t)(nul - s)))
				err_set(_("%s:%zu: invalid UTF-8 at byte %llu"), name, lineno,
				        (unsigned long long)(here + bad));
			else
				err_set(_("%s:%zu: a NUL byte at byte %llu"), name, lineno,
				        (unsigned long long)(here + (uint64_t)(nul - s)));
			rc = -1;
			break;
		}
		if (nul || !valid) {
			/* U+FFFD for each invalid byte and each NUL: one code point for one */
			fmt_replace_invalid(s, len, &fixed);
			buf_clear(&nonul);
			for (size_t i = 0; i < fixed.len; i++) {
				if (fixed.data[i])
					buf_addc(&nonul, fixed.data[i]);
				else
					buf_add(&nonul, "\xEF\xBF\xBD", 3);
			}
			s = nonul.data;
			len = nonul.len;
		}
		rc = parse_line(&c, s, len, lineno);
	}
	if (rc == 0 && ferror(f)) {
		err_set("%s: %s", name, strerror(errno ? errno : EIO));
		rc = -1;
	}
	if (rc == 0)
		rc = flush_doc(&c);
	if (rc == 0 && c.orphans == 1)
		fmt_notef(note, arg, c.orphan_line, 0, _("%s without a B- tag before it: read as the "
		                                         "start of an entity"), c.orphan_tag);
	else if (rc == 0 && c.orphans > 1)
		fmt_notef(note, arg, c.orphan_line, 0, _("%s without a B- tag before it: read as the "
		                                         "start of an entity (and %zu more such I- "
		                                         "tags in this file)"),
		          c.orphan_tag, c.orphans - 1);
	free(line);
	buf_free(&fixed);
	buf_free(&nonul);
	free(c.v);
	buf_free(&c.chars);
	buf_free(&c.text);
	fmt_tokens_finish(&c.toks);
	return rc;
}

/* ---- writing ------------------------------------------------------------ */

/* Append type to the buffer with white space as '_' (said once a type). */
static void add_type(struct fmt_writer *o, const char *type)
{
	size_t at = o->b.len;
	int changed = 0;
	for (const char *p = type; *p; p++) {
		int ws = *p == ' ' || *p == '\t';
		buf_addc(&o->b, ws ? '_' : *p);
		changed |= ws;
	}
	if (!changed)
		return;
	for (size_t i = 0; i < o->nrespelt; i++)
		if (strcmp(o->respelt[i], type) == 0)
			return;
	o->respelt = xgrow(o->respelt, &o->caprespelt, o->nrespelt + 1, sizeof *o->respelt);
	snprintf(o->respelt[o->nrespelt++], 64, "%s", type);
	fmt_notef(o->note, o->note_arg, 0, 0, _("the type '%s' has white space: written as %.*s"), type,
	          (int)(o->b.len - at), o->b.data + at);
}

int fmt_conll_write(struct fmt_writer *o, const struct doc *d)
{
	o->tokenizer->split(o->tokenizer->arg, d->text, d->text_len, &o->toks);
	const struct fmt_tokens *t = &o->toks;
	o->tag = xgrow(o->tag, &o->captag, t->n + 1, sizeof *o->tag);
	for (size_t k = 0; k < t->n; k++)
		o->tag[k] = -1;
	size_t first = 0;               /* no token before this one overlaps later entities */
	for (size_t i = 0; i < d->nspans; i++) {
		const struct span *e = &d->spans[i];
		while (first < t->n && t->v[first].c1 <= e->start)
			first++;
		size_t last = first;
		while (last < t->n && t->v[last].c0 < e->end)
			last++;
		if (last == first) {
			fmt_notef(o->note, o->note_arg, 0, 0,
			          _("%s: entity %lld-%lld (%s) covers no token: left out"), d->id,
			          (long long)e->start, (long long)e->end, e->type);
			continue;
		}
		int taken = 0;
		for (size_t k = first; k < last && !taken; k++)
			taken = o->tag[k] >= 0;
		if (taken) {
			fmt_notef(o->note, o->note_arg, 0, 0,
			          _("%s: entity %lld-%lld (%s) overlaps another: left out"), d->id,
			          (long long)e->start, (long long)e->end, e->type);
			continue;
		}
		if (t->v[first].c0 != e->start || t->v[last - 1].c1 != e->end)
			fmt_notef(o->note, o->note_arg, 0, 0,
			          _("%s: entity %lld-%lld (%s) does not fall on token boundaries: "
			            "written as %lld-%lld"), d->id, (long long)e->start,
			          (long long)e->end, e->type, (long long)t->v[first].c0,
			          (long long)t->v[last - 1].c1);
		for (size_t k = first; k < last; k++)
			o->tag[k] = (long)i;
	}
	struct buf *b = &o->b;
	buf_adds(b, "-DOCSTART- O\n\n");
	for (size_t k = 0; k < t->n; k++) {
		if (k > 0 && t->v[k].sent_start)
			buf_addc(b, '\n');
		buf_add(b, d->text + t->v[k].b0, t->v[k].b1 - t->v[k].b0);
		if (o->tag[k] < 0) {
			buf_add(b, "\tO\n", 3);
		} else {
			int begins = k == 0 || o->tag[k - 1] != o->tag[k];
			buf_adds(b, begins ? "\tB-" : "\tI-");
			add_type(o, d->spans[o->tag[k]].type);
			buf_addc(b, '\n');
		}
		if (b->len >= 65536 && fmt_writer_flush(o) < 0)
			return -1;
	}
	if (t->n)
		buf_addc(b, '\n');
	return fmt_writer_flush(o);
}
