/* `kdiff TEST`'s last word on the runs themselves: both sides' output
 * (stdout and stderr, one stream on each side) and exit status, shown when
 * they differ, since two traces can agree while what the program printed
 * does not (a value a rule softened, a write kdiff does not compare). */
#ifndef KDIFF_OUTPUTS_H
#define KDIFF_OUTPUTS_H

#include <stdbool.h>
#include <stdio.h>

#include "kdiff_runner.h"

/* What the two runs of run (both sides run by kdiff) left behind. */
struct kdiff_outputs {
  bool known;       /* both sides ran and their files could be read */
  bool same_output; /* Linux's stdout+stderr == the image's console */
  bool same_status; /* the same exit code or killing signal */
  char linux_status[64], libos_status[64]; /* "exit 0", "killed by SIGSEGV" */
};

/* Reads both sides' output and status (the image's from its trace's exit
 * record). out->known is false when a side was not run or its files are
 * gone. */
void kdiff_outputs_read(const struct kdiff_run_out *run,
                        struct kdiff_outputs *out);

/* When out shows a difference, writes a section to f: the exit statuses
 * and a line diff of the two outputs (at most max_lines lines). Writes
 * nothing when the runs agree. Returns true when it wrote something. */
bool kdiff_outputs_report(FILE *f, const struct kdiff_run_out *run,
                          const struct kdiff_outputs *out, size_t max_lines);

#endif
