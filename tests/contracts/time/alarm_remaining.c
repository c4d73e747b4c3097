/* time.alarm_remaining: alarm() returns the seconds left on the previous
 * alarm (0 when none) and alarm(0) cancels it; an alarm that expires sends
 * SIGALRM. */

#include "contract.h"

static unsigned do_alarm(unsigned s) {
#ifdef SYS_alarm
  return (unsigned)syscall(SYS_alarm, s);
#else
  return alarm(s); /* arm64 has no alarm syscall: musl uses setitimer */
#endif
}

static volatile int rang;
static void handler(int sig) {
  (void)sig;
  rang++;
}

int main(void) {
  signal(SIGALRM, handler);
  unsigned r = do_alarm(10);
  printf("first alarm returned %u\n", r);
  check(r == 0, "no previous alarm");
  r = do_alarm(20);
  printf("second alarm returned %u\n", r);
  check(r == 10, "10 s were left");
  r = do_alarm(0);
  printf("cancel returned %u\n", r);
  check(r == 20, "20 s were left");
  check(do_alarm(0) == 0, "nothing left after cancel");
  do_alarm(1);
  sigset_t empty;
  sigemptyset(&empty);
  while (!rang)
    sigsuspend(&empty);
  check(rang == 1, "alarm rang");

  return finish("alarm_remaining");
}
