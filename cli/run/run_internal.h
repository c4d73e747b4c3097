/* kdiff_run's own pieces, shared between its files; not for callers. */
#ifndef KDIFF_RUN_INTERNAL_H
#define KDIFF_RUN_INTERNAL_H

#include "run.h"

/* What a child gets besides argv (run_process_spawn). */
typedef struct run_spawn {
  int keep_fd;            /* >= 3: stays open across the exec (-1: none) */
  const char *stdin_file; /* fd 0 reads this file (NULL: /dev/null) */
  char *const *envp;      /* the child's environment (NULL: the caller's) */
  int merge_stderr;       /* nonzero: fd 2 is the stdout pipe too */
  double idle_s; /* > 0: also timed out when stdout is silent that long */
} run_spawn;

/* run_process_grace(), with sp's extras: fd sp->keep_fd stays open across
 * the child's exec (the one exception to "the program starts with fds 0-2
 * only", for a helper that closes it itself: kdiff-sandbox's report fd),
 * stdin is sp->stdin_file (opened before the fork: a file that cannot be
 * read is a -1 return naming it) and the environment is sp->envp. */
int run_process_spawn(const char *const *argv, double timeout_s, double grace_s,
                      const run_spawn *sp, run_result *r);

#endif
