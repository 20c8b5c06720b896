/*
 * typemap.c: type maps (--map), a JSON object {"their type": "OUR
 * TYPE"} read with the formats' JSON reader (see import.h).
 */
#include "config.h"
#include "import.h"

#include <stdlib.h>
#include <string.h>

#include "formats/json.h"
#include "store/store.h"
#include "lib/util.h"

struct typemap {
	char **from, **to;              /* to[i] NULL: dropped */
	size_t n, cap;
};

/* Fill m from the members of root: 0, or -1 with err_set(). */
static int map_members(struct typemap *m, const struct json *root)
{
	if (root->type != JSON_OBJECT) {
		err_set(_("not a JSON object"));
		return -1;
	}
	m->from = xcalloc(root->u.obj.n + 1, sizeof *m->from);
	m->to = xcalloc(root->u.obj.n + 1, sizeof *m->to);
	for (size_t i = 0; i < root->u.obj.n; i++) {
		const struct json_member *mem = &root->u.obj.v[i];
		if (mem->val.type != JSON_STRING) {
			err_set(_("the value of \"%s\" is not a string"), mem->key);
			return -1;
		}
		const char *value = mem->val.u.str.s;
		if (strcmp(value, "-") != 0 && !entity_type_name_valid(value)) {
			err_set(_("\"%s\" is not a valid type name"), value);
			return -1;
		}
		m->from[m->n] = xstrdup(mem->key);
		m->to[m->n] = strcmp(value, "-") == 0 ? NULL : xstrdup(value);
		m->n++;
	}
	return 0;
}

struct typemap *typemap_load(const char *path)
{
	char *data;
	size_t len;
	if (read_file(path, &data, &len) < 0)
		return NULL;
	struct typemap *m = xcalloc(1, sizeof *m);
	struct json_parser p;
	json_parser_init(&p, 0);
	const struct json *root = json_parse(&p, data, len);
	int rc;
	if (!root) {
		if (p.error == JSON_ESYNTAX)
			err_set(_("not valid JSON"));
		else
			err_set(_("%s at byte %zu"), p.message, p.error_at);
		rc = -1;
	} else {
		rc = map_members(m, root);
	}
	if (rc < 0) {
		err_set("%s: %s", path, err_msg());
		typemap_free(&m);
	}
	json_parser_finish(&p);
	free(data);
	return m;
}

const char *typemap_apply(const struct typemap *m, const char *type)
{
	if (!m)
		return type;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->from[i], type) == 0)
			return m->to[i];
	return type;
}

void typemap_free(struct typemap **pm)
{
	struct typemap *m = *pm;
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->from[i]);
		free(m->to[i]);
	}
	free(m->from);
	free(m->to);
	free(m);
	*pm = NULL;
}

