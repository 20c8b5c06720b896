/*
 * detect.h: entity detection, the public face of the detect layer.
 *
 * The pipeline (DESIGN.md §4): tokens and sentences (tokenize.h),
 * gazetteer matches (gazetteer.h), rules (rules.h), the averaged
 * perceptron over BILOU tags (tagger.h, feature.h), and a merge step
 * that applies nerve's conventions and yields non-overlapping spans with
 * a confidence each: PERSON, ORG, LOC, DATE, NORP, EVENT, MISC from the
 * tagger, TITLE (ranks and offices) from the rules.
 *
 * A model is one blob (the shipped file data/model/nerve.model, or a row
 * of the database's model table) holding everything detection needs: the
 * abbreviations, the compiled gazetteer, the word clusters and the
 * tagger's weights.  It is used in place, so loading it is reading it.
 * Training builds a blob from annotated documents and the lists in the
 * data directory.
 */
#ifndef NERVE_DETECT_H
#define NERVE_DETECT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/doc.h"

struct buf;
struct detector;

/* The data directory: $NERVE_DATADIR when set and not empty, else the
 * installed one (PKGDATADIR), else, when that does not exist, the source
 * tree's data/ (SRCDATADIR, defined by the build), so that a binary in
 * its build tree runs without being installed.  Borrowed. */
const char *detect_datadir(void);

/* The path of the shipped model in datadir (owned). */
char *detect_model_path(const char *datadir);

/* A detector from the shipped model of datadir (NULL: detect_datadir()).
 * NULL with err_set() naming the file when it is missing or malformed.
 * Owned: detector_free(). */
struct detector *detector_open(const char *datadir);
/* A detector from a model blob (copied).  NULL with err_set() when the
 * blob is malformed or made by an incompatible nerve. */
struct detector *detector_from_blob(const void *blob, size_t len);
/* The same, taking ownership of blob (malloc'd; freed on failure too). */
struct detector *detector_adopt(void *blob, size_t len);
void detector_free(struct detector **det);

/* What the model says of itself (the text given at training; borrowed). */
const char *detector_info(const struct detector *det);

/* Detect entities in text[0..len) (valid UTF-8, as stored) and append
 * them to out's spans (doc_push_span): code point offsets, type, status
 * "suggested", origin and annotator "detector" and a confidence in
 * (0, 1], sorted and not overlapping each other.  out->text is not
 * touched.  Returns the number of spans appended. */
size_t detect_doc(struct detector *det, const char *text, size_t len, struct doc *out);

/* ---- training ------------------------------------------------------------ */

/* A set of annotated documents to train on.  Their spans carry nerve's
 * type names (mapped already); spans with an empty type are ignored. */
struct train_set {
	const struct doc *docs;
	size_t ndocs;
	float weight;           /* each document counts this many times */
	int convention;         /* relabel GMB habits to nerve's convention */
	unsigned domain;        /* 1 for the shipped data, 2 for the team's: when
	                         * both are there, each domain gets features of
	                         * its own and the model tags as the last one */
};

struct train_opts {
	const char *datadir;    /* lists and clusters (NULL: detect_datadir()) */
	unsigned epochs;        /* 0: the default (3, or 8 with two domains) */
	const char *info;       /* stored in the model (detector_info()) */
	/* Called after each epoch (may be NULL). */
	void (*progress)(void *arg, unsigned epoch, unsigned epochs, size_t errors,
	                 size_t tokens);
	void *progress_arg;
};

/* Train a model on the sets and write its blob to out.  Returns 0, or -1
 * with err_set() (a list of the data directory that cannot be read, no
 * documents). */
int detect_train(const struct train_opts *o, const struct train_set *sets, size_t nsets,
                 struct buf *out);

/* The directory of the training set shipped in datadir (its JSON Lines
 * files are read by the caller; owned). */
char *detect_train_dir(const char *datadir);

#endif
