/* fs.chroot_rules: chroot(2) in a child: root may; the cwd is not moved,
 * so getcwd from outside the new root says "(unreachable)"; absolute
 * paths and ".." stop at the new root, also through "/.." and symlinks;
 * a non-root caller gets EPERM; chroot to a file ENOTDIR, to a missing
 * path ENOENT; fchdir to a descriptor opened outside escapes. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static void jailed(void) {
  int outside = open("/tmp", O_RDONLY | O_DIRECTORY);
  expect("chroot jail", rs(chroot("jail")), "ok");
  char buf[256];
  long n = rs(syscall(SYS_getcwd, buf, sizeof buf));
  printf("getcwd with the cwd outside: %s\n", n > 0 ? buf : ename(n));
  expect("a file at the old /tmp path", rs(access("/tmp/outer", F_OK)), "ENOENT");
  expect("the jail's own /inner", rs(access("/inner", F_OK)), "ok");
  expect("chdir /", rs(chdir("/")), "ok");
  n = rs(syscall(SYS_getcwd, buf, sizeof buf));
  printf("getcwd at the new root: %s\n", n > 0 ? buf : ename(n));
  expect("/../../inner", rs(access("/../../inner", F_OK)), "ok");
  expect("chdir ../..", rs(chdir("../..")), "ok");
  n = rs(syscall(SYS_getcwd, buf, sizeof buf));
  printf("getcwd after ../..: %s\n", n > 0 ? buf : ename(n));
  expect("inner from there", rs(access("inner", F_OK)), "ok");
  expect("an absolute symlink resolves in the jail", rs(access("/up/inner", F_OK)), "ok");
  expect("a relative symlink of ../.. too", rs(access("/rel/inner", F_OK)), "ok");
  mkdir("/sub", 0755);
  chdir("/sub");
  n = rs(syscall(SYS_getcwd, buf, sizeof buf));
  printf("getcwd in /sub: %s\n", n > 0 ? buf : ename(n));
  expect("fchdir to the fd from outside", rs(fchdir(outside)), "ok");
  n = rs(syscall(SYS_getcwd, buf, sizeof buf));
  printf("getcwd after fchdir out: %s\n", n > 0 ? buf : ename(n));
  expect("outer seen relatively", rs(access("outer", F_OK)), "ok");
  expect("chdir .. from outside the jail", rs(chdir("..")), "ok");
  n = rs(syscall(SYS_getcwd, buf, sizeof buf));
  printf("getcwd then: %s\n", n > 0 ? buf : ename(n));
  expect("chroot again, nested", rs(chroot("/tmp/jail/sub")), "ENOENT");
  expect("chroot to a file", rs(chroot("tmp/outer")), "ENOTDIR");
  expect("chroot .", rs(chroot(".")), "ok");
}

static void unprivileged(void) {
  setresuid(1000, 1000, 1000);
  expect("chroot as uid 1000", rs(chroot("jail")), "EPERM");
  expect("chroot a missing dir as uid 1000", rs(chroot("nx")), "ENOENT");
}

static int child(void (*fn)(void)) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    fn();
    fflush(stdout);
    _exit(failed);
  }
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 99;
}

int main(void) {
  mkdir("jail", 0755);
  close(open("jail/inner", O_CREAT | O_WRONLY, 0644));
  close(open("outer", O_CREAT | O_WRONLY, 0644));
  symlink("/", "jail/up");
  symlink("../..", "jail/rel");
  printf("jailed child: %d\n", child(jailed));
  printf("unprivileged child: %d\n", child(unprivileged));
  char buf[64];
  expect_str("parent's cwd unchanged", getcwd(buf, sizeof buf) ? buf : "error", "/tmp");
  expect("parent's root unchanged", rs(access("/tmp/outer", F_OK)), "ok");
  return finish("chroot_rules");
}
