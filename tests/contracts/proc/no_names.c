/* proc.no_names: /proc takes no new names and gives none up: creating
 * anything in it (open O_CREAT, mkdir, mknod, symlink, link, rename to a
 * new name) is ENOENT, as its lookup fails for a name it lacks; removing
 * an entry (unlink, rmdir) is EPERM; O_CREAT|O_EXCL of an existing file
 * is EEXIST; truncating a file is a no-op that succeeds. The kernel keeps
 * running through all of it. */
#define _GNU_SOURCE
#include "contract.h"

#include <fcntl.h>
#include <sys/stat.h>

static long sys_open(const char *p, int flags) {
  long fd = syscall(SYS_openat, AT_FDCWD, p, flags, 0644);
  if (fd >= 0)
    close((int)fd);
  return fd < 0 ? fd : 0;
}

int main(void) {
  expect("unlink /proc/self/fd/0", rs(unlink("/proc/self/fd/0")), "EPERM");
  expect("unlink /proc/self/status", rs(unlink("/proc/self/status")), "EPERM");
  expect("unlink /proc/version", rs(unlink("/proc/version")), "EPERM");
  expect("rmdir /proc/self/fd", rs(rmdir("/proc/self/fd")), "EPERM");
  expect("mkdir /proc/foo", rs(mkdir("/proc/foo", 0755)), "ENOENT");
  expect("mkdir /proc/self/foo", rs(mkdir("/proc/self/foo", 0755)), "ENOENT");
  expect("open O_CREAT /proc/newfile",
         rs(sys_open("/proc/newfile", O_CREAT | O_WRONLY)), "ENOENT");
  expect("open O_CREAT /proc/self/newfile",
         rs(sys_open("/proc/self/newfile", O_CREAT | O_WRONLY)), "ENOENT");
  expect("open O_CREAT|O_EXCL /proc/version",
         rs(sys_open("/proc/version", O_CREAT | O_EXCL | O_WRONLY)), "EEXIST");
  expect("open O_CREAT /proc/version (exists)",
         rs(sys_open("/proc/version", O_CREAT | O_RDONLY)), "ok");
  expect("rename /proc/version /proc/v2",
         rs(rename("/proc/version", "/proc/v2")), "ENOENT");
  expect("rename comm to a new name",
         rs(rename("/proc/self/comm", "/proc/self/c2")), "ENOENT");
  expect("link /proc/version /proc/v3", rs(link("/proc/version", "/proc/v3")),
         "ENOENT");
  expect("symlink x /proc/v4", rs(symlink("x", "/proc/v4")), "ENOENT");
  expect("mknod /proc/v5", rs(mknod("/proc/v5", S_IFIFO | 0600, 0)), "ENOENT");
  expect("truncate /proc/self/comm", rs(truncate("/proc/self/comm", 0)), "ok");
  expect("open O_TRUNC /proc/self/comm",
         rs(sys_open("/proc/self/comm", O_WRONLY | O_TRUNC)), "ok");
  char buf[64];
  check(slurp("/proc/self/comm", buf, sizeof buf) > 1,
        "comm survives the truncates");
  struct stat st;
  check(stat("/proc/version", &st) == 0 && (st.st_mode & 07777) == 0444,
        "/proc/version is still there");
  return finish("proc.no_names");
}
