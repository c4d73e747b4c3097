/* The report: rows around the first divergence with Linux and libos side by
 * side, counts, and the ROOT CAUSE CANDIDATE block (text), or the same
 * facts as one JSON object (--json). */
#ifndef KDIFF_REPORT_H
#define KDIFF_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "align.h"
#include "trace.h"

/* What kdiff saw of the runs themselves, beyond the traces (kdiff TEST). */
struct report_runs {
  bool same_output; /* stdout+stderr equal on both sides */
  bool same_status; /* same exit code or killing signal */
  const char *linux_status, *libos_status; /* "exit 0", "killed by SIGSEGV" */
};

struct report_opts {
  size_t context; /* rows shown before and after the first divergence */
  bool all;       /* show every row */
  bool color;     /* ANSI colours on divergent rows */
  const char *arch;
  const struct report_runs *runs; /* NULL: no runs (recorded traces) */
};

/* The rows [*from, *to) the report shows under o. */
void report_window(const struct alignment *a, const struct report_opts *o, size_t *from,
                   size_t *to);

/* Writes the text report to f. */
void report_text(FILE *f, const struct trace *L, const struct trace *R,
                 const struct alignment *a, const struct report_opts *o);

/* Writes the JSON report to path ("-": stdout). Returns 0, or -1 with e. */
int report_json(const char *path, const struct trace *L, const struct trace *R,
                const struct alignment *a, const struct report_opts *o, struct kd_error *e);

/* An event's outcome as both the text and the JSON report show it:
 * "brk0+0x2000", "brk0 (unchanged)", "-1 ENOENT", "SIGSEGV SEGV_MAPERR",
 * "exited with 0", "killed by SIGSEGV", "panic: msg". */
const char *report_result(const struct trace *t, const struct event *e, char *buf, size_t n);

/* The two sides' values at a divergence, as the ROOT CAUSE block and
 * first_divergence show them: the results, or, when the results agree, the
 * first argument that differs ("arg 0 = brk0+0x2000"). Either event may be
 * NULL ("(none)"). */
void report_diverging_values(const struct trace *L, const struct event *le,
                             const struct trace *R, const struct event *re, char *lb,
                             char *rb, size_t n);

/* One cell: the call with its (normalised) arguments and result. */
const char *report_cell(const struct trace *t, const struct event *e, char *buf, size_t n);

#endif
