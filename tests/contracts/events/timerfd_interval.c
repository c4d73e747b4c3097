/* events.timerfd_interval: a periodic timerfd counts every period; a read
 * takes the periods that passed since the last read (at least the ones a
 * sleep of 12 periods surely covered) and resets the count; gettime tells
 * a time left within one interval and the interval; settime returns the
 * old setting and resets the count. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <time.h>

#include "contract.h"

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
  while (nanosleep(&t, &t) != 0)
    ;
}

int main(void) {
  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  struct itimerspec its = {{0, 20000000}, {0, 20000000}}; /* 20 ms */
  timerfd_settime(fd, 0, &its, 0);
  sleep_ms(250);
  uint64_t v = 0;
  long r = rs(syscall(SYS_read, fd, &v, 8));
  printf("read after 250 ms: %s, expirations >= 10: %d\n", ename(r), v >= 10);
  struct itimerspec g;
  timerfd_gettime(fd, &g);
  printf("gettime: value in (0, 20 ms]: %d, interval %ld ns\n",
         g.it_value.tv_sec == 0 && g.it_value.tv_nsec > 0 &&
             g.it_value.tv_nsec <= 20000000,
         g.it_interval.tv_nsec);
  /* A blocking read waits for the next period only. */
  int b = timerfd_create(CLOCK_MONOTONIC, 0);
  struct itimerspec slow = {{0, 50000000}, {0, 50000000}};
  timerfd_settime(b, 0, &slow, 0);
  for (int i = 0; i < 3; i++) {
    r = rs(syscall(SYS_read, b, &v, 8));
    printf("blocking read %d: %s, expirations >= 1: %d\n", i, ename(r), v >= 1);
  }
  sleep_ms(120);
  struct itimerspec off = {{0, 0}, {0, 0}}, old;
  timerfd_settime(b, 0, &off, &old);
  printf("settime's old interval %ld ns, old value > 0: %d\n",
         old.it_interval.tv_nsec,
         old.it_value.tv_sec > 0 || old.it_value.tv_nsec > 0);
  fcntl(b, F_SETFL, O_NONBLOCK);
  expect("read after disarm", rs(syscall(SYS_read, b, &v, 8)), "EAGAIN");
  struct pollfd p = {b, POLLIN, 0};
  printf("poll after disarm: %d\n", poll(&p, 1, 0));
  return finish("events.timerfd_interval");
}
