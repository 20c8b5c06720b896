/*
 * test_learn.c: the model in the loop (edit/learn.h) on a database file
 * with the shipped model ($DATADIR): a done mark teaches the next
 * article at once, in the database, seen by another process; undo takes
 * the effect back; a rejected string is not suggested elsewhere; the
 * update is deterministic; annot_review leaves exactly the given
 * entities accepted.  The reports are written for this test.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "detect/detect.h"
#include "edit/annotate.h"
#include "edit/learn.h"
#include "store/store.h"
#include "tap.h"
#include "text/text.h"
#include "lib/sha256.h"
#include "lib/util.h"

static const char first[] =
	"Officials from Brenvik Ostrala said on Tuesday that Tolmir Vashenko would lead "
	"the talks in Calvaro. Vashenko, who grew up in Brenvik Ostrala, met the delegation "
	"of the Ministry of Water.";
static const char second[] =
	"Tolmir Vashenko arrived in Calvaro on Friday. Farmers near Brenvik Ostrala said "
	"the visit had been planned since March.";
static const char third[] =
	"The convoy left Calvaro at dawn on Monday and reached the coast before noon.";

static int64_t add_article(struct store *st, const char *ext, const char *text)
{
	char sha[65];
	sha256_hex(text, strlen(text), sha);
	struct article a = { 0 };
	a.ext_id = (char *)ext;
	a.title = "A title";
	a.text = (char *)text;
	a.text_len = strlen(text);
	a.sha256 = sha;
	if (store_article_add(st, &a) != 0) {
		fprintf(stderr, "add_article: %s\n", err_msg());
		exit(1);
	}
	return a.id;
}

/* The entity of article whose text is the nth occurrence of s (status
 * any), or 0; *e gets it. */
static int64_t entity_at(struct store *st, int64_t art, const char *text, const char *s,
                         int nth, struct entity *e)
{
	const char *p = text;
	for (int i = 0; p && i <= nth; i++)
		p = strstr(i ? p + 1 : p, s);
	if (!p)
		return 0;
	int64_t a = (int64_t)text_cp_len(text, (size_t)(p - text));
	int64_t b = a + (int64_t)text_cp_len(s, strlen(s));
	struct entity_list l = { 0 };
	int64_t id = 0;
	store_entities_of(st, art, &l);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].start == a && l.v[i].end == b) {
			id = l.v[i].id;
			if (e)
				*e = l.v[i];
		}
	entity_list_finish(&l);
	return id;
}

/* The type of the suggestion or entity over s in art ("" when none or
 * rejected). */
static const char *type_at(struct store *st, int64_t art, const char *text, const char *s)
{
	static char type[64];
	struct entity e;
	type[0] = '\0';
	if (entity_at(st, art, text, s, 0, &e) && e.status != ENT_REJECTED)
		snprintf(type, sizeof type, "%s", e.type);
	return type;
}

/* The entities of art as text ("start-end type status" lines). */
static char *entities(struct store *st, int64_t art)
{
	struct entity_list l = { 0 };
	struct buf b = BUF_INIT;
	store_entities_of(st, art, &l);
	for (size_t i = 0; i < l.n; i++)
		buf_printf(&b, "%lld-%lld %s %s\n", (long long)l.v[i].start, (long long)l.v[i].end,
		           l.v[i].type, entity_status_name(l.v[i].status));
	entity_list_finish(&l);
	buf_adds(&b, "");
	return buf_steal(&b);
}

static size_t updates(struct store *st, int64_t base)
{
	int64_t *ids;
	size_t n;
	if (store_update_ids(st, base, &ids, &n) < 0)
		return (size_t)-1;
	free(ids);
	return n;
}

static enum article_state store_state_of(struct store *st, int64_t art)
{
	enum article_state s = STATE_NEW;
	store_edit_state(st, art, &s);
	return s;
}

static void refresh(struct learner *l, int64_t art)
{
	if (learner_refresh(l, art, 0, NULL) < 0)
		fprintf(stderr, "refresh: %s\n", err_msg());
}

/* Review the first report: the place is LOC at both mentions, the rest
 * accepted; then done. */
static void review_first(struct annot *an, int64_t art)
{
	struct annot_result r;
	struct entity e;
	const char *p = first;
	for (int k = 0; k < 2; k++) {
		p = strstr(k ? p + 1 : p, "Brenvik Ostrala");
		int64_t id = entity_at(an->st, art, first, "Brenvik Ostrala", k, &e);
		int64_t at = (int64_t)text_cp_len(first, (size_t)(p - first));
		if (id)
			CHECK_INT(annot_set_type(an, id, "LOC", &r), 0);
		else
			CHECK_INT(annot_create(an, art, at, at + 15, "LOC", &r), 0);
	}
	int64_t cal = entity_at(an->st, art, first, "Calvaro", 0, &e);
	if (cal)
		CHECK_INT(annot_reject(an, cal, &r), 0);
	CHECK_INT(annot_accept_all(an, art, &r), 0);
	CHECK_INT(annot_done(an, art, &r), 0);
}

static void test_loop(const char *path)
{
	struct store *st = store_open(path, STORE_CREATE);
	if (!st)
		exit(1);
	int64_t a = add_article(st, "first", first), b = add_article(st, "second", second),
	        c = add_article(st, "third", third);
	struct learner *l = learner_open(st);
	if (!l) {
		fprintf(stderr, "%s\n", err_msg());
		exit(1);
	}
	struct annot an;
	annot_init(&an, st, "tester");
	an.learner = l;
	int64_t gen0 = learner_generation(l);
	refresh(l, a);
	refresh(l, b);
	refresh(l, c);
	char *b0 = entities(st, b), *c0 = entities(st, c);
	CHECK(strcmp(type_at(st, b, second, "Brenvik Ostrala"), "LOC") != 0);
	CHECK_STR(type_at(st, c, third, "Calvaro"), "LOC");
	/* fresh suggestions are left alone */
	int n;
	CHECK_INT(learner_refresh(l, b, 0, &n), 0);
	CHECK_INT(n, -1);

	/* a second process on the database, with its own learner: it says
	 * when it has loaded (up), then waits for the parent's done mark (go) */
	int up[2], go[2];
	if (pipe(up) < 0 || pipe(go) < 0)
		exit(1);
	pid_t pid = fork();
	if (pid == 0) {
		close(up[0]);
		close(go[1]);
		struct store *st2 = store_open(path, 0);
		struct learner *l2 = st2 ? learner_open(st2) : NULL;
		char c1 = 0;
		if (!l2) {
			fprintf(stderr, "child: %s\n", err_msg());
			_exit(2);
		}
		if (write(up[1], "r", 1) != 1 || read(go[0], &c1, 1) != 1)
			_exit(2);
		/* the parent marked the first report done: catch up, tag the second */
		int rc = learner_sync(l2);
		struct doc d = { 0 };
		detect_doc(learner_detector(l2), second, strlen(second), &d);
		const char *p = strstr(second, "Brenvik Ostrala");
		int64_t at = (int64_t)text_cp_len(second, (size_t)(p - second));
		int loc = 0;
		for (size_t i = 0; i < d.nspans; i++)
			loc |= d.spans[i].start == at && strcmp(d.spans[i].type, "LOC") == 0;
		doc_finish(&d);
		learner_free(&l2);
		store_close(&st2);
		_exit(rc == 1 && loc ? 0 : 3);
	}
	close(up[1]);
	close(go[0]);
	char c1;
	CHECK(read(up[0], &c1, 1) == 1);

	/* the analyst corrects the first report and marks it done */
	refresh(l, a);
	review_first(&an, a);
	CHECK_INT(updates(st, learner_base(l)), 1);
	CHECK(learner_sync(l) == 1);
	CHECK(learner_generation(l) > gen0);
	CHECK_INT(store_edit_check(st), 0);

	CHECK(write(go[1], "g", 1) == 1);
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(up[0]);
	close(go[1]);

	/* the second report's suggestions are stale, and refreshed right */
	CHECK_INT(learner_refresh(l, b, 0, &n), 0);
	CHECK(n > 0);
	CHECK_STR(type_at(st, b, second, "Brenvik Ostrala"), "LOC");

	/* the string rejected in the first report is not suggested elsewhere */
	CHECK_STR(type_at(st, b, second, "Calvaro"), "");
	refresh(l, c);
	CHECK_STR(type_at(st, c, third, "Calvaro"), "");
	struct annot_result r;

	/* undo takes the done mark and its update back, then the decisions */
	CHECK_INT(annot_undo(&an, &r), 0);
	CHECK_INT(updates(st, learner_base(l)), 0);
	enum article_state state;
	CHECK_INT(store_edit_state(st, a, &state), 0);
	CHECK(state != STATE_DONE);
	for (int i = 0; i < 20; i++) {
		CHECK_INT(annot_undo(&an, &r), 0);
		if (strcmp(r.msg, "nothing to undo") == 0)
			break;
	}
	refresh(l, b);
	refresh(l, c);
	char *b1 = entities(st, b), *c1s = entities(st, c);
	CHECK_STR(b1, b0);
	CHECK_STR(c1s, c0);
	/* redo of the done mark turns the same update on again */
	for (int i = 0; i < 20 && updates(st, learner_base(l)) == 0; i++) {
		int rr = annot_redo(&an, &r);
		CHECK_INT(rr, 0);
		if (rr < 0)
			fprintf(stderr, "redo: %s\n", err_msg());
		if (rr < 0 || strcmp(r.msg, "nothing to redo") == 0)
			break;
	}
	CHECK_INT(updates(st, learner_base(l)), 1);
	CHECK_INT(store_state_of(st, a), STATE_DONE);
	CHECK_INT(store_edit_check(st), 0);

	free(b0);
	free(c0);
	free(b1);
	free(c1s);
	learner_free(&l);
	store_close(&st);
}

/* The update of the first report's done mark in a new database. */
static char *update_of_first(const char *path, size_t *len)
{
	struct store *st = store_open(path, STORE_CREATE);
	int64_t a = add_article(st, "first", first);
	struct learner *l = learner_open(st);
	struct annot an;
	annot_init(&an, st, "tester");
	an.learner = l;
	refresh(l, a);
	review_first(&an, a);
	int64_t *ids;
	size_t n;
	void *data = NULL;
	*len = 0;
	if (store_update_ids(st, learner_base(l), &ids, &n) == 0 && n == 1)
		store_update_get(st, ids[0], &data, len);
	free(ids);
	learner_free(&l);
	store_close(&st);
	return data;
}

static void test_deterministic(const char *dir)
{
	char *p1 = xasprintf("%s/d1.db", dir), *p2 = xasprintf("%s/d2.db", dir);
	size_t n1, n2;
	char *u1 = update_of_first(p1, &n1), *u2 = update_of_first(p2, &n2);
	CHECK(u1 && u2 && n1 > 20);
	CHECK(n1 == n2 && u1 && u2 && memcmp(u1, u2, n1) == 0);
	free(u1);
	free(u2);
	free(p1);
	free(p2);
}

static void test_review(const char *path)
{
	struct store *st = store_open(path, STORE_CREATE);
	int64_t b = add_article(st, "second", second);
	struct learner *l = learner_open(st);
	struct annot an;
	annot_init(&an, st, "colleague");
	an.learner = l;
	refresh(l, b);
	char *before = entities(st, b);
	/* the reviewed truth: the person, the place as LOC, a new DATE */
	struct span gold[3];
	memset(gold, 0, sizeof gold);
	const char *names[3][2] = {
		{ "Tolmir Vashenko", "PERSON" }, { "Brenvik Ostrala", "LOC" }, { "Friday", "EVENT" },
	};
	for (int i = 0; i < 3; i++) {
		const char *p = strstr(second, names[i][0]);
		gold[i].start = (int64_t)text_cp_len(second, (size_t)(p - second));
		gold[i].end = gold[i].start + (int64_t)strlen(names[i][0]);
		snprintf(gold[i].type, sizeof gold[i].type, "%s", names[i][1]);
	}
	struct annot_result r;
	CHECK_INT(annot_review(&an, b, gold, 3, &r), 0);
	struct entity_list el = { 0 };
	store_entities_of(st, b, &el);
	size_t accepted = 0;
	for (size_t i = 0; i < el.n; i++) {
		if (el.v[i].status != ENT_ACCEPTED) {
			CHECK_INT(el.v[i].status, ENT_REJECTED);
			continue;
		}
		accepted++;
		int match = 0;
		for (int k = 0; k < 3; k++)
			match |= el.v[i].start == gold[k].start && el.v[i].end == gold[k].end &&
			         strcmp(el.v[i].type, gold[k].type) == 0;
		CHECK(match);
		CHECK_STR(el.v[i].annotator, "colleague");
	}
	CHECK_INT(accepted, 3);
	entity_list_finish(&el);
	enum article_state state;
	CHECK_INT(store_edit_state(st, b, &state), 0);
	CHECK_INT(state, STATE_DONE);
	CHECK_INT(updates(st, learner_base(l)), 1);
	CHECK_INT(store_edit_check(st), 0);
	/* a span off the text is refused, nothing changed */
	gold[0].end = 10000;
	char *mid = entities(st, b);
	CHECK_INT(annot_review(&an, b, gold, 1, &r), -1);
	char *same = entities(st, b);
	CHECK_STR(same, mid);
	/* one undo takes it all back */
	CHECK_INT(annot_undo(&an, &r), 0);
	char *after = entities(st, b);
	CHECK_STR(after, before);
	CHECK_INT(updates(st, learner_base(l)), 0);
	CHECK_INT(store_edit_check(st), 0);
	free(before);
	free(mid);
	free(same);
	free(after);
	learner_free(&l);
	store_close(&st);
}

int main(void)
{
	const char *data = getenv("DATADIR");
	if (!data) {
		fprintf(stderr, "DATADIR is not set\n");
		return 1;
	}
	setenv("NERVE_DATADIR", data, 1);
	char dir[] = "/tmp/nerve-learn-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char *db = xasprintf("%s/loop.db", dir), *db2 = xasprintf("%s/review.db", dir);
	test_loop(db);
	test_deterministic(dir);
	test_review(db2);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(db);
	free(db2);
	return tap_status();
}
