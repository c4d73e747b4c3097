/* signals.no_restart_calls: pause() and nanosleep() are never restarted,
 * even with SA_RESTART: both fail with EINTR after the handler, and
 * nanosleep reports the time that was left. */
#include <sys/time.h>
#include <time.h>

#include "contract.h"

static volatile int alarms;
static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

static void arm_ms(int ms) {
  struct itimerval it = {{0, 0}, {0, ms * 1000}};
  setitimer(ITIMER_REAL, &it, NULL);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);

  arm_ms(30);
  errno = 0;
  int r = pause();
  printf("pause: %s alarms=%d\n", errno == EINTR ? "EINTR" : "?", alarms);
  check(r == -1 && errno == EINTR && alarms == 1, "pause EINTR");

  arm_ms(30);
  struct timespec req = {5, 0}, rem = {0, 0};
  errno = 0;
  r = nanosleep(&req, &rem);
  printf("nanosleep: %s alarms=%d\n", errno == EINTR ? "EINTR" : "?", alarms);
  check(r == -1 && errno == EINTR && alarms == 2, "nanosleep EINTR");
  check(rem.tv_sec < 5 && (rem.tv_sec > 0 || rem.tv_nsec > 0) &&
            rem.tv_sec >= 2,
        "remaining time reported (between 2 s and 5 s)");

  return finish("no_restart_calls");
}
