/* events.posix_timer_exec: POSIX timers end at execve (the new program
 * has none: timer_gettime of the old id is EINVAL), while a timerfd
 * without TFD_CLOEXEC stays open and armed across it. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <sys/timerfd.h>
#include <time.h>

#include "contract.h"

int main(int argc, char **argv) {
  struct itimerspec g;
  if (argc > 1) {
    int fd = atoi(argv[1]);
    printf("after exec: timer 0 %s\n",
           ename(rs(syscall(SYS_timer_gettime, 0, &g))));
    long r = rs(syscall(SYS_timerfd_gettime, fd, &g));
    printf("after exec: timerfd %s, interval %ld s\n", ename(r),
           (long)g.it_interval.tv_sec);
    return finish("events.posix_timer_exec");
  }
  struct sigevent ev = {0};
  ev.sigev_notify = SIGEV_NONE;
  int id;
  syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id);
  struct itimerspec its = {{3, 0}, {100, 0}};
  syscall(SYS_timer_settime, id, 0, &its, 0);
  printf("before exec: timer %d %s\n", id,
         ename(rs(syscall(SYS_timer_gettime, id, &g))));
  int fd = timerfd_create(CLOCK_MONOTONIC, 0);
  timerfd_settime(fd, 0, &its, 0);
  char num[16];
  snprintf(num, sizeof num, "%d", fd);
  fflush(stdout);
  execl("/proc/self/exe", argv[0], num, (char *)0);
  printf("execl failed\n");
  return 1;
}
