/* vm.mlock_rules: mlock(2) and friends. Locking rounds the range out to
 * pages, faults it in and shows in VmLck and smaps_rollup's Locked;
 * locked memory refuses MADV_DONTNEED, MADV_FREE and MADV_COLD (EINVAL)
 * but not MADV_DONTNEED_LOCKED; a range with a hole is ENOMEM; mlock2
 * takes only MLOCK_ONFAULT; mlockall needs MCL_CURRENT or MCL_FUTURE, and
 * MCL_FUTURE locks what is mapped later; a fork's child locks nothing.
 * Without CAP_IPC_LOCK the limit is RLIMIT_MEMLOCK (ENOMEM past it, EPERM
 * when it is 0). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "contract.h"

#ifndef MADV_DONTNEED_LOCKED
#define MADV_DONTNEED_LOCKED 24
#endif
#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 1
#endif
#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

/* A "Name:  N kB" field of a /proc/self file, in kB (-1: not found). */
static long kb(const char *file, const char *name) {
  char buf[4096];
  long n = slurp(file, buf, sizeof buf);
  if (n <= 0)
    return -1;
  buf[n] = 0;
  const char *p = strstr(buf, name);
  return p ? strtol(p + strlen(name), 0, 10) : -1;
}

static long vmlck(void) {
  return kb("/proc/self/status", "VmLck:");
}

/* Drop capability `cap` from the effective set (capset, version 3). */
static void cap_drop(int cap) {
  struct cap_header h = {CAP_V3, 0};
  struct cap_data d[2];
  syscall(SYS_capget, &h, d);
  d[cap / 32].effective &= ~(1u << (cap % 32));
  check(syscall(SYS_capset, &h, d) == 0, "drop CAP_IPC_LOCK");
}

static long adv(long a, long l, int advice) {
  return rs(syscall(SYS_madvise, a, l, advice));
}

int main(void) {
  long base = vmlck();
  printf("VmLck at start: %ld kB\n", base);
  long p = mm(0, 8 * PG, RW, ANON, -1, 0);
  expect("mlock of 2 pages from an unaligned start",
         rs(mlock((void *)(p + 100), PG)), "ok");
  printf("VmLck: %ld kB more, resident: %d of 2 pages\n", vmlck() - base,
         resident(p, 2));
  printf("smaps_rollup Locked: %ld kB\n",
         kb("/proc/self/smaps_rollup", "Locked:"));
  expect("MADV_DONTNEED on it", adv(p, PG, MADV_DONTNEED), "EINVAL");
  expect("MADV_FREE on it", adv(p, PG, MADV_FREE), "EINVAL");
  expect("MADV_COLD on it", adv(p, PG, MADV_COLD), "EINVAL");
  ((volatile char *)p)[0] = 5;
  expect("MADV_DONTNEED_LOCKED on it", adv(p, PG, MADV_DONTNEED_LOCKED), "ok");
  printf("and it dropped the page: %s\n",
         ((volatile char *)p)[0] == 0 ? "yes" : "no");
  expect("munlock", rs(munlock((void *)p, 2 * PG)), "ok");
  printf("VmLck after munlock: %ld kB more\n", vmlck() - base);
  expect("MADV_DONTNEED after munlock", adv(p, PG, MADV_DONTNEED), "ok");

  syscall(SYS_munmap, p + 4 * PG, PG);
  expect("mlock over a hole", rs(mlock((void *)p, 8 * PG)), "ENOMEM");
  printf("VmLck: %ld kB more (the part before the hole)\n", vmlck() - base);
  munlock((void *)p, 8 * PG);
  expect("mlock2 with MLOCK_ONFAULT",
         rs(syscall(SYS_mlock2, p + 5 * PG, 2 * PG, MLOCK_ONFAULT)), "ok");
  printf("nothing faulted in: %s\n",
         resident(p + 5 * PG, 2) == 0 ? "yes" : "no");
  expect("mlock2 with flag 2", rs(syscall(SYS_mlock2, p, PG, 2)), "EINVAL");
  munlock((void *)p, 8 * PG);

  expect("mlockall(0)", rs(mlockall(0)), "EINVAL");
  expect("mlockall(MCL_ONFAULT)", rs(mlockall(MCL_ONFAULT)), "EINVAL");
  expect("mlockall(8)", rs(mlockall(8)), "EINVAL");
  expect("mlockall(MCL_FUTURE)", rs(mlockall(MCL_FUTURE)), "ok");
  long before = vmlck();
  long q = mm(0, 3 * PG, RW, ANON, -1, 0);
  printf("a new mapping is locked: %ld kB more, resident %d of 3\n",
         vmlck() - before, resident(q, 3));
  fflush(stdout);
  pid_t c = fork();
  if (c == 0)
    _exit(vmlck() == 0 ? 0 : 1);
  printf("a fork's child has nothing locked: %s\n",
         reap_status(c) == 0 ? "yes" : "no");
  expect("munlockall", rs(munlockall()), "ok");
  printf("VmLck after munlockall: %ld kB\n", vmlck());
  long r = mm(0, PG, RW, ANON, -1, 0);
  printf("a mapping after munlockall is not locked: %s\n",
         vmlck() == 0 ? "yes" : "no");
  (void)r;

  /* Without CAP_IPC_LOCK: RLIMIT_MEMLOCK rules. */
  cap_drop(14); /* CAP_IPC_LOCK */
  struct rlimit rl = {2 * PG, 2 * PG};
  setrlimit(RLIMIT_MEMLOCK, &rl);
  expect("mlock of 2 pages under a 2-page limit", rs(mlock((void *)q, 2 * PG)),
         "ok");
  expect("the same 2 again (already counted)", rs(mlock((void *)q, 2 * PG)),
         "ok");
  expect("a third page", rs(mlock((void *)q, 3 * PG)), "ENOMEM");
  expect("mlockall(MCL_CURRENT) over the limit", rs(mlockall(MCL_CURRENT)),
         "ENOMEM");
  munlockall();
  rl.rlim_cur = rl.rlim_max = 0;
  setrlimit(RLIMIT_MEMLOCK, &rl);
  expect("mlock with a limit of 0", rs(mlock((void *)q, PG)), "EPERM");
  expect("mlockall with a limit of 0", rs(mlockall(MCL_FUTURE)), "EPERM");
  expect("munlock needs no limit", rs(munlock((void *)q, PG)), "ok");
  return finish("mlock_rules");
}
