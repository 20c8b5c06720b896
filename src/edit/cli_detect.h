/*
 * cli_detect.h: the detector the front ends use — the database's active
 * model when there is one, else the shipped model.
 */
#ifndef NERVE_CLI_DETECT_H
#define NERVE_CLI_DETECT_H

struct detector;
struct store;

/* The current detector: the active model of st (may be NULL) when it
 * loads, else the shipped model of the data directory.  A trained model
 * that cannot be used is reported on stderr and passed over.  NULL with
 * the reason printed when no model loads.  Owned: detector_free(). */
struct detector *cli_detector(struct store *st);

/* The detection hook of import (import_detect_fn): arg is the detector;
 * appends the suggestions for d->text to d's spans.  Returns 0. */
struct doc;
int cli_detect_hook(void *arg, struct doc *d);

#endif
