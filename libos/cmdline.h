/* The kernel command line (-append): debug= filters and the test's argv. */
#ifndef LIBOS_CMDLINE_H
#define LIBOS_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/* Trace filter bits for debug=. */
#define TRACE_SYSCALL 0x1u
#define TRACE_SIGNAL 0x2u
#define TRACE_FAULT 0x4u
#define TRACE_PROCESS 0x8u
#define TRACE_ALL (TRACE_SYSCALL | TRACE_SIGNAL | TRACE_FAULT | TRACE_PROCESS)

#define CMDLINE_MAX_ARGS 64 /* argv words after "--" */
#define CMDLINE_MAX_ENV 64  /* env=NAME=VALUE words */
#define CMDLINE_MAX_REPORTS 16

struct cmdline {
  bool debug_given; /* a debug= word was present (the last one wins) */
  unsigned debug;   /* TRACE_* bits from debug= */
  int argc;         /* words after "--"; argv[argc] == NULL */
  char *argv[CMDLINE_MAX_ARGS + 1];
  int envc; /* env= words, in order; envp[envc] == NULL */
  char *envp[CMDLINE_MAX_ENV + 1];
  const char *exe; /* exe=PATH: the program's absolute path; NULL if none */
  /* Things to report in the log, never silently dropped, each a complete
   * message with its own prefix: "debug: unknown word 'x'", "cmdline:
   * ignored parameter 'x'", "cmdline: too many arguments, N ignored (max
   * 64)", "cmdline: unterminated quote (taken to the end)". Without room in
   * report_space the quoted word is left out. */
  unsigned nreports;
  char *reports[CMDLINE_MAX_REPORTS]; /* each points into the parse buffer
                                         or a static string */
  bool reports_truncated;
};

/*
 * Parse `buf` (NUL-terminated, modified in place: words are split with NULs)
 * into `out`. Words are separated by spaces/tabs; double quotes group a
 * word with spaces ("a b"), a backslash escapes the next character inside
 * quotes; a quoted "--" is an ordinary word. Before "--": debug=<comma
 * list of syscall,signal,fault,process,all,none> (none clears what came
 * before it; unknown words reported, known ones still apply);
 * env=NAME=VALUE adds "NAME=VALUE" to the program's environment (a value
 * without '=' after the name, or more than 64, is reported and left out);
 * exe=PATH names the program as the host that ran it elsewhere knows it
 * (/proc/self/exe; an absolute path, else reported and left out, the last
 * one wins);
 * anything else is reported as ignored. After "--": argv words, taken literally
 * (a second
 * "--" too). `buf` may be NULL (nothing given). Never fails: malformed input
 * (unterminated quote, too many words) is reported and parsed as far as it
 * makes sense. `report_space`/`report_len` is scratch memory for report
 * strings that do not exist in `buf`.
 */
void cmdline_parse(char *buf, struct cmdline *out, char *report_space,
                   size_t report_len);

/* Parse one debug= value (a comma list of `len` bytes, any bytes) into
 * TRACE_* bits (*bits is always set; known words count even when others are
 * unknown; empty items are ignored). Returns false if any word was unknown;
 * *bad receives the first unknown word's start and *bad_len its length
 * (both untouched when all known). */
bool cmdline_parse_debug(const char *value, size_t len, unsigned *bits,
                         const char **bad, size_t *bad_len);

#endif
