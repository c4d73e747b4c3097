/* JSONL trace -> raw events. Each line becomes a `jrec` (the fields kdiff
 * uses) through the fast scanner or jansson, then one function turns
 * records into events. */
#include "jsonl_read.h"

#include <errno.h>
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strace_parse.h"

struct jstr {
  const char *s;
  size_t n; /* s == NULL: absent */
};

/* A value that may be an integer or a "0x..." string. */
struct jnum {
  int64_t v;
  uint8_t present, ok;
};

struct jrec {
  struct jstr ev, name, err, sig, code, signal, msg, arch, cmdline, action;
  struct jnum v, pid, tid, nr, ret, status;
  int nargs;
  struct jnum args[KD_MAXARGS]; /* last: only args[0..nargs) are meaningful */
};

/* Marks every field absent. Field by field: a memset of the whole record
 * showed up as a sixth of the scanner's time. Values behind an absent mark
 * are never read. */
static void jrec_clear(struct jrec *r) {
  r->ev.s = r->name.s = r->err.s = r->sig.s = r->code.s = r->signal.s = r->msg.s = r->arch.s =
      r->cmdline.s = r->action.s = NULL;
  r->v.present = r->pid.present = r->tid.present = r->nr.present = r->ret.present =
      r->status.present = 0;
  r->v.ok = r->pid.ok = r->tid.ok = r->nr.ok = r->ret.ok = r->status.ok = 0;
  r->nargs = 0;
}

/* ---- the fast scanner ------------------------------------------------- */

struct scan {
  const char *p, *end;
};

static void ws(struct scan *s) {
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
    s->p++;
}

/* Bytes that end a plain string's scan: the closing quote, and what the
 * scanner leaves to jansson (escapes, controls, non-ASCII). */
static const unsigned char stop[256] = {
    [0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x80 ... 0xff] = 1};

/* A string without escapes, control or non-ASCII bytes. */
static int scan_str(struct scan *s, struct jstr *out) {
  if (s->p >= s->end || *s->p != '"')
    return 0;
  const char *a = s->p + 1, *q = a;
  while (q < s->end && !stop[(unsigned char)*q])
    q++;
  if (q >= s->end || *q != '"')
    return 0;
  out->s = a;
  out->n = (size_t)(q - a);
  s->p = q + 1;
  return 1;
}

/* A JSON integer: -?(0|[1-9][0-9]*), no fraction or exponent. */
static int scan_int(struct scan *s, int64_t *v) {
  const char *a = s->p;
  if (s->p < s->end && *s->p == '-')
    s->p++;
  const char *d = s->p;
  while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
    s->p++;
  size_t nd = (size_t)(s->p - d);
  if (nd == 0 || nd > 18 || (nd > 1 && *d == '0'))
    return 0;
  if (s->p < s->end && (*s->p == '.' || *s->p == 'e' || *s->p == 'E'))
    return 0;
  return strace_number(a, (size_t)(s->p - a), v);
}

static void num_from_str(struct jnum *n, struct jstr str) {
  n->present = 1;
  n->ok = strace_number(str.s, str.n, &n->v) && str.n > 2 && str.s[0] == '0';
}

static int scan_num(struct scan *s, struct jnum *n) {
  if (s->p < s->end && *s->p == '"') {
    struct jstr str;
    if (!scan_str(s, &str))
      return 0;
    num_from_str(n, str);
    return 1;
  }
  n->present = 1;
  n->ok = scan_int(s, &n->v);
  return n->ok;
}

/* Any scalar we accept but do not use. */
static int scan_skip_scalar(struct scan *s) {
  struct jstr str;
  int64_t v;
  if (s->p < s->end && *s->p == '"')
    return scan_str(s, &str);
  static const char *lits[] = {"true", "false", "null"};
  for (int i = 0; i < 3; i++) {
    size_t n = strlen(lits[i]);
    if ((size_t)(s->end - s->p) >= n && memcmp(s->p, lits[i], n) == 0) {
      s->p += n;
      return 1;
    }
  }
  return scan_int(s, &v);
}

static inline int key_is(struct jstr k, const char *name) {
  return strlen(name) == k.n && memcmp(k.s, name, k.n) == 0;
}

/* Field dispatch on length and first letter first: this runs for every
 * key of every line. */
static struct jstr *str_field(struct jrec *r, struct jstr k) {
  switch (k.n) {
  case 2: return key_is(k, "ev") ? &r->ev : NULL;
  case 3: return key_is(k, "sig") ? &r->sig : key_is(k, "msg") ? &r->msg : NULL;
  case 4: return key_is(k, "name") ? &r->name : key_is(k, "code") ? &r->code
                 : key_is(k, "arch") ? &r->arch : NULL;
  case 5: return key_is(k, "errno") ? &r->err : NULL;
  case 6: return key_is(k, "signal") ? &r->signal : key_is(k, "action") ? &r->action : NULL;
  case 7: return key_is(k, "cmdline") ? &r->cmdline : NULL;
  default: return NULL;
  }
}

static struct jnum *num_field(struct jrec *r, struct jstr k) {
  switch (k.n) {
  case 1: return k.s[0] == 'v' ? &r->v : NULL;
  case 2: return key_is(k, "nr") ? &r->nr : NULL;
  case 3: return key_is(k, "pid") ? &r->pid : key_is(k, "tid") ? &r->tid
                 : key_is(k, "ret") ? &r->ret : NULL;
  case 6: return key_is(k, "status") ? &r->status : NULL;
  default: return NULL;
  }
}

/* Returns 1 and fills r if line is a flat object the scanner understands. */
static int fast_scan(const char *line, size_t n, struct jrec *r) {
  struct scan s = {line, line + n};
  jrec_clear(r);
  ws(&s);
  if (s.p >= s.end || *s.p++ != '{')
    return 0;
  ws(&s);
  if (s.p < s.end && *s.p == '}') {
    s.p++;
    goto tail;
  }
  for (;;) {
    struct jstr k;
    ws(&s);
    if (!scan_str(&s, &k))
      return 0;
    ws(&s);
    if (s.p >= s.end || *s.p++ != ':')
      return 0;
    ws(&s);
    struct jstr *sf;
    struct jnum *nf;
    if (key_is(k, "args")) {
      if (s.p >= s.end || *s.p++ != '[')
        return 0;
      r->nargs = 0;
      ws(&s);
      if (s.p < s.end && *s.p == ']') {
        s.p++;
      } else {
        for (;;) {
          ws(&s);
          struct jnum tmp;
          struct jnum *slot = r->nargs < KD_MAXARGS ? &r->args[r->nargs] : &tmp;
          slot->present = slot->ok = 0;
          if (!scan_num(&s, slot))
            return 0;
          if (r->nargs < KD_MAXARGS)
            r->nargs++;
          ws(&s);
          if (s.p >= s.end)
            return 0;
          if (*s.p == ',') {
            s.p++;
            continue;
          }
          if (*s.p++ != ']')
            return 0;
          break;
        }
      }
    } else if ((sf = str_field(r, k)) != NULL) {
      if (!scan_str(&s, sf))
        return 0;
    } else if ((nf = num_field(r, k)) != NULL) {
      if (!scan_num(&s, nf))
        return 0;
    } else if (!scan_skip_scalar(&s)) {
      return 0;
    }
    ws(&s);
    if (s.p >= s.end)
      return 0;
    if (*s.p == ',') {
      s.p++;
      continue;
    }
    if (*s.p++ != '}')
      return 0;
    break;
  }
tail:
  ws(&s);
  return s.p == s.end;
}

int jsonl_fast_accepts(const char *line, size_t n) {
  struct jrec r;
  return fast_scan(line, n, &r);
}

/* ---- jansson ---------------------------------------------------------- */

static void j_str(json_t *o, const char *key, struct jstr *out) {
  json_t *v = json_object_get(o, key);
  if (json_is_string(v)) {
    out->s = json_string_value(v);
    out->n = json_string_length(v);
  }
}

static void j_num_val(json_t *v, struct jnum *out) {
  if (!v)
    return;
  out->present = 1;
  if (json_is_integer(v)) {
    out->ok = 1;
    out->v = (int64_t)json_integer_value(v);
  } else if (json_is_string(v)) {
    struct jstr s = {json_string_value(v), json_string_length(v)};
    num_from_str(out, s);
  }
}

static void j_fill(json_t *o, struct jrec *r) {
  jrec_clear(r);
  j_str(o, "ev", &r->ev);
  j_str(o, "name", &r->name);
  j_str(o, "errno", &r->err);
  j_str(o, "sig", &r->sig);
  j_str(o, "code", &r->code);
  j_str(o, "signal", &r->signal);
  j_str(o, "msg", &r->msg);
  j_str(o, "arch", &r->arch);
  j_str(o, "cmdline", &r->cmdline);
  j_str(o, "action", &r->action);
  j_num_val(json_object_get(o, "v"), &r->v);
  j_num_val(json_object_get(o, "pid"), &r->pid);
  j_num_val(json_object_get(o, "tid"), &r->tid);
  j_num_val(json_object_get(o, "nr"), &r->nr);
  j_num_val(json_object_get(o, "ret"), &r->ret);
  j_num_val(json_object_get(o, "status"), &r->status);
  json_t *a = json_object_get(o, "args");
  if (json_is_array(a)) {
    size_t n = json_array_size(a);
    for (size_t i = 0; i < n && i < KD_MAXARGS; i++) {
      r->args[r->nargs].present = r->args[r->nargs].ok = 0;
      j_num_val(json_array_get(a, i), &r->args[r->nargs++]);
    }
  }
}

/* ---- records -> events ------------------------------------------------ */

struct reader {
  struct trace *t;
  struct kd_error *e;
  size_t line;
  enum kd_arch arch;
  struct {
    int64_t tid;
    size_t ev;
  } *pend;
  size_t npend, cappend;
};

static int rfail(struct reader *r, const char *what) {
  return kd_fail(r->e, r->t->path, r->line, "%s", what);
}

static int jeq(struct jstr s, const char *lit) { return s.s && key_is(s, lit); }

static uint32_t call_name(struct reader *r, const struct jrec *j) {
  if (j->name.s && j->name.n)
    return intern_n(j->name.s, j->name.n);
  if (j->nr.ok) {
    const char *n = sc_name_by_nr(r->arch, j->nr.v);
    if (n)
      return intern(n);
    char buf[32];
    snprintf(buf, sizeof buf, "syscall_%lld", (long long)j->nr.v);
    return intern(buf);
  }
  return 0;
}

static int64_t rec_tid(const struct jrec *j) {
  return j->tid.ok ? j->tid.v : j->pid.ok ? j->pid.v : 0;
}

static int on_entry(struct reader *r, const struct jrec *j) {
  uint32_t name = call_name(r, j);
  if (!name)
    return rfail(r, "syscall_entry without name or nr");
  int64_t tid = rec_tid(j);
  for (size_t i = 0; i < r->npend; i++)
    if (r->pend[i].tid == tid) {
      /* The previous call of this thread never returned (exit, execve). */
      r->t->ev[r->pend[i].ev].flags &= (uint8_t)~EVF_UNFINISHED;
      r->pend[i] = r->pend[--r->npend];
      break;
    }
  struct event *ev = trace_push(r->t);
  ev->kind = EV_SYSCALL;
  ev->flags = EVF_UNFINISHED;
  ev->name = name;
  ev->pid = (int32_t)tid;
  ev->line = (uint32_t)r->line;
  ev->nret.cls = VAL_UNKNOWN;
  ev->nargs = (uint8_t)j->nargs;
  for (int i = 0; i < j->nargs; i++) {
    ev->arg[i].cls = j->args[i].ok ? VAL_NUM : VAL_UNKNOWN;
    ev->arg[i].v = j->args[i].v;
  }
  if (r->npend == r->cappend) {
    r->cappend = r->cappend ? r->cappend * 2 : 16;
    r->pend = realloc(r->pend, r->cappend * sizeof *r->pend);
    if (!r->pend)
      abort();
  }
  r->pend[r->npend].tid = tid;
  r->pend[r->npend].ev = r->t->n - 1;
  r->npend++;
  return 0;
}

static int on_exit_call(struct reader *r, const struct jrec *j) {
  uint32_t name = call_name(r, j);
  int64_t tid = rec_tid(j);
  struct event *ev = NULL;
  for (size_t i = 0; i < r->npend; i++)
    if (r->pend[i].tid == tid) {
      ev = &r->t->ev[r->pend[i].ev];
      if (name && ev->name != name)
        return rfail(r, "syscall_exit does not match the open syscall_entry of its tid");
      r->pend[i] = r->pend[--r->npend];
      break;
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
static bool debug_has_signals(struct jstr cmd) {
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

static int on_record(struct reader *r, const struct jrec *j) {
  struct trace *t = r->t;
  if (!j->ev.s)
    return rfail(r, "record without a string \"ev\" field");
  if (jeq(j->ev, "syscall_entry"))
    return on_entry(r, j);
  if (jeq(j->ev, "syscall_exit"))
    return on_exit_call(r, j);
  if (jeq(j->ev, "signal")) {
    if (!j->sig.s)
      return rfail(r, "signal record without \"sig\"");
    if (jeq(j->action, "ignore"))
      return 0; /* discarded, never seen by the program (as sigdisp.c does for Linux) */
    struct event *ev = trace_push(t);
    ev->kind = EV_SIGNAL;
    ev->name = intern_n(j->sig.s, j->sig.n);
    ev->code = j->code.s ? intern_n(j->code.s, j->code.n) : 0;
    ev->pid = (int32_t)rec_tid(j);
    ev->line = (uint32_t)r->line;
    if (jeq(j->action, "terminate") || jeq(j->action, "core"))
      ev->flags |= EVF_FATAL; /* a non-root process's end is derived from it */
    return 0;
  }
  if (jeq(j->ev, "exit")) {
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
  if (jeq(j->ev, "panic")) {
    struct event *ev = trace_push(t);
    ev->kind = EV_CRASH;
    ev->name = intern("crash");
    ev->line = (uint32_t)r->line;
    t->panic_msg = arena_strndup(&t->arena, j->msg.s ? j->msg.s : "", j->msg.s ? j->msg.n : 0);
    ev->text = t->panic_msg;
    ev->textlen = (uint32_t)strlen(t->panic_msg);
    return 0;
  }
  if (jeq(j->ev, "boot")) {
    if (j->v.present && (!j->v.ok || j->v.v != 1))
      return rfail(r, "boot record: unsupported schema version (kdiff reads v1)");
    if (j->cmdline.s)
      t->signals_untraced = !debug_has_signals(j->cmdline);
    if (j->arch.s && j->arch.n < sizeof t->arch) {
      memcpy(t->arch, j->arch.s, j->arch.n);
      t->arch[j->arch.n] = 0;
      kd_arch_parse(t->arch, &r->arch);
    }
    return 0;
  }
  if (jeq(j->ev, "unimplemented")) {
    t->unimplemented++;
    if (!t->first_unimpl)
      t->first_unimpl = call_name(r, j);
    return 0;
  }
  return 0; /* a record type newer than this kdiff: ignored */
}

/* One console line (no newline). Returns 0 or -1 (r->e filled). */
static int one_line(struct reader *r, char *s, size_t n) {
  struct trace *t = r->t;
  r->line++;
  if (n && s[n - 1] == '\r')
    n--;
  if (n >= 4 && memcmp(s, "DBG ", 4) == 0) {
    s += 4;
    n -= 4;
  }
  size_t k = 0;
  while (k < n && (s[k] == ' ' || s[k] == '\t'))
    k++;
  if (k == n)
    return 0; /* blank */
  if (s[k] != '{') {
    t->skipped_lines++;
    return 0;
  }
  struct jrec j;
  if (fast_scan(s, n, &j))
    return on_record(r, &j);
  json_error_t je;
  json_t *o = json_loadb(s, n, 0, &je);
  if (!o || !json_is_object(o)) {
    json_decref(o);
    return kd_fail(r->e, t->path, r->line, "malformed JSON record: %s",
                   o ? "not an object" : je.text);
  }
  j_fill(o, &j);
  int rc = on_record(r, &j);
  json_decref(o);
  return rc;
}

static void finish(struct reader *r) {
  for (size_t i = 0; i < r->npend; i++)
    r->t->ev[r->pend[i].ev].flags &= (uint8_t)~EVF_UNFINISHED;
  free(r->pend);
}

int jsonl_read_mem(const char *data, size_t len, enum kd_arch arch, struct trace *t,
                   struct kd_error *e) {
  char *buf = malloc(len + 1);
  if (!buf)
    abort();
  memcpy(buf, data, len);
  buf[len] = 0;
  struct reader r = {.t = t, .e = e, .arch = arch};
  int rc = 0;
  for (size_t pos = 0; pos < len && rc == 0;) {
    char *nl = memchr(buf + pos, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
    rc = one_line(&r, buf + pos, n);
    pos += n + 1;
  }
  finish(&r);
  free(buf);
  return rc;
}

/* Streams the file in blocks: the text is not kept (JSONL events are shown
 * from their fields), so memory stays that of the events. */
int jsonl_read_file(enum kd_arch arch, struct trace *t, struct kd_error *e) {
  FILE *f = strcmp(t->path, "-") == 0 ? stdin : fopen(t->path, "rb");
  if (!f)
    return kd_fail(e, t->path, 0, "cannot open: %s", strerror(errno));
  size_t cap = 4 << 20, have = 0;
  char *buf = malloc(cap);
  if (!buf)
    abort();
  struct reader r = {.t = t, .e = e, .arch = arch};
  int rc = 0, eof = 0;
  while (rc == 0 && !eof) {
    if (have == cap) { /* a line longer than the buffer */
      cap *= 2;
      buf = realloc(buf, cap);
      if (!buf)
        abort();
    }
    size_t got = fread(buf + have, 1, cap - have, f);
    if (got == 0) {
      if (ferror(f)) {
        rc = kd_fail(e, t->path, 0, "read error");
        break;
      }
      eof = 1;
    }
    have += got;
    size_t pos = 0;
    for (;;) {
      char *nl = memchr(buf + pos, '\n', have - pos);
      if (!nl && !(eof && pos < have))
        break;
      size_t n = nl ? (size_t)(nl - (buf + pos)) : have - pos;
      if ((rc = one_line(&r, buf + pos, n)) != 0)
        break;
      pos += n + (nl ? 1 : 0);
    }
    memmove(buf, buf + pos, have - pos);
    have -= pos;
  }
  finish(&r);
  free(buf);
  if (f != stdin)
    fclose(f);
  return rc;
}
