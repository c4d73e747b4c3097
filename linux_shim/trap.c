/* Traps: user faults become signals (delivered to a handler when there is
 * one, as Linux's force_sig_fault); kernel faults are bugs. */
#include <linux_shim/entry.h>

#include <libos/kstring.h>
#include <libos/panic.h>
#include <libos/signal.h>
#include <libos/task.h>
#include <libos/trace.h>
#include <linux_shim/deliver.h>
#include <linux_shim/trap_signal.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

/* A synchronous signal: queued ahead of the rest and delivered before the
 * faulting instruction would run again. */
static void force_signal(struct thread *t, struct hal_regs *r,
                         const struct hal_trap *tr, struct trap_signal s) {
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = s.sig;
  si.code = s.code;
  si.u.fault.addr = s.addr;
  t->fault = (struct user_fault){true, tr->addr, tr->code};
  signal_force(t, &si);
  signal_deliver(r, false, 0);
}

static const char *access_name(unsigned access) {
  return access == HAL_ACCESS_WRITE  ? "write"
         : access == HAL_ACCESS_EXEC ? "exec"
                                     : "read";
}

void trap_dispatch(struct hal_regs *r, const struct hal_trap *t) {
  if (!hal_regs_from_user(r))
    kpanic_regs(r, "kernel-mode trap kind=%d addr=0x%llx code=0x%llx",
                (int)t->kind, (unsigned long long)t->addr,
                (unsigned long long)t->code);
  struct thread *th = current();
  if (t->kind == HAL_TRAP_LEGACY_SYSCALL) {
    /* x86-64 int $0x80: Linux runs the i386 call; the library OS has no
     * i386 table, so every such call answers ENOSYS (docs/hal-x86_64.md). */
    hal_regs_set_return(r, (uint64_t)-ENOSYS);
    signal_deliver(r, false, 0);
    return;
  }
  if (t->kind != HAL_TRAP_PAGE_FAULT) {
    struct hal_trap tt = *t;
    if (linux_trap_emulate(r, &tt)) {
      signal_deliver(r, false, 0);
      return;
    }
    force_signal(th, r, &tt, linux_trap_signal(&tt));
    return;
  }
  enum vm_fault_result res = vm_fault(th->proc->mm, t->addr, t->access);
  if (trace_enabled(TRACE_FAULT))
    trace_fault(th->proc->pid, th->tid, t->addr, hal_regs_pc(r),
                access_name(t->access),
                res == VM_FAULT_OK       ? "mapped"
                : res == VM_FAULT_MAPERR ? "maperr"
                : res == VM_FAULT_ACCERR ? "accerr"
                : res == VM_FAULT_SIGBUS ? "sigbus"
                                         : "oom");
  switch (res) {
  case VM_FAULT_OK:
    vm_account_fault();
    signal_deliver(r, false, 0);
    return;
  case VM_FAULT_OOM: /* Linux's OOM killer would pick this process */
    force_signal(th, r, t, (struct trap_signal){SIGKILL, SI_KERNEL, 0});
    return;
  case VM_FAULT_MAPERR:
    force_signal(th, r, t, (struct trap_signal){SIGSEGV, SEGV_MAPERR, t->addr});
    return;
  case VM_FAULT_ACCERR:
    force_signal(th, r, t, (struct trap_signal){SIGSEGV, SEGV_ACCERR, t->addr});
    return;
  case VM_FAULT_SIGBUS: /* a file page past EOF */
    force_signal(th, r, t, (struct trap_signal){SIGBUS, BUS_ADRERR, t->addr});
    return;
  }
}
