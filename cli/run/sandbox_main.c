/* kdiff-sandbox --kdiff-sandbox [--report-fd N] [--argv0 NAME] -- PROGRAM
 *               [ARGS...]
 *
 * Runs PROGRAM (argv[0] of the test: a path, or a name looked up in $PATH)
 * with ARGS in a fresh private /tmp as its cwd (sandbox.h), replacing
 * itself: the test keeps this process's pid, session, group and parent.
 * --argv0 NAME: the program's argv[0] is NAME, not the path it runs from.
 * run_native() runs it, under strace when tracing, so the tracer stays
 * outside the namespace and its output file and program stay visible.
 *
 * The first argument is always SANDBOX_MARK_ARG (sandbox.h says why).
 * When the sandbox or the exec fails it writes one line saying why to fd N
 * (default: stderr) and exits 127; fd N is close-on-exec from the start, so
 * the test never sees it. The line starts with SANDBOX_NO_TMP when the
 * namespace or the mount failed, with "cannot run " when the program did. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sandbox.h"

extern char **environ;

static int report_fd = 2;

/* One line "<prefix><why>", then the exit status the runner ignores. */
static void report(const char *prefix, const char *why) {
  dprintf(report_fd, "%s%s\n", prefix, why);
  _exit(127);
}

int main(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], SANDBOX_MARK_ARG) != 0) {
    fprintf(stderr,
            "kdiff-sandbox: the first argument must be " SANDBOX_MARK_ARG "\n");
    return 127;
  }
  int i = 2;
  if (i + 1 < argc && strcmp(argv[i], "--report-fd") == 0) {
    char *end;
    long fd = strtol(argv[i + 1], &end, 10);
    if (*end || fd < 0 || fd > 1 << 20 ||
        fcntl((int)fd, F_SETFD, FD_CLOEXEC) < 0) {
      fprintf(stderr, "kdiff-sandbox: --report-fd %s: not an open fd\n",
              argv[i + 1]);
      return 127;
    }
    report_fd = (int)fd;
    i += 2;
  }
  const char *argv0 = NULL;
  if (i + 1 < argc && strcmp(argv[i], "--argv0") == 0) {
    argv0 = argv[i + 1];
    i += 2;
  }
  if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc) {
    fprintf(stderr, "usage: kdiff-sandbox " SANDBOX_MARK_ARG
                    " [--report-fd N] [--argv0 NAME] -- PROGRAM [ARGS...]\n");
    return 127;
  }
  char **test_argv = argv + i + 1;
  char err[4096 + 256];
  sandbox_prog p;
  if (sandbox_open(test_argv[0], &p, err, sizeof err) < 0)
    report("cannot run ", err);
  if (sandbox_enter(err, sizeof err) < 0)
    report(SANDBOX_NO_TMP ": ", err);
  if (argv0)
    test_argv[0] = (char *)argv0; /* the program is already open */
  sandbox_exec(&p, test_argv, environ, err, sizeof err);
  report("cannot run ", err);
}
