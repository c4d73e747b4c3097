/* signals.kill_errors: kill/tkill/tgkill argument rules: signal 0 probes,
 * an out-of-range signal is EINVAL, a non-positive tid is EINVAL, a tid
 * that is not ours is ESRCH. */

#include "contract.h"

static long sys(long nr, long a, long b, long c) {
  return rs(syscall(nr, a, b, c));
}

int main(void) {
  long pid = getpid(), tid = syscall(SYS_gettid);
  check(sys(SYS_kill, pid, 0, 0) == 0, "kill sig 0 probes self");
  check(sys(SYS_kill, pid, 65, 0) == -EINVAL, "kill sig 65 EINVAL");
  check(sys(SYS_kill, pid, -1, 0) == -EINVAL, "kill sig -1 EINVAL");
  check(sys(SYS_tkill, 0, SIGUSR1, 0) == -EINVAL, "tkill tid 0 EINVAL");
  check(sys(SYS_tkill, -5, SIGUSR1, 0) == -EINVAL, "tkill tid -5 EINVAL");
  check(sys(SYS_tkill, tid, 65, 0) == -EINVAL, "tkill sig 65 EINVAL");
  check(sys(SYS_tkill, tid, 0, 0) == 0, "tkill sig 0 probes");
  check(sys(SYS_tgkill, 0, tid, SIGUSR1) == -EINVAL, "tgkill tgid 0 EINVAL");
  check(sys(SYS_tgkill, pid, 0, SIGUSR1) == -EINVAL, "tgkill tid 0 EINVAL");
  check(sys(SYS_tgkill, pid, tid, 0) == 0, "tgkill sig 0 probes");
  /* A tid far above pid_max's default cannot exist. */
  check(sys(SYS_tgkill, pid, 0x3ffffff0, 0) == -ESRCH,
        "tgkill other tid ESRCH");
  check(sys(SYS_tkill, 0x3ffffff0, 0, 0) == -ESRCH, "tkill other tid ESRCH");
  check(sys(SYS_kill, 0x3ffffff0, 0, 0) == -ESRCH, "kill other pid ESRCH");

  return finish("kill_errors");
}
