/* events.signalfd_rules: signalfd4(2)'s checks: a mask size other than 8
 * is EINVAL before the mask is read (EFAULT), then flags other than
 * SFD_CLOEXEC/SFD_NONBLOCK are EINVAL; ufd -1 makes a new file, another
 * negative number is EBADF, a file that is no signalfd EINVAL. SIGKILL and
 * SIGSTOP in the mask are silently left out. A read needs room for one
 * 128-byte record (EINVAL) and is EAGAIN when nothing in the mask is
 * pending (SFD_NONBLOCK); the file is O_RDWR. x86-64's signalfd(2) is the
 * same without flags. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/signalfd.h>

#include "contract.h"

static long sfd4(long fd, void *mask, long size, long flags) {
  return rs(syscall(SYS_signalfd4, fd, mask, size, flags));
}

int main(void) {
  uint64_t m = 1ULL << (SIGUSR1 - 1);
  printf("struct signalfd_siginfo: %zu bytes\n",
         sizeof(struct signalfd_siginfo));
  expect("size 4", sfd4(-1, &m, 4, 0), "EINVAL");
  expect("size 16", sfd4(-1, &m, 16, 0), "EINVAL");
  expect("size 4, bad mask", sfd4(-1, (void *)8, 4, 0), "EINVAL");
  expect("bad mask", sfd4(-1, (void *)8, 8, 0), "EFAULT");
  expect("flags 1", sfd4(-1, &m, 8, 1), "EINVAL");
  expect("ufd -2", sfd4(-2, &m, 8, 0), "EBADF");
  expect("ufd 99", sfd4(99, &m, 8, 0), "EBADF");
  expect("ufd stdout", sfd4(1, &m, 8, 0), "EINVAL");
  uint64_t all = ~0ULL;
  long fd = sfd4(-1, &all, 8, SFD_NONBLOCK | SFD_CLOEXEC);
  expect("every signal, SIGKILL and SIGSTOP too", fd, "ok");
  int fl = fcntl((int)fd, F_GETFL);
  printf("F_GETFL: %s, FD_CLOEXEC %d\n",
         fl == (O_RDWR | O_NONBLOCK) ? "O_RDWR|O_NONBLOCK" : "other",
         fcntl((int)fd, F_GETFD) & FD_CLOEXEC);
  struct signalfd_siginfo si[2];
  expect("read of 127 bytes", rs(syscall(SYS_read, fd, si, 127)), "EINVAL");
  expect("read, nothing pending", rs(syscall(SYS_read, fd, si, 128)), "EAGAIN");
  expect("write", rs(syscall(SYS_write, fd, si, 128)), "EINVAL");
  expect("update with a new mask returns the fd",
         sfd4(fd, &m, 8, 0) == fd ? 0 : -EINVAL, "ok");
  expect("update keeps O_NONBLOCK", rs(syscall(SYS_read, fd, si, 256)),
         "EAGAIN");
#ifdef SYS_signalfd
  long f2 = rs(syscall(SYS_signalfd, -1, &m, 8));
  long e2 = rs(syscall(SYS_signalfd, -1, &m, 4));
  printf("signalfd: %s, size 4: %s\n", ename(f2), ename(e2));
#else
  printf("signalfd: ok, size 4: EINVAL\n"); /* arm64 has signalfd4 only */
#endif
  return finish("events.signalfd_rules");
}
