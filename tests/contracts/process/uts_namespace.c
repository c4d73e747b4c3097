/* process.uts_namespace: unshare(CLONE_NEWUTS) gives the caller host and
 * domain names of its own: sethostname/setdomainname change them (at
 * most 64 bytes, no NUL needed; 65 is EINVAL), uname shows them, a fork
 * child shares them, a clone(CLONE_NEWUTS) child's change stays its own.
 * Without CAP_SYS_ADMIN sethostname and every namespace flag of unshare
 * are EPERM. Everything runs in a child that has unshared first, so the
 * host's name is never touched, and no name of the host is printed. */
#define _GNU_SOURCE
#include "contract.h"
#include <sched.h>
#include <sys/utsname.h>

static const char *node(void) {
  static struct utsname u;
  uname(&u);
  return u.nodename;
}

static char stack[16384] __attribute__((aligned(16)));

static int cloned(void *arg) {
  (void)arg;
  if (strcmp(node(), "kd-one") != 0)
    return 1;
  if (sethostname("kd-clone", 8) != 0)
    return 2;
  return strcmp(node(), "kd-clone") == 0 ? 0 : 3;
}

static void run(void) {
  expect("unshare(CLONE_NEWUTS)", rs(unshare(CLONE_NEWUTS)), "ok");
  expect("sethostname", rs(sethostname("kd-one", 6)), "ok");
  expect_str("uname nodename", node(), "kd-one");
  char n64[65];
  memset(n64, 'h', 64);
  expect("sethostname 64", rs(sethostname(n64, 64)), "ok");
  n64[64] = 0;
  check(strcmp(node(), n64) == 0, "64 bytes kept, NUL added");
  expect("sethostname 65", rs(sethostname(n64, 65)), "EINVAL");
  expect("sethostname -1", rs(syscall(SYS_sethostname, "x", -1)), "EINVAL");
  expect("sethostname bad buffer", rs(syscall(SYS_sethostname, 8, 4)),
         "EFAULT");
  expect("sethostname 0", rs(sethostname("", 0)), "ok");
  expect_str("empty name", node(), "");
  sethostname("kd-one", 6);
  expect("setdomainname", rs(setdomainname("kd.dom", 6)), "ok");
  struct utsname u;
  uname(&u);
  expect_str("uname domainname", u.domainname, "kd.dom");
  expect("setdomainname 65", rs(setdomainname(n64, 65)), "EINVAL");

  fflush(stdout);
  pid_t c = fork();
  if (c == 0)
    _exit(sethostname("kd-fork", 7) == 0 ? 0 : 1);
  int st;
  waitpid(c, &st, 0);
  expect_str("a fork child shares it", node(), "kd-fork");
  sethostname("kd-one", 6);

  c = clone(cloned, stack + sizeof stack, CLONE_NEWUTS | SIGCHLD, 0);
  check(c > 0, "clone(CLONE_NEWUTS)");
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
        "clone child started with the name, changed its own");
  expect_str("the parent's stays", node(), "kd-one");

  expect("drop to uid 1000", rs(syscall(SYS_setresuid, 1000, 1000, 1000)),
         "ok");
  expect("sethostname unprivileged", rs(sethostname("x", 1)), "EPERM");
  expect("sethostname 65 unprivileged", rs(sethostname(n64, 65)), "EPERM");
  expect("setdomainname unprivileged", rs(setdomainname("x", 1)), "EPERM");
  static const struct {
    int flag;
    const char *name;
  } f[] = {
      {CLONE_NEWUTS, "CLONE_NEWUTS"}, {CLONE_NEWNS, "CLONE_NEWNS"},
      {CLONE_NEWIPC, "CLONE_NEWIPC"}, {CLONE_NEWNET, "CLONE_NEWNET"},
      {CLONE_NEWPID, "CLONE_NEWPID"}, {CLONE_NEWCGROUP, "CLONE_NEWCGROUP"}};
  for (unsigned i = 0; i < sizeof f / sizeof f[0]; i++) {
    char what[64];
    snprintf(what, sizeof what, "unshare(%s) unprivileged", f[i].name);
    expect(what, rs(unshare(f[i].flag)), "EPERM");
  }
  c = clone(cloned, stack + sizeof stack, CLONE_NEWUTS | SIGCHLD, 0);
  check(c == -1 && errno == EPERM, "clone(CLONE_NEWUTS) unprivileged: EPERM");
  expect("unshare(0x1)", rs(unshare(1)), "EINVAL");
  expect("unshare(0)", rs(unshare(0)), "ok");
  expect_str("name unchanged", node(), "kd-one");
}

int main(void) {
  run_in_child(run);
  return finish("uts_namespace");
}
