/*
 * cmd_check.c: nerve check — is the database sound?  SQLite's integrity
 * check, every article's text against its checksum, the counts the
 * browser relies on and the full-text index (store_check()).
 */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "store/store.h"
#include "lib/util.h"

static const char check_usage[] = N_(
	"Usage: nerve check [OPTION]...\n"
	"Check the database: SQLite's integrity check, every article's text\n"
	"against the checksum stored with it, the counts of articles and entities\n"
	"that the browser shows, and the full-text index (on a writable database).\n"
	"Prints what is wrong, one problem a line, and exits 1 if anything is.\n"
	"\n"
	"  -h, --help  show this help and exit\n");

static void say(void *arg, const char *problem)
{
	const char *path = arg;
	warnmsg("%s: %s", path, problem);
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_GLOBAL_LONGOPTS, { 0, 0, 0, 0 } };
	int opt;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (!cli_global_option(cli, opt, _(check_usage)))
			return cli_option_error("check", opt, argv);
	}
	if (optind < argc)
		return cli_usage_error("check", _("unexpected argument '%s'"), argv[optind]);
	struct store *st = cli_open_store_reading(cli);
	if (!st)
		return 1;
	struct store_check c = { 0 };
	c.report = say;
	c.arg = (void *)store_path(st);
	int rc = 1;
	if (store_check(st, &c) < 0) {
		warnmsg("%s", err_msg());
	} else if (c.problems) {
		warnmsg(_("%s: %zu problems found"), store_path(st), c.problems);
	} else {
		printf(_("ok: %lld articles, %lld entities%s\n"), (long long)c.articles,
		       (long long)c.entities,
		       c.fts_skipped ? _(" (the full-text index not checked: read-only)") : "");
		rc = 0;
	}
	store_close(&st);
	return rc;
}
