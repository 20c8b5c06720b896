/*
 * fmt_jsonl.c: JSON Lines in the corpus format (see formats.h).
 */
#include "config.h"
#include "formats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "text/text.h"
#include "lib/util.h"

int fmt_jsonl_read(struct store *st, const char *path, doc_fn fn, void *arg)
{
	char *data;
	size_t len;
	if (read_file(path, &data, &len) < 0)
		return -1;
	const char *name = strcmp(path, "-") == 0 ? _("standard input") : path;
	struct doc *docs = NULL;
	size_t ndocs = 0, cap = 0, lineno = 0;
	int rc = 0;
	for (size_t i = 0; i < len && rc == 0;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		lineno++;
		size_t a = i, b = end;
		while (a < b && (data[a] == ' ' || data[a] == '\t' || data[a] == '\r'))
			a++;
		if (a < b) {
			docs = xgrow(docs, &cap, ndocs + 1, sizeof *docs);
			if (store_json_doc(st, data + a, b - a, &docs[ndocs]) < 0) {
				err_set("%s:%zu: %s", name, lineno, err_msg());
				rc = -1;
			} else {
				docs[ndocs++].line = lineno;
			}
		}
		i = end + 1;
	}
	free(data);
	for (size_t k = 0; k < ndocs; k++) {
		if (rc == 0 && fn(&docs[k], arg) < 0)
			rc = -1;
		doc_finish(&docs[k]);
	}
	free(docs);
	return rc;
}

void fmt_replace_invalid(const char *s, size_t len, struct buf *out)
{
	buf_clear(out);
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

int fmt_jsonl_stream(struct store *st, FILE *f, const char *name, int replace, doc_fn fn,
                     void *arg)
{
	return fmt_json_lines(st, f, name, replace, store_json_doc, fn, arg);
}

int fmt_json_lines(struct store *st, FILE *f, const char *name, int replace,
                   json_line_fn parse, doc_fn fn, void *arg)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	uint64_t offset = 0;            /* of the line in the file */
	struct buf fixed = BUF_INIT;
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
		if (parse(st, text + a, len - a, &d) < 0) {
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
	return rc;
}

/* Write one exported document and a newline. */
static int write_line(void *arg, const char *json, size_t len)
{
	FILE *out = arg;
	if (fwrite(json, 1, len, out) != len || putc('\n', out) == EOF) {
		err_set("%s", strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

int fmt_jsonl_export(struct store *st, const struct export_filter *f, FILE *out)
{
	return store_export_json(st, f, write_line, out);
}
