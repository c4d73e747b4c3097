/* Fixture program: pause() and nanosleep() interrupted by a handled SIGALRM
 * (ERESTARTNOHAND, then EINTR from the restart block). */
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void on_alarm(int sig) { (void)sig; }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, 0);
  struct itimerval it = {{0, 0}, {0, 20000}};
  setitimer(ITIMER_REAL, &it, 0);
  pause();
  setitimer(ITIMER_REAL, &it, 0);
  struct timespec ts = {1, 0};
  nanosleep(&ts, 0);
  return 0;
}
