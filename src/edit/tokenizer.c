/*
 * tokenizer.c: nerve's tokenizer behind the formats' interface (see
 * tokenizer.h).
 */
#include "config.h"
#include "tokenizer.h"

#include <string.h>

#include "lib/util.h"

static void split(void *arg, const char *text, size_t len, struct fmt_tokens *out)
{
	struct tokenizer *t = arg;
	tokenize(t->abbrevs, text, len, &t->toks);
	out->v = xgrow(out->v, &out->cap, t->toks.n + 1, sizeof *out->v);
	for (size_t k = 0; k < t->toks.n; k++) {
		const struct token *s = &t->toks.v[k];
		struct fmt_token *d = &out->v[k];
		d->b0 = s->b0;
		d->b1 = s->b1;
		d->c0 = s->c0;
		d->c1 = s->c1;
		d->sent_start = (s->flags & TOKF_SENT_START) != 0;
	}
	out->n = t->toks.n;
}

void tokenizer_init(struct tokenizer *t)
{
	memset(t, 0, sizeof *t);
	t->abbrevs = tok_abbrevs_new();
	t->fmt.split = split;
	t->fmt.arg = t;
}

void tokenizer_finish(struct tokenizer *t)
{
	tokens_finish(&t->toks);
	tok_abbrevs_free(&t->abbrevs);
	memset(t, 0, sizeof *t);
}
