/*
 * recognise.c: the names of the import formats, and recognising the
 * format of a path from its name and contents (see import.h).
 */
#include "config.h"
#include "import.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import_impl.h"
#include "formats/formats.h"
#include "lib/input.h"
#include "lib/util.h"

static const char *const format_names[] = {
	[IMPORT_AUTO] = "auto", [IMPORT_TEXT] = "text", [IMPORT_JSONL] = "jsonl",
	[IMPORT_CSV] = "csv", [IMPORT_DOCCANO] = "doccano", [IMPORT_PRODIGY] = "prodigy",
	[IMPORT_CONLL] = "conll", [IMPORT_BRAT] = "brat",
};

int import_format_parse(const char *name, enum import_format *out)
{
	for (size_t i = IMPORT_TEXT; i < ARRAY_SIZE(format_names); i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*out = (enum import_format)i;
			return 0;
		}
	}
	return -1;
}

const char *import_format_name(enum import_format f)
{
	return format_names[f];
}

int import_format_built(enum import_format f)
{
	return f != IMPORT_AUTO;
}

static int has_suffix_n(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	if (n < k)
		return 0;
	const char *p = s + n - k;
	for (size_t i = 0; i < k; i++)
		if ((p[i] | 0x20) != suffix[i])
			return 0;
	return 1;
}

int import_has_suffix(const char *s, const char *suffix)
{
	return has_suffix_n(s, strlen(s), suffix);
}

/* The suffix of what the file holds: "feed.jsonl.gz" is JSON Lines. */
static int has_format_suffix(const char *s, const char *suffix)
{
	return has_suffix_n(s, input_plain_len(s), suffix);
}

/* The first non-blank line of a file (owned), or NULL; decompressed. */
static char *first_line(const char *path)
{
	struct input *in = input_open(path, INPUT_DEFAULT_LIMIT);
	if (!in)
		return NULL;
	FILE *f = in->f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		size_t a = 0;
		if (n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
			a = 3;
		while ((ssize_t)a < n && (line[a] == ' ' || line[a] == '\t' || line[a] == '\r' ||
		                          line[a] == '\n'))
			a++;
		if ((ssize_t)a < n) {
			memmove(line, line + a, (size_t)n - a + 1);
			break;
		}
	}
	input_close(&in);
	if (n < 0) {
		free(line);
		return NULL;
	}
	return line;
}

static enum import_format json_flavour(const char *path)
{
	char *line = first_line(path);
	enum import_format f = IMPORT_JSONL;
	if (line) {
		size_t len = strlen(line);
		if (fmt_json_has_key(line, len, "label"))
			f = IMPORT_DOCCANO;
		else if (fmt_json_has_key(line, len, "spans"))
			f = IMPORT_PRODIGY;
	}
	free(line);
	return f;
}

/* Does the tree under dir hold a .ann file? */
static int holds_ann(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	int found = 0;
	while (!found && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (import_has_suffix(e->d_name, ".ann")) {
			found = 1;
			break;
		}
		if (depth < 32) {
			char *sub = xasprintf("%s/%s", dir, e->d_name);
			struct stat sb;
			if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
				found = holds_ann(sub, depth + 1);
			free(sub);
		}
	}
	closedir(d);
	return found;
}

enum import_format import_recognise(const char *path, enum import_format forced)
{
	if (forced != IMPORT_AUTO)
		return forced;
	if (strcmp(path, "-") == 0)
		return IMPORT_AUTO;
	struct stat sb;
	if (stat(path, &sb) != 0)
		return IMPORT_AUTO;
	if (S_ISDIR(sb.st_mode))
		return holds_ann(path, 0) ? IMPORT_BRAT : IMPORT_TEXT;
	if (has_format_suffix(path, ".txt"))
		return IMPORT_TEXT;
	if (has_format_suffix(path, ".csv"))
		return IMPORT_CSV;
	if (has_format_suffix(path, ".conll") || has_format_suffix(path, ".iob") ||
	    has_format_suffix(path, ".bio"))
		return IMPORT_CONLL;
	if (has_format_suffix(path, ".jsonl") || has_format_suffix(path, ".json"))
		return S_ISREG(sb.st_mode) ? json_flavour(path) : IMPORT_JSONL;
	if (!S_ISREG(sb.st_mode))
		return IMPORT_TEXT; /* a pipe or device: reading to look would eat it */
	char *line = first_line(path);
	enum import_format f = line && line[0] == '{' ? IMPORT_JSONL : IMPORT_TEXT;
	free(line);
	return f;
}

