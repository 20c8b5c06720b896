/*
 * cli_detect.c: choosing the detector (see cli_detect.h).
 */
#include "config.h"
#include "cli_detect.h"

#include <stdlib.h>

#include "detect/detect.h"
#include "store/store.h"
#include "lib/util.h"

struct detector *cli_detector(struct store *st)
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

int cli_detect_hook(void *arg, struct doc *d)
{
	detect_doc(arg, d->text, d->text_len, d);
	return 0;
}
