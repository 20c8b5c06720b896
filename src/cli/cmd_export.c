/*
 * cmd_export.c: nerve export — the selected entities as CSV (DESIGN.md
 * §6), or the selected articles as corpus JSON Lines, doccano, Prodigy,
 * CoNLL or brat, to standard output or to a file written whole or not at
 * all (temporary file, then rename; brat: a directory, likewise).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "edit/export.h"
#include "store/store.h"
#include "lib/progress.h"
#include "lib/util.h"

static const char export_usage[] = N_(
	"Usage: nerve export [OPTION]...\n"
	"Export entities as CSV (one row per entity: article_id, article_title,\n"
	"entity_id, start, end, text, type, status, origin, annotator, updated_at;\n"
	"RFC 4180, CRLF line ends), or articles with their entities as JSON Lines\n"
	"in the corpus format (each entity with its status, origin, annotator and\n"
	"confidence), doccano or Prodigy JSON Lines, CoNLL IOB2, or brat standoff\n"
	"(a directory of NAME.txt and NAME.ann files, given with -o).\n"
	"\n"
	"  -f, --format F          csv (default), jsonl, doccano, prodigy, conll or\n"
	"                          brat\n"
	"  -s, --status S          accepted (default), suggested, rejected, all, or a\n"
	"                          comma list\n"
	"  -t, --type T            only these entity types (a comma list)\n"
	"      --state R           only articles in review state new, in_progress or\n"
	"                          done (a comma list)\n"
	"  -a, --article ID        only this article (its number or external id;\n"
	"                          may be repeated)\n"
	"      --by NAME           only entities of this annotator\n"
	"      --since TIME        only entities changed at or after TIME (ISO 8601\n"
	"                          date or time, UTC unless it has an offset)\n"
	"      --no-formula-guard  leave cells that start with = + - @ tab or CR as\n"
	"                          they are (by default they get a leading ')\n"
	"  -o, --output FILE       write to FILE (replaced only when the export is\n"
	"                          complete) instead of standard output; for brat,\n"
	"                          a new (or empty) directory; on a terminal, what\n"
	"                          went in is said on standard error\n"
	"  -h, --help              show this help and exit\n"
	"\n"
	"CSV has a row per selected entity; the other formats have every selected\n"
	"article, with its selected entities (possibly none).\n");

enum { OPT_STATE = OPT_CMD_BASE, OPT_BY, OPT_SINCE, OPT_NO_GUARD };

struct selection {
	struct store *st;
	char bad[64];                   /* the item that failed to parse */
	unsigned statuses, states;
	char **types;
	size_t ntypes, captypes;
	char **article_refs;
	size_t nrefs, caprefs;
	int64_t *articles;
	size_t narticles, caparticles;
};

static int add_status(void *arg, const char *item)
{
	struct selection *s = arg;
	enum entity_status k;
	if (strcmp(item, "all") == 0) {
		s->statuses = 7;
		return 0;
	}
	if (entity_status_parse(item, &k) < 0) {
		snprintf(s->bad, sizeof s->bad, "%s", item);
		return -1;
	}
	s->statuses |= 1u << k;
	return 0;
}

static int add_state(void *arg, const char *item)
{
	struct selection *s = arg;
	enum article_state k;
	if (article_state_parse(item, &k) < 0) {
		snprintf(s->bad, sizeof s->bad, "%s", item);
		return -1;
	}
	s->states |= 1u << k;
	return 0;
}

static int add_type(void *arg, const char *item)
{
	struct selection *s = arg;
	s->types = xgrow(s->types, &s->captypes, s->ntypes + 1, sizeof *s->types);
	s->types[s->ntypes++] = xstrdup(item);
	return 0;
}

static int add_ref(void *arg, const char *item)
{
	struct selection *s = arg;
	s->article_refs = xgrow(s->article_refs, &s->caprefs, s->nrefs + 1, sizeof *s->article_refs);
	s->article_refs[s->nrefs++] = xstrdup(item);
	return 0;
}

static void selection_finish(struct selection *s)
{
	for (size_t i = 0; i < s->ntypes; i++)
		free(s->types[i]);
	for (size_t i = 0; i < s->nrefs; i++)
		free(s->article_refs[i]);
	free(s->types);
	free(s->article_refs);
	free(s->articles);
}

/* What the export could not hold: on standard error, below the progress
 * line. */
static void export_note(void *arg, const char *msg)
{
	progress_clear(arg);
	warnmsg("%s", msg);
}

/* The bytes written so far, on the progress line. */
static void export_progress(void *arg, uint64_t bytes)
{
	progress_update(arg, bytes);
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "status", required_argument, NULL, 's' },
		{ "type", required_argument, NULL, 't' },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "article", required_argument, NULL, 'a' },
		{ "by", required_argument, NULL, OPT_BY },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "no-formula-guard", no_argument, NULL, OPT_NO_GUARD },
		{ "output", required_argument, NULL, 'o' },
		CLI_GLOBAL_LONGOPTS,
		{ 0, 0, 0, 0 },
	};
	struct selection sel = { 0 };
	const char *format = "csv", *output = NULL, *by = NULL, *since = NULL;
	int guard = 1, opt, rc = 2;
	while ((opt = getopt_long(argc, argv, ":hf:s:t:a:o:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			format = optarg;
			break;
		case 's':
			sel.statuses = 0;
			if (cli_each_item(optarg, add_status, &sel) < 0) {
				cli_usage_error("export", _("unknown status '%s' (accepted, suggested, "
				                            "rejected, all)"), sel.bad);
				goto out;
			}
			break;
		case 't':
			if (cli_each_item(optarg, add_type, &sel) < 0)
				goto out;
			break;
		case OPT_STATE:
			if (cli_each_item(optarg, add_state, &sel) < 0) {
				cli_usage_error("export", _("unknown review state '%s' (new, in_progress, "
				                            "done)"), sel.bad);
				goto out;
			}
			break;
		case 'a':
			add_ref(&sel, optarg); /* whole: external ids may hold commas */
			break;
		case OPT_BY:
			by = optarg;
			break;
		case OPT_SINCE:
			since = optarg;
			break;
		case OPT_NO_GUARD:
			guard = 0;
			break;
		case 'o':
			output = optarg;
			break;
		default:
			if (!cli_global_option(cli, opt, _(export_usage))) {
				cli_option_error("export", opt, argv);
				goto out;
			}
		}
	}
	if (optind < argc) {
		cli_usage_error("export", _("unexpected argument '%s'"), argv[optind]);
		goto out;
	}
	struct export_opts eo;
	export_opts_init(&eo);
	if (strcmp(format, "text") == 0) {
		cli_usage_error("export", _("the text format is for import only"));
		goto out;
	}
	if (export_format_parse(format, &eo.format) < 0) {
		cli_usage_error("export", "%s", err_msg());
		goto out;
	}
	if (eo.format == EXPORT_BRAT && (!output || strcmp(output, "-") == 0)) {
		cli_usage_error("export", _("brat export writes a directory: name it with -o DIR"));
		goto out;
	}
	if (!sel.statuses)
		sel.statuses = 1u << ENT_ACCEPTED;

	rc = 1;
	sel.st = cli_open_store_reading(cli);
	if (!sel.st)
		goto out;
	struct export_filter *f = &eo.filter;
	f->statuses = sel.statuses == 7 ? 0 : sel.statuses;
	f->states = sel.states;
	f->by = by;
	char since_utc[21];
	if (since) {
		if (store_time_normalise(sel.st, since, since_utc) < 0) {
			rc = cli_usage_error("export", "%s", err_msg());
			goto out;
		}
		f->since = since_utc;
	}
	for (size_t i = 0; i < sel.ntypes; i++) {
		int r = store_type_get(sel.st, sel.types[i], NULL);
		if (r <= 0) {
			warnmsg(r < 0 ? "%s" : _("no entity type %s"), r < 0 ? err_msg() : sel.types[i]);
			goto out;
		}
	}
	if (sel.ntypes) {
		f->types = (const char *const *)sel.types;
		f->ntypes = sel.ntypes;
	}
	for (size_t i = 0; i < sel.nrefs; i++) {
		int64_t id;
		int r = store_article_find(sel.st, sel.article_refs[i], &id);
		if (r <= 0) {
			warnmsg(r < 0 ? "%s" : _("no article %s"), r < 0 ? err_msg() : sel.article_refs[i]);
			goto out;
		}
		sel.articles = xgrow(sel.articles, &sel.caparticles, sel.narticles + 1,
		                     sizeof *sel.articles);
		sel.articles[sel.narticles++] = id;
	}
	if (sel.nrefs) {
		f->articles = sel.articles;
		f->narticles = sel.narticles;
	}

	eo.formula_guard = guard;
	static char obuf[1 << 16];
	if (!output || strcmp(output, "-") == 0)
		setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	/* on a terminal, the bytes written so far (the total is not known) */
	/* TRANSLATORS: what the progress line says nerve is doing */
	struct progress *meter = progress_new(_("exporting"), PROGRESS_BYTES, NULL, 0);
	eo.note = export_note;
	eo.note_arg = meter;
	if (progress_on(meter) && eo.format != EXPORT_BRAT) {
		eo.progress = export_progress;
		eo.progress_arg = meter;
	}
	struct export_counts n = { 0, 0 };
	eo.counts = &n;
	int r = export_run(sel.st, &eo, output);
	progress_free(&meter);
	if (r < 0) {
		warnmsg("%s", err_msg());
		rc = 1;
	} else {
		/* a file written where the analyst cannot see it: say what went
		 * in, on a terminal only (scripts read the file) */
		if (output && strcmp(output, "-") != 0 && isatty(STDERR_FILENO))
			/* TRANSLATORS: the file or directory, then two counts */
			warnmsg(_("wrote %s: articles: %llu, entities: %llu"), output,
			        (unsigned long long)n.articles, (unsigned long long)n.entities);
		rc = 0;
	}
out:
	store_close(&sel.st);
	selection_finish(&sel);
	return rc;
}
