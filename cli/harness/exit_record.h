/* The two trace records the harness needs from the image's trace channel
 * (JSONL schema v1, docs/trace.md), read with the channel's one reader
 * (cli/jsonl.h): the exit record, which is the guest's authoritative exit
 * status, and a panic record. */
#ifndef KDIFF_HARNESS_EXIT_RECORD_H
#define KDIFF_HARNESS_EXIT_RECORD_H

#include <stddef.h>

#include "verdict.h"

typedef struct trace_facts {
  exit_status status; /* from pid 1's {"ev":"exit",...}; ST_NONE if none */
  int panicked;       /* a {"ev":"panic",...} record was seen */
  char panic[1024];   /* the first such record's line, as written */
  size_t records;     /* JSON records read (kernel log lines are not) */
} trace_facts;

/* Scans the trace channel's bytes. Console text, malformed lines and a
 * final unterminated line (QEMU killed mid-write) are skipped, never an
 * error. The kernel writes an exit record for every process; the test's
 * status is pid 1's (a record without a pid counts as pid 1's); should
 * there be several, the last one counts. */
void exit_record_scan(const char *trace, size_t len, trace_facts *out);

#endif
