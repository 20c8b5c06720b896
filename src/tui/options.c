/*
 * options.c: the browser's options table and ":set" parsing (see
 * options.h).
 */
#include "config.h"
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

static const struct option_info table[OPTION_COUNT] = {
#define X(id, name, kind, def, help) { name, kind, def, help },
	OPTIONS(X)
#undef X
};

const struct option_info *option_info(enum option_id id)
{
	return &table[id];
}

int option_by_name(const char *name)
{
	for (int i = 0; i < OPTION_COUNT; i++)
		if (strcmp(table[i].name, name) == 0)
			return i;
	return -1;
}

void options_init(struct options *o)
{
	for (int i = 0; i < OPTION_COUNT; i++)
		o->v[i] = table[i].def;
}

/* 1 or 0 for the words of on and off, -1 for anything else. */
static int parse_bool(const char *s)
{
	static const char *const on[] = { "on", "yes", "true", "1" };
	static const char *const off[] = { "off", "no", "false", "0" };
	for (size_t i = 0; i < ARRAY_SIZE(on); i++) {
		if (strcasecmp(s, on[i]) == 0)
			return 1;
		if (strcasecmp(s, off[i]) == 0)
			return 0;
	}
	return -1;
}

int options_set(struct options *o, const char *name, const char *value)
{
	int id = option_by_name(name);
	if (id < 0) {
		err_set(_("no option is called '%s'"), name);
		return -1;
	}
	const struct option_info *oi = &table[id];
	switch (oi->kind) {
	case OPTION_BOOL: {
		int b = parse_bool(value);
		if (b < 0) {
			err_set(_("%s is on or off, not '%s'"), name, value);
			return -1;
		}
		o->v[id] = b;
		return 0;
	}
	case OPTION_NUMBER: {
		char *end;
		errno = 0;
		long n = strtol(value, &end, 10);
		if (end == value || *end || errno || n < 0 || n > 1000000000) {
			err_set(_("%s takes a number (0 or more), not '%s'"), name, value);
			return -1;
		}
		o->v[id] = (int)n;
		return 0;
	}
	}
	return -1;
}

void options_format(const struct options *o, enum option_id id, char *out, size_t size)
{
	if (table[id].kind == OPTION_BOOL)
		snprintf(out, size, "%s", o->v[id] ? "on" : "off");
	else
		snprintf(out, size, "%d", o->v[id]);
}
