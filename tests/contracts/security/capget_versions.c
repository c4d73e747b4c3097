/* security.capget_versions: capget's header versions: 1 gives one 32-bit
 * word per set, 2 and 3 give two; an unknown version is EINVAL with the
 * kernel's version (3) written back, but no error when the data pointer is
 * NULL (how libcap asks for the version); pid 0 and the caller's pid are
 * the caller, a negative pid EINVAL, a pid nobody has ESRCH. Root's sets:
 * effective == permitted, with CAP_CHOWN, CAP_SETUID and CAP_SYS_ADMIN,
 * nothing inheritable (never the whole mask: hosts differ). */
#include "contract.h"
#include <sys/wait.h>
#define CAP_CHOWN 0
#define CAP_SETUID 7
#define CAP_SYS_ADMIN 21

static long cg(unsigned version, int pid, struct cap_data *d, unsigned *back) {
  struct cap_header h = {version, pid};
  long r = rs(syscall(SYS_capget, &h, d));
  if (back)
    *back = h.version;
  return r;
}

int main(void) {
  struct cap_data d[3];
  unsigned back;
  memset(d, 0xee, sizeof d);
  expect("v3", cg(CAP_V3, 0, d, 0), "ok");
  check(d[0].effective == d[0].permitted && d[1].effective == d[1].permitted,
        "effective == permitted");
  check(d[0].inheritable == 0 && d[1].inheritable == 0, "nothing inheritable");
  check((d[0].effective & (1u << CAP_CHOWN)) &&
            (d[0].effective & (1u << CAP_SETUID)) &&
            (d[0].effective & (1u << CAP_SYS_ADMIN)),
        "chown, setuid, sys_admin effective");
  check(d[2].effective == 0xeeeeeeeeu, "v3 writes two words");
  unsigned hi = d[1].permitted;

  memset(d, 0xee, sizeof d);
  expect("v2", cg(CAP_V2, getpid(), d, 0), "ok");
  check(d[1].permitted == hi && d[2].effective == 0xeeeeeeeeu,
        "v2 is v3's layout");

  memset(d, 0xee, sizeof d);
  expect("v1", cg(CAP_V1, 0, d, 0), "ok");
  check(d[1].effective == 0xeeeeeeeeu, "v1 writes one word");
  check(d[0].effective & (1u << CAP_SETUID), "v1 low word as v3's");

  expect("bad version", cg(0x12345678, 0, d, &back), "EINVAL");
  check(back == CAP_V3, "version 3 written back");
  expect("bad version, NULL data", cg(0, 0, 0, &back), "ok");
  check(back == CAP_V3, "version 3 written back again");
  expect("v3, NULL data", cg(CAP_V3, 0, 0, 0), "ok");
  expect("pid -1", cg(CAP_V3, -1, d, 0), "EINVAL");
  expect("NULL header", rs(syscall(SYS_capget, 0, d)), "EFAULT");
  expect("bad data", cg(CAP_V3, 0, (struct cap_data *)8, 0), "EFAULT");

  fflush(stdout);
  pid_t c = fork();
  if (c == 0)
    _exit(0);
  expect("a child's pid", cg(CAP_V3, c, d, 0), "ok");
  waitpid(c, 0, 0);
  expect("a reaped pid", cg(CAP_V3, c, d, 0), "ESRCH");
  return finish("capget_versions");
}
