/* Timing artefacts between tasks (timing.h), applied by normalise() in its
 * last pass, per event after the event is numbered. */
#include "timing.h"

#include <stdlib.h>
#include <string.h>

void timing_init(struct timing *z, size_t ntasks) {
  memset(z, 0, sizeof *z);
  z->on = ntasks > 1;
  z->yield = intern("sched_yield");
  z->futex = intern("futex");
  z->wait4 = intern("wait4");
  z->sigreturn = intern("rt_sigreturn");
  z->nanosleep = intern("nanosleep");
  z->clock_nanosleep = intern("clock_nanosleep");
  z->read = intern("read");
  z->eagain = intern("EAGAIN");
  z->eintr = intern("EINTR");
}

static struct timing_last *last_of(struct timing *z, int32_t raw) {
  if (z->cache < z->n && z->last[z->cache].raw == raw)
    return &z->last[z->cache];
  for (size_t i = 0; i < z->n; i++)
    if (z->last[i].raw == raw)
      return &z->last[z->cache = i];
  if (z->n == z->cap) {
    z->cap = z->cap ? z->cap * 2 : 16;
    z->last = realloc(z->last, z->cap * sizeof *z->last);
    if (!z->last)
      abort();
  }
  z->last[z->n] = (struct timing_last){raw, (size_t)-1};
  return &z->last[z->cache = z->n++];
}

static bool restart_errno(uint32_t err) { return strncmp(intern_str(err), "ERESTART", 8) == 0; }

static bool has_word(const struct event *e, const char *w, size_t n) {
  for (uint32_t i = 0; e->text && i + n <= e->textlen; i++)
    if (e->text[i] == w[0] && memcmp(e->text + i, w, n) == 0)
      return true;
  return false;
}

static bool wnohang(const struct event *e) {
  if (e->nargs > 2 && e->arg[2].cls == VAL_NUM)
    return e->arg[2].v & 1;
  return has_word(e, "WNOHANG", 7);
}

static bool is_sleep(const struct timing *z, const struct event *e) {
  return e->kind == EV_SYSCALL && (e->name == z->nanosleep || e->name == z->clock_nanosleep);
}

static bool artefact(const struct timing *z, const struct event *e) {
  if (e->kind != EV_SYSCALL)
    return false;
  bool err = e->flags & EVF_ERR;
  if (e->name == z->yield)
    return true;
  if (e->name == z->futex)
    return !err || e->err == z->eagain || e->err == z->eintr || restart_errno(e->err);
  if (e->name == z->sigreturn)
    return !err;
  return e->name == z->wait4 && !err && e->nret.cls == VAL_NUM && e->ret == 0 && wnohang(e);
}

static bool good_read(const struct timing *z, const struct event *e) {
  return e->kind == EV_SYSCALL && e->name == z->read && !(e->flags & EVF_ERR) &&
         e->nret.cls == VAL_NUM && e->ret > 0 && e->nargs > 2 && e->arg[0].cls == VAL_NUM;
}

bool timing_drop(struct timing *z, struct trace *t, size_t i) {
  struct event *e = &t->ev[i];
  if (!z->on)
    return false;
  if (artefact(z, e))
    return true;
  struct timing_last *l = last_of(z, e->pid);
  struct event *p = l->ev == (size_t)-1 ? NULL : &t->ev[l->ev];
  if (p && is_sleep(z, p) && is_sleep(z, e))
    return true;
  if (p && good_read(z, p) && good_read(z, e) && (int32_t)p->arg[0].v == (int32_t)e->arg[0].v &&
      p->arg[2].cls == VAL_NUM && p->ret < p->arg[2].v) {
    p->ret += e->ret;
    if (p->nret.cls == VAL_NUM)
      p->nret.v = p->ret;
    return true;
  }
  l->ev = i;
  return false;
}

void timing_soften(const struct timing *z, struct event *e) {
  if (!z->on || !is_sleep(z, e))
    return;
  bool eintr = (e->flags & EVF_ERR) && e->err == z->eintr;
  bool zero = !(e->flags & EVF_ERR) && e->nret.cls == VAL_NUM && e->nret.v == 0;
  if (eintr || zero) {
    e->flags &= (uint8_t)~(EVF_ERR | EVF_RESTARTED);
    e->err = 0;
    e->nret.cls = VAL_UNKNOWN;
  }
}

void timing_free(struct timing *z) {
  free(z->last);
  memset(z, 0, sizeof *z);
}
