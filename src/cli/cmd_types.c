/*
 * cmd_types.c: nerve types — list, add, rename, recolour entity types and
 * bind their hotkeys.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store/store.h"
#include "lib/util.h"

static const char types_usage[] = N_(
	"Usage: nerve types [OPTION]...                 list the entity types\n"
	"  or:  nerve types --names                     their names, one a line\n"
	"  or:  nerve types add NAME [--key K] [--colour C] [--description TEXT]\n"
	"  or:  nerve types rename OLD NEW\n"
	"  or:  nerve types colour NAME C\n"
	"  or:  nerve types key NAME K\n"
	"List, add, rename and recolour entity types (names are case-sensitive).\n"
	"A rename carries the type's entities along.  Colours C are curses colour\n"
	"names (black, red, green, yellow, blue, magenta, cyan, white) or numbers\n"
	"0 to 255; keys K are 1 to 9, or 'none'.  A key given to one type is taken\n"
	"from the type that had it.\n"
	"\n"
	"  -h, --help  show this help and exit\n");

enum { OPT_KEY = OPT_CMD_BASE, OPT_COLOUR, OPT_DESCRIPTION, OPT_NAMES };

/* "1".."9" or "none"/"0" (0) into *k; -1 otherwise. */
static int parse_key(const char *s, int *k)
{
	if (strcmp(s, "none") == 0 || strcmp(s, "0") == 0) {
		*k = 0;
		return 0;
	}
	if (s[0] >= '1' && s[0] <= '9' && s[1] == '\0') {
		*k = s[0] - '0';
		return 0;
	}
	return -1;
}

/* The types as a table, or with 'names_only' their names, one a line
 * (for scripts and the shell's completion). */
static int list(struct store *st, int names_only)
{
	struct entity_type *v;
	size_t n;
	if (store_types(st, &v, &n) < 0) {
		warnmsg("%s", err_msg());
		return 1;
	}
	if (!names_only)
		/* TRANSLATORS: column headings of the type list: the hotkey (3
		 * characters wide), the type's name (16), its colour (8) */
		printf("%-3s %-16s %-8s %s\n", _("key"), _("type"), _("colour"), _("description"));
	for (size_t i = 0; i < n; i++) {
		if (names_only) {
			puts(v[i].name);
			continue;
		}
		char key[4] = "-";
		if (v[i].hotkey)
			snprintf(key, sizeof key, "%d", v[i].hotkey);
		/* names and descriptions come from imports: shown escaped */
		char *name = xescape(v[i].name), *desc = xescape(v[i].description);
		printf("%-3s %-16s %-8s %s\n", key, name, v[i].colour, desc);
		free(name);
		free(desc);
	}
	free(v);
	return fflush(stdout) == 0 ? 0 : 1;
}

int cmd_types(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "key", required_argument, NULL, OPT_KEY },
		{ "colour", required_argument, NULL, OPT_COLOUR },
		{ "color", required_argument, NULL, OPT_COLOUR },
		{ "description", required_argument, NULL, OPT_DESCRIPTION },
		{ "names", no_argument, NULL, OPT_NAMES },
		CLI_GLOBAL_LONGOPTS,
		{ 0, 0, 0, 0 },
	};
	const char *key = NULL, *colour = NULL, *description = NULL;
	int names_only = 0;
	int opt;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_KEY:
			key = optarg;
			break;
		case OPT_COLOUR:
			colour = optarg;
			break;
		case OPT_DESCRIPTION:
			description = optarg;
			break;
		case OPT_NAMES:
			names_only = 1;
			break;
		default:
			if (!cli_global_option(cli, opt, _(types_usage)))
				return cli_option_error("types", opt, argv);
		}
	}
	int nargs = argc - optind;
	char **args = argv + optind;
	const char *verb = nargs ? args[0] : "list";
	static const struct { const char *verb; int nargs; } verbs[] = {
		{ "list", 1 }, { "add", 2 }, { "rename", 3 }, { "colour", 3 }, { "color", 3 },
		{ "key", 3 },
	};
	size_t v;
	for (v = 0; v < ARRAY_SIZE(verbs); v++)
		if (strcmp(verb, verbs[v].verb) == 0)
			break;
	if (v == ARRAY_SIZE(verbs))
		return cli_usage_error("types", _("unknown types command '%s' (add, rename, colour, "
		                                  "key)"), verb);
	if (nargs && nargs != verbs[v].nargs)
		return cli_usage_error("types", _("wrong number of arguments for 'types %s'"), verb);
	if ((key || colour || description) && strcmp(verb, "add") != 0)
		return cli_usage_error("types", _("--key, --colour and --description go with 'types add'"));
	if (names_only && strcmp(verb, "list") != 0)
		return cli_usage_error("types", _("--names goes with listing the types"));
	int k = 0;
	const char *kstr = strcmp(verb, "key") == 0 ? args[2] : key;
	if (kstr && parse_key(kstr, &k) < 0)
		return cli_usage_error("types", _("'%s' is not a key (1 to 9, or none)"), kstr);
	const char *cstr = strcmp(verb, "colour") == 0 || strcmp(verb, "color") == 0 ? args[2]
	                                                                             : colour;
	if (cstr && !entity_type_colour_valid(cstr))
		return cli_usage_error("types", _("'%s' is not a colour (black, red, green, yellow, "
		                                  "blue, magenta, cyan, white, or 0 to 255)"), cstr);

	if (strcmp(verb, "list") == 0) {
		struct store *st = cli_open_store_reading(cli);
		if (!st)
			return 1;
		int rc = list(st, names_only);
		store_close(&st);
		return rc;
	}
	struct store *st = cli_open_store(cli, 1);
	if (!st)
		return 1;
	int r;
	char taken[64] = "";
	if (strcmp(verb, "add") == 0) {
		r = store_type_add(st, args[1], 0, colour, description);
		if (r == 0 && k)
			r = store_type_key(st, args[1], k, taken);
	} else if (strcmp(verb, "rename") == 0) {
		r = store_type_rename(st, args[1], args[2]);
	} else if (strcmp(verb, "key") == 0) {
		r = store_type_key(st, args[1], k, taken);
	} else {
		r = store_type_colour(st, args[1], cstr);
	}
	if (r < 0)
		warnmsg("%s", err_msg());
	else if (taken[0]) {
		char *from = xescape(taken), *to = xescape(args[1]);
		printf(_("key %d moved from %s to %s\n"), k, from, to);
		free(from);
		free(to);
	}
	store_close(&st);
	return r < 0 ? 1 : 0;
}
