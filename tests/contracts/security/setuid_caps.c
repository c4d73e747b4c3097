/* security.setuid_caps: capabilities follow the user ids
 * (capabilities(7)): euid 0 -> nonzero empties the effective set and
 * nonzero -> 0 refills it from the permitted one; fsuid 0 -> nonzero
 * drops only the file capabilities; all of ruid, euid and suid nonzero
 * empties permitted and effective for good, unless PR_SET_KEEPCAPS kept
 * the permitted set. Each case runs in a child of its own. */
#include "contract.h"
#include <sys/prctl.h>

#define V3 CAP_V3
#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_SETUID 7
#define CAP_SYS_ADMIN 21
#define BIT(c) (1u << (c))

static struct cap_data d[2];

static void get(void) {
  struct cap_header h = {V3, 0};
  syscall(SYS_capget, &h, d);
}

static int eff_empty(void) {
  get();
  return d[0].effective == 0 && d[1].effective == 0;
}

static int eff_is_perm(void) {
  get();
  return d[0].effective == d[0].permitted && d[1].effective == d[1].permitted &&
         (d[0].permitted & BIT(CAP_SETUID));
}

static void euid_case(void) {
  expect("euid 1000", rs(syscall(SYS_setresuid, -1, 1000, -1)), "ok");
  check(eff_empty(), "effective empty");
  check(d[0].permitted & BIT(CAP_SETUID), "permitted kept");
  expect("euid 0 again", rs(syscall(SYS_setresuid, -1, 0, -1)), "ok");
  check(eff_is_perm(), "effective refilled");
  expect("setreuid(-1, 1000)", rs(syscall(SYS_setreuid, -1, 1000)), "ok");
  check(eff_empty(), "effective empty again");
  expect("seteuid back (setreuid(-1, 0))", rs(syscall(SYS_setreuid, -1, 0)),
         "ok");
  check(eff_is_perm(), "refilled again");
}

static void fsuid_case(void) {
  check(syscall(SYS_setfsuid, 1000) == 0, "setfsuid(1000) returns 0");
  get();
  check(!(d[0].effective & BIT(CAP_DAC_OVERRIDE)) &&
            !(d[0].effective & BIT(CAP_CHOWN)),
        "dac_override, chown dropped");
  check((d[0].effective & BIT(CAP_SETUID)) &&
            (d[0].effective & BIT(CAP_SYS_ADMIN)),
        "setuid, sys_admin kept");
  check(syscall(SYS_setfsuid, 0) == 1000, "setfsuid(0) returns 1000");
  check(eff_is_perm(), "file capabilities back");
}

static void all_case(void) {
  expect("all uids 1000", rs(syscall(SYS_setresuid, 1000, 1000, 1000)), "ok");
  get();
  check(d[0].permitted == 0 && d[1].permitted == 0 && eff_empty(),
        "permitted and effective empty");
  expect("back to 0", rs(syscall(SYS_setresuid, 0, 0, 0)), "EPERM");
  expect("setuid(0)", rs(syscall(SYS_setuid, 0)), "EPERM");
}

static void setuid_case(void) {
  expect("setuid(1000) as root", rs(syscall(SYS_setuid, 1000)), "ok");
  unsigned r, e, s;
  syscall(SYS_getresuid, &r, &e, &s);
  check(r == 1000 && e == 1000 && s == 1000, "all three ids set");
  get();
  check(d[0].permitted == 0 && eff_empty(), "capabilities gone");
}

static void keep_case(void) {
  expect("keepcaps", rs(prctl(PR_SET_KEEPCAPS, 1)), "ok");
  expect("all uids 1000", rs(syscall(SYS_setresuid, 1000, 1000, 1000)), "ok");
  get();
  check(d[0].permitted & BIT(CAP_SETUID), "permitted kept");
  check(eff_empty(), "effective empty");
  check(prctl(PR_GET_KEEPCAPS) == 1, "keepcaps still set");
  struct cap_header h = {V3, 0};
  struct cap_data n[2];
  memcpy(n, d, sizeof n);
  n[0].effective = n[0].permitted;
  n[1].effective = n[1].permitted;
  expect("capset effective = permitted", rs(syscall(SYS_capset, &h, n)), "ok");
  expect("back to root", rs(syscall(SYS_setresuid, 0, 0, 0)), "ok");
  check(eff_is_perm(), "root with its capabilities");
}

static void one_case(void (*f)(void), const char *what) {
  printf("%s:\n", what);
  run_in_child(f);
}

int main(void) {
  one_case(euid_case, "effective id");
  one_case(fsuid_case, "filesystem id");
  one_case(all_case, "every id");
  one_case(setuid_case, "setuid");
  one_case(keep_case, "keepcaps");
  return finish("setuid_caps");
}
