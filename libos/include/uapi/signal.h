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
#define BUS_ADRERR 2
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_PRVOPC 5
#define FPE_INTDIV 1
#define FPE_FLTDIV 3
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define SEGV_PKUERR 4
#define SI_MESGQ (-3)
#define SI_ASYNCIO (-4)
#define SI_SIGIO (-5)

#include <stdint.h>

/* Signal sets are 64 bits: bit (sig - 1) stands for sig. */
typedef uint64_t linux_sigset_t;
#define LINUX_SIGSET_SIZE 8
#define SIGBIT(sig) (1ULL << ((sig) - 1))
/* What no mask can hold. */
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* siginfo_t as the kernel writes it on 64-bit arches: 128 bytes, the union
 * at offset 16 (the int before it is padding). */
struct linux_siginfo {
  int32_t signo;
  int32_t errno_;
  int32_t code;
  int32_t pad0;
  union {
    struct {
      int32_t pid;
      uint32_t uid;
      uint64_t value; /* sigqueue's sigval */
    } kill;
    struct {
      int32_t tid;
      int32_t overrun;
      uint64_t value;
    } timer;
    struct {
      uint64_t addr;
    } fault;
    struct { /* SIGPOLL and F_SETSIG signals */
      int64_t band;
      int32_t fd;
    } poll;
    struct { /* SIGCHLD */
      int32_t pid;
      uint32_t uid;
      int32_t status;
      int32_t pad;
      int64_t utime, stime;
    } chld;
    uint8_t raw[112];
  } u;
};
_Static_assert(sizeof(struct linux_siginfo) == 128, "siginfo is 128 bytes");

/* The kernel's struct sigaction (rt_sigaction), the same on both arches. */
struct linux_sigaction {
  uint64_t handler;
  uint64_t flags;
  uint64_t restorer;
  linux_sigset_t mask;
};

#define LINUX_SIG_DFL 0
#define LINUX_SIG_IGN 1

#define SA_NOCLDSTOP 0x00000001UL
#define SA_NOCLDWAIT 0x00000002UL
#define SA_SIGINFO 0x00000004UL
#define SA_UNSUPPORTED 0x00000400UL
#define SA_EXPOSE_TAGBITS 0x00000800UL
#define SA_RESTORER 0x04000000UL
#define SA_ONSTACK 0x08000000UL
#define SA_RESTART 0x10000000UL
#define SA_NODEFER 0x40000000UL
#define SA_RESETHAND 0x80000000UL
/* The flags Linux keeps (it clears unknown bits since 5.11). */
#define SA_KNOWN_FLAGS                                                     \
  (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_UNSUPPORTED |             \
   SA_EXPOSE_TAGBITS | SA_RESTORER | SA_ONSTACK | SA_RESTART | SA_NODEFER | \
   SA_RESETHAND)

#define LINUX_SIG_BLOCK 0
#define LINUX_SIG_UNBLOCK 1
#define LINUX_SIG_SETMASK 2

/* stack_t (sigaltstack, uc_stack). */
struct linux_stack {
  uint64_t sp;
  int32_t flags;
  int32_t pad;
  uint64_t size;
};
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)

/* The kernel-internal returns of an interrupted call (never seen by user
 * code; the trace shows them like strace's "= ? ERESTARTSYS"). */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516

#endif
