/* Round robin over a ring of threads, with waiting threads polled for
 * readiness (sched.h). CPU time is charged here: a process is charged
 * while one of its threads holds the CPU and nobody idles. */
#include <libos/sched.h>

#include <hal/cpu.h>
#include <hal/mmu.h>
#include <hal/time.h>
#include <libos/signal.h>
#include <libos/task.h>
#include <libos/tick.h>

static struct thread *ring; /* singly linked through next_all */
static unsigned slice;

static struct proc *charged;          /* whose CPU time runs now (NULL: idle) */
static struct thread *charged_thread; /* and which of its threads */
static uint64_t charged_since;

static void charge(struct thread *to) {
  uint64_t now = hal_clock_ns();
  if (charged) {
    charged->run_ns += now - charged_since;
    charged_thread->run_ns += now - charged_since;
  }
  charged = to ? to->proc : 0;
  charged_thread = to;
  charged_since = now;
}

uint64_t thread_cpu_ns(const struct thread *t) {
  uint64_t n = t->run_ns;
  if (t == charged_thread)
    n += hal_clock_ns() - charged_since;
  return n;
}

uint64_t proc_cpu_ns(const struct proc *p) {
  uint64_t t = p->run_ns;
  if (p == charged)
    t += hal_clock_ns() - charged_since;
  return t;
}

uint64_t proc_sys_ns(const struct proc *p) {
  uint64_t cpu = proc_cpu_ns(p);
  return p->sys_ns < cpu ? p->sys_ns : cpu;
}

uint64_t proc_user_ns(const struct proc *p) {
  return proc_cpu_ns(p) - proc_sys_ns(p);
}

void sched_set_running(struct thread *t) {
  task_set_current(t);
  charge(t);
}

void sched_add(struct thread *t) {
  t->state = THREAD_RUNNABLE;
  t->next_all = ring;
  ring = t;
  if (t->next_all) /* more than one thread: time slices need the tick */
    tick_need();
}

void sched_remove(struct thread *t) {
  for (struct thread **pp = &ring; *pp; pp = &(*pp)->next_all)
    if (*pp == t) {
      *pp = t->next_all;
      return;
    }
}

/* Dead threads are off their process's list but stay in the ring until
 * freed here. */
void sched_collect_dead(void) {
  struct thread *run = current();
  for (struct thread **pp = &ring; *pp;) {
    struct thread *t = *pp;
    if (t->state == THREAD_DEAD && t != run) {
      *pp = t->next_all;
      task_free_thread(t);
      continue;
    }
    pp = &t->next_all;
  }
  task_free_zombies();
}

bool sched_can_run(struct thread *t) {
  switch (t->state) {
  case THREAD_RUNNABLE:
    return true;
  case THREAD_DEAD:
    return false;
  case THREAD_WAITING:
    break;
  }
  if (t->pending.set & SIGBIT(SIGKILL))
    return true;
  if (t->wcond && t->wcond(t->warg))
    return true;
  if (t->wsignals && signal_interrupts(t))
    return true;
  return t->wdeadline != WAIT_FOREVER && hal_clock_ns() >= t->wdeadline;
}

/* The next thread after `cur` in ring order that can run; `cur` itself
 * is considered last. NULL when nobody can. */
static struct thread *pick(struct thread *cur) {
  struct thread *t = cur->next_all ? cur->next_all : ring;
  for (;;) {
    if (sched_can_run(t))
      return t;
    if (t == cur)
      return 0;
    t = t->next_all ? t->next_all : ring;
  }
}

static void switch_to(struct thread *next) {
  struct thread *cur = current();
  if (cur->state != THREAD_DEAD) {
    cur->tls = hal_get_tls();
    hal_fpu_save(cur->fpu);
  }
  sched_set_running(next);
  slice = 0;
  if (cur->proc->mm->as != next->proc->mm->as)
    hal_aspace_activate(next->proc->mm->as);
  hal_set_kernel_stack(next->kstack_top);
  hal_set_tls(next->tls);
  hal_fpu_restore(next->fpu);
  hal_kstack_switch(&cur->ksp, next->ksp);
  /* Back on our own stack: whoever ran before may have died. */
  sched_collect_dead();
}

void schedule(void) {
  /* Linux counts a switch away from a blocked thread as voluntary (idling
   * is a switch to the idle task), from a runnable one as involuntary. */
  struct thread *me = current();
  bool blocked = me->state == THREAD_WAITING, counted = false;
  for (;;) {
    struct thread *cur = current();
    struct thread *next = pick(cur);
    if (next && next != cur && !counted) {
      if (blocked)
        cur->proc->counts.nvcsw++;
      else if (cur->state == THREAD_RUNNABLE)
        cur->proc->counts.nivcsw++;
      counted = true;
    }
    if (next) {
      if (next != cur)
        switch_to(next);
      return;
    }
    if (blocked && !counted) {
      cur->proc->counts.nvcsw++;
      counted = true;
    }
    /* Nobody can run: idle until an interrupt may have changed that. The
     * dead or waiting caller's stack hosts the idle loop. */
    charge(0);
    tick_need();
    hal_cpu_wait();
    charge(current());
  }
}

void sched_yield(void) {
  slice = 0;
  schedule();
}

void sched_tick(void) {
  if (++slice < SLICE_TICKS)
    return;
  slice = 0;
  schedule();
}
