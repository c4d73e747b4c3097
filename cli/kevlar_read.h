/* Kevlar's console trace as kdiff's raw events (trace.h), the same events
 * the JSONL reader (jsonl_read.h) makes of the library OS's trace.
 *
 * Input: Kevlar's serial console, as it is. A record is a line
 *   DBG {"type":"syscall_entry","pid":1,"name":"brk","nr":12,"args":[0,...]}
 *   DBG
 * {"type":"syscall_exit","pid":1,"name":"brk","nr":12,"result":N[,"errno":E]}
 * (an optional '\r' at the end and ANSI colour codes before "DBG " are not
 * part of it). Every other line (the boot banner, the kernel's log, the
 * program's output, "DBG " text that is not an object) is console text,
 * counted in t->skipped_lines. Records of another "type" are counted there
 * too: a newer Kevlar may add them.
 *
 * Fields: "pid" (MUST), "name" or "nr" (one MUST; nr is named for the
 * arch), "args" (integers, decimal; values above INT64_MAX read as the
 * u64 they are, -1 and 18446744073709551615 alike), "result" (MUST on
 * exits), "errno" (a name, "ENOENT", or a number, 2 or -2). A result in
 * -4095..-1 without "errno" is a failure with that errno, as the syscall
 * ABI defines it; ERESTART* results read as strace's "= ?".
 *
 * What the format lacks, kdiff says rather than guesses: there are no
 * signal records (t->signals_untraced is set, so kdiff leaves signals out
 * with a notice) and no process-end records (a process's end is its
 * exit_group's or exit's status; a trace that ends otherwise ends in a
 * crash row).
 *
 * Errors ("path:line: what"): a "DBG {" line that is not one flat JSON
 * object, a record without its MUST fields, an exit that matches no entry
 * of its pid by name, a file without any record. */
#ifndef KDIFF_KEVLAR_READ_H
#define KDIFF_KEVLAR_READ_H

#include <stddef.h>

#include "syscall_names.h"
#include "trace.h"

/* Parses data[0..len) (not copied, need not be NUL-terminated) into t.
 * Returns 0, or -1 with e = "path:line: what". */
int kevlar_read_mem(const char *data, size_t len, enum kd_arch arch,
                    struct trace *t, struct kd_error *e);

/* Reads the file t->path as kevlar_read_mem reads a buffer. */
int kevlar_read_file(enum kd_arch arch, struct trace *t, struct kd_error *e);

/* The record text of a Kevlar line s[0..n): *off is set to where its '{'
 * starts and 1 returned when the line is "DBG {..." (after any colour
 * codes); 0 for console text. For format detection (trace_format.h). */
int kevlar_record_start(const char *s, size_t n, size_t *off);

#endif
