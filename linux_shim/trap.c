/* kernel_trap: user faults become signals (delivered to a handler when
 * there is one, as Linux's force_sig_fault); kernel faults are bugs. */
#include <hal/upcalls.h>
#include <libos/kstring.h>
#include <libos/panic.h>
#include <libos/proc.h>
#include <libos/signal.h>
#include <libos/trace.h>
#include <linux_shim/deliver.h>
#include <linux_shim/names.h>
#include <linux_shim/sigframe.h>
#include <linux_shim/trap_signal.h>
#include <uapi/signal.h>

const char *linux_sicode_name(int sig, int code) {
  switch (code) {
  case SI_USER: return "SI_USER";
  case SI_KERNEL: return "SI_KERNEL";
  case SI_QUEUE: return "SI_QUEUE";
  case SI_TIMER: return "SI_TIMER";
  case SI_MESGQ: return "SI_MESGQ";
  case SI_ASYNCIO: return "SI_ASYNCIO";
  case SI_SIGIO: return "SI_SIGIO";
  case SI_TKILL: return "SI_TKILL";
  default: break;
  }
  switch (sig) {
  case SIGSEGV:
    return code == SEGV_MAPERR   ? "SEGV_MAPERR"
           : code == SEGV_ACCERR ? "SEGV_ACCERR"
           : code == SEGV_PKUERR ? "SEGV_PKUERR"
                                 : 0;
  case SIGILL:
    return code == ILL_ILLOPC   ? "ILL_ILLOPC"
           : code == ILL_ILLOPN ? "ILL_ILLOPN"
           : code == ILL_PRVOPC ? "ILL_PRVOPC"
                                : 0;
  case SIGFPE:
    return code == FPE_INTDIV ? "FPE_INTDIV"
           : code == FPE_FLTDIV ? "FPE_FLTDIV"
                                : 0;
  case SIGBUS:
    return code == BUS_ADRALN ? "BUS_ADRALN" : 0;
  case SIGTRAP:
    return code == TRAP_BRKPT ? "TRAP_BRKPT" : 0;
  case SIGCHLD: {
    static const char *const cld[] = {0,            "CLD_EXITED",
                                      "CLD_KILLED", "CLD_DUMPED",
                                      "CLD_TRAPPED", "CLD_STOPPED",
                                      "CLD_CONTINUED"};
    return code >= 1 && code <= 6 ? cld[code] : 0;
  }
  default:
    return 0;
  }
}

/* A synchronous signal: queued ahead of the rest and delivered before the
 * faulting instruction would run again. */
static void force_signal(struct thread *t, struct hal_regs *r,
                         const struct hal_trap *tr, struct trap_signal s) {
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = s.sig;
  si.code = s.code;
  si.u.fault.addr = s.addr;
  shim_last_fault = (struct fault_state){true, tr->addr, tr->code};
  signal_force(t, &si);
  signal_deliver(r, false, 0);
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
    force_signal(th, r, t, linux_trap_signal(t));
    return;
  }
  enum vm_fault_result res = vm_fault(th->proc->mm, t->addr, t->access);
  if (trace_enabled(TRACE_FAULT))
    trace_fault(th->proc->pid, th->tid, t->addr, hal_regs_pc(r),
                access_name(t->access),
                res == VM_FAULT_OK       ? "mapped"
                : res == VM_FAULT_MAPERR ? "maperr"
                : res == VM_FAULT_ACCERR ? "accerr"
                                         : "oom");
  switch (res) {
  case VM_FAULT_OK:
    signal_deliver(r, false, 0);
    return;
  case VM_FAULT_OOM: /* Linux's OOM killer would pick this process */
    force_signal(th, r, t, (struct trap_signal){SIGKILL, SI_KERNEL, 0});
    return;
  case VM_FAULT_MAPERR:
    force_signal(th, r, t,
                 (struct trap_signal){SIGSEGV, SEGV_MAPERR, t->addr});
    return;
  case VM_FAULT_ACCERR:
    force_signal(th, r, t,
                 (struct trap_signal){SIGSEGV, SEGV_ACCERR, t->addr});
    return;
  }
}
