/* kdiff_run's own pieces, shared between its files; not for callers. */
#ifndef KDIFF_RUN_INTERNAL_H
#define KDIFF_RUN_INTERNAL_H

#include "run.h"

/* run_process_grace(), except that fd keep_fd (>= 3; -1: none) stays open
 * across the child's exec: the one exception to "the program starts with
 * fds 0-2 only", for a helper that closes it itself (kdiff-sandbox's report
 * fd). */
int run_process_keep(const char *const *argv, double timeout_s, double grace_s,
                     int keep_fd, run_result *r);

#endif
