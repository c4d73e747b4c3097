/* Process lifecycle. One process for now; the structures are already those
 * a fork/clone kernel needs (a kernel stack and a frame per thread). */
#include <libos/proc.h>

#include <hal/time.h>
#include <libos/fd.h>
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
  signal_init_thread(t);
  return t;
}

/* Linux's defaults for a process started by init on a stock system. */
static void init_limits(struct proc *p) {
  for (int i = 0; i < LINUX_RLIM_NLIMITS; i++)
    p->rlim[i] = (struct linux_rlimit){LINUX_RLIM_INFINITY,
                                       LINUX_RLIM_INFINITY};
  p->rlim[LINUX_RLIMIT_STACK] = (struct linux_rlimit){8UL << 20,
                                                      LINUX_RLIM_INFINITY};
  p->rlim[LINUX_RLIMIT_CORE].cur = 0;
  p->rlim[LINUX_RLIMIT_NOFILE] = (struct linux_rlimit){1024, 4096};
  p->rlim[LINUX_RLIMIT_MEMLOCK] = (struct linux_rlimit){8UL << 20, 8UL << 20};
  p->rlim[LINUX_RLIMIT_NPROC] = (struct linux_rlimit){63422, 63422};
  p->rlim[LINUX_RLIMIT_SIGPENDING] = (struct linux_rlimit){63422, 63422};
  p->rlim[LINUX_RLIMIT_MSGQUEUE] = (struct linux_rlimit){819200, 819200};
  p->rlim[LINUX_RLIMIT_NICE] = (struct linux_rlimit){0, 0};
  p->rlim[LINUX_RLIMIT_RTPRIO] = (struct linux_rlimit){0, 0};
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
  p->fds = fdtable_create();
  p->main = p->fds ? thread_create(p) : 0;
  if (!p->main) {
    kfree(p->fds);
    mm_destroy(&p->mm);
    kfree(p);
    return 0;
  }
  signal_init_proc(p);
  init_limits(p);
  p->start_ns = hal_clock_ns();
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
