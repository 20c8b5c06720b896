/*
 * fmt_csv.c: the CSV of DESIGN.md §6 — RFC 4180, UTF-8, a header row, one
 * row per entity, CRLF line ends, formula-like cells neutralised — written
 * by export and read back by import (see formats.h).
 */
#include "config.h"
#include "formats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "lib/util.h"

const char fmt_csv_header[] =
	"article_id,article_title,entity_id,start,end,text,type,status,origin,annotator,updated_at,"
	"original_start,original_end,original_type,referent_id,referent";

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

static void add_int(struct buf *b, int64_t v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
	buf_add(b, tmp, (size_t)n);
}

int fmt_csv_write_header(struct fmt_writer *w)
{
	buf_adds(&w->b, fmt_csv_header);
	buf_add(&w->b, "\r\n", 2);
	w->prefix_of = 0;
	return 0;
}

int fmt_csv_write(struct fmt_writer *w, const struct fmt_csv_row *r)
{
	int guard = w->formula_guard;
	if (r->article == 0 || r->article != w->prefix_of) {
		buf_clear(&w->prefix);
		fmt_csv_cell(&w->prefix, r->article_id, r->article_id_len, guard);
		buf_addc(&w->prefix, ',');
		fmt_csv_cell(&w->prefix, r->title, r->title_len, guard);
		buf_addc(&w->prefix, ',');
		w->prefix_of = r->article;
	}
	struct buf *b = &w->b;
	buf_add(b, w->prefix.data, w->prefix.len);
	add_int(b, r->entity);
	buf_addc(b, ',');
	add_int(b, r->start);
	buf_addc(b, ',');
	add_int(b, r->end);
	buf_addc(b, ',');
	fmt_csv_cell(b, r->text, r->text_len, guard);
	buf_addc(b, ',');
	fmt_csv_cell(b, r->type, strlen(r->type), guard);
	buf_addc(b, ',');
	buf_adds(b, r->status);
	buf_addc(b, ',');
	buf_adds(b, r->origin);
	buf_addc(b, ',');
	fmt_csv_cell(b, r->annotator, strlen(r->annotator), guard);
	buf_addc(b, ',');
	buf_adds(b, r->updated_at);
	buf_addc(b, ',');
	if (r->original_type) {
		add_int(b, r->original_start);
		buf_addc(b, ',');
		add_int(b, r->original_end);
		buf_addc(b, ',');
		fmt_csv_cell(b, r->original_type, strlen(r->original_type), guard);
	} else {
		buf_adds(b, ",,");
	}
	buf_addc(b, ',');
	if (r->referent > 0)
		add_int(b, r->referent);
	buf_addc(b, ',');
	if (r->referent_name)
		fmt_csv_cell(b, r->referent_name, r->referent_name_len, guard);
	buf_add(b, "\r\n", 2);
	/* write in blocks of about 64 KiB */
	return b->len >= 65536 ? fmt_writer_flush(w) : 0;
}

/* ---- reading ------------------------------------------------------------ */

/* The columns import reads, by name. */
enum { COL_ARTICLE, COL_START, COL_END, COL_TEXT, COL_TYPE, COL_STATUS, COL_ORIGIN,
       COL_ANNOTATOR, COL_REFERENT, COL_OSTART, COL_OEND, COL_OTYPE, NCOLS };
static const char *const col_names[NCOLS] = {
	"article_id", "start", "end", "text", "type", "status", "origin", "annotator", "referent",
	"original_start", "original_end", "original_type",
};

struct csv_in {
	const char *name;
	int replace;
	csv_entity_fn row;
	fmt_note_fn note;
	void *arg;
	struct buf cells;               /* the record's cells, each NUL-terminated */
	size_t *start;                  /* offset of each cell in cells */
	size_t n, cap;
	size_t line;                    /* physical line being read */
	size_t rec_line;                /* where the record began */
	int have_header;
	size_t ncells;                  /* of the header */
	long col[NCOLS];                /* cell index of each column, or -1 */
	struct buf fixed;
};

static void end_cell(struct csv_in *c)
{
	buf_addc(&c->cells, '\0');
	c->start = xgrow(c->start, &c->cap, c->n + 2, sizeof *c->start);
	c->start[++c->n] = c->cells.len;
}

static const char *cell(struct csv_in *c, size_t i)
{
	return c->cells.data + c->start[i];
}

/* The cell without the formula guard's leading '. */
static const char *unguard(const char *s)
{
	return s[0] == '\'' ? s + 1 : s;
}

static int parse_int64(const char *s, int64_t *out)
{
	const char *p = s;
	if (*p == '-')
		p++;
	if (!*p || strlen(p) > 18)
		return -1;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return -1;
	*out = strtoll(s, NULL, 10);
	return 0;
}

static int header(struct csv_in *c)
{
	for (int k = 0; k < NCOLS; k++)
		c->col[k] = -1;
	for (size_t i = 0; i < c->n; i++) {
		const char *h = cell(c, i);
		if (i == 0 && memcmp(h, "\xEF\xBB\xBF", 3) == 0)
			h += 3;
		for (int k = 0; k < NCOLS; k++) {
			if (strcmp(h, col_names[k]) != 0)
				continue;
			if (c->col[k] >= 0) {
				err_set(_("%s:%zu: the header names the column %s twice"), c->name,
				        c->rec_line, col_names[k]);
				return -1;
			}
			c->col[k] = (long)i;
		}
	}
	static const int needed[] = { COL_ARTICLE, COL_START, COL_END, COL_TYPE };
	for (size_t k = 0; k < ARRAY_SIZE(needed); k++) {
		if (c->col[needed[k]] < 0) {
			err_set(_("%s:%zu: the header has no %s column (article_id, start, end and type "
			          "are needed)"), c->name, c->rec_line, col_names[needed[k]]);
			return -1;
		}
	}
	c->ncells = c->n;
	c->have_header = 1;
	return 0;
}

static int record(struct csv_in *c)
{
	/* a blank line is one empty cell: nothing */
	if (c->n == 1 && cell(c, 0)[0] == '\0')
		return 0;
	size_t bad;
	if (!text_valid(c->cells.data, c->cells.len, &bad)) {
		if (!c->replace) {
			err_set(_("%s:%zu: invalid UTF-8"), c->name, c->rec_line);
			return -1;
		}
		/* cells keep their lengths in code points: U+FFFD for each bad byte */
		struct buf out = BUF_INIT;
		size_t *starts = xmalloc((c->n + 1) * sizeof *starts);
		for (size_t i = 0; i < c->n; i++) {
			starts[i] = out.len;
			fmt_replace_invalid(cell(c, i), strlen(cell(c, i)), &c->fixed);
			buf_add(&out, c->fixed.data, c->fixed.len);
			buf_addc(&out, '\0');
		}
		starts[c->n] = out.len;
		memcpy(c->start, starts, (c->n + 1) * sizeof *starts);
		free(starts);
		buf_free(&c->cells);
		c->cells = out;
	}
	if (!c->have_header)
		return header(c);
	if (c->n != c->ncells) {
		fmt_notef(c->note, c->arg, c->rec_line, 1,
		          _("the row has %zu cells, the header %zu; row skipped"), c->n, c->ncells);
		return 0;
	}
	struct csv_entity e = { 0 };
	e.line = c->rec_line;
	e.article = unguard(cell(c, (size_t)c->col[COL_ARTICLE]));
	const char *s = unguard(cell(c, (size_t)c->col[COL_START]));
	const char *t = unguard(cell(c, (size_t)c->col[COL_END]));
	if (parse_int64(s, &e.start) < 0) {
		fmt_notef(c->note, c->arg, c->rec_line, 1,
		          _("start '%.40s' is not a number; row skipped"), s);
		return 0;
	}
	if (parse_int64(t, &e.end) < 0) {
		fmt_notef(c->note, c->arg, c->rec_line, 1,
		          _("end '%.40s' is not a number; row skipped"), t);
		return 0;
	}
	if (c->col[COL_TEXT] >= 0) {
		e.text_raw = cell(c, (size_t)c->col[COL_TEXT]);
		e.text = unguard(e.text_raw);
	}
	e.type = unguard(cell(c, (size_t)c->col[COL_TYPE]));
	if (c->col[COL_STATUS] >= 0)
		e.status = unguard(cell(c, (size_t)c->col[COL_STATUS]));
	if (c->col[COL_ORIGIN] >= 0)
		e.origin = unguard(cell(c, (size_t)c->col[COL_ORIGIN]));
	if (c->col[COL_ANNOTATOR] >= 0)
		e.annotator = unguard(cell(c, (size_t)c->col[COL_ANNOTATOR]));
	if (c->col[COL_REFERENT] >= 0) {
		e.referent = unguard(cell(c, (size_t)c->col[COL_REFERENT]));
		if (!e.referent[0])
			e.referent = NULL;
	}
	/* the detector's span and type: all three cells, or none */
	if (c->col[COL_OTYPE] >= 0 && c->col[COL_OSTART] >= 0 && c->col[COL_OEND] >= 0) {
		const char *ot = unguard(cell(c, (size_t)c->col[COL_OTYPE]));
		const char *os = unguard(cell(c, (size_t)c->col[COL_OSTART]));
		const char *oe = unguard(cell(c, (size_t)c->col[COL_OEND]));
		if (ot[0] || os[0] || oe[0]) {
			if (!ot[0] || parse_int64(os, &e.original_start) < 0 ||
			    parse_int64(oe, &e.original_end) < 0) {
				fmt_notef(c->note, c->arg, c->rec_line, 1,
				          _("original_start, original_end and original_type are "
				            "not a span and a type; row skipped"));
				return 0;
			}
			e.original_type = ot;
		}
	}
	return c->row(c->arg, &e);
}

int fmt_csv_read(FILE *f, const char *name, int replace_invalid, csv_entity_fn row,
                 fmt_note_fn note, void *arg)
{
	struct csv_in c = { 0 };
	c.name = name;
	c.replace = replace_invalid;
	c.row = row;
	c.note = note;
	c.arg = arg;
	c.line = 1;
	c.rec_line = 1;
	c.start = xgrow(NULL, &c.cap, 2, sizeof *c.start);
	c.start[0] = 0;
	enum { CELL_START, PLAIN, QUOTED, QUOTE_IN_QUOTED } state = CELL_START;
	size_t quote_line = 0;
	int rc = 0, pending_cr = 0, any = 0;
	enum { BLOCK = 1 << 16 };
	char *block = xmalloc(BLOCK);
	size_t got;
	uint64_t base = 0;              /* file offset of the block */
	while (rc == 0 && (got = fread(block, 1, BLOCK, f)) > 0) {
		for (size_t i = 0; i < got && rc == 0; i++) {
			char ch = block[i];
			if (pending_cr) {
				pending_cr = 0;
				if (ch != '\n') /* a lone CR is data */
					buf_addc(&c.cells, '\r');
			}
			any = 1;
			if (ch == '\0' && state != QUOTE_IN_QUOTED) {
				/* cells are C strings: a NUL would cut one short */
				if (!c.replace) {
					err_set(_("%s:%zu: a NUL byte at byte %llu"), name, c.line,
					        (unsigned long long)(base + i));
					rc = -1;
					break;
				}
				buf_add(&c.cells, "\xEF\xBF\xBD", 3);
				if (state == CELL_START)
					state = PLAIN;
				continue;
			}
			switch (state) {
			case QUOTED:
				if (ch == '"')
					state = QUOTE_IN_QUOTED;
				else
					buf_addc(&c.cells, ch);
				if (ch == '\n')
					c.line++;
				break;
			case QUOTE_IN_QUOTED:
				if (ch == '"') {
					buf_addc(&c.cells, '"');
					state = QUOTED;
					break;
				}
				if (ch != ',' && ch != '\r' && ch != '\n') {
					err_set(_("%s:%zu: text after the closing quote of a cell"), name, c.line);
					rc = -1;
					break;
				}
				/* the cell ends as an unquoted one does */
				/* fall through */
			case CELL_START:
			case PLAIN:
				if (ch == '"' && state == CELL_START) {
					state = QUOTED;
					quote_line = c.line;
				} else if (ch == ',') {
					end_cell(&c);
					state = CELL_START;
				} else if (ch == '\r') {
					pending_cr = 1;
					state = PLAIN; /* PLAIN ends the record at the LF */
				} else if (ch == '\n') {
					end_cell(&c);
					rc = record(&c);
					c.n = 0;
					buf_clear(&c.cells);
					c.line++;
					c.rec_line = c.line;
					state = CELL_START;
					any = 0;
				} else {
					buf_addc(&c.cells, ch);
					state = PLAIN;
				}
				break;
			}
		}
		base += got;
	}
	if (rc == 0 && ferror(f)) {
		err_set("%s: %s", name, strerror(errno ? errno : EIO));
		rc = -1;
	}
	if (rc == 0 && state == QUOTED) {
		err_set(_("%s:%zu: a quoted cell is not closed"), name, quote_line);
		rc = -1;
	}
	if (rc == 0 && (any || pending_cr)) { /* a last record without a line end */
		if (pending_cr)
			buf_addc(&c.cells, '\r');
		end_cell(&c);
		rc = record(&c);
	}
	if (rc == 0 && !c.have_header) {
		err_set(_("%s: no header row (%s)"), name, fmt_csv_header);
		rc = -1;
	}
	free(block);
	buf_free(&c.cells);
	buf_free(&c.fixed);
	free(c.start);
	return rc;
}
