/* Linux signal numbers (the same on x86-64 and arm64) and the si_code values
 * the kernel reports. Data only. */
#ifndef LINUX_UAPI_SIGNAL_H
#define LINUX_UAPI_SIGNAL_H

#define LINUX_SIGNAL_LIST(SIG) \
  SIG(SIGHUP, 1) SIG(SIGINT, 2) SIG(SIGQUIT, 3) SIG(SIGILL, 4)           \
  SIG(SIGTRAP, 5) SIG(SIGABRT, 6) SIG(SIGBUS, 7) SIG(SIGFPE, 8)          \
  SIG(SIGKILL, 9) SIG(SIGUSR1, 10) SIG(SIGSEGV, 11) SIG(SIGUSR2, 12)     \
  SIG(SIGPIPE, 13) SIG(SIGALRM, 14) SIG(SIGTERM, 15) SIG(SIGSTKFLT, 16)  \
  SIG(SIGCHLD, 17) SIG(SIGCONT, 18) SIG(SIGSTOP, 19) SIG(SIGTSTP, 20)    \
  SIG(SIGTTIN, 21) SIG(SIGTTOU, 22) SIG(SIGURG, 23) SIG(SIGXCPU, 24)     \
  SIG(SIGXFSZ, 25) SIG(SIGVTALRM, 26) SIG(SIGPROF, 27) SIG(SIGWINCH, 28) \
  SIG(SIGIO, 29) SIG(SIGPWR, 30) SIG(SIGSYS, 31)

#define SIG_ENUM(name, value) name = value,
enum linux_signal { LINUX_SIGNAL_LIST(SIG_ENUM) };
#undef SIG_ENUM

#define LINUX_NSIG 64
#define LINUX_SIGRTMIN 32

/* si_code values. */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TIMER (-2)
#define SI_TKILL (-6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_PRVOPC 5
#define FPE_INTDIV 1
#define FPE_FLTDIV 3
#define TRAP_BRKPT 1

#endif
