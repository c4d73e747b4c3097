/* --check-trace (trace_check.h): the format's reader, then, for JSONL,
 * the schema's required fields record by record. */
#include "trace_check.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "jsonl.h"
#include "trace_format.h"

static bool has_name(const struct jsonl_rec *j) {
  return (j->name.s && j->name.n) || j->nr.ok;
}

/* The first field docs/trace.schema.json requires that j lacks, or NULL. */
static const char *missing(const struct jsonl_rec *j) {
  struct jsonl_str ev = j->ev;
  if (jsonl_str_is(ev, "boot"))
    return !j->v.ok     ? "\"v\" (integer 1)"
           : !j->arch.s ? "\"arch\" (string)"
                        : NULL;
  if (jsonl_str_is(ev, "syscall_entry"))
    return !j->pid.ok     ? "\"pid\" (integer)"
           : !has_name(j) ? "\"name\" or \"nr\""
                          : NULL;
  if (jsonl_str_is(ev, "syscall_exit"))
    return !j->pid.ok     ? "\"pid\" (integer)"
           : !has_name(j) ? "\"name\" or \"nr\""
           : !j->ret.ok   ? "\"ret\" (integer)"
                          : NULL;
  if (jsonl_str_is(ev, "signal"))
    return !j->pid.ok   ? "\"pid\" (integer)"
           : !j->sig.s  ? "\"sig\" (string)"
           : !j->code.s ? "\"code\" (string)"
                        : NULL;
  if (jsonl_str_is(ev, "exit"))
    return !j->pid.ok ? "\"pid\" (integer)"
           : !j->status.ok && !j->signal.s
               ? "\"status\" (integer) or \"signal\" (string)"
               : NULL;
  if (jsonl_str_is(ev, "panic"))
    return !j->msg.s ? "\"msg\" (string)" : NULL;
  if (jsonl_str_is(ev, "unimplemented"))
    return !j->pid.ok  ? "\"pid\" (integer)"
           : !j->nr.ok ? "\"nr\" (integer)"
                       : NULL;
  return NULL; /* other and newer records: only "ev" is required */
}

static int check_schema(const char *path, struct kd_error *e) {
  struct jsonl_reader rd;
  if (jsonl_open_file(&rd, path))
    return kd_fail(e, path, 0, "cannot open: %s", strerror(errno));
  struct jsonl_rec j;
  enum jsonl_kind k;
  bool booted = false;
  int rc = 0;
  while (rc == 0 && (k = jsonl_next(&rd, &j)) != JSONL_END) {
    if (k == JSONL_BAD)
      rc = kd_fail(e, path, rd.line, "malformed JSON record: %s", rd.why);
    else if (k == JSONL_LONG || k == JSONL_IOERR)
      rc = kd_fail(e, path, rd.line, "%s", rd.why);
    if (k != JSONL_RECORD)
      continue; /* console text, or judged above */
    const char *m;
    if (!j.ev.s)
      rc =
          kd_fail(e, path, rd.line, "expected a string \"ev\" in every record");
    else if (!booted && !jsonl_str_is(j.ev, "boot"))
      rc = kd_fail(e, path, rd.line,
                   "expected the boot record before any other");
    else if ((m = missing(&j)))
      rc = kd_fail(e, path, rd.line, "%.*s record: expected %s", (int)j.ev.n,
                   j.ev.s, m);
    else if (jsonl_str_is(j.ev, "boot") && j.v.v != 1)
      rc = kd_fail(e, path, rd.line,
                   "boot record: expected \"v\":1 (schema v1)");
    booted = booted || jsonl_str_is(j.ev, "boot");
  }
  jsonl_close(&rd);
  return rc;
}

int trace_check(const char *path, enum kd_arch arch, struct kd_error *e,
                char *summary, size_t n) {
  enum trace_format f;
  if (trace_format_detect(path, TF_UNKNOWN, &f, e))
    return -1;
  /* JSONL: record by record first, so the first bad line in the file is
   * the one named (as a schema validator would name it); then the reader,
   * for what only the whole trace shows. */
  int rc = f == TF_JSONL ? check_schema(path, e) : 0;
  /* stdin was spooled to fd 0 (trace_format_detect): read it again. */
  if (rc == 0 && f == TF_JSONL && strcmp(path, "-") == 0 &&
      fseek(stdin, 0, SEEK_SET) != 0)
    return kd_fail(e, path, 0, "cannot reread stdin: %s", strerror(errno));
  struct trace t;
  trace_init(&t, path);
  if (rc == 0)
    rc = trace_read(f, arch, &t, e);
  size_t nev = t.n;
  trace_free(&t);
  if (rc == 0 && summary)
    snprintf(summary, n, "%s, %zu events", trace_format_name(f), nev);
  return rc;
}
