/*
 * main.c: global options and dispatch to the subcommands.
 */
#include "config.h"

#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "detect/detect.h"
#include "store/store.h"
#include "tui/ui.h"
#include "lib/util.h"

static const struct command {
	const char *name;
	int (*run)(struct cli *, int, char **);
	const char *help;
} commands[] = {
#define X(name, help) { #name, cmd_##name, help },
	CLI_COMMANDS(X)
#undef X
};

static void usage(void)
{
	printf(_("Usage: %s [OPTION]...                 open the browser\n"
	         "  or:  %s [OPTION]... COMMAND [ARG]...  run a command\n"
	         "Review named entities in news reports.\n\n"),
	       progname, progname);
	printf(_("Commands:\n"));
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		printf("  %-8s %s\n", commands[i].name, _(commands[i].help));
	printf("  %-8s %s\n", "help", _("describe a command: help COMMAND"));
	printf(_("\nGlobal options (before or after the command):\n"
	         "      --db PATH          the database (default $NERVE_DB, else\n"
	         "                         $XDG_DATA_HOME/nerve/nerve.db)\n"
	         "      --annotator NAME   who is working (default $NERVE_ANNOTATOR,\n"
	         "                         else the login name)\n"
	         "      --sync full        fsync every decision (safe against power loss)\n"
	         "      --script FILE      read browser keys from FILE (tests)\n"
	         "      --rc FILE          the browser's rc file (default $NERVE_RC, else\n"
	         "                         $XDG_CONFIG_HOME/nerve/nerverc)\n"
	         "  -h, --help             show this help and exit\n"
	         "      --version          show the version and exit\n\n"
	         "'%s help COMMAND' describes a command.  Exit status: 0 success,\n"
	         "1 failure, 2 misuse.\n"),
	       progname);
}

static void version(void)
{
	printf("nerve %s\n", PACKAGE_VERSION);
	/* TRANSLATORS: the directory of the model and the lists */
	printf(_("Data: %s\n"), detect_datadir());
	printf(_("Copyright (C) 2026 the nerve authors.\n"
	         "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
	         "This is free software: you are free to change and redistribute it.\n"
	         "There is NO WARRANTY, to the extent permitted by law.\n"));
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	struct buf msg = BUF_INIT;
	va_start(ap, fmt);
	msg_vformat(&msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s", progname, msg.data);
	buf_free(&msg);
	fprintf(stderr, _("\nTry '%s%s%s --help' for more information.\n"), progname,
	        cmd ? " " : "", cmd ? cmd : "");
	return 2;
}

int cli_option_error(const char *cmd, int opt, char **argv)
{
	/* getopt_long, told by the ':' that starts every option string to say
	 * nothing itself, returns ':' for a missing argument and '?' for an
	 * unknown option */
	if (opt == ':')
		return cli_usage_error(cmd, _("option '%s' needs an argument"), argv[optind - 1]);
	return cli_usage_error(cmd, _("unknown option '%s'"), argv[optind - 1]);
}

int cli_global_option(struct cli *cli, int opt, const char *cmd_usage)
{
	switch (opt) {
	case OPT_DB:
		cli->db_path = optarg;
		return 1;
	case OPT_ANNOTATOR:
		if (!optarg[0])
			exit(cli_usage_error(NULL, _("--annotator needs a name")));
		cli->annotator = optarg;
		return 1;
	case OPT_SYNC:
		if (strcmp(optarg, "full") == 0)
			cli->sync_full = 1;
		else if (strcmp(optarg, "normal") == 0)
			cli->sync_full = 0;
		else
			exit(cli_usage_error(NULL, _("--sync takes 'full' or 'normal', not '%s'"),
			                     optarg));
		return 1;
	case OPT_SCRIPT:
		cli->script = optarg;
		return 1;
	case OPT_RC:
		if (!optarg[0])
			exit(cli_usage_error(NULL, _("--rc needs a file")));
		cli->rc = optarg;
		return 1;
	case OPT_HELP:
	case 'h':
		if (cmd_usage)
			fputs(cmd_usage, stdout);
		else
			usage();
		exit(0);
	case OPT_VERSION:
		version();
		exit(0);
	default:
		return 0;
	}
}

/* $XDG_DATA_HOME/nerve/nerve.db, creating the directories. */
static char *default_db_path(int create)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	char *base;
	if (xdg && xdg[0] == '/') {
		base = xstrdup(xdg);
	} else {
		const char *home = getenv("HOME");
		if (!home || !home[0]) {
			struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : "/";
		}
		base = xasprintf("%s/.local/share", home);
	}
	char *dir = xasprintf("%s/nerve", base);
	if (create) {
		/* mkdir -p of base, then dir */
		for (char *p = base + 1; *p; p++) {
			if (*p == '/') {
				*p = '\0';
				mkdir(base, 0700);
				*p = '/';
			}
		}
		mkdir(base, 0700);
		mkdir(dir, 0700);
	}
	char *path = xasprintf("%s/nerve.db", dir);
	free(dir);
	free(base);
	return path;
}

struct store *cli_open_store(const struct cli *cli, int create)
{
	char *path = cli->db_path ? xstrdup(cli->db_path) : default_db_path(create);
	int flags = (create ? STORE_CREATE : 0) | (cli->sync_full ? STORE_SYNC_FULL : 0);
	struct store *st = store_open(path, flags);
	if (!st)
		warnmsg("%s", err_msg());
	free(path);
	return st;
}

struct store *cli_open_store_reading(const struct cli *cli)
{
	char *path = cli->db_path ? xstrdup(cli->db_path) : default_db_path(0);
	/* read-write needs the file and, for the write-ahead log beside it,
	 * its directory writable: a reading command reads either way */
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	int writable = access(path, W_OK) == 0 && access(slash ? dir : ".", W_OK) == 0;
	free(dir);
	int flags = writable ? 0 : STORE_READONLY;
	struct store *st = store_open(path, flags | (cli->sync_full ? STORE_SYNC_FULL : 0));
	if (!st)
		warnmsg("%s", err_msg());
	free(path);
	return st;
}

int cli_each_item(const char *list, int (*fn)(void *arg, const char *item), void *arg)
{
	char *copy = xstrdup(list);
	int rc = 0;
	for (char *p = copy, *next; p && rc == 0; p = next) {
		next = strchr(p, ',');
		if (next)
			*next++ = '\0';
		if (*p)
			rc = fn(arg, p);
	}
	free(copy);
	return rc;
}

/* The browser: open the database and hand it over.  The default
 * database is created on first use; one named by --db or $NERVE_DB must
 * exist (nerve import creates it).  A database that cannot be written is
 * opened for reading: it can be browsed, and each decision says why it
 * cannot be made. */
static int browse(const struct cli *cli)
{
	int readonly = cli->db_path && access(cli->db_path, F_OK) == 0 &&
	               access(cli->db_path, W_OK) != 0;
	struct store *st = readonly ? cli_open_store_reading(cli)
	                            : cli_open_store(cli, cli->db_path == NULL);
	if (!st)
		return 1;
	/* How long to wait for another process's write (default 10 s). */
	const char *busy = getenv("NERVE_BUSY_TIMEOUT");
	if (busy && *busy) {
		char *end;
		long ms = strtol(busy, &end, 10);
		if (*end || ms < 0 || ms > 3600000)
			warnmsg(_("NERVE_BUSY_TIMEOUT: '%s' is not a number of milliseconds; waiting "
			          "10 s"), busy);
		else
			store_set_busy_timeout(st, (int)ms);
	}
	struct ui_setup setup = { cli->annotator, cli->script, cli->rc };
	int rc = ui_run(st, &setup);
	store_close(&st);
	return rc;
}

static const char *login_name(void)
{
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && pw->pw_name[0])
		return pw->pw_name;
	const char *u = getenv("USER");
	return u && u[0] ? u : "analyst";
}

static const char help_usage[] = N_(
	"Usage: nerve help [COMMAND]\n"
	"Describe COMMAND, as 'nerve COMMAND --help' does; with no COMMAND,\n"
	"list the commands and the global options, as 'nerve --help' does.\n"
	"\n"
	"  -h, --help  show this help and exit\n");

/* nerve help [COMMAND]: the command's --help, or nerve's. */
static int help(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_GLOBAL_LONGOPTS, { 0, 0, 0, 0 } };
	int opt;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (!cli_global_option(cli, opt, _(help_usage)))
			return cli_option_error("help", opt, argv);
	}
	if (optind >= argc) {
		usage();
		return 0;
	}
	if (optind + 1 < argc)
		return cli_usage_error("help", _("unexpected argument '%s'"), argv[optind + 1]);
	const char *name = argv[optind];
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i].name, name) == 0) {
			char *help_argv[] = { argv[optind], (char *)"--help", NULL };
			optind = 0;
			return commands[i].run(cli, 2, help_argv);
		}
	return cli_usage_error(NULL, _("unknown command '%s'"), name);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = { CLI_GLOBAL_LONGOPTS, { 0, 0, 0, 0 } };
	struct cli cli = { 0 };
	int opt;

	setlocale(LC_ALL, "");
	/* Numbers in nerve's output are data (JSON, CSV, scores) and in its
	 * input too (models, lists): always with a decimal point, whatever
	 * the language of the messages. */
	setlocale(LC_NUMERIC, "C");
#if ENABLE_NLS
	/* NERVE_LOCALEDIR: the catalogs of a build tree, for its tests */
	const char *localedir = getenv("NERVE_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir && localedir[0] ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	cli.db_path = getenv("NERVE_DB");
	if (cli.db_path && !cli.db_path[0])
		cli.db_path = NULL;
	cli.annotator = getenv("NERVE_ANNOTATOR");
	if (!cli.annotator || !cli.annotator[0])
		cli.annotator = login_name();
	cli.script = getenv("NERVE_SCRIPT");

	/* Global options up to the command name; the command parses the rest. */
	while ((opt = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		if (!cli_global_option(&cli, opt, NULL))
			return cli_option_error(NULL, opt, argv);
	}
	if (optind >= argc)
		return browse(&cli);

	int first = optind;
	const char *name = argv[first];
	if (strcmp(name, "help") == 0) {
		optind = 0;
		return help(&cli, argc - first, argv + first);
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(commands[i].name, name) == 0) {
			optind = 0; /* GNU getopt: re-initialise for the command */
			return commands[i].run(&cli, argc - first, argv + first);
		}
	}
	return cli_usage_error(NULL, _("unknown command '%s'"), name);
}
