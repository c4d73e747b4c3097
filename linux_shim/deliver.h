/* Signal delivery on the way back to user mode (dispatch.c) and the si_code
 * names the trace uses (trap.c). */
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

/* strace's name for si_code `code` of signal `sig` ("SI_USER",
 * "SEGV_MAPERR", ...); NULL when unnamed. */
const char *linux_sicode_name(int sig, int code);

#endif
