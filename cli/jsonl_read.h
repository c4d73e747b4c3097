/* The library OS trace as kdiff's raw events (trace.h). Lines and records
 * come from the trace channel's reader (jsonl.h): console text is skipped
 * and counted in t->skipped_lines; a line that starts with '{' and is not
 * one JSON object fails the read with its line number.
 *
 * Records: boot (v must be 1), syscall_entry + syscall_exit (joined per tid
 * into one EV_SYSCALL event at the entry's place; errno names kept; an
 * ERESTART* errno reads as strace's "= ?"), signal, exit, panic (EV_CRASH),
 * unimplemented (counted, first name kept). Unknown "ev" values are ignored:
 * the schema may add records without bumping v. */
#ifndef KDIFF_JSONL_READ_H
#define KDIFF_JSONL_READ_H

#include <stddef.h>

#include "syscall_names.h"
#include "trace.h"

/* Parses data[0..len) into t (not copied: display text is formatted later).
 * `arch` names syscalls that a record gives only by number, unless a boot
 * record says otherwise. Returns 0, or -1 with e = "path:line: what". */
int jsonl_read_mem(const char *data, size_t len, enum kd_arch arch,
                   struct trace *t, struct kd_error *e);

/* Reads the file t->path ("-": stdin) as jsonl_read_mem reads a buffer,
 * streamed; an unopenable or unreadable file, a line longer than
 * JSONL_MAX_LINE, or a file without a boot record (the kernel's first) is
 * an error naming it. */
int jsonl_read_file(enum kd_arch arch, struct trace *t, struct kd_error *e);

#endif
