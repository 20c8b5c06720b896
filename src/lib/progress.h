/*
 * progress.h: the progress line of long jobs (import, detect, train,
 * export, backup) on standard error.
 *
 * On a terminal, one line redrawn in place at most ten times a second:
 * with a known total, a percentage and the time left ("nerve: detecting:
 * 45% (1200 of 2667 articles), 0:12 left"); without one, a count
 * ("nerve: exporting: 12.3 MB").  When standard error is not a terminal,
 * nothing at all: logs and pipes get only the messages and the summary.
 */
#ifndef NERVE_PROGRESS_H
#define NERVE_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

struct progress;

/* What is counted: the count's unit in the line. */
enum progress_unit {
	PROGRESS_ITEMS,     /* "N of M <noun>" with the noun given */
	PROGRESS_BYTES      /* "1.2 of 3.4 MB" */
};

/* A meter for the job 'what' (a present participle: "importing"),
 * counting 'noun' (plural, "articles"; ignored for bytes), out of 'total'
 * (0: not known).  Both strings are borrowed and must outlive the meter.
 * Owned: progress_free().  Never NULL; off when standard error is not a
 * terminal. */
struct progress *progress_new(const char *what, enum progress_unit unit, const char *noun,
                              uint64_t total);

/* Whether the meter draws anything (standard error is a terminal): a job
 * may skip the work of counting when it does not. */
int progress_on(const struct progress *p);

/* What the meter counts. */
enum progress_unit progress_unit(const struct progress *p);

/* Set the total (0: not known), when it is learnt later. */
void progress_set_total(struct progress *p, uint64_t total);

/* How far the job has come; redraws the line when enough time passed. */
void progress_update(struct progress *p, uint64_t done);

/* Erase the line (before a message is printed); the next update draws it
 * again.  NULL is allowed. */
void progress_clear(struct progress *p);

/* Erase the line and free the meter; clears *pp.  NULL is allowed. */
void progress_free(struct progress **pp);

/* The text of the line (without the "nerve: " prefix) into out (size n):
 * what, the count, and with a total the percentage and, once 'elapsed'
 * seconds make a fair guess, the time left.  Pure; for the tests. */
void progress_format(char *out, size_t n, const char *what, enum progress_unit unit,
                     const char *noun, uint64_t done, uint64_t total, double elapsed);

#endif
