/*
 * fmt_spans.c: the two JSON Lines formats of annotation tools, written
 * (see formats.h) — doccano sequence labelling ({"id", "text", "label":
 * [[start, end, "TYPE"], ...]}) and Prodigy/spaCy ({"id", "text",
 * "tokens": [...], "spans": [{"start", "end", "token_start",
 * "token_end", "label"}]}).  Both are read by fmt_json_lines() with the
 * parsers of store_interchange.c.
 *
 * Offsets are code points of the stored text, end exclusive, as Python
 * (and so both tools) count them.  The writer here builds the JSON text
 * itself: a fixed shape with escaped strings needs no library.
 */
#include "config.h"
#include "formats.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "text/text.h"
#include "detect/tokenize.h"
#include "lib/util.h"

void fmt_json_str(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	buf_reserve(b, len + 2);
	buf_addc(b, '"');
	size_t run = 0;                 /* bytes copied as they are, pending */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			run++;
			continue;
		}
		buf_add(b, s + i - run, run);
		run = 0;
		switch (c) {
		case '"': buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		case '\b': buf_add(b, "\\b", 2); break;
		case '\f': buf_add(b, "\\f", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			buf_add(b, u, 6);
		}
		}
	}
	buf_add(b, s + len - run, run);
	buf_addc(b, '"');
}

struct spans_out {
	FILE *out;
	int prodigy;
	struct buf line;
	struct tok_abbrevs *abbrevs;    /* Prodigy: the tokens */
	struct tokens toks;
};

static int put_line(struct spans_out *o)
{
	buf_addc(&o->line, '\n');
	if (fwrite(o->line.data, 1, o->line.len, o->out) != o->line.len) {
		err_set("%s", strerror(errno ? errno : EIO));
		return -1;
	}
	buf_clear(&o->line);
	return 0;
}

/* The token that starts (or ends) at code point cp, by binary search:
 * its index, or -1. */
static long token_at(const struct tokens *t, int64_t cp, int end)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t at = end ? t->v[mid].c1 : t->v[mid].c0;
		if (at == cp)
			return (long)mid;
		if (at < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void prodigy_tokens(struct spans_out *o, const struct export_doc *d)
{
	struct buf *b = &o->line;
	tokenize(o->abbrevs, d->text, d->text_len, &o->toks);
	buf_adds(b, ",\"tokens\":[");
	for (size_t k = 0; k < o->toks.n; k++) {
		const struct token *t = &o->toks.v[k];
		size_t next = t->b1;
		int ws = next < d->text_len && text_is_space(text_decode(d->text, d->text_len, &next));
		if (k)
			buf_addc(b, ',');
		buf_adds(b, "{\"text\":");
		fmt_json_str(b, d->text + t->b0, t->b1 - t->b0);
		buf_printf(b, ",\"start\":%u,\"end\":%u,\"id\":%zu,\"ws\":%s}", t->c0, t->c1, k,
		           ws ? "true" : "false");
	}
	buf_addc(b, ']');
}

static int write_doc(void *arg, const struct export_doc *d)
{
	struct spans_out *o = arg;
	struct buf *b = &o->line;
	buf_adds(b, "{\"id\":");
	fmt_json_str(b, d->ext_id, strlen(d->ext_id));
	buf_adds(b, ",\"text\":");
	fmt_json_str(b, d->text, d->text_len);
	if (o->prodigy) {
		prodigy_tokens(o, d);
		buf_adds(b, ",\"spans\":[");
	} else {
		buf_adds(b, ",\"label\":[");
	}
	for (size_t k = 0; k < d->nents; k++) {
		const struct entity *e = &d->ents[k];
		if (k)
			buf_addc(b, ',');
		if (!o->prodigy) {
			buf_printf(b, "[%lld,%lld,", (long long)e->start, (long long)e->end);
			fmt_json_str(b, e->type, strlen(e->type));
			buf_addc(b, ']');
			continue;
		}
		buf_printf(b, "{\"start\":%lld,\"end\":%lld,", (long long)e->start, (long long)e->end);
		long t0 = token_at(&o->toks, e->start, 0), t1 = token_at(&o->toks, e->end, 1);
		if (t0 >= 0 && t1 >= t0)
			buf_printf(b, "\"token_start\":%ld,\"token_end\":%ld,", t0, t1);
		buf_adds(b, "\"label\":");
		fmt_json_str(b, e->type, strlen(e->type));
		buf_addc(b, '}');
	}
	buf_adds(b, "]}");
	return put_line(o);
}

static int spans_export(struct store *st, const struct export_filter *f, FILE *out,
                        int prodigy)
{
	struct spans_out o = { 0 };
	o.out = out;
	o.prodigy = prodigy;
	if (prodigy)
		o.abbrevs = tok_abbrevs_new();
	int rc = store_export_docs(st, f, write_doc, &o);
	buf_free(&o.line);
	tokens_finish(&o.toks);
	tok_abbrevs_free(&o.abbrevs);
	return rc;
}

int fmt_doccano_export(struct store *st, const struct export_filter *f, FILE *out)
{
	return spans_export(st, f, out, 0);
}

int fmt_prodigy_export(struct store *st, const struct export_filter *f, FILE *out)
{
	return spans_export(st, f, out, 1);
}
