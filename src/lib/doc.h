/*
 * doc.h: a document with its annotations, as readers produce and
 * writers, the detector and the trainer consume it.  Plain data shared by
 * every layer from the store up.
 *
 * Offsets are code points of text, end exclusive.
 */
#ifndef NERVE_DOC_H
#define NERVE_DOC_H

#include <stddef.h>
#include <stdint.h>

/* One annotated span.  The optional fields are set by readers of files
 * that carry them (nerve's own exports); 'has' says which. */
struct span {
	int64_t start, end;         /* code points */
	char type[64];
	char status[16];            /* "suggested", "accepted", "rejected" */
	char origin[16];            /* "detector", "analyst", "import" */
	char annotator[64];
	double confidence;
	char *text;                 /* the span's text as the file gave it, or NULL (owned) */
	int64_t referent;           /* export: the entity's referent, or 0 */
	const char *referent_name;  /* export: its name (borrowed), or NULL */
	char *referent_in;          /* import: the referent's name the file gave
	                               (owned), or NULL */
	int64_t original_start, original_end;   /* SPAN_HAS_ORIGINAL: the detector's */
	char original_type[64];     /* span and type before an analyst changed them */
	unsigned has;               /* SPAN_HAS_* bits */
	size_t line;                /* its line in the file, for messages; 0: the document's */
};
enum {
	SPAN_HAS_STATUS = 1, SPAN_HAS_ORIGIN = 2, SPAN_HAS_ANNOTATOR = 4,
	SPAN_HAS_CONFIDENCE = 8, SPAN_HAS_ORIGINAL = 16,
};

struct doc {
	char *id;                   /* external id, or NULL (owned) */
	char *title;                /* or NULL (owned) */
	char *date;                 /* published date, or NULL (owned) */
	char *text;                 /* UTF-8 as read, NUL-terminated (owned) */
	size_t text_len;            /* bytes */
	struct span *spans;         /* owned */
	size_t nspans, capspans;
	int has_entities;           /* the source carried an entity list (even empty) */
	size_t line;                /* line in its file, for messages (1-based), or 0 */
};

/* Append a zeroed span and return it (borrowed, valid until the next push). */
struct span *doc_push_span(struct doc *d);
/* Release what d owns and zero it. */
void doc_finish(struct doc *d);

#endif
