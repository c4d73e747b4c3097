/* run_native(): a Linux program on the host, optionally under strace. */
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int run_native(const run_native_opts *o, run_result *r) {
  size_t argc = 0;
  while (o->argv[argc])
    argc++;
  const char **argv = calloc(argc + 8, sizeof *argv);
  if (!argv) {
    memset(r, 0, sizeof *r);
    r->end = RUN_FAILED;
    snprintf(r->error, sizeof r->error, "out of memory");
    return -1;
  }
  size_t n = 0;
  if (o->strace_file) {
    argv[n++] = o->strace_path ? o->strace_path : "strace";
    argv[n++] = "-f"; /* follow children: the trace covers the whole test */
    /* -D: strace runs as a grandchild, so the traced program is the very
     * process run_process() made: its session and group leader, with the
     * harness as its parent, exactly as in an untraced run. */
    argv[n++] = "-D";
    argv[n++] = "-n"; /* syscall numbers, so names need not be trusted */
    argv[n++] = "-o";
    argv[n++] = o->strace_file;
    argv[n++] = "--";
  }
  for (size_t i = 0; i < argc; i++)
    argv[n++] = o->argv[i];
  argv[n] = NULL;

  /* Traced, the tracer outlives the program by a moment: let it finish. */
  int rc = o->strace_file ? run_process_grace(argv, o->timeout_s, 10, r)
                          : run_process(argv, o->timeout_s, r);
  free(argv);
  if (rc < 0)
    return -1;
  if (o->stdout_file && run_write_file(o->stdout_file, r->out.data, r->out.len) < 0) {
    snprintf(r->error, sizeof r->error, "%s: %s", o->stdout_file, strerror(errno));
    return -1;
  }
  if (o->stderr_file && run_write_file(o->stderr_file, r->err.data, r->err.len) < 0) {
    snprintf(r->error, sizeof r->error, "%s: %s", o->stderr_file, strerror(errno));
    return -1;
  }
  return 0;
}
