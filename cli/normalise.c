/* The normalisation passes described in normalise.h, each a loop over the
 * events. Per-pid state lives in small arrays searched linearly: traces
 * have few processes. */
#define _GNU_SOURCE /* memmem */
#include "normalise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maps.h"
#include "procfds.h"
#include "restart.h"
#include "run/sandbox.h"
#include "sigdisp.h"
#include "syscall_names.h"
#include "tasks.h"
#include "timing.h"

static uint32_t ID(const char *s) {
  return intern(s);
}

static bool live(const struct event *e) {
  return !(e->flags & EVF_DROP);
}

/* ---- 1. start marker --------------------------------------------------- */

static bool exec_ok(const struct event *e, uint32_t name) {
  return e->kind == EV_SYSCALL && e->name == name && e->nret.cls == VAL_NUM &&
         e->ret == 0;
}

/* The execve of kdiff's sandbox helper: its argv carries SANDBOX_MARK_ARG
 * (strace may have cut the helper's path short, never that argument). */
static bool is_sandbox_exec(const struct event *e) {
  static const char mark[] = "\"" SANDBOX_MARK_ARG "\"";
  return e->text && memmem(e->text, e->textlen, mark, sizeof mark - 1);
}

static void drop_until_execve(struct trace *t) {
  uint32_t execve = ID("execve"), execveat = ID("execveat");
  for (size_t i = 0; i < t->n; i++) {
    if (!exec_ok(&t->ev[i], execve))
      continue;
    /* Run in the sandbox (cli/run/sandbox.h), the test starts at the
     * helper's exec of it: execve, or execveat when the program is under
     * the host's /tmp. */
    if (is_sandbox_exec(&t->ev[i]))
      for (size_t j = i + 1; j < t->n; j++)
        if (t->ev[j].pid == t->ev[i].pid &&
            (exec_ok(&t->ev[j], execve) || exec_ok(&t->ev[j], execveat))) {
          i = j;
          break;
        }
    for (size_t k = 0; k <= i; k++)
      t->ev[k].flags |= EVF_DROP;
    t->fired.n[RULE_EXECVE_PREFIX] += (uint32_t)(i + 1);
    return;
  }
}

/* ---- 3. exits ---------------------------------------------------------- */

/* What step 3 needs: the root's raw pid (the first live event's) and
 * whether any end (exit or panic) is left. Ends are near the end of a
 * trace, so that search runs backwards. */
struct exits {
  int32_t initial;
  bool have_initial, have_end;
};

static void gather_exits(const struct trace *t, struct exits *x) {
  for (size_t i = 0; i < t->n && !x->have_initial; i++)
    if (live(&t->ev[i])) {
      x->initial = t->ev[i].pid;
      x->have_initial = true;
    }
  for (size_t i = t->n; i-- > 0 && !x->have_end;)
    x->have_end = live(&t->ev[i]) &&
                  (t->ev[i].kind == EV_CRASH || t->ev[i].kind == EV_EXIT);
}

/* Closes a trace that has neither exit nor panic with a crash event (of
 * the root task). Which exits are kept is tasks_ends' business. */
static void close_trace(struct trace *t, const struct exits *x) {
  if (!x->have_end) {
    struct event *c = trace_push(t);
    c->kind = EV_CRASH;
    c->name = ID("crash");
    c->pid = x->initial;
    c->line = 0;
    c->text = "trace ended without an exit record";
    c->textlen = (uint32_t)strlen(c->text);
  }
}

/* ---- 4-6. index, arch mapping, filter ---------------------------------- */

/* Steps 4-6 for one event; *idx counts the Linux syscalls so far. */
static void number_map_filter(struct trace *t, struct event *e,
                              const struct norm_opts *o, uint32_t *idx) {
  e->orig_name = e->name;
  if (!live(e))
    return;
  e->idx = *idx;
  if (e->kind != EV_SYSCALL)
    return;
  (*idx)++;
  if (o->map_to_arm64) {
    const char *old = intern_str(e->name);
    const char *eq = sc_arm64_equivalent(old);
    if (!eq && rule_on(RULE_ARCH_ONLY)) {
      rule_fire(&t->fired, RULE_ARCH_ONLY);
      e->flags |= EVF_DROP;
      return;
    }
    if (eq && eq != old) {
      rule_fire(&t->fired, RULE_ARCH_RENAME);
      e->name = ID(eq);
      e->flags |= EVF_MAPPED;
    }
  }
  if (o->filter) {
    bool keep = false;
    for (size_t k = 0; k < o->nfilter && !keep; k++)
      keep = o->filter[k] == e->name || o->filter[k] == e->orig_name;
    if (!keep) {
      rule_fire(&t->fired, RULE_FILTER);
      e->flags |= EVF_DROP;
    }
  }
}

/* ---- 7. values --------------------------------------------------------- */

struct vstate {
  struct task_map *tasks; /* pids and tids -> task identities */
  struct maps maps;
  struct procfds procfds;  /* descriptors naming /proc files */
  struct map_space *space; /* the current event's task's (maps.h) */
  size_t task;             /* its index in tasks */
};

/* A pid value names a task (tasks.h); -pgid (kill, wait4) the negated
 * identity. 0 and -1 are not pids. */
static void to_pid(struct vstate *s, struct kval *v) {
  if (v->cls != VAL_NUM || (v->v >= -1 && v->v <= 0) || v->v > INT32_MAX ||
      v->v < -INT32_MAX)
    return;
  int32_t raw = (int32_t)(v->v < 0 ? -v->v : v->v);
  uint32_t id = tasks_value_id(s->tasks, raw);
  v->v = v->v < 0 ? -(int64_t)id : (int64_t)id;
  v->cls = VAL_PID;
}

/* An address: inside a mapping, inside the heap, NULL, or incomparable. */
static void to_addr(struct vstate *s, struct kval *v) {
  if (v->cls != VAL_NUM || v->v == 0)
    return;
  uint64_t a = (uint64_t)v->v;
  const struct mapping *m = maps_find(s->space, a);
  if (m) {
    v->cls = VAL_MAP;
    v->map = m->id;
    v->v = (int64_t)(a - m->start);
    return;
  }
  if (s->space->have_brk0 && a >= s->space->brk0 && a <= s->space->brk_top) {
    v->cls = VAL_BRK;
    v->v = (int64_t)(a - s->space->brk0);
    return;
  }
  v->cls = VAL_UNKNOWN;
}

/* What a call's name says about its values (bits of ids.role). */
enum {
  ROLE_PID_ARG0 = 1, /* its first argument is a pid */
  ROLE_PID_ARG1 = 2, /* its second argument is a pid */
  ROLE_PID_RET = 4,  /* it returns a pid */
  ROLE_GROUP = 8,    /* it returns a process group or session */
  ROLE_CREATOR = 16, /* it makes a task (returns the child's pid) */
};

struct ids {
  uint32_t brk, mmap, mremap, munmap, time, times, sigreturn, getppid, waitid;
  /* Rule proc-read-count: what opens, copies, closes and reads fds. */
  uint32_t open, openat, openat2, creat, close, dup, dup2, dup3, fcntl;
  uint32_t read, pread64, readv, preadv, preadv2;
  uint32_t outside, reaper, execve, execveat;
  /* role[name]: ROLE_* of an interned name below nrole (names interned
   * later have none). A table, not lists searched per event: this runs
   * for every event of both traces. */
  uint8_t *role;
  uint32_t nrole;
};

static void set_roles(struct ids *d, const char *const *names, int n,
                      uint8_t role, uint32_t *ids) {
  for (int i = 0; i < n; i++)
    ids[i] = ID(names[i]);
  for (int i = 0; i < n; i++) {
    if (ids[i] >= d->nrole) {
      uint32_t cap = ids[i] + 64;
      d->role = realloc(d->role, cap);
      if (!d->role)
        abort();
      memset(d->role + d->nrole, 0, cap - d->nrole);
      d->nrole = cap;
    }
    d->role[ids[i]] |= role;
  }
}

static bool has_role(const struct ids *d, uint32_t name, uint8_t role) {
  return name < d->nrole && (d->role[name] & role);
}

static void get_ids(struct ids *d) {
  d->brk = ID("brk");
  d->mmap = ID("mmap");
  d->mremap = ID("mremap");
  d->munmap = ID("munmap");
  d->time = ID("time");
  d->times = ID("times");
  d->getppid = ID("getppid");
  d->waitid = ID("waitid");
  d->sigreturn = ID("rt_sigreturn");
  d->open = ID("open");
  d->openat = ID("openat");
  d->openat2 = ID("openat2");
  d->creat = ID("creat");
  d->close = ID("close");
  d->dup = ID("dup");
  d->dup2 = ID("dup2");
  d->dup3 = ID("dup3");
  d->fcntl = ID("fcntl");
  d->read = ID("read");
  d->pread64 = ID("pread64");
  d->readv = ID("readv");
  d->preadv = ID("preadv");
  d->preadv2 = ID("preadv2");
  d->role = NULL;
  d->nrole = 0;
  uint32_t tmp[16];
  static const char *group[3] = {"getpgid", "getpgrp", "getsid"};
  static const char *creators[4] = {"fork", "vfork", "clone", "clone3"};
  set_roles(d, group, 3, ROLE_GROUP, tmp);
  d->outside = ID("outside");
  d->reaper = ID("reaper");
  d->execve = ID("execve");
  d->execveat = ID("execveat");
  set_roles(d, creators, 4, ROLE_CREATOR, tmp);
  /* Calls that return a pid/tid, and calls whose first argument is one:
   * the list's kinds cannot say "pid". */
  static const char *ret[13] = {
      "fork",    "vfork",   "clone", "clone3",          "getpid",
      "gettid",  "getppid", "wait4", "set_tid_address", "getpgid",
      "getpgrp", "getsid",  "setsid"};
  static const char *arg0[16] = {"kill",
                                 "tkill",
                                 "tgkill",
                                 "wait4",
                                 "setpgid",
                                 "getpgid",
                                 "getsid",
                                 "sched_setaffinity",
                                 "sched_getaffinity",
                                 "sched_getparam",
                                 "sched_setscheduler",
                                 "prlimit64",
                                 "rt_sigqueueinfo",
                                 "rt_tgsigqueueinfo",
                                 "pidfd_open",
                                 "sched_getscheduler"};
  static const char *arg1[4] = {"tgkill", "setpgid", "rt_tgsigqueueinfo",
                                "waitid"};
  set_roles(d, ret, 13, ROLE_PID_RET, tmp);
  set_roles(d, arg0, 16, ROLE_PID_ARG0, tmp);
  set_roles(d, arg1, 4, ROLE_PID_ARG1, tmp);
}

static void norm_call(struct vstate *s, const struct ids *d, struct event *e,
                      int32_t raw_pid, struct rule_counts *fired) {
  bool ok = !(e->flags & EVF_ERR) && e->nret.cls == VAL_NUM;
  if (e->flags & EVF_ERR) {
    e->nret.cls = VAL_UNKNOWN; /* -1 vs -errno: the errno name is compared */
    e->nret.v = 0;
  }
  int listed = sc_nargs(e->name);
  if (listed >= 0 && e->nargs > listed)
    e->nargs =
        (uint8_t)listed; /* the libos logs six registers for every call */
  /* Arguments by kind (mapped calls: the argument lists differ, skip). */
  bool cut = false;
  for (int i = 0; i < e->nargs; i++) {
    struct kval *v = &e->arg[i];
    if (e->flags & EVF_MAPPED) {
      v->cls = VAL_UNKNOWN;
      continue;
    }
    switch (sc_arg_kind(e->name, i)) {
    case AK_INT:
    case AK_FD:
      v->v = (int32_t)v->v; /* the upper register half is not part of an int */
      break;
    case AK_UINT:
      v->v = (uint32_t)v->v;
      break;
    case AK_SIZE:
    case AK_HEX:
    case AK_OCT:
      break;
    case AK_ADDR:
      if (e->name == d->brk) {
        if (v->cls == VAL_NUM && v->v != 0 && s->space->have_brk0) {
          /* Below the initial break is some other region, placed
           * differently on each machine: not comparable. */
          if ((uint64_t)v->v < s->space->brk0) {
            v->cls = VAL_UNKNOWN;
          } else if ((uint64_t)v->v >= (1ull << 47)) {
            ; /* beyond any user address: a constant, compared as is */
          } else {
            v->cls = VAL_BRK;
            v->v = (int64_t)((uint64_t)v->v - s->space->brk0);
          }
        }
      } else {
        to_addr(s, v);
      }
      break;
    case AK_PTR:
      if (!(v->cls == VAL_NUM && v->v == 0))
        v->cls = VAL_UNKNOWN;
      break;
    case AK_STR:
      /* The string itself (both readers decode it), else NULL or not
       * comparable (a pointer neither side could read). */
      if (v->cls == VAL_STRCUT && rule_on(RULE_STR_PREFIX))
        cut = true;
      else if (v->cls != VAL_STR && v->cls != VAL_STRCUT &&
               !(v->cls == VAL_NUM && v->v == 0))
        v->cls = VAL_UNKNOWN;
      break;
    default:
      v->cls = VAL_UNKNOWN;
    }
  }
  for (int i = 0; i < e->nargs; i++)
    if (e->arg[i].cls == VAL_UNKNOWN) {
      rule_fire(fired, RULE_WILDCARD_ARG); /* counted once per call */
      break;
    }
  if (cut)
    rule_fire(fired, RULE_STR_PREFIX); /* once per call */
  if (has_role(d, e->name, ROLE_PID_ARG0) && e->nargs > 0)
    to_pid(s, &e->arg[0]);
  /* waitid(P_PIDFD, fd, ...): the second argument is a descriptor. */
  bool pidfd_wait =
      e->name == d->waitid && e->arg[0].cls == VAL_NUM && e->arg[0].v == 3;
  if (has_role(d, e->name, ROLE_PID_ARG1) && e->nargs > 1 && !pidfd_wait)
    to_pid(s, &e->arg[1]);
  /* Results. */
  if (e->name == d->brk && ok) {
    uint64_t r = (uint64_t)e->ret;
    if (!s->space->have_brk0) {
      s->space->have_brk0 = true;
      s->space->brk0 = s->space->brk_top = r;
    }
    if (r > s->space->brk_top)
      s->space->brk_top = r;
    e->nret.cls = VAL_BRK;
    e->nret.v = (int64_t)(r - s->space->brk0);
  } else if ((e->name == d->mmap || e->name == d->mremap) && ok) {
    int li = e->name == d->mmap ? 1 : 2;
    uint64_t len = e->nargs > li ? (uint64_t)e->arg[li].v : 0;
    uint32_t id =
        maps_add(&s->maps, s->space, s->tasks, s->task, (uint64_t)e->ret, len);
    e->nret.cls = VAL_MAP;
    e->nret.map = id;
    e->nret.v = 0;
  } else if (e->name == d->getppid && ok) {
    /* The root's parent is outside the tree (Linux's strace, the library
     * OS's nobody: 0). Any other process's parent is its creator's process
     * until that ends; then the reaper: outside on Linux (init or a
     * subreaper), the root on the library OS (it is init). */
    struct task *me = tasks_find(s->tasks, raw_pid);
    struct task *k = e->ret > 0 && e->ret <= INT32_MAX
                         ? tasks_find(s->tasks, (int32_t)e->ret)
                         : NULL;
    bool root =
        !me || !me->known || s->tasks->v[me->proc].raw == s->tasks->root_raw;
    e->nret.cls = VAL_PID;
    if (root && (!k || !k->known))
      e->nret.v = d->outside;
    else if (!root &&
             (!k || s->tasks->v[me->proc].parent != (size_t)(k - s->tasks->v)))
      e->nret.v = d->reaper;
    else
      e->nret.v = k->id;
  } else if (has_role(d, e->name, ROLE_PID_RET) && ok) {
    /* The group and session the root inherits from its launcher: on Linux
     * the shell's (a pid outside the tree), in the library OS the root's
     * own (it is pid 1). Both name the root's. */
    struct task *k = e->ret > 0 && e->ret <= INT32_MAX
                         ? tasks_find(s->tasks, (int32_t)e->ret)
                         : NULL;
    if (has_role(d, e->name, ROLE_GROUP) && e->ret > 0 && e->ret <= INT32_MAX &&
        (!k || !k->known))
      tasks_alias(s->tasks, (int32_t)e->ret, ID("1"));
    to_pid(s, &e->nret);
  } else if ((e->name == d->time || (e->name == d->times && ok) ||
              (e->name == d->sigreturn && ok)) &&
             rule_on(RULE_CLOCK_RESULT)) {
    /* A time (times(): clock ticks since boot), or rt_sigreturn's: the
     * interrupted context's return register. */
    rule_fire(fired, RULE_CLOCK_RESULT);
    e->nret.cls = VAL_UNKNOWN;
  }
  if ((e->flags & EVF_MAPPED) && !sc_arm64_same_result(e->orig_name)) {
    e->nret.cls = VAL_UNKNOWN; /* a stand-in call with another result: */
    e->flags |= EVF_NORESULT;  /* only its errno is compared */
  }
}

static bool num_arg(const struct event *e, int i) {
  return e->nargs > i && e->arg[i].cls == VAL_NUM;
}

/* Rule proc-read-count: follow which descriptors name /proc files, and
 * make a positive count read from one VAL_SOME. Runs on the raw values
 * (fds are never renamed). */
static void proc_reads(struct vstate *s, const struct ids *d, struct event *e,
                       struct rule_counts *fired) {
  bool ok = !(e->flags & EVF_ERR) && e->nret.cls == VAL_NUM;
  uint32_t n = e->name;
  if ((n == d->open || n == d->creat || n == d->openat || n == d->openat2) &&
      ok) {
    int pi = n == d->open || n == d->creat ? 0 : 1;
    const struct kval *p = e->nargs > pi ? &e->arg[pi] : 0;
    bool at_proc =
        pi == 1 && num_arg(e, 0) &&
        procfds_is(&s->procfds, s->tasks, s->task, (int32_t)e->arg[0].v);
    bool is = p && (p->cls == VAL_STR || p->cls == VAL_STRCUT) &&
              procfds_path_is_proc(intern_str((uint32_t)p->v), at_proc);
    procfds_set(&s->procfds, s->tasks, s->task, e->ret, is);
  } else if (n == d->close && num_arg(e, 0)) {
    procfds_set(&s->procfds, s->tasks, s->task, (int32_t)e->arg[0].v, false);
  } else if ((n == d->dup || n == d->dup2 || n == d->dup3 ||
              (n == d->fcntl && num_arg(e, 1) &&
               (e->arg[1].v == 0 ||
                e->arg[1].v == 1030))) && /* F_DUPFD(_CLOEXEC) */
             ok &&
             num_arg(e, 0)) {
    bool is = procfds_is(&s->procfds, s->tasks, s->task, (int32_t)e->arg[0].v);
    procfds_set(&s->procfds, s->tasks, s->task, e->ret, is);
  } else if ((n == d->read || n == d->pread64 || n == d->readv ||
              n == d->preadv || n == d->preadv2) &&
             ok && e->ret > 0 && num_arg(e, 0) &&
             procfds_is(&s->procfds, s->tasks, s->task, (int32_t)e->arg[0].v) &&
             rule_on(RULE_PROC_READ_COUNT)) {
    rule_fire(fired, RULE_PROC_READ_COUNT);
    e->nret.cls = VAL_SOME;
  }
}

/* Step 7 for one event. */
static void normalise_value(struct vstate *s, const struct ids *d,
                            struct event *e, struct rule_counts *fired) {
  /* A panic has no task: it ends the root's sequence. */
  int32_t raw_pid = e->pid;
  e->pid = e->kind == EV_CRASH ? (int32_t)ID("1")
                               : (int32_t)tasks_value_id(s->tasks, e->pid);
  if (e->kind != EV_SYSCALL || !live(e))
    return;
  /* munmap must see the mapping before its address is renamed. */
  uint64_t raw0 = e->nargs ? (uint64_t)e->arg[0].v : 0;
  uint64_t raw1 = e->nargs > 1 ? (uint64_t)e->arg[1].v : 0;
  bool num01 =
      e->nargs > 1 && e->arg[0].cls == VAL_NUM && e->arg[1].cls == VAL_NUM;
  struct task *k = tasks_find(s->tasks, raw_pid); /* made by tasks_value_id */
  s->task = (size_t)(k - s->tasks->v);
  s->space = maps_space(&s->maps, s->tasks, s->task);
  proc_reads(s, d, e, fired);
  norm_call(s, d, e, raw_pid, fired);
  bool ok = !(e->flags & EVF_ERR);
  if (e->name == d->munmap && num01 && ok)
    maps_drop(s->space, raw0, raw1);
  else if ((e->name == d->execve || e->name == d->execveat) && ok)
    maps_exec(s->space);
  else if (has_role(d, e->name, ROLE_CREATOR) && ok && e->ret > 0 &&
           e->ret <= INT32_MAX) {
    /* A forked child's memory is its parent's as of now, whenever its
     * first event comes in the file. */
    struct task *c = tasks_find(s->tasks, (int32_t)e->ret);
    if (c && !c->thread && c->known)
      maps_space(&s->maps, s->tasks, (size_t)(c - s->tasks->v));
  }
}

/* ---- 8. keys ----------------------------------------------------------- */

static uint64_t mix(uint64_t h, uint64_t x) {
  h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdull;
}

static void compute_key(struct event *e) {
  uint64_t h = mix(e->kind, e->name);
  h = mix(h, e->err);
  h = mix(h, e->code);
  /* Not the result: one side may not be able to compare it (EVF_NORESULT),
   * and the key must agree wherever norm_equal does. */
  e->key = (uint32_t)(h >> 32);
}

/* Steps 1-3 are passes of their own over the raw events (tasks are named
 * first: the ignored-signal pass needs each task's process); 4-8 and the
 * timing rules share one last pass. */
void normalise(struct trace *t, const struct norm_opts *o) {
  struct task_map tm = {0};
  if (o->linux_side)
    drop_until_execve(t);
  tasks_build(t, &tm);
  if (o->linux_side && rule_on(RULE_IGNORED_SIGNAL))
    sig_drop_ignored(t, &tm);
  restart_fold(t);
  struct exits x = {0};
  gather_exits(t, &x);
  close_trace(t, &x);
  if (trace_multi_task(t))
    tasks_ends(t, &tm, o->linux_side); /* one task: its exit is the root's */
  struct vstate vs = {.tasks = &tm};
  struct ids d;
  get_ids(&d);
  struct timing z;
  size_t ntasks = 0;
  for (size_t k = 0; k < tm.n; k++)
    ntasks += tm.v[k].known;
  timing_init(&z, ntasks);
  timing_futex_classify(&z, t, &tm);
  uint32_t idx = 0;
  for (size_t i = 0; i < t->n; i++) {
    struct event *e = &t->ev[i];
    number_map_filter(t, e, o, &idx);
    if (live(e) && timing_drop(&z, t, i))
      e->flags |= EVF_DROP;
    normalise_value(&vs, &d, e, &t->fired);
    if (live(e))
      timing_soften(&z, t, e);
    compute_key(e);
  }
  t->nsys = idx;
  free(d.role);
  timing_free(&z);
  tasks_free(&tm);
  maps_free(&vs.maps);
  procfds_free(&vs.procfds);
}

static bool is_str(const struct kval *v) {
  return v->cls == VAL_STR || v->cls == VAL_STRCUT;
}

/* Rule str-prefix: a cut string agrees with any string that starts with
 * it (both cut: the shorter is the common prefix). */
static bool prefix_eq(const struct kval *a, const struct kval *b) {
  const char *x = intern_str((uint32_t)a->v), *y = intern_str((uint32_t)b->v);
  size_t nx = strlen(x), ny = strlen(y);
  if ((a->cls == VAL_STR && nx < ny) || (b->cls == VAL_STR && ny < nx))
    return false; /* the whole string is shorter than the other's prefix */
  return memcmp(x, y, nx < ny ? nx : ny) == 0;
}

bool norm_val_equal(const struct kval *a, const struct kval *b) {
  if (is_str(a) && is_str(b) &&
      (a->cls == VAL_STRCUT || b->cls == VAL_STRCUT) &&
      rule_on(RULE_STR_PREFIX))
    return a->v == b->v || prefix_eq(a, b);
  if (a->cls != b->cls)
    return false;
  if (a->cls == VAL_UNKNOWN || a->cls == VAL_SOME)
    return true;
  return a->v == b->v && (a->cls != VAL_MAP || a->map == b->map);
}

bool norm_equal(const struct event *a, const struct event *b) {
  if (a->key != b->key || a->kind != b->kind || a->name != b->name ||
      a->err != b->err)
    return false;
  /* A signal's si_code, an exit's killing signal: a missing one never
   * matches a present one (the kernel always records the code). */
  if (a->code != b->code)
    return false;
  if (!((a->flags | b->flags) & EVF_NORESULT) &&
      !norm_val_equal(&a->nret, &b->nret))
    return false;
  if (a->kind != EV_SYSCALL)
    return true;
  int n = a->nargs < b->nargs ? a->nargs : b->nargs;
  for (int i = 0; i < n; i++)
    if (a->arg[i].cls != VAL_UNKNOWN && b->arg[i].cls != VAL_UNKNOWN &&
        !norm_val_equal(&a->arg[i], &b->arg[i]))
      return false;
  return true;
}

void norm_drop_signals(struct trace *t) {
  if (!rule_on(RULE_SIGNALS_UNTRACED))
    return;
  for (size_t i = 0; i < t->n; i++)
    if (t->ev[i].kind == EV_SIGNAL && !(t->ev[i].flags & EVF_DROP)) {
      t->ev[i].flags |= EVF_DROP;
      rule_fire(&t->fired, RULE_SIGNALS_UNTRACED);
    }
}

/* s as strace quotes it ("\n", "\303"), then "..." when cut; cut itself
 * short with "..." when buf is full. */
static void str_quote(const char *s, bool cut, char *buf, size_t n) {
  if (n < 8) {
    if (n)
      buf[0] = 0;
    return;
  }
  size_t k = 0;
  buf[k++] = '"';
  for (; *s && k + 8 < n; s++) {
    unsigned char c = (unsigned char)*s;
    const char *m = strchr("\"\\\f\n\r\t\v", c);
    if (m) {
      buf[k++] = '\\';
      buf[k++] = "\"\\fnrtv"[m - "\"\\\f\n\r\t\v"];
    } else if (c < 0x20 || c >= 0x7f) {
      k += (size_t)snprintf(buf + k, n - k, "\\%o", c);
    } else {
      buf[k++] = (char)c;
    }
  }
  buf[k++] = '"';
  if (cut || *s)
    k += (size_t)snprintf(buf + k, n - k, "...");
  buf[k] = 0;
}

const char *norm_value_str(const struct kval *v, char *buf, size_t n) {
  switch (v->cls) {
  case VAL_SOME: /* the count as read; its size is not compared */
  case VAL_NUM:
    if (v->v < 0 || v->v < 4096)
      snprintf(buf, n, "%lld", (long long)v->v);
    else
      snprintf(buf, n, "%#llx", (unsigned long long)v->v);
    break;
  case VAL_BRK:
    if (v->v == 0)
      snprintf(buf, n, "brk0");
    else if (v->v > 0)
      snprintf(buf, n, "brk0+%#llx", (unsigned long long)v->v);
    else
      snprintf(buf, n, "brk0-%#llx", (unsigned long long)-v->v);
    break;
  case VAL_MAP:
    if (v->v)
      snprintf(buf, n, "map#%s+%#llx", intern_str(v->map),
               (unsigned long long)v->v);
    else
      snprintf(buf, n, "map#%s", intern_str(v->map));
    break;
  case VAL_PID:
    snprintf(buf, n, "%spid#%s", v->v < 0 ? "-" : "",
             intern_str((uint32_t)(v->v < 0 ? -v->v : v->v)));
    break;
  case VAL_STR:
  case VAL_STRCUT:
    str_quote(intern_str((uint32_t)v->v), v->cls == VAL_STRCUT, buf, n);
    break;
  default:
    snprintf(buf, n, "?");
  }
  return buf;
}
