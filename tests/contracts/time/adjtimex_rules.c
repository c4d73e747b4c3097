/* time.adjtimex_rules: adjtimex and clock_adjtime's answers that never
 * change the clock or the NTP state (the host's clock must not move under
 * a test). A read (modes 0) returns the clock state, TIME_ERROR exactly
 * when the status says unsynchronised, NTP's fixed precision and
 * tolerance, and the time now. Only CLOCK_REALTIME can be adjusted (the
 * other clocks EOPNOTSUPP, an unknown id EINVAL); the struct is copied in
 * first (EFAULT before the clock is looked at); values out of range are
 * EINVAL; without CAP_SYS_TIME every change is EPERM, checked before the
 * range, and a read, or adjtime's read-only form, is allowed. The NTP
 * state itself (tick, frequency, errors) is the host's, so only its
 * consistency is printed. */
#include "contract.h"
#include <sys/timex.h>
#include <time.h>

#define ADJ_ADJTIME 0x8000 /* ADJ_OFFSET_SINGLESHOT without ADJ_OFFSET */

static long adj(struct timex *t) {
  return rs(syscall(SYS_adjtimex, t));
}

static long cadj(int clock, struct timex *t) {
  return rs(syscall(SYS_clock_adjtime, clock, t));
}

static long with_modes(unsigned modes, long usec, long tick) {
  struct timex t = {.modes = modes, .tick = tick};
  t.time.tv_usec = usec;
  return adj(&t);
}

static void read_state(void) {
  struct timex t = {0};
  struct timespec now;
  long r = syscall(SYS_adjtimex, &t);
  clock_gettime(CLOCK_REALTIME, &now);
  printf("read: a clock state %s\n", r >= 0 && r <= 5 ? "yes" : "no");
  int unsynced = !!(t.status & (STA_UNSYNC | STA_CLOCKERR));
  printf("TIME_ERROR exactly when unsynchronised: %s\n",
         (r == TIME_ERROR) == unsynced ? "yes" : "no");
  printf("precision %ld tolerance %ld\n", (long)t.precision, (long)t.tolerance);
  long usec_max = t.status & STA_NANO ? 1000000000 : 1000000;
  int near = t.time.tv_sec >= now.tv_sec - 2 && t.time.tv_sec <= now.tv_sec;
  printf("time is now: %s\n",
         near && t.time.tv_usec >= 0 && t.time.tv_usec < usec_max ? "yes"
                                                                  : "no");
  printf("tick within 10%% of 10000: %s\n",
         t.tick >= 9000 && t.tick <= 11000 ? "yes" : "no");
  struct timex c = {0};
  long rc = syscall(SYS_clock_adjtime, CLOCK_REALTIME, &c);
  printf("clock_adjtime(CLOCK_REALTIME) reads the same state: %s\n",
         rc == r && c.status == t.status ? "yes" : "no");
}

static void unprivileged(void) {
  expect("drop to uid 1000", rs(syscall(SYS_setresuid, 1000, 1000, 1000)),
         "ok");
  struct timex t = {0};
  long r = syscall(SYS_adjtimex, &t);
  printf("read unprivileged: %s\n", r >= 0 && r <= 5 ? "ok" : "error");
  expect("ADJ_FREQUENCY", with_modes(ADJ_FREQUENCY, 0, 0), "EPERM");
  expect("ADJ_TICK out of range", with_modes(ADJ_TICK, 0, 5), "EPERM");
  expect("ADJ_SETOFFSET usec 1e6", with_modes(ADJ_SETOFFSET, 1000000, 0),
         "EPERM");
  expect("ADJ_OFFSET_SINGLESHOT", with_modes(ADJ_OFFSET_SINGLESHOT, 0, 0),
         "EPERM");
  long ss = with_modes(ADJ_OFFSET_SS_READ, 0, 0);
  printf("ADJ_OFFSET_SS_READ: %s\n", ename(ss));
  expect("ADJ_ADJTIME alone", with_modes(ADJ_ADJTIME, 0, 0), "EINVAL");
  struct timex c = {.modes = ADJ_FREQUENCY};
  expect("clock_adjtime ADJ_FREQUENCY", cadj(CLOCK_REALTIME, &c), "EPERM");
}

int main(void) {
  read_state();

  struct timex t = {0};
  expect("clock_adjtime(CLOCK_MONOTONIC)", cadj(CLOCK_MONOTONIC, &t),
         "EOPNOTSUPP");
  expect("clock_adjtime(CLOCK_BOOTTIME)", cadj(CLOCK_BOOTTIME, &t),
         "EOPNOTSUPP");
  expect("clock_adjtime(CLOCK_TAI)", cadj(CLOCK_TAI, &t), "EOPNOTSUPP");
  expect("clock_adjtime(99)", cadj(99, &t), "EINVAL");
  expect("clock_adjtime(CLOCK_MONOTONIC, bad pointer)",
         cadj(CLOCK_MONOTONIC, (struct timex *)8), "EFAULT");
  expect("clock_adjtime(99, bad pointer)", cadj(99, (struct timex *)8),
         "EFAULT");
  expect("adjtimex(bad pointer)", adj((struct timex *)8), "EFAULT");

  expect("ADJ_SETOFFSET|ADJ_NANO nsec 1e9",
         with_modes(ADJ_SETOFFSET | ADJ_NANO, 1000000000, 0), "EINVAL");
  expect("ADJ_SETOFFSET usec 1e6", with_modes(ADJ_SETOFFSET, 1000000, 0),
         "EINVAL");
  expect("ADJ_SETOFFSET usec -1", with_modes(ADJ_SETOFFSET, -1, 0), "EINVAL");
  expect("ADJ_TICK 5", with_modes(ADJ_TICK, 0, 5), "EINVAL");
  expect("ADJ_TICK 20000", with_modes(ADJ_TICK, 0, 20000), "EINVAL");
  expect("ADJ_ADJTIME alone", with_modes(ADJ_ADJTIME, 0, 0), "EINVAL");
  struct timex f = {.modes = ADJ_FREQUENCY, .freq = 0x7fffffffffffffffL};
  expect("ADJ_FREQUENCY huge", adj(&f), "EINVAL");

  /* adjtime's read-only form: the pending slew, and STA_NANO untouched
   * (its READONLY bit is ADJ_NANO's). */
  struct timex before = {0}, ro = {.modes = ADJ_OFFSET_SS_READ}, after = {0};
  syscall(SYS_adjtimex, &before);
  long r = adj(&ro);
  syscall(SYS_adjtimex, &after);
  printf("ADJ_OFFSET_SS_READ: %s, STA_NANO kept: %s\n", ename(r),
         (before.status & STA_NANO) == (after.status & STA_NANO) ? "yes"
                                                                 : "no");

  run_in_child(unprivileged);
  return finish("adjtimex_rules");
}
