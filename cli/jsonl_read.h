/* Reader for the library OS trace, JSONL schema v1 (DESIGN.md "The trace"):
 * one JSON object a line, optionally prefixed "DBG ", possibly mixed with
 * other console lines (skipped and counted in t->skipped_lines). A line that
 * starts with '{' must be a valid JSON object or the read fails with its
 * line number.
 *
 * Records: boot (v must be 1), syscall_entry + syscall_exit (joined per tid
 * into one EV_SYSCALL event at the entry's place; errno names kept; an
 * ERESTART* errno reads as strace's "= ?"), signal, exit, panic (EV_CRASH),
 * unimplemented (counted, first name kept). Unknown "ev" values are ignored:
 * the schema may add records without bumping v.
 *
 * Lines are parsed by a strict scanner for the flat object shape the kernel
 * writes (strings without escapes, integers, arrays of those); any line it
 * does not fully understand goes to jansson, which is the judge of validity.
 * The scanner only ever accepts valid JSON, so results match jansson's. */
#ifndef KDIFF_JSONL_READ_H
#define KDIFF_JSONL_READ_H

#include <stddef.h>

#include "syscall_names.h"
#include "trace.h"

/* Parses data[0..len) into t (copied; display text is formatted later).
 * `arch` names syscalls that a record gives only by number, unless a boot
 * record says otherwise. Returns 0, or -1 with e = "path:line: what". */
int jsonl_read_mem(const char *data, size_t len, enum kd_arch arch, struct trace *t,
                   struct kd_error *e);

/* Reads the file t->path and parses it as jsonl_read_mem does. */
int jsonl_read_file(enum kd_arch arch, struct trace *t, struct kd_error *e);

/* Test hook: 1 if the fast scanner accepts line[0..n) by itself, 0 if it
 * would hand it to jansson. */
int jsonl_fast_accepts(const char *line, size_t n);

#endif
