/* The task list, the running thread, lookup, and freeing what has died
 * (task.h). Creation is proc.c's; the scheduler owns the run ring. */
#include <libos/task.h>

#include <libos/kheap.h>
#include <libos/pmm.h>
#include <libos/vm.h>

static struct proc *procs;
static struct thread *running;
static int next_id = 1;

struct thread *current(void) {
  return running;
}

void vm_account_fault(void) {
  if (running)
    running->proc->counts.minflt++;
}

void task_set_current(struct thread *t) {
  running = t;
}

static bool id_in_use(int id) {
  struct proc *p = proc_find(id);
  return (p && !p->reaped) || thread_find(id);
}

int task_new_id(void) {
  while (id_in_use(next_id))
    next_id++;
  return next_id++;
}

struct proc *proc_list(void) {
  return procs;
}

void task_add_proc(struct proc *p) {
  static uint64_t serials;
  p->serial = ++serials;
  p->next = procs;
  procs = p;
}

struct proc *proc_find(int pid) {
  for (struct proc *p = procs; p; p = p->next)
    if (p->pid == pid)
      return p;
  return 0;
}

struct thread *thread_find(int tid) {
  for (struct proc *p = procs; p; p = p->next)
    for (struct thread *t = p->threads; t; t = t->next_in_proc)
      if (t->tid == tid)
        return t;
  return 0;
}

void task_free_thread(struct thread *t) {
  if (t->kstack_pa)
    for (unsigned i = 0; i < KSTACK_PAGES; i++)
      pmm_unref(t->kstack_pa + i * HAL_PAGE_SIZE);
  kfree(t->fpu);
  kfree(t);
}

/* Does a thread still run in `p`'s own address space: `p`'s (the running
 * one), or a vfork child's that borrowed it and has not exec'd? */
static bool mm_in_use(struct proc *p) {
  struct proc *run = running->proc;
  if (run == p || run->mm == &p->own_mm)
    return true;
  for (struct proc *q = procs; q; q = q->next)
    if (q != p && q->state == PROC_ALIVE && q->mm == &p->own_mm)
      return true;
  return false;
}

bool proc_hand_over_mm(struct proc *p, struct mm *old) {
  struct proc *heir = 0;
  for (struct proc *q = procs; q; q = q->next) {
    if (q == p || q->state != PROC_ALIVE || q->mm != &p->own_mm)
      continue;
    if (!heir) {
      heir = q;
      heir->own_mm = *old; /* a borrower's own_mm is unused */
      heir->mm_live = true;
    }
    q->mm = &heir->own_mm;
  }
  return heir != 0;
}

void task_free_zombies(void) {
  for (struct proc **pp = &procs; *pp;) {
    struct proc *p = *pp;
    if (p->state == PROC_ZOMBIE && p->mm_live && !mm_in_use(p)) {
      mm_destroy(&p->own_mm);
      p->mm_live = false;
    }
    if (p->state == PROC_ZOMBIE && p->reaped && !p->mm_live) {
      *pp = p->next;
      kfree(p);
      continue;
    }
    pp = &p->next;
  }
}
