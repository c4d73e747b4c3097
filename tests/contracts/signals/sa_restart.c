/* signals.sa_restart: a SIGALRM from setitimer(ITIMER_REAL) interrupts a
 * read from an empty pipe. Without SA_RESTART the read fails with EINTR
 * after the handler ran. With SA_RESTART the read is restarted instead and
 * completes with the byte a later tick's handler writes into the pipe. */
#include <sys/time.h>

#include "contract.h"

static int fds[2];
static volatile sig_atomic_t ticks;

static void on_alarm(int sig) {
  (void)sig;
  ticks++;
  if (ticks == 2) { /* the first tick only interrupts; the second feeds */
    char c = 'x';
    if (write(fds[1], &c, 1) != 1)
      ticks = 100;
  }
}

static int handle(int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = flags;
  sigemptyset(&sa.sa_mask);
  return sigaction(SIGALRM, &sa, NULL);
}

static int timer(long first_us, long every_us) {
  struct itimerval it = {{0, every_us}, {0, first_us}};
  return setitimer(ITIMER_REAL, &it, NULL);
}

int main(void) {
  check(pipe(fds) == 0, "pipe");

  /* Without SA_RESTART: one tick, the read gives up with EINTR. */
  check(handle(0) == 0, "sigaction without SA_RESTART");
  ticks = 0;
  check(timer(20000, 0) == 0, "setitimer 20ms one-shot");
  char c = 0;
  errno = 0;
  ssize_t n = read(fds[0], &c, 1);
  int e = errno;
  printf("read returned %zd errno=%s handler ran %d\n", n,
         e == EINTR ? "EINTR"
         : e        ? "other"
                    : "none",
         (int)ticks);
  check(n == -1 && e == EINTR && ticks == 1, "read interrupted with EINTR");

  /* With SA_RESTART: tick 1 interrupts and the read restarts; tick 2's
   * handler writes 'x', which the restarted read returns. */
  check(handle(SA_RESTART) == 0, "sigaction with SA_RESTART");
  ticks = 0;
  check(timer(20000, 20000) == 0, "setitimer 20ms repeating");
  errno = 0;
  n = read(fds[0], &c, 1);
  e = errno;
  check(timer(0, 0) == 0, "timer stopped");
  printf("read returned %zd byte=%c errno=%s ticks>=2 %s\n", n,
         n == 1 ? c : '?', e == EINTR ? "EINTR" : "none",
         ticks >= 2 && ticks < 100 ? "yes" : "no");
  check(n == 1 && c == 'x' && ticks >= 2 && ticks < 100,
        "restarted read completed with the handler's byte");

  return finish("sa_restart");
}
