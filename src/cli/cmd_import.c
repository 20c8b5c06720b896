/*
 * cmd_import.c: nerve import — reports from files, directories and
 * standard input into the database, with a closing summary.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"
#include "edit/learn.h"
#include "detect/detect.h"
#include "edit/import.h"
#include "store/store.h"
#include "lib/input.h"
#include "lib/progress.h"
#include "lib/util.h"

static const char import_usage[] = N_(
	"Usage: nerve import [OPTION]... PATH...\n"
	"Import reports into the database: plain-text files, directories (their\n"
	"*.txt files, recursively; regular files only), JSON Lines in the corpus format, doccano and\n"
	"Prodigy JSON Lines, CoNLL, brat directories, and '-' for standard input\n"
	"(JSON Lines when its first byte is '{', else text).  A CSV export applies\n"
	"its rows to the articles with those ids already in the database.  Each\n"
	"file is imported in one transaction; a report already in the database\n"
	"is left as it is.  gzip-compressed files (x.txt.gz, feed.jsonl.gz,\n"
	"*.txt.gz in directories, standard input) are read as what they hold.\n"
	"\n"
	"  -f, --format F        read every PATH as format F: text, jsonl, csv,\n"
	"                        doccano, prodigy, conll or brat (default:\n"
	"                        recognised from the name and the contents)\n"
	"  -m, --map MAP         rename entity types with the JSON object in MAP\n"
	"                        ({\"their type\": \"OUR TYPE\"}, \"-\" drops a type)\n"
	"      --reviewed        import entities as accepted and mark the articles\n"
	"                        done (work brought in from elsewhere)\n"
	"      --no-detect       do not run entity detection on the new articles\n"
	"      --replace-invalid replace invalid UTF-8 and NUL bytes with U+FFFD\n"
	"                        instead of rejecting the file\n"
	"      --max-size SIZE   refuse a file larger than SIZE bytes (a suffix K,\n"
	"                        M or G multiplies by 1024s; default 1G), counted\n"
	"                        while reading, after decompression\n"
	"  -h, --help            show this help and exit\n"
	"\n"
	"Ends with a summary on standard output; progress goes to standard error\n"
	"when it is a terminal.  Exit status: 0 when everything was imported\n"
	"(duplicates included), 1 when a file or an item was rejected, 2 on\n"
	"misuse (including a format that cannot be imported yet).\n");

enum {
	OPT_REVIEWED = OPT_CMD_BASE, OPT_NO_DETECT, OPT_REPLACE_INVALID, OPT_MAX_SIZE,
};

/* The bytes an import of path will read: a regular file's size, the
 * sizes of a directory's files that import could read (hidden ones and
 * symbolic links to directories left out, as import does); 0 for
 * standard input and what cannot be looked at. */
static uint64_t input_size(const char *path, int depth)
{
	static const char *const suffixes[] = { ".txt", ".jsonl", ".json", ".csv", ".conll",
	                                        ".iob", ".bio", ".ann" };
	struct stat sb;
	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0)
		return 0;
	if (S_ISREG(sb.st_mode))
		return (uint64_t)sb.st_size;
	if (!S_ISDIR(sb.st_mode) || depth > 64)
		return 0;
	DIR *d = opendir(path);
	if (!d)
		return 0;
	uint64_t sum = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = xasprintf("%s/%s", path, e->d_name);
		if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			sum += input_size(sub, depth + 1);
		} else if (stat(sub, &sb) == 0 && S_ISREG(sb.st_mode)) {
			size_t n = input_plain_len(e->d_name);
			for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
				size_t k = strlen(suffixes[i]);
				if (n >= k && strncasecmp(e->d_name + n - k, suffixes[i], k) == 0) {
					sum += (uint64_t)sb.st_size;
					break;
				}
			}
		}
		free(sub);
	}
	closedir(d);
	return sum;
}

/* "123", "64K", "500M", "2G" to bytes: 0, or -1 when it is none. */
static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || errno || *s == '-')
		return -1;
	unsigned shift = 0;
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	default: break;
	}
	if (*end || v == 0 || v > (UINT64_MAX >> shift))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

/* The import's progress: the bytes read of all the files' bytes, or with
 * standard input among them (its size is not known) the reports read. */
static void show_progress(void *arg, const char *name, const struct import_stats *s)
{
	struct progress *meter = arg;
	(void)name;
	progress_update(meter, progress_unit(meter) == PROGRESS_BYTES ? input_bytes_read()
	                       : s->imported + s->duplicates + s->failed);
}

/* Clear the progress line before a message. */
static void print_message(void *arg, const char *msg)
{
	progress_clear(arg);
	warnmsg("%s", msg);
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "map", required_argument, NULL, 'm' },
		{ "reviewed", no_argument, NULL, OPT_REVIEWED },
		{ "no-detect", no_argument, NULL, OPT_NO_DETECT },
		{ "replace-invalid", no_argument, NULL, OPT_REPLACE_INVALID },
		{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
		CLI_GLOBAL_LONGOPTS,
		{ 0, 0, 0, 0 },
	};
	struct import_opts o = { 0 };
	const char *map_path = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, ":hf:m:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (import_format_parse(optarg, &o.format) < 0)
				return cli_usage_error("import", _("unknown format '%s' (text, jsonl, csv, "
				                                   "doccano, prodigy, conll, brat)"),
				                       optarg);
			break;
		case 'm':
			map_path = optarg;
			break;
		case OPT_REVIEWED:
			o.reviewed = 1;
			break;
		case OPT_NO_DETECT:
			o.no_detect = 1;
			break;
		case OPT_REPLACE_INVALID:
			o.replace_invalid = 1;
			break;
		case OPT_MAX_SIZE:
			if (parse_size(optarg, &o.max_bytes) < 0)
				return cli_usage_error("import", _("--max-size takes a size in bytes (with K, "
				                                   "M or G), not '%s'"), optarg);
			break;
		default:
			if (!cli_global_option(cli, opt, _(import_usage)))
				return cli_option_error("import", opt, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error("import", _("import needs at least one PATH ('-' for standard input)"));
	if (o.format != IMPORT_AUTO && !import_format_built(o.format)) {
		warnmsg(_("the %s format cannot be imported yet"), import_format_name(o.format));
		return 2;
	}
	int nstdin = 0;
	for (int i = optind; i < argc; i++)
		nstdin += strcmp(argv[i], "-") == 0;
	if (nstdin > 1)
		return cli_usage_error("import", _("'-' (standard input) may be given once"));

	struct store *st = cli_open_store(cli, 1);
	if (!st)
		return 1;
	/* Refuse formats not built yet before importing anything. */
	for (int i = optind; i < argc; i++) {
		enum import_format f = import_recognise(argv[i], o.format);
		if (f != IMPORT_AUTO && !import_format_built(f)) {
			warnmsg(_("%s: the %s format cannot be imported yet"), argv[i],
			        import_format_name(f));
			store_close(&st);
			return 2;
		}
	}
	struct typemap *map = NULL;
	if (map_path && !(map = typemap_load(map_path))) {
		warnmsg("%s", err_msg());
		store_close(&st);
		return 1;
	}
	uint64_t total = 0;
	for (int i = optind; i < argc; i++)
		total += input_size(argv[i], 0);
	/* TRANSLATORS: what the progress line says nerve is doing, and what it counts */
	struct progress *meter = nstdin ? progress_new(_("importing"), PROGRESS_ITEMS, _("reports"), 0)
	                                : progress_new(_("importing"), PROGRESS_BYTES, NULL, total);
	o.map = map;
	o.annotator = cli->annotator;
	o.progress = show_progress;
	o.progress_arg = meter;
	o.message = print_message;
	o.message_arg = meter;
	/* the detector as the team's work left it, which also learns from
	 * each reviewed article marked done */
	struct learner *learner = NULL;
	if (!o.no_detect || o.reviewed) {
		if (!(learner = learner_open(st)) && !o.no_detect) {
			warnmsg("%s", err_msg());
			progress_free(&meter);
			typemap_free(&map);
			store_close(&st);
			return 1;
		}
		if (!learner)   /* --no-detect --reviewed: the articles go in, unlearnt */
			warnmsg(_("%s; the reviewed articles teach the model nothing"), err_msg());
		o.learner = learner;
	}
	if (!o.no_detect) {
		o.detect = learner_detect_hook;
		o.detect_arg = learner;
	}

	struct import *im = import_new(st, &o);
	int rc = 0;
	for (int i = optind; i < argc; i++)
		if (import_path(im, argv[i]) < 0)
			rc = 1;
	progress_free(&meter);
	const struct import_stats *s = import_get_stats(im);
	printf(_("imported: %zu, duplicates: %zu, failed: %zu"), s->imported, s->duplicates,
	       s->failed);
	if (s->entities)
		printf(_(", entities: %zu"), s->entities);
	if (s->updated)
		printf(_(", entities updated: %zu"), s->updated);
	if (s->unchanged)
		printf(_(", unchanged: %zu"), s->unchanged);
	if (s->reviewed)
		printf(_(", stored articles reviewed: %zu"), s->reviewed);
	if (s->suggestions)
		printf(_(", suggestions: %zu"), s->suggestions);
	if (s->skipped)
		printf(_(", entities skipped: %zu"), s->skipped);
	if (s->new_types)
		printf(_(", new types: %zu"), s->new_types);
	putchar('\n');
	if (s->failed || s->skipped)
		rc = 1;
	import_free(&im);
	learner_free(&learner);
	typemap_free(&map);
	store_close(&st);
	if (fflush(stdout) != 0)
		rc = 1;
	return rc;
}
