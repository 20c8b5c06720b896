/*
 * test_progress.c: unit tests of the progress line's text.
 */
#include "config.h"

#include "tap.h"
#include "lib/progress.h"
#include "lib/util.h"

static const char *line(enum progress_unit unit, const char *noun, uint64_t done,
                        uint64_t total, double elapsed)
{
	static char out[200];
	progress_format(out, sizeof out, "working", unit, noun, done, total, elapsed);
	return out;
}

int main(void)
{
	/* no total: a plain count */
	CHECK_STR(line(PROGRESS_ITEMS, "articles", 1200, 0, 30), "working: 1200 articles");
	CHECK_STR(line(PROGRESS_BYTES, NULL, 12345678, 0, 30), "working: 12.3 MB");
	CHECK_STR(line(PROGRESS_BYTES, NULL, 4500, 0, 30), "working: 4.5 kB");
	CHECK_STR(line(PROGRESS_BYTES, NULL, 300, 900, 0), "working: 33% (0.3 of 0.9 kB)");
	CHECK_STR(line(PROGRESS_BYTES, NULL, 2500000000u, 0, 30), "working: 2.5 GB");
	/* a total: the percentage, and the time left once there is a fair guess */
	CHECK_STR(line(PROGRESS_ITEMS, "articles", 0, 2000, 0), "working: 0% (0 of 2000 articles)");
	CHECK_STR(line(PROGRESS_ITEMS, "articles", 500, 2000, 0.5),
	          "working: 25% (500 of 2000 articles)");
	CHECK_STR(line(PROGRESS_ITEMS, "articles", 500, 2000, 4),
	          "working: 25% (500 of 2000 articles), 0:12 left");
	CHECK_STR(line(PROGRESS_BYTES, NULL, 1200000, 3400000, 6),
	          "working: 35% (1.2 of 3.4 MB), 0:11 left");
	CHECK_STR(line(PROGRESS_ITEMS, "passes", 1, 3, 3600), "working: 33% (1 of 3 passes), 2:00:00 left");
	/* less than a percent done: no guess yet */
	CHECK_STR(line(PROGRESS_ITEMS, "articles", 5, 1000, 10), "working: 0% (5 of 1000 articles)");
	/* done, or past a total that was an estimate */
	CHECK_STR(line(PROGRESS_ITEMS, "pages", 40, 40, 9), "working: 100% (40 of 40 pages)");
	CHECK_STR(line(PROGRESS_BYTES, NULL, 5000000, 4000000, 9), "working: 100% (5.0 of 4.0 MB)");
	/* a meter when standard error is not a terminal draws nothing */
	struct progress *p = progress_new("working", PROGRESS_ITEMS, "things", 10);
	CHECK(!progress_on(p));
	progress_update(p, 5);
	progress_free(&p);
	CHECK(p == NULL);
	return tap_status();
}
