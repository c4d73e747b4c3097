/* The wait status word Linux reports (wait4's *status), and the
 * waitid/SIGCHLD view of it (si_code CLD_*, si_status). Pure functions. */
#ifndef LIBOS_WSTATUS_H
#define LIBOS_WSTATUS_H

#include <stdbool.h>

#include <uapi/wait.h>

/* exit(code): the low 8 bits of code in bits 8-15. */
static inline int wstatus_exited(int code) {
  return (code & 0xff) << 8;
}

/* Killed by `sig`; bit 7 set when a core was dumped. */
static inline int wstatus_signaled(int sig, bool core) {
  return (sig & 0x7f) | (core ? 0x80 : 0);
}

/* Stopped by `sig` (WUNTRACED). */
static inline int wstatus_stopped(int sig) {
  return ((sig & 0xff) << 8) | 0x7f;
}

/* Continued (WCONTINUED). */
#define WSTATUS_CONTINUED 0xffff

/* si_code for a terminal status (LINUX_CLD_EXITED, LINUX_CLD_KILLED or LINUX_CLD_DUMPED). */
static inline int wstatus_cld_code(int w) {
  if ((w & 0x7f) == 0)
    return LINUX_CLD_EXITED;
  return (w & 0x80) ? LINUX_CLD_DUMPED : LINUX_CLD_KILLED;
}

/* si_status for a terminal status: the exit code or the signal. */
static inline int wstatus_cld_status(int w) {
  return (w & 0x7f) == 0 ? (w >> 8) & 0xff : w & 0x7f;
}

#endif
