/* security.ambient_securebits: prctl's PR_CAP_AMBIENT and PR_SET_SECUREBITS
 * (capabilities(7)). An ambient capability can be raised only while it is
 * permitted and inheritable (and not under SECBIT_NO_CAP_AMBIENT_RAISE),
 * goes when either set drops it, when root's ids go, and becomes the
 * permitted and effective sets of a non-root program after execve. The
 * securebits word needs CAP_SETPCAP; a locked flag cannot change, a lock
 * cannot be dropped, an unknown bit is EPERM. SECBIT_KEEP_CAPS is
 * PR_SET_KEEPCAPS (kept permitted set through a setuid, cleared by
 * execve); SECBIT_NO_SETUID_FIXUP keeps even the effective set. */
#include "contract.h"

#include <sys/prctl.h>

#define NET_RAW 13 /* CAP_NET_RAW, any capability root has will do */
#define AMB_IS_SET 1
#define AMB_RAISE 2
#define AMB_LOWER 3
#define AMB_CLEAR_ALL 4
#define SB_NO_SETUID_FIXUP 0x04
#define SB_KEEP_CAPS 0x10
#define SB_KEEP_CAPS_LOCKED 0x20
#define SB_NO_CAP_AMBIENT_RAISE 0x40

static long amb(long op, long cap) {
  return rs(prctl(PR_CAP_AMBIENT, op, cap, 0, 0));
}

static struct cap_data caps(void) {
  struct cap_header h = {CAP_V3, 0};
  struct cap_data d[2] = {{0, 0, 0}, {0, 0, 0}};
  syscall(SYS_capget, &h, d);
  return d[0];
}

static long set_inh(unsigned inh) {
  struct cap_header h = {CAP_V3, 0};
  struct cap_data d[2];
  syscall(SYS_capget, &h, d);
  d[0].inheritable = inh;
  return rs(syscall(SYS_capset, &h, d));
}

static const char *has(unsigned set) {
  return set & (1u << NET_RAW) ? "has CAP_NET_RAW" : "no CAP_NET_RAW";
}

static void ambient_rules(void) {
  expect("IS_SET at start", amb(AMB_IS_SET, NET_RAW), "ok");
  printf("  value %ld\n", amb(AMB_IS_SET, NET_RAW));
  expect("RAISE, not inheritable", amb(AMB_RAISE, NET_RAW), "EPERM");
  expect("capset inheritable", set_inh(1u << NET_RAW), "ok");
  expect("RAISE", amb(AMB_RAISE, NET_RAW), "ok");
  printf("IS_SET after RAISE: %ld\n", amb(AMB_IS_SET, NET_RAW));
  expect("LOWER", amb(AMB_LOWER, NET_RAW), "ok");
  printf("IS_SET after LOWER: %ld\n", amb(AMB_IS_SET, NET_RAW));
  amb(AMB_RAISE, NET_RAW);
  expect("CLEAR_ALL", amb(AMB_CLEAR_ALL, 0), "ok");
  printf("IS_SET after CLEAR_ALL: %ld\n", amb(AMB_IS_SET, NET_RAW));
  expect("CLEAR_ALL with a capability",
         rs(prctl(PR_CAP_AMBIENT, AMB_CLEAR_ALL, 1, 0, 0)), "EINVAL");
  expect("IS_SET of capability 99", amb(AMB_IS_SET, 99), "EINVAL");
  expect("IS_SET with arg4", rs(prctl(PR_CAP_AMBIENT, AMB_IS_SET, 1, 1, 0)),
         "EINVAL");
  expect("op 5", amb(5, NET_RAW), "EINVAL");
  amb(AMB_RAISE, NET_RAW);
  expect("capset drops the inheritable bit", set_inh(0), "ok");
  printf("IS_SET after that: %ld\n", amb(AMB_IS_SET, NET_RAW));
}

static void securebits_rules(void) {
  printf("securebits at start: %ld\n", rs(prctl(PR_GET_SECUREBITS)));
  expect("an unknown bit", rs(prctl(PR_SET_SECUREBITS, 1L << 12)), "EPERM");
  expect("SECBIT_KEEP_CAPS", rs(prctl(PR_SET_SECUREBITS, SB_KEEP_CAPS)), "ok");
  printf("PR_GET_KEEPCAPS: %ld\n", rs(prctl(PR_GET_KEEPCAPS)));
  expect("SECBIT_NO_CAP_AMBIENT_RAISE",
         rs(prctl(PR_SET_SECUREBITS, SB_NO_CAP_AMBIENT_RAISE)), "ok");
  set_inh(1u << NET_RAW);
  expect("RAISE under it", amb(AMB_RAISE, NET_RAW), "EPERM");
  expect("lock SECBIT_KEEP_CAPS",
         rs(prctl(PR_SET_SECUREBITS, SB_KEEP_CAPS | SB_KEEP_CAPS_LOCKED)),
         "ok");
  expect("PR_SET_KEEPCAPS 0 when locked", rs(prctl(PR_SET_KEEPCAPS, 0)),
         "EPERM");
  expect("drop the lock", rs(prctl(PR_SET_SECUREBITS, SB_KEEP_CAPS)), "EPERM");
  expect("keep the lock, add a flag",
         rs(prctl(PR_SET_SECUREBITS,
                  SB_KEEP_CAPS | SB_KEEP_CAPS_LOCKED | SB_NO_SETUID_FIXUP)),
         "ok");
  printf("securebits now: %#lx\n", rs(prctl(PR_GET_SECUREBITS)));
}

/* Root's ids go with SECBIT_KEEP_CAPS: permitted stays, effective and
 * ambient go; without the CAP_SETPCAP that went, securebits cannot be set.
 * Then an ambient capability raised again reaches the next program. */
static void keep_and_exec(void) {
  set_inh(1u << NET_RAW);
  amb(AMB_RAISE, NET_RAW);
  prctl(PR_SET_KEEPCAPS, 1);
  expect("setresuid(1000)", rs(syscall(SYS_setresuid, 1000, 1000, 1000)), "ok");
  struct cap_data d = caps();
  printf("kept: permitted %s, effective %s, ambient %ld\n", has(d.permitted),
         has(d.effective), amb(AMB_IS_SET, NET_RAW));
  expect("PR_SET_SECUREBITS without CAP_SETPCAP",
         rs(prctl(PR_SET_SECUREBITS, SB_KEEP_CAPS)), "EPERM");
  expect("RAISE again", amb(AMB_RAISE, NET_RAW), "ok");
  fflush(stdout);
  char *argv[] = {"ambient_securebits", "stage2", 0};
  execv("/proc/self/exe", argv);
  printf("execv: %s\n", errno_name(errno));
  failed = 1;
}

static void no_fixup(void) {
  prctl(PR_SET_SECUREBITS, SB_NO_SETUID_FIXUP);
  syscall(SYS_setresuid, 1000, 1000, 1000);
  struct cap_data d = caps();
  printf("NO_SETUID_FIXUP: permitted %s, effective %s\n", has(d.permitted),
         has(d.effective));
}

static int stage2(void) {
  struct cap_data d = caps();
  printf("after execve as uid 1000: permitted %s, effective %s, ambient %ld\n",
         has(d.permitted), has(d.effective), amb(AMB_IS_SET, NET_RAW));
  printf("  and only that one: %s\n",
         d.effective == (1u << NET_RAW) ? "yes" : "no");
  printf("  PR_GET_KEEPCAPS: %ld\n", rs(prctl(PR_GET_KEEPCAPS)));
  fflush(stdout);
  return failed;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "stage2") == 0)
    return stage2();
  run_in_child(ambient_rules);
  run_in_child(securebits_rules);
  run_in_child(keep_and_exec);
  run_in_child(no_fixup);
  return finish("ambient_securebits");
}
