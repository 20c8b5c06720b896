/*
 * tap.h: a minimal test harness for the unit tests.  CHECK() records a
 * failure with its location and goes on; main returns tap_status().
 */
#ifndef NERVE_TAP_H
#define NERVE_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_failures, tap_checks;

#define CHECK(cond) do { \
	tap_checks++; \
	if (!(cond)) { \
		tap_failures++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	tap_checks++; \
	if (!g_ || strcmp(g_, w_) != 0) { \
		tap_failures++; \
		fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
		        #got, g_ ? g_ : "(null)", w_); \
	} \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	tap_checks++; \
	if (g_ != w_) { \
		tap_failures++; \
		fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, \
		        #got, g_, w_); \
	} \
} while (0)

static inline int tap_status(void)
{
	fprintf(stderr, "%d checks, %d failed\n", tap_checks, tap_failures);
	return tap_failures ? 1 : 0;
}

#endif
