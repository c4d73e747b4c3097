/* events.posix_timer_signal: a SIGEV_SIGNAL timer's signal carries
 * si_code SI_TIMER, si_timerid (the id), si_value and si_overrun 0 for a
 * one-shot; without a sigevent the signal is SIGALRM with si_value the
 * id; an absolute time already past fires at once; a SIGEV_NONE timer
 * sends nothing and gettime counts down to 0. A periodic timer whose
 * signal stays blocked is not re-armed meanwhile: when the signal is
 * finally taken, si_overrun counts the periods missed and
 * timer_getoverrun says the same. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <time.h>

#include "contract.h"

static volatile int got_sig, got_code, got_id, got_overrun, got_int, count;
static void on(int s, siginfo_t *si, void *u) {
  (void)u;
  got_sig = s;
  got_code = si->si_code;
  got_id = si->si_timerid;
  got_overrun = si->si_overrun;
  got_int = si->si_value.sival_int;
  count++;
}

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
  while (nanosleep(&t, &t) != 0)
    ;
}

static void report(const char *what) {
  printf("%s: count %d %s code %s timerid %d overrun %d value %d\n", what,
         count,
         got_sig == SIGUSR1   ? "SIGUSR1"
         : got_sig == SIGALRM ? "SIGALRM"
                              : "other",
         got_code == SI_TIMER ? "SI_TIMER" : "other", got_id, got_overrun,
         got_int);
  count = 0;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, 0);
  sigaction(SIGALRM, &sa, 0);

  struct sigevent ev = {0};
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGUSR1;
  ev.sigev_value.sival_int = 77;
  int a, b, n;
  syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &a);
  struct itimerspec its = {{0, 0}, {0, 50000000}};
  syscall(SYS_timer_settime, a, 0, &its, 0);
  while (!count)
    usleep(1000);
  report("one-shot");

  syscall(SYS_timer_create, CLOCK_REALTIME, 0, &b); /* defaults */
  syscall(SYS_timer_settime, b, 0, &its, 0);
  while (!count)
    usleep(1000);
  report("NULL sigevent");

  struct itimerspec past = {{0, 0}, {0, 1}};
  syscall(SYS_timer_settime, a, TIMER_ABSTIME, &past, 0);
  /* Linux arms an expired hrtimer and its interrupt may land before or
   * after the call returns (and gettime says 1 ns until it has), so only
   * "soon, and disarmed once fired" is pinned. */
  for (int i = 0; i < 2000 && !count; i++)
    usleep(1000);
  struct itimerspec left;
  syscall(SYS_timer_gettime, a, &left);
  printf("absolute past time: fires within 2 s %d, disarmed %d\n", count,
         left.it_value.tv_sec == 0 && left.it_value.tv_nsec == 0);
  report("  it");

  struct sigevent none = {0};
  none.sigev_notify = SIGEV_NONE;
  syscall(SYS_timer_create, CLOCK_MONOTONIC, &none, &n);
  struct itimerspec s100 = {{0, 0}, {0, 400000000}}, g;
  syscall(SYS_timer_settime, n, 0, &s100, 0);
  syscall(SYS_timer_gettime, n, &g);
  printf("SIGEV_NONE armed: left in (0, 400 ms]: %d\n",
         g.it_value.tv_sec == 0 && g.it_value.tv_nsec > 0 &&
             g.it_value.tv_nsec <= 400000000);
  sleep_ms(450);
  syscall(SYS_timer_gettime, n, &g);
  printf("SIGEV_NONE after expiry: left %ld.%09ld, signals %d\n",
         (long)g.it_value.tv_sec, g.it_value.tv_nsec, count);

  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigprocmask(SIG_BLOCK, &m, 0);
  struct itimerspec per = {{0, 20000000}, {0, 20000000}};
  syscall(SYS_timer_settime, a, 0, &per, 0);
  sleep_ms(300);
  syscall(SYS_timer_gettime, a, &g);
  printf("periodic, signal blocked: left in (0, 20 ms]: %d\n",
         g.it_value.tv_sec == 0 && g.it_value.tv_nsec > 0 &&
             g.it_value.tv_nsec <= 20000000);
  siginfo_t si;
  int s = sigwaitinfo(&m, &si);
  long ov = rs(syscall(SYS_timer_getoverrun, a));
  printf("taken: %s code %s overrun >= 10: %d, getoverrun same: %d\n",
         s == SIGUSR1 ? "SIGUSR1" : "other",
         si.si_code == SI_TIMER ? "SI_TIMER" : "other", si.si_overrun >= 10,
         ov == si.si_overrun);
  struct itimerspec off = {{0, 0}, {0, 0}};
  syscall(SYS_timer_settime, a, 0, &off, 0);
  sigprocmask(SIG_UNBLOCK, &m, 0);
  printf("after disarm: %s\n", count <= 1 ? "quiet" : "more signals");
  syscall(SYS_timer_delete, a);
  syscall(SYS_timer_delete, b);
  syscall(SYS_timer_delete, n);
  return finish("events.posix_timer_signal");
}
