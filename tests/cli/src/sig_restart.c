/* Fixture program: a read interrupted by SIGALRM, restarted (SA_RESTART)
 * and then not restarted (EINTR); a SIGSEGV handled by a handler. */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int fds[2];
static sigjmp_buf jb;

static void on_alarm(int sig) {
  (void)sig;
  write(fds[1], "x", 1);
}

static void on_segv(int sig) {
  (void)sig;
  siglongjmp(jb, 1);
}

static void arm(int restart) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = restart ? SA_RESTART : 0;
  sigaction(SIGALRM, &sa, 0);
  struct itimerval it = {{0, 0}, {0, 50000}};
  setitimer(ITIMER_REAL, &it, 0);
}

int main(void) {
  char c;
  pipe(fds);
  arm(1);
  read(fds[0], &c, 1);
  arm(0);
  if (read(fds[0], &c, 1) < 0)
    read(fds[0], &c, 1);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_segv;
  sa.sa_flags = SA_NODEFER;
  sigaction(SIGSEGV, &sa, 0);
  if (!sigsetjmp(jb, 1))
    *(volatile int *)16 = 1;
  write(1, "done\n", 5);
  return 0;
}
