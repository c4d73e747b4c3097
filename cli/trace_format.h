/* Which reader a trace file needs, decided from its first lines, and the
 * one call that reads a trace of any format into events (trace.h). The
 * formats (docs/trace.md, docs/kdiff.md):
 *   strace   strace 6.x text (strace_parse.h), with any of its variants
 *   jsonl    the JSONL interchange format, schema v1 (jsonl_read.h)
 *   kevlar   Kevlar's console, DBG {"type":...} lines (kevlar_read.h)
 * Detection reads at most the first TF_SNIFF_LINES lines: console text
 * (banners, logs) before the first record is passed over; the first line
 * that is a record of one format decides. A file where none is found is
 * an error naming its first line and what was expected there. */
#ifndef KDIFF_TRACE_FORMAT_H
#define KDIFF_TRACE_FORMAT_H

#include <stddef.h>

#include "syscall_names.h"
#include "trace.h"

enum trace_format { TF_UNKNOWN, TF_STRACE, TF_JSONL, TF_KEVLAR };

#define TF_SNIFF_LINES 4096

/* "strace", "jsonl", "kevlar" ("unknown" for TF_UNKNOWN): the names of
 * --json's *_format keys. */
const char *trace_format_name(enum trace_format f);

/* The format of data[0..len); TF_UNKNOWN with *line set to its first
 * non-blank line (0: nothing but blanks) when there is none. */
enum trace_format trace_format_sniff(const char *data, size_t len,
                                     size_t *line);

/* The format of the file at path. "-" (stdin) is first copied to an
 * unlinked temporary file that becomes fd 0, so the reader after this
 * reads it from the start. A path that does not exist is strace's (its
 * reader gathers `strace -ff -o STEM` files STEM.PID, and names a missing
 * file). When nothing in it is recognised: with a fallback other than
 * TF_UNKNOWN (the side's usual format), *f is the fallback, whose reader
 * then names the line it cannot read and what it expected there (a long
 * binary line, an empty file); with TF_UNKNOWN that is an error here.
 * Returns 0, or -1 with e: "path: strerror", "path: empty file",
 * "path:line: not a trace kdiff reads: expected ...". */
int trace_format_detect(const char *path, enum trace_format fallback,
                        enum trace_format *f, struct kd_error *e);

/* Reads t->path as format f (trace_format_detect's answer) into t, and
 * notes the format in t->format. arch names calls given only by number.
 * Returns 0, or -1 with e from the reader. */
int trace_read(enum trace_format f, enum kd_arch arch, struct trace *t,
               struct kd_error *e);

#endif
