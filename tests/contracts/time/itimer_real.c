/* time.itimer_real: ITIMER_REAL with an interval fires SIGALRM again and
 * again (si_code SI_KERNEL), getitimer shows the interval and a value no
 * larger than it, disarming stops it, and bad arguments are EINVAL. */
#include <sys/time.h>

#include "contract.h"

static volatile int alarms, code;
static void handler(int sig, siginfo_t *si, void *ctx) {
  (void)sig, (void)ctx;
  alarms++;
  code = si->si_code;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGALRM, &sa, NULL);

  struct itimerval it = {{0, 10000}, {0, 10000}}, cur;
  check(setitimer(ITIMER_REAL, &it, NULL) == 0, "arm 10ms interval");
  check(getitimer(ITIMER_REAL, &cur) == 0 && cur.it_interval.tv_usec == 10000 &&
            cur.it_value.tv_sec == 0 && cur.it_value.tv_usec <= 10000,
        "getitimer shows it");
  sigset_t empty;
  sigemptyset(&empty);
  while (alarms < 3)
    sigsuspend(&empty);
  printf("alarms>=3 code=%s\n", code == SI_KERNEL ? "SI_KERNEL" : "other");
  check(code == SI_KERNEL, "SIGALRM from the kernel");

  struct itimerval off = {{0, 0}, {0, 0}}, old;
  check(setitimer(ITIMER_REAL, &off, &old) == 0 &&
            old.it_interval.tv_usec == 10000,
        "disarm returns the old interval");
  getitimer(ITIMER_REAL, &cur);
  check(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0,
        "disarmed reads zero");

  struct itimerval bad = {{0, 0}, {0, 1000000}};
  errno = 0;
  check(syscall(SYS_setitimer, ITIMER_REAL, &bad, NULL) == -1 &&
            errno == EINVAL,
        "usec 1000000 EINVAL");
  errno = 0;
  check(syscall(SYS_setitimer, 5, &it, NULL) == -1 && errno == EINVAL,
        "which 5 EINVAL");
  errno = 0;
  check(syscall(SYS_getitimer, 5, &cur) == -1 && errno == EINVAL,
        "getitimer which 5 EINVAL");

  return finish("itimer_real");
}
