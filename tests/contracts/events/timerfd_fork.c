/* events.timerfd_fork: a timerfd is an open file description: a forked
 * child shares it, so an expiry the child reads is gone for the parent,
 * and the parent's settime is what the child's gettime sees. A child's
 * blocking read wakes at the expiry the parent armed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  int fd = timerfd_create(CLOCK_MONOTONIC, 0);
  int go[2], done[2];
  pipe(go);
  pipe(done);
  pid_t c = fork();
  if (c == 0) {
    char x;
    read(go[0], &x, 1);
    struct itimerspec g;
    timerfd_gettime(fd, &g);
    printf("child sees the interval the parent set: %ld ns\n",
           g.it_interval.tv_nsec);
    fflush(stdout);
    uint64_t v = 0;
    long r = read(fd, &v, 8); /* blocks until the expiry */
    printf("child read: %ld bytes, expirations >= 1: %d\n", r, v >= 1);
    fflush(stdout);
    write(done[1], "d", 1);
    _exit(0);
  }
  struct itimerspec its = {{0, 30000000}, {0, 100000000}};
  timerfd_settime(fd, 0, &its, 0);
  write(go[1], "g", 1);
  char x;
  read(done[0], &x, 1);
  int st;
  waitpid(c, &st, 0);
  printf("child exit %d\n", WEXITSTATUS(st));
  struct itimerspec off = {{0, 0}, {0, 0}};
  timerfd_settime(fd, 0, &off, 0);
  fcntl(fd, F_SETFL, O_NONBLOCK);
  uint64_t v;
  expect("parent read after the child took it and disarm",
         rs(syscall(SYS_read, fd, &v, 8)), "EAGAIN");
  return finish("events.timerfd_fork");
}
