/* kdiff: run a contract test on Linux (strace) and on the library OS (QEMU,
 * debug=syscall,signal), or read recorded traces; align them; report the first
 * divergence. Exit 0: the runs agree, 1: they diverge, 2: trouble. */
#define _XOPEN_SOURCE 700 /* access */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "align.h"
#include "jsonl_read.h"
#include "kdiff_gdb.h"
#include "kdiff_outputs.h"
#include "kdiff_runner.h"
#include "normalise.h"
#include "progress.h"
#include "report.h"
#include "report_html.h"
#include "strace_parse.h"
#include "syscall_names.h"
#include "trace_check.h"
#include "trace_format.h"

#ifndef KDIFF_VERSION
#define KDIFF_VERSION "0.0"
#endif

static void usage(FILE *f) {
  fputs("usage: kdiff [options] TEST | path/to/test.c | PROGRAM [-- ARGS...]\n"
        "       kdiff [options] --reference-trace FILE --candidate-trace FILE\n"
        "       kdiff --check-trace FILE\n"
        "Runs a test under strace on Linux and in its library OS image (QEMU,\n"
        "debug=syscall,signal), aligns both syscall traces and reports the first divergence.\n"
        "PROGRAM: any static x86-64 ELF (a path, or a name found in $PATH), run with\n"
        "ARGS on both sides, argv[0] its file name, a fresh /tmp as cwd, an empty\n"
        "environment and stdin /dev/null unless told:\n"
        "  --env NAME=VALUE        add to the program's environment (repeatable)\n"
        "  --stdin FILE            fd 0 reads FILE (a regular file) on both sides\n"
        "\n"
        "  --arch x86_64|arm64     image architecture (default x86_64); arm64 maps\n"
        "                          x86-64-only calls of the Linux run (open -> openat)\n"
        "  --filter a,b            compare only these syscalls (signals, exit always)\n"
        "  --context N             rows shown around the first divergence (default 3)\n"
        "  --all                   show every aligned row\n"
        "  --strict                turn every softening equivalence rule off (the\n"
        "                          report's `rules:` line names what was applied)\n"
        "  --json FILE|-           write the facts as JSON (\"-\": stdout, no text report)\n"
        "  --html FILE|-           write a self-contained HTML page: both traces side by\n"
        "                          side, the first divergence at the top (\"-\": stdout)\n"
        "  --reference-trace FILE  a recorded trace for the reference side (the Linux\n"
        "                          run): run nothing on Linux (alias --linux-trace)\n"
        "  --candidate-trace FILE  a recorded trace for the side under test: run no\n"
        "                          QEMU (alias --libos-trace)\n"
        "                          Either may be strace text (any of -f -ff -t -tt -ttt\n"
        "                          -T -y -yy -s -v -X -n), JSONL schema v1 (a console\n"
        "                          log is fine) or Kevlar's console (DBG lines); kdiff\n"
        "                          recognises which (docs/kdiff.md, \"Trace formats\")\n"
        "  --check-trace FILE      validate one trace: exit 0, or 2 naming the first bad\n"
        "                          line (JSONL: against docs/trace.schema.json)\n"
        "  --timeout S             time limit for each run (default 60)\n"
        "  --accel auto|kvm|tcg    QEMU accelerator (auto: TCG)\n"
        "  --memory SIZE           the image's memory (QEMU -m; default: the test's\n"
        "                          contract-memory line, else the template's)\n"
        "  --reference native|vm   the Linux side: strace on this host (native, the\n"
        "                          x86-64 program), or the arch's program traced by\n"
        "                          kdiff-ref-trace in the pinned reference VM\n"
        "                          (docs/reference.md); no arch mapping then\n"
        "  --no-sandbox            Linux run in this cwd and the host's /tmp, not a\n"
        "                          private tmpfs /tmp (also KDIFF_NO_SANDBOX=1)\n"
        "  --color auto|always|never\n"
        "  --quiet                 no progress line on a terminal while reading\n"
        "                          and aligning (shown after 1 s otherwise)\n"
        "  --gdb [-- GDB-ARGS]     boot the image halted under QEMU's gdbstub and run\n"
        "                          (with --gdb the words after -- are gdb's)\n"
        "                          gdb-multiarch on it with kernel and test symbols\n"
        "  --gdb-server            the same, but print the gdb command and wait\n"
        "  --help, --version\n"
        "Exit status: 0 no divergence, 1 divergence, 2 trouble.\n",
        f);
}

/* The process's peak resident set so far (VmHWM), in KiB; 0 if unknown. */
static long peak_rss_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kib = 0;
  while (f && fgets(line, sizeof line, f))
    if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
      break;
  if (f)
    fclose(f);
  return kib;
}

/* KDIFF_TIMING=1 prints the time each phase took and the peak RSS at its
 * end (for bench/). */
static void phase(const char *name) {
  static struct timespec last;
  static int on = -1;
  if (on < 0)
    on = getenv("KDIFF_TIMING") != NULL;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (on && name)
    fprintf(stderr, "kdiff: %-10s %.3f s, peak RSS %ld MiB\n", name,
            (double)(now.tv_sec - last.tv_sec) +
                (now.tv_nsec - last.tv_nsec) / 1e9,
            peak_rss_kib() / 1024);
  last = now;
}

/* One side's reading and normalising; the libos side runs in a thread of
 * its own while the main thread does the Linux side. */
struct side_job {
  struct trace *t;
  enum trace_format fmt;
  enum kd_arch arch;
  struct norm_opts no;
  struct kd_error e;
  int rc;
};

static void *side_work(void *arg) {
  struct side_job *j = arg;
  j->rc = trace_read(j->fmt, j->arch, j->t, &j->e);
  if (j->rc == 0) {
    normalise(j->t, &j->no);
    trace_drop_text(j->t);
  }
  return NULL;
}

/* What a format's records are called in messages. */
static const char *record_kind(enum trace_format f) {
  return f == TF_KEVLAR ? "Kevlar DBG" : f == TF_JSONL ? "JSON" : "strace";
}

static int trouble(const char *msg) {
  fprintf(stderr, "kdiff: %s\n", msg);
  return 2;
}

/* Splits "a,b" into interned ids; NULL (with a message) when a name is
 * not a syscall's or there is no name at all. */
static uint32_t *parse_filter(const char *s, size_t *n) {
  size_t cap = 1;
  for (const char *p = s; *p; p++)
    cap += *p == ',';
  uint32_t *v = calloc(cap, sizeof *v);
  if (!v)
    abort();
  *n = 0;
  while (*s) {
    const char *c = strchr(s, ',');
    size_t len = c ? (size_t)(c - s) : strlen(s);
    if (len) {
      char name[64];
      snprintf(name, sizeof name, "%.*s", (int)(len < 63 ? len : 63), s);
      if (len > 63 || !sc_by_name(name)) {
        fprintf(stderr, "kdiff: --filter: '%.*s' is not a syscall name\n",
                (int)(len < 200 ? len : 200), s);
        free(v);
        return NULL;
      }
      v[(*n)++] = intern_n(s, len);
    }
    s += len + (c ? 1 : 0);
  }
  if (*n == 0) {
    fputs("kdiff: --filter wants syscall names (a,b)\n", stderr);
    free(v);
    return NULL;
  }
  return v;
}

/* A run that ends in trouble leaves its work directory only when there is
 * something in it, and says where. */
static int trouble_in(const char *dir, const char *msg) {
  progress_stop(); /* the message starts on a clean line */
  fprintf(stderr, "kdiff: %s\n", msg);
  if (dir && dir[0] && rmdir(dir) != 0)
    fprintf(stderr, "kdiff: traces kept in %s\n", dir);
  return 2;
}

/* For recorded traces in a directory kdiff left (linux.strace, libos.jsonl),
 * the run's output file next to it (NULL if there is none). */
static const char *beside(const char *trace, const char *name,
                          const char *other) {
  static char buf[2][4096];
  static int k;
  const char *slash = trace ? strrchr(trace, '/') : NULL;
  const char *base = slash ? slash + 1 : trace;
  if (!trace || strcmp(base, name) != 0)
    return NULL;
  char *b = buf[k++ & 1];
  snprintf(b, sizeof buf[0], "%.*s%s", (int)(base - trace), trace, other);
  return access(b, R_OK) == 0 ? b : NULL;
}

/* The page's "Reproduce" commands: (what, command) pairs into repro. */
static void repro_commands(const char *self, const struct kdiff_run_opts *ro,
                           const char *filter, const char *html, const char *lt,
                           const char *rt, bool traces_stay, char cmds[3][8192],
                           const char **repro) {
  int n = 0;
  const char *opts[] = {"--arch", ro->arch, filter ? "--filter" : NULL, filter};
  if (ro->test) {
    cmds[n][0] = 0;
    const char *w[] = {self, ro->test};
    for (size_t i = 0; i < 2; i++)
      kdiff_shell_word(cmds[n], sizeof cmds[n], w[i]);
    for (size_t i = 0; i < 4 && opts[i]; i += 2) {
      kdiff_shell_word(cmds[n], sizeof cmds[n], opts[i]);
      kdiff_shell_word(cmds[n], sizeof cmds[n], opts[i + 1]);
    }
    kdiff_shell_word(cmds[n], sizeof cmds[n], "--html");
    kdiff_shell_word(cmds[n], sizeof cmds[n], html);
    repro[2 * n] = "Run both sides again and write this page:";
    repro[2 * n + 1] = cmds[n];
    n++;
  }
  if (traces_stay) {
    cmds[n][0] = 0;
    const char *w[] = {self, "--linux-trace", lt, "--libos-trace", rt};
    for (size_t i = 0; i < 5; i++)
      kdiff_shell_word(cmds[n], sizeof cmds[n], w[i]);
    for (size_t i = 0; i < 4 && opts[i]; i += 2) {
      kdiff_shell_word(cmds[n], sizeof cmds[n], opts[i]);
      kdiff_shell_word(cmds[n], sizeof cmds[n], opts[i + 1]);
    }
    repro[2 * n] = "Compare these recorded traces again (nothing is run):";
    repro[2 * n + 1] = cmds[n];
    n++;
  }
  if (ro->test) {
    cmds[n][0] = 0;
    const char *w[] = {self, ro->test, "--arch", ro->arch, "--gdb"};
    for (size_t i = 0; i < 5; i++)
      kdiff_shell_word(cmds[n], sizeof cmds[n], w[i]);
    repro[2 * n] =
        "Debug the library OS on this test (boots halted, gdb attached; "
        "docs/debugging.md):";
    repro[2 * n + 1] = cmds[n];
    n++;
  }
}

int main(int argc, char **argv) {
  struct kdiff_run_opts ro = {
      .arch = "x86_64", .timeout_s = 60, .accel = "auto"};
  struct report_opts rep = {.context = 3};
  const char *filter = NULL, *json = NULL, *html = NULL, *color = "auto";
  int gdb = 0; /* 1: --gdb, 2: --gdb-server */
  bool quiet = false; /* --quiet: no progress line */
  /* Everything after a "--" is the program's, or gdb's with --gdb. */
  char **tail = NULL;
  int ntail = 0;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--") == 0) {
      tail = argv + i + 1;
      ntail = argc - i - 1;
      argc = i;
      break;
    }
  char **envs = calloc((size_t)argc + 1, sizeof *envs);
  if (!envs)
    abort();
  const char *linux_trace = NULL, *libos_trace = NULL, *check = NULL;
  static const struct option opts[] = {
      {"arch", required_argument, 0, 'a'},
      {"filter", required_argument, 0, 'f'},
      {"context", required_argument, 0, 'C'},
      {"all", no_argument, 0, 'A'},
      {"json", required_argument, 0, 'j'},
      {"linux-trace", required_argument, 0, 'L'},
      {"reference-trace", required_argument, 0, 'L'},
      {"libos-trace", required_argument, 0, 'R'},
      {"candidate-trace", required_argument, 0, 'R'},
      {"check-trace", required_argument, 0, 'X'},
      {"timeout", required_argument, 0, 't'},
      {"accel", required_argument, 0, 'k'},
      {"color", required_argument, 0, 'c'},
      {"colour", required_argument, 0, 'c'},
      {"html", required_argument, 0, 'H'},
      {"gdb", no_argument, 0, 'g'},
      {"gdb-server", no_argument, 0, 'G'},
      {"help", no_argument, 0, 'h'},
      {"version", no_argument, 0, 'V'},
      {"no-sandbox", no_argument, 0, 'S'},
      {"strict", no_argument, 0, 's'},
      {"memory", required_argument, 0, 'm'},
      {"reference", required_argument, 0, 'r'},
      {"env", required_argument, 0, 'e'},
      {"stdin", required_argument, 0, 'i'},
      {"quiet", no_argument, 0, 'q'},
      {0, 0, 0, 0}};
  int c;
  char *end;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (c) {
    case 'a':
      ro.arch = optarg;
      break;
    case 'f':
      filter = optarg;
      break;
    case 'C': {
      long v = strtol(optarg, &end, 10);
      if (end == optarg || *end || v < 0 || v > 1000000)
        return trouble("--context wants a number of rows (0..1000000)");
      rep.context = (size_t)v;
      break;
    }
    case 'A':
      rep.all = true;
      break;
    case 's':
      rules_strict = true; /* before any trace is read (rules.h) */
      break;
    case 'j':
      json = optarg;
      break;
    case 'H':
      html = optarg;
      break;
    case 'g':
      gdb = 1;
      break;
    case 'G':
      gdb = 2;
      break;
    case 'L':
      linux_trace = optarg;
      break;
    case 'R':
      libos_trace = optarg;
      break;
    case 'X':
      check = optarg;
      break;
    case 't':
      ro.timeout_s = strtod(optarg, &end);
      if (end == optarg || *end || !(ro.timeout_s > 0))
        return trouble("--timeout wants a positive number of seconds");
      break;
    case 'k':
      if (strcmp(optarg, "auto") && strcmp(optarg, "kvm") &&
          strcmp(optarg, "tcg"))
        return trouble("--accel: auto, kvm or tcg");
      ro.accel = optarg;
      break;
    case 'c':
      if (strcmp(optarg, "auto") && strcmp(optarg, "always") &&
          strcmp(optarg, "never"))
        return trouble("--color: auto, always or never");
      color = optarg;
      break;
    case 'S':
      ro.host_tmp = true;
      break;
    case 'r':
      if (strcmp(optarg, "native") && strcmp(optarg, "vm"))
        return trouble("--reference: native or vm");
      ro.reference_vm = !strcmp(optarg, "vm");
      break;
    case 'q':
      quiet = true;
      break;
    case 'm':
      if (!kdiff_memory_ok(optarg))
        return trouble("--memory wants a size: digits then M or G (512M, 2G)");
      ro.memory = optarg;
      break;
    case 'e':
      /* NAME=VALUE, NAME non-empty and without '=', as execve's callers
       * write it; the image's kernel takes the same words. */
      if (!strchr(optarg, '=') || optarg[0] == '=')
        return trouble("--env wants NAME=VALUE");
      envs[ro.nenv++] = optarg;
      break;
    case 'i': {
      struct stat st;
      if (stat(optarg, &st) != 0 || !S_ISREG(st.st_mode) ||
          access(optarg, R_OK) != 0) {
        fprintf(stderr, "kdiff: --stdin %s: %s\n", optarg,
                stat(optarg, &st) != 0 ? strerror(errno)
                : !S_ISREG(st.st_mode) ? "not a regular file"
                                       : strerror(EACCES));
        return 2;
      }
      ro.stdin_file = optarg;
      break;
    }
    case 'h':
      usage(stdout);
      return 0;
    case 'V':
      printf("kdiff %s (trace schema v1)\n", KDIFF_VERSION);
      return 0;
    default:
      usage(stderr);
      return 2;
    }
  }
  enum kd_arch arch;
  if (kd_arch_parse(ro.arch, &arch))
    return trouble("--arch: x86_64 or arm64");
  rep.arch = arch == ARCH_ARM64 ? "arm64" : "x86_64";
  ro.arch = rep.arch;
  rep.color = strcmp(color, "always") == 0 ||
              (strcmp(color, "auto") == 0 && isatty(1) && !getenv("NO_COLOR"));
  if (optind < argc - 1)
    return trouble("one test at a time (see --help)");
  if (check) {
    if (optind < argc || linux_trace || libos_trace || gdb)
      return trouble("--check-trace reads one file and runs nothing");
    struct kd_error ce;
    char sum[128];
    if (trace_check(check, arch, &ce, sum, sizeof sum)) {
      fprintf(stderr, "kdiff: %s\n", ce.msg);
      return 2;
    }
    printf("%s: valid (%s)\n", check, sum);
    return 0;
  }
  ro.test = optind < argc ? argv[optind] : NULL;
  ro.env = envs;
  char **gdb_args = NULL;
  int ngdb_args = 0;
  if (tail && gdb) {
    gdb_args = tail;
    ngdb_args = ntail;
  } else if (tail) {
    if (!ro.test)
      return trouble("arguments after -- are the program's: kdiff PROGRAM -- "
                     "ARGS (or --gdb -- GDB-ARGS)");
    ro.args = tail;
    ro.nargs = ntail;
  }
  if ((ro.nargs || ro.nenv || ro.stdin_file) && !ro.test)
    return trouble("--env, --stdin and -- ARGS are for a run: kdiff PROGRAM "
                   "[-- ARGS], not for recorded traces");
  if ((ro.nargs || ro.nenv || ro.stdin_file) && ro.reference_vm)
    return trouble("--reference vm runs a contract test as the suite does: "
                   "no --env, --stdin or -- ARGS");
  if (gdb) {
    if (!ro.test || linux_trace || libos_trace)
      return trouble(
          "--gdb boots one test: kdiff TEST --gdb [--arch A] [-- GDB-ARGS]");
    char err[1024] = "";
    struct kdiff_gdb_opts go = {.run = &ro,
                                .serve_only = gdb == 2,
                                .gdb_args = gdb_args,
                                .ngdb_args = ngdb_args};
    int grc = kdiff_gdb(&go, err, sizeof err);
    if (err[0])
      return trouble(err);
    return grc;
  }
  if (!ro.test && (!linux_trace || !libos_trace)) {
    usage(stderr);
    return 2;
  }

  if (linux_trace && libos_trace && strcmp(linux_trace, "-") == 0 &&
      strcmp(libos_trace, "-") == 0)
    return trouble(
        "--reference-trace - and --candidate-trace -: stdin holds one trace");
  size_t nfilter = 0;
  uint32_t *fl = NULL;
  if (filter && !(fl = parse_filter(filter, &nfilter)))
    return 2;

  /* Run whatever side has no recorded trace. */
  struct kdiff_run_out run = {0};
  ro.need_linux = !linux_trace;
  ro.need_libos = !libos_trace;
  if (ro.need_linux || ro.need_libos) {
    char err[1024];
    if (kdiff_run_test(&ro, &run, err, sizeof err))
      return trouble_in(run.kept_dir, err);
    if (ro.need_linux)
      linux_trace = run.linux_trace;
    if (ro.need_libos)
      libos_trace = run.libos_trace;
  }

  struct kd_error e;
  struct trace L, R;
  phase(NULL);
  /* A line that updates while the traces are read and aligned, on a
   * terminal only (progress.h); erased before the report. */
  progress_start(stderr, !quiet && isatty(2), progress_default_after());
  uint64_t lb = progress_file_bytes(linux_trace), rb = progress_file_bytes(libos_trace);
  progress_phase("reading and normalising traces", "MB", lb && rb ? lb + rb : 0);
  trace_init(&L, linux_trace);
  trace_init(&R, libos_trace);
  /* Each side is read as what it is, whichever option named it. The
   * strace side(s) get the strace side's normalisation (start marker,
   * ignored signals, ends from +++ lines); only the reference side is
   * renamed for arm64, since it is the one recorded on the x86-64 host. */
  enum trace_format lf, rf;
  if (trace_format_detect(linux_trace, TF_STRACE, &lf, &e))
    return trouble_in(run.kept_dir, e.msg);
  if (trace_format_detect(libos_trace, TF_JSONL, &rf, &e))
    return trouble_in(run.kept_dir, e.msg);
  struct side_job lj = {.t = &L,
                        .fmt = lf,
                        .arch = arch,
                        .no = {.linux_side = lf == TF_STRACE,
                               .map_to_arm64 = arch == ARCH_ARM64 && lf == TF_STRACE,
                               .filter = fl,
                               .nfilter = nfilter}};
  struct side_job rj = {.t = &R,
                        .fmt = rf,
                        .arch = arch,
                        .no = {.linux_side = rf == TF_STRACE,
                               .filter = fl,
                               .nfilter = nfilter}};
  sc_nargs(0); /* build the shared tables before the threads use them */
  pthread_t th;
  bool threaded = pthread_create(&th, NULL, side_work, &rj) == 0;
  side_work(&lj);
  if (threaded)
    pthread_join(th, NULL);
  else
    side_work(&rj);
  if (lj.rc)
    return trouble_in(run.kept_dir, lj.e.msg);
  if (rj.rc)
    return trouble_in(run.kept_dir, rj.e.msg);
  if (L.skipped_lines)
    fprintf(stderr, "kdiff: %s: %zu line(s) not %s records (console text) skipped\n",
            L.path, L.skipped_lines, record_kind(lf));
  if (R.skipped_lines && !ro.need_libos)
    fprintf(stderr, "kdiff: %s: %zu line(s) not %s records (console text) skipped\n",
            R.path, R.skipped_lines, record_kind(rf));
  phase("read+norm");
  if (R.signals_untraced || L.signals_untraced) {
    /* Comparing one side's signals with none would report every one. */
    const struct trace *u = R.signals_untraced ? &R : &L;
    fprintf(stderr, "kdiff: %s: %s: signals are %s\n", u->path,
            strcmp(u->format, "kevlar") == 0 ? "Kevlar's trace has no signal records"
                                             : "booted without debug=signal",
            rules_strict ? "compared anyway (--strict)" : "not compared");
    norm_drop_signals(&L);
    norm_drop_signals(&R);
  }

  struct alignment al;
  if (align_traces(&L, &R, &al))
    return trouble_in(run.kept_dir, "out of memory while aligning");
  progress_stop();
  phase("align");
  /* The traces may agree while the outputs do not: a "no divergence" must
   * hold for what the program printed and how it ended too. */
  struct kdiff_outputs outs;
  kdiff_outputs_read(&run, &outs);
  struct report_runs runs = {.same_output = outs.same_output,
                             .same_status = outs.same_status,
                             .linux_status = outs.linux_status,
                             .libos_status = outs.libos_status};
  rep.runs = outs.known ? &runs : NULL;
  if (!json || strcmp(json, "-") != 0) {
    report_text(stdout, &L, &R, &al, &rep);
    kdiff_outputs_report(stdout, &run, &outs, 60);
  }
  if (json && report_json(json, &L, &R, &al, &rep, &e))
    return trouble_in(run.kept_dir, e.msg);
  int rc = al.first == (size_t)-1 ? 0 : 1;
  if (outs.known && (!outs.same_output || !outs.same_status))
    rc = 1;
  /* Traces of runs that agree are not worth keeping; the others are. */
  bool keep = run.kept_dir[0] && (rc != 0 || getenv("KDIFF_KEEP"));
  if (html) {
    struct html_facts hf = {.test = ro.test, .version = KDIFF_VERSION};
    char cmds[3][8192];
    const char *repro[7] = {0};
    repro_commands(argv[0], &ro, filter, html, linux_trace, libos_trace,
                   !run.kept_dir[0] || keep, cmds, repro);
    hf.repro = repro;
    hf.linux_stdout = run.linux_stdout[0]
                          ? run.linux_stdout
                          : beside(linux_trace, "linux.strace", "linux.stdout");
    hf.libos_console = run.libos_console[0] ? run.libos_console
                                            : beside(libos_trace, "libos.jsonl",
                                                     "libos.console");
    if (report_html(html, &L, &R, &al, &rep, &hf, &e))
      return trouble_in(run.kept_dir, e.msg);
  }
  phase("report");
  if (run.kept_dir[0] && !keep)
    kdiff_remove_dir(run.kept_dir);
  else if (run.kept_dir[0])
    fprintf(stderr, "kdiff: traces kept in %s\n", run.kept_dir);
  fflush(stdout);
  /* The process ends here: the traces' memory goes with it. */
  return rc;
}
