/* Folding of interrupted calls (restart.h): one walk over the events with
 * a small per-task array of the calls waiting for their signal's end.
 * Traces have few tasks with a call interrupted at the same time, so the
 * array is searched linearly. */
#include "restart.h"

#include <stdlib.h>
#include <string.h>

#include "trace.h"

static bool live(const struct event *e) { return !(e->flags & EVF_DROP); }

/* A call waiting for the end of its interruption. */
struct pend {
  int32_t pid;
  size_t ev;       /* the interrupted call */
  bool eintr;      /* spelt as a plain EINTR (eintr-fold), else ERESTART* */
  bool returned;   /* ERESTART*: rt_sigreturn seen, the call again is next */
  uint32_t frames; /* EINTR: signal frames delivered and not yet popped */
};

struct walk {
  struct trace *t;
  struct pend *v;
  size_t n, cap;
  uint32_t sigreturn, restart_syscall, eintr;
};

static bool is_restart_err(uint32_t err) {
  return strncmp(intern_str(err), "ERESTART", 8) == 0;
}

static bool failed_with(const struct event *e, uint32_t err) {
  return (e->flags & EVF_ERR) && e->err == err;
}

static const char *const spell_names[SPELL_COUNT] = {
    [SPELL_ERESTARTSYS] = "ERESTARTSYS",
    [SPELL_ERESTARTNOINTR] = "ERESTARTNOINTR",
    [SPELL_ERESTARTNOHAND] = "ERESTARTNOHAND",
    [SPELL_ERESTART_RESTARTBLOCK] = "ERESTART_RESTARTBLOCK",
    [SPELL_ERESTART_OTHER] = "ERESTART*",
    [SPELL_EINTR] = "EINTR",
};

const char *restart_spelling_name(enum restart_spelling s) {
  return (unsigned)s < SPELL_COUNT ? spell_names[s] : "?";
}

static enum restart_spelling spelling_of(uint32_t err) {
  const char *s = intern_str(err);
  for (int k = 0; k < SPELL_ERESTART_OTHER; k++)
    if (!strcmp(s, spell_names[k]))
      return (enum restart_spelling)k;
  return SPELL_ERESTART_OTHER;
}

static void take_result(struct event *dst, const struct event *src) {
  dst->ret = src->ret;
  dst->nret = src->nret;
  dst->err = src->err;
  dst->flags = (uint8_t)((dst->flags & ~EVF_ERR) | (src->flags & EVF_ERR) |
                         EVF_RESTARTED);
}

/* A call its task's end cut short: strace prints `= ?` (the call never
 * returned), the kernel's record may carry the ERESTART* it unwound with.
 * Either way the program never saw a result. */
static void cut_by_death(struct trace *t, struct event *c) {
  if (!rule_on(RULE_CUT_SHORT))
    return;
  rule_fire(&t->fired, RULE_CUT_SHORT);
  t->restarts.cut_short++;
  c->flags &= (uint8_t)~EVF_ERR;
  c->err = 0;
  c->ret = 0;
  c->nret.cls = VAL_UNKNOWN;
}

static struct pend *find(struct walk *w, int32_t pid) {
  for (size_t k = 0; k < w->n; k++)
    if (w->v[k].pid == pid)
      return &w->v[k];
  return NULL;
}

static void forget(struct walk *w, struct pend *r) { *r = w->v[--w->n]; }

static void start(struct walk *w, struct event *e, bool eintr) {
  if (w->n == w->cap) {
    w->cap = w->cap ? w->cap * 2 : 8;
    w->v = realloc(w->v, w->cap * sizeof *w->v);
    if (!w->v)
      abort();
  }
  w->v[w->n++] = (struct pend){.pid = e->pid,
                               .ev = (size_t)(e - w->t->ev),
                               .eintr = eintr};
}

/* An event of a task whose call is waiting in r, ERESTART* spelling.
 * Returns true when the event was consumed by the fold. */
static bool step_restart(struct walk *w, struct pend *r, struct event *e) {
  struct trace *t = w->t;
  struct event *c = &t->ev[r->ev];
  if (e->kind == EV_SIGNAL) {
    if (!c->restart_sig)
      c->restart_sig = e->name;
    return true;
  }
  if (e->kind == EV_EXIT) {
    if (!r->returned)
      cut_by_death(t, c);
    forget(w, r);
    return true;
  }
  if (e->kind != EV_SYSCALL)
    return false;
  if (e->name == w->sigreturn) {
    e->flags |= EVF_DROP;
    if ((e->flags & EVF_ERR) && !is_restart_err(e->err)) {
      take_result(c, e); /* not restarted: the call fails (EINTR) */
      t->restarts.eintr++;
      forget(w, r);
    } else {
      r->returned = true;
    }
    return true;
  }
  if (e->name == c->name || e->name == w->restart_syscall) {
    /* The call again (or restart_syscall resuming it): the repeat's
     * arguments are the real ones unless it is restart_syscall's. */
    e->flags |= EVF_DROP;
    if (c->nargs == 0 || (e->flags & EVF_RESTARTED) == 0) {
      c->nargs = e->nargs;
      memcpy(c->arg, e->arg, sizeof c->arg);
      c->text = e->text;
      c->textlen = e->textlen;
    }
    take_result(c, e);
    if ((c->flags & EVF_ERR) && is_restart_err(c->err)) {
      r->returned = false; /* interrupted again: keep folding */
    } else {
      t->restarts.restarted++;
      forget(w, r);
    }
    return true;
  }
  if (!r->returned)
    return true; /* a call made by the signal handler */
  forget(w, r);  /* something else ran: no restart happened */
  return false;
}

/* The same, plain EINTR spelling: only the rt_sigreturn that pops the
 * signal's frame is folded, and only when it returns the call's EINTR. */
static bool step_eintr(struct walk *w, struct pend *r, struct event *e) {
  struct trace *t = w->t;
  struct event *c = &t->ev[r->ev];
  if (e->kind == EV_SIGNAL) {
    if (!r->frames)
      c->restart_sig = e->name;
    r->frames++;
    return true;
  }
  if (e->kind == EV_EXIT || r->frames == 0) {
    /* Ended first, or the call was not followed by a signal: its EINTR is
     * the call's own (another task's signal, say), nothing to fold. */
    c->restart_sig = 0;
    forget(w, r);
    return false;
  }
  if (e->kind != EV_SYSCALL)
    return false;
  if (e->name != w->sigreturn || --r->frames > 0)
    return true; /* a handler's call, or a nested handler's return */
  if (failed_with(e, w->eintr)) {
    e->flags |= EVF_DROP;
    rule_fire(&t->fired, RULE_EINTR_FOLD);
    t->restarts.spelling[SPELL_EINTR]++;
    t->restarts.eintr++;
  } else {
    c->restart_sig = 0; /* a context other than the call's: left as is */
  }
  forget(w, r);
  return true;
}

void restart_fold(struct trace *t) {
  bool on_restart = rule_on(RULE_RESTART_FOLD), on_eintr = rule_on(RULE_EINTR_FOLD);
  if (!on_restart && !on_eintr)
    return;
  /* strace names the resumed call (restart_syscall(<... resuming
   * interrupted X ...>), read as X); the kernel's trace says
   * restart_syscall. */
  struct walk w = {.t = t,
                   .sigreturn = intern("rt_sigreturn"),
                   .restart_syscall = intern("restart_syscall"),
                   .eintr = intern("EINTR")};
  for (size_t i = 0; i < t->n; i++) {
    struct event *e = &t->ev[i];
    if (!live(e))
      continue;
    struct pend *r = w.n ? find(&w, e->pid) : NULL;
    if (r && (r->eintr ? step_eintr(&w, r, e) : step_restart(&w, r, e)))
      continue;
    if (e->kind != EV_SYSCALL || !(e->flags & EVF_ERR) || e->name == w.sigreturn)
      continue;
    if (on_restart && is_restart_err(e->err)) {
      rule_fire(&t->fired, RULE_RESTART_FOLD);
      t->restarts.spelling[spelling_of(e->err)]++;
      start(&w, e, false);
    } else if (on_eintr && e->err == w.eintr) {
      start(&w, e, true); /* counted once its rt_sigreturn is found */
    }
  }
  /* Still pending at the end: the task made nothing after (another
   * thread's exit_group ended it, or the trace did). */
  for (size_t k = 0; k < w.n; k++)
    if (!w.v[k].eintr && !w.v[k].returned)
      cut_by_death(t, &t->ev[w.v[k].ev]);
  free(w.v);
}
