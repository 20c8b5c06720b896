/*
 * fmt_writer.c: what the readers and writers share (see formats.h): the
 * notes a reader or writer gives, the writer's buffer, the tokens.
 */
#include "config.h"
#include "formats.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

void fmt_notef(fmt_note_fn note, void *arg, size_t line, int skipped, const char *fmt, ...)
{
	if (!note)
		return;
	struct buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	msg_vformat(&msg, fmt, ap);
	va_end(ap);
	note(arg, line, skipped, msg.data);
	buf_free(&msg);
}

int fmt_writer_flush(struct fmt_writer *w)
{
	if (w->b.len && fwrite(w->b.data, 1, w->b.len, w->out) != w->b.len) {
		err_set("%s", strerror(errno ? errno : EIO));
		return -1;
	}
	buf_clear(&w->b);
	return 0;
}

void fmt_writer_finish(struct fmt_writer *w)
{
	buf_free(&w->b);
	buf_free(&w->prefix);
	fmt_tokens_finish(&w->toks);
	free(w->tag);
	free(w->respelt);
	free(w->tmp);
	w->tag = NULL;
	w->respelt = NULL;
	w->tmp = NULL;
}

void fmt_tokens_finish(struct fmt_tokens *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}
