/* The Linux personality's handlers behind the HAL upcalls (upcalls.c is
 * the one place that implements hal/upcalls.h and calls these). */
#ifndef LINUX_SHIM_ENTRY_H
#define LINUX_SHIM_ENTRY_H

#include <hal/cpu.h>
#include <hal/hal.h>

/* Boot: hand RAM to libos, parse the command line, start the embedded
 * program as pid 1 in user mode. Never returns. */
void shim_boot(const struct hal_boot_info *bi) __attribute__((noreturn));

/* A syscall from user mode: trace, run its handler, deliver signals with
 * the restart rules, and leave `r` ready to resume. */
void syscall_dispatch(struct hal_regs *r);

/* A synchronous exception: from user mode a page fault is resolved or
 * becomes a signal, other traps become the arch's signal; from kernel mode
 * it panics. */
void trap_dispatch(struct hal_regs *r, const struct hal_trap *t);

#endif
