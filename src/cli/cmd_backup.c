/*
 * cmd_backup.c: nerve backup FILE — an online copy of the database.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "store/store.h"
#include "lib/progress.h"
#include "lib/util.h"

static const char backup_usage[] = N_(
	"Usage: nerve backup [OPTION]... FILE\n"
	"Write an online copy of the database to FILE (SQLite's backup API), safe\n"
	"while other nerve processes are working on it.\n"
	"\n"
	"  -h, --help  show this help and exit\n");

static void step(void *arg, int done, int total)
{
	progress_set_total(arg, (uint64_t)total);
	progress_update(arg, (uint64_t)done);
}

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_GLOBAL_LONGOPTS, { 0, 0, 0, 0 } };
	int opt;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (!cli_global_option(cli, opt, _(backup_usage)))
			return cli_option_error("backup", opt, argv);
	}
	if (argc - optind != 1)
		return cli_usage_error("backup", _("backup takes one FILE"));
	struct store *st = cli_open_store_reading(cli);
	if (!st)
		return 1;
	/* TRANSLATORS: what the progress line says nerve is doing, and what it counts */
	struct progress *meter = progress_new(_("backing up"), PROGRESS_ITEMS, _("pages"), 0);
	int rc = store_backup(st, argv[optind], step, meter);
	progress_free(&meter);
	if (rc < 0)
		warnmsg("%s", err_msg());
	store_close(&st);
	return rc < 0 ? 1 : 0;
}
