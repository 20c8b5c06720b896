/*
 * formats.h: readers and writers of the interchange formats.
 */
#ifndef NERVE_FORMATS_H
#define NERVE_FORMATS_H

#include <stddef.h>

#include "doc.h"

struct store;

/* Called for each document read; d is owned by the reader and finished
 * after the call (steal its fields by setting them to NULL).  Return 0
 * to go on, -1 to stop (the reader then returns -1). */
typedef int (*doc_fn)(struct doc *d, void *arg);

/* Read corpus-format JSON Lines from path ("-" for standard input) and
 * call fn for each non-blank line, with d->line set.  The whole file is
 * parsed before the first call, so a file with a bad line produces no
 * documents: -1 with err_set("PATH:LINE: reason").  st provides the
 * JSON functions (any open store, ":memory:" will do). */
int fmt_jsonl_read(struct store *st, const char *path, doc_fn fn, void *arg);

#endif
