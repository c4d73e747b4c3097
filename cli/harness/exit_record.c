/* exit_record_scan(): pick the exit and panic records out of the trace. */
#include "exit_record.h"

#include <stdio.h>
#include <string.h>

#include "jsonl.h"

/* As kdiff reads it (jsonl_read.c): a killing signal, else a status. */
static void take_exit(const struct jsonl_rec *rec, trace_facts *out) {
  if (rec->signal.s) {
    out->status.kind = ST_SIGNAL;
    snprintf(out->status.sig, sizeof out->status.sig, "%.*s",
             (int)rec->signal.n, rec->signal.s);
  } else if (rec->status.ok) {
    out->status.kind = ST_EXIT;
    out->status.code = (int)rec->status.v;
  }
}

void exit_record_scan(const char *trace, size_t len, trace_facts *out) {
  memset(out, 0, sizeof *out);
  struct jsonl_reader rd;
  struct jsonl_rec rec;
  enum jsonl_kind kind;
  jsonl_open_mem(&rd, trace, len);
  while ((kind = jsonl_next(&rd, &rec)) != JSONL_END) {
    if (kind != JSONL_RECORD || rd.partial)
      continue;
    out->records++;
    /* Every process has an exit record; the test's is pid 1's. */
    if (jsonl_str_is(rec.ev, "exit") && (!rec.pid.ok || rec.pid.v == 1)) {
      take_exit(&rec, out);
    } else if (jsonl_str_is(rec.ev, "panic") && !out->panicked) {
      out->panicked = 1;
      snprintf(out->panic, sizeof out->panic, "%.*s", (int)rd.len, rd.text);
    }
  }
  jsonl_close(&rd);
}
