/* JSONL records -> raw events (jsonl_read.h). The lines and their fields
 * come from the trace channel's reader (jsonl.h); this file decides what
 * each record means to kdiff. */
#include "jsonl_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "pending.h"
#include "progress.h"

_Static_assert(JSONL_MAXARGS == KD_MAXARGS,
               "a record's arguments are an event's");

#define NR_CACHE 512

struct reader {
  struct trace *t;
  struct kd_error *e;
  size_t line;
  enum kd_arch arch;
  struct pending pend; /* each tid's open syscall_entry */
  bool booted;         /* a boot record was read */
  /* by_nr[nr % NR_CACHE]: the id of the name last read with that nr (0:
   * none). A record's name is compared with it instead of hashed and
   * looked up: nearly every record names a call. */
  uint32_t by_nr[NR_CACHE];
};

static int rfail(struct reader *r, const char *what) {
  return kd_fail(r->e, r->t->path, r->line, "%s", what);
}

static uint32_t call_name(struct reader *r, const struct jsonl_rec *j) {
  if (j->name.s && j->name.n) {
    if (!j->nr.ok)
      return intern_n(j->name.s, j->name.n);
    uint32_t *c = &r->by_nr[(uint64_t)j->nr.v % NR_CACHE];
    if (!intern_is(*c, j->name.s, j->name.n))
      *c = intern_n(j->name.s, j->name.n);
    return *c;
  }
  if (j->nr.ok)
    return sc_name_id_by_nr(r->arch, (long long)j->nr.v);
  return 0;
}

static int64_t rec_tid(const struct jsonl_rec *j) {
  return j->tid.ok ? j->tid.v : j->pid.ok ? j->pid.v : 0;
}

static int on_entry(struct reader *r, const struct jsonl_rec *j) {
  uint32_t name = call_name(r, j);
  if (!name)
    return rfail(r, "syscall_entry without name or nr");
  int64_t tid = rec_tid(j);
  struct pending_slot *p = pending_find(&r->pend, tid);
  if (p) {
    /* The previous call of this thread never returned (exit, execve). */
    r->t->ev[p->ev - 1].flags &= (uint8_t)~EVF_UNFINISHED;
    pending_del(&r->pend, p);
  }
  struct event *ev = trace_push(r->t);
  ev->kind = EV_SYSCALL;
  ev->flags = EVF_UNFINISHED;
  ev->name = name;
  ev->pid = (int32_t)tid;
  /* line becomes the exit record's; first_line stays the entry's. */
  ev->line = ev->first_line = (uint32_t)r->line;
  ev->nret.cls = VAL_UNKNOWN;
  ev->nargs = (uint8_t)j->nargs;
  for (int i = 0; i < j->nargs; i++) {
    ev->arg[i].cls = j->args[i].ok ? VAL_NUM : VAL_UNKNOWN;
    ev->arg[i].v = j->args[i].v;
    if (j->str_has & (1u << i)) {
      char tmp[8192];
      const struct jsonl_str *s = &j->str[i];
      char *b = s->n <= sizeof tmp ? tmp : malloc(s->n);
      if (!b)
        abort();
      size_t n = jsonl_latin1(s->s, s->n, b);
      ev->arg[i].cls = (j->str_cut & (1u << i)) ? VAL_STRCUT : VAL_STR;
      ev->arg[i].v = intern_n(b, n);
      if (b != tmp)
        free(b);
    }
  }
  pending_put(&r->pend, tid, r->t->n - 1);
  return 0;
}

static int on_exit_call(struct reader *r, const struct jsonl_rec *j) {
  uint32_t name = call_name(r, j);
  int64_t tid = rec_tid(j);
  struct event *ev = NULL;
  struct pending_slot *p = pending_find(&r->pend, tid);
  if (p) {
    ev = &r->t->ev[p->ev - 1];
    if (name && ev->name != name)
      return rfail(
          r, "syscall_exit does not match the open syscall_entry of its tid");
    pending_del(&r->pend, p);
  }
  if (!ev) {
    if (!name)
      return rfail(r, "syscall_exit without name or nr");
    ev = trace_push(r->t);
    ev->kind = EV_SYSCALL;
    ev->name = name;
    ev->pid = (int32_t)tid;
  }
  ev->flags &= (uint8_t)~EVF_UNFINISHED;
  ev->line = (uint32_t)r->line;
  if (!j->ret.present || !j->ret.ok)
    return rfail(r, "syscall_exit without an integer ret");
  ev->ret = j->ret.v;
  ev->nret.cls = VAL_NUM;
  ev->nret.v = j->ret.v;
  if (j->err.s) {
    ev->flags |= EVF_ERR;
    ev->err = intern_n(j->err.s, j->err.n);
    if (j->err.n > 8 && memcmp(j->err.s, "ERESTART", 8) == 0)
      ev->nret.cls = VAL_UNKNOWN; /* as strace shows it: "= ? ERESTARTSYS" */
  }
  return 0;
}

/* Whether a command line's debug= filter (if any) includes signal records:
 * without debug= the build default applies, which kdiff cannot know, so
 * signals count as traced. */
static bool debug_has_signals(struct jsonl_str cmd) {
  for (size_t i = 0; i < cmd.n;) {
    while (i < cmd.n && cmd.s[i] == ' ')
      i++;
    size_t a = i;
    while (i < cmd.n && cmd.s[i] != ' ')
      i++;
    if (i - a == 2 && memcmp(cmd.s + a, "--", 2) == 0)
      break; /* the rest is the program's argv */
    if (i - a < 6 || memcmp(cmd.s + a, "debug=", 6) != 0)
      continue;
    for (size_t k = a + 6; k < i;) {
      size_t e = k;
      while (e < i && cmd.s[e] != ',')
        e++;
      if ((e - k == 6 && memcmp(cmd.s + k, "signal", 6) == 0) ||
          (e - k == 3 && memcmp(cmd.s + k, "all", 3) == 0))
        return true;
      k = e + 1;
    }
    return false;
  }
  return true;
}

static int on_record(struct reader *r, const struct jsonl_rec *j) {
  struct trace *t = r->t;
  if (!j->ev.s)
    return rfail(r, "record without a string \"ev\" field");
  if (jsonl_str_is(j->ev, "syscall_entry"))
    return on_entry(r, j);
  if (jsonl_str_is(j->ev, "syscall_exit"))
    return on_exit_call(r, j);
  if (jsonl_str_is(j->ev, "signal")) {
    if (!j->sig.s)
      return rfail(r, "signal record without \"sig\"");
    bool ignored = jsonl_str_is(j->action, "ignore");
    if (ignored && rule_on(RULE_IGNORED_SIGNAL)) {
      rule_fire(&t->fired, RULE_IGNORED_SIGNAL); /* never seen by the program */
      return 0;
    }
    struct event *ev = trace_push(t);
    ev->kind = EV_SIGNAL;
    ev->name = intern_n(j->sig.s, j->sig.n);
    ev->code = j->code.s ? intern_n(j->code.s, j->code.n) : 0;
    ev->pid = (int32_t)rec_tid(j);
    ev->line = (uint32_t)r->line;
    if (jsonl_str_is(j->action, "terminate") || jsonl_str_is(j->action, "core"))
      ev->flags |= EVF_FATAL; /* a non-root process's end is derived from it */
    return 0;
  }
  if (jsonl_str_is(j->ev, "exit")) {
    struct event *ev = trace_push(t);
    ev->kind = EV_EXIT;
    ev->name = intern("exit");
    ev->pid = (int32_t)rec_tid(j);
    ev->line = (uint32_t)r->line;
    ev->nret.cls = VAL_NUM;
    if (j->signal.s) {
      ev->code = intern_n(j->signal.s, j->signal.n);
    } else if (j->status.ok) {
      ev->ret = j->status.v;
      ev->nret.v = j->status.v;
    } else {
      return rfail(r, "exit record without \"status\" or \"signal\"");
    }
    return 0;
  }
  if (jsonl_str_is(j->ev, "panic")) {
    struct event *ev = trace_push(t);
    ev->kind = EV_CRASH;
    ev->name = intern("crash");
    ev->line = (uint32_t)r->line;
    t->panic_msg = arena_strndup(&t->arena, j->msg.s ? j->msg.s : "",
                                 j->msg.s ? j->msg.n : 0);
    ev->text = t->panic_msg;
    ev->textlen = (uint32_t)strlen(t->panic_msg);
    return 0;
  }
  if (jsonl_str_is(j->ev, "boot")) {
    r->booted = true;
    if (j->v.present && (!j->v.ok || j->v.v != 1))
      return rfail(r,
                   "boot record: unsupported schema version (kdiff reads v1)");
    if (j->cmdline.s)
      t->signals_untraced = !debug_has_signals(j->cmdline);
    if (j->arch.s && j->arch.n < sizeof t->arch) {
      memcpy(t->arch, j->arch.s, j->arch.n);
      t->arch[j->arch.n] = 0;
      kd_arch_parse(t->arch, &r->arch);
    }
    return 0;
  }
  if (jsonl_str_is(j->ev, "unimplemented")) {
    t->unimplemented++;
    if (!t->first_unimpl)
      t->first_unimpl = call_name(r, j);
    return 0;
  }
  return 0; /* a record type newer than this kdiff: ignored */
}

static void finish(struct reader *r) {
  for (size_t i = 0; i < r->pend.cap; i++)
    if (r->pend.v[i].ev)
      r->t->ev[r->pend.v[i].ev - 1].flags &= (uint8_t)~EVF_UNFINISHED;
  pending_free(&r->pend);
}

/* Turns every line rd gives into events of t, then closes rd; need_boot:
 * a trace without a boot record is an error (the kernel writes one first). */
static int read_lines(struct jsonl_reader *rd, enum kd_arch arch,
                      struct trace *t, struct kd_error *e, bool need_boot) {
  struct reader r = {.t = t, .e = e, .arch = arch};
  struct jsonl_rec j;
  enum jsonl_kind kind;
  int rc = 0;
  size_t bytes = 0; /* read since the last progress report */
  while (rc == 0 && (kind = jsonl_next(rd, &j)) != JSONL_END) {
    r.line = rd->line;
    bytes += rd->len + 1;
    if (bytes >= (1u << 20)) {
      progress_advance(bytes);
      bytes = 0;
    }
    if (kind == JSONL_RECORD)
      rc = on_record(&r, &j);
    else if (kind == JSONL_TEXT)
      t->skipped_lines++;
    else if (kind == JSONL_BAD)
      rc = kd_fail(e, t->path, rd->line, "malformed JSON record: %s", rd->why);
    else if (kind == JSONL_LONG)
      rc = kd_fail(e, t->path, rd->line, "%s", rd->why);
    else
      rc = kd_fail(e, t->path, 0, "%s", rd->why);
  }
  progress_advance(bytes);
  finish(&r);
  jsonl_close(rd);
  if (rc == 0 && need_boot && !r.booted)
    rc =
        kd_fail(e, t->path, 0,
                "no boot record: not a library OS trace (%zu record(s), "
                "%zu line(s) of other text skipped); expected JSONL schema v1 "
                "(`{\"ev\":\"boot\",\"v\":1,...}` first), Kevlar console lines "
                "(`DBG {\"type\":\"syscall_entry\",...}`) or strace text",
                t->n, t->skipped_lines);
  return rc;
}

int jsonl_read_mem(const char *data, size_t len, enum kd_arch arch,
                   struct trace *t, struct kd_error *e) {
  struct jsonl_reader rd;
  jsonl_open_mem(&rd, data, len);
  return read_lines(&rd, arch, t, e, false);
}

/* Streamed: the text is not kept (JSONL events are shown from their
 * fields), so memory stays that of the events. */
int jsonl_read_file(enum kd_arch arch, struct trace *t, struct kd_error *e) {
  struct jsonl_reader rd;
  if (jsonl_open_file(&rd, t->path))
    return kd_fail(e, t->path, 0, "cannot open: %s", strerror(errno));
  return read_lines(&rd, arch, t, e, true);
}
