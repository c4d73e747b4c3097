/* fd.async_owner: signal-driven I/O on pipes (fcntl(2) "Managing
 * signals"). F_SETOWN/F_GETOWN (a pid, or a negated process group),
 * F_SETOWN_EX/F_GETOWN_EX (thread, process, group), F_SETSIG/F_GETSIG,
 * all kept by the open file description (dup and fork share them), ESRCH
 * for an id nobody has, EINVAL for a bad type or signal, EFAULT for a bad
 * pointer. With O_ASYNC set through F_SETFL, a write signals the read
 * end's owner and a read the write end's: plain SIGIO from the kernel
 * (SI_KERNEL) by default, the F_SETSIG signal with si_code POLL_IN or
 * POLL_OUT, si_band and si_fd (the descriptor O_ASYNC was set through)
 * otherwise; closing the last writer signals the readers. Without an
 * owner, or without O_ASYNC, nothing is sent. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/wait.h>

#include "contract.h"

static volatile sig_atomic_t count;
static volatile int got_sig, got_code, got_fd;
static volatile long got_band;

static void on_sig(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  count++;
  got_sig = sig;
  got_code = si->si_code;
  got_band = si->si_band;
  got_fd = si->si_fd;
}

static const char *signame(int s) {
  return s == SIGIO     ? "SIGIO"
         : s == SIGUSR1 ? "SIGUSR1"
         : s == 0       ? "none"
                        : "other";
}

/* What arrived since the last call, in one line. */
static void show(const char *what) {
  if (!count) {
    printf("%s: no signal\n", what);
    return;
  }
  printf("%s: %d x %s code %s", what, (int)count, signame(got_sig),
         got_code == SI_KERNEL  ? "SI_KERNEL"
         : got_code == POLL_IN  ? "POLL_IN"
         : got_code == POLL_OUT ? "POLL_OUT"
                                : "other");
  if (got_code != SI_KERNEL)
    printf(" band %#lx fd %d", got_band, got_fd);
  printf("\n");
  count = 0;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_sigaction = on_sig;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGIO, &sa, 0);
  sigaction(SIGUSR1, &sa, 0);
  int p[2];
  check(pipe(p) == 0, "pipe");
  struct f_owner_ex ex;
  printf("fresh owner %ld, signal %ld\n", rs(fcntl(p[0], F_GETOWN)),
         rs(fcntl(p[0], F_GETSIG)));
  check(fcntl(p[0], F_SETOWN, getpid()) == 0, "F_SETOWN self");
  printf("F_GETOWN is getpid: %d\n", fcntl(p[0], F_GETOWN) == getpid());
  memset(&ex, 0x55, sizeof ex);
  expect("F_GETOWN_EX", rs(fcntl(p[0], F_GETOWN_EX, &ex)), "ok");
  printf("  type F_OWNER_PID %d, pid is getpid %d\n", ex.type == F_OWNER_PID,
         ex.pid == getpid());
  int d = dup(p[0]);
  printf("a dup sees the owner: %d\n", fcntl(d, F_GETOWN) == getpid());
  check(fcntl(p[0], F_SETOWN, -getpgrp()) == 0, "F_SETOWN -pgrp");
  printf("F_GETOWN is -getpgrp: %d\n", fcntl(p[0], F_GETOWN) == -getpgrp());
  fcntl(p[0], F_GETOWN_EX, &ex);
  printf("  type F_OWNER_PGRP %d\n", ex.type == F_OWNER_PGRP);
  expect("F_SETOWN of a pid nobody has", rs(fcntl(p[0], F_SETOWN, 999999)),
         "ESRCH");
  printf("the owner stays: %d\n", fcntl(p[0], F_GETOWN) == -getpgrp());
  check(fcntl(p[0], F_SETOWN, 0) == 0, "F_SETOWN 0");
  fcntl(p[0], F_GETOWN_EX, &ex);
  printf("after 0: owner %ld, type F_OWNER_PID %d, pid %d\n",
         rs(fcntl(p[0], F_GETOWN)), ex.type == F_OWNER_PID, ex.pid);
  ex.type = F_OWNER_TID;
  ex.pid = gettid();
  expect("F_SETOWN_EX thread", rs(fcntl(p[0], F_SETOWN_EX, &ex)), "ok");
  memset(&ex, 0, sizeof ex);
  fcntl(p[0], F_GETOWN_EX, &ex);
  printf("  type F_OWNER_TID %d, pid is gettid %d\n", ex.type == F_OWNER_TID,
         ex.pid == gettid());
  ex.type = 3;
  expect("F_SETOWN_EX type 3", rs(fcntl(p[0], F_SETOWN_EX, &ex)), "EINVAL");
  ex.type = F_OWNER_PID;
  ex.pid = 999999;
  expect("F_SETOWN_EX of nobody", rs(fcntl(p[0], F_SETOWN_EX, &ex)), "ESRCH");
  expect("F_SETOWN_EX bad pointer", rs(fcntl(p[0], F_SETOWN_EX, (void *)8)),
         "EFAULT");
  expect("F_GETOWN_EX bad pointer", rs(fcntl(p[0], F_GETOWN_EX, (void *)8)),
         "EFAULT");
  expect("F_SETSIG 65", rs(fcntl(p[0], F_SETSIG, 65)), "EINVAL");
  expect("F_SETSIG -1", rs(fcntl(p[0], F_SETSIG, -1)), "EINVAL");
  expect("F_SETSIG 64", rs(fcntl(p[0], F_SETSIG, 64)), "ok");
  printf("a dup sees signal %ld\n", rs(fcntl(d, F_GETSIG)));
  check(fcntl(p[0], F_SETSIG, 0) == 0, "F_SETSIG 0");
  close(d);
  close(p[0]);
  close(p[1]);

  /* Delivery. */
  check(pipe(p) == 0, "a second pipe");
  write(p[1], "a", 1);
  show("a write with no owner and no O_ASYNC");
  fcntl(p[0], F_SETOWN, getpid());
  write(p[1], "a", 1);
  show("an owner without O_ASYNC");
  int rd = fcntl(p[0], F_DUPFD, 20);
  check(fcntl(rd, F_SETFL, O_ASYNC | O_NONBLOCK) == 0, "O_ASYNC through fd 20");
  printf("F_GETFL has O_ASYNC: %d\n", (fcntl(p[0], F_GETFL) & O_ASYNC) != 0);
  write(p[1], "b", 1);
  show("a write, SIGIO default");
  fcntl(p[0], F_SETSIG, SIGUSR1);
  write(p[1], "c", 1);
  show("a write, F_SETSIG SIGUSR1");
  char buf[16];
  read(p[0], buf, sizeof buf);
  show("a read (the write end has no O_ASYNC)");
  fcntl(p[1], F_SETOWN, getpid());
  fcntl(p[1], F_SETFL, O_ASYNC);
  read(p[0], buf, sizeof buf);
  show("a read of an empty pipe, write end O_ASYNC");
  fcntl(p[1], F_SETSIG, SIGUSR1);
  write(p[1], "d", 1);
  count = 0;
  read(p[0], buf, sizeof buf);
  show("a read, F_SETSIG on the write end");
  fcntl(p[1], F_SETFL, 0);
  read(p[0], buf, sizeof buf);
  show("after O_ASYNC is cleared on the write end");
  write(p[1], "e", 0);
  show("a zero-length write");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    /* The child's write signals the owner, which is still the parent. */
    write(p[1], "f", 1);
    _exit(0);
  }
  int st;
  waitpid(c, &st, 0);
  show("a write by a child");
  printf("a child's fd shares the owner: %d\n",
         fcntl(p[0], F_GETOWN) == getpid());
  close(rd);
  close(p[0]);
  close(p[1]);
  /* A fresh pipe for the close: a forked child's copy of a write end can
   * be released after its parent's wait returns on Linux. */
  check(pipe(p) == 0, "a third pipe");
  fcntl(p[0], F_SETOWN, getpid());
  fcntl(p[0], F_SETSIG, SIGUSR1);
  fcntl(p[0], F_SETFL, O_ASYNC);
  count = 0;
  close(p[1]);
  show("the last writer closes");
  close(p[0]);
  return finish("async_owner");
}
