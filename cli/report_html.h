/* kdiff --html: the comparison as one self-contained HTML page (template
 * cli/html/kdiff_report.html, layout in docs/kdiff.md "The HTML report").
 * The facts are the text report's (same alignment, same cells, same first
 * divergence); the page adds what a terminal cannot: both traces in two
 * aligned columns per task, equal stretches folded, every divergence marked
 * by kind, each event's raw trace line(s) on demand, both programs' output,
 * both exit statuses, the panic record and the commands that reproduce it. */
#ifndef KDIFF_REPORT_HTML_H
#define KDIFF_REPORT_HTML_H

#include "align.h"
#include "report.h"
#include "trace.h"

/* What the page says beyond the two traces. */
struct html_facts {
  const char *test;          /* what was compared, as given ("vm.brk_basic") */
  const char *linux_stdout;  /* file with Linux's stdout, or NULL: not known */
  const char *libos_console; /* file with the image's console, or NULL */
  const char *const *repro;  /* pairs (what, shell command), NULL-ended */
  const char *version;       /* kdiff's */
};

/* Writes the page for L/R/a to path ("-": stdout). With o->all every row
 * is written unfolded; otherwise runs of equal rows further than o->context
 * from a divergence (or a task's ends) are folded, and a fold longer than
 * a few hundred rows keeps only its ends. Returns 0, or -1 with e (cannot
 * write; a template error is a bug and says so). */
int report_html(const char *path, const struct trace *L, const struct trace *R,
                const struct alignment *a, const struct report_opts *o,
                const struct html_facts *h, struct kd_error *e);

#endif
