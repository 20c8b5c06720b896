/*
 * store_types.c: entity types — listing, adding, renaming, recolouring
 * and hotkeys (see store.h).
 */
#include "config.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "text/text.h"
#include "lib/util.h"

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* Colours handed to new types, in turn: the ones the defaults do not use
 * first, chosen to stay readable on dark and light backgrounds. */
static const char *const palette[] = {
	"39", "170", "112", "214", "81", "205", "149", "178", "67", "133",
	"30", "166", "98", "142", "168", "74",
};

int entity_type_name_valid(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || len > 63 || !text_valid(name, len, NULL))
		return 0;
	for (size_t i = 0; i < len;) {
		int32_t c = text_decode(name, len, &i);
		if (text_is_control(c) || c == '\t' || c == '\n')
			return 0;
	}
	size_t i = 0;
	if (text_is_space(text_decode(name, len, &i)))
		return 0;
	/* last code point */
	size_t last = len - 1;
	while (last > 0 && ((unsigned char)name[last] & 0xC0) == 0x80)
		last--;
	return !text_is_space(text_decode(name, len, &last));
}

int entity_type_colour_valid(const char *c)
{
	for (size_t i = 0; i < ARRAY_SIZE(colour_names); i++)
		if (strcmp(c, colour_names[i]) == 0)
			return 1;
	size_t n = strlen(c);
	if (n == 0 || n > 3 || (n > 1 && c[0] == '0'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (c[i] < '0' || c[i] > '9')
			return 0;
	return atoi(c) <= 255;
}

#define TYPE_COLUMNS "name, coalesce(hotkey, 0), colour, description, ord"

static void type_from_row(sqlite3_stmt *s, struct entity_type *t)
{
	memset(t, 0, sizeof *t);
	store_col_copy(s, 0, t->name, sizeof t->name);
	t->hotkey = sqlite3_column_int(s, 1);
	store_col_copy(s, 2, t->colour, sizeof t->colour);
	store_col_copy(s, 3, t->description, sizeof t->description);
	t->order = sqlite3_column_int(s, 4);
}

int store_types(struct store *st, struct entity_type **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_stmt(st, "SELECT " TYPE_COLUMNS " FROM entity_type ORDER BY ord, name");
	if (!s)
		return -1;
	struct entity_type *v = NULL;
	size_t cnt = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xgrow(v, &cap, cnt + 1, sizeof *v);
		type_from_row(s, &v[cnt++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail(st, _("reading entity types"));
	}
	*out = v;
	*n = cnt;
	return 0;
}

int store_type_get(struct store *st, const char *name, struct entity_type *t)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " TYPE_COLUMNS " FROM entity_type WHERE name = ?1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (t)
			type_from_row(s, t);
		sqlite3_reset(s);
		return 1;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(st, _("reading entity types"));
}

int store_type_of_hotkey(struct store *st, int k, char name[64])
{
	sqlite3_stmt *s = store_stmt(st, "SELECT name FROM entity_type WHERE hotkey = ?1");
	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, k);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_col_copy(s, 0, name, 64);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(st, _("reading entity types"));
}

/* A colour for a new type: the first of the palette no type uses yet,
 * else one chosen by the number of types. */
static int pick_colour(struct store *st, char out[32])
{
	int64_t ntypes = 0;
	for (size_t i = 0; i < ARRAY_SIZE(palette); i++) {
		sqlite3_stmt *s = store_stmt(st, "SELECT count(*), coalesce(sum(colour = ?1), 0) FROM entity_type");
		if (!s)
			return -1;
		sqlite3_bind_text(s, 1, palette[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_ROW) {
			sqlite3_reset(s);
			return store_fail(st, _("reading entity types"));
		}
		ntypes = sqlite3_column_int64(s, 0);
		int used = sqlite3_column_int(s, 1);
		sqlite3_reset(s);
		if (!used) {
			snprintf(out, 32, "%s", palette[i]);
			return 0;
		}
	}
	snprintf(out, 32, "%s", palette[ntypes % (int64_t)ARRAY_SIZE(palette)]);
	return 0;
}

int store_type_add(struct store *st, const char *name, int hotkey, const char *colour,
                   const char *description)
{
	char picked[32];
	char owner[64];
	if (!entity_type_name_valid(name)) {
		err_set(_("'%s' is not a valid type name"), name);
		return -1;
	}
	if (colour && !entity_type_colour_valid(colour)) {
		err_set(_("'%s' is not a colour (a curses colour name or 0 to 255)"), colour);
		return -1;
	}
	if (hotkey < 0 || hotkey > 9) {
		err_set(_("hotkeys are 1 to 9"));
		return -1;
	}
	int found = store_type_get(st, name, NULL);
	if (found < 0)
		return -1;
	if (found) {
		err_set(_("the type %s exists already"), name);
		return -1;
	}
	if (hotkey) {
		int r = store_type_of_hotkey(st, hotkey, owner);
		if (r < 0)
			return -1;
		if (r) {
			err_set(_("the key %d belongs to %s"), hotkey, owner);
			return -1;
		}
	}
	if (!colour) {
		if (pick_colour(st, picked) < 0)
			return -1;
		colour = picked;
	}
	sqlite3_stmt *s = store_stmt(st,
		"INSERT INTO entity_type (name, hotkey, colour, description, ord) "
		"VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(ord), 0) + 1 FROM entity_type))");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (hotkey)
		sqlite3_bind_int(s, 2, hotkey);
	sqlite3_bind_text(s, 3, colour, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, description ? description : "", -1, SQLITE_STATIC);
	return store_step_done(st, s, _("adding an entity type"));
}

int store_type_ensure(struct store *st, const char *name)
{
	int found = store_type_get(st, name, NULL);
	if (found != 0)
		return found < 0 ? -1 : 0;
	return store_type_add(st, name, 0, NULL, NULL) < 0 ? -1 : 1;
}

/* -1 with a message when type name does not exist. */
static int need_type(struct store *st, const char *name)
{
	int found = store_type_get(st, name, NULL);
	if (found == 0)
		err_set(_("no entity type %s"), name);
	return found == 1 ? 0 : -1;
}

int store_type_rename(struct store *st, const char *old_name, const char *new_name)
{
	if (need_type(st, old_name) < 0)
		return -1;
	if (!entity_type_name_valid(new_name)) {
		err_set(_("'%s' is not a valid type name"), new_name);
		return -1;
	}
	if (strcmp(old_name, new_name) == 0)
		return 0;
	int found = store_type_get(st, new_name, NULL);
	if (found < 0)
		return -1;
	if (found) {
		err_set(_("the type %s exists already"), new_name);
		return -1;
	}
	/* entity.type follows through ON UPDATE CASCADE */
	sqlite3_stmt *s = store_stmt(st, "UPDATE entity_type SET name = ?2 WHERE name = ?1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, old_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, new_name, -1, SQLITE_STATIC);
	return store_step_done(st, s, _("renaming an entity type"));
}

int store_type_colour(struct store *st, const char *name, const char *colour)
{
	if (!entity_type_colour_valid(colour)) {
		err_set(_("'%s' is not a colour (a curses colour name or 0 to 255)"), colour);
		return -1;
	}
	if (need_type(st, name) < 0)
		return -1;
	sqlite3_stmt *s = store_stmt(st, "UPDATE entity_type SET colour = ?2 WHERE name = ?1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, colour, -1, SQLITE_STATIC);
	return store_step_done(st, s, _("recolouring an entity type"));
}

int store_type_key(struct store *st, const char *name, int hotkey, char taken_from[64])
{
	taken_from[0] = '\0';
	if (hotkey < 0 || hotkey > 9) {
		err_set(_("hotkeys are 1 to 9"));
		return -1;
	}
	if (need_type(st, name) < 0)
		return -1;
	int own = sqlite3_get_autocommit(st->db);
	if (own && store_begin(st) < 0)
		return -1;
	sqlite3_stmt *s;
	if (hotkey) {
		char owner[64];
		int r = store_type_of_hotkey(st, hotkey, owner);
		if (r < 0)
			goto fail;
		if (r && strcmp(owner, name) != 0) {
			s = store_stmt(st, "UPDATE entity_type SET hotkey = NULL WHERE hotkey = ?1");
			if (!s)
				goto fail;
			sqlite3_bind_int(s, 1, hotkey);
			if (store_step_done(st, s, _("setting a hotkey")) < 0)
				goto fail;
			snprintf(taken_from, 64, "%s", owner);
		}
	}
	s = store_stmt(st, "UPDATE entity_type SET hotkey = ?2 WHERE name = ?1");
	if (!s)
		goto fail;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (hotkey)
		sqlite3_bind_int(s, 2, hotkey);
	if (store_step_done(st, s, _("setting a hotkey")) < 0)
		goto fail;
	if (own && store_commit(st) < 0)
		return -1;
	return 0;
fail:
	if (own)
		store_rollback(st);
	return -1;
}
