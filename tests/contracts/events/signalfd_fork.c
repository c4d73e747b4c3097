/* events.signalfd_fork: a signalfd inherited across fork reads the
 * reader's own signals: the child does not see the parent's pending
 * signal (fork does not copy pending signals), it reads the one sent to
 * itself, and the parent's stays for the parent to read. A blocking read
 * in the child waits until the parent signals it. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigaddset(&m, SIGUSR2);
  sigprocmask(SIG_BLOCK, &m, 0);
  int fd = signalfd(-1, &m, 0);
  raise(SIGUSR1); /* the parent's */
  int ready[2];
  pipe(ready);
  pid_t c = fork();
  if (c == 0) {
    struct signalfd_siginfo si;
    fcntl(fd, F_SETFL, O_NONBLOCK);
    long r = rs(read(fd, &si, sizeof si));
    printf("child, nothing of its own: %s\n", ename(r));
    raise(SIGUSR2);
    r = rs(read(fd, &si, sizeof si));
    printf("child reads its own: %s %s\n", ename(r),
           si.ssi_signo == SIGUSR2 ? "SIGUSR2" : "other");
    fcntl(fd, F_SETFL, 0);
    fflush(stdout);
    write(ready[1], "r", 1);
    r = rs(read(fd, &si, sizeof si)); /* blocks until the parent's kill */
    printf("child's blocking read: %s %s from the parent %d\n", ename(r),
           si.ssi_signo == SIGUSR2 ? "SIGUSR2" : "other",
           si.ssi_pid == (uint32_t)getppid());
    fflush(stdout);
    _exit(0);
  }
  char x;
  read(ready[0], &x, 1);
  usleep(50000);
  kill(c, SIGUSR2);
  int st;
  waitpid(c, &st, 0);
  printf("child exit %d\n", WEXITSTATUS(st));
  fcntl(fd, F_SETFL, O_NONBLOCK);
  struct signalfd_siginfo si;
  long r = rs(read(fd, &si, sizeof si));
  printf("parent reads its own: %s %s\n", ename(r),
         si.ssi_signo == SIGUSR1 ? "SIGUSR1" : "other");
  return finish("events.signalfd_fork");
}
