/* Syscall storm: from a seed, make many raw syscalls with hostile
 * arguments and check that the kernel survives and the process is intact.
 *
 * NEVER run this natively: it calls every syscall of the arch with random
 * arguments. It only runs inside a library OS image (tests/robustness).
 * The one exception is `storm --probes`, which makes only storm_fs.c's
 * errno probes (in a directory of its own in /dev/shm), to check their
 * expectations against Linux.
 *
 * Usage (argv after "--" in the image's -append): storm SEED [CALLS]
 * Output on the console (through a fd saved before the storm): a file
 * line ("storm fs: ..."), a stats line, then "storm done N calls" as the
 * last line; exit status 0. The file calls' arguments, the scratch tree,
 * the tmpfs fill and the probes are storm_fs.c's (storm.h).
 *
 * What keeps the storm from ending or freezing itself on purpose:
 *  - calls that end, replace or stop the process are never made (exit,
 *    execve, fork/clone, rt_sigreturn, reboot, ptrace, seccomp ...), nor
 *    those that would drop root for good (the setuid family, capset), nor
 *    mlockall (it would fault in all of the storm's large areas);
 *  - signal-sending calls only send signals it catches (never SIGKILL/STOP);
 *  - calls that destroy memory (munmap, mprotect, mmap MAP_FIXED, mremap,
 *    madvise, and mlock, which faults ranges in) only get ranges in a
 *    private arena, or ranges no kernel
 *    may accept (kernel half, unaligned, wrapping);
 *  - every blocking call is bounded by a periodic ITIMER_REAL whose SIGALRM
 *    handler has no SA_RESTART (so the call returns EINTR); state the timer
 *    depends on (mask, handlers, itimer, FS base) is repaired after the
 *    calls that change it;
 *  - a fault in a call's aftermath (a forged or real SIGSEGV...) longjmps
 *    back to the loop;
 *  - the descriptors it relies on sit at FD_KEEP and above (storm.h) and
 *    are never closed or replaced; chroot is undone after each call. */
#include "storm.h"

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <time.h>

#define ARENA_PAGES 64
#define TIMER_US 4000

struct call {
  long nr;
  const char *name;
  int nargs;
  const char *kinds;
};

#define SYSCALL(nr, name, nargs, kinds) {nr, #name, nargs, kinds},
static const struct call table[] = {
#include STORM_TABLE
};
#undef SYSCALL
#define NCALLS (sizeof table / sizeof table[0])

/* How the storm treats each call (from its name, at start). */
enum policy {
  P_PLAIN,   /* hostile arguments as they come */
  P_SKIP,    /* would end/replace/stop the process: never made */
  P_MEM,     /* destroys memory: ranges confined (fix_mem) */
  P_SIGNAL,  /* sends a signal: only ones the storm catches */
  P_SIGSTATE,/* changes signal/timer/TLS state: repaired after */
  P_RLIMIT,  /* sets limits: only bad pointers or "infinity" */
  P_WAIT,    /* takes a timeout pointer: bounded or bad, never NULL */
  P_FDKILL,  /* closes or replaces fds: never the saved console fd */
  P_PRCTL,   /* prctl: options that would disable the storm are skipped */
};

static unsigned char policy_of[NCALLS];
static signed char fs_of[NCALLS]; /* storm_fs.c's template, or -1 */
static unsigned char enosys[NCALLS];

extern char __executable_start[], etext[];

/* A read-only page of our own: the kernel must never write it. */
static const unsigned char ro_page[PAGE] __attribute__((aligned(4096))) = {
    [0] = 0x5a, [1] = 0xa5, [PAGE - 1] = 0x77};

unsigned char *scratch, *scratch_end;
static unsigned char *guard_lo, *guard_hi;
static unsigned char *arena, *arena_hole;
long pipe_fds[4];
#if defined(__x86_64__)
static unsigned long saved_fs; /* FS base (musl TLS), restored after arch_prctl */
#endif
static sigjmp_buf jb;
static volatile int in_call;
static volatile unsigned long n_faults, n_signals, n_alarms;
static uint64_t rng_state;
/* Half the calls get mostly plausible arguments (open fds, small sizes and
 * flags, scratch pointers) so they pass the first checks and reach the
 * deeper paths; the rest get the hostile menus only. */
int mild;

/* ---- raw syscalls (no errno: a storm call may have broken TLS) ---- */
long raw6(long n, long a, long b, long c, long d, long e, long f) {
#if defined(__x86_64__)
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  long ret;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
                     "r"(r9)
                   : "rcx", "r11", "memory");
  return ret;
#else
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile("svc #0"
                   : "+r"(x0)
                   : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                   : "memory");
  return x0;
#endif
}

void say(const char *s) {
  raw(SYS_write, SAVED_FD, s, strlen(s));
}

void die(const char *why) {
  char buf[160];
  snprintf(buf, sizeof buf, "storm: FAILED: %s\n", why);
  say(buf);
  for (;;)
    raw(SYS_exit_group, 3, 0, 0);
}

/* ---- randomness (splitmix64: a seed fully fixes the storm) ---- */
uint64_t rnd(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }

/* ---- signals and the timer ---- */
static int storm_catches(long sig) {
  /* 9, 19 cannot be caught; 32-34 are musl's and cannot be handled. */
  return sig >= 1 && sig <= 64 && sig != SIGKILL && sig != SIGSTOP &&
         (sig < 32 || sig > 34);
}

static void on_signal(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  if (sig == SIGALRM) {
    n_alarms++;
    return;
  }
  n_signals++;
  int fault = sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
              sig == SIGFPE || sig == SIGTRAP || sig == SIGSYS;
  /* Sent signals (si_code <= 0) just return; a real fault cannot. */
  if (!fault || si->si_code <= 0)
    return;
  n_faults++;
  if (!in_call)
    die("fault outside a storm call (the process was corrupted)");
  siglongjmp(jb, 1);
}

static void install_handler(int sig) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO; /* no SA_RESTART: blocking calls end with EINTR */
  sigfillset(&sa.sa_mask);
  sigaction(sig, &sa, 0);
}

static void set_mask(int how, uint64_t m) {
  raw6(SYS_rt_sigprocmask, how, (long)&m, 0, 8, 0, 0);
}

static void arm_timer(void) {
  struct itimerval it = {{0, TIMER_US}, {0, TIMER_US}}, zero = {{0, 0}, {0, 0}};
  raw(SYS_setitimer, ITIMER_REAL, &it, 0);
  raw(SYS_setitimer, ITIMER_VIRTUAL, &zero, 0);
  raw(SYS_setitimer, ITIMER_PROF, &zero, 0);
}

/* Undo what a storm call may have changed that the storm relies on. */
static void repair(long sig_touched) {
#if defined(__x86_64__)
  raw(SYS_arch_prctl, 0x1002 /* ARCH_SET_FS */, saved_fs, 0);
#endif
  if (sig_touched == -1) {
    for (int s = 1; s <= 64; s++)
      if (storm_catches(s))
        install_handler(s);
  } else if (storm_catches(sig_touched)) {
    install_handler((int)sig_touched);
  }
  stack_t off = {.ss_flags = SS_DISABLE};
  raw(SYS_sigaltstack, &off, 0, 0);
  arm_timer();
}

/* ---- hostile values ---- */
unsigned long bad_ptr(void) {
  switch (pick(12)) {
  case 0: return 0;
  case 1: return rnd() & 0xfff;                         /* small */
  case 2: return 0xffff800000000000UL;                  /* kernel half */
  case 3: return 0xffffffff80000000UL;                  /* kernel image */
  case 4: return ~0xfffUL;                              /* last page */
  case 5: return 0xffff000040100000UL;                  /* arm64 kernel */
  case 6: return USER_EDGE + (rnd() & 0xfff);           /* just past user */
  case 7: return (unsigned long)arena_hole + (rnd() & 0xfff); /* unmapped */
  case 8: return (unsigned long)guard_hi + (rnd() & 0xfff); /* PROT_NONE */
  case 9: return (unsigned long)guard_lo + (rnd() & 0xfff);
  case 10: return (unsigned long)scratch_end - 1 - pick(64); /* crosses */
  default: return 1UL << (47 + pick(17));               /* non-canonical */
  }
}

/* A pointer nothing can read or write (unlike bad_ptr's arena hole, which a
 * storm mmap may fill, or its page-crossing pointer). */
unsigned long unreadable_ptr(void) {
  switch (pick(6)) {
  case 0: return 0;
  case 1: return rnd() & 0xfff;
  case 2: return 0xffff800000000000UL;
  case 3: return ~0xfffUL;
  case 4: return (unsigned long)guard_hi + (rnd() & 0xfff);
  default: return (unsigned long)guard_lo + (rnd() & 0xfff);
  }
}

unsigned long any_ptr(void) {
  if (mild && pick(4))
    return (unsigned long)scratch + (pick(SCRATCH_PAGES * PAGE / 2) & ~7UL);
  switch (pick(8)) {
  case 0: case 1: case 2: return bad_ptr();
  case 3: return (unsigned long)ro_page + (rnd() & 0xff8); /* read-only */
  case 4: return (unsigned long)&any_ptr;                  /* our text */
  case 5: return (unsigned long)scratch + pick(PAGE) ;    /* unaligned ok */
  case 6: return (unsigned long)scratch_end - 16;         /* no NUL */
  default: return (unsigned long)scratch + (pick(SCRATCH_PAGES * PAGE) & ~7UL);
  }
}

unsigned long any_size(void) {
  static const unsigned long sizes[] = {
      0, 1, 7, 8, 16, 24, 64, 4095, 4096, 4097, 65536, 0x7fffffff,
      0x80000000UL, 0xffffffffUL, 0x7fffffffffffffffUL, ~0UL,
      1UL << 47, -4096UL, 1UL << 32};
  if (mild && pick(4))
    return pick(3) ? pick(64) : pick(3 * PAGE);
  if (pick(3) == 0)
    return rnd() & 0x1ffff;
  return sizes[pick(sizeof sizes / sizeof sizes[0])];
}

unsigned long any_int(void) {
  if (mild && pick(4))
    return pick(2) ? pick(16) : 1UL << pick(20);
  switch (pick(10)) {
  case 0: return 0;
  case 1: return 1;
  case 2: return -1UL;
  case 3: return 1UL << pick(64);
  case 4: return rnd() & 0xff;
  case 5: return (uint32_t)rnd();
  case 6: return 0x80000000UL;
  case 7: return 0x7fffffffUL;
  case 8: return (unsigned long)(long)(int32_t)rnd();
  default: return rnd();
  }
}

unsigned long any_fd(void) {
  if (mild && pick(4))
    return pick(2) ? pipe_fds[pick(4)] : pick(8);
  switch (pick(12)) {
  case 0: case 1: case 2: return pick(16);
  case 3: return pipe_fds[pick(4)];
  case 4: return -1UL;
  case 5: return (unsigned long)-100L; /* AT_FDCWD */
  case 6: return 0x7fffffffUL;
  case 7: return (unsigned long)(long)INT32_MIN;
  case 8: return 1023 + pick(3);
  case 9: return 0x100000000UL | pick(3); /* upper bits set */
  case 10: return 1UL << pick(64);
  default: return rnd();
  }
}

static unsigned long arena_addr(void) {
  return (unsigned long)arena + pick(ARENA_PAGES) * PAGE;
}

static unsigned long any_addr(void) {
  if (mild && pick(4))
    return arena_addr();
  switch (pick(5)) {
  case 0: case 1: return arena_addr();
  case 2: return bad_ptr();
  case 3: return rnd() & ~0xfffUL & (USER_TOP - 1);
  default: return any_ptr();
  }
}

static unsigned long arg_of_kind(const char *k, size_t n) {
  if (!strncmp(k, "fd", n)) return any_fd();
  if (!strncmp(k, "ptr", n) || !strncmp(k, "str", n)) return any_ptr();
  if (!strncmp(k, "addr", n)) return any_addr();
  if (!strncmp(k, "size", n)) return any_size();
  if (mild && n)
    return any_int();
  switch (pick(5)) { /* int, uint, hex, oct, or undescribed */
  case 0: return any_ptr();
  case 1: return any_fd();
  case 2: return any_size();
  default: return any_int();
  }
}

/* Fill the scratch pages: zeros, noise, or words from the hostile menus (so
 * pointers inside structures -- iovecs, msghdrs -- are hostile too). */
static void refresh_scratch(size_t len) {
  int mode = (int)pick(4);
  uint64_t *w = (uint64_t *)scratch;
  for (size_t i = 0; i < len / 8; i++) {
    switch (mode) {
    case 0: w[i] = 0; break;
    case 1: w[i] = rnd(); break;
    case 2: w[i] = i & 1 ? any_size() : any_ptr(); break;
    default: w[i] = rnd() & 0xff; break;
    }
  }
}

/* ---- confining the calls that destroy memory ---- */
static int range_harmless(unsigned long a, unsigned long len) {
  unsigned long end = a + ((len + PAGE - 1) & ~(PAGE - 1));
  if (len == 0 || a >= USER_TOP || (a & (PAGE - 1)))
    return 1; /* nothing, kernel half, or unaligned: must be refused */
  if (end < a || len > ~0UL - (PAGE - 1))
    return 1; /* wraps (rounded up to pages): must be refused */
  if (end > USER_TOP)
    return 0;
  if (a >= (unsigned long)arena &&
      end <= (unsigned long)arena + ARENA_PAGES * PAGE)
    return 1;
  /* Below the program: nothing of the storm's lives there, and no way of
   * placing a mapping may reach below mmap_min_addr (EPERM), so the
   * storm's NULL pointers stay unreadable. */
  return end <= ((unsigned long)__executable_start & ~(PAGE - 1));
}

static void confine(unsigned long *a, unsigned long *len) {
  if (range_harmless(*a, *len))
    return;
  *a = arena_addr();
  unsigned long room = (unsigned long)arena + ARENA_PAGES * PAGE - *a;
  if (*len > room)
    *len = room - pick(2) * PAGE;
}

static void fix_mem(const char *name, unsigned long *a) {
  if (!strcmp(name, "mmap")) {
    if (a[3] & (MAP_FIXED | 0x100000 /* MAP_FIXED_NOREPLACE */))
      confine(&a[0], &a[1]);
  } else if (!strcmp(name, "mremap")) {
    confine(&a[0], &a[1]);
    if (a[3] & 2 /* MREMAP_FIXED */)
      confine(&a[4], &a[2]);
  } else if (!strncmp(name, "mlock", 5) || !strcmp(name, "munlock")) {
    /* These round an unaligned start down instead of refusing it (and
     * fault the range in): confine the range they will use. */
    unsigned long off = a[0] & (PAGE - 1);
    if (a[1] > ~0UL - off)
      return; /* wraps once rounded: refused or empty */
    a[0] -= off;
    a[1] += off;
    confine(&a[0], &a[1]);
  } else {
    confine(&a[0], &a[1]);
  }
}

/* Storm-made mappings are unmapped again, so address space stays bounded. */
static unsigned long made[16][2];
static unsigned made_next;
static void note_mapping(unsigned long addr, unsigned long len) {
  unsigned i = made_next++ % 16;
  if (made[i][0])
    raw(SYS_munmap, made[i][0], made[i][1], 0);
  made[i][0] = addr;
  made[i][1] = len;
}

void unmap_made(void) {
  for (unsigned i = 0; i < 16; i++)
    if (made[i][0])
      raw(SYS_munmap, made[i][0], made[i][1], 0);
  memset(made, 0, sizeof made);
}

static const long timeouts[][2] = {
    {0, 0}, {0, 1000}, {0, 2000000}, {0, -1}, {-1, 0}, {0, 1000000000}};

static unsigned long bounded_timeout(void) {
  if (pick(3) == 0)
    return unreadable_ptr() | 1; /* never NULL */
  return (unsigned long)timeouts[pick(6)];
}

static int policy_for(const char *n) {
  static const char *const skip[] = {
      "exit", "exit_group", "execve", "execveat", "rt_sigreturn", "vfork",
      "fork", "clone", "clone3", "reboot", "kexec_load", "kexec_file_load",
      "ptrace", "seccomp", "shmat", "process_madvise", "process_vm_writev",
      "timer_create", "timer_settime", "timerfd_settime",
      /* Dropping root is for good: the scratch tree and the fill need it. */
      "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid",
      "setfsuid", "setfsgid", "setgroups", "capset",
      /* It faults in every page of the storm's own large areas (and with
       * MCL_FUTURE of every later mapping): the fill then finds no memory,
       * where Linux's OOM killer would end the storm. */
      "mlockall", 0};
  static const char *const mem[] = {"mmap",   "munmap",  "mprotect",
                                    "pkey_mprotect",    "madvise", "mremap",
                                    "remap_file_pages", "mseal",   "mlock",
                                    "mlock2",           "munlock", 0};
  static const char *const sig[] = {"kill", "tkill", "tgkill",
                                    "rt_sigqueueinfo", "rt_tgsigqueueinfo",
                                    "pidfd_send_signal", 0};
  static const char *const sigstate[] = {"rt_sigaction", "rt_sigprocmask",
                                         "setitimer", "alarm", "arch_prctl",
                                         "sigaltstack", "rt_sigsuspend", 0};
  static const char *const wait[] = {"futex", "ppoll", "pselect6",
                                     "epoll_pwait", "epoll_pwait2",
                                     "rt_sigtimedwait",
                                     "io_pgetevents", 0};
  static const char *const fdkill[] = {"close", "dup2", "dup3",
                                       "close_range", 0};
  static const struct { const char *const *names; int p; } groups[] = {
      {skip, P_SKIP}, {mem, P_MEM}, {sig, P_SIGNAL}, {sigstate, P_SIGSTATE},
      {wait, P_WAIT}, {fdkill, P_FDKILL}};
  for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
    for (const char *const *p = groups[g].names; *p; p++)
      if (!strcmp(*p, n))
        return groups[g].p;
  if (!strcmp(n, "setrlimit") || !strcmp(n, "prlimit64"))
    return P_RLIMIT;
  if (!strcmp(n, "prctl"))
    return P_PRCTL;
  return P_PLAIN;
}

/* Index of the signal argument of a signal-sending call. */
static int sig_arg(const char *n) {
  return !strcmp(n, "tgkill") || !strcmp(n, "rt_tgsigqueueinfo") ? 2 : 1;
}

static unsigned long safe_signal(void) {
  static const long invalid[] = {65, 1000, -1, 0x80000000L, 0x100000001L};
  switch (pick(4)) {
  case 0: return 0;
  case 1: return (unsigned long)invalid[pick(5)];
  default: {
    long s;
    do
      s = 1 + pick(64);
    while (!storm_catches(s));
    return (unsigned long)s;
  }
  }
}

/* Mild calls of the memory and signal families get arguments that pass the
 * first checks (a mapping type, a sigsetsize), to reach the deeper paths. */
static void make_plausible(const char *n, unsigned long *a) {
  if (!strcmp(n, "mmap")) {
    static const unsigned long extra[] = {0, MAP_FIXED, MAP_POPULATE,
                                          MAP_GROWSDOWN, MAP_NORESERVE,
                                          0x100000 /* FIXED_NOREPLACE */};
    a[2] = pick(8);
    a[3] = (pick(3) ? MAP_PRIVATE : MAP_SHARED) | MAP_ANONYMOUS |
           extra[pick(6)] | extra[pick(6)];
    a[4] = -1UL;
    a[5] = pick(4) ? 0 : PAGE;
  } else if (!strcmp(n, "mremap")) {
    a[3] = pick(4); /* MREMAP_MAYMOVE, MREMAP_FIXED */
  } else if (!strcmp(n, "socket") || !strcmp(n, "socketpair")) {
    /* AF_UNIX sockets of every type, so that the socket calls that follow
     * meet real sockets (SOCK_NONBLOCK sometimes). */
    a[0] = 1;
    a[1] = (1 + pick(5)) | (pick(2) ? 04000 : 0);
    a[2] = 0;
  } else if (!strcmp(n, "mprotect")) {
    a[2] = pick(8);
  } else if (!strcmp(n, "pidfd_open")) {
    /* The storm's own pidfds (it has no children), so that the pidfd
     * calls below meet real ones among the low fds. */
    a[0] = (unsigned long)raw(SYS_getpid, 0, 0, 0);
    a[1] = pick(2) ? 0 : 04000 /* PIDFD_NONBLOCK */;
  } else if (!strcmp(n, "pidfd_getfd") || !strcmp(n, "pidfd_send_signal")) {
    a[0] = 3 + pick(8);
    a[!strcmp(n, "pidfd_getfd") ? 2 : 3] = pick(2) ? 0 : 1UL << pick(3);
  } else if (!strcmp(n, "waitid") && pick(2)) {
    a[0] = 3; /* P_PIDFD */
    a[1] = 3 + pick(8);
    a[3] = pick(2) ? 5 : 4; /* WEXITED, WNOHANG: nothing can be waited */
  } else if (!strcmp(n, "rt_sigtimedwait") || !strcmp(n, "rt_sigpending") ||
             !strcmp(n, "ppoll")) {
    a[!strcmp(n, "rt_sigpending") ? 1 : !strcmp(n, "ppoll") ? 4 : 3] = 8;
  }
}

/* Shape one call's arguments so that it cannot end or freeze the storm. */
static void shape(const struct call *c, int pol, unsigned long *a) {
  if (mild)
    make_plausible(c->name, a);
  static const struct { unsigned long cur, max; } infinity = {~0UL, ~0UL};
  switch (pol) {
  case P_MEM:
    fix_mem(c->name, a);
    break;
  case P_SIGNAL:
    a[sig_arg(c->name)] = safe_signal();
    break;
  case P_SIGSTATE:
    if (!strcmp(c->name, "rt_sigsuspend")) {
      a[0] = pick(2) ? unreadable_ptr() : (unsigned long)&timeouts[0]; /* empty */
      if (pick(4))
        a[1] = 8;
    } else if (!strncmp(c->name, "rt_sig", 6) && pick(4)) {
      a[3] = 8; /* a valid sigsetsize, so the rest is really checked */
    }
    break;
  case P_RLIMIT: {
    int i = c->name[0] == 'p' ? 2 : 1;
    a[i] = pick(2) ? unreadable_ptr() : (unsigned long)&infinity;
    break;
  }
  case P_WAIT: {
    const char *n = c->name;
    int i = !strcmp(n, "futex") ? 3 : !strcmp(n, "ppoll") ? 2
            : !strcmp(n, "pselect6") || !strcmp(n, "io_pgetevents") ? 4
            : !strncmp(n, "epoll_pwait", 11) ? 3 : 2;
    a[i] = strcmp(n, "epoll_pwait") ? bounded_timeout() : pick(3);
    break;
  }
  case P_FDKILL: /* FD_KEEP..SAVED_FD stay */
    if (!strcmp(c->name, "close_range")) {
      if ((uint32_t)a[0] <= SAVED_FD && (uint32_t)a[1] >= FD_KEEP)
        a[1] = FD_KEEP - 1; /* unsigned int arguments */
    } else {
      int i = !strcmp(c->name, "close") ? 0 : 1;
      if ((int)a[i] >= FD_KEEP && (int)a[i] <= SAVED_FD)
        a[i] = SAVED_FD + 1;
    }
    break;
  case P_PRCTL:
    /* PR_SET_SECCOMP, PR_SET_MM, PR_SET_SYSCALL_USER_DISPATCH */
    if ((int)a[0] == 22 || (int)a[0] == 35 || (int)a[0] == 59)
      a[0] = 15; /* PR_SET_NAME */
    break;
  }
}

__attribute__((noinline)) static unsigned long
checksum(const unsigned char *p, const unsigned char *e) {
  unsigned long h = 1469598103934665603UL;
  for (; p < e; p++)
    h = (h ^ *p) * 1099511628211UL;
  return h;
}

static void setup(void) {
  if (raw(SYS_dup3, 1, SAVED_FD, 0) != SAVED_FD)
    raw(SYS_exit_group, 4, 0, 0);
  /* [guard][scratch][guard]: overruns of scratch land on PROT_NONE. */
  unsigned char *r = mmap(0, (SCRATCH_PAGES + 2) * PAGE,
                          PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                          -1, 0);
  if (r == MAP_FAILED)
    die("mmap scratch");
  guard_lo = r;
  scratch = r + PAGE;
  scratch_end = guard_hi = scratch + SCRATCH_PAGES * PAGE;
  if (mprotect(guard_lo, PAGE, PROT_NONE) || mprotect(guard_hi, PAGE, PROT_NONE))
    die("mprotect guards");
  arena = mmap(0, ARENA_PAGES * PAGE, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (arena == MAP_FAILED)
    die("mmap arena");
  arena_hole = arena + ARENA_PAGES / 2 * PAGE;
  munmap(arena_hole, PAGE);
  /* stdout/stderr go to a non-blocking pipe: storm writes stay quiet.
   * The pipes live at PIPE_FD.. (storm.h's fd map). */
  int p[2], q[2];
  if (pipe2(p, O_NONBLOCK) || pipe(q))
    die("pipes");
  dup2(p[1], 1);
  dup2(p[1], 2);
  int ends[4] = {p[0], p[1], q[0], q[1]};
  for (int i = 0; i < 4; i++) {
    pipe_fds[i] = PIPE_FD + i;
    if (dup2(ends[i], PIPE_FD + i) != PIPE_FD + i)
      die("pipe fds");
    close(ends[i]);
  }
#if defined(__x86_64__)
  raw(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &saved_fs, 0);
#endif
  repair(-1);
  set_mask(SIG_SETMASK, 0);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: storm SEED [CALLS] (image only, never natively)\n");
    return 2;
  }
  if (!strcmp(argv[1], "--probes"))
    return fs_probe_main(); /* natively too: only the probe calls */
  uint64_t seed = strtoull(argv[1], 0, 0);
  unsigned long ncalls = argc > 2 ? strtoul(argv[2], 0, 0) : 20000;
  rng_state = seed;
  static unsigned long text_sum, ro_sum;
  text_sum = checksum((unsigned char *)__executable_start,
                                    (unsigned char *)etext);
  ro_sum = checksum(ro_page, ro_page + PAGE);
  setup();
  for (size_t i = 0; i < NCALLS; i++) {
    policy_of[i] = (unsigned char)policy_for(table[i].name);
    fs_of[i] = (signed char)fs_template(table[i].name);
  }
  fs_setup(seed, ncalls);

  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  static unsigned long ok, err, nosys;
  static unsigned long a[6];
  static size_t ci;
  static unsigned long n;
  for (n = 0; n < ncalls; n++) {
    fs_tick(n);
    do
      ci = pick(NCALLS);
    while (policy_of[ci] == P_SKIP || (enosys[ci] && pick(16)));
    const struct call *c = &table[ci];
    mild = (int)pick(2);
    int pol = policy_of[ci];
    const char *k = c->kinds;
    for (int j = 0; j < 6; j++) {
      size_t len = *k ? strcspn(k, ",") : 0;
      a[j] = len && strncmp(k, "?", len) ? arg_of_kind(k, len)
                                         : arg_of_kind("", 0);
      k += len + (k[len] == ',');
    }
    if (n % 8 == 0)
      refresh_scratch(n % 256 == 0 ? SCRATCH_PAGES * PAGE : PAGE);
    memset(scratch_end - 16, 'A', 16);
    if (fs_of[ci] >= 0)
      fs_shape(fs_of[ci], a);
    shape(c, pol, a);

    if (sigsetjmp(jb, 0) == 0) {
      in_call = 1;
      if (pol == P_SIGSTATE)
        set_mask(SIG_SETMASK, ~0UL);
      long r = raw6(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
      if (pol == P_SIGSTATE) {
        repair(!strcmp(c->name, "rt_sigaction") ? (int)a[0] : 0); /* int */
        set_mask(SIG_SETMASK, 0);
      }
      in_call = 0;
      if (fs_of[ci] >= 0)
        fs_after(fs_of[ci]);
      if (r == -38) {
        nosys++;
        enosys[ci] = 1;
      } else if (r < 0 && r > -4096) {
        err++;
      } else {
        ok++;
        if (!strcmp(c->name, "mmap") && !(a[3] & MAP_FIXED))
          note_mapping((unsigned long)r, a[1]);
        else if (!strcmp(c->name, "mremap") && (unsigned long)r != a[0])
          note_mapping((unsigned long)r, a[2]);
      }
    } else {
      in_call = 0;
      repair(-1);
      set_mask(SIG_SETMASK, 0);
      if (fs_of[ci] >= 0)
        fs_after(fs_of[ci]);
    }
    if (n % 64 == 63) { /* drain the quiet pipes (their flags may change) */
      static char sink[4096];
      raw(SYS_fcntl, pipe_fds[0], F_SETFL, O_NONBLOCK);
      raw(SYS_read, pipe_fds[0], sink, sizeof sink);
    }
  }
  struct itimerval zero = {{0, 0}, {0, 0}};
  raw(SYS_setitimer, ITIMER_REAL, &zero, 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);

  if (checksum((unsigned char *)__executable_start, (unsigned char *)etext) !=
      text_sum)
    die("our text changed (the kernel wrote to read-only memory)");
  if (checksum(ro_page, ro_page + PAGE) != ro_sum)
    die("read-only data changed");

  char line[256];
  unmap_made();
  fs_finish(line, sizeof line);
  say(line);
  double s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  snprintf(line, sizeof line,
           "storm stats: seed=%llu ok=%lu err=%lu enosys=%lu signals=%lu "
           "faults=%lu alarms=%lu seconds=%.3f calls_per_s=%.0f\n",
           (unsigned long long)seed, ok, err, nosys, n_signals, n_faults,
           n_alarms, s, s > 0 ? (double)n / s : 0.0);
  say(line);
  snprintf(line, sizeof line, "storm done %lu calls\n", n);
  say(line);
  raw(SYS_exit_group, 0, 0, 0);
  return 0;
}
