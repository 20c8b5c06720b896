/*
 * learn.c: the detector of a database kept current, refreshing
 * suggestions, and the online step at a done mark (see learn.h).
 */
#include "config.h"
#include "learn.h"

#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "detect/detect.h"
#include "detect/online.h"
#include "store/store.h"
#include "lib/util.h"

struct learner {
	struct store *st;
	struct detector *det;
	int64_t base;               /* model row of det, 0 the shipped model */
	int64_t wanted;             /* the active model row when det was loaded */
	int64_t gen;                /* generation det reflects, 0 never synced */
	int64_t model_gen;          /* the model's generation then */
	int64_t *applied;           /* update ids in det's overlay, ascending */
	size_t napplied;
};

struct learner *learner_open(struct store *st)
{
	struct learner *l = xcalloc(1, sizeof *l);
	l->st = st;
	if (learner_sync(l) < 0) {
		learner_free(&l);
		return NULL;
	}
	return l;
}

void learner_free(struct learner **pl)
{
	struct learner *l = *pl;
	if (!l)
		return;
	detector_free(&l->det);
	free(l->applied);
	free(l);
	*pl = NULL;
}

struct detector *learner_detector(struct learner *l)
{
	return l->det;
}

int64_t learner_generation(const struct learner *l)
{
	return l->gen;
}

int64_t learner_model_generation(const struct learner *l)
{
	return l->model_gen;
}

struct store *learner_store(struct learner *l)
{
	return l->st;
}

int64_t learner_base(const struct learner *l)
{
	return l->base;
}

/* Add (sign 1) or take away update id; 1 when its row is gone. */
static int apply_one(struct learner *l, int64_t id, int sign)
{
	void *data;
	size_t len;
	int rc = store_update_get(l->st, id, &data, &len);
	if (rc != 0)
		return rc;
	if (detect_apply_update(l->det, data, len, sign) < 0) {
		/* an update that does not fit this model is passed over (it was
		 * made for it, so only a damaged row gets here) */
		warnmsg(_("%s: the model's update %lld cannot be used (%s)"), store_path(l->st),
		        (long long)id, err_msg());
	}
	free(data);
	return 0;
}

static int has(const int64_t *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == id;
}

/* Make det's overlay the sum of the updates ids[0..n) (ascending). */
static int sync_updates(struct learner *l, int64_t *ids, size_t n)
{
	int rebuild = 0;
	for (size_t i = 0; i < l->napplied && !rebuild; i++) {
		if (has(ids, n, l->applied[i]))
			continue;
		int rc = apply_one(l, l->applied[i], -1);
		if (rc < 0)
			return -1;
		rebuild = rc == 1;      /* gone: its deltas are unknown */
	}
	if (rebuild) {
		detect_updates_clear(l->det);
		l->napplied = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (has(l->applied, l->napplied, ids[i]))
			continue;
		if (apply_one(l, ids[i], 1) < 0)
			return -1;
	}
	free(l->applied);
	l->applied = ids;
	l->napplied = n;
	return 0;
}

static int remember(void *arg, const char *text, size_t len, const char *type, int accepted,
                    int64_t n)
{
	detect_memory_add(arg, text, len, type, accepted, (long)n);
	return 0;
}

/* The active model of the database (*base its row), else the shipped
 * one (*base 0); NULL with err_set() when neither loads. */
static struct detector *load_model(struct store *st, int64_t *base)
{
	struct model_row m;
	int rc = store_model_active(st, &m, 1);
	*base = 0;
	if (rc < 0)
		return NULL;
	if (rc == 0) {
		void *blob = m.data;
		m.data = NULL;
		struct detector *det = detector_adopt(blob, m.len);
		if (det) {
			*base = m.id;
			model_row_finish(&m);
			return det;
		}
		warnmsg(_("%s: the trained model %lld cannot be used (%s); using the shipped model"),
		        store_path(st), (long long)m.id, err_msg());
	}
	model_row_finish(&m);
	struct detector *det = detector_open(NULL);
	if (!det)
		err_set(_("%s (the detection model is missing: is nerve installed? NERVE_DATADIR "
		          "names another data directory)"),
		        err_msg());
	return det;
}

int learner_sync(struct learner *l)
{
	int64_t gen, model_gen;
	if (store_learn_generation(l->st, &gen, &model_gen) < 0)
		return -1;
	if (l->det && gen == l->gen)
		return 0;
	struct model_row m;
	int rc = store_model_active(l->st, &m, 0);
	if (rc < 0)
		return -1;
	int64_t want = rc == 0 ? m.id : 0;
	model_row_finish(&m);
	if (!l->det || want != l->wanted) {
		int64_t base;
		struct detector *det = load_model(l->st, &base);
		if (!det)
			return -1;
		detector_free(&l->det);
		l->det = det;
		l->base = base;
		l->wanted = want;
		free(l->applied);
		l->applied = NULL;
		l->napplied = 0;
	}
	int64_t *ids;
	size_t n;
	if (store_update_ids(l->st, l->base, &ids, &n) < 0)
		return -1;
	if (sync_updates(l, ids, n) < 0) {
		free(ids);
		return -1;
	}
	detect_memory_clear(l->det);
	if (store_decisions(l->st, remember, l->det) < 0)
		return -1;
	l->gen = gen;
	l->model_gen = model_gen;
	return 1;
}

int learner_refresh(struct learner *l, int64_t article, int force, int *suggestions)
{
	if (suggestions)
		*suggestions = -1;
	if (learner_sync(l) < 0)
		return -1;
	int64_t gen;
	int annotated;
	if (store_article_detected(l->st, article, &gen, &annotated) < 0)
		return -1;
	if (!force && (gen >= l->model_gen || annotated))
		return 0;
	struct article a;
	if (store_article_get(l->st, article, &a) < 0)
		return -1;
	struct doc d = { 0 };
	detect_doc(l->det, a.text, a.text_len, &d);
	article_finish(&a);
	int own = !store_in_transaction(l->st);
	int rc = own ? store_begin(l->st) : 0;
	int n = rc == 0 ? store_replace_suggestions(l->st, article, d.spans, d.nspans) : -1;
	if (n >= 0 && link_article(l->st, article, NULL) >= 0)
		rc = store_article_set_detected(l->st, article, l->model_gen);
	else
		rc = -1;
	doc_finish(&d);
	if (own) {
		if (rc == 0)
			rc = store_commit(l->st);
		else
			store_rollback(l->st);
	}
	if (rc == 0 && suggestions)
		*suggestions = n;
	return rc;
}

int learner_detect_hook(void *arg, struct doc *d)
{
	struct learner *l = arg;
	if (learner_sync(l) < 0)
		return -1;
	detect_doc(l->det, d->text, d->text_len, d);
	return 0;
}

/* Article as a document with its accepted entities into d. */
static int reviewed_doc(struct store *st, int64_t article, struct doc *d)
{
	struct article a;
	if (store_article_get(st, article, &a) < 0)
		return -1;
	d->text = a.text;
	d->text_len = a.text_len;
	a.text = NULL;
	article_finish(&a);
	return store_accepted_spans(st, article, d);
}

int learner_learn(struct learner *l, int64_t article, int64_t grp)
{
	if (learner_sync(l) < 0)
		return -1;
	/* the article, then the ones reviewed just before it (replayed) */
	struct doc docs[1 + LEARN_REPLAY];
	memset(docs, 0, sizeof docs);
	size_t ndocs = 1, bytes = 0;
	int64_t *recent = NULL;
	size_t nrecent = 0;
	struct buf up = BUF_INIT;
	int rc = reviewed_doc(l->st, article, &docs[0]);
	if (rc == 0)
		rc = store_update_recent(l->st, l->base, LEARN_REPLAY + 1, &recent, &nrecent);
	for (size_t i = 0; rc == 0 && i < nrecent && ndocs < 1 + LEARN_REPLAY; i++) {
		if (recent[i] == article)
			continue;
		rc = reviewed_doc(l->st, recent[i], &docs[ndocs]);
		if (rc == 0 && bytes + docs[ndocs].text_len > LEARN_REPLAY_BYTES) {
			doc_finish(&docs[ndocs]);
			break;
		}
		bytes += docs[ndocs].text_len;
		ndocs++;
	}
	if (rc == 0 && detect_learn(l->det, docs, ndocs, &up) < 0)
		rc = -1;
	int64_t id = 0;
	if (rc == 0)
		rc = store_update_add(l->st, article, grp, l->base, up.data, up.len, &id);
	if (rc == 0) {
		/* in the overlay already; the next sync reads the rest (the
		 * generation changed) and finds this one applied */
		l->applied = xrealloc(l->applied, (l->napplied + 1) * sizeof *l->applied);
		l->applied[l->napplied++] = id;
	}
	/* the next sync looks again in any case: should the transaction be
	 * rolled back, the overlay holds an update the database does not,
	 * which that sync takes away */
	l->gen = 0;
	buf_free(&up);
	for (size_t i = 0; i < ndocs + 1 && i < 1 + LEARN_REPLAY; i++)
		doc_finish(&docs[i]);
	free(recent);
	return rc;
}
