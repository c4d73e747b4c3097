/* vm.mprotect_split: mprotect of the middle page splits a mapping: that page
 * faults on write (SEGV_ACCERR at the exact address) while its neighbours do
 * not; a range with a hole is ENOMEM but the part before the hole has
 * already changed; argument errors in Linux's order. */
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

/* Write to a; returns 1 when it faulted with SEGV_ACCERR at a. */
static int write_faults(long a) {
  code = 0;
  if (sigsetjmp(env, 1) == 0) {
    *(volatile char *)a = 1;
    return 0;
  }
  return code == SEGV_ACCERR && addr == a;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  check(sigaction(SIGSEGV, &sa, 0) == 0, "SIGSEGV handler");
  long p = mm(0, 3 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 3 pages");
  ((char *)p)[PG + 9] = 42;
  expect("mprotect middle page read-only",
         rs(syscall(SYS_mprotect, p + PG, PG, PROT_READ)), "ok");
  check(!write_faults(p) && !write_faults(p + 2 * PG + 4095),
        "first and last page still writable");
  check(write_faults(p + PG + 123), "middle page write: SEGV_ACCERR there");
  check(((char *)p)[PG + 9] == 42, "middle page still reads its data");
  expect("mprotect all three back",
         rs(syscall(SYS_mprotect, p, 3 * PG, RW)), "ok");
  check(!write_faults(p + PG + 123), "middle page writable again");
  expect("mprotect PROT_NONE", rs(syscall(SYS_mprotect, p, PG, PROT_NONE)),
         "ok");
  check(write_faults(p + 5), "PROT_NONE write: SEGV_ACCERR");

  long q = mm(0, 3 * PG, RW, ANON, -1, 0);
  syscall(SYS_munmap, q + PG, PG);
  expect("mprotect over a hole", rs(syscall(SYS_mprotect, q, 3 * PG, PROT_READ)),
         "ENOMEM");
  check(write_faults(q), "the part before the hole changed");
  check(!write_faults(q + 2 * PG), "the part after the hole did not");
  expect("mprotect starting in the hole",
         rs(syscall(SYS_mprotect, q + PG, PG, PROT_READ)), "ENOMEM");
  expect("mprotect unaligned", rs(syscall(SYS_mprotect, q + 1, PG, PROT_READ)),
         "EINVAL");
  expect("mprotect length 0, unmapped",
         rs(syscall(SYS_mprotect, q + PG, 0, PROT_READ)), "ok");
  expect("mprotect bad prot bit, unmapped",
         rs(syscall(SYS_mprotect, q + PG, PG, 0x100)), "EINVAL");
  expect("mprotect PROT_GROWSDOWN on a plain mapping",
         rs(syscall(SYS_mprotect, q, PG, PROT_READ | PROT_GROWSDOWN)), "EINVAL");
  expect("mprotect both grows bits",
         rs(syscall(SYS_mprotect, q, PG,
                    PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP)),
         "EINVAL");
  expect("mprotect wrapping range",
         rs(syscall(SYS_mprotect, q, -PG, PROT_READ)), "ENOMEM");
  expect("mprotect kernel address",
         rs(syscall(SYS_mprotect, 0xffff800000000000UL, PG, PROT_READ)),
         "ENOMEM");
  return finish("mprotect_split");
}
