/*
 * import_walk.c: directories — the files of a format under a directory,
 * walked in sorted order, and brat's NAME.txt and NAME.ann pairs (see
 * import.h).
 */
#include "config.h"
#include "import.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import_impl.h"
#include "lib/util.h"

/* A list of the files under a directory, sorted, as paths relative to
 * it. */
struct filelist {
	char **v;
	size_t n, cap;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect the files under root/rel whose names end in one of suffixes;
 * hidden files and directories are left out, symbolic links to
 * directories not followed.  Reports unreadable directories. */
static int walk(struct import *im, const char *root, const char *rel, const char *const *suffixes,
                struct filelist *out, int depth)
{
	char *dir = rel[0] ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	if (!d) {
		import_report(im, "%s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	struct filelist here = { 0 };
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		here.v = xgrow(here.v, &here.cap, here.n + 1, sizeof *here.v);
		here.v[here.n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (here.n)
		qsort(here.v, here.n, sizeof *here.v, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < here.n; i++) {
		char *sub = rel[0] ? xasprintf("%s/%s", rel, here.v[i]) : xstrdup(here.v[i]);
		char *full = xasprintf("%s/%s", dir, here.v[i]);
		struct stat sb;
		if (lstat(full, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (depth < 64 && walk(im, root, sub, suffixes, out, depth + 1) < 0)
				rc = -1;
			free(sub);
		} else {
			int match = 0;
			for (const char *const *s = suffixes; *s && !match; s++)
				match = import_has_suffix(here.v[i], *s);
			/* regular files only (symbolic links to them too): a FIFO
			 * would hang the walk, /dev/zero fill the memory */
			if (match && stat(full, &sb) == 0 && S_ISDIR(sb.st_mode)) {
				match = 0;
			} else if (match && (stat(full, &sb) != 0 || !S_ISREG(sb.st_mode))) {
				import_report(im, _("%s: not a regular file; skipped"), full);
				match = 0;
				rc = -1;
			}
			if (match) {
				out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
				out->v[out->n++] = sub;
			} else {
				free(sub);
			}
		}
		free(full);
		free(here.v[i]);
	}
	free(here.v);
	free(dir);
	return rc;
}

/* A brat directory: its NAME.txt and NAME.ann files, in pairs. */
static int brat_directory(struct import *im, const char *path, size_t plen,
                          struct filelist *files)
{
	/* sorted by path, so a stem's .ann comes before its .txt unless some
	 * other name sorts between them: sort the stems instead */
	char **stems = xmalloc((files->n + 1) * sizeof *stems);
	for (size_t i = 0; i < files->n; i++) {
		size_t n = strlen(files->v[i]);
		/* the stem, a NUL, then the kind: 'a' or 't' */
		stems[i] = xmalloc(n + 1);
		memcpy(stems[i], files->v[i], n - 4);
		stems[i][n - 4] = '\0';
		stems[i][n - 3] = (char)(files->v[i][n - 3] | 0x20);
		stems[i][n - 2] = '\0';
	}
	if (files->n)
		qsort(stems, files->n, sizeof *stems, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < files->n;) {
		size_t j = i;
		int has_ann = 0, has_txt = 0;
		while (j < files->n && strcmp(stems[j], stems[i]) == 0) {
			char kind = stems[j][strlen(stems[j]) + 1];
			has_ann |= kind == 'a';
			has_txt |= kind == 't';
			j++;
		}
		char *txt = xasprintf("%.*s/%s.txt", (int)plen, path, stems[i]);
		char *ann = xasprintf("%.*s/%s.ann", (int)plen, path, stems[i]);
		/* the file names may have upper-case extensions: look for them */
		for (size_t k = 0; k < files->n; k++) {
			size_t n = strlen(files->v[k]);
			if (n - 4 != strlen(stems[i]) || memcmp(files->v[k], stems[i], n - 4) != 0)
				continue;
			char *full = xasprintf("%.*s/%s", (int)plen, path, files->v[k]);
			if ((files->v[k][n - 3] | 0x20) == 'a') {
				free(ann);
				ann = full;
			} else {
				free(txt);
				txt = full;
			}
		}
		if (import_brat_pair(im, has_txt ? txt : NULL, has_ann ? ann : NULL, stems[i]) < 0)
			rc = -1;
		free(txt);
		free(ann);
		i = j;
	}
	for (size_t i = 0; i < files->n; i++)
		free(stems[i]);
	free(stems);
	return rc;
}

int import_directory(struct import *im, const char *path, enum import_format f)
{
	/* gzip-compressed files too (not in brat's pairs) */
	static const char *const txt[] = { ".txt", ".txt.gz", NULL };
	static const char *const jsonl[] = { ".jsonl", ".json", ".jsonl.gz", ".json.gz", NULL };
	static const char *const csv[] = { ".csv", ".csv.gz", NULL };
	static const char *const conll[] = { ".conll", ".iob", ".bio", ".conll.gz", ".iob.gz",
	                                     ".bio.gz", NULL };
	static const char *const brat[] = { ".txt", ".ann", NULL };
	const char *const *suffixes = txt;
	const char *none = _("%s: no reports (*.txt files) in this directory");
	switch (f) {
	case IMPORT_JSONL:
	case IMPORT_DOCCANO:
	case IMPORT_PRODIGY:
		suffixes = jsonl;
		none = _("%s: no JSON Lines files (*.jsonl, *.json) in this directory");
		break;
	case IMPORT_CSV:
		suffixes = csv;
		none = _("%s: no CSV files (*.csv) in this directory");
		break;
	case IMPORT_CONLL:
		suffixes = conll;
		none = _("%s: no CoNLL files (*.conll, *.iob, *.bio) in this directory");
		break;
	case IMPORT_BRAT:
		suffixes = brat;
		none = _("%s: no brat documents (*.txt, *.ann) in this directory");
		break;
	default:
		break;
	}
	struct filelist files = { 0 };
	int rc = walk(im, path, "", suffixes, &files, 0);
	if (rc < 0)
		im->total.failed++;
	if (files.n == 0 && rc == 0) {
		import_report(im, none, path);
		im->total.failed++;
		rc = -1;
	}
	/* drop a trailing slash from the path shown */
	size_t plen = strlen(path);
	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	if (f == IMPORT_BRAT && brat_directory(im, path, plen, &files) < 0)
		rc = -1;
	for (size_t i = 0; i < files.n; i++) {
		if (f != IMPORT_BRAT) {
			char *full = xasprintf("%.*s/%s", (int)plen, path, files.v[i]);
			int r = f == IMPORT_TEXT ? import_text_file(im, full, files.v[i], full)
			                         : import_open_jsonl(im, full, files.v[i], full, f);
			if (r < 0)
				rc = -1;
			free(full);
		}
		free(files.v[i]);
	}
	free(files.v);
	return rc;
}

