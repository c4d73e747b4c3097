/* fd.fcntl_dupfd: F_DUPFD and F_DUPFD_CLOEXEC take the lowest free
 * descriptor at or above the minimum (EINVAL for a negative one or one
 * at RLIMIT_NOFILE, EMFILE when none is free below it); F_GETFD/F_SETFD
 * keep only FD_CLOEXEC, per descriptor; unknown commands are EINVAL. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/resource.h>

#include "contract.h"

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  printf("F_DUPFD 0: %d\n", fcntl(fd, F_DUPFD, 0));
  printf("F_DUPFD 10: %d\n", fcntl(fd, F_DUPFD, 10));
  printf("F_DUPFD 10 again: %d\n", fcntl(fd, F_DUPFD, 10));
  int c = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  printf("F_DUPFD_CLOEXEC 10: %d cloexec %d\n", c, fcntl(c, F_GETFD));
  printf("F_DUPFD's cloexec: %d\n", fcntl(10, F_GETFD));
  expect("F_DUPFD negative", rs(fcntl(fd, F_DUPFD, -1)), "EINVAL");
  expect("F_DUPFD of a closed fd", rs(fcntl(77, F_DUPFD, 0)), "EBADF");
  expect("F_SETFD 0xff", rs(fcntl(fd, F_SETFD, 0xff)), "ok");
  printf("F_GETFD after 0xff: %d\n", fcntl(fd, F_GETFD));
  printf("the dup at 10 unaffected: %d\n", fcntl(10, F_GETFD));
  expect("F_SETFD 2", rs(fcntl(fd, F_SETFD, 2)), "ok");
  printf("F_GETFD after 2: %d\n", fcntl(fd, F_GETFD));
  expect("F_GETFD closed", rs(fcntl(77, F_GETFD)), "EBADF");
  expect("F_SETFD closed", rs(fcntl(77, F_SETFD, 1)), "EBADF");
  expect("unknown command", rs(fcntl(fd, 9999, 0)), "EINVAL");
  expect("unknown command on a closed fd", rs(fcntl(77, 9999, 0)), "EBADF");
  struct rlimit rl = {16, 16};
  setrlimit(RLIMIT_NOFILE, &rl);
  expect("F_DUPFD at the limit", rs(fcntl(fd, F_DUPFD, 16)), "EINVAL");
  expect("F_DUPFD_CLOEXEC past it", rs(fcntl(fd, F_DUPFD_CLOEXEC, 1000)), "EINVAL");
  printf("F_DUPFD 15: %d\n", fcntl(fd, F_DUPFD, 15));
  expect("F_DUPFD 15, all taken", rs(fcntl(fd, F_DUPFD, 15)), "EMFILE");
  printf("F_DUPFD 14: %d\n", fcntl(fd, F_DUPFD, 14));
  return finish("fcntl_dupfd");
}
