/* events.signalfd_read: what a read of a signalfd returns: one 128-byte
 * signalfd_siginfo per pending signal in the mask, as many as fit, lowest
 * number first, the caller's own (thread-directed) signals before its
 * process's; kill fills ssi_pid/ssi_uid with SI_USER, sigqueue adds
 * ssi_int/ssi_ptr with SI_QUEUE, tgkill is SI_TKILL, a child's exit is
 * SIGCHLD with CLD_EXITED, ssi_pid and ssi_status. Reading consumes the
 * signal: it is no longer pending and no handler runs. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

#include "contract.h"

static const char *code(int c) {
  return c == SI_USER      ? "SI_USER"
         : c == SI_QUEUE   ? "SI_QUEUE"
         : c == SI_TKILL   ? "SI_TKILL"
         : c == CLD_EXITED ? "CLD_EXITED"
                           : "other";
}

static volatile int handled;
static void on(int s) {
  (void)s;
  handled++;
}

int main(void) {
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigaddset(&m, SIGUSR2);
  sigaddset(&m, SIGRTMIN + 1);
  sigaddset(&m, SIGCHLD);
  sigprocmask(SIG_BLOCK, &m, 0);
  signal(SIGUSR1, on);
  int fd = signalfd(-1, &m, SFD_NONBLOCK);
  pid_t me = getpid();

  kill(me, SIGUSR2);
  kill(me, SIGUSR1);
  union sigval sv = {.sival_int = 0x1234};
  sigqueue(me, SIGRTMIN + 1, sv);
  syscall(SYS_tgkill, me, syscall(SYS_gettid), SIGUSR2);
  struct signalfd_siginfo si[8];
  long r = read(fd, si, sizeof si);
  printf("read: %ld bytes (%ld records)\n", r, r / 128);
  for (long i = 0; i < r / 128; i++) {
    const struct signalfd_siginfo *s = &si[i];
    printf("  %s code %s pid %s uid %u",
           s->ssi_signo == SIGUSR1                  ? "SIGUSR1"
           : s->ssi_signo == SIGUSR2                ? "SIGUSR2"
           : s->ssi_signo == (unsigned)SIGRTMIN + 1 ? "SIGRTMIN+1"
                                                    : "other",
           code(s->ssi_code), s->ssi_pid == (uint32_t)me ? "self" : "other",
           s->ssi_uid);
    if (s->ssi_code == SI_QUEUE)
      printf(" int 0x%x ptr 0x%llx", s->ssi_int,
             (unsigned long long)s->ssi_ptr);
    printf("\n");
  }
  sigset_t p;
  sigpending(&p);
  printf("pending after the read: USR1 %d USR2 %d RT+1 %d\n",
         sigismember(&p, SIGUSR1), sigismember(&p, SIGUSR2),
         sigismember(&p, SIGRTMIN + 1));
  sigprocmask(SIG_UNBLOCK, &m, 0);
  printf("handler ran after unblocking: %d\n", handled);
  sigprocmask(SIG_BLOCK, &m, 0);

  kill(me, SIGUSR1);
  kill(me, SIGUSR2);
  r = read(fd, si, 128 + 100);
  printf("read with room for one: %ld bytes, %s\n", r,
         si[0].ssi_signo == SIGUSR1 ? "SIGUSR1" : "other");
  r = read(fd, si, 128);
  printf("next read: %ld bytes, %s\n", r,
         si[0].ssi_signo == SIGUSR2 ? "SIGUSR2" : "other");

  pid_t c = fork();
  if (c == 0)
    _exit(7);
  int fd2 = signalfd(-1, &m, 0); /* blocking: waits for the SIGCHLD */
  r = read(fd2, si, 128);
  printf("SIGCHLD: %ld bytes code %s pid %s status %d\n", r,
         code(si[0].ssi_code), si[0].ssi_pid == (uint32_t)c ? "child" : "other",
         si[0].ssi_status);
  waitpid(c, 0, 0);
  return finish("events.signalfd_read");
}
