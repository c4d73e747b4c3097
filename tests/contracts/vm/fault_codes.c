/* vm.fault_codes: a fault raises SIGSEGV with si_addr the exact faulting
 * address and si_code SEGV_MAPERR where nothing is mapped (an unmapped page,
 * a kernel address) or SEGV_ACCERR where a mapping denies the access (write
 * to a read-only page or the program's text, read of PROT_NONE). A faulting
 * access has no effect. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PG 4096L

static int failed;

__attribute__((unused)) static void check(int ok, const char *what) {
  printf("%s %s\n", what, ok ? "ok" : "FAILED");
  if (!ok)
    failed = 1;
}

/* A raw syscall's result: the value, or -errno. */
__attribute__((unused)) static long rs(long r) {
  return r == -1 ? -errno : r;
}

static const char *ename(long r) {
  switch (-r) {
  case EPERM: return "EPERM";
  case EBADF: return "EBADF";
  case ENOMEM: return "ENOMEM";
  case EACCES: return "EACCES";
  case EFAULT: return "EFAULT";
  case EEXIST: return "EEXIST";
  case ENODEV: return "ENODEV";
  case EINVAL: return "EINVAL";
  case EOPNOTSUPP: return "EOPNOTSUPP";
  default: return r < 0 && r > -4096 ? "E?" : "ok";
  }
}

/* Print "what: RESULT" and fail unless the result is `want` ("ok" for any
 * success). */
__attribute__((unused)) static void expect(const char *what, long r, const char *want) {
  const char *got = ename(r);
  printf("%s: %s\n", what, got);
  if (strcmp(got, want) != 0) {
    printf("  expected %s\n", want);
    failed = 1;
  }
}

__attribute__((unused)) static long mm(long addr, long len, int prot, int flags, int fd, long off) {
  return rs(syscall(SYS_mmap, addr, len, prot, flags, fd, off));
}

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

__attribute__((unused)) static int finish(const char *name) {
  if (failed) {
    printf("CONTRACT_FAIL %s: see lines above\n", name);
    return 1;
  }
  printf("CONTRACT_PASS %s\n", name);
  return 0;
}
#include <setjmp.h>
#include <signal.h>
static sigjmp_buf env;
static volatile int code;
static volatile long addr;

static void on_segv(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)uc;
  code = si->si_code;
  addr = (long)si->si_addr;
  siglongjmp(env, 1);
}

/* Access a (write if w); print what happened. */
static void probe(const char *what, long a, int w, int want) {
  code = 0;
  addr = 0;
  volatile int faulted = 0;
  if (sigsetjmp(env, 1) == 0) {
    if (w)
      *(volatile char *)a = 1;
    else
      (void)*(volatile char *)a;
  } else {
    faulted = 1;
  }
  const char *name = !faulted ? "no fault"
                     : code == SEGV_MAPERR ? "SEGV_MAPERR"
                     : code == SEGV_ACCERR ? "SEGV_ACCERR"
                                           : "other code";
  printf("%s: %s%s\n", what, name, faulted && addr != a ? " addr differs" : "");
  if (!faulted || code != want || addr != a)
    failed = 1;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  check(sigaction(SIGSEGV, &sa, 0) == 0, "SIGSEGV handler");
  long p = mm(0, 3 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 3 pages");
  ((char *)p)[PG + 77] = 5;
  syscall(SYS_munmap, p + 2 * PG, PG);
  syscall(SYS_mprotect, p + PG, PG, PROT_READ);
  syscall(SYS_mprotect, p, PG, PROT_NONE);
  probe("read unmapped page", p + 2 * PG + 321, 0, SEGV_MAPERR);
  probe("write unmapped page", p + 2 * PG + 4095, 1, SEGV_MAPERR);
  probe("write read-only page", p + PG + 77, 1, SEGV_ACCERR);
  check(((char *)p)[PG + 77] == 5, "the refused write changed nothing");
  probe("read PROT_NONE page", p + 10, 0, SEGV_ACCERR);
  probe("write PROT_NONE page", p + 11, 1, SEGV_ACCERR);
  probe("write program text", (long)&main, 1, SEGV_ACCERR);
  probe("read kernel address", (long)0xffff800000001000UL, 0, SEGV_MAPERR);
  probe("read page 0", 8, 0, SEGV_MAPERR);
  return finish("fault_codes");
}
