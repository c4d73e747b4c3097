/* Reader for strace 6.x text as `strace -f -n -o FILE` (or stderr with
 * `[pid N]` prefixes) prints it. Produces raw events (see trace.h): calls
 * with their arguments split at the top level (numbers parsed, anything
 * symbolic kept as VAL_UNKNOWN), return value, errno name; signals with
 * si_code; exits. `<unfinished ...>` / `<... NAME resumed>` halves are
 * joined per pid into one event placed where the call started;
 * `restart_syscall(<... resuming interrupted X ...>)` becomes an event named
 * X with EVF_RESTARTED. Nothing is normalised or dropped here. */
#ifndef KDIFF_STRACE_PARSE_H
#define KDIFF_STRACE_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "trace.h"

/* Parses data[0..len) (need not be NUL-terminated; it is copied into t->buf)
 * into t, which trace_init prepared. Returns 0, or -1 with e holding
 * "path:line: what" for garbage, binary, truncated or inconsistent input. */
int strace_parse_mem(const char *data, size_t len, struct trace *t, struct kd_error *e);

/* Reads the file t->path and parses it as strace_parse_mem does. */
int strace_parse_file(struct trace *t, struct kd_error *e);

/* Parses a strace-printed integer: decimal (optionally negative), 0x hex,
 * octal with a leading 0 (modes: "0644") or NULL, the whole of s[0..n). Returns 1 and sets *v, or 0. */
int strace_number(const char *s, size_t n, int64_t *v);

/* Decodes a string as strace prints it, the whole of s[0..n): "..." with
 * the escapes \\ \" \f \n \r \t \v, \ooo (1-3 octal digits) and \xHH
 * (-x, -xx), optionally followed by "..." when strace cut it short (-s, or
 * PATH_MAX for paths): then *cut is set. out MUST have room for n bytes.
 * Returns the decoded length, or -1 when s is not exactly one such
 * string. */
long strace_string(const char *s, size_t n, char *out, bool *cut);

#endif
