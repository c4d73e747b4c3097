/* exit_record_scan(): pick the exit and panic records out of the trace. */
#include "exit_record.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static void take_exit(json_t *rec, trace_facts *out) {
  json_t *status = json_object_get(rec, "status");
  json_t *sig = json_object_get(rec, "signal");
  if (json_is_integer(status)) {
    out->status.kind = ST_EXIT;
    out->status.code = (int)json_integer_value(status);
  } else if (json_is_string(sig)) {
    out->status.kind = ST_SIGNAL;
    snprintf(out->status.sig, sizeof out->status.sig, "%s", json_string_value(sig));
  }
}

void exit_record_scan(const char *trace, size_t len, trace_facts *out) {
  memset(out, 0, sizeof *out);
  size_t i = 0;
  while (i < len) {
    const char *nl = memchr(trace + i, '\n', len - i);
    if (!nl)
      break; /* unterminated: the writer was cut off */
    size_t n = (size_t)(nl - (trace + i));
    const char *line = trace + i;
    i += n + 1;
    if (n == 0 || line[0] != '{')
      continue;
    json_t *rec = json_loadb(line, n, 0, NULL);
    if (!rec)
      continue;
    if (json_is_object(rec)) {
      out->records++;
      const char *ev = json_string_value(json_object_get(rec, "ev"));
      if (ev && !strcmp(ev, "exit"))
        take_exit(rec, out);
      else if (ev && !strcmp(ev, "panic") && !out->panicked) {
        out->panicked = 1;
        snprintf(out->panic, sizeof out->panic, "%.*s", (int)n, line);
      }
    }
    json_decref(rec);
  }
}
