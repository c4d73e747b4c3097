/* Placeholder until the runner is wired (see kdiff_runner.h). */
#include <stdio.h>

#include "kdiff_runner.h"

int kdiff_run_test(const struct kdiff_run_opts *o, struct kdiff_run_out *out, char *err,
                   size_t errlen) {
  (void)out;
  snprintf(err, errlen, "%s: running tests is not wired yet; use --linux-trace and --libos-trace",
           o->test ? o->test : "kdiff");
  return -1;
}
