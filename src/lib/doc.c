/*
 * doc.c: documents and spans (see doc.h).
 */
#include "config.h"
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct span *doc_push_span(struct doc *d)
{
	d->spans = xgrow(d->spans, &d->capspans, d->nspans + 1, sizeof *d->spans);
	struct span *s = &d->spans[d->nspans++];
	memset(s, 0, sizeof *s);
	return s;
}

void doc_finish(struct doc *d)
{
	for (size_t i = 0; i < d->nspans; i++) {
		free(d->spans[i].text);
		free(d->spans[i].referent_in);
	}
	free(d->spans);
	free(d->id);
	free(d->title);
	free(d->date);
	free(d->text);
	memset(d, 0, sizeof *d);
}
