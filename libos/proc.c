/* Process lifecycle. One process for now; the structures are already those
 * a fork/clone kernel needs (a kernel stack and a frame per thread). */
#include <libos/proc.h>

#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/pmm.h>
#include <libos/trace.h>

static struct thread *running;
static int next_id = 1;

struct thread *current(void) {
  return running;
}

static struct thread *thread_create(struct proc *p) {
  struct thread *t = kzalloc(sizeof *t);
  if (!t)
    return 0;
  uint64_t pa = pmm_alloc_pages(KSTACK_PAGES);
  if (!pa) {
    kfree(t);
    return 0;
  }
  t->kstack_top = (char *)hal_phys_to_virt(pa) + KSTACK_PAGES * HAL_PAGE_SIZE;
  t->uregs = (struct hal_regs *)t->kstack_top - 1;
  t->proc = p;
  t->tid = p->pid;
  return t;
}

struct proc *proc_create_first(const char *name) {
  struct proc *p = kzalloc(sizeof *p);
  if (!p)
    return 0;
  p->pid = next_id++;
  size_t n = strnlen(name, sizeof p->name - 1);
  memcpy(p->name, name, n);
  if (mm_init(&p->mm) != 0) {
    kfree(p);
    return 0;
  }
  p->main = thread_create(p);
  if (!p->main) {
    mm_destroy(&p->mm);
    kfree(p);
    return 0;
  }
  running = p->main;
  hal_aspace_activate(p->mm.as);
  return p;
}

void proc_enter_user(struct thread *t) {
  running = t;
  hal_set_kernel_stack(t->kstack_top);
  hal_set_tls(t->tls);
  hal_enter_user(t->uregs);
}

void proc_exit(struct proc *p, int status) {
  trace_exit(p->pid, status & 0xff, 0, false);
  hal_poweroff((uint8_t)(status & 0xff));
}

void proc_exit_signal(struct proc *p, int sig, const char *signame,
                      bool core) {
  trace_exit(p->pid, 0, signame, core);
  hal_poweroff((uint8_t)(128 + sig));
}
