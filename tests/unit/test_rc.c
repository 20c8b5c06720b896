/*
 * test_rc.c: unit tests of the rc parser (src/tui/rc.c): good and bad
 * lines of bind, color and set, files with bad lines among good ones,
 * which file is read, and man/nerverc.5 against the parser's tables.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "tui/options.h"
#include "tui/rc.h"
#include "lib/util.h"

/* What the callbacks were given, as text, one call a line. */
static char got[4096];

static void record(const char *fmt, ...) PRINTF_LIKE(1, 2);
static void record(const char *fmt, ...)
{
	size_t n = strlen(got);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(got + n, sizeof got - n, fmt, ap);
	va_end(ap);
}

/* a stand-in for ui_key_parse: one character, or <Enter> */
static int key_parse(const char *s, size_t len)
{
	if (len == 1)
		return (unsigned char)s[0];
	if (len == 7 && memcmp(s, "<Enter>", 7) == 0)
		return '\n';
	return -1;
}

static int bind(void *arg, int view, int key, enum action a)
{
	(void)arg;
	record("bind %d %d %s\n", view, key, action_info(a)->name);
	return 0;
}

static int color(void *arg, enum rc_area area, const char *type, const char *fg,
                 const char *bg, unsigned attrs)
{
	(void)arg;
	if (strcmp(fg, "mauve") == 0) {
		err_set("'%s' is not a colour", fg);
		return -1;
	}
	record("color %s %s %s %u\n", area == RC_AREA_TYPE ? type : rc_area_name(area), fg,
	       bg ? bg : "-", attrs);
	return 0;
}

static int set(void *arg, const char *name, const char *value)
{
	(void)arg;
	if (strcmp(name, "nosuch") == 0) {
		err_set("unknown option '%s'", name);
		return -1;
	}
	record("set %s=%s\n", name, value);
	return 0;
}

static void report(void *arg, const char *file, size_t line, const char *msg)
{
	(void)arg;
	record("report %s:%zu: %s\n", file ? file : "-", line, msg);
}

static const struct rc_ops ops = { key_parse, bind, color, set, report, NULL };

/* Apply one ':' line; what the callbacks got. */
static const char *one(const char *text, int want_rc)
{
	got[0] = '\0';
	CHECK_INT(rc_line(&ops, text, NULL, 0), want_rc);
	return got;
}

static void test_bind(void)
{
	char want[200];
	snprintf(want, sizeof want, "bind %d %d down\n", AV_LIST, 'j');
	CHECK_STR(one("bind list j down", 0), want);
	snprintf(want, sizeof want, "bind %d %d none\n", RC_VIEW_GENERIC, '\n');
	CHECK_STR(one("  bind generic <Enter> none   # unbind Enter", 0), want);
	snprintf(want, sizeof want, "bind %d %d accept\n", AV_ARTICLE, 'y');
	CHECK_STR(one("bind article y accept", 0), want);
	CHECK(strstr(one("bind article y open", -1), "does nothing in the article view"));
	/* the entity view is a view of bind, with its own column of actions */
	snprintf(want, sizeof want, "bind %d %d merge\n", AV_ENTITIES, 'z');
	CHECK_STR(one("bind entities z merge", 0), want);
	CHECK(strstr(one("bind entities z accept", -1), "does nothing in the entities view"));
	CHECK(strstr(one("bind list z merge", -1), "does nothing in the list view"));
	CHECK(strstr(one("bind nowhere j down", -1), "unknown view 'nowhere'"));
	CHECK(strstr(one("bind list <Nope> down", -1), "'<Nope>' is not a key"));
	CHECK(strstr(one("bind list j frobnicate", -1), "unknown action 'frobnicate'"));
	CHECK(strstr(one("bind list j", -1), "usage: bind VIEW KEY ACTION"));
}

static void test_color(void)
{
	char want[200];
	snprintf(want, sizeof want, "color status white blue %u\n", (unsigned)RC_ATTR_BOLD);
	CHECK_STR(one("color status white blue bold", 0), want);
	snprintf(want, sizeof want, "color PERSON 208 - %u\n",
	         (unsigned)(RC_ATTR_UNDERLINE | RC_ATTR_BOLD));
	CHECK_STR(one("color PERSON 208 underline bold", 0), want);
	CHECK_STR(one("colour cursor default", 0), "color cursor default - 0\n");
	/* the areas are draw.c's styles; any other name is a type's */
	CHECK_STR(one("color error yellow", 0), "color error yellow - 0\n");
	CHECK_STR(one("color dim 244", 0), "color dim 244 - 0\n");
	CHECK(strstr(one("color cursor red blue sparkly", -1), "unknown attribute 'sparkly'"));
	CHECK(strstr(one("color cursor mauve", -1), "'mauve' is not a colour"));
	CHECK(strstr(one("color cursor", -1), "usage: color"));
}

static void test_set(void)
{
	CHECK_STR(one("set text-width = 72", 0), "set text-width=72\n");
	CHECK_STR(one("set auto-advance=no", 0), "set auto-advance=no\n");
	CHECK_STR(one("set a= 1", 0), "set a=1\n");
	CHECK_STR(one("set a =1", 0), "set a=1\n");
	CHECK_STR(one("set annotator = \"Ana \\\"A.\\\" Silva\" # who", 0),
	          "set annotator=Ana \"A.\" Silva\n");
	CHECK_STR(one("set annotator = 'it''s'", 0), "set annotator=its\n");
	CHECK_STR(one("set annotator = \"#1\"", 0), "set annotator=#1\n");
	CHECK(strstr(one("set nosuch = 1", -1), "unknown option 'nosuch'"));
	CHECK(strstr(one("set width", -1), "usage: set NAME = VALUE"));
	CHECK(strstr(one("set x = \"open", -1), "a quote is not closed"));
}

static void test_other(void)
{
	CHECK_STR(one("", 0), "");
	CHECK_STR(one("   \t", 0), "");
	CHECK_STR(one("# bind list j down", 0), "");
	CHECK(strstr(one("frob list j down", -1), "unknown command 'frob' (bind, color, set)"));
	char want[100];
	snprintf(want, sizeof want, "bind %d %d down\n", AV_LIST, 'j');
	CHECK_STR(one("bind list j down\r", 0), want);      /* a CRLF file */
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_files(void)
{
	char dir[] = "/tmp/nerve-rc.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *path = xasprintf("%s/rc", dir);
	char *no_system = xasprintf("%s/no-system", dir);
	setenv("NERVE_SYSTEM_RC", no_system, 1);    /* not the installed one */
	/* bad lines are reported with file and line; the rest still applies,
	 * in order, so a later line overrides an earlier one */
	write_file(path, "# my keys\nbind list j down\nbind list j frob\n\n"
	                 "set text-width = 72\ncolor status\nbind list j up\n");
	got[0] = '\0';
	CHECK_INT(rc_file(&ops, path, 0), 2);
	char want[600];
	snprintf(want, sizeof want,
	         "bind %d %d down\nreport %s:3: unknown action 'frob'\nset text-width=72\n"
	         "report %s:6: usage: color AREA|TYPE FG [BG] [ATTR]...\nbind %d %d up\n",
	         AV_LIST, 'j', path, path, AV_LIST, 'j');
	CHECK_STR(got, want);

	/* which file: --rc, else $NERVE_RC, else XDG, else ~/.config */
	char *other = xasprintf("%s/other", dir);
	setenv("XDG_CONFIG_HOME", dir, 1);
	unsetenv("NERVE_RC");
	char *p = rc_user_path(NULL);
	snprintf(want, sizeof want, "%s/nerve/nerverc", dir);
	CHECK_STR(p, want);
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", dir, 1);
	p = rc_user_path(NULL);
	snprintf(want, sizeof want, "%s/.config/nerve/nerverc", dir);
	CHECK_STR(p, want);
	free(p);
	setenv("NERVE_RC", other, 1);
	p = rc_user_path(NULL);
	CHECK_STR(p, other);
	free(p);
	p = rc_user_path(path);
	CHECK_STR(p, path);
	free(p);

	/* a missing XDG file is no error; a missing --rc or $NERVE_RC file is */
	unsetenv("NERVE_RC");
	got[0] = '\0';
	CHECK_INT(rc_load(&ops, NULL), 0);
	CHECK_INT(rc_load(&ops, other), -1);
	CHECK(strstr(got, "other: No such file or directory") != NULL);
	setenv("NERVE_RC", other, 1);
	CHECK_INT(rc_load(&ops, NULL), -1);
	/* --rc wins over $NERVE_RC */
	got[0] = '\0';
	CHECK_INT(rc_load(&ops, path), 2);
	CHECK(strstr(got, "set text-width=72") != NULL);
	unsetenv("NERVE_RC");

	/* the system file first, then the user's, each line applied as it
	 * comes: the user's later lines win */
	char *sys = xasprintf("%s/system", dir);
	write_file(sys, "bind generic j down\nset auto-advance = off\n");
	write_file(other, "bind generic j up\n");
	got[0] = '\0';
	setenv("NERVE_SYSTEM_RC", sys, 1);
	CHECK_INT(rc_load(&ops, other), 0);
	snprintf(want, sizeof want, "bind %d %d down\nset auto-advance=off\nbind %d %d up\n",
	         RC_VIEW_GENERIC, 'j', RC_VIEW_GENERIC, 'j');
	CHECK_STR(got, want);
	/* a missing system file is no error; without --rc and $NERVE_RC the
	 * XDG file follows it */
	char *xdg_dir = xasprintf("%s/nerve", dir), *xdg = xasprintf("%s/nerverc", xdg_dir);
	CHECK_INT(mkdir(xdg_dir, 0700), 0);
	write_file(xdg, "bind list k up\n");
	setenv("XDG_CONFIG_HOME", dir, 1);
	got[0] = '\0';
	setenv("NERVE_SYSTEM_RC", other, 1);
	CHECK_INT(rc_load(&ops, NULL), 0);
	snprintf(want, sizeof want, "bind %d %d up\nbind %d %d up\n", RC_VIEW_GENERIC, 'j',
	         AV_LIST, 'k');
	CHECK_STR(got, want);
	unlink(sys);
	setenv("NERVE_SYSTEM_RC", sys, 1);
	got[0] = '\0';
	CHECK_INT(rc_load(&ops, NULL), 0);
	snprintf(want, sizeof want, "bind %d %d up\n", AV_LIST, 'k');
	CHECK_STR(got, want);
	unsetenv("XDG_CONFIG_HOME");
	setenv("NERVE_SYSTEM_RC", no_system, 1);
	unlink(xdg);
	rmdir(xdg_dir);
	unlink(other);
	free(xdg);
	free(xdg_dir);
	free(sys);

	unlink(path);
	rmdir(dir);
	unsetenv("NERVE_SYSTEM_RC");
	free(no_system);
	free(path);
	free(other);
}

/* man/nerverc.5 lists every view, action, area and attribute as a ".B
 * name" line in its section (.SS), and every option of the option table
 * in OPTIONS (.SH), and nothing else there. */
static void test_man(void)
{
	const char *src = getenv("SRCDIR");
	if (!src) {
		printf("# SRCDIR not set: man page not checked\n");
		return;
	}
	char *path = xasprintf("%s/../man/nerverc.5", src);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f) {
		free(path);
		return;
	}
	/* the ".B name" entries of each .SS section, as "SECTION name" lines */
	char man[65536] = "", line[512], section[64] = "";
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, ".SS ", 4) == 0)
			snprintf(section, sizeof section, "%s", line + 4);
		else if (strncmp(line, ".SH ", 4) == 0)
			snprintf(section, sizeof section, "%s",
			         strcmp(line + 4, "OPTIONS") == 0 ? "OPTIONS" : "");
		else if (strncmp(line, ".B ", 3) == 0 && section[0]) {
			char name[128];
			size_t o = 0;
			for (const char *p = line + 3; *p && o + 1 < sizeof name; p++)
				if (*p != '\\')
					name[o++] = *p;      /* "\-" is "-" */
			name[o] = '\0';
			size_t n = strlen(man);
			snprintf(man + n, sizeof man - n, "%s %s\n", section, name);
		}
	}
	fclose(f);
	free(path);
	char want[65536] = "";
#define ADD(sec, name) do { size_t n_ = strlen(want); \
	snprintf(want + n_, sizeof want - n_, "%s %s\n", sec, name); } while (0)
	for (int i = 0; rc_view_name(i); i++)
		ADD("Views", rc_view_name(i));
	for (int a = 1; a < ACT_COUNT; a++)
		ADD("Actions", action_info((enum action)a)->name);
	ADD("Actions", "none");
	for (int i = 0; rc_area_name(i); i++)
		ADD("Areas", rc_area_name(i));
	for (int i = 0; rc_attr_name(i); i++)
		ADD("Attributes", rc_attr_name(i));
	for (int i = 0; i < OPTION_COUNT; i++)
		ADD("OPTIONS", option_info((enum option_id)i)->name);
#undef ADD
	/* the man page's entries of these sections, in the tables' order */
	char mine[65536] = "";
	static const char *const secs[] = { "Views", "Actions", "Areas", "Attributes",
	                                      "OPTIONS" };
	for (size_t s = 0; s < ARRAY_SIZE(secs); s++) {
		size_t k = strlen(secs[s]);
		for (char *p = man; *p;) {
			char *e = strchr(p, '\n');
			if (strncmp(p, secs[s], k) == 0 && p[k] == ' ') {
				size_t n = strlen(mine);
				snprintf(mine + n, sizeof mine - n, "%.*s\n", (int)(e - p), p);
			}
			p = e + 1;
		}
	}
	CHECK_STR(mine, want);
}

int main(void)
{
	test_bind();
	test_color();
	test_set();
	test_other();
	test_files();
	test_man();
	return tap_status();
}
