/*
 * progress.c: the progress line of long jobs (see progress.h).
 */
#include "config.h"
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

struct progress {
	const char *what, *noun;
	enum progress_unit unit;
	uint64_t total, done;
	int on;                         /* standard error is a terminal */
	int shown;                      /* the line is on the screen */
	double start, last;             /* seconds on the monotonic clock */
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "0:07", "12:30", "1:02:03" */
static void duration(char *out, size_t n, double seconds)
{
	unsigned long s = seconds < 0 ? 0 : (unsigned long)(seconds + 0.5);
	if (s >= 3600)
		snprintf(out, n, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(out, n, "%lu:%02lu", s / 60, s % 60);
}

void progress_format(char *out, size_t n, const char *what, enum progress_unit unit,
                     const char *noun, uint64_t done, uint64_t total, double elapsed)
{
	char count[96];
	/* bytes in kB, MB or GB, by the larger of the two */
	uint64_t big = done > total ? done : total;
	double scale = big >= 1000000000 ? 1e9 : big >= 1000000 ? 1e6 : 1e3;
	const char *bunit = scale == 1e9 ? "GB" : scale == 1e6 ? "MB" : "kB";
	if (unit == PROGRESS_BYTES && total)
		/* TRANSLATORS: bytes done and in all: "1.2 of 3.4 MB" */
		snprintf(count, sizeof count, _("%.1f of %.1f %s"), (double)done / scale,
		         (double)total / scale, bunit);
	else if (unit == PROGRESS_BYTES)
		snprintf(count, sizeof count, "%.1f %s", (double)done / scale, bunit);
	else if (total)
		/* TRANSLATORS: "1200 of 2667 articles"; the noun is translated apart */
		snprintf(count, sizeof count, _("%llu of %llu %s"), (unsigned long long)done,
		         (unsigned long long)total, noun);
	else
		snprintf(count, sizeof count, "%llu %s", (unsigned long long)done, noun);
	if (!total) {
		snprintf(out, n, "%s: %s", what, count);
		return;
	}
	uint64_t capped = done > total ? total : done;
	unsigned pct = (unsigned)(100.0 * (double)capped / (double)total);
	/* a guess of the time left only after a second and a percent of work */
	if (elapsed >= 1.0 && capped * 100 >= total && capped < total) {
		char left[32];
		duration(left, sizeof left, elapsed * (double)(total - capped) / (double)capped);
		/* TRANSLATORS: "importing: 45% (1.2 of 3.4 MB), 0:12 left" */
		snprintf(out, n, _("%s: %u%% (%s), %s left"), what, pct, count, left);
	} else {
		snprintf(out, n, "%s: %u%% (%s)", what, pct, count);
	}
}

struct progress *progress_new(const char *what, enum progress_unit unit, const char *noun,
                              uint64_t total)
{
	struct progress *p = xcalloc(1, sizeof *p);
	p->what = what;
	p->noun = noun ? noun : "";
	p->unit = unit;
	p->total = total;
	p->on = isatty(STDERR_FILENO);
	p->start = now();
	return p;
}

int progress_on(const struct progress *p)
{
	return p->on;
}

enum progress_unit progress_unit(const struct progress *p)
{
	return p->unit;
}

void progress_set_total(struct progress *p, uint64_t total)
{
	p->total = total;
}

void progress_update(struct progress *p, uint64_t done)
{
	p->done = done;
	if (!p->on)
		return;
	double t = now();
	if (p->shown && t - p->last < 0.1)
		return;
	p->last = t;
	char line[256];
	progress_format(line, sizeof line, p->what, p->unit, p->noun, done, p->total,
	                t - p->start);
	/* \r and "erase to the end of the line" (the line may get shorter) */
	fprintf(stderr, "\r\033[K%s: %s", progname, line);
	fflush(stderr);
	p->shown = 1;
}

void progress_clear(struct progress *p)
{
	if (p && p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		p->shown = 0;
		p->last = 0;
	}
}

void progress_free(struct progress **pp)
{
	progress_clear(*pp);
	free(*pp);
	*pp = NULL;
}
