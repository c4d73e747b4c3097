/* contract.h: the one helper header of the contract tests; libc only.
 *
 * What most tests share (format: docs/contracts.md): checks that print a line
 * and remember a failure, the last line, errno names, raw syscall results and
 * probes of the address space. A test MAY include it ("contract.h" or
 * <contract.h>: every contract build has tests/contracts on its include path)
 * after its _GNU_SOURCE; the headers included below need no repeating. A test
 * that does not include it builds as before. All is static: a test pays for
 * what it calls, and nothing prints, installs a handler or runs unless called.
 * Not a framework: no main, no registry, nothing beyond libc, no numbers in
 * output. */
#ifndef KDIFF_CONTRACT_H
#define KDIFF_CONTRACT_H

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define CONTRACT_UNUSED __attribute__((unused))

/* The page size on every target, and the usual mmap words. */
#define PG 4096L
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

/* Nonzero once a check failed (a test may set it too); finish() reports it. */
static int failed CONTRACT_UNUSED;

/* Prints "<what> ok" or "<what> FAILED"; a failure sets `failed`. */
static inline void check(int ok, const char *what) {
  printf("%s %s\n", what, ok ? "ok" : "FAILED");
  if (!ok)
    failed = 1;
}

/* Prints CONTRACT_PASS or CONTRACT_FAIL for `failed`; main's exit status. */
static inline int finish(const char *name) {
  printf(failed ? "CONTRACT_FAIL %s: see lines above\n" : "CONTRACT_PASS %s\n",
         name);
  return failed ? 1 : 0;
}

/* Runs f() in a forked child (stdout flushed before the fork and by the
 * child before it exits) and waits: a failed check there, or a child that
 * does not exit 0, sets `failed`. For checks that change the process for
 * good (dropping root, new namespaces). */
static inline void run_in_child(void (*f)(void)) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    f();
    fflush(stdout);
    _exit(failed);
  }
  int st;
  if (c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st))
    failed = 1;
}

/* Reap child `pid`: its exit code, 128 + the signal that killed it, or -1
 * when the wait fails. */
static inline int reap_status(pid_t pid) {
  int st;
  if (waitpid(pid, &st, 0) != pid)
    return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* capget/capset's header and data (<linux/capability.h>, which musl does
 * not ship) and the header versions. */
struct cap_header {
  unsigned version;
  int pid;
};
struct cap_data {
  unsigned effective, permitted, inheritable;
};
#define CAP_V1 0x19980330u
#define CAP_V2 0x20071026u
#define CAP_V3 0x20080522u

/* A raw syscall()'s result as the kernel gave it: the value, or -errno. */
static inline long rs(long r) {
  return r == -1 ? -errno : r;
}

/* The symbolic name of errno value e ("ENOMEM"); "E?" for one it lacks. */
static inline const char *errno_name(int e) {
#define E_(name) [name] = #name
  static const char *const names[] = {
      // clang-format off
      E_(EPERM), E_(ENOENT), E_(ESRCH), E_(EINTR), E_(EIO), E_(ENXIO),
      E_(E2BIG), E_(ENOEXEC), E_(EBADF), E_(ECHILD), E_(EAGAIN), E_(ENOMEM),
      E_(EACCES), E_(EFAULT), E_(EBUSY), E_(EEXIST), E_(EXDEV), E_(ENODEV),
      E_(ENOTDIR), E_(EISDIR), E_(EINVAL), E_(ENFILE), E_(EMFILE), E_(ENOTTY),
      E_(ETXTBSY), E_(EFBIG), E_(ENOSPC), E_(ESPIPE), E_(EROFS), E_(EMLINK),
      E_(EPIPE), E_(EDOM), E_(ERANGE), E_(EDEADLK), E_(ENAMETOOLONG), E_(ENOLCK),
      E_(ENOSYS), E_(ENOTEMPTY), E_(ELOOP), E_(ENODATA), E_(EOVERFLOW),
      E_(ENOTSOCK), E_(EMSGSIZE), E_(EPROTOTYPE), E_(ENOPROTOOPT),
      E_(EOPNOTSUPP), E_(EAFNOSUPPORT), E_(EADDRINUSE), E_(ECONNRESET),
      E_(ENOBUFS), E_(EISCONN), E_(ENOTCONN), E_(ETIMEDOUT), E_(ECONNREFUSED),
      E_(EALREADY), E_(EINPROGRESS), E_(EPROTONOSUPPORT), E_(ESOCKTNOSUPPORT),
      E_(ECONNABORTED), E_(ETOOMANYREFS),
      // clang-format on
  };
#undef E_
  if (e > 0 && (size_t)e < sizeof names / sizeof names[0] && names[e])
    return names[e];
  return "E?";
}

/* An rs() result's name: errno_name(-r) for -4095..-1, else "ok". */
static inline const char *ename(long r) {
  return r < 0 && r > -4096 ? errno_name((int)-r) : "ok";
}

/* Prints "<what>: <got>"; if got is not want, "  expected <want>" and fails. */
static inline void expect_str(const char *what, const char *got,
                              const char *want) {
  printf("%s: %s\n", what, got);
  if (strcmp(got, want) != 0) {
    printf("  expected %s\n", want);
    failed = 1;
  }
}

/* expect_str() of ename(r): want "ok" (any success) or an errno name. */
static inline void expect(const char *what, long r, const char *want) {
  expect_str(what, ename(r), want);
}

/* 1 when the n bytes at p all equal v. */
static inline int all_bytes(const void *p, size_t n, unsigned char v) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++)
    if (b[i] != v)
      return 0;
  return 1;
}

/* The raw mmap syscall (no libc checks in between), as rs() gives it. */
static inline long mm(long addr, long len, int prot, int flags, int fd,
                      long off) {
  return rs(syscall(SYS_mmap, addr, len, prot, flags, fd, off));
}

/* 1 when mincore accepts the (page aligned) page at a: it is mapped. */
static inline int mapped(long a) {
  unsigned char v;
  return syscall(SYS_mincore, a, PG, &v) == 0;
}

/* How many of the n (<= 4096) pages from p are resident; -1 on an error. */
static inline int resident(long p, int n) {
  static unsigned char v[4096];
  if (n > (int)sizeof v || syscall(SYS_mincore, p, n * PG, v) != 0)
    return -1;
  int c = 0;
  for (int i = 0; i < n; i++)
    c += v[i] & 1;
  return c;
}

/* The faults catch_faults()'s handler took: count, last si_code and si_addr. */
static volatile int fault_count CONTRACT_UNUSED, fault_code CONTRACT_UNUSED;
static volatile long fault_addr CONTRACT_UNUSED;
static sigjmp_buf contract_fault_env CONTRACT_UNUSED;

/* The handler: counts the fault, notes it, and jumps back into the probe. */
static inline void contract_on_fault(int sig, siginfo_t *si, void *u) {
  (void)sig, (void)u;
  fault_count++;
  fault_code = si->si_code;
  fault_addr = (long)si->si_addr;
  siglongjmp(contract_fault_env, 1);
}

/* Installs the SIGSEGV handler the probes need; returns sigaction's result. */
static inline int catch_faults(void) {
  struct sigaction sa = {.sa_sigaction = contract_on_fault,
                         .sa_flags = SA_SIGINFO};
  return sigaction(SIGSEGV, &sa, 0);
}

/* Reads the byte at a: 1 when it faulted (fault_code, fault_addr), else 0. */
static inline int probe_read(long a) {
  fault_code = 0;
  fault_addr = 0;
  if (sigsetjmp(contract_fault_env, 1) != 0)
    return 1;
  (void)*(volatile char *)a;
  return 0;
}

/* Writes v to the byte at a: 1 when it faulted (see probe_read), else 0. */
static inline int probe_write(long a, char v) {
  fault_code = 0;
  fault_addr = 0;
  if (sigsetjmp(contract_fault_env, 1) != 0)
    return 1;
  *(volatile char *)a = v;
  return 0;
}

/* The whole file at `path` (reads until EOF, as /proc files need) into
 * buf, NUL-terminated: its length, or -errno of the open or a read. */
static inline long slurp(const char *path, char *buf, size_t size) {
  long fd = syscall(SYS_openat, -100, path, 0 /* O_RDONLY */);
  if (fd < 0)
    return -errno;
  size_t n = 0;
  long r = 0;
  while (n + 1 < size && (r = read((int)fd, buf + n, size - 1 - n)) > 0)
    n += (size_t)r;
  int e = errno;
  close((int)fd);
  buf[n] = '\0';
  return r < 0 ? -e : (long)n;
}

/* Called by a thread about to block: an fd of its own
 * /proc/thread-self/stat, for wait_asleep() in another thread. (No TID
 * goes into a path, so both sides' traces name the same file.) */
static inline int thread_stat_fd(void) {
  return (int)syscall(SYS_openat, -100, "/proc/thread-self/stat",
                      0 /* O_RDONLY */);
}

/* Waits until the thread whose thread_stat_fd() `fd` is sleeps (state S):
 * a thread that said it is about to block in one call is then blocked in
 * it, on every machine, however slow. Closes fd. 1 once it sleeps, 0
 * after about 10 s. */
static inline int wait_asleep(int fd) {
  char buf[512];
  int ok = 0;
  for (int i = 0; i < 10000 && !ok; i++) {
    long n = pread(fd, buf, sizeof buf - 1, 0);
    if (n > 0) {
      buf[n] = '\0';
      const char *p = strrchr(buf, ')');
      ok = p && p[1] == ' ' && p[2] == 'S';
    }
    if (!ok)
      usleep(1000);
  }
  close(fd);
  return ok;
}

#endif
