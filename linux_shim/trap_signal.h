/* The arch's rule for turning a user-mode trap into a Linux signal. */
#ifndef LINUX_SHIM_TRAP_SIGNAL_H
#define LINUX_SHIM_TRAP_SIGNAL_H

#include <hal/cpu.h>

struct trap_signal {
  int sig;       /* SIGSEGV, SIGILL, ... */
  int code;      /* si_code */
  uint64_t addr; /* si_addr */
};

/* The signal Linux raises on this arch for a non-page-fault trap `t`. */
struct trap_signal linux_trap_signal(const struct hal_trap *t);

/* Before a non-page-fault user trap becomes a signal: what Linux does in
 * its place on this arch. Returns true when the instruction was emulated
 * (r updated, no signal: arm64 reads of the ID registers Linux emulates at
 * EL0); may instead rewrite *t into the trap Linux's CPU would have taken
 * (x86-64 icebp, which QEMU's TCG raises as #UD). */
bool linux_trap_emulate(struct hal_regs *r, struct hal_trap *t);

#endif
