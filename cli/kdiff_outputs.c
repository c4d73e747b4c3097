/* Both runs' outputs and exit statuses (kdiff_outputs.h). */
#include "kdiff_outputs.h"

#include <stdlib.h>
#include <string.h>

#include "exit_record.h"
#include "linediff.h"
#include "run.h"

void kdiff_outputs_read(const struct kdiff_run_out *run,
                        struct kdiff_outputs *out) {
  memset(out, 0, sizeof *out);
  if (!run->linux_stdout[0] || !run->libos_console[0])
    return;
  run_buf lo = {0}, co = {0}, tr = {0};
  if (run_read_file(run->linux_stdout, &lo) == 0 &&
      run_read_file(run->libos_console, &co) == 0 &&
      run_read_file(run->libos_trace, &tr) == 0) {
    trace_facts tf;
    exit_record_scan(tr.data, tr.len, &tf);
    out->known = true;
    out->same_output =
        lo.len == co.len && memcmp(lo.data, co.data, lo.len) == 0;
    out->same_status = exit_status_equal(&run->linux_status, &tf.status);
    exit_status_describe(&run->linux_status, out->linux_status,
                         sizeof out->linux_status);
    exit_status_describe(&tf.status, out->libos_status,
                         sizeof out->libos_status);
  }
  run_buf_free(&lo);
  run_buf_free(&co);
  run_buf_free(&tr);
}

bool kdiff_outputs_report(FILE *f, const struct kdiff_run_out *run,
                          const struct kdiff_outputs *out, size_t max_lines) {
  if (!out->known || (out->same_output && out->same_status))
    return false;
  fprintf(f, "\nthe runs differ%s:\n",
          out->same_output ? " in exit status" : "");
  fprintf(f, "  exit status: linux %s | libos %s\n", out->linux_status,
          out->libos_status);
  if (!out->same_output) {
    run_buf lo = {0}, co = {0};
    if (run_read_file(run->linux_stdout, &lo) == 0 &&
        run_read_file(run->libos_console, &co) == 0)
      linediff_print(f, "linux stdout+stderr", lo.data, lo.len,
                     "libos console (stdout+stderr)", co.data, co.len,
                     max_lines);
    run_buf_free(&lo);
    run_buf_free(&co);
  }
  return true;
}
