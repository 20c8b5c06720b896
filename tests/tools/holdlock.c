/*
 * holdlock.c: a helper of the command-line tests — open a nerve database,
 * take its write lock (BEGIN IMMEDIATE), say "locked" on standard output,
 * hold the lock for SECONDS (or, given a FILE instead, for as long as
 * FILE exists: the test removes it when done, so the lock outlasts any
 * load; two minutes at most), then roll back.  Another nerve that wants
 * to write must wait for it.
 *
 * Usage: holdlock DATABASE SECONDS|FILE
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "store/store.h"
#include "lib/util.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: holdlock DATABASE SECONDS|FILE\n");
		return 2;
	}
	struct store *st = store_open(argv[1], STORE_CREATE);
	if (!st || store_begin(st) < 0) {
		fprintf(stderr, "holdlock: %s\n", err_msg());
		return 1;
	}
	/* a write, so that the lock is a real writer's */
	if (store_type_ensure(st, "HOLDLOCK") < 0) {
		fprintf(stderr, "holdlock: %s\n", err_msg());
		return 1;
	}
	printf("locked\n");
	fflush(stdout);
	char *end;
	double secs = strtod(argv[2], &end);
	if (*end || end == argv[2]) {
		/* a file: hold while it exists */
		struct stat sb;
		struct timespec tick = { 0, 20 * 1000 * 1000 };
		for (int i = 0; i < 6000 && stat(argv[2], &sb) == 0; i++)
			nanosleep(&tick, NULL);
	} else {
		struct timespec ts = { (time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9) };
		nanosleep(&ts, NULL);
	}
	store_rollback(st); /* nothing of it stays */
	int rc = 0;
	store_close(&st);
	return rc < 0 ? 1 : 0;
}
