/* The two trace records the harness needs from the image's trace channel
 * (JSONL schema v1, DESIGN.md "The trace"): the exit record, which is the
 * guest's authoritative exit status, and a panic record. */
#ifndef KDIFF_HARNESS_EXIT_RECORD_H
#define KDIFF_HARNESS_EXIT_RECORD_H

#include <stddef.h>

#include "verdict.h"

typedef struct trace_facts {
  exit_status status; /* from the last {"ev":"exit",...}; ST_NONE if none */
  int panicked;       /* a {"ev":"panic",...} record was seen */
  char panic[1024];   /* that record's line, as written */
  size_t records;     /* JSON records read (kernel log lines are not) */
} trace_facts;

/* Scan the trace channel's bytes. Lines that are not JSON objects (the
 * kernel log shares the channel) and a final unterminated line (QEMU killed
 * mid-write) are skipped. The kernel writes one exit record, when the last
 * process exits; should there be several, the last one counts. */
void exit_record_scan(const char *trace, size_t len, trace_facts *out);

#endif
