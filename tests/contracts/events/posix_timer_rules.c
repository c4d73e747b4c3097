/* events.posix_timer_rules: timer_create(2)'s ids are 0, 1, 2... per
 * process, a deleted id is not given again right away; the sigevent is
 * copied first (EFAULT); clocks without timers are EOPNOTSUPP (the raw
 * and coarse clocks), unknown ones EINVAL; a bad notify, signal number or
 * thread id is EINVAL; a bad id pointer is EFAULT. timer_settime needs a
 * new value (EINVAL for NULL, EFAULT for a bad one, EINVAL for tv_nsec >=
 * 10^9), unknown ids are EINVAL everywhere; a disarmed POSIX timer forgets
 * its interval. A forked child has no timers and starts at id 0. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "contract.h"

static long create(long clk, struct sigevent *ev, int *id) {
  return rs(syscall(SYS_timer_create, clk, ev, id));
}

int main(void) {
  struct sigevent none = {0};
  none.sigev_notify = SIGEV_NONE;
  int id = -1;
  for (int i = 0; i < 3; i++) {
    create(CLOCK_MONOTONIC, &none, &id);
    printf("timer id %d\n", id);
  }
  syscall(SYS_timer_delete, 0);
  create(CLOCK_MONOTONIC, &none, &id);
  printf("after deleting 0: id %d\n", id);
  static const int clocks[] = {0, 1, 2, 3, 4, 5, 6, 7, 10, 12, -1};
  for (unsigned i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
    long r = create(clocks[i], &none, &id);
    printf("clock %d: %s\n", clocks[i], ename(r));
    if (r == 0)
      syscall(SYS_timer_delete, id);
  }
  expect("bad sigevent, bad clock", create(99, (void *)8, &id), "EFAULT");
  struct sigevent ev = {0};
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = 0;
  expect("signal 0", create(CLOCK_MONOTONIC, &ev, &id), "EINVAL");
  ev.sigev_signo = 65;
  expect("signal 65", create(CLOCK_MONOTONIC, &ev, &id), "EINVAL");
  ev.sigev_signo = SIGUSR1;
  ev.sigev_notify = 7;
  expect("notify 7", create(CLOCK_MONOTONIC, &ev, &id), "EINVAL");
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_notify_thread_id = 999999;
  expect("SIGEV_THREAD_ID, no such thread", create(CLOCK_MONOTONIC, &ev, &id),
         "EINVAL");
  expect("bad id pointer", create(CLOCK_MONOTONIC, 0, (void *)8), "EFAULT");

  struct itimerspec z = {{0, 0}, {0, 0}}, g;
  expect("settime, unknown id", rs(syscall(SYS_timer_settime, 1000, 0, &z, 0)),
         "EINVAL");
  expect("settime, NULL value", rs(syscall(SYS_timer_settime, 1, 0, 0, 0)),
         "EINVAL");
  expect("settime, bad value",
         rs(syscall(SYS_timer_settime, 1, 0, (void *)8, 0)), "EFAULT");
  struct itimerspec bad = {{0, 0}, {0, 1000000000}};
  expect("settime, tv_nsec 1e9", rs(syscall(SYS_timer_settime, 1, 0, &bad, 0)),
         "EINVAL");
  expect("gettime, unknown id", rs(syscall(SYS_timer_gettime, 1000, &g)),
         "EINVAL");
  expect("getoverrun, unknown id", rs(syscall(SYS_timer_getoverrun, 1000)),
         "EINVAL");
  expect("delete, unknown id", rs(syscall(SYS_timer_delete, 1000)), "EINVAL");
  z.it_interval.tv_sec = 5;
  syscall(SYS_timer_settime, 1, 0, &z, 0);
  syscall(SYS_timer_gettime, 1, &g);
  printf("disarmed with an interval: interval %ld\n",
         (long)g.it_interval.tv_sec);
  struct itimerspec far = {{2, 0}, {100, 0}}, old;
  syscall(SYS_timer_settime, 1, 0, &far, 0);
  syscall(SYS_timer_settime, 1, 0, &z, &old);
  printf("old setting: value in (99,100] %d interval %ld\n",
         old.it_value.tv_sec == 99 ||
             (old.it_value.tv_sec == 100 && old.it_value.tv_nsec == 0),
         (long)old.it_interval.tv_sec);
  printf("getoverrun of a fresh timer: %ld\n",
         rs(syscall(SYS_timer_getoverrun, 1)));

  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    printf("child: gettime of the parent's timer 1: %s\n",
           ename(rs(syscall(SYS_timer_gettime, 1, &g))));
    create(CLOCK_MONOTONIC, &none, &id);
    printf("child's first id %d\n", id);
    fflush(stdout);
    _exit(0);
  }
  waitpid(c, 0, 0);
  printf("parent still has timer 1: %s\n",
         ename(rs(syscall(SYS_timer_gettime, 1, &g))));
  return finish("events.posix_timer_rules");
}
