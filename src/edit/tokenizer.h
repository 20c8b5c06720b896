/*
 * tokenizer.h: the detector's tokenizer as the formats take it (struct
 * fmt_tokenizer), for the readers and writers that have tokens (CoNLL,
 * Prodigy), so that a file nerve wrote comes back with the same tokens.
 */
#ifndef NERVE_EDIT_TOKENIZER_H
#define NERVE_EDIT_TOKENIZER_H

#include "formats/formats.h"
#include "detect/tokenize.h"

/* Embedded: tokenizer_init(), pass &t->fmt to the formats, then
 * tokenizer_finish(). */
struct tokenizer {
	struct fmt_tokenizer fmt;   /* what the formats call */
	struct tok_abbrevs *abbrevs;
	struct tokens toks;
};

void tokenizer_init(struct tokenizer *t);
void tokenizer_finish(struct tokenizer *t);

#endif
