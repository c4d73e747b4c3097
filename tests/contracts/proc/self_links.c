/* proc.self_links: /proc/self and /proc/thread-self name the caller's
 * process and thread, and its exe, cwd and root links give absolute paths
 * that agree with getcwd and with the program's own file; lstat sizes the
 * links as Linux does, and task/ has 2 links plus one per thread. */
#define _GNU_SOURCE
#include "contract.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statfs.h>

int main(void) {
  char buf[4096], want[64];
  long n = readlink("/proc/self", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  snprintf(want, sizeof want, "%d", getpid());
  check(n > 0 && strcmp(buf, want) == 0, "/proc/self is the pid");
  n = readlink("/proc/thread-self", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  snprintf(want, sizeof want, "%d/task/%ld", getpid(), syscall(SYS_gettid));
  check(n > 0 && strcmp(buf, want) == 0, "/proc/thread-self is pid/task/tid");
  struct stat st;
  check(lstat("/proc/self", &st) == 0 && S_ISLNK(st.st_mode) &&
            (st.st_mode & 07777) == 0777,
        "/proc/self is a 0777 symlink");
  check(stat("/proc/self", &st) == 0 && S_ISDIR(st.st_mode) &&
            (st.st_mode & 07777) == 0555,
        "it leads to a 0555 directory");
  check(st.st_uid == geteuid() && st.st_gid == getegid(),
        "owned by the effective ids");

  n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  check(n > 0 && buf[0] == '/', "exe is an absolute path");
  const char *base = strrchr(buf, '/') + 1;
  char comm[32];
  long c = slurp("/proc/self/comm", comm, sizeof comm);
  check(c > 1 && strncmp(base, comm, (size_t)c - 1) == 0 && comm[c - 1] == '\n',
        "comm is the start of exe's last component");
  expect("readlink exe into 4 bytes",
         rs(readlink("/proc/self/exe", buf, 4)) == 4 ? 0 : -EINVAL, "ok");

  char cwd[4096];
  check(getcwd(cwd, sizeof cwd) != 0, "getcwd");
  n = readlink("/proc/self/cwd", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  check(n > 0 && strcmp(buf, cwd) == 0, "cwd link equals getcwd");
  check(mkdir("sub", 0755) == 0 && chdir("sub") == 0, "chdir sub");
  n = readlink("/proc/self/cwd", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  strcat(cwd, "/sub");
  check(n > 0 && strcmp(buf, cwd) == 0, "cwd link follows chdir");
  n = readlink("/proc/self/root", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  check(n == 1 && buf[0] == '/', "root link is /");
  check(lstat("/proc/self/exe", &st) == 0 && S_ISLNK(st.st_mode) &&
            (st.st_mode & 07777) == 0777,
        "exe is a 0777 symlink");

  /* The sizes lstat gives: 0 for the per-process links and self, 64 for
   * fd/N (proc_fd_instantiate), the target's length for /proc/mounts. */
  static const char *const links[] = {"/proc/self",      "/proc/thread-self",
                                      "/proc/self/exe",  "/proc/self/cwd",
                                      "/proc/self/root", "/proc/self/fd/0",
                                      "/proc/mounts"};
  for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++) {
    long sz = lstat(links[i], &st) == 0 ? (long)st.st_size : -1;
    n = readlink(links[i], buf, sizeof buf);
    printf("lstat %s: size %s\n", links[i],
           sz == n    ? "the target's length"
           : sz == 0  ? "0"
           : sz == 64 ? "64"
                      : "other");
  }
  /* task/ counts its thread directories as links: 2 + threads. */
  check(stat("/proc/self/task", &st) == 0 && st.st_nlink == 3,
        "task/ of a one-thread process has 3 links");

  /* proc_fill_super's block size is what stat says (stdio sizes its
   * buffer from it), while statfs says a page. */
  check(stat("/proc/self/status", &st) == 0 && st.st_blksize == 1024 &&
            stat("/proc/mounts", &st) == 0 && st.st_blksize == 1024 &&
            lstat("/proc/self/fd/0", &st) == 0 && st.st_blksize == 1024,
        "st_blksize of /proc files and links is 1024");

  struct statfs sf;
  check(statfs("/proc", &sf) == 0 && sf.f_type == 0x9fa0,
        "statfs /proc is PROC_SUPER_MAGIC");
  check(sf.f_bsize == 4096, "with f_bsize 4096");
  check(statfs("/proc/self/status", &sf) == 0 && sf.f_type == 0x9fa0,
        "and so is a file in it");
  expect("readlink /proc/self/status",
         rs(readlink("/proc/self/status", buf, 9)), "EINVAL");
  expect("readlink bad buffer", rs(readlink("/proc/self", (char *)8, 64)),
         "EFAULT");
  expect("open /proc/nonexistent",
         rs(syscall(SYS_openat, -100, "/proc/nonexistent", 0)), "ENOENT");
  expect("open /proc/0", rs(syscall(SYS_openat, -100, "/proc/0", 0)), "ENOENT");
  return finish("proc.self_links");
}
