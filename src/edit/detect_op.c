/*
 * detect_op.c: choosing the detector, and detecting again in stored
 * articles (see detect_op.h).
 */
#include "config.h"
#include "detect_op.h"
#include "learn.h"
#include "link.h"

#include <stdlib.h>

#include "detect/detect.h"
#include "store/store.h"
#include "lib/util.h"

struct detector *detect_op_detector(struct store *st)
{
	if (st) {
		struct model_row m;
		int rc = store_model_active(st, &m, 1);
		if (rc == 0) {
			void *blob = m.data;
			m.data = NULL;
			struct detector *det = detector_adopt(blob, m.len);
			if (det) {
				model_row_finish(&m);
				return det;
			}
			warnmsg(_("%s: the trained model %lld cannot be used (%s); using the "
			          "shipped model"),
			        store_path(st), (long long)m.id, err_msg());
		} else if (rc < 0) {
			warnmsg("%s", err_msg());
		}
		model_row_finish(&m);
	}
	struct detector *det = detector_open(NULL);
	if (!det)
		warnmsg(_("%s (the detection model is missing: is nerve installed? NERVE_DATADIR "
		          "names another data directory; import --no-detect skips detection)"),
		        err_msg());
	return det;
}

int detect_op_hook(void *arg, struct doc *d)
{
	detect_doc(arg, d->text, d->text_len, d);
	return 0;
}

int detect_op_run(struct learner *l, const int64_t *ids, size_t n,
                  void (*progress)(void *arg, size_t done, size_t n), void *arg,
                  size_t *suggestions)
{
	enum { BATCH = 200 };
	struct store *st = learner_store(l);
	*suggestions = 0;
	for (size_t i = 0; i < n; i++) {
		if (i % BATCH == 0 && store_begin(st) < 0)
			goto fail;
		int k;
		if (learner_refresh(l, ids[i], 1, &k) < 0)
			goto fail;
		*suggestions += (size_t)k;
		if (((i + 1) % BATCH == 0 || i + 1 == n) && store_commit(st) < 0)
			goto fail;
		if (progress)
			progress(arg, i + 1, n);
	}
	return 0;
fail:
	store_rollback(st);
	return -1;
}
