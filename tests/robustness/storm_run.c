/* storm-run: boot the syscall-storm image (storm.c) with one seed and judge
 * the run. PASS needs all of: no panic record, no time-out, an exit record
 * with status 0, and "storm done CALLS calls" as the console's last line
 * (a kernel that corrupted the process silently shows up as a missing line
 * or another status). Exit 0 on PASS, 1 on FAIL, 2 when it could not run.
 *
 * storm-run --template FILE --image FILE --seed N --calls N
 *           [--timeout S] [--debug WORDS] [--work-dir DIR]
 *   --debug  the kernel's debug= filter (default none; syscall,signal,fault
 *            to see the last calls before a failure)
 *   --work-dir  where console and trace files go (kept for a look) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exit_record.h"
#include "run.h"

static void usage(void) {
  fprintf(stderr, "usage: storm-run --template FILE --image FILE --seed N "
                  "--calls N [--timeout S] [--debug WORDS] [--work-dir DIR]\n");
  exit(2);
}

/* The last non-empty line of a buffer, copied into out. */
static void last_line(const run_buf *b, char *out, size_t len) {
  size_t end = b->len;
  while (end > 0 && (b->data[end - 1] == '\n' || b->data[end - 1] == '\r'))
    end--;
  size_t start = end;
  while (start > 0 && b->data[start - 1] != '\n')
    start--;
  size_t n = end - start < len - 1 ? end - start : len - 1;
  memcpy(out, b->data + start, n);
  out[n] = 0;
}

/* Print the last `lines` lines of a buffer, indented. */
static void print_tail(const char *what, const run_buf *b, int lines) {
  size_t start = b->len;
  for (int n = 0; start > 0 && n <= lines; start--)
    if (b->data[start - 1] == '\n')
      n++;
  printf("--- last lines of the %s ---\n%s\n", what, b->data + start);
}

int main(int argc, char **argv) {
  const char *tmpl = 0, *image = 0, *seed = 0, *calls = 0, *debug = "none";
  const char *work = ".";
  double timeout = 120;
  for (int i = 1; i < argc; i++) {
    if (i + 1 >= argc)
      usage();
    const char *k = argv[i], *v = argv[++i];
    if (!strcmp(k, "--template")) tmpl = v;
    else if (!strcmp(k, "--image")) image = v;
    else if (!strcmp(k, "--seed")) seed = v;
    else if (!strcmp(k, "--calls")) calls = v;
    else if (!strcmp(k, "--timeout")) timeout = atof(v);
    else if (!strcmp(k, "--debug")) debug = v;
    else if (!strcmp(k, "--work-dir")) work = v;
    else usage();
  }
  if (!tmpl || !image || !seed || !calls)
    usage();

  char cmdline[256], console[4096], trace[4096];
  snprintf(cmdline, sizeof cmdline, "debug=%s -- %s %s", debug, seed, calls);
  mkdir(work, 0777);
  snprintf(console, sizeof console, "%s/storm-%s.console", work, seed);
  snprintf(trace, sizeof trace, "%s/storm-%s.trace", work, seed);

  run_qemu_opts o = {.template_file = tmpl, .image = image,
                     .cmdline = cmdline, .console_file = console,
                     .trace_file = trace, .timeout_s = timeout};
  if (run_accel_default(&o.accel)) {
    fprintf(stderr, "storm-run: bad KDIFF_ACCEL\n");
    return 2;
  }
  run_qemu_result r;
  if (run_qemu(&o, &r)) {
    fprintf(stderr, "storm-run: %s\n", r.qemu.error);
    run_qemu_result_free(&r);
    return 2;
  }

  trace_facts f;
  exit_record_scan(r.trace.data, r.trace.len, &f);
  char want[64], last[256], how[256], st[64];
  snprintf(want, sizeof want, "storm done %s calls", calls);
  last_line(&r.console, last, sizeof last);
  printf("storm seed %s, %s calls: qemu %s, %.2f s, guest %s\n", seed, calls,
         run_describe(&r.qemu, timeout, how, sizeof how), r.qemu.seconds,
         exit_status_describe(&f.status, st, sizeof st));
  const char *stats = strstr(r.console.data, "storm stats:");
  if (stats)
    printf("%.*s\n", (int)strcspn(stats, "\n"), stats);

  const char *why = 0;
  if (f.panicked)
    why = "the kernel panicked";
  else if (r.qemu.end == RUN_TIMED_OUT)
    why = "hang: the time limit passed";
  else if (f.status.kind == ST_NONE)
    why = "QEMU ended without an exit record";
  else if (f.status.kind != ST_EXIT || f.status.code != 0)
    why = "the storm did not exit 0";
  else if (strcmp(last, want))
    why = "the console's last line is not the storm's final line";

  if (why) {
    printf("FAIL: %s\n", why);
    if (f.panicked)
      printf("panic record: %s\n", f.panic);
    print_tail("console", &r.console, 5);
    print_tail("trace", &r.trace, 12);
    printf("rerun traced: --debug syscall,signal,fault (files in %s)\n",
           work);
  } else {
    printf("PASS\n");
  }
  run_qemu_result_free(&r);
  return why ? 1 : 0;
}
