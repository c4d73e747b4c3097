/* events.timerfd_expire: a one-shot timer: a blocking read waits until it
 * expires and returns the 8-byte count 1; gettime then says 0 left; a
 * relative timer on CLOCK_MONOTONIC, CLOCK_BOOTTIME and CLOCK_REALTIME, an
 * absolute one (TFD_TIMER_ABSTIME) in the future and one in the past
 * (already expired: it becomes ready and a read gets 1). A read of 16
 * bytes moves 8. TFD_TIMER_CANCEL_ON_SET with ABSTIME is accepted on the
 * real-time clock (and ignored on the monotonic one, whose timer fires
 * normally). */
#define _GNU_SOURCE
#include <poll.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <time.h>

#include "contract.h"

static long long now_ms(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void one_shot(const char *name, clockid_t clk, int flags, long ms) {
  int fd = timerfd_create(clk, 0);
  long long t0 = now_ms(CLOCK_MONOTONIC);
  struct itimerspec its = {{0, 0}, {ms / 1000, (ms % 1000) * 1000000}};
  if (flags & TFD_TIMER_ABSTIME) {
    struct timespec n;
    clock_gettime(clk, &n);
    its.it_value.tv_sec += n.tv_sec;
    its.it_value.tv_nsec += n.tv_nsec;
    if (its.it_value.tv_nsec >= 1000000000) {
      its.it_value.tv_sec++;
      its.it_value.tv_nsec -= 1000000000;
    }
  }
  expect(name, rs(timerfd_settime(fd, flags, &its, 0)), "ok");
  uint64_t v[2] = {0, 0};
  long r = rs(syscall(SYS_read, fd, v, 16));
  long long dt = now_ms(CLOCK_MONOTONIC) - t0;
  printf("  read %ld bytes, expirations %llu, blocked >= %ld ms: %d\n", r,
         (unsigned long long)v[0], ms - 1, dt >= ms - 1);
  struct itimerspec g;
  timerfd_gettime(fd, &g);
  printf("  after: value %ld.%09ld\n", (long)g.it_value.tv_sec,
         g.it_value.tv_nsec);
  close(fd);
}

int main(void) {
  one_shot("monotonic 60 ms", CLOCK_MONOTONIC, 0, 60);
  one_shot("boottime 60 ms", CLOCK_BOOTTIME, 0, 60);
  one_shot("realtime 60 ms", CLOCK_REALTIME, 0, 60);
  one_shot("monotonic absolute +60 ms", CLOCK_MONOTONIC, TFD_TIMER_ABSTIME, 60);
  /* A real-time CANCEL_ON_SET timer is only armed, never waited for: a
   * read says ECANCELED whenever anything steps the host's clock meanwhile
   * (a virtual machine's clock is stepped when it resumes). */
  int rt = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
  struct timespec rnow;
  clock_gettime(CLOCK_REALTIME, &rnow);
  struct itimerspec later = {{0, 0}, {rnow.tv_sec + 3600, 0}};
  expect("realtime absolute +1 h, CANCEL_ON_SET",
         rs(timerfd_settime(rt, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                            &later, 0)),
         "ok");
  uint64_t none = 0;
  expect("  read before it", rs(syscall(SYS_read, rt, &none, 8)), "EAGAIN");
  close(rt);
  one_shot("monotonic CANCEL_ON_SET (ignored)", CLOCK_MONOTONIC,
           TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, 60);

  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  struct itimerspec past = {{0, 0}, {0, 1}}; /* 1 ns after boot */
  expect("absolute time in the past",
         rs(timerfd_settime(fd, TFD_TIMER_ABSTIME, &past, 0)), "ok");
  /* Linux arms an expired hrtimer and counts the expiry in its interrupt,
   * which may land just after the call returns: wait for it, boundedly. */
  struct pollfd pw = {fd, POLLIN, 0};
  poll(&pw, 1, 2000);
  uint64_t v = 0;
  long r = rs(syscall(SYS_read, fd, &v, 8));
  printf("  read once ready: %s, expirations %llu\n", ename(r),
         (unsigned long long)v);
  expect("  read again", rs(syscall(SYS_read, fd, &v, 8)), "EAGAIN");
  /* Re-arming resets the count: expired then re-set before reading. */
  timerfd_settime(fd, TFD_TIMER_ABSTIME, &past, 0);
  struct itimerspec far = {{0, 0}, {100, 0}};
  timerfd_settime(fd, 0, &far, 0);
  expect("expired, then re-armed: read", rs(syscall(SYS_read, fd, &v, 8)),
         "EAGAIN");
  return finish("events.timerfd_expire");
}
