/* kernel_trap: user faults become signals; kernel faults are bugs. Until
 * handlers exist (signals work), a signal takes its default action. */
#include <hal/upcalls.h>
#include <libos/panic.h>
#include <libos/proc.h>
#include <libos/trace.h>
#include <linux_shim/names.h>
#include <linux_shim/trap_signal.h>
#include <linux_shim/uapi/signal.h>

static const char *code_name(int sig, int code) {
  if (code == SI_KERNEL)
    return "SI_KERNEL";
  switch (sig) {
  case SIGSEGV:
    return code == SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_ACCERR";
  case SIGILL:
    return code == ILL_ILLOPN ? "ILL_ILLOPN" : "ILL_ILLOPC";
  case SIGFPE:
    return code == FPE_INTDIV ? "FPE_INTDIV" : "FPE_FLTDIV";
  case SIGBUS:
    return "BUS_ADRALN";
  case SIGTRAP:
    return "TRAP_BRKPT";
  default:
    return 0;
  }
}

static bool dumps_core(int sig) {
  switch (sig) {
  case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
  case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
    return true;
  default:
    return false;
  }
}

/* A synchronous signal with no handler: the process dies of it. */
static void force_signal(struct thread *t, struct trap_signal s) {
  const char *name = linux_signal_name(s.sig);
  bool core = dumps_core(s.sig);
  if (trace_enabled(TRACE_SIGNAL))
    trace_signal(t->proc->pid, t->tid, name, code_name(s.sig, s.code), true,
                 s.addr, core ? "core" : "terminate");
  proc_exit_signal(t->proc, s.sig, name, core);
}

static const char *access_name(unsigned access) {
  return access == HAL_ACCESS_WRITE ? "write"
         : access == HAL_ACCESS_EXEC ? "exec"
                                     : "read";
}

void kernel_trap(struct hal_regs *r, const struct hal_trap *t) {
  if (!hal_regs_from_user(r))
    kpanic_regs(r, "kernel-mode trap kind=%d addr=0x%llx code=0x%llx",
                (int)t->kind, (unsigned long long)t->addr,
                (unsigned long long)t->code);
  struct thread *th = current();
  if (t->kind != HAL_TRAP_PAGE_FAULT) {
    force_signal(th, linux_trap_signal(t));
    return;
  }
  enum vm_fault_result res = vm_fault(&th->proc->mm, t->addr, t->access);
  if (trace_enabled(TRACE_FAULT))
    trace_fault(th->proc->pid, th->tid, t->addr, hal_regs_pc(r),
                access_name(t->access),
                res == VM_FAULT_OK       ? "mapped"
                : res == VM_FAULT_MAPERR ? "maperr"
                : res == VM_FAULT_ACCERR ? "accerr"
                                         : "oom");
  switch (res) {
  case VM_FAULT_OK:
    return;
  case VM_FAULT_OOM: /* Linux's OOM killer would pick this process */
    force_signal(th, (struct trap_signal){SIGKILL, SI_KERNEL, 0});
    return;
  case VM_FAULT_MAPERR:
    force_signal(th, (struct trap_signal){SIGSEGV, SEGV_MAPERR, t->addr});
    return;
  case VM_FAULT_ACCERR:
    force_signal(th, (struct trap_signal){SIGSEGV, SEGV_ACCERR, t->addr});
    return;
  }
}
