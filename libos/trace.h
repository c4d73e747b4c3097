/*
 * The trace channel: one JSON object a line, schema v1 (docs/trace.md).
 * Every record carries "ev" and, except boot and panic, a "seq" number that
 * grows by one per record. Filters (debug=) decide which kinds are written;
 * boot, exit, panic, log and unimplemented records are always written.
 */
#ifndef LIBOS_TRACE_H
#define LIBOS_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include <libos/cmdline.h>

/* Set the active TRACE_* filter bits. */
void trace_set_filter(unsigned bits);

/* True when records of kind `bit` (a TRACE_* bit) are written. */
bool trace_enabled(unsigned bit);

/* {"ev":"boot","v":1,"arch":..,"cmdline":..,"boot_ns":..,"mem_kib":..} */
void trace_boot(const char *arch, const char *cmdline, uint64_t boot_ns,
                uint64_t mem_kib);

/* The strings a call's `str` arguments point to, as the kernel read them
 * (at most TRACE_STR_MAX bytes each). Arguments whose string could not be
 * read are not listed. */
#define TRACE_STR_MAX 4096
#define TRACE_STR_ARGS 4 /* no call has more string arguments (mount: 3) */
struct trace_strs {
  unsigned n;
  unsigned idx[TRACE_STR_ARGS]; /* argument index (0-5) */
  const char *s[TRACE_STR_ARGS];
  size_t len[TRACE_STR_ARGS];
  bool cut[TRACE_STR_ARGS]; /* no NUL within TRACE_STR_MAX bytes: a prefix */
};

/* A syscall's entry: number, strace name, the six raw arguments and, when
 * strs is not NULL and lists any, their strings ("str", "str_cut"). */
void trace_syscall_entry(int pid, int tid, long nr, const char *name,
                         const uint64_t args[6], const struct trace_strs *strs);

/* A syscall's exit: `ret` as the program sees it; `err` is the errno name
 * when ret is an error, else NULL. */
void trace_syscall_exit(int pid, int tid, long nr, const char *name,
                        int64_t ret, const char *err);

/* A signal delivered (`action`: "handler", "ignore", "terminate", "core",
 * "stop"); `code` is the si_code name, or NULL when it has none: then
 * `code_num` is written, as its decimal number in a string ("-42"); `addr`
 * written when has_addr. */
void trace_signal(int pid, int tid, const char *sig, const char *code,
                  int code_num, bool has_addr, uint64_t addr, const char *action);

/* A user fault seen by the kernel (debug=fault). */
void trace_fault(int pid, int tid, uint64_t addr, uint64_t ip,
                 const char *access, const char *result);

/* A process event (debug=process): "kind" is e.g. "exec", "fork". */
void trace_process(int pid, const char *kind, int other);

/* Process `pid` ended: written once per process when its last thread is
 * gone and its wait status is final (it becomes a zombie; the status is the
 * one wait4 reaps), always, whatever the filter. pid 1's is the test's (the
 * machine powers off next). `signame` NULL means a normal exit with
 * `status`; otherwise killed by that signal (`core`: with a core dump). */
void trace_exit(int pid, int status, const char *signame, bool core);

/* A syscall number with no implementation (always written). */
void trace_unimplemented(int pid, int tid, long nr, const char *name);

/* A kernel log line: {"ev":"log","msg":...} (always written). */
void trace_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* {"ev":"panic","msg":..,"ip":..,"regs":..}; regs may be NULL. */
void trace_panic(const char *msg, uint64_t ip, const char *regs);

#endif
