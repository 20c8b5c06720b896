/*
 * detect.c: the detection pipeline, the model blob and the merge step
 * that applies nerve's conventions (see detect.h).
 *
 * The blob's layout is in detect_impl.h.
 */
#include "config.h"
#include "detect.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "detect_impl.h"
#include "lib/byteorder.h"
#include "text/text.h"


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
	s->v[s->n].rule = 0;
	s->n++;
}

/* ---- the blob ------------------------------------------------------------ */

static void section(struct buf *b, uint32_t id, const void *data, size_t len)
{
	static const char zero[8];
	unsigned char h[16];
	put_le32(h, id);
	put_le32(h + 4, 0);
	put_le64(h + 8, len);
	buf_add(b, (const char *)h, sizeof h);
	buf_add(b, data, len);
	buf_add(b, zero, ((len + 7) & ~(size_t)7) - len);
}

void detect_blob_build(struct buf *out, const char *info, const char *abbrevs,
                       size_t abbrevs_len, const struct gazetteer *gaz,
                       const struct clusters *clusters, const struct buf *tagger,
                       const float *cal)
{
	unsigned char head[16] = { 0 };
	put_le32(head, DETECT_MODEL_VERSION);
	put_le32(head + 4, 4 + (tagger != NULL) + (cal != NULL));
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
	if (cal) {
		unsigned char w[4 * CAL_NFEAT];
		for (unsigned i = 0; i < CAL_NFEAT; i++) {
			union { float f; uint32_t u; } x = { cal[i] };
			put_le32(w + 4 * i, x.u);
		}
		section(out, SEC_CALB, w, sizeof w);
	}
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
	det->l_groups = list_bit(g, "groups");
	det->l_places = det->l_countries | det->l_regions;
	det->l_facilities = list_bit(g, "facilities");
	det->res.gaz = g;
	det->res.clusters = &det->clusters;
	det->res.common_words = list_bit(g, "common_words");
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
	det->t_title = detect_type_index(det, "TITLE");
}

struct detector *detect_from_owned(char *blob, size_t len)
{
	struct detector *det = xcalloc(1, sizeof *det);
	det->blob = blob;
	det->bloblen = len;
	det->abbrevs = tok_abbrevs_new();
	if (len < 24 || memcmp(blob, "NERVEMDL", 8) != 0) {
		err_set(_("not a nerve model"));
		goto fail;
	}
	uint32_t version = get_le32(blob + 8), nsections = get_le32(blob + 12);
	if (version != DETECT_MODEL_VERSION) {
		err_set(_("the model was made by another version of nerve (model format %u, "
		          "this nerve reads %u); train it again"),
		        version, DETECT_MODEL_VERSION);
		goto fail;
	}
	int have_gaz = 0, have_clus = 0;
	size_t off = 24;
	for (uint32_t s = 0; s < nsections; s++) {
		if (off + 16 > len)
			goto bad;
		uint32_t id = get_le32(blob + off);
		uint64_t n = get_le64(blob + off + 8);
		off += 16;
		if (n > len - off)
			goto bad;
		const char *p = blob + off;
		switch (id) {
		case SEC_INFO:
			if (n == 0 || p[n - 1] != '\0')
				goto bad;
			det->info = p;
			break;
		case SEC_ABBR:
			det->abbr = p;
			det->abbr_len = n;
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
		case SEC_CALB:
			if (n != 4 * CAL_NFEAT)
				goto bad;
			for (unsigned i = 0; i < CAL_NFEAT; i++) {
				union { uint32_t u; float f; } x = { get_le32(p + 4 * i) };
				if (!(x.f > -1e4f && x.f < 1e4f))
					goto bad;
				det->cal[i] = x.f;
			}
			det->has_cal = 1;
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
	tagger_finish(&det->tagger);
	tokens_finish(&det->toks);
	free(det->marks);
	rules_finish(&det->rules);
	feat_doc_finish(&det->fd);
	tagger_out_finish(&det->out);
	detect_online_finish(det);
	free(det->spans.v);
	free(det->conv.v);
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
	/* how unlike the clusters' text this one is: names from elsewhere */
	size_t caps = 0, unknown = 0;
	for (size_t i = 0; i < n; i++) {
		const struct token *k = &det->toks.v[i];
		if (k->kind != TOK_WORD || !(k->flags & TOKF_UPPER_INIT) || (k->flags & TOKF_SENT_START))
			continue;
		caps++;
		unknown += det->fd.cluster[i] == 0;
	}
	det->doc_unknown = caps ? (float)unknown / (float)caps : 0;
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

/* An initial: one capital letter and its period ("Z.", "R."). */
static int initial(const struct tokens *t, size_t i)
{
	const struct token *k = &t->v[i];
	return i < t->n && k->kind == TOK_WORD && (k->flags & TOKF_PERIOD) &&
	       (k->flags & TOKF_UPPER_INIT) && k->ncp == 2;
}

/* A word that can be part of a person's name: capitalised, a word, no
 * honorific or title. */
static int name_word(const struct detector *det, size_t i)
{
	const struct tokens *t = &det->toks;
	const struct token *k = &t->v[i];
	return k->kind == TOK_WORD && (k->flags & (TOKF_UPPER_INIT | TOKF_ALL_UPPER)) &&
	       !honorific(t, i) && !((det->marks[i].b | det->marks[i].u) & det->l_titles);
}

/* 1 when tokens [a, b) hold an organisation head word ("Ministry"). */
static int has_org_word(const struct detector *det, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++) {
		const struct gaz_marks *m = &det->marks[k];
		if ((m->b | m->i | m->l | m->u) & det->rl.org_words)
			return 1;
	}
	return 0;
}

/* Tokens [a, b) look like a person's name: capitalised words (and
 * initials, hyphens, particles inside), no organisation word, no place
 * that is all of it. */
static int person_like(const struct detector *det, size_t a, size_t b)
{
	const struct tokens *t = &det->toks;
	if (a >= b || !name_word(det, a) || !name_word(det, b - 1))
		return 0;
	if ((detect_lookup(det, a, b) & (det->l_places | det->l_demonyms)) ||
	    has_org_word(det, a, b))
		return 0;
	for (size_t k = a; k < b; k++)
		if (t->v[k].kind == TOK_NUMBER)
			return 0;
	return 1;
}

/* Punctuation and symbols a span never begins or ends with: dashes,
 * commas, colons, semicolons, quotes, brackets, a sentence's period.  A
 * period of an abbreviation or an initial is part of its word token and
 * stays. */
static int edge_punct(const struct tokens *t, size_t i)
{
	return t->v[i].kind == TOK_PUNCT || t->v[i].kind == TOK_SYMBOL;
}

/* Add span [a, b) of type to out, with the conventions of DESIGN.md §4
 * applied to what the tagger said: it may become several spans (a title
 * and a name), another type, or nothing. */
static void push_piece(struct dspans *out, uint32_t a, uint32_t b, int type, float conf,
                       float margin)
{
	dspans_push(out, a, b, type, conf);
	out->v[out->n - 1].margin = margin;
}

static void convention(struct detector *det, uint32_t a, uint32_t b, int type, float conf,
                       float margin, struct dspans *out)
{
	const struct tokens *t = &det->toks;
	while (a < b && edge_punct(t, a))
		a++;
	while (b > a && edge_punct(t, b - 1))
		b--;
	if (a >= b || has_clock(t, a, b))
		return;
	if (type == det->t_date) {
		if (detect_has_anchor(det, a, b))
			push_piece(out, a, b, type, conf, margin);
		return;
	}
	/* "US" in "US$ 5 million": money, not a place or an organisation */
	if (before_money(t, b) && b - a == 1 && type != det->t_person)
		return;
	if (type != det->t_title && det->t_title >= 0) {
		size_t a2 = rules_tok_is(t, a, "the") ? a + 1 : a;
		size_t e = detect_title_end(det, a2, b);
		if (e == b && a2 < b && !honorific(t, b - 1)) {
			/* a title alone ("the Crown Prince") is a TITLE */
			push_piece(out, (uint32_t)a2, b, det->t_title, conf, margin);
			return;
		}
		if (e > a2 && e < b && (type == det->t_person || person_like(det, e, b))) {
			/* a rank or office before a name: TITLE, then the PERSON
			 * (honorifics belong to neither) */
			size_t k = a2;
			while (k < e && honorific(t, k))
				k++;
			if (k < e)
				push_piece(out, (uint32_t)k, (uint32_t)e, det->t_title, conf, margin);
			if (!(t->v[e].flags & (TOKF_UPPER_INIT | TOKF_ALL_UPPER)))
				return; /* "President of ...": no name */
			a = (uint32_t)e;
			type = det->t_person;
		}
	}
	if (det->t_loc >= 0) {
		/* countries, states and provinces are places whatever they do
		 * ("Kenya's support"), and so is "the Republic of ..." */
		uint32_t l = detect_lookup(det, a, b);
		if ((l & det->l_places) && !(l & det->l_demonyms))
			type = det->t_loc;
		else if (type == det->t_org && (det->marks[b - 1].u & det->l_facilities) && b - a >= 2)
			type = det->t_loc;   /* named facilities: "... Park", "... Airport" */
		for (size_t r = 0; r < det->rules.n; r++)
			if (det->rules.v[r].kind == RULE_LOC && det->rules.v[r].start == a &&
			    det->rules.v[r].end == b)
				type = det->t_loc;
	}
	if (type == det->t_loc && before_money(t, b))
		return;
	/* an initial and a surname are a person: "R. Kowalski" */
	if (type != det->t_person && initial(t, a) && b - a >= 2 && person_like(det, a, b))
		type = det->t_person;
	if (type == det->t_person) {
		while (a > 0 && initial(t, a - 1) && !(t->v[a].flags & TOKF_SENT_START))
			a--;
	}
	push_piece(out, a, b, type, conf, margin);
}

/* Grow span p over d (which follows it): p ends where d ends and is as
 * sure as the less sure of the two. */
static void absorb(struct dspan *p, const struct dspan *d)
{
	p->b = d->b;
	if (d->conf < p->conf)
		p->conf = d->conf;
	if (d->margin < p->margin)
		p->margin = d->margin;
}

/* An organisation's name with its "of" chain is one ORG: "Ministry" +
 * "of" + "Health", "Fund for the Promotion" + "of" + "Tourism" (the
 * first part holding a head word, the joint "of", "for" or "on", with
 * "the" after it or not), and so is a place or a nationality word before
 * an organisation word that the tagger left out. */
static void join_of_chains(struct detector *det, struct dspans *o)
{
	const struct tokens *t = &det->toks;
	size_t w = 0;
	for (size_t i = 0; i < o->n; i++) {
		struct dspan *d = &o->v[i];
		if (w > 0 && d->type == det->t_org && o->v[w - 1].b == d->a &&
		    o->v[w - 1].type != det->t_org && o->v[w - 1].b - o->v[w - 1].a == 1 &&
		    (detect_lookup(det, o->v[w - 1].a, d->a) & det->l_demonyms) &&
		    has_org_word(det, d->a, d->b)) {
			/* a nationality word opening an organisation's name:
			 * "Ruritanian" + "Bureau of Statistics" */
			o->v[w - 1].type = d->type;
			absorb(&o->v[w - 1], d);
			continue;
		}
		if (w > 0) {
			struct dspan *p = &o->v[w - 1];
			size_t g = p->b;
			int joint = g < t->n && (rules_tok_is(t, g, "of") || rules_tok_is(t, g, "for") ||
			                         rules_tok_is(t, g, "on"));
			size_t h = joint && rules_tok_is(t, g + 1, "the") ? g + 2 : g + 1;
			if (p->type == det->t_org && joint && d->a == h &&
			    (d->type == det->t_org || d->type == det->t_loc) &&
			    has_org_word(det, p->a, p->b) && !(t->v[d->a].flags & TOKF_SENT_START)) {
				absorb(p, d);
				continue;
			}
		}
		o->v[w++] = *d;
	}
	o->n = w;
}

/* Particles inside names of many naming systems ("Mohammed bin Salman",
 * "Fernanda de Souza", "Ludwig van Dyke"): general vocabulary. */
static const char *const particles[] = {
	"bin", "ibn", "bint", "binti", "ben", "abu", "al", "el", "de", "da", "do", "dos", "das",
	"del", "della", "di", "du", "van", "von", "der", "den", "ter", "la", "le", "y",
};

static int particle(const struct tokens *t, size_t i)
{
	if (i >= t->n || t->v[i].kind != TOK_WORD || (t->v[i].flags & TOKF_UPPER_INIT))
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(particles); k++)
		if (rules_tok_is(t, i, particles[k]))
			return 1;
	return 0;
}

/* 1 when token i is joined to the one before by a hyphen with no space:
 * "Chan" "-" "Ocha", "Al" "-" "Rajhi". */
static int hyphen_joined(const struct tokens *t, size_t i)
{
	return i >= 2 && i < t->n && (t->v[i - 1].flags & TOKF_HYPHEN) &&
	       !(t->v[i - 1].flags & TOKF_SPACE_BEFORE) && !(t->v[i].flags & TOKF_SPACE_BEFORE) &&
	       t->v[i - 2].kind == TOK_WORD && t->v[i].kind == TOK_WORD;
}

/* A person's name is one span: across its particles and hyphens
 * ("Mohammed" + "bin Salman", "Sisi" with its "El-"), and a person found
 * in two pieces side by side is joined. */
static void join_names(struct detector *det, struct dspans *o)
{
	const struct tokens *t = &det->toks;
	for (size_t i = 0; i < o->n; i++) {
		struct dspan *d = &o->v[i];
		if (d->type != det->t_person)
			continue;
		/* a capitalised part before a hyphen: "El-" of "El-Sisi" */
		while (hyphen_joined(t, d->a) && (t->v[d->a - 2].flags & TOKF_UPPER_INIT) &&
		       (i == 0 || o->v[i - 1].b <= d->a - 2))
			d->a -= 2;
		for (;;) {
			size_t b = d->b;
			uint32_t nb = d->b;
			if (b + 1 < t->n && hyphen_joined(t, b + 1))
				nb = (uint32_t)b + 2;   /* "Chan-o-cha", "Anderson-Pyrz" */
			else if (particle(t, b) && b + 1 < t->n && name_word(det, b + 1) &&
			         !(t->v[b + 1].flags & TOKF_SENT_START))
				nb = (uint32_t)b + 2;   /* "... bin Salman" */
			else if (i + 1 < o->n && o->v[i + 1].a == b && o->v[i + 1].type == det->t_person &&
			         !(t->v[b].flags & TOKF_SENT_START))
				nb = o->v[i + 1].b;     /* two pieces of one name */
			if (nb == d->b)
				break;
			/* what the new part overlaps goes into the name */
			while (i + 1 < o->n && o->v[i + 1].a < nb) {
				if (o->v[i + 1].b > nb)
					nb = o->v[i + 1].b;
				if (o->v[i + 1].conf < d->conf)
					d->conf = o->v[i + 1].conf;
				memmove(&o->v[i + 1], &o->v[i + 2], (o->n - i - 2) * sizeof *o->v);
				o->n--;
			}
			d->b = nb;
		}
	}
}

void detect_conventions(struct detector *det)
{
	struct dspans *s = &det->spans, *o = &det->conv;
	o->n = 0;
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_dspan);
	for (size_t i = 0; i < s->n; i++)
		convention(det, s->v[i].a, s->v[i].b, s->v[i].type, s->v[i].conf, s->v[i].margin, o);
	join_of_chains(det, o);
	join_names(det, o);
	struct dspans x = *s;
	*s = *o;
	*o = x;
}

/* The acronym of an organisation's name of several words: the first
 * letters of its capitalised words ("Ruritanian Space Agency": "rsa",
 * folded), into out[0..8); its length, or 0 when it has none. */
static size_t acronym_of(const struct detector *det, const struct dspan *d, char out[8])
{
	const struct tokens *t = &det->toks;
	size_t n = 0;
	for (uint32_t i = d->a; i < d->b; i++) {
		const struct token *k = &t->v[i];
		if (k->kind != TOK_WORD)
			continue;
		if (!(k->flags & TOKF_UPPER_INIT))
			continue;   /* of, the, and, for */
		if (n == 8 || (unsigned char)t->fold[k->f0] >= 0x80)
			return 0;
		out[n++] = t->fold[k->f0];
	}
	return n >= 2 ? n : 0;
}

/* 1 when token i is written in capitals as the acronym ac[0..n). */
static int is_acronym(const struct tokens *t, size_t i, const char *ac, size_t n)
{
	const struct token *k = &t->v[i];
	if (k->kind != TOK_WORD || !(k->flags & TOKF_ALL_UPPER))
		return 0;
	size_t m = 0;
	for (uint32_t j = k->f0; j < k->f1; j++) {
		if (t->fold[j] == '.')
			continue;
		if (m == n || t->fold[j] != ac[m])
			return 0;
		m++;
	}
	return m == n;
}

/* An organisation's acronym after its full name is that organisation. */
static void acronyms(struct detector *det)
{
	const struct tokens *t = &det->toks;
	struct dspans *s = &det->spans;
	size_t n0 = s->n;
	for (size_t k = 0; k < n0; k++) {
		char ac[8];
		size_t n;
		if (s->v[k].type != det->t_org || !(n = acronym_of(det, &s->v[k], ac)))
			continue;
		for (size_t i = s->v[k].b; i < t->n; i++) {
			if (!is_acronym(t, i, ac, n))
				continue;
			size_t w;
			if (overlaps(s, (uint32_t)i, (uint32_t)i + 1, &w)) {
				if (s->v[w].a == i && s->v[w].b == i + 1 && s->v[w].type != det->t_date)
					s->v[w].type = det->t_org;
				continue;
			}
			dspans_push(s, (uint32_t)i, (uint32_t)i + 1, det->t_org, 0.6f);
		}
	}
}

/* Consistency within a report: a person's surname alone, or an initial
 * and the surname, is that person wherever it stands (before or after
 * the full name), whatever the tagger made of it; an organisation's
 * acronym after its full name is that organisation; a capitalised string
 * that the tagger gave several types takes the type it gave with the
 * most confidence. */
void detect_consistency(struct detector *det)
{
	const struct tokens *t = &det->toks;
	struct dspans *s = &det->spans;
	if (det->t_person < 0)
		return;
	uint64_t names[64];   /* word identities of the surnames found */
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
	if (nn) {
		/* spans sorted by start: walk tokens and spans together */
		size_t k = 0, n0 = s->n;
		for (size_t i = 0; i < t->n; i++) {
			while (k < n0 && s->v[k].b <= i)
				k++;
			const struct token *tk = &t->v[i];
			if (tk->kind != TOK_WORD || !(tk->flags & TOKF_UPPER_INIT) || tk->ncp < 2 ||
			    (detect_lookup(det, i, i + 1) & det->l_places))
				continue;   /* a country stays a place */
			size_t j = 0;
			while (j < nn && names[j] != det->fd.wid[i])
				j++;
			if (j == nn)
				continue;
			uint32_t a = (uint32_t)i;
			while (a > 0 && initial(t, a - 1))
				a--;
			if (k < n0 && s->v[k].a <= i) {
				/* inside a span: the surname alone (or with initials)
				 * becomes the person */
				struct dspan *d = &s->v[k];
				if (d->b == i + 1 && d->a >= a && d->type != det->t_date &&
				    d->type != det->t_title) {
					d->type = det->t_person;
					d->a = a;
				}
				continue;
			}
			if (i + 1 < t->n && (t->v[i + 1].flags & TOKF_UPPER_INIT) &&
			    !(t->v[i + 1].flags & TOKF_SENT_START))
				continue; /* part of a longer name we did not find */
			if (a < i && k < n0 && s->v[k].a < i)
				continue;
			dspans_push(s, a, (uint32_t)i + 1, det->t_person, 0.6f);
		}
	}
	acronyms(det);
	/* one string, one type: the type of most confidence wins */
	for (size_t k = 0; k < s->n; k++) {
		struct dspan *d = &s->v[k];
		if (d->type < 0 || d->type == det->t_date || d->type == det->t_title ||
		    (detect_lookup(det, d->a, d->b) & det->l_places))
			continue;
		float best = 0, sum[MAX_TYPES] = { 0 };
		size_t same = 0;
		for (size_t j = 0; j < s->n; j++) {
			const struct dspan *e = &s->v[j];
			if (e->b - e->a != d->b - d->a || e->type < 0 || e->type == det->t_date ||
			    e->type == det->t_title)
				continue;
			size_t q = 0;
			while (q < d->b - d->a && det->fd.wid[e->a + q] == det->fd.wid[d->a + q])
				q++;
			if (q < d->b - d->a)
				continue;
			sum[e->type] += e->conf;
			same++;
		}
		if (same < 2)
			continue;
		int bt = d->type;
		for (unsigned ty = 0; ty < det->ntypes; ty++)
			if (sum[ty] > best) {
				best = sum[ty];
				bt = (int)ty;
			}
		d->type = bt;
	}
}

void detect_cal_inputs(const struct detector *det, const struct dspan *d, double x[CAL_NFEAT])
{
	const struct tokens *t = &det->toks;
	memset(x, 0, CAL_NFEAT * sizeof *x);
	x[CAL_BIAS] = 1;
	if (d->margin >= 0) {
		x[CAL_MARGIN] = (d->margin < 100 ? d->margin : 100) / 100.0;
		x[CAL_LOGMARGIN] = log1p(d->margin);
	} else {
		x[CAL_NOMARGIN] = 1;
	}
	x[CAL_PERSON] = d->type == det->t_person;
	x[CAL_ORG] = d->type == det->t_org;
	x[CAL_LOC] = d->type == det->t_loc;
	x[CAL_DATE] = d->type == det->t_date;
	x[CAL_TITLE] = d->type == det->t_title;
	x[CAL_LEN1] = d->b - d->a == 1;
	x[CAL_LEN3] = d->b - d->a >= 3;
	const struct token *k = &t->v[d->a];
	x[CAL_ACRONYM] = d->b - d->a == 1 && k->kind == TOK_WORD && (k->flags & TOKF_ALL_UPPER);
	x[CAL_LISTED] = (detect_lookup(det, d->a, d->b) & ~det->res.common_words) != 0;
	for (uint32_t i = d->a; i < d->b; i++)
		if (t->v[i].kind == TOK_WORD && !det->fd.cluster[i])
			x[CAL_UNKNOWN] = 1;
	x[CAL_RULE] = d->rule;
	x[CAL_SENT0] = (k->flags & TOKF_SENT_START) != 0;
	x[CAL_DOC_UNKNOWN] = det->doc_unknown;
}

/* The probability that span d is exactly right, by the confidence model. */
static float calibrated(const struct detector *det, const struct dspan *d)
{
	double x[CAL_NFEAT], z = 0;
	detect_cal_inputs(det, d, x);
	for (unsigned i = 0; i < CAL_NFEAT; i++)
		z += det->cal[i] * x[i];
	float c = (float)(1 / (1 + exp(-z)));
	return c < 0.01f ? 0.01f : c > 0.99f ? 0.99f : c;
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
			float margin = min_margin(det->out.margin, a, i + 1);
			dspans_push(s, (uint32_t)a, (uint32_t)i + 1, (int)tag_type(tag),
			            confidence(det, margin));
			s->v[s->n - 1].margin = margin;
		}
		detect_conventions(det);
		if (s->n > 1)
			qsort(s->v, s->n, sizeof *s->v, cmp_dspan);
		detect_consistency(det);
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
		if (overlaps(s, rs->start, rs->end, &w) && s->v[w].a == rs->start &&
		    s->v[w].b == rs->end && s->v[w].type == type)
			s->v[w].rule = 1;   /* the tagger and a rule agree */
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
		s->v[s->n - 1].rule = 1;
	}
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_dspan);
	if (det->has_cal)
		for (size_t i = 0; i < s->n; i++)
			s->v[i].conf = calibrated(det, &s->v[i]);
}

void detect_run(struct detector *det, const char *text, size_t len)
{
	detect_prepare(det, text, len);
	if (det->has_tagger)
		tagger_decode(&det->tagger, &det->fd, &det->out);
	merge(det);
	if (det->memory)
		detect_memory_apply(det, text);
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

size_t detect_piece_end(const char *text, size_t len)
{
	return piece_end(text, len);
}

/* Detect in text (one piece) and append its spans to out, their offsets
 * shifted by cp0 code points. */
static size_t detect_piece(struct detector *det, const char *text, size_t len, int64_t cp0,
                           struct doc *out)
{
	detect_run(det, text, len);
	const struct tokens *t = &det->toks;
	size_t added = 0;
	uint32_t last_b = 0;        /* the token after the last span emitted */
	float last_conf = 0;
	for (size_t i = 0; i < det->spans.n; i++) {
		const struct dspan *d = &det->spans.v[i];
		if (d->b <= d->a || d->type < 0)
			continue;
		/* The passes after the tagger keep spans apart; should two still
		 * share a token (the fuzzer found one: a name joined over an
		 * initial that an organisation had taken), the more confident
		 * stays, so that what leaves detection never overlaps. */
		if (added > 0 && d->a < last_b) {
			if (d->conf <= last_conf)
				continue;
			out->nspans--;
			added--;
		}
		/* a token edge inside a grapheme cluster (a combining mark after a
		 * symbol or U+FFFD begins a token of its own): no span may split
		 * one, so the suggestion is left out */
		if (!text_is_grapheme_boundary(text, len, t->v[d->a].b0) ||
		    !text_is_grapheme_boundary(text, len, t->v[d->b - 1].b1))
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
		last_b = d->b;
		last_conf = d->conf;
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
