/*
 * cmd_stats.c: nerve stats — articles by review state, entities by type
 * and status.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "store/store.h"
#include "lib/util.h"

static const char stats_usage[] = N_(
	"Usage: nerve stats [OPTION]...\n"
	"Count the articles in the database by review state and the entities by\n"
	"type and status.\n");

int cmd_stats(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = { CLI_GLOBAL_LONGOPTS, { 0, 0, 0, 0 } };
	int opt;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (!cli_global_option(cli, opt, _(stats_usage)))
			return cli_option_error("stats", opt, argv);
	}
	if (optind < argc)
		return cli_usage_error("stats", _("unexpected argument '%s'"), argv[optind]);
	struct store *st = cli_open_store_reading(cli);
	if (!st)
		return 1;
	struct store_stats s;
	if (store_stats(st, &s) < 0) {
		warnmsg("%s", err_msg());
		store_close(&st);
		return 1;
	}
	printf(_("articles: %lld (new %lld, in progress %lld, done %lld)\n"),
	       (long long)s.articles, (long long)s.by_state[STATE_NEW],
	       (long long)s.by_state[STATE_IN_PROGRESS], (long long)s.by_state[STATE_DONE]);
	printf(_("entities: %lld\n"), (long long)s.entities);
	/* TRANSLATORS: column headings of the entity table: an entity type and
	 * the three statuses; at most 10 characters each keeps the columns */
	printf("  %-16s %10s %10s %10s\n", _("type"), _("accepted"), _("suggested"), _("rejected"));
	int64_t tot[3] = { 0, 0, 0 };
	for (size_t i = 0; i < s.ntypes; i++) {
		const struct type_stats *t = &s.types[i];
		char *type = xescape(t->type);
		printf("  %-16s %10lld %10lld %10lld\n", type, (long long)t->by_status[ENT_ACCEPTED],
		       (long long)t->by_status[ENT_SUGGESTED], (long long)t->by_status[ENT_REJECTED]);
		free(type);
		for (int k = 0; k < 3; k++)
			tot[k] += t->by_status[k];
	}
	/* TRANSLATORS: the row of all types together */
	printf("  %-16s %10lld %10lld %10lld\n", _("all"), (long long)tot[ENT_ACCEPTED],
	       (long long)tot[ENT_SUGGESTED], (long long)tot[ENT_REJECTED]);
	store_stats_finish(&s);

	/* the model in the loop */
	struct model_row m;
	struct learn_stats ls;
	int rc = store_model_active(st, &m, 0);
	if (rc < 0 || store_learn_stats(st, rc == 0 ? m.id : 0, &ls) < 0) {
		warnmsg("%s", err_msg());
		model_row_finish(&m);
		store_close(&st);
		return 1;
	}
	if (rc == 0) {
		char *on = xescape(m.trained_on);
		printf(_("model: %lld, trained %s, %s\n"), (long long)m.id, m.created_at, on);
		free(on);
	} else {
		printf(_("model: the shipped one\n"));
	}
	model_row_finish(&m);
	if (ls.updates)
		printf(_("learnt since: from %lld reviewed articles, last at %s\n"),
		       (long long)ls.update_articles, ls.learned_at);
	else
		printf(_("learnt since: nothing yet (each article marked done teaches it)\n"));
	printf(_("memory of decisions: %lld strings\n"), (long long)ls.strings);
	store_close(&st);
	return fflush(stdout) == 0 ? 0 : 1;
}
