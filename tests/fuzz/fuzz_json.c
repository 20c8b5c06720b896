/*
 * fuzz_json.c: a libFuzzer target for the JSON reader alone: it never
 * crashes, reports an error with an offset inside the input, and what it
 * accepts holds decoded strings without NUL bytes that are valid UTF-8
 * whenever the input is.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/formats.h"
#include "formats/json.h"
#include "text/text.h"
#include "lib/util.h"

static int input_valid;

static void must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_json: invariant broken: %s\n", what);
		abort();
	}
}

static void walk(const struct json *v, int depth)
{
	must(depth <= JSON_MAX_DEPTH + 1, "nesting is limited");
	switch (v->type) {
	case JSON_STRING:
		must(strlen(v->u.str.s) == v->u.str.len, "a string has no NUL inside");
		must(!input_valid || text_valid(v->u.str.s, v->u.str.len, NULL),
		     "a string of valid input is valid UTF-8");
		break;
	case JSON_ARRAY:
		for (size_t i = 0; i < v->u.arr.n; i++)
			walk(&v->u.arr.v[i], depth + 1);
		break;
	case JSON_OBJECT:
		for (size_t i = 0; i < v->u.obj.n; i++) {
			must(strlen(v->u.obj.v[i].key) == v->u.obj.v[i].key_len, "a key has no NUL");
			walk(&v->u.obj.v[i].val, depth + 1);
		}
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct json_parser p;
	for (unsigned flags = 0; flags <= JSON_REPLACE_INVALID; flags++) {
		json_parser_init(&p, flags);
		const struct json *root = json_parse(&p, (const char *)data, len);
		input_valid = text_valid((const char *)data, len, NULL);
		if (root) {
			walk(root, 0);
			struct doc d;
			for (int fl = FMT_JSON_CORPUS; fl <= FMT_JSON_PRODIGY; fl++)
				if (fmt_json_doc(root, (enum fmt_json_flavour)fl, &d) == 0)
					doc_finish(&d);
		} else {
			must(p.error != JSON_OK && p.error_at <= len, "an error has its byte");
		}
		json_parser_finish(&p);
	}
	return 0;
}
