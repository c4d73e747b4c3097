/* scheduling.rlimits: getrlimit/setrlimit/prlimit64: soft above hard is
 * EINVAL, an unknown resource EINVAL, an unknown pid ESRCH; prlimit64
 * returns the old limit while setting the new one; a lowered
 * RLIMIT_NOFILE makes dup() fail with EMFILE. */
#include <sys/resource.h>

#include "contract.h"

static long raw(long nr, long a, long b, void *c, void *d) {
  return rs(syscall(nr, a, b, c, d));
}

int main(void) {
  struct rlimit r, old;
  check(raw(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &old) == 0, "read NOFILE");
  check(old.rlim_cur <= old.rlim_max, "soft<=hard");
  r.rlim_cur = old.rlim_max;
  r.rlim_max = old.rlim_max == RLIM_INFINITY ? RLIM_INFINITY : old.rlim_max - 1;
  if (r.rlim_max != RLIM_INFINITY)
    check(raw(SYS_prlimit64, 0, RLIMIT_NOFILE, &r, NULL) == -EINVAL,
          "soft above hard EINVAL");
  else
    check(1, "soft above hard EINVAL");
  check(raw(SYS_prlimit64, 0, 99, NULL, &r) == -EINVAL, "resource 99 EINVAL");
  check(raw(SYS_prlimit64, 0x3ffffff0, RLIMIT_NOFILE, NULL, &r) == -ESRCH,
        "unknown pid ESRCH");

  struct rlimit small = {16, old.rlim_max}, prev;
  check(raw(SYS_prlimit64, 0, RLIMIT_NOFILE, &small, &prev) == 0 &&
            prev.rlim_cur == old.rlim_cur,
        "prlimit64 returns the old limit");
  check(getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 16, "now 16");
  int last = -1, err = 0;
  for (int i = 0; i < 32; i++) {
    int fd = dup(1);
    if (fd < 0) {
      err = errno;
      break;
    }
    last = fd;
  }
  printf("highest fd %d, then %s\n", last, err == EMFILE ? "EMFILE" : "?");
  check(last == 15 && err == EMFILE, "dup stops at the limit");
  for (int fd = 3; fd <= last; fd++)
    close(fd);

  struct rlimit core = {0, 0};
  check(setrlimit(RLIMIT_CORE, &core) == 0, "setrlimit CORE 0");
  check(getrlimit(RLIMIT_CORE, &r) == 0 && r.rlim_cur == 0 && r.rlim_max == 0,
        "getrlimit CORE 0");
  errno = 0;
  check(syscall(SYS_getrlimit, 99, &r) == -1 && errno == EINVAL,
        "getrlimit 99 EINVAL");

  return finish("rlimits");
}
