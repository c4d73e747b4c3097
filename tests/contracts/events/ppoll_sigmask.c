/* events.ppoll_sigmask: the temporary signal mask of ppoll and pselect6.
 * A signal the caller blocks but the call's mask lets through interrupts
 * the wait: its handler runs (EINTR) and the caller's mask is back
 * afterwards. When a file is ready at once the call returns its count
 * and puts the old mask back before returning, so the pending signal is
 * not delivered and stays pending. A NULL mask leaves the caller's alone.
 * ppoll writes the time left back into its timespec. */
#define _GNU_SOURCE
#include <poll.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>

#include "contract.h"

static volatile int usr1;
static void on_usr1(int sig) {
  (void)sig;
  usr1++;
}

static int blocked_now(int sig) {
  sigset_t cur;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  return sigismember(&cur, sig);
}

static int pending_now(int sig) {
  sigset_t p;
  sigpending(&p);
  return sigismember(&p, sig);
}

int main(void) {
  signal(SIGUSR1, on_usr1);
  sigset_t block, open_mask;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, NULL);
  sigemptyset(&open_mask);

  int p[2];
  pipe(p);
  struct pollfd pf = {p[0], POLLIN, 0};
  struct timespec ts = {2, 0};

  raise(SIGUSR1);
  long r = rs(syscall(SYS_ppoll, &pf, 1, &ts, &open_mask, 8));
  printf("ppoll, pending signal let through: %s, handler runs %d, "
         "blocked again %d\n",
         ename(r), usr1, blocked_now(SIGUSR1));

  write(p[1], "x", 1);
  raise(SIGUSR1);
  r = rs(syscall(SYS_ppoll, &pf, 1, &ts, &open_mask, 8));
  printf("ppoll, ready fd and pending signal: %ld, handler runs %d, "
         "still pending %d\n",
         r, usr1, pending_now(SIGUSR1));

  fd_set rd;
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  long pack[2] = {(long)&open_mask, 8};
  r = rs(syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, &ts, pack));
  printf("pselect6, ready fd and pending signal: %ld, handler runs %d, "
         "still pending %d\n",
         r, usr1, pending_now(SIGUSR1));

  char c;
  read(p[0], &c, 1);
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  r = rs(syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, &ts, pack));
  printf("pselect6, nothing ready, signal let through: %s, handler runs "
         "%d, blocked again %d, read set kept %d\n",
         ename(r), usr1, blocked_now(SIGUSR1), FD_ISSET(p[0], &rd));

  raise(SIGUSR1);
  struct timespec zero = {0, 0};
  r = rs(syscall(SYS_ppoll, &pf, 1, &zero, NULL, 8));
  printf("ppoll, NULL mask: %ld, handler runs %d, still pending %d\n", r, usr1,
         pending_now(SIGUSR1));
  r = rs(syscall(SYS_ppoll, &pf, 1, &zero, &open_mask, 8));
  printf("ppoll, zero timeout, signal let through: %s, handler runs %d\n",
         ename(r), usr1);

  /* The time left, written back. */
  if (fork() == 0) {
    usleep(100000);
    write(p[1], "y", 1);
    _exit(0);
  }
  struct timespec left = {3, 0};
  r = rs(syscall(SYS_ppoll, &pf, 1, &left, NULL, 8));
  long ms = left.tv_sec * 1000 + left.tv_nsec / 1000000;
  printf("ppoll woken by a write: %ld, time left %s\n", r,
         ms < 2950 && ms > 1000 ? "less by the wait" : "other");
  wait(NULL);
  struct timespec bad = {0, -1};
  expect("ppoll nsec -1", rs(syscall(SYS_ppoll, &pf, 1, &bad, NULL, 8)),
         "EINVAL");
  expect("ppoll unreadable timeout",
         rs(syscall(SYS_ppoll, &pf, 1, (void *)8, NULL, 8)), "EFAULT");
  expect("ppoll sigsetsize 16",
         rs(syscall(SYS_ppoll, &pf, 1, &zero, &open_mask, 16)), "EINVAL");
  expect("ppoll unreadable mask",
         rs(syscall(SYS_ppoll, &pf, 1, &zero, (void *)8, 8)), "EFAULT");
  expect("ppoll bad mask, NULL-size ignored with NULL mask",
         rs(syscall(SYS_ppoll, &pf, 1, &zero, NULL, 3)), "ok");
  return finish("ppoll_sigmask");
}
