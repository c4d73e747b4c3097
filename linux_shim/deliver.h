/* Signal delivery on the way back to user mode (deliver.c). Every path
 * that resumes user mode ends here: a syscall's return (dispatch.c), a
 * trap (trap.c) and a timer tick that interrupted user mode (upcalls.c). */
#ifndef LINUX_SHIM_DELIVER_H
#define LINUX_SHIM_DELIVER_H

#include <stdbool.h>

#include <hal/cpu.h>

/* Deliver what is pending and unblocked before `r` resumes user mode: run
 * default actions, or build a handler frame (one per signal, nested as
 * Linux nests them). When `in_syscall`, `ret` is the call's result and the
 * restart rules of signal(7) decide the return register: a -ERESTART*
 * result becomes -EINTR or a rewound call. Otherwise `ret` is unused. */
void signal_deliver(struct hal_regs *r, bool in_syscall, long ret);

#endif
