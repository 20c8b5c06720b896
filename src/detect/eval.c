/*
 * eval.c: exact and overlap precision, recall and F1 (see eval.h).
 */
#include "config.h"
#include "eval.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

void eval_limit(struct eval *e, const char *list)
{
	for (size_t i = 0; i < e->nonly; i++)
		free(e->only[i]);
	free(e->only);
	e->only = NULL;
	e->nonly = 0;
	if (!list)
		return;
	size_t cap = 0;
	for (const char *p = list; *p;) {
		const char *c = strchr(p, ',');
		size_t n = c ? (size_t)(c - p) : strlen(p);
		if (n > 0) {
			e->only = xgrow(e->only, &cap, e->nonly + 1, sizeof *e->only);
			e->only[e->nonly++] = xstrndup(p, n);
		}
		p += n + (c != NULL);
	}
}

void eval_finish(struct eval *e)
{
	eval_limit(e, NULL);
	free(e->v);
	memset(e, 0, sizeof *e);
}

static int wanted(const struct eval *e, const char *type)
{
	if (!type[0])
		return 0;
	if (!e->only)
		return 1;
	for (size_t i = 0; i < e->nonly; i++)
		if (strcmp(e->only[i], type) == 0)
			return 1;
	return 0;
}

static struct eval_type *counts(struct eval *e, const char *type)
{
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->v[i].name, type) == 0)
			return &e->v[i];
	e->v = xgrow(e->v, &e->cap, e->n + 1, sizeof *e->v);
	struct eval_type *t = &e->v[e->n++];
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "%s", type);
	return t;
}

static int overlap(const struct span *a, const struct span *b)
{
	return a->start < b->end && b->start < a->end && strcmp(a->type, b->type) == 0;
}

void eval_doc(struct eval *e, const struct span *gold, size_t ngold, const struct span *pred,
              size_t npred)
{
	/* the types listed with --types always get a row */
	for (size_t i = 0; i < e->nonly; i++)
		counts(e, e->only[i]);
	for (size_t i = 0; i < ngold; i++) {
		if (!wanted(e, gold[i].type))
			continue;
		struct eval_type *t = counts(e, gold[i].type);
		t->gold++;
		for (size_t j = 0; j < npred; j++) {
			if (overlap(&gold[i], &pred[j])) {
				t->ovl_gold++;
				break;
			}
		}
	}
	for (size_t j = 0; j < npred; j++) {
		if (!wanted(e, pred[j].type))
			continue;
		struct eval_type *t = counts(e, pred[j].type);
		t->pred++;
		int ov = 0, ex = 0;
		for (size_t i = 0; i < ngold; i++) {
			if (!overlap(&gold[i], &pred[j]))
				continue;
			ov = 1;
			if (gold[i].start == pred[j].start && gold[i].end == pred[j].end)
				ex = 1;
		}
		t->ovl_pred += ov;
		t->exact += ex;
		if (pred[j].has & SPAN_HAS_CONFIDENCE) {
			double c = pred[j].confidence;
			int k = c >= 1 ? EVAL_BANDS - 1 : c <= 0 ? 0 : (int)(c * EVAL_BANDS);
			e->band[k].n++;
			e->band[k].right += ex;
			e->band[k].conf += c;
		}
	}
}

double eval_ece(const struct eval *e)
{
	size_t total = 0;
	double err = 0;
	for (int k = 0; k < EVAL_BANDS; k++) {
		const struct eval_band *b = &e->band[k];
		if (!b->n)
			continue;
		double prec = (double)b->right / (double)b->n, mean = b->conf / (double)b->n;
		err += (double)b->n * (prec > mean ? prec - mean : mean - prec);
		total += b->n;
	}
	return total ? err / (double)total : 0;
}

static struct eval_score score(size_t tp_p, size_t tp_r, size_t pred, size_t gold)
{
	struct eval_score s = { 0, 0, 0, tp_p, pred, gold };
	s.p = pred ? (double)tp_p / (double)pred : 0;
	s.r = gold ? (double)tp_r / (double)gold : 0;
	s.f1 = s.p + s.r > 0 ? 2 * s.p * s.r / (s.p + s.r) : 0;
	return s;
}

struct eval_score eval_get(const struct eval *e, const char *type, int ovl)
{
	size_t tp_p = 0, tp_r = 0, pred = 0, gold = 0;
	for (size_t i = 0; i < e->n; i++) {
		const struct eval_type *t = &e->v[i];
		if (type && strcmp(t->name, type) != 0)
			continue;
		tp_p += ovl ? t->ovl_pred : t->exact;
		tp_r += ovl ? t->ovl_gold : t->exact;
		pred += t->pred;
		gold += t->gold;
	}
	return score(tp_p, tp_r, pred, gold);
}

static int cmp_type(const void *a, const void *b)
{
	return strcmp(((const struct eval_type *)a)->name, ((const struct eval_type *)b)->name);
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void eval_print(const struct eval *e, FILE *f, int json)
{
	/* rows in name order, ALL last */
	struct eval_type *rows = xmalloc((e->n + 1) * sizeof *rows);
	memcpy(rows, e->v, e->n * sizeof *rows);
	qsort(rows, e->n, sizeof *rows, cmp_type);
	if (json) {
		fputc('{', f);
		for (int ovl = 0; ovl < 2; ovl++) {
			fprintf(f, "%s\"%s\": {", ovl ? ", " : "", ovl ? "overlap" : "exact");
			for (size_t i = 0; i <= e->n; i++) {
				const char *name = i < e->n ? rows[i].name : "ALL";
				struct eval_score s = eval_get(e, i < e->n ? name : NULL, ovl);
				if (i)
					fputs(", ", f);
				json_string(f, name);
				fprintf(f, ": {\"p\": %.4f, \"r\": %.4f, \"f1\": %.4f, \"tp\": %zu, "
				           "\"pred\": %zu, \"gold\": %zu}",
				        s.p, s.r, s.f1, s.tp, s.pred, s.gold);
			}
			fputc('}', f);
		}
		fprintf(f, ", \"calibration\": {\"ece\": %.4f, \"bands\": [", eval_ece(e));
		for (int k = 0; k < EVAL_BANDS; k++) {
			const struct eval_band *b = &e->band[k];
			fprintf(f, "%s{\"lo\": %.1f, \"hi\": %.1f, \"n\": %zu, \"precision\": %.4f}",
			        k ? ", " : "", (double)k / EVAL_BANDS, (double)(k + 1) / EVAL_BANDS, b->n,
			        b->n ? (double)b->right / (double)b->n : 0.0);
		}
		fputs("]}}\n", f);
	} else {
		fprintf(f, "%-12s %7s %7s %7s  %7s %7s %7s  %6s %6s\n", _("type"), _("P"), _("R"),
		        _("F1"), _("ovl P"), _("ovl R"), _("ovl F1"), _("gold"), _("pred"));
		for (size_t i = 0; i <= e->n; i++) {
			const char *name = i < e->n ? rows[i].name : "ALL";
			struct eval_score x = eval_get(e, i < e->n ? name : NULL, 0);
			struct eval_score o = eval_get(e, i < e->n ? name : NULL, 1);
			fprintf(f, "%-12s %7.4f %7.4f %7.4f  %7.4f %7.4f %7.4f  %6zu %6zu\n", name, x.p,
			        x.r, x.f1, o.p, o.r, o.f1, x.gold, x.pred);
		}
		fprintf(f, "\n%-12s %7s %9s\n", _("confidence"), _("pred"), _("exact P"));
		for (int k = 0; k < EVAL_BANDS; k++) {
			const struct eval_band *b = &e->band[k];
			char lab[16];
			snprintf(lab, sizeof lab, "%.1f-%.1f", (double)k / EVAL_BANDS,
			         (double)(k + 1) / EVAL_BANDS);
			if (b->n)
				fprintf(f, "%-12s %7zu %9.4f\n", lab, b->n, (double)b->right / (double)b->n);
			else
				fprintf(f, "%-12s %7zu %9s\n", lab, b->n, "-");
		}
		fprintf(f, "%s %.4f\n", _("expected calibration error:"), eval_ece(e));
	}
	free(rows);
}
