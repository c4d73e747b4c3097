/* security.capset_rules: capset changes only the caller's sets (another
 * pid: EPERM), the new permitted set must be within the old (a dropped
 * capability never comes back), effective within the new permitted,
 * inheritable within inheritable+permitted unless CAP_SETPCAP is
 * effective; an effective capability is what the calls check (setresuid
 * without CAP_SETUID: EPERM); a version 1 header drops the upper 32
 * capabilities. Relations only: the host's full mask is not printed. */
#include "contract.h"

#define V1 CAP_V1
#define V3 CAP_V3
#define CAP_SETUID 7
#define CAP_SETPCAP 8
#define CAP_SYS_ADMIN 21
#define CAP_SYS_TIME 25
#define BIT(c) (1u << (c))

static struct cap_data d[2];

static long get(void) {
  struct cap_header h = {V3, 0};
  return rs(syscall(SYS_capget, &h, d));
}

static long set(unsigned version, int pid, const struct cap_data *x) {
  struct cap_header h = {version, pid};
  return rs(syscall(SYS_capset, &h, x));
}

static void run(void) {
  get();
  struct cap_data n[2];
  memcpy(n, d, sizeof n);
  expect("same sets", set(V3, 0, n), "ok");
  expect("own pid", set(V3, getpid(), n), "ok");
  expect("another pid", set(V3, getppid(), n), "EPERM");
  struct cap_header h = {1, 0};
  expect("bad version", rs(syscall(SYS_capset, &h, n)), "EINVAL");
  check(h.version == V3, "version 3 written back");
  expect("NULL data", set(V3, 0, 0), "EFAULT");

  n[0].permitted &= ~BIT(CAP_SYS_TIME);
  expect("effective outside permitted", set(V3, 0, n), "EPERM");
  n[0].effective &= ~BIT(CAP_SYS_TIME);
  expect("drop sys_time", set(V3, 0, n), "ok");
  get();
  check(!(d[0].permitted & BIT(CAP_SYS_TIME)), "sys_time gone");
  n[0].permitted |= BIT(CAP_SYS_TIME);
  expect("raise it again", set(V3, 0, n), "EPERM");
  n[0].permitted &= ~BIT(CAP_SYS_TIME);

  n[0].effective &= ~BIT(CAP_SETUID);
  expect("setuid not effective", set(V3, 0, n), "ok");
  expect("setresuid", rs(syscall(SYS_setresuid, 1, 1, 1)), "EPERM");
  n[0].effective |= BIT(CAP_SETUID);
  expect("effective again", set(V3, 0, n), "ok");

  n[0].inheritable = BIT(CAP_SYS_ADMIN);
  expect("inheritable from permitted", set(V3, 0, n), "ok");
  n[0].inheritable |= BIT(CAP_SYS_TIME);
  expect("inheritable outside, with setpcap", set(V3, 0, n), "ok");
  n[0].inheritable = BIT(CAP_SYS_ADMIN);
  n[0].effective &= ~BIT(CAP_SETPCAP);
  expect("setpcap dropped", set(V3, 0, n), "ok");
  n[0].inheritable |= BIT(CAP_SYS_TIME);
  expect("inheritable outside, no setpcap", set(V3, 0, n), "EPERM");
  n[0].inheritable = BIT(CAP_SYS_ADMIN) | BIT(CAP_SETUID);
  expect("inheritable from permitted, no setpcap", set(V3, 0, n), "ok");

  get();
  check(d[1].permitted != 0, "upper capabilities held");
  expect("v1 set", set(V1, 0, n), "ok");
  get();
  check(d[1].permitted == 0 && d[1].effective == 0, "v1 dropped the upper 32");
  check(d[0].permitted == n[0].permitted, "lower 32 as given");
}

int main(void) {
  run_in_child(run);
  return finish("capset_rules");
}
