/*
 * fmt_jsonl.c: JSON Lines — the line reader of every JSON Lines format,
 * the corpus format read and written, and JSON strings (see formats.h).
 *
 * The writer builds the JSON text itself: a fixed shape with escaped
 * strings needs no library.  It writes byte for byte what the SQL export
 * of earlier versions wrote with json_object(), so exports stay
 * comparable across versions.
 */
#include "config.h"
#include "formats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "text/text.h"
#include "lib/util.h"

/* ---- reading ------------------------------------------------------------ */

/* Copy a string member into a fixed field of a span: 0, or -1 when it
 * does not fit (the caller says so). */
static int copy_field(char *dst, size_t size, const struct json *v)
{
	if (v->u.str.len >= size)
		return -1;
	memcpy(dst, v->u.str.s, v->u.str.len + 1);
	return 0;
}

/* An "id": a string, or an integer written in decimal; anything else is
 * ignored (NULL). */
static char *id_of(const struct json *v)
{
	if (json_is_string(v))
		return xstrndup(v->u.str.s, v->u.str.len);
	if (json_is_int(v))
		return xasprintf("%lld", (long long)v->u.num.i);
	return NULL;
}

static int corpus_entity(const struct json *e, size_t k, struct doc *d)
{
	static const char *const need[] = { "start", "end", "type" };
	struct span *sp = doc_push_span(d);
	unsigned seen = 0, orig = 0;
	for (size_t i = 0; i < e->u.obj.n; i++) {
		const struct json_member *m = &e->u.obj.v[i];
		const struct json *v = &m->val;
		const char *key = m->key;
		if (strcmp(key, "start") == 0 && json_is_int(v)) {
			sp->start = v->u.num.i;
			seen |= 1;
		} else if (strcmp(key, "end") == 0 && json_is_int(v)) {
			sp->end = v->u.num.i;
			seen |= 2;
		} else if (strcmp(key, "type") == 0 && json_is_string(v)) {
			if (copy_field(sp->type, sizeof sp->type, v) < 0) {
				err_set(_("entity %zu: the type is longer than %zu bytes"), k + 1,
				        sizeof sp->type - 1);
				return -1;
			}
			seen |= 4;
		} else if (strcmp(key, "text") == 0 && json_is_string(v)) {
			sp->text = xstrndup(v->u.str.s, v->u.str.len);
		} else if (strcmp(key, "status") == 0 && json_is_string(v)) {
			/* one too long for the field is no status: import says so */
			snprintf(sp->status, sizeof sp->status, "%s", v->u.str.s);
			sp->has |= SPAN_HAS_STATUS;
		} else if (strcmp(key, "origin") == 0 && json_is_string(v)) {
			snprintf(sp->origin, sizeof sp->origin, "%s", v->u.str.s);
			sp->has |= SPAN_HAS_ORIGIN;
		} else if (strcmp(key, "annotator") == 0 && json_is_string(v)) {
			if (copy_field(sp->annotator, sizeof sp->annotator, v) < 0) {
				err_set(_("entity %zu: the annotator's name is longer than %zu bytes"), k + 1,
				        sizeof sp->annotator - 1);
				return -1;
			}
			sp->has |= SPAN_HAS_ANNOTATOR;
		} else if (strcmp(key, "confidence") == 0 && v->type == JSON_NUMBER) {
			sp->confidence = v->u.num.d;
			sp->has |= SPAN_HAS_CONFIDENCE;
		} else if (strcmp(key, "original_start") == 0 && json_is_int(v)) {
			sp->original_start = v->u.num.i;
			orig |= 1;
		} else if (strcmp(key, "original_end") == 0 && json_is_int(v)) {
			sp->original_end = v->u.num.i;
			orig |= 2;
		} else if (strcmp(key, "original_type") == 0 && json_is_string(v) &&
		           v->u.str.len > 0) {
			if (copy_field(sp->original_type, sizeof sp->original_type, v) < 0) {
				err_set(_("entity %zu: the original type is longer than %zu bytes"), k + 1,
				        sizeof sp->original_type - 1);
				return -1;
			}
			orig |= 4;
		} else if (strcmp(key, "referent") == 0 && json_is_string(v) && v->u.str.len > 0) {
			free(sp->referent_in);
			sp->referent_in = xstrndup(v->u.str.s, v->u.str.len);
		} else if (strcmp(key, "start") == 0 || strcmp(key, "end") == 0 ||
		           strcmp(key, "type") == 0) {
			err_set(_("entity %zu: \"%s\" has the wrong kind of value"), k + 1, key);
			return -1;
		}
	}
	for (int i = 0; i < 3; i++) {
		if (!(seen & (1u << i))) {
			err_set(_("entity %zu lacks \"%s\""), k + 1, need[i]);
			return -1;
		}
	}
	/* the detector's span and type count only whole */
	if (orig == 7)
		sp->has |= SPAN_HAS_ORIGINAL;
	return 0;
}

static int corpus_doc(const struct json *root, struct doc *d)
{
	const struct json *ents = NULL;
	for (size_t i = 0; i < root->u.obj.n; i++) {
		const struct json_member *m = &root->u.obj.v[i];
		const struct json *v = &m->val;
		if (strcmp(m->key, "id") == 0) {
			d->id = id_of(v);
		} else if (strcmp(m->key, "title") == 0 && json_is_string(v)) {
			d->title = xstrndup(v->u.str.s, v->u.str.len);
		} else if (strcmp(m->key, "date") == 0 && json_is_string(v)) {
			d->date = xstrndup(v->u.str.s, v->u.str.len);
		} else if (strcmp(m->key, "entities") == 0) {
			if (v->type != JSON_ARRAY) {
				err_set(_("\"entities\" is not an array"));
				return -1;
			}
			d->has_entities = 1;
			ents = v;
		}
	}
	if (!ents)
		return 0;
	for (size_t k = 0; k < ents->u.arr.n; k++) {
		if (ents->u.arr.v[k].type != JSON_OBJECT) {
			err_set(_("\"entities\" holds something other than objects"));
			return -1;
		}
	}
	for (size_t k = 0; k < ents->u.arr.n; k++)
		if (corpus_entity(&ents->u.arr.v[k], k, d) < 0)
			return -1;
	return 0;
}

/* doccano labels: [start, end, "TYPE"] each. */
static int doccano_labels(const struct json *labels, struct doc *d)
{
	for (size_t k = 0; k < labels->u.arr.n; k++) {
		const struct json *l = &labels->u.arr.v[k];
		if (l->type != JSON_ARRAY || l->u.arr.n != 3 || !json_is_int(&l->u.arr.v[0]) ||
		    !json_is_int(&l->u.arr.v[1]) || !json_is_string(&l->u.arr.v[2])) {
			err_set(_("label %zu is not [start, end, \"TYPE\"]"), k + 1);
			return -1;
		}
		struct span *sp = doc_push_span(d);
		sp->start = l->u.arr.v[0].u.num.i;
		sp->end = l->u.arr.v[1].u.num.i;
		if (copy_field(sp->type, sizeof sp->type, &l->u.arr.v[2]) < 0) {
			err_set(_("label %zu: the type is longer than %zu bytes"), k + 1,
			        sizeof sp->type - 1);
			return -1;
		}
	}
	return 0;
}

/* Prodigy spans: {"start", "end", "label", "text"} each. */
static int prodigy_spans(const struct json *spans, struct doc *d)
{
	for (size_t k = 0; k < spans->u.arr.n; k++) {
		const struct json *s = &spans->u.arr.v[k];
		const char *bad = NULL;     /* the member that is wrong */
		if (s->type != JSON_OBJECT) {
			err_set(_("span %zu is not an object"), k + 1);
			return -1;
		}
		const struct json *start = json_get(s, "start"), *end = json_get(s, "end");
		const struct json *label = json_get(s, "label"), *text = json_get(s, "text");
		if (!json_is_int(start))
			bad = "start";
		else if (!json_is_int(end))
			bad = "end";
		if (bad) {
			err_set(_("span %zu: \"%s\" is missing or not an integer"), k + 1, bad);
			return -1;
		}
		if (!json_is_string(label)) {
			err_set(_("span %zu: \"label\" is missing or not a string"), k + 1);
			return -1;
		}
		struct span *sp = doc_push_span(d);
		sp->start = start->u.num.i;
		sp->end = end->u.num.i;
		if (copy_field(sp->type, sizeof sp->type, label) < 0) {
			err_set(_("span %zu: the label is longer than %zu bytes"), k + 1,
			        sizeof sp->type - 1);
			return -1;
		}
		if (json_is_string(text))
			sp->text = xstrndup(text->u.str.s, text->u.str.len);
	}
	return 0;
}

static int spans_doc(const struct json *root, enum fmt_json_flavour fl, struct doc *d)
{
	const char *key_name = fl == FMT_JSON_DOCCANO ? "label" : "spans";
	const struct json *ann = NULL, *meta_id = NULL;
	for (size_t i = 0; i < root->u.obj.n; i++) {
		const struct json_member *m = &root->u.obj.v[i];
		if (strcmp(m->key, "id") == 0) {
			d->id = id_of(&m->val);
		} else if (strcmp(m->key, key_name) == 0) {
			if (m->val.type != JSON_ARRAY) {
				err_set(_("\"%s\" is not an array"), key_name);
				return -1;
			}
			ann = &m->val;
			d->has_entities = 1;
		} else if (fl == FMT_JSON_PRODIGY && strcmp(m->key, "meta") == 0) {
			/* {"meta": {"id": ...}}, as Prodigy streams often carry it */
			meta_id = json_get(&m->val, "id");
		}
	}
	if (!d->id && meta_id)
		d->id = id_of(meta_id);
	if (!ann)
		return 0;
	return fl == FMT_JSON_DOCCANO ? doccano_labels(ann, d) : prodigy_spans(ann, d);
}

int fmt_json_doc(const struct json *root, enum fmt_json_flavour fl, struct doc *d)
{
	memset(d, 0, sizeof *d);
	if (root->type != JSON_OBJECT || root->u.obj.n == 0) {
		err_set(_("not a JSON object with a \"text\""));
		return -1;
	}
	const struct json *text = json_get(root, "text");
	if (!text) {
		err_set(_("no \"text\" field"));
		return -1;
	}
	if (!json_is_string(text)) {
		err_set(_("\"text\" is not a string"));
		return -1;
	}
	d->text = xstrndup(text->u.str.s, text->u.str.len);
	d->text_len = text->u.str.len;
	int rc = fl == FMT_JSON_CORPUS ? corpus_doc(root, d) : spans_doc(root, fl, d);
	if (rc < 0)
		doc_finish(d);
	return rc;
}

void fmt_replace_invalid(const char *s, size_t len, struct buf *out)
{
	buf_clear(out);
	buf_reserve(out, len);
	size_t i = 0, bad;
	while (i < len) {
		if (text_valid(s + i, len - i, &bad)) {
			buf_add(out, s + i, len - i);
			break;
		}
		buf_add(out, s + i, bad);
		buf_add(out, "\xEF\xBF\xBD", 3);
		i += bad + 1;
	}
}

/* Parse one line with p into *d: 0, or -1 with err_set("reason") where
 * a byte offset counts from base (the line's first byte in the file). */
static int parse_line(struct json_parser *p, const char *s, size_t len, uint64_t base,
                      enum fmt_json_flavour fl, struct doc *d)
{
	const struct json *root = json_parse(p, s, len);
	if (root)
		return fmt_json_doc(root, fl, d);
	memset(d, 0, sizeof *d);
	if (p->error == JSON_ESYNTAX)
		err_set(_("not valid JSON"));
	else
		err_set(_("%s at byte %llu"), p->message, (unsigned long long)(base + p->error_at));
	return -1;
}

int fmt_json_line(struct json_parser *p, const char *json, size_t len, enum fmt_json_flavour fl,
                  struct doc *d)
{
	return parse_line(p, json, len, 0, fl, d);
}

int fmt_json_lines(FILE *f, const char *name, int replace, enum fmt_json_flavour fl,
                   doc_fn fn, void *arg)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	uint64_t offset = 0;            /* of the line in the file */
	struct buf fixed = BUF_INIT;
	struct json_parser p;
	json_parser_init(&p, replace ? JSON_REPLACE_INVALID : 0);
	ssize_t n;
	int rc = 0;
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t len = (size_t)n, a = 0, bad;
		const char *text = line;
		uint64_t here = offset;
		offset += len;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
			a = 3; /* a byte order mark */
		while (a < len && (line[a] == ' ' || line[a] == '\t'))
			a++;
		if (a == len)
			continue;
		if (!text_valid(line, len, &bad)) {
			if (!replace) {
				err_set(_("%s:%zu: invalid UTF-8 at byte %llu"), name, lineno,
				        (unsigned long long)(here + bad));
				rc = -1;
				break;
			}
			fmt_replace_invalid(line, len, &fixed);
			text = fixed.data;
			len = fixed.len;
		}
		struct doc d;
		if (parse_line(&p, text + a, len - a, here + a, fl, &d) < 0) {
			err_set("%s:%zu: %s", name, lineno, err_msg());
			rc = -1;
			break;
		}
		d.line = lineno;
		rc = fn(&d, arg);
		doc_finish(&d);
		if (rc < 0)
			break;
	}
	if (rc == 0 && ferror(f)) {
		err_set("%s: %s", name, strerror(errno ? errno : EIO));
		rc = -1;
	}
	free(line);
	buf_free(&fixed);
	json_parser_finish(&p);
	return rc;
}

/* Keep the documents of a whole file, to hand them on only when all of
 * it parsed. */
struct held {
	struct doc *v;
	size_t n, cap;
};

static int hold(struct doc *d, void *arg)
{
	struct held *h = arg;
	h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n++] = *d;
	memset(d, 0, sizeof *d);
	return 0;
}

int fmt_jsonl_read(const char *path, doc_fn fn, void *arg)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		err_set("%s: %s", path, strerror(errno));
		return -1;
	}
	struct held h = { 0 };
	int rc = fmt_json_lines(f, is_stdin ? _("standard input") : path, 0, FMT_JSON_CORPUS,
	                        hold, &h);
	if (!is_stdin)
		fclose(f);
	for (size_t k = 0; k < h.n; k++) {
		if (rc == 0 && fn(&h.v[k], arg) < 0)
			rc = -1;
		doc_finish(&h.v[k]);
	}
	free(h.v);
	return rc;
}

int fmt_json_has_key(const char *json, size_t len, const char *key)
{
	struct json_parser p;
	json_parser_init(&p, JSON_REPLACE_INVALID);
	const struct json *root = json_parse(&p, json, len);
	int has = json_get(root, key) != NULL;
	json_parser_finish(&p);
	return has;
}

/* ---- writing ------------------------------------------------------------ */

/* A string or JSON null for NULL. */
static void json_str_or_null(struct buf *b, const char *s)
{
	if (s)
		buf_add_json(b, s, strlen(s));
	else
		buf_adds(b, "null");
}

/* A real as SQLite's json_object() writes it ("%!.15g": at most 15
 * significant digits, always a decimal point in the mantissa). */
static void json_real(struct buf *b, double v)
{
	char tmp[40];
	int n = snprintf(tmp, sizeof tmp, "%.15g", v);
	const char *e = strchr(tmp, 'e');
	if (strchr(tmp, '.') || strchr(tmp, 'n') || strchr(tmp, 'i')) {
		buf_add(b, tmp, (size_t)n);
	} else if (e) {
		buf_add(b, tmp, (size_t)(e - tmp));
		buf_adds(b, ".0");
		buf_adds(b, e);
	} else {
		buf_add(b, tmp, (size_t)n);
		buf_adds(b, ".0");
	}
}

int fmt_jsonl_write(struct fmt_writer *w, const struct doc *d)
{
	struct buf *b = &w->b;
	buf_adds(b, "{\"id\":");
	json_str_or_null(b, d->id);
	buf_adds(b, ",\"title\":");
	json_str_or_null(b, d->title);
	if (d->date && d->date[0]) {
		buf_adds(b, ",\"date\":");
		buf_add_json(b, d->date, strlen(d->date));
	}
	buf_adds(b, ",\"text\":");
	buf_add_json(b, d->text, d->text_len);
	buf_adds(b, ",\"entities\":[");
	/* each entity's text by a walk along the text (spans come sorted) */
	size_t at = 0;
	int64_t cp = 0;
	for (size_t k = 0; k < d->nspans; k++) {
		const struct span *sp = &d->spans[k];
		if (sp->start < cp) {
			at = 0;
			cp = 0;
		}
		while (cp < sp->start && at < d->text_len) {
			text_decode(d->text, d->text_len, &at);
			cp++;
		}
		size_t end = at;
		for (int64_t c = cp; c < sp->end && end < d->text_len; c++)
			text_decode(d->text, d->text_len, &end);
		if (k)
			buf_addc(b, ',');
		buf_printf(b, "{\"start\":%lld,\"end\":%lld,\"type\":", (long long)sp->start,
		           (long long)sp->end);
		buf_add_json(b, sp->type, strlen(sp->type));
		buf_adds(b, ",\"text\":");
		buf_add_json(b, d->text + at, cp == sp->start ? end - at : 0);
		buf_adds(b, ",\"status\":");
		buf_add_json(b, sp->status, strlen(sp->status));
		buf_adds(b, ",\"origin\":");
		buf_add_json(b, sp->origin, strlen(sp->origin));
		buf_adds(b, ",\"annotator\":");
		buf_add_json(b, sp->annotator, strlen(sp->annotator));
		if ((sp->has & SPAN_HAS_CONFIDENCE) && strcmp(sp->status, "suggested") == 0) {
			buf_adds(b, ",\"confidence\":");
			json_real(b, sp->confidence);
		}
		if (sp->has & SPAN_HAS_ORIGINAL) {
			buf_printf(b, ",\"original_start\":%lld,\"original_end\":%lld,"
			           "\"original_type\":", (long long)sp->original_start,
			           (long long)sp->original_end);
			buf_add_json(b, sp->original_type, strlen(sp->original_type));
		}
		if (sp->referent > 0 && sp->referent_name) {
			buf_printf(b, ",\"referent_id\":%lld,\"referent\":", (long long)sp->referent);
			buf_add_json(b, sp->referent_name, strlen(sp->referent_name));
		}
		buf_addc(b, '}');
	}
	buf_adds(b, "]}\n");
	return b->len >= 65536 ? fmt_writer_flush(w) : 0;
}
