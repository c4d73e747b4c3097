/* vm.growsdown: a MAP_GROWSDOWN mapping grows when a page below it is
 * touched (no signal, zero-filled, the range is then mapped), but never
 * further than the stack limit (8 MiB) from its top: there the access is
 * SIGSEGV with SEGV_MAPERR. */
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

static void on_segv(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)uc;
  code = si->si_code;
  siglongjmp(env, 1);
}

static int mapped(long a) {
  unsigned char v;
  return syscall(SYS_mincore, a, PG, &v) == 0;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  check(sigaction(SIGSEGV, &sa, 0) == 0, "SIGSEGV handler");
  /* A free 64 MiB range; the stack goes at its top. */
  long base = mm(0, 64L << 20, PROT_NONE, ANON | MAP_NORESERVE, -1, 0);
  check(base > 0, "reserve 64 MiB");
  syscall(SYS_munmap, base, 64L << 20);
  long top = base + (64L << 20);
  long g = mm(top - 2 * PG, 2 * PG, RW,
              ANON | MAP_GROWSDOWN | MAP_FIXED_NOREPLACE, -1, 0);
  check(g == top - 2 * PG, "MAP_GROWSDOWN 2 pages");
  check(!mapped(g - PG), "page below not mapped yet");
  volatile char *c = (char *)g;
  volatile int faulted = 0;
  if (sigsetjmp(env, 1) == 0) {
    check(c[-1] == 0, "byte below reads zero");
    c[-3 * PG] = 9;
    check(c[-3 * PG] == 9, "three pages below is writable");
  } else {
    faulted = 1;
  }
  check(!faulted, "no signal while growing");
  check(mapped(g - PG) && mapped(g - 3 * PG), "the mapping grew down");
  code = 0;
  faulted = 0;
  if (sigsetjmp(env, 1) == 0)
    (void)*(volatile char *)(top - (9L << 20));
  else
    faulted = 1;
  check(faulted && code == SEGV_MAPERR, "9 MiB below the top: SEGV_MAPERR");
  check(!mapped(top - (9L << 20)), "and not mapped");
  return finish("growsdown");
}
