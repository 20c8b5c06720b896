/*
 * fixtures.h: articles and entities for the unit tests that need a
 * database with a few in it (an in-memory store; CHECK from tap.h).
 */
#ifndef NERVE_FIXTURES_H
#define NERVE_FIXTURES_H

#include <stdio.h>
#include <string.h>

#include "lib/sha256.h"
#include "store/store.h"
#include "tap.h"

/* An article with title "T" (and its text's true sha256, which export
 * checks); its local id. */
static int64_t add_article(struct store *st, const char *ext_id, const char *text)
{
	struct article a = { 0 };
	char sha[65];
	sha256_hex(text, strlen(text), sha);
	a.ext_id = (char *)ext_id;
	a.title = "T";
	a.text = (char *)text;
	a.text_len = strlen(text);
	a.sha256 = sha;
	CHECK_INT(store_article_add(st, &a), 0);
	return a.id;
}

/* An entity, confidence 0.5, origin detector when the annotator is
 * "detector" (else analyst); its id. */
static int64_t add_entity(struct store *st, int64_t article, int64_t start, int64_t end,
                          const char *type, enum entity_status status, const char *annotator)
{
	struct entity e = { 0 };
	e.article = article;
	e.start = start;
	e.end = end;
	snprintf(e.type, sizeof e.type, "%s", type);
	e.status = status;
	e.origin = strcmp(annotator, "detector") == 0 ? ORIGIN_DETECTOR : ORIGIN_ANALYST;
	e.confidence = 0.5;
	snprintf(e.annotator, sizeof e.annotator, "%s", annotator);
	CHECK_INT(store_entity_add(st, &e), 0);
	return e.id;
}

#endif
