/*
 * referent.c: the analyst's operations on referents (see referent.h),
 * journalled through the groups of annotate.c (annotate_impl.h).
 */
#include "config.h"
#include "referent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate_impl.h"
#include "link.h"
#include "store/store.h"
#include "text/text.h"
#include "lib/util.h"

int annot_referent_undecided(struct annot *a, int64_t referent, int64_t *mentions,
                             int64_t *articles)
{
	return store_referent_undecided(a->st, referent, mentions, articles);
}

static int load_referent(struct annot *a, int64_t id, struct referent *r)
{
	int rc = store_referent_get(a->st, id, r);
	if (rc == 1)
		err_set(_("referent %lld no longer exists"), (long long)id);
	return rc == 0 ? 0 : -1;
}

int annot_referent_decide(struct annot *a, int64_t referent, int status, const char *type,
                          struct annot_result *r)
{
	if (annot_tx_begin(a, r) < 0)
		return -1;
	struct referent ref = { 0 };
	struct entity_list l = { 0 };
	struct annot_group g = annot_group_of(a, 0);
	int rc = load_referent(a, referent, &ref);
	if (rc == 0 && type) {
		int k = store_type_get(a->st, type, NULL);
		if (k == 0)
			err_set(_("no entity type '%s'"), type);
		rc = k == 1 ? 0 : -1;
	}
	if (rc == 0)
		rc = store_referent_entities(a->st, referent, 1, &l);
	/* article by article: each is settled (linked, made in progress)
	 * after its own decisions */
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		struct entity *e = &l.v[i];
		g.j.article = e->article;
		if (type && strcmp(type, e->type) != 0) {
			snprintf(e->type, sizeof e->type, "%s", type);
			e->referent = 0; /* of another type now: linked again */
		}
		rc = annot_grp_decide(&g, e, status, "bulk");
		if (rc == 0 && (i + 1 == l.n || l.v[i + 1].article != e->article))
			rc = annot_grp_settle(&g);
	}
	if (rc == 0) {
		annot_grp_report(&g, r, 0);
		char *name = annot_clip(ref.name);
		if (l.n == 0)
			snprintf(r->msg, sizeof r->msg, _("no undecided mentions of '%s'"), name);
		free(name);
	}
	entity_list_finish(&l);
	referent_finish(&ref);
	return annot_tx_finish(a, rc);
}

/* The text of entity e (owned), or NULL. */
static char *entity_text(struct annot *a, const struct entity *e)
{
	return store_edit_span_text(a->st, e->article, e->start, e->end);
}

int annot_split(struct annot *a, int64_t id, struct annot_result *r)
{
	if (annot_tx_begin(a, r) < 0)
		return -1;
	struct entity e;
	struct referent ref = { 0 };
	struct annot_group g = annot_group_of(a, 0);
	char *text = NULL;
	int rc = store_edit_get(a->st, id, &e);
	if (rc == 1)
		err_set(_("entity %lld no longer exists: another process changed the article"),
		        (long long)id);
	if (rc == 0 && e.referent == 0) {
		err_set(_("this mention is not linked to anything"));
		rc = -1;
	}
	if (rc == 0)
		rc = load_referent(a, e.referent, &ref);
	if (rc == 0 && ref.mentions + ref.rejected <= 1) {
		err_set(_("this is the only mention of '%s'"), ref.name);
		rc = -1;
	}
	if (rc == 0 && !(text = entity_text(a, &e)))
		rc = -1;
	int64_t fresh = 0;
	if (rc == 0)
		rc = link_new_referent(a->st, e.type, text, strlen(text), e.status == ENT_ACCEPTED,
		                       &fresh);
	if (rc == 0) {
		g.j.article = e.article;
		e.referent = fresh;
		rc = annot_grp_change(&g, &e, "split");
	}
	if (rc == 0)
		rc = store_referent_refresh_name(a->st, ref.id);
	if (rc == 0) {
		annot_grp_report(&g, r, e.id);
		char *t = annot_clip(text), *n = annot_clip(ref.name);
		snprintf(r->msg, sizeof r->msg, _("split '%s' off '%s'"), t, n);
		free(t);
		free(n);
	}
	free(text);
	referent_finish(&ref);
	return annot_tx_finish(a, rc);
}

int annot_merge(struct annot *a, int64_t from, int64_t into, struct annot_result *r)
{
	if (annot_tx_begin(a, r) < 0)
		return -1;
	struct referent rf = { 0 }, ri = { 0 };
	struct entity_list l = { 0 };
	struct annot_group g = annot_group_of(a, 0);
	int rc = from == into ? -1 : 0;
	if (rc < 0)
		err_set(_("a referent cannot be merged into itself"));
	if (rc == 0)
		rc = load_referent(a, from, &rf);
	if (rc == 0)
		rc = load_referent(a, into, &ri);
	if (rc == 0 && strcmp(rf.type, ri.type) != 0) {
		err_set(_("cannot merge %s '%s' into %s '%s': their types differ"), rf.type, rf.name,
		        ri.type, ri.name);
		rc = -1;
	}
	if (rc == 0)
		rc = store_referent_entities(a->st, from, 0, &l);
	int64_t best_rank = -1;
	size_t best = 0;
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		struct entity *e = &l.v[i];
		g.j.article = e->article;
		e->referent = into;
		rc = annot_grp_change(&g, e, "merge");
		int64_t rank = referent_name_rank(e->status == ENT_ACCEPTED, e->end - e->start);
		if (e->status != ENT_REJECTED && rank > best_rank) {
			best_rank = rank;
			best = i;
		}
	}
	if (rc == 0 && best_rank >= 0) {
		/* the merged referent may bring a better name */
		char *text = entity_text(a, &l.v[best]);
		rc = text ? store_referent_offer_name(a->st, into, text, best_rank) : -1;
		free(text);
	}
	if (rc == 0) {
		annot_grp_report(&g, r, 0);
		char *f = annot_clip(rf.name), *t = annot_clip(ri.name);
		if (l.n == 0)
			snprintf(r->msg, sizeof r->msg, _("'%s' has no mentions to merge"), f);
		else
			snprintf(r->msg, sizeof r->msg,
			         l.n == 1 ? _("merged '%s' into '%s' (%zu mention)")
			                  : _("merged '%s' into '%s' (%zu mentions)"), f, t, l.n);
		free(f);
		free(t);
	}
	entity_list_finish(&l);
	referent_finish(&rf);
	referent_finish(&ri);
	return annot_tx_finish(a, rc);
}
