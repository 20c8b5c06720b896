/*
 * cli.h: the command line.  main.c parses the global options and
 * dispatches to one cmd_*.c file per subcommand.
 */
#ifndef NERVE_CLI_H
#define NERVE_CLI_H

#include <getopt.h>

struct store;

/* Global options, shared by every command. */
struct cli {
	const char *db_path;     /* --db, else $NERVE_DB, else NULL (XDG default) */
	const char *annotator;   /* --annotator, $NERVE_ANNOTATOR, login name */
	int sync_full;           /* --sync full */
	const char *script;      /* --script FILE or $NERVE_SCRIPT (browser) */
	const char *rc;          /* --rc FILE (browser; else $NERVE_RC, see rc.h) */
};

/* Long option ids of the global options, above any short option char. */
enum {
	OPT_DB = 1000, OPT_ANNOTATOR, OPT_SYNC, OPT_SCRIPT, OPT_RC, OPT_HELP, OPT_VERSION,
	OPT_CMD_BASE = 1100      /* commands number their own long options from here */
};

/* The global options, to splice into each command's getopt_long table so
 * that they may follow the command name. */
#define CLI_GLOBAL_LONGOPTS \
	{ "db", required_argument, NULL, OPT_DB }, \
	{ "annotator", required_argument, NULL, OPT_ANNOTATOR }, \
	{ "sync", required_argument, NULL, OPT_SYNC }, \
	{ "script", required_argument, NULL, OPT_SCRIPT }, \
	{ "rc", required_argument, NULL, OPT_RC }, \
	{ "help", no_argument, NULL, OPT_HELP }, \
	{ "version", no_argument, NULL, OPT_VERSION }

/* Handle a global option returned by getopt_long (opt, optarg).  Returns
 * 1 if it was one (--help prints usage, the command's own when given,
 * and exits 0; --version prints the version and exits 0), 0 if not, and
 * exits 2 on a bad value. */
int cli_global_option(struct cli *cli, int opt, const char *usage);

/* Report what getopt_long found wrong (opt: its ':' for a missing
 * argument or '?' for an unknown option; every option string starts
 * with ':' so that getopt says nothing itself), once, and return 2. */
int cli_option_error(const char *cmd, int opt, char **argv);

/* Report misuse ("nerve: MESSAGE" and a hint to --help) and return 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...);

/* Open the database the options name (creating it and, for the XDG
 * default, its directory when 'create'); prints the error and returns
 * NULL on failure. */
struct store *cli_open_store(const struct cli *cli, int create);
/* Open the database for a command that only reads it: read-write (so an
 * older schema is upgraded) when the file is writable, else read-only.
 * Never creates it.  Prints the error and returns NULL on failure. */
struct store *cli_open_store_reading(const struct cli *cli);

/* Parse a comma-separated list: call fn for each non-empty item (a
 * NUL-terminated copy, borrowed); stops at and returns fn's -1. */
int cli_each_item(const char *list, int (*fn)(void *arg, const char *item), void *arg);

/* Commands: each takes the arguments after the command name (argv[0] is
 * the command name) and returns the exit status. */
#define CLI_COMMANDS(X) \
	X(import, N_("import reports and annotations (see --format)")) \
	X(export, N_("export annotations (csv, jsonl, doccano, prodigy, conll, brat)")) \
	X(entities, N_("list the referents: who and what the reports mention")) \
	X(stats, N_("count articles by review state and entities by type")) \
	X(types, N_("list, add, rename and recolour entity types")) \
	X(backup, N_("write an online copy of the database")) \
	X(check, N_("check the database: integrity, checksums, counts")) \
	X(detect, N_("detect entities again in articles not yet reviewed")) \
	X(eval, N_("score the detector on gold documents")) \
	X(train, N_("train the detector and use the new model"))

#define X(name, help) int cmd_##name(struct cli *cli, int argc, char **argv);
CLI_COMMANDS(X)
#undef X

#endif
