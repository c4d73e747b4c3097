/* run_qemu(): boot one image with a time limit and collect its two files. */
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int run_qemu(const run_qemu_opts *o, run_qemu_result *r) {
  memset(r, 0, sizeof *r);
  r->qemu.end = RUN_FAILED;
  char **argv = NULL;
  if (run_qemu_argv(o, &argv, r->qemu.error, sizeof r->qemu.error) < 0)
    return -1;
  /* Stale files from an earlier run must never pass for this run's output. */
  if (run_write_file(o->console_file, "", 0) < 0 ||
      run_write_file(o->trace_file, "", 0) < 0) {
    snprintf(r->qemu.error, sizeof r->qemu.error, "cannot create %s / %s: %s",
             o->console_file, o->trace_file, strerror(errno));
    run_argv_free(argv);
    return -1;
  }
  int rc = run_process((const char *const *)argv, o->timeout_s, &r->qemu);
  run_argv_free(argv);
  if (rc < 0)
    return -1;
  /* QEMU has been reaped: whatever it wrote is in the files now. */
  if (run_read_file(o->console_file, &r->console) < 0 ||
      run_read_file(o->trace_file, &r->trace) < 0) {
    snprintf(r->qemu.error, sizeof r->qemu.error, "cannot read %s / %s: %s",
             o->console_file, o->trace_file, strerror(errno));
    return -1;
  }
  return 0;
}
