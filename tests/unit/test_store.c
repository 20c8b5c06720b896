/*
 * test_store.c: unit tests of the store module.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store.h"
#include "tap.h"
#include "util.h"

static void test_open_memory(void)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	CHECK(st != NULL);
	CHECK(store_begin(st) == 0);
	CHECK(store_commit(st) == 0);
	store_close(&st);
	CHECK(st == NULL);
}

static void test_open_errors(void)
{
	char dir[] = "/tmp/nerve-test-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *missing = xasprintf("%s/no/such/dir/x.db", dir);
	CHECK(store_open(missing, STORE_CREATE) == NULL);
	CHECK(strstr(err_msg(), "does not exist") != NULL);

	char *junk = xasprintf("%s/junk.db", dir);
	FILE *f = fopen(junk, "w");
	fputs("this is not a database, just some text that is long enough to be read\n", f);
	for (int i = 0; i < 200; i++)
		fputs("more text more text more text more text\n", f);
	fclose(f);
	CHECK(store_open(junk, STORE_CREATE) == NULL);
	CHECK(strstr(err_msg(), "not a nerve database") != NULL);

	char *good = xasprintf("%s/good.db", dir);
	struct store *st = store_open(good, STORE_CREATE);
	CHECK(st != NULL);
	store_close(&st);
	st = store_open(good, STORE_READONLY);
	CHECK(st != NULL);
	store_close(&st);

	char *cmd = xasprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(good);
	free(junk);
	free(missing);
}

int main(void)
{
	test_open_memory();
	test_open_errors();
	return tap_status();
}
