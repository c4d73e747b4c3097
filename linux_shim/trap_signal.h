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

#endif
