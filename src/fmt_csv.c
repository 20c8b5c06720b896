/*
 * fmt_csv.c: the CSV export of DESIGN.md §6 — RFC 4180, UTF-8, a header
 * row, one row per entity, CRLF line ends, formula-like cells neutralised
 * (see formats.h).
 */
#include "config.h"
#include "formats.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "util.h"

const char fmt_csv_header[] =
	"article_id,article_title,entity_id,start,end,text,type,status,origin,annotator,updated_at";

void fmt_csv_cell(struct buf *b, const char *s, size_t len, int formula_guard)
{
	int guard = formula_guard && len > 0 &&
	            (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	             s[0] == '\r' || s[0] == '\'');
	int quote = 0;
	for (size_t i = 0; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!quote) {
		buf_reserve(b, len + 1);
		if (guard)
			b->data[b->len++] = '\'';
		memcpy(b->data + b->len, s, len);
		b->len += len;
		b->data[b->len] = '\0';
		return;
	}
	buf_reserve(b, len + 3);
	b->data[b->len++] = '"';
	if (guard)
		b->data[b->len++] = '\'';
	for (size_t i = 0; i < len; i++) {
		const char *q = memchr(s + i, '"', len - i);
		size_t run = q ? (size_t)(q - s) - i + 1 : len - i;
		buf_add(b, s + i, run);
		if (q)
			buf_addc(b, '"');
		i += run - 1;
	}
	buf_addc(b, '"');
}

struct csv_out {
	FILE *out;
	int guard;
	struct buf row;
	struct buf prefix;              /* the article's two cells, encoded once */
	int64_t article;
};

static void add_int(struct buf *b, int64_t v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
	buf_add(b, tmp, (size_t)n);
}

static int flush_row(struct csv_out *c)
{
	if (fwrite(c->row.data, 1, c->row.len, c->out) != c->row.len) {
		err_set("%s", strerror(errno ? errno : EIO));
		return -1;
	}
	buf_clear(&c->row);
	return 0;
}

static int csv_row(void *arg, const struct export_row *r)
{
	struct csv_out *c = arg;
	if (r->article != c->article) {
		buf_clear(&c->prefix);
		fmt_csv_cell(&c->prefix, r->ext_id, r->ext_id_len, c->guard);
		buf_addc(&c->prefix, ',');
		fmt_csv_cell(&c->prefix, r->title, r->title_len, c->guard);
		buf_addc(&c->prefix, ',');
		c->article = r->article;
	}
	struct buf *b = &c->row;
	buf_add(b, c->prefix.data, c->prefix.len);
	add_int(b, r->entity);
	buf_addc(b, ',');
	add_int(b, r->start);
	buf_addc(b, ',');
	add_int(b, r->end);
	buf_addc(b, ',');
	fmt_csv_cell(b, r->text, r->text_len, c->guard);
	buf_addc(b, ',');
	fmt_csv_cell(b, r->type, strlen(r->type), c->guard);
	buf_addc(b, ',');
	buf_adds(b, r->status);
	buf_addc(b, ',');
	buf_adds(b, r->origin);
	buf_addc(b, ',');
	fmt_csv_cell(b, r->annotator, strlen(r->annotator), c->guard);
	buf_addc(b, ',');
	buf_adds(b, r->updated_at);
	buf_add(b, "\r\n", 2);
	/* write in blocks of about 64 KiB */
	return b->len >= 65536 ? flush_row(c) : 0;
}

int fmt_csv_export(struct store *st, const struct export_filter *f, FILE *out,
                   int formula_guard)
{
	struct csv_out c = { out, formula_guard, BUF_INIT, BUF_INIT, -1 };
	buf_adds(&c.row, fmt_csv_header);
	buf_add(&c.row, "\r\n", 2);
	int rc = store_export_entities(st, f, csv_row, &c);
	if (rc == 0)
		rc = flush_row(&c);
	buf_free(&c.row);
	buf_free(&c.prefix);
	return rc;
}
