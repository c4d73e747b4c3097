/* kdiff --check-trace FILE: is this a trace kdiff reads, and if not, which
 * line is the first bad one? For a kernel's authors emitting the JSONL
 * interchange format (docs/trace.md, docs/trace.schema.json), and for
 * anyone handing kdiff a file. */
#ifndef KDIFF_TRACE_CHECK_H
#define KDIFF_TRACE_CHECK_H

#include "syscall_names.h"
#include "trace.h"

/* Checks the file at path ("-": stdin): its format must be recognised
 * (trace_format.h) and its reader must accept every line. A JSONL trace
 * is also held to docs/trace.schema.json line by line: every record has a
 * string "ev"; a boot record with "v":1 comes before any other record;
 * each known record carries the fields the schema REQUIRES, of the type
 * it gives (syscall_entry: pid, nr or name; syscall_exit: pid, nr or name,
 * ret; signal: pid, sig, code; exit: pid, status or signal; panic: msg;
 * unimplemented: pid, nr). Returns 0, or -1 with e = "path:line: what". On
 * success *summary (if given) is "FORMAT, N events". */
int trace_check(const char *path, enum kd_arch arch, struct kd_error *e,
                char *summary, size_t n);

#endif
