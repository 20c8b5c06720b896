/*
 * fuzz_import.c: a libFuzzer target for one reader, through the whole
 * import, built once per format (-DFUZZ_FORMAT=IMPORT_JSONL and so on by
 * tests/fuzz/build.sh).  The input is imported into an in-memory
 * database (brat: the bytes before the first NUL are the .txt, the rest
 * the .ann; CSV: onto one article imported first), and then what must
 * hold holds:
 *   - every entity lies inside its article's text, is not empty, and
 *     starts and ends on grapheme cluster boundaries;
 *   - nerve check finds nothing (integrity, checksums, tallies, FTS5);
 *   - every export of what was imported succeeds.
 * A failed invariant aborts, which libFuzzer reports as a crash.
 */
#include "config.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "edit/detect_op.h"
#include "edit/export.h"
#include "edit/import.h"
#include "detect/detect.h"
#include "store/store.h"
#include "text/text.h"
#include "lib/util.h"

#ifndef FUZZ_FORMAT
# define FUZZ_FORMAT IMPORT_JSONL
#endif

static char dir[64];
static struct detector *det;

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static void must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_import: invariant broken: %s (%s)\n", what, err_msg());
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof dir, "/tmp/nerve-fuzz.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	if (!getenv("NERVE_DATADIR"))
		setenv("NERVE_DATADIR", FUZZ_DATADIR, 1);
	if (FUZZ_FORMAT == IMPORT_TEXT)
		det = detector_open(NULL);   /* plain text is detected on import */
	return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void write_file(const char *path, const uint8_t *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (len)
		fwrite(data, 1, len, f);
	fclose(f);
}

/* Every entity of every article inside its text and on boundaries. */
static int check_entity(void *arg, const struct export_row *r)
{
	(void)arg;
	must(r->start >= 0 && r->start < r->end, "an entity is not empty");
	must(r->text_len > 0, "an entity has text");
	return 0;
}

static int check_doc(void *arg, const struct export_doc *d)
{
	(void)arg;
	size_t ncp = text_cp_len(d->text, d->text_len);
	for (size_t k = 0; k < d->nents; k++) {
		const struct entity *e = &d->ents[k];
		must(e->start >= 0 && e->start < e->end && (size_t)e->end <= ncp,
		     "an entity inside its text");
		size_t b0 = text_cp_to_byte(d->text, d->text_len, (size_t)e->start);
		size_t b1 = text_cp_to_byte(d->text, d->text_len, (size_t)e->end);
		must(text_is_grapheme_boundary(d->text, d->text_len, b0) &&
		     text_is_grapheme_boundary(d->text, d->text_len, b1),
		     "an entity on grapheme boundaries");
	}
	must(text_valid(d->text, d->text_len, NULL), "a stored text is valid UTF-8");
	must(memchr(d->text, '\0', d->text_len) == NULL, "a stored text has no NUL");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct store *st = store_open(":memory:", STORE_CREATE);
	must(st != NULL, "an in-memory store opens");
	struct import_opts o = { 0 };
	o.format = FUZZ_FORMAT;
	o.annotator = "fuzz";
	o.message = quiet;
	o.max_bytes = 1 << 20;
	o.detect = det ? detect_op_hook : NULL;
	o.detect_arg = det;
	o.no_detect = det == NULL;
	char path[128];
	if (FUZZ_FORMAT == IMPORT_BRAT) {
		const uint8_t *nul = memchr(data, 0, len);
		size_t tl = nul ? (size_t)(nul - data) : len;
		snprintf(path, sizeof path, "%s/doc.txt", dir);
		write_file(path, data, tl);
		char ann[128];
		snprintf(ann, sizeof ann, "%s/doc.ann", dir);
		write_file(ann, nul ? nul + 1 : data, nul ? len - tl - 1 : 0);
	} else {
		snprintf(path, sizeof path, "%s/input", dir);
		write_file(path, data, len);
	}
	struct import *im = import_new(st, &o);
	if (FUZZ_FORMAT == IMPORT_CSV) {
		/* the article the rows may name */
		char base[128];
		snprintf(base, sizeof base, "%s/a.txt", dir);
		write_file(base, (const uint8_t *)"Zakir Hasanov met them in Baku.\n", 32);
		struct import_opts t = o;
		t.format = IMPORT_TEXT;
		struct import *first = import_new(st, &t);
		import_path(first, base);
		import_free(&first);
	}
	import_path(im, path);
	import_free(&im);

	struct export_filter all = { 0 };
	must(store_export_docs(st, &all, check_doc, NULL) == 0, "the documents read back");
	must(store_export_entities(st, &all, check_entity, NULL) == 0, "the entities read back");
	struct store_check c = { 0 };
	must(store_check(st, &c) == 0 && c.problems == 0, "nerve check finds nothing");
	static const enum export_format formats[] = {
		EXPORT_CSV, EXPORT_JSONL, EXPORT_DOCCANO, EXPORT_PRODIGY, EXPORT_CONLL,
	};
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		struct export_opts eo;
		export_opts_init(&eo);
		eo.format = formats[i];
		eo.filter = all;
		eo.note = quiet;
		eo.out = fopen("/dev/null", "wb");
		must(eo.out && export_run(st, &eo, NULL) == 0, "an export succeeds");
		fclose(eo.out);
	}
	if (FUZZ_FORMAT == IMPORT_BRAT) {
		/* (only here: the brat export syncs the disk, slow for every run) */
		char out[128];
		snprintf(out, sizeof out, "%s/brat-out", dir);
		struct export_opts eo;
		export_opts_init(&eo);
		eo.format = EXPORT_BRAT;
		eo.filter = all;
		must(export_run(st, &eo, out) == 0, "the brat export succeeds");
		nftw(out, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	store_close(&st);
	return 0;
}
