/* events.signalfd_mask: signalfd4 on an existing signalfd replaces its
 * mask (the flags stay what they were): a pending signal outside the old
 * mask becomes readable, one inside the old mask only stays pending. A
 * signalfd does not block anything itself: an unblocked signal with a
 * handler is delivered as usual and never reaches the fd. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/signalfd.h>

#include "contract.h"

static volatile int handled;
static void on(int s) {
  handled = s;
}

int main(void) {
  sigset_t m1, m2, both;
  sigemptyset(&m1);
  sigaddset(&m1, SIGUSR1);
  sigemptyset(&m2);
  sigaddset(&m2, SIGUSR2);
  sigemptyset(&both);
  sigaddset(&both, SIGUSR1);
  sigaddset(&both, SIGUSR2);
  sigprocmask(SIG_BLOCK, &both, 0);
  int fd = signalfd(-1, &m1, SFD_NONBLOCK);
  struct signalfd_siginfo si;
  raise(SIGUSR2);
  expect("SIGUSR2 pending, mask USR1", rs(read(fd, &si, sizeof si)), "EAGAIN");
  long r = rs(syscall(SYS_signalfd4, fd, &m2, 8, 0));
  printf("update returns the same fd: %d\n", r == fd);
  r = rs(read(fd, &si, sizeof si));
  printf("read after the update: %s %s\n", ename(r),
         si.ssi_signo == SIGUSR2 ? "SIGUSR2" : "other");
  raise(SIGUSR1);
  expect("SIGUSR1 now outside the mask", rs(read(fd, &si, sizeof si)),
         "EAGAIN");
  sigset_t p;
  sigpending(&p);
  printf("SIGUSR1 still pending: %d\n", sigismember(&p, SIGUSR1));
  signal(SIGUSR1, on);
  sigprocmask(SIG_UNBLOCK, &m1, 0);
  printf("handler took it on unblocking: %s\n",
         handled == SIGUSR1 ? "SIGUSR1" : "none");
  handled = 0;
  signalfd(fd, &m1, 0);
  raise(SIGUSR1); /* not blocked: delivered, the fd never sees it */
  printf("unblocked signal in the mask: handler %s, read %s\n",
         handled == SIGUSR1 ? "SIGUSR1" : "none",
         ename(rs(read(fd, &si, sizeof si))));
  return finish("events.signalfd_mask");
}
