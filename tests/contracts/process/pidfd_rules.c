/* process.pidfd_rules: pidfd_open (flags, missing and reaped pids, a
 * zombie, always close-on-exec, an anon inode named [pidfd]), poll (POLLIN
 * once the process has exited, a zombie too, and after it is reaped;
 * epoll too),
 * pidfd_send_signal (a non-pidfd, bad signals, siginfo rules, ESRCH once
 * reaped), pidfd_getfd (flags, non-pidfd, a descriptor of the child's,
 * close-on-exec) and waitid(P_PIDFD) (O_NONBLOCK, WNOHANG, a non-child,
 * ECHILD once reaped). Only what Linux 6.1 and 6.18 both do: POLLHUP of a
 * reaped pid (6.9 and later), send_signal's flags (6.9), getfd from a
 * zombie (EBADF on 6.1, ESRCH on 6.18) and pidfd_open of a thread's id
 * (EINVAL on 6.1, ENOENT on 6.18) are not looked at. */
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/wait.h>

#include "contract.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static long pidfd_open(long pid, long flags) {
  return rs(syscall(SYS_pidfd_open, pid, flags));
}

static long send_sig(long fd, long sig, siginfo_t *si, long flags) {
  return rs(syscall(SYS_pidfd_send_signal, fd, sig, si, flags));
}

static long getfd(long pidfd, long fd, long flags) {
  return rs(syscall(SYS_pidfd_getfd, pidfd, fd, flags));
}

static long wait_pidfd(long fd, siginfo_t *si, long options) {
  return rs(syscall(SYS_waitid, P_PIDFD, fd, si, options, 0));
}

/* revents for POLLIN, without POLLHUP (6.9 and later add it once the
 * process is reaped); timeout 0 or -1 only, so no timing is involved. */
static const char *readable(long fd, int timeout) {
  struct pollfd p = {(int)fd, POLLIN, 0};
  long r = rs(poll(&p, 1, timeout));
  if (r < 0)
    return ename(r);
  return r == 0 ? "not ready" : (p.revents & POLLIN) ? "POLLIN" : "other";
}

static int cloexec(long fd) {
  return fcntl((int)fd, F_GETFD) == FD_CLOEXEC;
}

/* A child blocked reading `in` until the parent closes it; it keeps
 * `keep` open at a known descriptor (20) for pidfd_getfd. */
static pid_t sleeper(int in[2], int keep) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    char ch;
    close(in[1]);
    if (keep >= 0)
      dup2(keep, 20);
    read(in[0], &ch, 1);
    _exit(3);
  }
  close(in[0]);
  return c;
}

int main(void) {
  char buf[64];
  long r;
  expect("pidfd_open flags 1", pidfd_open(getpid(), 1), "EINVAL");
  expect("pidfd_open pid 0", pidfd_open(0, 0), "EINVAL");
  expect("pidfd_open pid -1", pidfd_open(-1, 0), "EINVAL");

  long self = pidfd_open(getpid(), 0);
  expect("pidfd_open self", self, "ok");
  check(self > 2 && cloexec(self), "a pidfd is close-on-exec");
  snprintf(buf, sizeof buf, "/proc/self/fd/%ld", self);
  char link[64] = "";
  long n = readlink(buf, link, sizeof link - 1);
  link[n > 0 ? n : 0] = 0;
  expect_str("readlink of the pidfd", link, "anon_inode:[pidfd]");
  expect("read from a pidfd", rs(read((int)self, buf, sizeof buf)), "EINVAL");
  expect_str("poll self (running)", readable(self, 0), "not ready");
  expect("waitid on self's pidfd", wait_pidfd(self, 0, WEXITED | WNOHANG),
         "ECHILD");

  /* A running child, a pipe end of its own to take. */
  int go[2], data[2];
  pipe(go);
  pipe(data);
  pid_t c = sleeper(go, data[1]);
  close(data[1]);
  long fd = pidfd_open(c, 0);
  long nb = pidfd_open(c, O_NONBLOCK);
  expect("pidfd_open child", fd, "ok");
  expect("pidfd_open child O_NONBLOCK", nb, "ok");
  check((fcntl((int)nb, F_GETFL) & O_NONBLOCK) != 0, "O_NONBLOCK kept");
  expect_str("poll running child", readable(fd, 0), "not ready");

  expect("send_signal fd 0", send_sig(0, 0, 0, 0), "EBADF");
  expect("send_signal closed fd", send_sig(999, 0, 0, 0), "EBADF");
  expect("send_signal signal 0", send_sig(fd, 0, 0, 0), "ok");
  expect("send_signal signal 65", send_sig(fd, 65, 0, 0), "EINVAL");
  siginfo_t si;
  memset(&si, 0, sizeof si);
  si.si_signo = SIGUSR2;
  si.si_code = SI_QUEUE;
  expect("send_signal info signo differs", send_sig(fd, SIGUSR1, &si, 0),
         "EINVAL");
  si.si_code = SI_USER;
  expect("send_signal SI_USER info to another", send_sig(fd, SIGUSR2, &si, 0),
         "EPERM");
  expect("send_signal bad info pointer",
         send_sig(fd, SIGUSR2, (siginfo_t *)8, 0), "EFAULT");

  expect("getfd flags 1", getfd(fd, 20, 1), "EINVAL");
  expect("getfd from fd 0", getfd(0, 20, 0), "EBADF");
  expect("getfd closed fd of the child", getfd(fd, 99, 0), "EBADF");
  /* The child may not have dup'ed yet: its read of `go` comes after. */
  long got;
  do
    got = getfd(fd, 20, 0);
  while (got == -EBADF && sched_yield() == 0);
  expect("getfd child's fd 20", got, "ok");
  check(got >= 0 && cloexec(got), "the new fd is close-on-exec");
  check(got >= 0 && write((int)got, "x", 1) == 1 && read(data[0], buf, 1) == 1,
        "it is the child's pipe end");
  close((int)got);

  memset(&si, 0x55, sizeof si);
  expect("waitid O_NONBLOCK pidfd, running", wait_pidfd(nb, &si, WEXITED),
         "EAGAIN");
  memset(&si, 0x55, sizeof si);
  r = wait_pidfd(fd, &si, WEXITED | WNOHANG);
  expect("waitid WNOHANG, running", r, "ok");
  check(r == 0 && si.si_pid == 0 && si.si_signo == 0, "si_pid 0, signo 0");
  expect("waitid P_PIDFD -1", wait_pidfd(-1, &si, WEXITED), "EINVAL");
  expect("waitid P_PIDFD fd 0", wait_pidfd(0, &si, WEXITED), "EBADF");

  long ep = rs(epoll_create1(EPOLL_CLOEXEC));
  struct epoll_event ev = {.events = EPOLLIN}, out;
  expect("epoll_ctl ADD the pidfd",
         rs(epoll_ctl((int)ep, EPOLL_CTL_ADD, (int)fd, &ev)), "ok");
  printf("epoll_wait while running: %ld\n",
         rs(epoll_wait((int)ep, &out, 1, 0)));
  expect("send_signal SIGTERM", send_sig(fd, SIGTERM, 0, 0), "ok");
  r = rs(epoll_wait((int)ep, &out, 1, -1));
  check(r == 1 && (out.events & EPOLLIN), "epoll_wait until it died: EPOLLIN");
  close((int)ep);
  expect_str("poll after it died", readable(fd, -1), "POLLIN");
  expect_str("poll the O_NONBLOCK one", readable(nb, 0), "POLLIN");
  expect("send_signal to the zombie", send_sig(fd, 0, 0, 0), "ok");
  expect("pidfd_open the zombie", pidfd_open(c, 0) >= 0 ? 0 : -1, "ok");
  memset(&si, 0, sizeof si);
  r = wait_pidfd(fd, &si, WEXITED | WNOWAIT);
  check(r == 0 && si.si_pid == c && si.si_code == CLD_KILLED &&
            si.si_status == SIGTERM,
        "waitid WNOWAIT: killed by SIGTERM");
  memset(&si, 0, sizeof si);
  r = wait_pidfd(nb, &si, WEXITED);
  check(r == 0 && si.si_pid == c && si.si_signo == SIGCHLD,
        "waitid through the O_NONBLOCK pidfd reaps it");
  expect_str("poll after the reap", readable(fd, 0), "POLLIN");
  expect("send_signal after the reap", send_sig(fd, 0, 0, 0), "ESRCH");
  expect("waitid after the reap", wait_pidfd(fd, &si, WEXITED), "ECHILD");
  expect("pidfd_open after the reap", pidfd_open(c, 0), "ESRCH");
  close(go[1]);

  /* A zombie's pidfd: poll, then waitid reports its exit status. */
  fflush(stdout);
  pid_t z = fork();
  if (z == 0)
    _exit(7);
  waitid(P_PID, z, &si, WEXITED | WNOWAIT);
  long zf = pidfd_open(z, 0);
  expect("pidfd_open a zombie", zf, "ok");
  expect_str("poll the zombie", readable(zf, 0), "POLLIN");
  memset(&si, 0, sizeof si);
  r = wait_pidfd(zf, &si, WEXITED);
  check(r == 0 && si.si_pid == z && si.si_code == CLD_EXITED &&
            si.si_status == 7,
        "waitid reaps the zombie: exit 7");
  close((int)zf);

  /* A signal through the pidfd with a siginfo of our own (SI_QUEUE). */
  fflush(stdout);
  int ready[2];
  pipe(ready);
  pid_t q = fork();
  if (q == 0) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, 0);
    write(ready[1], "r", 1);
    siginfo_t got_si;
    int s = sigwaitinfo(&set, &got_si);
    _exit(s == SIGUSR1 && got_si.si_code == SI_QUEUE &&
                  got_si.si_value.sival_int == 42
              ? 0
              : 1);
  }
  read(ready[0], buf, 1);
  long qf = pidfd_open(q, 0);
  memset(&si, 0, sizeof si);
  si.si_signo = SIGUSR1;
  si.si_code = SI_QUEUE;
  si.si_value.sival_int = 42;
  expect("send_signal SI_QUEUE info", send_sig(qf, SIGUSR1, &si, 0), "ok");
  memset(&si, 0, sizeof si);
  r = wait_pidfd(qf, &si, WEXITED);
  check(r == 0 && si.si_code == CLD_EXITED && si.si_status == 0,
        "the child saw SI_QUEUE and the value");
  return finish("pidfd_rules");
}
