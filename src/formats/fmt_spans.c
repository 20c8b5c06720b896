/*
 * fmt_spans.c: the two JSON Lines formats of annotation tools, written
 * (see formats.h) — doccano sequence labelling ({"id", "text", "label":
 * [[start, end, "TYPE"], ...]}) and Prodigy/spaCy ({"id", "text",
 * "tokens": [...], "spans": [{"start", "end", "token_start",
 * "token_end", "label"}]}).  Both are read by fmt_json_lines() with
 * their flavour.
 *
 * Offsets are code points of the stored text, end exclusive, as Python
 * (and so both tools) count them.
 */
#include "config.h"
#include "formats.h"

#include <stdio.h>
#include <string.h>

#include "text/text.h"
#include "lib/util.h"

/* The token that starts (or ends) at code point cp, by binary search:
 * its index, or -1. */
static long token_at(const struct fmt_tokens *t, int64_t cp, int end)
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

static void prodigy_tokens(struct fmt_writer *w, const struct doc *d)
{
	struct buf *b = &w->b;
	w->tokenizer->split(w->tokenizer->arg, d->text, d->text_len, &w->toks);
	buf_adds(b, ",\"tokens\":[");
	for (size_t k = 0; k < w->toks.n; k++) {
		const struct fmt_token *t = &w->toks.v[k];
		size_t next = t->b1;
		int ws = next < d->text_len && text_is_space(text_decode(d->text, d->text_len, &next));
		if (k)
			buf_addc(b, ',');
		buf_adds(b, "{\"text\":");
		buf_add_json(b, d->text + t->b0, t->b1 - t->b0);
		buf_printf(b, ",\"start\":%lld,\"end\":%lld,\"id\":%zu,\"ws\":%s}",
		           (long long)t->c0, (long long)t->c1, k, ws ? "true" : "false");
	}
	buf_addc(b, ']');
}

static int write_doc(struct fmt_writer *w, const struct doc *d, int prodigy)
{
	struct buf *b = &w->b;
	buf_adds(b, "{\"id\":");
	buf_add_json(b, d->id, strlen(d->id));
	buf_adds(b, ",\"text\":");
	buf_add_json(b, d->text, d->text_len);
	if (prodigy) {
		prodigy_tokens(w, d);
		buf_adds(b, ",\"spans\":[");
	} else {
		buf_adds(b, ",\"label\":[");
	}
	for (size_t k = 0; k < d->nspans; k++) {
		const struct span *e = &d->spans[k];
		if (k)
			buf_addc(b, ',');
		if (!prodigy) {
			buf_printf(b, "[%lld,%lld,", (long long)e->start, (long long)e->end);
			buf_add_json(b, e->type, strlen(e->type));
			buf_addc(b, ']');
			continue;
		}
		buf_printf(b, "{\"start\":%lld,\"end\":%lld,", (long long)e->start, (long long)e->end);
		long t0 = token_at(&w->toks, e->start, 0), t1 = token_at(&w->toks, e->end, 1);
		if (t0 >= 0 && t1 >= t0)
			buf_printf(b, "\"token_start\":%ld,\"token_end\":%ld,", t0, t1);
		buf_adds(b, "\"label\":");
		buf_add_json(b, e->type, strlen(e->type));
		buf_addc(b, '}');
	}
	buf_adds(b, "]}\n");
	return b->len >= 65536 ? fmt_writer_flush(w) : 0;
}

int fmt_doccano_write(struct fmt_writer *w, const struct doc *d)
{
	return write_doc(w, d, 0);
}

int fmt_prodigy_write(struct fmt_writer *w, const struct doc *d)
{
	return write_doc(w, d, 1);
}
