/* fs.cwd_dirfd: chdir, fchdir and getcwd (ERANGE, a removed cwd), and
 * *at calls relative to a directory fd. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

int main(void) {
  char buf[128];
  mkdir("a", 0755);
  mkdir("a/b", 0755);
  expect("chdir a/b", rs(chdir("a/b")), "ok");
  expect_str("getcwd", getcwd(buf, sizeof buf) ? buf : "error", "/tmp/a/b");
  expect("getcwd into 5 bytes", rs(syscall(SYS_getcwd, buf, 5)), "ERANGE");
  long n = syscall(SYS_getcwd, buf, sizeof buf);
  printf("raw getcwd returns %ld\n", n);
  expect("chdir ..", rs(chdir("..")), "ok");
  expect_str("getcwd after ..", getcwd(buf, sizeof buf) ? buf : "error", "/tmp/a");
  int d = open("b", O_RDONLY | O_DIRECTORY);
  expect("mkdirat relative to a dirfd", rs(mkdirat(d, "c", 0755)), "ok");
  expect("openat O_CREAT under a dirfd",
         rs(openat(d, "c/f", O_CREAT | O_WRONLY, 0600) >= 0 ? 0 : -errno), "ok");
  struct stat st;
  expect("fstatat through the dirfd", rs(fstatat(d, "c/f", &st, 0)), "ok");
  expect("fchdir", rs(fchdir(d)), "ok");
  expect_str("getcwd after fchdir", getcwd(buf, sizeof buf) ? buf : "error", "/tmp/a/b");
  int f = open("c/f", O_RDONLY);
  expect("fchdir to a file", rs(fchdir(f)), "ENOTDIR");
  expect("chdir to a file", rs(chdir("c/f")), "ENOTDIR");
  expect("chdir to a missing dir", rs(chdir("zz")), "ENOENT");
  expect("unlinkat AT_REMOVEDIR a file", rs(unlinkat(AT_FDCWD, "c/f", AT_REMOVEDIR)),
         "ENOTDIR");
  expect("unlinkat bad flag", rs(unlinkat(AT_FDCWD, "c/f", 1)), "EINVAL");
  expect("unlinkat a file", rs(unlinkat(d, "c/f", 0)), "ok");
  expect("chdir c", rs(chdir("c")), "ok");
  expect("remove the cwd", rs(rmdir("/tmp/a/b/c")), "ok");
  expect("getcwd of a removed dir", rs(syscall(SYS_getcwd, buf, sizeof buf)), "ENOENT");
  expect("create in a removed dir", rs(open("x", O_CREAT | O_WRONLY, 0600)), "ENOENT");
  expect("chdir /", rs(chdir("/")), "ok");
  expect_str("getcwd at /", getcwd(buf, sizeof buf) ? buf : "error", "/");
  return finish("cwd_dirfd");
}
