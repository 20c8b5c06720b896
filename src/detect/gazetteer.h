/*
 * gazetteer.h: lists of names and words (countries, cities, demonyms,
 * first names, ranks, organisation words, ...) matched in text as
 * sequences of folded tokens.
 *
 * Each list comes from one file data/gazetteer/NAME.txt: one entry per
 * line, '#' starts a comment line, a TAB ends the entry (what follows,
 * like the country of a demonym, is ignored here), and multi-word
 * entries are written as in running text ("Saudi Arabia", "Lt. Gen.").
 * An entry matches a run of tokens whose folded forms (case and
 * diacritics ignored, typographic punctuation as ASCII) are its tokens';
 * an entry written with a capital matches only text that starts with a
 * capital (so "May" the month does not match "may").
 *
 * The compiled gazetteer is one flat table that can be written into a
 * model blob and used in place from it.
 */
#ifndef NERVE_GAZETTEER_H
#define NERVE_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "tokenize.h"
#include "lib/hashmap.h"

struct buf;

enum { GAZ_MAX_LISTS = 31, GAZ_MAX_TOKENS = 8 };

/* The table maps the hash of a token sequence to the lists it is an
 * entry of: the lists that give it capitalised in the low 32 bits, those
 * that give it in lower case in the high ones (bit 63: the sequence is a
 * prefix of a longer entry). */
struct gazetteer {
	struct hmap table;
	unsigned nlists;
	char names[GAZ_MAX_LISTS][32];
};

/* Per token: the lists of which it begins (b), continues (i), ends (l)
 * or is by itself (u) a match. */
struct gaz_marks {
	uint32_t b, i, l, u;
};

/* An empty gazetteer (embedded; gaz_finish releases it). */
void gaz_init(struct gazetteer *g);
void gaz_finish(struct gazetteer *g);

/* The id of list 'name', adding it when new; -1 with err_set() when
 * there are already GAZ_MAX_LISTS lists. */
int gaz_list(struct gazetteer *g, const char *name);
/* The id of list 'name', or -1 when there is none. */
int gaz_find_list(const struct gazetteer *g, const char *name);

/* Add one entry (UTF-8, as written in text) to list id, tokenizing it
 * with abbrevs (may be NULL) and the scratch toks.  Entries of more than
 * GAZ_MAX_TOKENS tokens are ignored. */
void gaz_add(struct gazetteer *g, int list, const struct tok_abbrevs *abbrevs,
             struct tokens *toks, const char *entry, size_t len);

/* Load a list file into list 'name' (see above for the format).
 * Returns the number of entries, or -1 with err_set() naming the file. */
long gaz_load_file(struct gazetteer *g, const char *name, const char *path,
                   const struct tok_abbrevs *abbrevs);

/* Mark the matches in t: marks[0..t->n) is filled.  For each start token
 * and list the longest entry is taken. */
void gaz_match(const struct gazetteer *g, const struct tokens *t, struct gaz_marks *marks);

/* The lists of which the tokens t[i..j) are exactly an entry (with the
 * capitalisation rule above), 0 if none. */
uint32_t gaz_lookup(const struct gazetteer *g, const struct tokens *t, size_t i, size_t j);

/* Serialise into b (appending; 8-byte aligned sizes) and view a
 * serialised gazetteer in place (the data must stay alive and be 8-byte
 * aligned); gaz_view returns the bytes used, or 0 with err_set() when the
 * data is malformed. */
void gaz_write(const struct gazetteer *g, struct buf *b);
size_t gaz_view(struct gazetteer *g, const void *data, size_t len);

#endif
