/*
 * fmt_jsonl.c: JSON Lines in the corpus format (see formats.h).
 */
#include "config.h"
#include "formats.h"

#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "util.h"

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
