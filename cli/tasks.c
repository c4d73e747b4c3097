/* Task identities from the creation tree, and per-task ends (tasks.h).
 * Tasks are an array in order of appearance, found by raw pid through an
 * index (idmap.h) behind a one-entry cache: events come in runs of a task. */
#include "tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool task_live(const struct event *e) {
  return !(e->flags & EVF_DROP);
}

static struct task *add(struct task_map *m, int32_t raw) {
  if (m->n == m->cap) {
    m->cap = m->cap ? m->cap * 2 : 16;
    m->v = realloc(m->v, m->cap * sizeof *m->v);
    if (!m->v)
      abort();
  }
  struct task *k = &m->v[m->n];
  memset(k, 0, sizeof *k);
  k->raw = raw;
  k->proc = m->n;
  k->parent = (size_t)-1;
  k->last_sys = -1;
  idmap_put(&m->index, (uint32_t)raw, m->n);
  m->cache = m->n++;
  return k;
}

struct task *tasks_find(struct task_map *m, int32_t raw) {
  if (m->cache < m->n && m->v[m->cache].raw == raw)
    return &m->v[m->cache];
  long i = idmap_get(&m->index, (uint32_t)raw);
  if (i < 0)
    return NULL;
  m->cache = (size_t)i;
  return &m->v[i];
}

static struct task *get(struct task_map *m, int32_t raw) {
  struct task *k = tasks_find(m, raw);
  return k ? k : add(m, raw);
}

static uint32_t ext_name(struct task_map *m) {
  char b[24];
  snprintf(b, sizeof b, "x%u", ++m->next_ext);
  return intern(b);
}

uint32_t tasks_value_id(struct task_map *m, int32_t raw) {
  struct task *k = get(m, raw);
  if (!k->id)
    k->id = ext_name(m);
  return k->id;
}

void tasks_alias(struct task_map *m, int32_t raw, uint32_t id) {
  struct task *k = get(m, raw);
  if (!k->known)
    k->id = id;
}

static bool is_creator(const struct event *e, const uint32_t names[4]) {
  return e->kind == EV_SYSCALL && !(e->flags & EVF_ERR) &&
         e->nret.cls == VAL_NUM && e->ret > 0 &&
         (e->name == names[0] || e->name == names[1] || e->name == names[2] ||
          e->name == names[3]);
}

/* CLONE_THREAD: strace spells the flags out; the kernel's record has the
 * raw flags register (clone's first argument on both arches). */
static bool makes_thread(const struct event *e) {
  if (e->text) {
    for (uint32_t i = 0; i + 12 <= e->textlen; i++)
      if (e->text[i] == 'C' && memcmp(e->text + i, "CLONE_THREAD", 12) == 0)
        return true;
    return false;
  }
  return e->nargs > 0 && e->arg[0].cls == VAL_NUM && (e->arg[0].v & 0x10000);
}

struct edge {
  int32_t parent, child;
  uint32_t k;
  bool thread;
};

/* One pid: the root only, without a pass over the events. */
static void root_only(const struct trace *t, struct task_map *m) {
  for (size_t i = 0; i < t->n; i++)
    if (task_live(&t->ev[i]) && t->ev[i].kind != EV_CRASH) {
      struct task *k = add(m, t->ev[i].pid);
      k->id = intern("1");
      k->known = true;
      m->root_raw = k->raw;
      return;
    }
}

void tasks_build(const struct trace *t, struct task_map *m) {
  if (!trace_multi_task(t)) {
    root_only(t, m);
    return;
  }
  const uint32_t names[4] = {intern("fork"), intern("vfork"), intern("clone"),
                             intern("clone3")};
  struct edge *ed = NULL;
  size_t ne = 0, cap = 0;
  bool have_root = false;
  for (size_t i = 0; i < t->n; i++) {
    const struct event *e = &t->ev[i];
    if (!task_live(e) || e->kind == EV_CRASH)
      continue;
    struct task *k = get(m, e->pid);
    if (!have_root) {
      have_root = true;
      m->root_raw = e->pid;
      k->id = intern("1");
      k->known = true;
    }
    if (!is_creator(e, names))
      continue;
    if (ne == cap) {
      cap = cap ? cap * 2 : 16;
      ed = realloc(ed, cap * sizeof *ed);
      if (!ed)
        abort();
    }
    /* fork and vfork have no flags: their registers hold leftovers. */
    bool thread = e->name == names[2] && makes_thread(e);
    ed[ne++] = (struct edge){e->pid, (int32_t)e->ret, ++k->made, thread};
    get(m, (int32_t)e->ret);
  }
  /* Resolve paths from the root down; a child's line may precede its
   * creator's in the file, so repeat until nothing changes. */
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < ne; i++) {
      struct task *p = tasks_find(m, ed[i].parent),
                  *c = tasks_find(m, ed[i].child);
      if (!p->known || c->known)
        continue;
      char b[256];
      snprintf(b, sizeof b, "%s.%u", intern_str(p->id), ed[i].k);
      c->id = intern(b);
      c->known = true;
      c->thread = ed[i].thread;
      c->proc = c->thread ? p->proc : (size_t)(c - m->v);
      c->parent = c->thread ? m->v[p->proc].parent : p->proc;
      changed = true;
    }
  }
  free(ed);
  for (size_t i = 0; i < m->n; i++)
    if (!m->v[i].known && !m->v[i].id)
      m->v[i].id = ext_name(m);
}

/* ---- ends ---------------------------------------------------------------- */

static struct event *push_exit(struct trace *t, int32_t raw, int64_t status,
                               uint32_t sig) {
  struct event *x = trace_push(t);
  x->kind = EV_EXIT;
  x->name = intern("exit");
  x->pid = raw;
  x->code = sig;
  x->ret = sig ? 0 : status & 0xff;
  x->nret.cls = VAL_NUM;
  x->nret.v = x->ret;
  return x;
}

void tasks_ends(struct trace *t, struct task_map *m, bool linux_side) {
  uint32_t exit_id = intern("exit"), group_id = intern("exit_group"),
           kill_id = intern("SIGKILL");
  size_t n0 = t->n;
  bool *has_end = calloc(m->n + 1, sizeof *has_end);
  if (!has_end)
    abort();
  /* What ended each process that has no exit record (libos side): the
   * last exit_group wins, and any fatal signal beats it. */
  int64_t *group_st = malloc((m->n + 1) * sizeof *group_st);
  uint32_t *fatal = calloc(m->n + 1, sizeof *fatal);
  if (!group_st || !fatal)
    abort();
  for (size_t i = 0; i < m->n; i++)
    group_st[i] = -1;
  bool per_process =
      false; /* libos: an exit record of a process other than the root */
  /* One pass (traces can be large): an exit comes after its task's calls,
   * so last_sys is final for that task when its exit is met. */
  for (size_t i = 0; i < n0; i++) {
    struct event *e = &t->ev[i];
    if (!task_live(e))
      continue;
    struct task *k = tasks_find(m, e->pid);
    if (!k)
      continue;
    size_t ki = (size_t)(k - m->v);
    if (e->kind == EV_SYSCALL) {
      k->last_sys = (int64_t)i;
      if (e->name == group_id && e->nargs > 0 && e->arg[0].cls == VAL_NUM)
        group_st[k->proc] = e->arg[0].v & 0xff;
    } else if (e->kind == EV_EXIT) {
      bool own_exit = k->last_sys >= 0 && t->ev[k->last_sys].name == exit_id;
      if (has_end[ki] || (k->thread && !own_exit)) {
        e->flags |= EVF_DROP;
        rule_fire(&t->fired, RULE_THREAD_END);
      } else {
        has_end[ki] = true;
        per_process |= k->raw != m->root_raw;
      }
    } else if (e->kind == EV_SIGNAL && !linux_side) {
      if ((e->flags & EVF_FATAL) && !fatal[k->proc])
        fatal[k->proc] = e->name;
      if (e->name == kill_id && rule_on(RULE_SIGKILL_RECORD)) {
        e->flags |= EVF_DROP;
        rule_fire(&t->fired, RULE_SIGKILL_RECORD);
      }
    }
  }
  if (!linux_side) {
    for (size_t i = 0; i < m->n; i++) {
      struct task *k = &m->v[i];
      if (has_end[i] || !k->known)
        continue;
      /* A process may die (SIGKILL) before its first call: no last call. */
      const struct event *last = k->last_sys >= 0 ? &t->ev[k->last_sys] : NULL;
      /* An end is made only from a status the record gave as a number. */
      bool own_exit = last && last->name == exit_id && last->nargs > 0 &&
                      last->arg[0].cls == VAL_NUM;
      if (k->thread) {
        if (own_exit) {
          push_exit(t, k->raw, last->arg[0].v, 0);
          rule_fire(&t->fired, RULE_THREAD_END);
        }
        continue;
      }
      /* The kernel records every process's end; only a trace from before
       * it did (pid 1's record alone) has ends to derive. */
      if (per_process || !rule_on(RULE_DERIVED_EXIT))
        continue;
      size_t before = t->n;
      if (fatal[i]) {
        push_exit(t, k->raw, 0, fatal[i]);
      } else if (group_st[i] >= 0) {
        push_exit(t, k->raw, group_st[i], 0);
      } else if (own_exit) {
        push_exit(t, k->raw, last->arg[0].v, 0);
      }
      if (t->n > before)
        rule_fire(&t->fired, RULE_DERIVED_EXIT);
    }
  }
  free(group_st);
  free(fatal);
  free(has_end);
}

/* ---- order --------------------------------------------------------------- */

int task_cmp(uint32_t a, uint32_t b) {
  if (a == b)
    return 0;
  const char *x = intern_str(a), *y = intern_str(b);
  bool xe = *x == 'x', ye = *y == 'x';
  if (xe != ye)
    return xe ? 1 : -1;
  if (xe)
    return (int)(strtoul(x + 1, NULL, 10) > strtoul(y + 1, NULL, 10)) -
           (int)(strtoul(x + 1, NULL, 10) < strtoul(y + 1, NULL, 10));
  while (*x && *y) {
    char *ex, *ey;
    unsigned long u = strtoul(x, &ex, 10), v = strtoul(y, &ey, 10);
    if (u != v)
      return u < v ? -1 : 1;
    x = *ex == '.' ? ex + 1 : ex;
    y = *ey == '.' ? ey + 1 : ey;
  }
  return *x ? 1 : *y ? -1 : 0; /* a parent before its children */
}

void tasks_free(struct task_map *m) {
  free(m->v);
  idmap_free(&m->index);
  memset(m, 0, sizeof *m);
}
