/* Kevlar DBG lines -> raw events (kevlar_read.h). A small scanner of its
 * own reads each record: Kevlar prints 64-bit arguments in decimal, and
 * values above INT64_MAX are beyond what jansson reads as integers. */
#include "kevlar_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errno_names.h"
#include "pending.h"
#include "progress.h"

struct kv_str {
  const char *s; /* NULL: absent; raw JSON text between the quotes */
  size_t n;
};

struct kv_num {
  int64_t v;
  bool present;
};

/* The fields of one record. */
struct kv_rec {
  struct kv_str type, name, err_name;
  struct kv_num pid, nr, result, err_num;
  int nargs;
  int64_t args[KD_MAXARGS];
};

struct scan {
  const char *s;
  size_t n, i;
  const char *why; /* what was expected, when scanning fails */
};

static void ws(struct scan *c) {
  while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t'))
    c->i++;
}

static int expect(struct scan *c, const char *why) {
  c->why = why;
  return -1;
}

static int str(struct scan *c, struct kv_str *out) {
  if (c->i >= c->n || c->s[c->i] != '"')
    return expect(c, "a string");
  size_t a = ++c->i;
  for (; c->i < c->n; c->i++) {
    unsigned char ch = (unsigned char)c->s[c->i];
    if (ch == '\\') {
      c->i++;
    } else if (ch == '"') {
      out->s = c->s + a;
      out->n = c->i++ - a;
      return 0;
    } else if (ch < 0x20) {
      return expect(c, "no control bytes inside a string");
    }
  }
  return expect(c, "a closing '\"'");
}

/* A JSON integer; up to 20 digits, wrapping to int64 above INT64_MAX. */
static int num(struct scan *c, int64_t *v) {
  bool neg = c->i < c->n && c->s[c->i] == '-';
  size_t a = c->i + neg, k = a;
  uint64_t x = 0;
  for (; k < c->n && c->s[k] >= '0' && c->s[k] <= '9'; k++) {
    unsigned d = (unsigned)(c->s[k] - '0');
    if (x > (UINT64_MAX - d) / 10)
      return expect(c, "an integer that fits in 64 bits");
    x = x * 10 + d;
  }
  if (k == a || (k - a > 1 && c->s[a] == '0'))
    return expect(c, "an integer");
  if (k < c->n && (c->s[k] == '.' || c->s[k] == 'e' || c->s[k] == 'E'))
    return expect(c, "an integer, not a fraction");
  if (neg && x > (uint64_t)INT64_MAX + 1)
    return expect(c, "an integer that fits in 64 bits");
  c->i = k;
  *v = neg ? (int64_t)(0 - x) : (int64_t)x;
  return 0;
}

/* Any JSON value, checked and skipped (fields kdiff does not read). */
static int skip(struct scan *c, int depth) {
  if (depth > 32)
    return expect(c, "values nested at most 32 deep");
  ws(c);
  if (c->i >= c->n)
    return expect(c, "a value");
  char ch = c->s[c->i];
  struct kv_str s;
  int64_t v;
  if (ch == '"')
    return str(c, &s);
  if (ch == '-' || (ch >= '0' && ch <= '9'))
    return num(c, &v);
  static const char *const lit[] = {"true", "false", "null"};
  for (int k = 0; k < 3; k++) {
    size_t l = strlen(lit[k]);
    if (c->n - c->i >= l && memcmp(c->s + c->i, lit[k], l) == 0) {
      c->i += l;
      return 0;
    }
  }
  if (ch != '[' && ch != '{')
    return expect(c, "a JSON value");
  char close = ch == '[' ? ']' : '}';
  c->i++;
  ws(c);
  if (c->i < c->n && c->s[c->i] == close) {
    c->i++;
    return 0;
  }
  for (;;) {
    if (close == '}') {
      ws(c);
      if (str(c, &s))
        return -1;
      ws(c);
      if (c->i >= c->n || c->s[c->i++] != ':')
        return expect(c, "':' after a key");
    }
    if (skip(c, depth + 1))
      return -1;
    ws(c);
    if (c->i < c->n && c->s[c->i] == ',') {
      c->i++;
      continue;
    }
    if (c->i < c->n && c->s[c->i] == close) {
      c->i++;
      return 0;
    }
    return expect(c, close == ']' ? "',' or ']'" : "',' or '}'");
  }
}

static bool key_is(struct kv_str k, const char *lit) {
  return strlen(lit) == k.n && memcmp(k.s, lit, k.n) == 0;
}

static int num_field(struct scan *c, struct kv_num *f, const char *why) {
  if (num(c, &f->v))
    return strstr(c->why, "64 bits")
               ? -1
               : expect(c, why); /* keep the better word */
  f->present = true;
  return 0;
}

static int args_field(struct scan *c, struct kv_rec *r) {
  if (c->i >= c->n || c->s[c->i] != '[')
    return expect(c, "\"args\" as an array of integers");
  c->i++;
  ws(c);
  if (c->i < c->n && c->s[c->i] == ']') {
    c->i++;
    return 0;
  }
  for (int k = 0;; k++) {
    ws(c);
    int64_t v;
    if (num(c, &v))
      return strstr(c->why, "64 bits")
                 ? -1
                 : expect(c, "\"args\" as an array of integers");
    if (r->nargs < KD_MAXARGS) /* a repeated "args" key must not overrun */
      r->args[r->nargs++] = v;
    ws(c);
    if (c->i < c->n && c->s[c->i] == ',') {
      c->i++;
      continue;
    }
    if (c->i < c->n && c->s[c->i++] == ']')
      return 0;
    return expect(c, "',' or ']' in \"args\"");
  }
}

/* One flat object s[0..n) into r. */
static int record(struct scan *c, struct kv_rec *r) {
  memset(r, 0, sizeof *r);
  if (c->i >= c->n || c->s[c->i++] != '{')
    return expect(c, "'{'");
  ws(c);
  if (c->i < c->n && c->s[c->i] == '}') {
    c->i++;
  } else {
    for (;;) {
      struct kv_str k;
      ws(c);
      if (str(c, &k))
        return expect(c, "a key string");
      ws(c);
      if (c->i >= c->n || c->s[c->i++] != ':')
        return expect(c, "':' after a key");
      ws(c);
      int rc;
      if (key_is(k, "type") || key_is(k, "name"))
        rc = str(c, key_is(k, "type") ? &r->type : &r->name);
      else if (key_is(k, "pid"))
        rc = num_field(c, &r->pid, "\"pid\" as an integer");
      else if (key_is(k, "nr"))
        rc = num_field(c, &r->nr, "\"nr\" as an integer");
      else if (key_is(k, "result"))
        rc = num_field(c, &r->result, "\"result\" as an integer");
      else if (key_is(k, "args"))
        rc = args_field(c, r);
      else if (key_is(k, "errno"))
        rc = c->i < c->n && c->s[c->i] == '"'
                 ? str(c, &r->err_name)
                 : num_field(c, &r->err_num,
                             "\"errno\" as a name or an integer");
      else
        rc = skip(c, 1);
      if (rc)
        return -1;
      ws(c);
      if (c->i < c->n && c->s[c->i] == ',') {
        c->i++;
        continue;
      }
      if (c->i < c->n && c->s[c->i++] == '}')
        break;
      return expect(c, "',' or '}'");
    }
  }
  ws(c);
  if (c->i != c->n)
    return expect(c, "nothing after the object");
  return 0;
}

int kevlar_record_start(const char *s, size_t n, size_t *off) {
  size_t i = 0;
  /* ANSI colour codes a log level may carry: ESC '[' params 'm'. */
  while (i + 1 < n && s[i] == '\x1b' && s[i + 1] == '[') {
    i += 2;
    while (i < n && s[i] != 'm')
      i++;
    if (i == n)
      return 0;
    i++;
  }
  if (n - i < 5 || memcmp(s + i, "DBG ", 4) != 0)
    return 0;
  i += 4;
  while (i < n && s[i] == ' ')
    i++;
  if (i >= n || s[i] != '{')
    return 0;
  *off = i;
  return 1;
}

struct reader {
  struct trace *t;
  struct kd_error *e;
  size_t line;
  enum kd_arch arch;
  struct pending pend; /* each pid's open syscall_entry */
  size_t records;
  uint32_t id_exit, id_exit_group;
};

static int rfail(struct reader *r, const char *what) {
  return kd_fail(r->e, r->t->path, r->line, "%s", what);
}

static uint32_t call_name(struct reader *r, const struct kv_rec *k) {
  if (k->name.s && k->name.n)
    return intern_n(k->name.s, k->name.n);
  if (k->nr.present)
    return sc_name_id_by_nr(r->arch, (long long)k->nr.v);
  return 0;
}

/* exit and exit_group print no exit record and end the process: its end
 * is the status they were given, as the process's parent would see it. */
static void process_end(struct reader *r, size_t call) {
  const struct event c = r->t->ev[call]; /* trace_push may move it */
  struct event *ev = trace_push(r->t);
  ev->kind = EV_EXIT;
  ev->name = intern("exit");
  ev->pid = c.pid;
  ev->line = c.line;
  ev->nret.cls = VAL_NUM;
  ev->ret = ev->nret.v = c.nargs ? (c.arg[0].v & 0xff) : 0;
}

static int on_entry(struct reader *r, const struct kv_rec *k) {
  uint32_t name = call_name(r, k);
  if (!name)
    return rfail(r, "syscall_entry without \"name\" or \"nr\"");
  struct pending_slot *p = pending_find(&r->pend, k->pid.v);
  if (p) {
    /* The previous call of this pid never returned (execve). */
    r->t->ev[p->ev - 1].flags &= (uint8_t)~EVF_UNFINISHED;
    pending_del(&r->pend, p);
  }
  struct event *ev = trace_push(r->t);
  ev->kind = EV_SYSCALL;
  ev->flags = EVF_UNFINISHED;
  ev->name = name;
  ev->pid = (int32_t)k->pid.v;
  ev->line = ev->first_line = (uint32_t)r->line;
  ev->nret.cls = VAL_UNKNOWN;
  ev->nargs = (uint8_t)k->nargs;
  for (int i = 0; i < k->nargs; i++) {
    ev->arg[i].cls = VAL_NUM;
    ev->arg[i].v = k->args[i];
  }
  if (name == r->id_exit || name == r->id_exit_group) {
    ev->flags &= (uint8_t)~EVF_UNFINISHED; /* "= ?", as strace shows it */
    process_end(r, r->t->n - 1);
    return 0;
  }
  pending_put(&r->pend, k->pid.v, r->t->n - 1);
  return 0;
}

static int on_exit_call(struct reader *r, const struct kv_rec *k) {
  uint32_t name = call_name(r, k);
  struct event *ev = NULL;
  struct pending_slot *p = pending_find(&r->pend, k->pid.v);
  if (p) {
    ev = &r->t->ev[p->ev - 1];
    if (name && ev->name != name)
      return rfail(r, "syscall_exit does not match the open syscall_entry "
                      "of its pid (by name)");
    pending_del(&r->pend, p);
  }
  if (!k->result.present)
    return rfail(r, "syscall_exit without an integer \"result\"");
  if (!ev) {
    if (!name)
      return rfail(r, "syscall_exit without \"name\" or \"nr\"");
    ev = trace_push(r->t); /* its entry was before the trace began */
    ev->kind = EV_SYSCALL;
    ev->name = name;
    ev->pid = (int32_t)k->pid.v;
  }
  ev->flags &= (uint8_t)~EVF_UNFINISHED;
  ev->line = (uint32_t)r->line;
  ev->ret = k->result.v;
  ev->nret.cls = VAL_NUM;
  ev->nret.v = k->result.v;
  const char *en = NULL;
  char buf[32]; /* outlives the branch: en may point into it */
  if (k->err_name.s) {
    ev->flags |= EVF_ERR;
    ev->err = intern_n(k->err_name.s, k->err_name.n);
    en = intern_str(ev->err);
  } else if (k->err_num.present || (k->result.v < 0 && k->result.v >= -4095)) {
    int64_t num = k->err_num.present ? k->err_num.v : k->result.v;
    en = errno_name(num);
    if (!en) {
      uint64_t mag = num < 0 ? 0 - (uint64_t)num : (uint64_t)num;
      snprintf(buf, sizeof buf, "E%llu", (unsigned long long)mag);
      en = buf; /* not Linux's: shown as its number, never as a success */
    }
    ev->flags |= EVF_ERR;
    ev->err = intern(en);
  }
  if (en && strncmp(en, "ERESTART", 8) == 0)
    ev->nret.cls = VAL_UNKNOWN; /* as strace shows it: "= ? ERESTARTSYS" */
  return 0;
}

static int on_line(struct reader *r, const char *s, size_t n) {
  size_t off;
  if (!kevlar_record_start(s, n, &off)) {
    r->t->skipped_lines++;
    return 0;
  }
  struct scan c = {.s = s + off, .n = n - off};
  struct kv_rec k;
  if (record(&c, &k))
    return kd_fail(r->e, r->t->path, r->line,
                   "malformed Kevlar record at byte %zu: expected %s",
                   off + c.i + 1, c.why);
  if (!k.type.s)
    return rfail(r, "Kevlar record without a string \"type\"");
  bool entry = key_is(k.type, "syscall_entry");
  if (!entry && !key_is(k.type, "syscall_exit")) {
    r->t->skipped_lines++; /* a record type newer than this kdiff */
    return 0;
  }
  if (!k.pid.present)
    return rfail(r, "Kevlar record without an integer \"pid\"");
  r->records++;
  return entry ? on_entry(r, &k) : on_exit_call(r, &k);
}

int kevlar_read_mem(const char *data, size_t len, enum kd_arch arch,
                    struct trace *t, struct kd_error *e) {
  struct reader r = {.t = t, .e = e, .arch = arch};
  r.id_exit = intern("exit");
  r.id_exit_group = intern("exit_group");
  t->signals_untraced = true;
  int rc = 0;
  size_t counted = 0;
  for (size_t pos = 0; rc == 0 && pos < len;) {
    r.line++;
    const char *s = data + pos;
    if (pos - counted >= (1u << 20)) {
      progress_advance(pos - counted);
      counted = pos;
    }
    const char *nl = memchr(s, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - s) : len - pos;
    pos += n + (nl != NULL);
    if (n > KD_MAX_LINE)
      rc =
          kd_fail(e, t->path, r.line, "line longer than %u bytes", KD_MAX_LINE);
    else
      rc = on_line(&r, s, n && s[n - 1] == '\r' ? n - 1 : n);
  }
  progress_advance(len - counted);
  for (size_t i = 0; i < r.pend.cap; i++)
    if (r.pend.v[i].ev)
      t->ev[r.pend.v[i].ev - 1].flags &= (uint8_t)~EVF_UNFINISHED;
  pending_free(&r.pend);
  if (rc == 0 && r.records == 0)
    rc = kd_fail(
        e, t->path, 0,
        "no Kevlar records (lines `DBG {\"type\":\"syscall_entry\",...}`; "
        "%zu line(s) of other text)",
        t->skipped_lines);
  return rc;
}

int kevlar_read_file(enum kd_arch arch, struct trace *t, struct kd_error *e) {
  char *buf;
  size_t len, mapped;
  if (kd_map_file(t->path, &buf, &len, &mapped, e))
    return -1;
  int rc = kevlar_read_mem(buf, len, arch, t, e);
  kd_release_file(buf, mapped);
  return rc;
}
