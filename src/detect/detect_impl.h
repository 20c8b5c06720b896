/*
 * detect_impl.h: private to detect.c and detect_train.c — the detector's
 * insides, shared by detection and training so that both see a text the
 * same way.
 */
#ifndef NERVE_DETECT_IMPL_H
#define NERVE_DETECT_IMPL_H

#include "detect.h"
#include "feature.h"
#include "gazetteer.h"
#include "rules.h"
#include "tagger.h"
#include "tokenize.h"
#include "lib/util.h"

/* The model file (the blob): "NERVEMDL", then four little-endian 32-bit
 * numbers (the format version, the section count, 0, 0), then the
 * sections, each {id (32 bits), 0 (32 bits), length (64 bits), data
 * padded to 8 bytes}, every number little endian.  The version is bumped
 * whenever tokens, features or the layout change: a model made with
 * another version is refused (train again). */
#define DETECT_MODEL_VERSION 5

enum model_section {
	SEC_INFO = 0x4F464E49u,     /* "INFO": a description (text, NUL-terminated) */
	SEC_ABBR = 0x52424241u,     /* "ABBR": abbreviations, one a line */
	SEC_GAZT = 0x545A4147u,     /* "GAZT": the gazetteer (gaz_write) */
	SEC_CLUS = 0x53554C43u,     /* "CLUS": word clusters (clusters_write) */
	SEC_TAGR = 0x52474154u,     /* "TAGR": the tagger (tagger_trainer_write);
	                             * absent in a blob that only prepares texts */
	SEC_CALB = 0x424C4143u,     /* "CALB": the confidence model: CAL_NFEAT
	                             * weights (little-endian float bits) */
};

/* The confidence of a suggestion is a logistic regression over these
 * inputs of its span, fitted at training on held-out folds of the
 * training documents (detect_train.c). */
enum {
	CAL_BIAS, CAL_MARGIN, CAL_LOGMARGIN, CAL_NOMARGIN,
	CAL_PERSON, CAL_ORG, CAL_LOC, CAL_DATE, CAL_TITLE,
	CAL_LEN1, CAL_LEN3, CAL_ACRONYM, CAL_LISTED, CAL_UNKNOWN, CAL_RULE, CAL_SENT0,
	CAL_DOC_UNKNOWN,        /* share of the text's capitalised words without a cluster */
	CAL_NFEAT
};

enum { MAX_TYPES = TAGGER_MAX_TYPES + 1 };

/* A span over tokens [a, b). */
struct dspan {
	uint32_t a, b;
	int type;               /* index into detector.types */
	float conf;
	float margin;           /* the tagger's least margin over it, or -1 */
	uint8_t rule;           /* found by a rule, or supported by one */
};

struct dspans {
	struct dspan *v;
	size_t n, cap;
};

struct detector {
	char *blob;             /* owned, 8-byte aligned */
	size_t bloblen;
	const char *info;
	const char *abbr;       /* the ABBR section (in blob) */
	size_t abbr_len;
	struct tok_abbrevs *abbrevs;
	struct gazetteer gaz;
	struct clusters clusters;
	struct tagger tagger;
	int has_tagger;
	float cal[CAL_NFEAT];   /* the confidence model (has_cal) */
	int has_cal;
	uint64_t salt;          /* domain features to add (feat_doc.salt) */
	struct feat_res res;
	struct rule_lists rl;
	/* gazetteer list bits the conventions use */
	uint32_t l_countries, l_regions, l_cities, l_demonyms, l_titles, l_groups,
	         l_places, l_facilities;
	/* entity types: the tagger's, then TITLE when it has none */
	char types[MAX_TYPES][TAGGER_TYPE_LEN];
	unsigned ntypes;
	int t_person, t_org, t_loc, t_date, t_title;
	/* scratch of one document */
	struct tokens toks;
	struct gaz_marks *marks;
	size_t capmarks;
	struct rule_spans rules;
	struct feat_doc fd;
	struct tagger_out out;
	struct dspans spans;
	struct dspans conv;     /* scratch of detect_conventions() */
	float doc_unknown;      /* CAL_DOC_UNKNOWN of the text prepared */
	/* what the team's decisions taught it (online.c) */
	struct tagger_overlay overlay;  /* online updates, on top of the tagger */
	struct detect_memory *memory;   /* decisions across the corpus, or NULL */
};

/* online.c: apply the memory of decisions to det->spans (after the
 * merge; text is the one prepared), and release what online.c
 * allocated. */
void detect_memory_apply(struct detector *det, const char *text);
void detect_online_finish(struct detector *det);

/* Where the piece of text that detection works on at once ends. */
size_t detect_piece_end(const char *text, size_t len);

/* Build a blob from its parts (tagger may be NULL: a detector that only
 * prepares texts, for training; cal may be NULL: confidence from the
 * tagger's margin alone). */
void detect_blob_build(struct buf *out, const char *info, const char *abbrevs,
                       size_t abbrevs_len, const struct gazetteer *gaz,
                       const struct clusters *clusters, const struct buf *tagger,
                       const float *cal);
/* A detector owning blob (malloc'd; freed on failure too). */
struct detector *detect_from_owned(char *blob, size_t len);

/* Tokens, gazetteer marks, rules and static features of a text (with
 * the domain features of det->salt). */
void detect_prepare(struct detector *det, const char *text, size_t len);
/* The whole pipeline: det->spans gets the merged spans (sorted). */
void detect_run(struct detector *det, const char *text, size_t len);

/* Index of type name in det->types, or -1. */
int detect_type_index(const struct detector *det, const char *name);

/* The longest title (ranks, offices) or honorific at the start of tokens
 * [a, b): its end, or a when there is none. */
size_t detect_title_end(const struct detector *det, size_t a, size_t b);
/* 1 when tokens [a, b) hold a calendar anchor. */
int detect_has_anchor(const struct detector *det, size_t a, size_t b);
/* Lists of which tokens [a, b) are exactly an entry (gaz_lookup). */
uint32_t detect_lookup(const struct detector *det, size_t a, size_t b);

/* The conventions of DESIGN.md §4 applied to the tagger's spans in
 * det->spans (after detect_prepare() of their text): titles apart from
 * names, places as LOC, initials with their surname, no punctuation at
 * the edges, dates with an anchor.  The spans may change, split or go. */
void detect_conventions(struct detector *det);
/* The calibration inputs of span d of the text last prepared. */
void detect_cal_inputs(const struct detector *det, const struct dspan *d, double x[CAL_NFEAT]);

/* Consistency within the text: short mentions of the people found, and
 * one type for each repeated string (det->spans sorted by start). */
void detect_consistency(struct detector *det);

/* The gold spans of d as training takes them, relabelled to nerve's
 * conventions (DESIGN.md §4), appended to out (code points, type names),
 * with the lists of datadir; -1 with err_set() when they cannot be read. */
int detect_train_clean(const char *datadir, const struct doc *d, struct doc *out);

void dspans_push(struct dspans *s, uint32_t a, uint32_t b, int type, float conf);

#endif
