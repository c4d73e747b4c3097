/* Producing the two traces for `kdiff TEST`: find the test (contract id,
 * stem, a .c file or a static ELF), run the x86-64 binary under
 * `strace -f -n -o`, boot its image with debug=syscall, and leave both
 * trace files in a temporary directory. */
#ifndef KDIFF_RUNNER_H
#define KDIFF_RUNNER_H

#include <stdbool.h>
#include <stddef.h>

struct kdiff_run_opts {
  const char *test;  /* as given on the command line */
  const char *arch;  /* "x86_64" or "arm64" */
  double timeout_s;
  const char *accel; /* "auto", "kvm", "tcg" */
  bool need_linux, need_libos;
  bool host_tmp; /* --no-sandbox: the Linux run gets no private /tmp */
};

struct kdiff_run_out {
  char linux_trace[4096];
  char libos_trace[4096];
  char kept_dir[4096]; /* where the traces are ("" if nothing was run) */
};

/* Runs what o asks for. Returns 0, or -1 with a message naming what is
 * missing or what failed in err. */
int kdiff_run_test(const struct kdiff_run_opts *o, struct kdiff_run_out *out, char *err,
                   size_t errlen);

#endif
