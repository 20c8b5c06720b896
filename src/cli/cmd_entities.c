/*
 * cmd_entities.c: nerve entities — the referents of the corpus (who and
 * what the reports mention) with their mentions' variants, counts and
 * articles, as CSV or JSON Lines, for spreadsheets and link charts.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "formats/formats.h"
#include "store/store.h"
#include "lib/util.h"

static const char entities_usage[] = N_(
	"Usage: nerve entities [OPTION]...\n"
	"List the referents: what several mentions refer to (one person, one\n"
	"organisation), linked by nerve's rules (see the manual), most mentioned\n"
	"first.  CSV has a row per referent: referent_id, type, name, ambiguous,\n"
	"mentions, n_articles, accepted, suggested, rejected, variants (the\n"
	"distinct texts of its mentions) and articles (their external ids), the\n"
	"lists joined by \" | \"; JSON Lines an object per referent with the same\n"
	"keys, the lists as arrays.  Rejected mentions are counted, not listed.\n"
	"\n"
	"  -f, --format F          csv (default) or jsonl\n"
	"  -t, --type T            only referents of these types (a comma list)\n"
	"      --no-formula-guard  leave cells that start with = + - @ tab or CR as\n"
	"                          they are (by default they get a leading ')\n"
	"  -o, --output FILE       write to FILE (replaced only when the listing is\n"
	"                          complete) instead of standard output\n"
	"  -h, --help              show this help and exit\n");

enum { OPT_NO_GUARD = OPT_CMD_BASE };

static const char csv_header[] =
	"referent_id,type,name,ambiguous,mentions,n_articles,accepted,suggested,rejected,"
	"variants,articles\r\n";

struct listing {
	FILE *out;
	int jsonl;
	int guard;
	struct buf line;
};

static int write_row(void *arg, const struct referent_listing *r)
{
	struct listing *l = arg;
	struct buf *b = &l->line;
	buf_clear(b);
	if (l->jsonl) {
		buf_adds(b, r->json);
		buf_addc(b, '\n');
	} else {
		buf_printf(b, "%lld,", (long long)r->id);
		fmt_csv_cell(b, r->type, strlen(r->type), l->guard);
		buf_addc(b, ',');
		fmt_csv_cell(b, r->name, strlen(r->name), l->guard);
		buf_printf(b, ",%d,%lld,%lld,%lld,%lld,%lld,", r->ambiguous, (long long)r->mentions,
		           (long long)r->articles, (long long)r->accepted, (long long)r->suggested,
		           (long long)r->rejected);
		fmt_csv_cell(b, r->variants, strlen(r->variants), l->guard);
		buf_addc(b, ',');
		fmt_csv_cell(b, r->article_ids, strlen(r->article_ids), l->guard);
		buf_adds(b, "\r\n");
	}
	if (fwrite(b->data, 1, b->len, l->out) != b->len) {
		err_set(_("cannot write: %s"), strerror(errno));
		return -1;
	}
	return 0;
}

static int add_type(void *arg, const char *item)
{
	struct { char **v; size_t n, cap; } *t = arg;
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n++] = xstrdup(item);
	return 0;
}

/* A temporary file beside path, to be renamed over it, with the
 * permissions a new file would get. */
static FILE *open_temp(const char *path, char **tmp)
{
	*tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		warnmsg("%s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	FILE *f = fdopen(fd, "w");
	if (!f) {
		warnmsg("%s: %s", path, strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return f;
}

int cmd_entities(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "type", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "no-formula-guard", no_argument, NULL, OPT_NO_GUARD },
		CLI_GLOBAL_LONGOPTS,
		{ 0, 0, 0, 0 },
	};
	struct { char **v; size_t n, cap; } types = { 0 };
	const char *output = NULL;
	struct listing l = { stdout, 0, 1, BUF_INIT };
	int opt, rc = 2;
	while ((opt = getopt_long(argc, argv, ":hf:t:o:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (strcmp(optarg, "csv") == 0) {
				l.jsonl = 0;
			} else if (strcmp(optarg, "jsonl") == 0) {
				l.jsonl = 1;
			} else {
				rc = cli_usage_error("entities", _("--format takes csv or jsonl, not '%s'"),
				                     optarg);
				goto out;
			}
			break;
		case 't':
			cli_each_item(optarg, add_type, &types);
			break;
		case 'o':
			if (!optarg[0]) {
				rc = cli_usage_error("entities", _("--output needs a file name"));
				goto out;
			}
			output = optarg;
			break;
		case OPT_NO_GUARD:
			l.guard = 0;
			break;
		default:
			if (!cli_global_option(cli, opt, _(entities_usage))) {
				rc = cli_option_error("entities", opt, argv);
				goto out;
			}
		}
	}
	if (optind < argc) {
		rc = cli_usage_error("entities", _("unexpected argument '%s'"), argv[optind]);
		goto out;
	}
	rc = 1;
	struct store *st = cli_open_store_reading(cli);
	if (!st)
		goto out;
	for (size_t i = 0; i < types.n; i++) {
		int k = store_type_get(st, types.v[i], NULL);
		if (k <= 0) {
			if (k == 0)
				warnmsg(_("%s: no entity type '%s'"), store_path(st), types.v[i]);
			else
				warnmsg("%s", err_msg());
			store_close(&st);
			goto out;
		}
	}
	char *tmp = NULL;
	if (output && !(l.out = open_temp(output, &tmp))) {
		store_close(&st);
		goto out;
	}
	if (!l.jsonl)
		fputs(csv_header, l.out); /* a failure shows in ferror() below */
	int r = store_referents_list(st, types.n ? (const char *const *)types.v : NULL, types.n,
	                             write_row, &l);
	const char *shown = tmp ? output : _("standard output");
	if (r < 0)
		warnmsg("%s: %s", shown, err_msg());
	else if (fflush(l.out) != 0 || ferror(l.out) || (tmp && fsync(fileno(l.out)) != 0))
		warnmsg(_("%s: cannot write: %s"), shown, strerror(errno)), r = -1;
	if (tmp) {
		if (fclose(l.out) != 0 && r == 0) {
			warnmsg(_("%s: cannot write: %s"), output, strerror(errno));
			r = -1;
		}
		if (r == 0 && rename(tmp, output) != 0) {
			warnmsg("%s: %s", output, strerror(errno));
			r = -1;
		}
		if (r < 0)
			unlink(tmp);
		free(tmp);
	}
	store_close(&st);
	rc = r < 0 ? 1 : 0;
out:
	for (size_t i = 0; i < types.n; i++)
		free(types.v[i]);
	free(types.v);
	buf_free(&l.line);
	return rc;
}
