/* events.timerfd_rules: timerfd_create(2)'s checks: flags other than
 * TFD_CLOEXEC/TFD_NONBLOCK and clocks other than REALTIME, MONOTONIC,
 * BOOTTIME and the two alarm clocks are EINVAL (the alarm clocks need
 * CAP_WAKE_ALARM: EPERM for an unprivileged user). timerfd_settime copies
 * the itimerspec first (EFAULT), then flags and tv_nsec >= 10^9 or
 * negative fields are EINVAL, then EBADF / EINVAL for a file that is no
 * timerfd. A read needs 8 bytes, a write is EINVAL, a disarmed timer keeps
 * the interval it was given; the file is O_RDWR with O_NONBLOCK and
 * FD_CLOEXEC as asked. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <sys/wait.h>

#include "contract.h"

static long settime(int fd, int flags, long vs, long vns, long is, long ins) {
  struct itimerspec its = {{is, ins}, {vs, vns}};
  return rs(syscall(SYS_timerfd_settime, fd, flags, &its, 0));
}

int main(void) {
  static const int clocks[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -1};
  for (unsigned i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
    long fd = rs(syscall(SYS_timerfd_create, clocks[i], 0));
    printf("timerfd_create(clock %d): %s\n", clocks[i], ename(fd));
    if (fd >= 0)
      close((int)fd);
  }
  expect("flags 4", rs(syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 4)),
         "EINVAL");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    if (setuid(65534) != 0)
      _exit(3);
    long r = rs(syscall(SYS_timerfd_create, CLOCK_REALTIME_ALARM, 0));
    long r2 = rs(syscall(SYS_timerfd_create, CLOCK_BOOTTIME_ALARM, 0));
    printf("unprivileged alarm clocks: %s %s\n", ename(r), ename(r2));
    fflush(stdout);
    _exit(0);
  }
  int st;
  waitpid(c, &st, 0);

  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  int fl = fcntl(fd, F_GETFL);
  printf("F_GETFL: %s\n",
         fl == (O_RDWR | O_NONBLOCK) ? "O_RDWR|O_NONBLOCK" : "other");
  printf("FD_CLOEXEC: %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
  int fd2 = timerfd_create(CLOCK_REALTIME, 0);
  printf("plain F_GETFL: %s, FD_CLOEXEC %d\n",
         fcntl(fd2, F_GETFL) == O_RDWR ? "O_RDWR" : "other",
         fcntl(fd2, F_GETFD) & FD_CLOEXEC);

  expect("tv_nsec 1e9", settime(fd, 0, 0, 1000000000, 0, 0), "EINVAL");
  expect("interval tv_nsec 1e9", settime(fd, 0, 1, 0, 0, 1000000000), "EINVAL");
  expect("negative tv_sec", settime(fd, 0, -1, 0, 0, 0), "EINVAL");
  expect("negative tv_nsec", settime(fd, 0, 0, -1, 0, 0), "EINVAL");
  expect("flags 4", settime(fd, 4, 1, 0, 0, 0), "EINVAL");
  expect("CANCEL_ON_SET without ABSTIME",
         settime(fd, TFD_TIMER_CANCEL_ON_SET, 0, 0, 0, 0), "ok");
  expect("bad pointer", rs(syscall(SYS_timerfd_settime, fd, 0, (void *)8, 0)),
         "EFAULT");
  expect("bad pointer, bad flags",
         rs(syscall(SYS_timerfd_settime, fd, 8, (void *)8, 0)), "EFAULT");
  expect("bad fd", settime(99, 0, 1, 0, 0, 0), "EBADF");
  expect("bad fd, bad flags", settime(99, 8, 1, 0, 0, 0), "EINVAL");
  expect("not a timerfd", settime(0, 0, 1, 0, 0, 0), "EINVAL");
  struct itimerspec g;
  expect("gettime of stdout", rs(syscall(SYS_timerfd_gettime, 1, &g)),
         "EINVAL");
  expect("gettime bad fd", rs(syscall(SYS_timerfd_gettime, 99, &g)), "EBADF");
  expect("gettime bad pointer", rs(syscall(SYS_timerfd_gettime, fd, (void *)8)),
         "EFAULT");

  /* Disarmed with an interval: gettime reports the interval. */
  expect("disarm with interval 3 s", settime(fd, 0, 0, 0, 3, 500), "ok");
  timerfd_gettime(fd, &g);
  printf("gettime: value %ld.%09ld interval %ld.%09ld\n",
         (long)g.it_value.tv_sec, g.it_value.tv_nsec,
         (long)g.it_interval.tv_sec, g.it_interval.tv_nsec);
  /* Armed far away: the old setting comes back from settime. */
  settime(fd, 0, 100, 0, 7, 0);
  struct itimerspec nw = {{0, 0}, {0, 0}}, old;
  timerfd_settime(fd, 0, &nw, &old);
  printf("old value in (99,100] s: %d, old interval %ld s\n",
         old.it_value.tv_sec == 99 ||
             (old.it_value.tv_sec == 100 && old.it_value.tv_nsec == 0),
         (long)old.it_interval.tv_sec);
  timerfd_gettime(fd, &g);
  printf("after disarm: value %ld.%09ld interval %ld\n",
         (long)g.it_value.tv_sec, g.it_value.tv_nsec,
         (long)g.it_interval.tv_sec);

  uint64_t v;
  char b[16];
  expect("read of 4 bytes", rs(syscall(SYS_read, fd, &v, 4)), "EINVAL");
  expect("read, nothing expired, nonblocking", rs(syscall(SYS_read, fd, &v, 8)),
         "EAGAIN");
  expect("write", rs(syscall(SYS_write, fd, b, 8)), "EINVAL");
  expect("lseek", rs(syscall(SYS_lseek, fd, 0, SEEK_CUR)), "ok");
  return finish("events.timerfd_rules");
}
