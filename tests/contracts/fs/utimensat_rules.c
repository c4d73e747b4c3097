/* fs.utimensat_rules: utimensat(2): explicit times are stored to the
 * nanosecond, UTIME_OMIT keeps one, UTIME_NOW takes the clock (later
 * than a past time), both OMIT does nothing (not even a lookup); errors:
 * a bad tv_nsec (EINVAL, once the path is found), unknown flags,
 * futimens of a closed fd, a NULL path with AT_FDCWD (EFAULT), flags with
 * a NULL path; AT_SYMLINK_NOFOLLOW sets the link's own times; and the
 * owner rules: another user may set "now" with write permission but not
 * explicit times, nor {NOW, OMIT}. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static struct stat st_of(const char *p) {
  struct stat st;
  memset(&st, 0, sizeof st);
  lstat(p, &st);
  return st;
}

static long ut(int dfd, const char *p, long as, long ans, long ms, long mns, int fl) {
  struct timespec ts[2] = {{as, ans}, {ms, mns}};
  return rs(syscall(SYS_utimensat, dfd, p, ts, fl));
}

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0666);
  expect("set both", ut(AT_FDCWD, "f", 1000, 5, 2000, 999999999, 0), "ok");
  struct stat st = st_of("f");
  printf("atime %ld.%09ld mtime %ld.%09ld\n", (long)st.st_atim.tv_sec,
         st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  expect("OMIT atime", ut(AT_FDCWD, "f", 0, UTIME_OMIT, 3000, 0, 0), "ok");
  st = st_of("f");
  printf("atime %ld mtime %ld\n", (long)st.st_atime, (long)st.st_mtime);
  expect("NOW mtime, OMIT atime", ut(AT_FDCWD, "f", 0, UTIME_OMIT, 0, UTIME_NOW, 0), "ok");
  st = st_of("f");
  printf("atime %ld, mtime later than 2001: %d\n", (long)st.st_atime,
         st.st_mtime > 1000000000);
  expect("both OMIT on a missing path", ut(AT_FDCWD, "missing", 0, UTIME_OMIT, 0, UTIME_OMIT, 0),
         "ok");
  expect("bad tv_nsec on a missing path (the lookup comes first)",
         ut(AT_FDCWD, "missing", 0, 1000000000, 0, 0, 0), "ENOENT");
  expect("tv_nsec 1000000000", ut(AT_FDCWD, "f", 0, 0, 0, 1000000000, 0), "EINVAL");
  expect("negative tv_nsec", ut(AT_FDCWD, "f", 0, -1, 0, 0, 0), "EINVAL");
  expect("negative tv_sec", ut(AT_FDCWD, "f", -5, 0, -5, 0, 0), "ok");
  st = st_of("f");
  printf("negative times stored: %ld %ld\n", (long)st.st_atime, (long)st.st_mtime);
  expect("unknown flag", ut(AT_FDCWD, "f", 0, 0, 0, 0, 0x8000), "EINVAL");
  expect("missing path", ut(AT_FDCWD, "missing", 0, 0, 0, 0, 0), "ENOENT");
  expect("futimens", ut(fd, 0, 7, 0, 8, 0, 0), "ok");
  st = st_of("f");
  printf("after futimens %ld %ld\n", (long)st.st_atime, (long)st.st_mtime);
  expect("futimens of a closed fd", ut(99, 0, 7, 0, 8, 0, 0), "EBADF");
  expect("NULL path with AT_FDCWD", ut(AT_FDCWD, 0, 7, 0, 8, 0, 0), "EFAULT");
  expect("NULL path with a flag", ut(fd, 0, 7, 0, 8, 0, AT_SYMLINK_NOFOLLOW), "EINVAL");
  expect("AT_EMPTY_PATH on the fd", ut(fd, "", 9, 0, 9, 0, AT_EMPTY_PATH), "ok");
  expect("empty path without it", ut(fd, "", 9, 0, 9, 0, 0), "ENOENT");
  symlink("f", "l");
  expect("NOFOLLOW on a link", ut(AT_FDCWD, "l", 11, 0, 12, 0, AT_SYMLINK_NOFOLLOW), "ok");
  struct stat ls = st_of("l");
  st = st_of("f");
  printf("link %ld %ld, target %ld %ld\n", (long)ls.st_atime, (long)ls.st_mtime,
         (long)st.st_atime, (long)st.st_mtime);
  expect("through the link", ut(AT_FDCWD, "l", 21, 0, 22, 0, 0), "ok");
  st = st_of("f");
  printf("target %ld %ld\n", (long)st.st_atime, (long)st.st_mtime);
  close(open("ro", O_CREAT | O_WRONLY, 0644));
  chmod("f", 0666);
  fflush(stdout);
  if (fork() == 0) {
    setresgid(1000, 1000, 1000);
    setresuid(1000, 1000, 1000);
    expect("child: NULL times, writable 0666", rs(utimensat(AT_FDCWD, "f", 0, 0)), "ok");
    expect("child: both NOW, writable",
           ut(AT_FDCWD, "f", 0, UTIME_NOW, 0, UTIME_NOW, 0), "ok");
    expect("child: explicit times", ut(AT_FDCWD, "f", 1, 0, 1, 0, 0), "EPERM");
    expect("child: NOW and OMIT", ut(AT_FDCWD, "f", 0, UTIME_NOW, 0, UTIME_OMIT, 0), "EPERM");
    expect("child: NULL times, 0644", rs(utimensat(AT_FDCWD, "ro", 0, 0)), "EACCES");
    expect("child: both OMIT, 0644", ut(AT_FDCWD, "ro", 0, UTIME_OMIT, 0, UTIME_OMIT, 0),
           "ok");
    fflush(stdout);
    _exit(failed);
  }
  int s;
  wait(&s);
  if (WEXITSTATUS(s))
    failed = 1;
  return finish("utimensat_rules");
}
