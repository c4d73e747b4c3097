/* fs.utimes_forms: utimes, futimesat and utime (utimes(2), utime(2)):
 * microseconds and whole seconds become the file's atime and mtime;
 * microseconds outside [0, 1000000) are EINVAL; NULL times mean now,
 * which the owner or a writer may set, where explicit times need the
 * owner (EPERM, EACCES for a non-writer); futimesat resolves against its
 * dirfd, and with a NULL path sets the dirfd's own file. On x86-64 the
 * raw calls; arm64 has none of them, so there musl's functions (which
 * call utimensat) stand in and must give the same answers. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <utime.h>

#include "contract.h"

static long call_utimes(const char *p, const struct timeval *tv) {
#ifdef SYS_utimes
  return rs(syscall(SYS_utimes, p, tv));
#else
  return rs(utimes(p, tv));
#endif
}

static long call_futimesat(int dfd, const char *p, const struct timeval *tv) {
#ifdef SYS_futimesat
  return rs(syscall(SYS_futimesat, dfd, p, tv));
#else
  return rs(futimesat(dfd, p, tv));
#endif
}

static long call_utime(const char *p, const struct utimbuf *u) {
#ifdef SYS_utime
  return rs(syscall(SYS_utime, p, u));
#else
  return rs(utime(p, u));
#endif
}

static void show(const char *what, const char *path) {
  struct stat st;
  stat(path, &st);
  printf("%s: atime %lld.%09ld mtime %lld.%09ld\n", what,
         (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
         (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

/* Are f's atime and mtime at or after `since` (set to "now")? */
static int recent(const char *path, time_t since) {
  struct stat st;
  stat(path, &st);
  return st.st_atim.tv_sec >= since && st.st_mtim.tv_sec >= since;
}

int main(void) {
  close(open("f", O_CREAT | O_WRONLY, 0644));
  mkdir("d", 0755);
  close(open("d/g", O_CREAT | O_WRONLY, 0666));
  chmod("d/g", 0666); /* past the umask */
  time_t start = time(0);

  struct timeval tv[2] = {{1000, 500}, {2000, 999999}};
  expect("utimes", call_utimes("f", tv), "ok");
  show("utimes", "f");
  expect("utimes NULL", call_utimes("f", 0), "ok");
  check(recent("f", start), "utimes NULL sets now");
  struct timeval bad[2] = {{1, 1000000}, {2, 0}};
  expect("utimes usec 1000000", call_utimes("f", bad), "EINVAL");
  bad[0].tv_usec = -1;
  expect("utimes usec -1", call_utimes("f", bad), "EINVAL");
  bad[0].tv_usec = 0;
  bad[1].tv_usec = UTIME_NOW;
  expect("utimes usec UTIME_NOW", call_utimes("f", bad), "EINVAL");
  expect("utimes of a missing file", call_utimes("nope", tv), "ENOENT");
  check(recent("f", start), "the failures left the times");

  int dfd = open("d", O_RDONLY | O_DIRECTORY);
  struct timeval tv2[2] = {{3000, 1}, {4000, 2}};
  expect("futimesat dirfd", call_futimesat(dfd, "g", tv2), "ok");
  show("futimesat dirfd", "d/g");
  int gfd = open("d/g", O_RDONLY);
  struct timeval tv3[2] = {{5000, 3}, {6000, 4}};
  expect("futimesat fd NULL", call_futimesat(gfd, 0, tv3), "ok");
  show("futimesat fd NULL", "d/g");
  expect("futimesat AT_FDCWD", call_futimesat(AT_FDCWD, "f", tv2), "ok");
  show("futimesat AT_FDCWD", "f");
  expect("futimesat bad dirfd", call_futimesat(99, "g", tv2), "EBADF");
  expect("futimesat file as dirfd", call_futimesat(gfd, "x", tv2), "ENOTDIR");

  struct utimbuf u = {7000, 8000};
  expect("utime", call_utime("f", &u), "ok");
  show("utime", "f");
  expect("utime NULL", call_utime("f", 0), "ok");
  check(recent("f", start), "utime NULL sets now");

  /* Not the owner: now needs write permission, explicit times the
   * owner. */
  fflush(stdout);
  if (fork() == 0) {
    if (setresuid(1000, 1000, 1000))
      _exit(3);
    expect("other user, writable, utimes NULL", call_utimes("d/g", 0), "ok");
    expect("other user, writable, utimes times", call_utimes("d/g", tv),
           "EPERM");
    expect("other user, writable, utime times", call_utime("d/g", &u), "EPERM");
    expect("other user, read-only, utimes NULL", call_utimes("f", 0), "EACCES");
    expect("other user, read-only, utime NULL", call_utime("f", 0), "EACCES");
    fflush(stdout);
    _exit(failed);
  }
  int st;
  wait(&st);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child checks");
  close(gfd);
  close(dfd);
  return finish("utimes_forms");
}
