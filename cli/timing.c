/* Timing artefacts between tasks (timing.h), applied by normalise() in its
 * last pass, per event after the event is numbered. */
#include "timing.h"

#include <stdlib.h>
#include <string.h>

#include "tasks.h"

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
  long i = idmap_get(&z->index, (uint32_t)raw);
  if (i >= 0)
    return &z->last[z->cache = (size_t)i];
  if (z->n == z->cap) {
    z->cap = z->cap ? z->cap * 2 : 16;
    z->last = realloc(z->last, z->cap * sizeof *z->last);
    if (!z->last)
      abort();
  }
  z->last[z->n] = (struct timing_last){raw, (size_t)-1};
  idmap_put(&z->index, (uint32_t)raw, z->n);
  return &z->last[z->cache = z->n++];
}

static bool restart_errno(uint32_t err) {
  return strncmp(intern_str(err), "ERESTART", 8) == 0;
}

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
  return e->kind == EV_SYSCALL &&
         (e->name == z->nanosleep || e->name == z->clock_nanosleep);
}

/* The rule that drops e as an artefact of the interleaving, or RULE_NONE. */
static enum rule_id artefact(const struct timing *z, const struct event *e) {
  if (e->kind != EV_SYSCALL)
    return RULE_NONE;
  bool err = e->flags & EVF_ERR;
  if (e->name == z->yield)
    return RULE_TIMING_YIELD;
  if (e->name == z->sigreturn && !err)
    return RULE_TIMING_SIGRETURN;
  if (e->name == z->wait4 && !err && e->nret.cls == VAL_NUM && e->ret == 0 &&
      wnohang(e))
    return RULE_TIMING_WNOHANG;
  return RULE_NONE;
}

/* ---- futex ------------------------------------------------------------- */

enum { FX_OTHER, FX_WAIT, FX_WAKE };

/* FUTEX_WAIT(_BITSET) or FUTEX_WAKE(_BITSET): strace spells the op out, the
 * kernel's record has the raw register (the PRIVATE and CLOCK_REALTIME
 * bits aside: 0/9 wait, 1/10 wake). */
static int futex_op(const struct event *e) {
  if (has_word(e, "FUTEX_", 6)) {
    if (has_word(e, "FUTEX_WAKE_OP", 13) || has_word(e, "REQUEUE", 7) ||
        has_word(e, "_PI", 3))
      return FX_OTHER;
    return has_word(e, "FUTEX_WAKE", 10)   ? FX_WAKE
           : has_word(e, "FUTEX_WAIT", 10) ? FX_WAIT
                                           : FX_OTHER;
  }
  if (e->nargs < 2 || e->arg[1].cls != VAL_NUM)
    return FX_OTHER;
  int op = (int)(e->arg[1].v & 0x7f);
  return op == 0 || op == 9    ? FX_WAIT
         : op == 1 || op == 10 ? FX_WAKE
                               : FX_OTHER;
}

struct fx {
  size_t ev;
  int op;
  uint64_t uaddr;
  size_t proc, task;
  uint32_t start, end; /* trace lines: the call's entry and its return */
  bool paired;
};

void timing_futex_classify(struct timing *z, struct trace *t,
                           struct task_map *m) {
  if (!z->on || !rule_on(RULE_TIMING_FUTEX))
    return;
  struct fx *v = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < t->n; i++) {
    struct event *e = &t->ev[i];
    if (e->kind != EV_SYSCALL || e->name != z->futex || (e->flags & EVF_DROP))
      continue;
    bool err = e->flags & EVF_ERR;
    if (err && e->err != z->eagain && e->err != z->eintr &&
        !restart_errno(e->err))
      continue; /* EINVAL, EFAULT, ETIMEDOUT, ...: no interleaving explains them
                 */
    e->rule = RULE_TIMING_FUTEX; /* until a pairing proves it deterministic */
    struct task *k = tasks_find(m, e->pid);
    if (err || !k || e->nargs < 1 || e->arg[0].cls != VAL_NUM)
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      v = realloc(v, cap * sizeof *v);
      if (!v)
        abort();
    }
    v[n++] = (struct fx){i,
                         futex_op(e),
                         (uint64_t)e->arg[0].v,
                         k->proc,
                         (size_t)(k - m->v),
                         e->first_line ? e->first_line : e->line,
                         e->line,
                         false};
  }
  /* A wait that returned 0 while exactly one wake of the same word (same
   * process, another task) was made is that wake's: both are compared. */
  for (size_t a = 0; a < n; a++) {
    if (v[a].op != FX_WAIT || t->ev[v[a].ev].nret.cls != VAL_NUM ||
        t->ev[v[a].ev].ret != 0)
      continue;
    size_t found = 0, w = 0;
    for (size_t b = 0; b < n && found < 2; b++)
      if (v[b].op == FX_WAKE && v[b].uaddr == v[a].uaddr &&
          v[b].proc == v[a].proc && v[b].task != v[a].task &&
          v[b].start > v[a].start && v[b].start < v[a].end) {
        found++;
        w = b;
      }
    if (found == 1 && !v[w].paired) {
      v[w].paired = v[a].paired = true;
      t->ev[v[a].ev].rule = t->ev[v[w].ev].rule = RULE_NONE;
      t->ev[v[a].ev].partner = (uint32_t)v[w].ev + 1;
      t->ev[v[w].ev].partner = (uint32_t)v[a].ev + 1;
    }
  }
  free(v);
}

static bool good_read(const struct timing *z, const struct event *e) {
  return e->kind == EV_SYSCALL && e->name == z->read && !(e->flags & EVF_ERR) &&
         e->nret.cls == VAL_NUM && e->ret > 0 && e->nargs > 2 &&
         e->arg[0].cls == VAL_NUM;
}

bool timing_drop(struct timing *z, struct trace *t, size_t i) {
  struct event *e = &t->ev[i];
  if (!z->on)
    return false;
  enum rule_id r = artefact(z, e);
  if (r && rule_on(r)) {
    rule_fire(&t->fired, r);
    return true;
  }
  struct timing_last *l = last_of(z, e->pid);
  struct event *p = l->ev == (size_t)-1 ? NULL : &t->ev[l->ev];
  if (p && is_sleep(z, p) && is_sleep(z, e) &&
      rule_on(RULE_TIMING_SLEEP_FOLD)) {
    rule_fire(&t->fired, RULE_TIMING_SLEEP_FOLD);
    return true;
  }
  if (p && good_read(z, p) && good_read(z, e) &&
      (int32_t)p->arg[0].v == (int32_t)e->arg[0].v &&
      p->arg[2].cls == VAL_NUM && p->ret < p->arg[2].v &&
      rule_on(RULE_TIMING_READ_FOLD)) {
    rule_fire(&t->fired, RULE_TIMING_READ_FOLD);
    p->ret += e->ret;
    if (p->nret.cls == VAL_NUM)
      p->nret.v = p->ret;
    return true;
  }
  l->ev = i;
  return false;
}

void timing_soften(const struct timing *z, struct trace *t, struct event *e) {
  if (!z->on || !is_sleep(z, e) || !rule_on(RULE_TIMING_SLEEP_EINTR))
    return;
  bool eintr = (e->flags & EVF_ERR) && e->err == z->eintr;
  bool zero = !(e->flags & EVF_ERR) && e->nret.cls == VAL_NUM && e->nret.v == 0;
  if (eintr || zero) {
    rule_fire(&t->fired, RULE_TIMING_SLEEP_EINTR);
    e->flags &= (uint8_t) ~(EVF_ERR | EVF_RESTARTED);
    e->err = 0;
    e->nret.cls = VAL_UNKNOWN;
  }
}

void timing_free(struct timing *z) {
  free(z->last);
  idmap_free(&z->index);
  memset(z, 0, sizeof *z);
}
