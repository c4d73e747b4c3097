/* kdiff_run: run a program natively (optionally under strace) or boot an
 * image in QEMU, with a time limit, capturing what it wrote.
 *
 * Used by the contract runner (kdiff-contract) and by kdiff. One error
 * policy for the whole library: a function returns 0 when it could do its
 * job and -1 with a message in the result's `error` field when it could not
 * (cannot fork, cannot open a file, bad template). How the program ended --
 * exit, signal, time limit -- is an outcome, not an error.
 *
 * Every child runs in a process group of its own, so a time limit kills the
 * program and everything it started (QEMU helpers, forked children, strace's
 * tracees) with one SIGKILL to the group. Nothing here sleeps to "let things
 * settle": waits are on the child's exit (pidfd) and on pipe EOF.
 *
 * Containment: the calling process is made a child subreaper
 * (PR_SET_CHILD_SUBREAPER) on the first run, so whatever a run starts and
 * orphans is reparented to it, never to init. When the run ends (after its
 * group was killed), every process so reparented is killed and reaped,
 * again until none is left; those that had left the run's process group
 * are counted in `escaped`. So nothing a run started outlives it, whatever
 * it did (setsid, double fork). A sweep takes every child of the calling
 * process, so runs must not overlap (no two threads running at once) and
 * the caller must have no children of its own alive when a run ends.
 *
 * Non-goals: stdin other than a file (children read /dev/null unless
 * run_native is given one), pseudo-terminals, resource
 * limits other than wall time. */
#ifndef KDIFF_RUN_H
#define KDIFF_RUN_H

#include <stddef.h>

/* Captured bytes. `data` is always NUL-terminated (the NUL is not counted
 * in `len`) so text can be printed directly; it may hold NULs of its own. */
typedef struct run_buf {
  char *data;
  size_t len;
} run_buf;

/* How a run ended. */
typedef enum run_end {
  RUN_EXITED,    /* code = exit status 0..255 */
  RUN_SIGNALED,  /* code = number of the signal that killed it */
  RUN_TIMED_OUT, /* the time limit passed; the whole group was killed */
  RUN_FAILED,    /* could not run at all: see error */
} run_end;

/* The outcome of one process run. Owns its buffers: run_result_free(). */
typedef struct run_result {
  run_end end;
  int code;        /* meaning depends on `end` (above) */
  double seconds;  /* wall time from start until the child was reaped */
  int escaped;     /* processes it started that had left its process group
                    * (setsid, setpgid) and were still running when it
                    * ended: killed by the runner (see "Containment") */
  run_buf out;     /* everything it wrote to stdout (a pipe) */
  run_buf err;     /* everything it wrote to stderr (a separate pipe) */
  char error[512]; /* RUN_FAILED or a -1 return: what went wrong */
} run_result;

/* Run argv (argv[0] is looked up in PATH like execvp) with stdin from
 * /dev/null and stdout and stderr on two pipes, each captured whole in
 * memory. timeout_s <= 0 means no limit. When the child exits, anything left
 * in its process group is killed and the pipes are drained to EOF, so the
 * captured output is complete. Returns 0 (r->end says how it ended, and is
 * RUN_FAILED with r->error set if the program could not be executed) or -1
 * (r->error says why; nothing was run). r must be freed in both cases. */
int run_process(const char *const *argv, double timeout_s, run_result *r);

/* run_process(), except that when the child exits the rest of its process
 * group gets up to grace_s seconds to finish on its own before it is killed
 * (a tracer that outlives its tracee must be allowed to write its last
 * lines). */
int run_process_grace(const char *const *argv, double timeout_s, double grace_s,
                      run_result *r);

/* run_process(), except that the run also counts as timed out (the group
 * killed, RUN_TIMED_OUT) when its stdout has been silent for idle_s seconds
 * (<= 0: never): for a VM that reports progress on stdout. */
int run_process_idle(const char *const *argv, double timeout_s, double idle_s,
                     run_result *r);

/* Options for run_native(). */
typedef struct run_native_opts {
  const char *const *argv;  /* the program and its arguments, NULL-ended */
  const char *strace_file;  /* non-NULL: run as `strace -f -n -o FILE -- argv`
                             * so FILE gets the syscall trace */
  const char *strace_path;  /* the strace program; NULL means "strace" */
  const char *stdout_file;  /* non-NULL: also write the captured stdout here */
  const char *stderr_file;  /* non-NULL: also write the captured stderr here */
  double timeout_s;         /* <= 0: no limit */
  int host_tmp;             /* nonzero: no sandbox: the caller's cwd, the
                             * host's /tmp (see run_sandbox_default()) */
  const char *sandbox_path; /* the kdiff-sandbox helper; NULL: the one built
                             * with this library */
  const char *stdin_file;   /* non-NULL: the program's stdin (else /dev/null) */
  char *const *envp;        /* non-NULL: the program's whole environment
                             * (strace and the helper get it too; neither
                             * needs anything of it) */
  const char *argv0;        /* non-NULL (sandboxed runs): the program's
                             * argv[0], instead of the path it runs from */
  int merge_stderr;         /* nonzero: stderr is the stdout pipe (one
                             * stream, in the order written; r->err empty) */
} run_native_opts;

/* Run a Linux program natively as run_process() does, optionally under
 * strace, and save its stdout/stderr to the given files. Unless host_tmp,
 * the program starts in a fresh private tmpfs on /tmp as its cwd
 * (sandbox.h): the command is `[strace -f -D -n -o FILE --] kdiff-sandbox
 * --kdiff-sandbox --report-fd N -- argv`, so strace, its output file and
 * the program are all found outside the new mount, and the trace starts
 * with the helper's own calls up to its exec of the program (kdiff skips
 * them). When the sandbox cannot be set up the program does not run: the
 * result is RUN_FAILED with r->error "cannot give the test a private /tmp:
 * why" (never a silent run against the host's /tmp). Under strace the
 * reported status is strace's, which mirrors the tracee's: its exit code,
 * or the same killing signal. Returns 0 or -1 as run_process(). */
int run_native(const run_native_opts *o, run_result *r);

/* Whether native runs get the sandbox when the caller is not told: 0 when
 * $KDIFF_NO_SANDBOX is set to anything but "" or "0", else 1. */
int run_sandbox_default(void);

/* QEMU accelerator. */
typedef enum run_accel { RUN_ACCEL_TCG, RUN_ACCEL_KVM } run_accel;

/* Parse "auto", "tcg" or "kvm" (auto means TCG: KVM is opt-in). Returns 0 and
 * sets *out, or -1 for any other word. */
int run_accel_parse(const char *word, run_accel *out);

/* The accelerator to use when nothing else is said: $KDIFF_ACCEL if set
 * (must parse, else -1), otherwise TCG. Returns 0 or -1. */
int run_accel_default(run_accel *out);

/* Options for run_qemu() and run_qemu_argv(). */
typedef struct run_qemu_opts {
  const char
      *template_file;  /* per-arch template, e.g. images/<arch>/qemu-args.txt */
  const char *image;   /* replaces @IMAGE@ */
  const char *cmdline; /* replaces @CMDLINE@ (the -append string) */
  const char *console_file; /* replaces @CONSOLE@: the program's output */
  const char *trace_file;   /* replaces @TRACE@: the JSONL trace channel */
  run_accel accel;
  double timeout_s;   /* <= 0: no limit */
  const char *memory; /* QEMU -m size ("1G"): replaces the template's
                       * -m argument (added if it has none); NULL:
                       * the template's */
  const char *initrd; /* replaces @INITRD@ (the reference VM's
                       * initramfs); NULL: "" */
} run_qemu_opts;

/* Build QEMU's argv from the template: one argument per line, '#' lines and
 * blank lines ignored, leading/trailing blanks trimmed; the first argument is
 * the program; "tcg: ARG" is kept (as ARG) only under TCG and "kvm: ARG" only
 * under KVM; @IMAGE@, @CMDLINE@, @CONSOLE@, @TRACE@ are replaced wherever
 * they occur in an argument (and @INITRD@); any other @WORD@ is an error.
 * "-accel tcg" or
 * "-accel kvm" is appended. On success returns 0 and a NULL-ended malloc'd
 * vector (free with run_argv_free); on error -1 with "file:line: why" in err.
 */
int run_qemu_argv(const run_qemu_opts *o, char ***argv_out, char *err,
                  size_t errlen);

/* Free a vector from run_qemu_argv(). NULL is fine. */
void run_argv_free(char **argv);

/* The outcome of one QEMU boot. Free with run_qemu_result_free(). */
typedef struct run_qemu_result {
  run_result qemu; /* QEMU itself: how it ended, its own stdout/stderr */
  run_buf console; /* the console file after QEMU ended (partial on timeout) */
  run_buf trace;   /* the trace file after QEMU ended (partial on timeout) */
} run_qemu_result;

/* Boot an image: truncate the console and trace files, build argv with
 * run_qemu_argv() and run it like run_process(); on the time limit QEMU's
 * whole process group is killed. Then read both files, complete or partial.
 * Interpreting the trace (exit record, panic) is the caller's business.
 * Returns 0, or -1 with r->qemu.error set (bad template, cannot run, cannot
 * read the files). r must be freed in both cases. */
int run_qemu(const run_qemu_opts *o, run_qemu_result *r);

/* Read a whole file into b (NUL-terminated). Returns 0, or -1 with errno
 * set (b is then empty). */
int run_read_file(const char *path, run_buf *b);

/* Write len bytes to path, replacing it. Returns 0, or -1 with errno set. */
int run_write_file(const char *path, const char *data, size_t len);

/* mkdir -p path (mode 0755). Returns 0, or -1 with errno set. */
int run_mkdirs(const char *path);

/* Free a buffer's memory and empty it. */
void run_buf_free(run_buf *b);

/* Free a run_result's buffers. */
void run_result_free(run_result *r);

/* Free a run_qemu_result's buffers. */
void run_qemu_result_free(run_qemu_result *r);

/* Describe how a run ended, e.g. "exit 3", "killed by SIGSEGV",
 * "timed out after 5.0 s", "failed: ...". Returns buf. */
const char *run_describe(const run_result *r, double timeout_s, char *buf,
                         size_t len);

/* The name of a Linux signal number as strace spells it: "SIGSEGV" for 11,
 * "SIGRTMIN" for 32, "SIGRT_n" for 32+n, "SIG<n>" for numbers it does not
 * know. Returns a string literal or a static (not thread-safe) buffer. */
const char *run_signal_name(int sig);

#endif
