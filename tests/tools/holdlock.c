/*
 * holdlock.c: a helper of the command-line tests — open a nerve database,
 * take its write lock (BEGIN IMMEDIATE), say "locked" on standard output,
 * hold the lock for SECONDS, then commit.  Another nerve that wants to
 * write must wait for it.
 *
 * Usage: holdlock DATABASE SECONDS
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "store/store.h"
#include "lib/util.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: holdlock DATABASE SECONDS\n");
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
	double secs = atof(argv[2]);
	struct timespec ts = { (time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9) };
	nanosleep(&ts, NULL);
	store_rollback(st); /* nothing of it stays */
	int rc = 0;
	store_close(&st);
	return rc < 0 ? 1 : 0;
}
