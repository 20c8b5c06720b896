/*
 * options.h: the browser's options, defined once.
 *
 * OPTIONS(X) lists, for each option: its id, its name (for ":set NAME
 * VALUE", the man page and the rc file of a later issue), its kind (on or
 * off, or a count), its default and its help.  From this table come the
 * ':set' command (ui.c), the help overlay's list of options and the man
 * page's (tests/screen/keytable --options).  Adding an option: a row
 * here, and reading ui->opts.v[OPTION_ID] where it matters.  No curses.
 */
#ifndef NERVE_OPTIONS_H
#define NERVE_OPTIONS_H

#include <stddef.h>

#include "lib/util.h"

/*	id                 name                 kind           default  help */
#define OPTIONS(X) \
	X(AUTO_ADVANCE,      "auto-advance",      OPTION_BOOL,   1,  N_("after a decision, focus the next undecided suggestion")) \
	X(SHOW_REJECTED,     "show-rejected",     OPTION_BOOL,   0,  N_("show rejected entities in the text (R toggles it)")) \
	X(CONFIRM_THRESHOLD, "confirm-threshold", OPTION_NUMBER, 20, N_("ask before a step that changes more entities than this (A, &)"))

enum option_id {
#define X(id, name, kind, def, help) OPTION_##id,
	OPTIONS(X)
#undef X
	OPTION_COUNT
};

enum option_kind {
	OPTION_BOOL,        /* on or off (also yes/no, true/false, 1/0) */
	OPTION_NUMBER,      /* a count, 0 or more */
};

struct option_info {
	const char *name;
	enum option_kind kind;
	int def;
	const char *help;   /* untranslated (N_) */
};

/* The values of every option; embedded, nothing to release. */
struct options {
	int v[OPTION_COUNT];
};

/* The row of option id. */
const struct option_info *option_info(enum option_id id);
/* The option called name, or -1. */
int option_by_name(const char *name);
/* Set every option to its default. */
void options_init(struct options *o);
/* Set option name to value (as typed: "on", "off", "12"); -1 with
 * err_set() when there is no such option or the value does not fit it. */
int options_set(struct options *o, const char *name, const char *value);
/* The value of option id as ":set" takes it ("on", "20") into out. */
void options_format(const struct options *o, enum option_id id, char *out, size_t size);

#endif
