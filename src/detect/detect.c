/*
 * detect.c: the detection pipeline, the model blob and the merge step
 * that applies nerve's conventions (see detect.h).
 *
 * Blob layout (native byte order, checked): "NERVEMDL", version, byte
 * order mark, section count, then sections {id, length, data padded to
 * 8 bytes}: INFO (text), ABBR (abbreviations, one a line), GAZT
 * (gazetteer), CLUS (word clusters), TAGR (tagger; absent in a blob that
 * only prepares texts for training).
 */
#include "config.h"
#include "detect.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "detect_impl.h"
#include "text/text.h"

#define SEC_INFO 0x4F464E49u    /* "INFO" */
#define SEC_ABBR 0x52424241u    /* "ABBR" */
#define SEC_GAZT 0x545A4147u    /* "GAZT" */
#define SEC_CLUS 0x53554C43u    /* "CLUS" */
#define SEC_TAGR 0x52474154u    /* "TAGR" */
#define BYTE_ORDER_MARK 0x01020304u

const char *detect_datadir(void)
{
	const char *d = getenv("NERVE_DATADIR");
	struct stat st;

	if (d && d[0])
		return d;
#ifdef SRCDATADIR
	/* A binary that was built but not installed runs from its build
	 * tree: its data is the source tree's.  Once installed, the
	 * installed directory exists and the source tree is never read. */
	if (stat(PKGDATADIR, &st) != 0 && stat(SRCDATADIR, &st) == 0)
		return SRCDATADIR;
#endif
	(void)st;
	return PKGDATADIR;
}

char *detect_model_path(const char *datadir)
{
	return xasprintf("%s/model/nerve.model", datadir ? datadir : detect_datadir());
}

char *detect_train_dir(const char *datadir)
{
	return xasprintf("%s/train", datadir ? datadir : detect_datadir());
}

void dspans_push(struct dspans *s, uint32_t a, uint32_t b, int type, float conf)
{
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n].a = a;
	s->v[s->n].b = b;
	s->v[s->n].type = type;
	s->v[s->n].conf = conf;
	s->v[s->n].margin = -1;
	s->n++;
}

/* ---- the blob ------------------------------------------------------------ */

static void section(struct buf *b, uint32_t id, const void *data, size_t len)
{
	static const char zero[8];
	uint32_t h[2] = { id, 0 };
	uint64_t n = len;
	buf_add(b, (const char *)h, sizeof h);
	buf_add(b, (const char *)&n, sizeof n);
	buf_add(b, data, len);
	buf_add(b, zero, ((len + 7) & ~(size_t)7) - len);
}

void detect_blob_build(struct buf *out, const char *info, const char *abbrevs,
                       size_t abbrevs_len, const struct gazetteer *gaz,
                       const struct clusters *clusters, const struct buf *tagger)
{
	uint32_t head[4] = { DETECT_MODEL_VERSION, BYTE_ORDER_MARK, tagger ? 5 : 4, 0 };
	buf_add(out, "NERVEMDL", 8);
	buf_add(out, (const char *)head, sizeof head);
	section(out, SEC_INFO, info ? info : "", (info ? strlen(info) : 0) + 1);
	section(out, SEC_ABBR, abbrevs, abbrevs_len);
	struct buf tmp = BUF_INIT;
	gaz_write(gaz, &tmp);
	section(out, SEC_GAZT, tmp.data, tmp.len);
	buf_clear(&tmp);
	clusters_write(clusters, &tmp);
	section(out, SEC_CLUS, tmp.data, tmp.len);
	buf_free(&tmp);
	if (tagger)
		section(out, SEC_TAGR, tagger->data, tagger->len);
}

int detect_type_index(const struct detector *det, const char *name)
{
	for (unsigned i = 0; i < det->ntypes; i++)
		if (strcmp(det->types[i], name) == 0)
			return (int)i;
	return -1;
}

static uint32_t list_bit(const struct gazetteer *g, const char *name)
{
	int id = gaz_find_list(g, name);
	return id < 0 ? 0 : 1u << id;
}

/* Set up the parts that depend on the lists and types. */
static void wire(struct detector *det)
{
	const struct gazetteer *g = &det->gaz;
	det->l_countries = list_bit(g, "countries");
	det->l_regions = list_bit(g, "regions");
	det->l_cities = list_bit(g, "cities");
	det->l_demonyms = list_bit(g, "demonyms");
	det->l_titles = list_bit(g, "ranks") | list_bit(g, "offices");
	det->l_first = list_bit(g, "first_names");
	det->l_groups = list_bit(g, "groups");
	det->res.gaz = g;
	det->res.clusters = &det->clusters;
	det->res.common_words = list_bit(g, "common_words");
	det->res.titles = det->l_titles;
	det->res.first_names = det->l_first;
	det->rl.titles = det->l_titles;
	det->rl.org_words = list_bit(g, "org_words");
	det->rl.places = det->l_countries | det->l_regions | det->l_cities;

	det->ntypes = 0;
	if (det->has_tagger) {
		for (unsigned i = 0; i < det->tagger.ntypes; i++)
			memcpy(det->types[det->ntypes++], det->tagger.types[i], TAGGER_TYPE_LEN);
	}
	if (detect_type_index(det, "TITLE") < 0)
		snprintf(det->types[det->ntypes++], TAGGER_TYPE_LEN, "TITLE");
	det->t_person = detect_type_index(det, "PERSON");
	det->t_org = detect_type_index(det, "ORG");
	det->t_loc = detect_type_index(det, "LOC");
	det->t_date = detect_type_index(det, "DATE");
	det->t_norp = detect_type_index(det, "NORP");
	det->t_title = detect_type_index(det, "TITLE");
}

struct detector *detect_from_owned(char *blob, size_t len)
{
	struct detector *det = xcalloc(1, sizeof *det);
	det->blob = blob;
	det->bloblen = len;
	det->abbrevs = tok_abbrevs_new();
	uint32_t head[4];
	if (len < 24 || memcmp(blob, "NERVEMDL", 8) != 0) {
		err_set(_("not a nerve model"));
		goto fail;
	}
	memcpy(head, blob + 8, sizeof head);
	if (head[1] != BYTE_ORDER_MARK) {
		err_set(_("the model was made on a machine of another byte order"));
		goto fail;
	}
	if (head[0] != DETECT_MODEL_VERSION) {
		err_set(_("the model was made by another version of nerve (model format %u, "
		          "this nerve reads %u); train it again"),
		        head[0], DETECT_MODEL_VERSION);
		goto fail;
	}
	int have_gaz = 0, have_clus = 0;
	size_t off = 24;
	for (uint32_t s = 0; s < head[2]; s++) {
		uint32_t h[2];
		uint64_t n;
		if (off + 16 > len)
			goto bad;
		memcpy(h, blob + off, sizeof h);
		memcpy(&n, blob + off + 8, sizeof n);
		off += 16;
		if (n > len - off)
			goto bad;
		const char *p = blob + off;
		switch (h[0]) {
		case SEC_INFO:
			if (n == 0 || p[n - 1] != '\0')
				goto bad;
			det->info = p;
			break;
		case SEC_ABBR:
			for (size_t i = 0; i < n;) {
				const char *nl = memchr(p + i, '\n', n - i);
				size_t e = nl ? (size_t)(nl - p) : n;
				if (e > i)
					tok_abbrevs_add(det->abbrevs, p + i, e - i);
				i = e + 1;
			}
			break;
		case SEC_GAZT:
			if (gaz_view(&det->gaz, p, n) == 0)
				goto fail;
			have_gaz = 1;
			break;
		case SEC_CLUS:
			if (clusters_view(&det->clusters, p, n) == 0)
				goto fail;
			have_clus = 1;
			break;
		case SEC_TAGR:
			if (tagger_view(&det->tagger, p, n) == 0)
				goto fail;
			det->has_tagger = 1;
			break;
		default:
			break;
		}
		off += (n + 7) & ~(uint64_t)7;
	}
	if (!have_gaz || !have_clus || !det->info)
		goto bad;
	if (det->has_tagger)
		det->salt = feat_domain_salt(det->tagger.domain);
	wire(det);
	return det;
bad:
	err_set(_("the model is damaged"));
fail:
	detector_free(&det);
	return NULL;
}

struct detector *detector_from_blob(const void *blob, size_t len)
{
	char *copy = xmalloc(len ? len : 1);
	memcpy(copy, blob, len);
	return detect_from_owned(copy, len);
}

struct detector *detector_adopt(void *blob, size_t len)
{
	struct detector *det = detect_from_owned(blob, len);
	if (det && !det->has_tagger) {
		err_set(_("the model has no tagger"));
		detector_free(&det);
	}
	return det;
}

struct detector *detector_open(const char *datadir)
{
	char *path = detect_model_path(datadir);
	char *data;
	size_t len;
	struct detector *det = NULL;
	if (read_file(path, &data, &len) == 0) {
		det = detect_from_owned(data, len);
		if (!det)
			err_set("%s: %s", path, err_msg());
		else if (!det->has_tagger) {
			err_set(_("%s: the model has no tagger"), path);
			detector_free(&det);
		}
	}
	free(path);
	return det;
}

void detector_free(struct detector **pdet)
{
	struct detector *det = *pdet;
	if (!det)
		return;
	tok_abbrevs_free(&det->abbrevs);
	gaz_finish(&det->gaz);
	clusters_finish(&det->clusters);
	tokens_finish(&det->toks);
	free(det->marks);
	rules_finish(&det->rules);
	feat_doc_finish(&det->fd);
	tagger_out_finish(&det->out);
	free(det->spans.v);
	free(det->blob);
	free(det);
	*pdet = NULL;
}

const char *detector_info(const struct detector *det)
{
	return det->info ? det->info : "";
}

/* ---- the pipeline ---------------------------------------------------------- */

void detect_prepare(struct detector *det, const char *text, size_t len)
{
	tokenize(det->abbrevs, text, len, &det->toks);
	size_t n = det->toks.n;
	if (det->capmarks < n + 1) {
		free(det->marks);
		det->capmarks = n + 1 + n / 2;
		det->marks = xmalloc(det->capmarks * sizeof *det->marks);
	}
	gaz_match(&det->gaz, &det->toks, det->marks);
	rules_apply(&det->rl, &det->toks, det->marks, &det->rules);
	det->fd.salt = det->salt;
	feat_static(&det->res, &det->toks, det->marks, &det->rules, &det->fd);
}

/* Honorifics: not titles (no TITLE span), but not part of the name. */
static const char *const honorifics[] = {
	"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame",
	"madam", "madame", "mme", "mme.", "mister", "messrs", "messrs.", "lord", "lady",
	"prof", "prof.", "professor", "sheikh", "shaikh",
};

static int honorific(const struct tokens *t, size_t i)
{
	if (i >= t->n || !(t->v[i].flags & TOKF_UPPER_INIT))
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(honorifics); k++)
		if (rules_tok_is(t, i, honorifics[k]))
			return 1;
	return 0;
}

size_t detect_title_end(const struct detector *det, size_t a, size_t b)
{
	const struct tokens *t = &det->toks;
	const struct gaz_marks *m = det->marks;
	size_t e = a;
	for (;;) {
		if (e < b && honorific(t, e)) {
			e++;
			continue;
		}
		if (e >= b || !((m[e].b | m[e].u) & det->l_titles))
			break;
		/* the longest title entry starting at e */
		size_t best = e;
		for (size_t k = e; k < b && k < e + GAZ_MAX_TOKENS; k++) {
			if (k == e && (m[k].u & det->l_titles))
				best = k + 1;
			if (k > e && (m[k].l & det->l_titles) && gaz_lookup(&det->gaz, t, e, k + 1))
				best = k + 1;
		}
		if (best == e)
			break;
		e = best;
	}
	return e;
}

int detect_has_anchor(const struct detector *det, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (rules_is_anchor(&det->toks, k))
			return 1;
	return 0;
}

uint32_t detect_lookup(const struct detector *det, size_t a, size_t b)
{
	return gaz_lookup(&det->gaz, &det->toks, a, b);
}

/* The least margin of the tagger's decisions over tokens [a, b). */
static float min_margin(const float *margin, size_t a, size_t b)
{
	float m = margin[a];
	for (size_t k = a + 1; k < b; k++)
		if (margin[k] < m)
			m = margin[k];
	return m;
}

/* A margin as a probability of being right, calibrated at training. */
static float confidence(const struct detector *det, float margin)
{
	float c = 1.0f / (1.0f + expf(-(det->tagger.cal_a * margin + det->tagger.cal_b)));
	return c < 0.01f ? 0.01f : c > 0.99f ? 0.99f : c;
}

static int overlaps(const struct dspans *s, uint32_t a, uint32_t b, size_t *which)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].a < b && a < s->v[i].b) {
			if (which)
				*which = i;
			return 1;
		}
	}
	return 0;
}

static int cmp_dspan(const void *x, const void *y)
{
	const struct dspan *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* A currency right after the token (US$, US dollars): money, not a place. */
static int before_money(const struct tokens *t, size_t b)
{
	if (b >= t->n)
		return 0;
	const struct token *k = &t->v[b];
	if (k->kind == TOK_SYMBOL && !(k->flags & TOKF_SPACE_BEFORE))
		return 1;
	return rules_tok_is(t, b, "dollar") || rules_tok_is(t, b, "dollars");
}

/* A clock time (8:00 a.m.) in tokens [a, b): no entity. */
static int has_clock(const struct tokens *t, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++) {
		if (t->v[k].kind != TOK_WORD || k == 0 || t->v[k - 1].kind != TOK_NUMBER)
			continue;
		if (rules_tok_is(t, k, "a.m.") || rules_tok_is(t, k, "p.m.") ||
		    rules_tok_is(t, k, "a.m") || rules_tok_is(t, k, "p.m") ||
		    rules_tok_is(t, k, "am") || rules_tok_is(t, k, "pm"))
			return 1;
	}
	return 0;
}

/* Surnames of the people found: later (and earlier) mentions of the
 * surname alone are the same person. */
static void propagate_names(struct detector *det)
{
	const struct tokens *t = &det->toks;
	struct dspans *s = &det->spans;
	if (det->t_person < 0)
		return;
	uint64_t names[64];
	size_t nn = 0;
	for (size_t k = 0; k < s->n && nn < ARRAY_SIZE(names); k++) {
		const struct dspan *d = &s->v[k];
		if (d->type != det->t_person || d->b - d->a < 2)
			continue;
		const struct token *last = &t->v[d->b - 1];
		if (last->kind != TOK_WORD || !(last->flags & TOKF_UPPER_INIT) || last->ncp < 2)
			continue;
		names[nn++] = det->fd.wid[d->b - 1];
	}
	if (!nn)
		return;
	/* spans sorted by start: walk tokens and spans together */
	size_t k = 0, n0 = s->n;
	for (size_t i = 0; i < t->n; i++) {
		while (k < n0 && s->v[k].b <= i)
			k++;
		const struct token *tk = &t->v[i];
		if (tk->kind != TOK_WORD || !(tk->flags & TOKF_UPPER_INIT))
			continue;
		size_t j = 0;
		while (j < nn && names[j] != det->fd.wid[i])
			j++;
		if (j == nn)
			continue;
		if (k < n0 && s->v[k].a <= i) {
			/* inside a span: a lone word of another type becomes the person */
			struct dspan *d = &s->v[k];
			if (d->b - d->a == 1 && d->type != det->t_person && d->type != det->t_date &&
			    d->conf < 0.7f)
				d->type = det->t_person;
			continue;
		}
		if ((i + 1 < t->n && (t->v[i + 1].flags & TOKF_UPPER_INIT) &&
		     !(t->v[i + 1].flags & TOKF_SENT_START)))
			continue; /* part of a longer name we did not find */
		dspans_push(s, (uint32_t)i, (uint32_t)i + 1, det->t_person, 0.6f);
	}
}

/* The tagger's spans, then the conventions and the rules. */
static void merge(struct detector *det)
{
	const struct tokens *t = &det->toks;
	struct dspans *s = &det->spans;
	s->n = 0;
	if (det->has_tagger) {
		const uint8_t *tags = det->out.tags;
		for (size_t i = 0; i < t->n; i++) {
			unsigned tag = tags[i];
			if (tag == 0)
				continue;
			size_t a = i;
			while (i + 1 < t->n && tag_pos(tags[i]) < 2 && tags[i + 1] != 0)
				i++;
			int type = (int)tag_type(tag);
			float margin = min_margin(det->out.margin, a, i + 1);
			float conf = confidence(det, margin);
			size_t b = i + 1;
			if (has_clock(t, a, b))
				continue;
			if (type != det->t_title && det->t_title >= 0) {
				/* a title alone ("the Crown Prince") is a TITLE */
				size_t a2 = rules_tok_is(t, a, "the") ? a + 1 : a;
				if (a2 < b && detect_title_end(det, a2, b) == b && !honorific(t, b - 1)) {
					dspans_push(s, (uint32_t)a2, (uint32_t)b, det->t_title, conf);
					continue;
				}
			}
			/* a country is a place, unless the tagger reads it as an
			 * organisation acting ("Turkey said": its government) */
			if (type != det->t_loc && type != det->t_org && det->t_loc >= 0 &&
			    (detect_lookup(det, a, b) & det->l_countries) && !before_money(t, b))
				type = det->t_loc;
			if (type == det->t_person) {
				/* titles and honorifics are not part of the name */
				size_t e = detect_title_end(det, a, b);
				if (e > a && e < b) {
					size_t k = a;
					while (k < e && honorific(t, k))
						k++;
					if (k < e && det->t_title >= 0)
						dspans_push(s, (uint32_t)k, (uint32_t)e, det->t_title, conf);
					a = e;
					if (!(t->v[a].flags & (TOKF_UPPER_INIT | TOKF_ALL_UPPER)))
						continue; /* "President of ...": no name */
				}
			} else if (type == det->t_date) {
				if (!detect_has_anchor(det, a, b))
					continue;
			} else if (type == det->t_loc) {
				if (before_money(t, b))
					continue;
			}
			dspans_push(s, (uint32_t)a, (uint32_t)b, type, conf);
			s->v[s->n - 1].margin = margin;
		}
		propagate_names(det);
		if (s->n > 1)
			qsort(s->v, s->n, sizeof *s->v, cmp_dspan);
	}
	/* rule matches where the tagger found nothing; strong dates widen an
	 * overlapping date */
	size_t ntagger = s->n;
	for (size_t r = 0; r < det->rules.n; r++) {
		const struct rule_span *rs = &det->rules.v[r];
		int type = -1;
		float conf = 0.6f;
		switch (rs->kind) {
		case RULE_DATE:
			type = det->t_date;
			conf = 0.8f;
			break;
		case RULE_TITLE:
			type = det->t_title;
			conf = 0.7f;
			break;
		case RULE_DATELINE:
			type = det->t_loc;
			conf = 0.8f;
			break;
		default:
			break;
		}
		if (type < 0)
			continue;
		size_t w;
		if (rs->kind == RULE_DATELINE && overlaps(s, rs->start, rs->end, &w) &&
		    s->v[w].a == rs->start && s->v[w].b == rs->end) {
			s->v[w].type = type;   /* the dateline's place */
			continue;
		}
		if (overlaps(s, rs->start, rs->end, &w)) {
			if (rs->kind == RULE_DATE && s->v[w].type == det->t_date && w < ntagger) {
				struct dspan *d = &s->v[w];
				uint32_t a = rs->start < d->a ? rs->start : d->a;
				uint32_t b = rs->end > d->b ? rs->end : d->b;
				/* widen only when nothing else is in the way */
				struct dspan keep = *d;
				d->a = d->b = 0;
				if (!overlaps(s, a, b, NULL)) {
					keep.a = a;
					keep.b = b;
				}
				*d = keep;
			}
			continue;
		}
		dspans_push(s, rs->start, rs->end, type, conf);
	}
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_dspan);
}

void detect_run(struct detector *det, const char *text, size_t len)
{
	detect_prepare(det, text, len);
	if (det->has_tagger)
		tagger_decode(&det->tagger, &det->fd, &det->out);
	merge(det);
}

/* Detection works on pieces of at most this many bytes, so that its
 * memory (several hundred bytes a token) stays bounded for any input. */
#define PIECE_BYTES ((size_t)1 << 18)

/* Where the piece that starts at text[0] should end: all of it when it is
 * short enough, else after the last line end, sentence end or space
 * before PIECE_BYTES, else at a code point boundary. */
static size_t piece_end(const char *text, size_t len)
{
	if (len <= PIECE_BYTES)
		return len;
	size_t space = 0, stop = 0;
	for (size_t i = PIECE_BYTES; i > PIECE_BYTES / 2; i--) {
		if (text[i - 1] == '\n')
			return i;
		if (!stop && i >= 2 && text[i - 1] == ' ' && text[i - 2] == '.')
			stop = i;
		if (!space && text[i - 1] == ' ')
			space = i;
	}
	if (stop)
		return stop;
	if (space)
		return space;
	size_t i = PIECE_BYTES;
	while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Detect in text (one piece) and append its spans to out, their offsets
 * shifted by cp0 code points. */
static size_t detect_piece(struct detector *det, const char *text, size_t len, int64_t cp0,
                           struct doc *out)
{
	detect_run(det, text, len);
	const struct tokens *t = &det->toks;
	size_t added = 0;
	for (size_t i = 0; i < det->spans.n; i++) {
		const struct dspan *d = &det->spans.v[i];
		if (d->b <= d->a || d->type < 0)
			continue;
		struct span *sp = doc_push_span(out);
		sp->start = cp0 + t->v[d->a].c0;
		sp->end = cp0 + t->v[d->b - 1].c1;
		snprintf(sp->type, sizeof sp->type, "%s", det->types[d->type]);
		snprintf(sp->status, sizeof sp->status, "suggested");
		snprintf(sp->origin, sizeof sp->origin, "detector");
		snprintf(sp->annotator, sizeof sp->annotator, "detector");
		sp->confidence = d->conf;
		sp->has = SPAN_HAS_STATUS | SPAN_HAS_ORIGIN | SPAN_HAS_ANNOTATOR | SPAN_HAS_CONFIDENCE;
		added++;
	}
	return added;
}

size_t detect_doc(struct detector *det, const char *text, size_t len, struct doc *out)
{
	size_t added = 0, pos = 0;
	int64_t cp0 = 0;
	do {
		size_t n = piece_end(text + pos, len - pos);
		added += detect_piece(det, text + pos, n, cp0, out);
		cp0 += (int64_t)text_cp_len(text + pos, n);
		pos += n;
	} while (pos < len);
	return added;
}
