/* run_native(): a Linux program on the host, in a private /tmp (through
 * kdiff-sandbox, sandbox.h) unless asked not to, optionally under strace. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run_internal.h"
#include "sandbox.h"

#ifndef KDIFF_SANDBOX_HELPER
#define KDIFF_SANDBOX_HELPER "kdiff-sandbox"
#endif

int run_sandbox_default(void) {
  const char *v = getenv("KDIFF_NO_SANDBOX");
  return !(v && *v && strcmp(v, "0") != 0);
}

static int failed(run_result *r, int rc, const char *fmt, const char *a,
                  const char *b) {
  memset(r, 0, sizeof *r);
  r->end = RUN_FAILED;
  r->out.data = calloc(1, 1); /* empty, NUL-terminated, as run.h promises */
  r->err.data = calloc(1, 1);
  snprintf(r->error, sizeof r->error, fmt, a, b);
  return rc;
}

/* The helper's one-line report, if it wrote one: the sandbox or the exec
 * failed and the program never ran. */
static void read_report(int fd, run_result *r) {
  char msg[sizeof r->error];
  fcntl(fd, F_SETFL, O_NONBLOCK); /* its writers have all ended, or escaped */
  ssize_t n = read(fd, msg, sizeof msg - 1);
  if (n <= 0)
    return;
  while (n > 0 && msg[n - 1] == '\n')
    n--;
  msg[n] = '\0';
  r->end = RUN_FAILED;
  snprintf(r->error, sizeof r->error, "%s", msg);
}

int run_native(const run_native_opts *o, run_result *r) {
  size_t argc = 0;
  while (o->argv[argc])
    argc++;
  /* The most native.c adds: strace (11 words) and the helper (7). */
  const char **argv = calloc(argc + 20, sizeof *argv);
  if (!argv)
    return failed(r, -1, "out of memory%s%s", "", "");
  const char *helper = o->sandbox_path ? o->sandbox_path : KDIFF_SANDBOX_HELPER;
  int rep[2] = {-1, -1};
  char repnum[16];
  if (!o->host_tmp) {
    if (access(helper, X_OK) < 0) {
      free(argv);
      return failed(r, 0,
                    SANDBOX_NO_TMP
                    ": no sandbox helper at %s (%s); build kdiff-sandbox",
                    helper, strerror(errno));
    }
    if (pipe2(rep, O_CLOEXEC) < 0) {
      free(argv);
      return failed(r, -1, "pipe: %s%s", strerror(errno), "");
    }
    snprintf(repnum, sizeof repnum, "%d", rep[1]);
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
    /* Whole strings for kdiff's str comparison: paths are printed up to
     * PATH_MAX whatever -s says; other names (memfd_create's, at most 249
     * bytes) need this. */
    argv[n++] = "-s";
    argv[n++] = "256";
    argv[n++] = "-o";
    argv[n++] = o->strace_file;
    argv[n++] = "--";
  }
  /* The tracer stays outside the sandbox (its program and output file need
   * the host's /tmp); the trace starts with the helper, which kdiff skips. */
  if (!o->host_tmp) {
    argv[n++] = helper;
    argv[n++] = SANDBOX_MARK_ARG;
    argv[n++] = "--report-fd";
    argv[n++] = repnum;
    if (o->argv0) {
      argv[n++] = "--argv0";
      argv[n++] = o->argv0;
    }
    argv[n++] = "--";
  }
  for (size_t i = 0; i < argc; i++)
    argv[n++] = o->argv[i];
  argv[n] = NULL;

  /* Traced, the tracer outlives the program by a moment: let it finish. */
  run_spawn sp = {.keep_fd = rep[1],
                  .stdin_file = o->stdin_file,
                  .envp = o->envp,
                  .merge_stderr = o->merge_stderr};
  int rc =
      run_process_spawn(argv, o->timeout_s, o->strace_file ? 10 : 0, &sp, r);
  free(argv);
  if (rep[1] >= 0)
    close(rep[1]);
  if (rep[0] >= 0) {
    if (rc == 0)
      read_report(rep[0], r);
    close(rep[0]);
  }
  if (rc < 0)
    return -1;
  if (o->stdout_file &&
      run_write_file(o->stdout_file, r->out.data, r->out.len) < 0) {
    snprintf(r->error, sizeof r->error, "%s: %s", o->stdout_file,
             strerror(errno));
    return -1;
  }
  if (o->stderr_file &&
      run_write_file(o->stderr_file, r->err.data, r->err.len) < 0) {
    snprintf(r->error, sizeof r->error, "%s: %s", o->stderr_file,
             strerror(errno));
    return -1;
  }
  return 0;
}
