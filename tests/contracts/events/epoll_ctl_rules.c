/* events.epoll_ctl_rules: the errors of epoll_create, epoll_create1,
 * epoll_ctl and the epoll_wait family, in Linux's order: EFAULT for the
 * event before anything else, EBADF, EPERM for files without poll
 * (regular files, directories, /dev/null), EINVAL (not an epoll fd, the
 * set itself, an unknown op, EPOLLEXCLUSIVE with MOD, with an epoll
 * target or with bits it does not allow, MOD of an exclusive item),
 * EEXIST, ENOENT; nesting: a loop or more than four levels is ELOOP,
 * counted downwards and upwards; a diamond is fine. (epoll_create with a
 * size <= 0 is EINVAL on x86-64, not checked here: see below.) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>

#include "contract.h"

static long ctl(int ep, int op, int fd, uint32_t events) {
  struct epoll_event ev = {events, {.u64 = 7}};
  return rs(epoll_ctl(ep, op, fd, &ev));
}

int main(void) {
  /* epoll_create(size <= 0) is EINVAL in the kernel, but arm64 has no
   * such call and musl's epoll_create there just calls epoll_create1(0):
   * only the size that works everywhere is checked. */
  long one = rs(epoll_create(1));
  expect("epoll_create(1)", one, "ok");
  close((int)one);
  expect("epoll_create1(1)", rs(syscall(SYS_epoll_create1, 1)), "EINVAL");
  expect("epoll_create1(O_NONBLOCK)",
         rs(syscall(SYS_epoll_create1, O_NONBLOCK)), "EINVAL");
  int ep = epoll_create1(EPOLL_CLOEXEC);
  printf("EPOLL_CLOEXEC: FD_CLOEXEC %d, F_GETFL O_RDWR %d\n",
         fcntl(ep, F_GETFD) == FD_CLOEXEC, fcntl(ep, F_GETFL) == O_RDWR);
  int p[2];
  pipe(p);
  int file = open("f", O_CREAT | O_RDWR, 0600);
  int dir = open(".", O_RDONLY | O_DIRECTORY);
  int nul = open("/dev/null", O_RDWR);
  int opath = open("f", O_PATH);
  int efd = eventfd(0, 0);
  int other = epoll_create1(0);

  expect("ADD, event unreadable",
         rs(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], 8)), "EFAULT");
  expect("ADD, event unreadable, bad epfd",
         rs(syscall(SYS_epoll_ctl, -1, EPOLL_CTL_ADD, p[0], 8)), "EFAULT");
  expect("DEL, event unreadable (not read)",
         rs(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, p[0], 8)), "ENOENT");
  expect("bad epfd", ctl(-1, EPOLL_CTL_ADD, p[0], EPOLLIN), "EBADF");
  expect("bad fd", ctl(ep, EPOLL_CTL_ADD, 99, EPOLLIN), "EBADF");
  expect("O_PATH fd", ctl(ep, EPOLL_CTL_ADD, opath, EPOLLIN), "EBADF");
  expect("O_PATH epfd", ctl(opath, EPOLL_CTL_ADD, p[0], EPOLLIN), "EBADF");
  expect("regular file", ctl(ep, EPOLL_CTL_ADD, file, EPOLLIN), "EPERM");
  expect("directory", ctl(ep, EPOLL_CTL_ADD, dir, EPOLLIN), "EPERM");
  expect("/dev/null", ctl(ep, EPOLL_CTL_ADD, nul, EPOLLIN), "EPERM");
  expect("regular file as epfd", ctl(file, EPOLL_CTL_ADD, p[0], EPOLLIN),
         "EINVAL");
  expect("pipe as epfd", ctl(p[1], EPOLL_CTL_ADD, p[0], EPOLLIN), "EINVAL");
  expect("regular file as epfd, regular target",
         ctl(file, EPOLL_CTL_ADD, file, EPOLLIN), "EPERM");
  expect("the set into itself", ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN), "EINVAL");
  expect("unknown op 0", ctl(ep, 0, p[0], EPOLLIN), "EINVAL");
  expect("unknown op 4", ctl(ep, 4, p[0], EPOLLIN), "EINVAL");
  expect("MOD before ADD", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN), "ENOENT");
  expect("DEL before ADD", ctl(ep, EPOLL_CTL_DEL, p[0], EPOLLIN), "ENOENT");
  expect("ADD pipe", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN), "ok");
  expect("ADD again", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN), "EEXIST");
  int dupfd = dup(p[0]);
  expect("ADD a dup of it (another fd)", ctl(ep, EPOLL_CTL_ADD, dupfd, EPOLLIN),
         "ok");
  expect("MOD", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLET), "ok");
  expect("MOD with EPOLLEXCLUSIVE",
         ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLEXCLUSIVE), "EINVAL");
  expect("DEL with NULL event",
         rs(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, p[0], 0)), "ok");
  expect("DEL again", ctl(ep, EPOLL_CTL_DEL, p[0], 0), "ENOENT");
  expect("ADD write end, all bits",
         ctl(ep, EPOLL_CTL_ADD, p[1], 0xffffffffu & ~EPOLLEXCLUSIVE), "ok");
  expect("EXCLUSIVE|IN", ctl(ep, EPOLL_CTL_ADD, efd, EPOLLIN | EPOLLEXCLUSIVE),
         "ok");
  expect("MOD of an exclusive item", ctl(ep, EPOLL_CTL_MOD, efd, EPOLLIN),
         "EINVAL");
  int efd2 = eventfd(0, 0);
  expect("EXCLUSIVE|ONESHOT",
         ctl(ep, EPOLL_CTL_ADD, efd2, EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT),
         "EINVAL");
  expect("EXCLUSIVE|RDHUP",
         ctl(ep, EPOLL_CTL_ADD, efd2, EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP),
         "EINVAL");
  expect("EXCLUSIVE|RDNORM",
         ctl(ep, EPOLL_CTL_ADD, efd2, EPOLLRDNORM | EPOLLEXCLUSIVE), "EINVAL");
  expect("EXCLUSIVE|OUT|ET|ERR|HUP|WAKEUP",
         ctl(ep, EPOLL_CTL_ADD, efd2,
             EPOLLOUT | EPOLLET | EPOLLERR | EPOLLHUP | EPOLLWAKEUP |
                 EPOLLEXCLUSIVE),
         "ok");
  expect("EXCLUSIVE on an epoll target",
         ctl(ep, EPOLL_CTL_ADD, other, EPOLLIN | EPOLLEXCLUSIVE), "EINVAL");
  expect("ADD stdout (a pipe)", ctl(ep, EPOLL_CTL_ADD, 1, EPOLLOUT), "ok");

  /* Nesting. */
  int a = epoll_create1(0), b = epoll_create1(0);
  expect("b into a", ctl(a, EPOLL_CTL_ADD, b, EPOLLIN), "ok");
  expect("a into b (a loop)", ctl(b, EPOLL_CTL_ADD, a, EPOLLIN), "ELOOP");
  int e[7];
  for (int i = 0; i < 7; i++)
    e[i] = epoll_create1(0);
  for (int i = 0; i < 6; i++) {
    char what[40];
    snprintf(what, sizeof what, "chain: e%d into e%d", i, i + 1);
    expect(what, ctl(e[i + 1], EPOLL_CTL_ADD, e[i], EPOLLIN),
           i == 4 ? "ELOOP" : "ok");
  }
  int f[7];
  for (int i = 0; i < 7; i++)
    f[i] = epoll_create1(0);
  for (int i = 6; i > 0; i--) {
    char what[40];
    snprintf(what, sizeof what, "chain from the top: f%d into f%d", i - 1, i);
    expect(what, ctl(f[i], EPOLL_CTL_ADD, f[i - 1], EPOLLIN),
           i == 2 ? "ELOOP" : "ok");
  }
  int top = epoll_create1(0), m1 = epoll_create1(0), m2 = epoll_create1(0),
      bot = epoll_create1(0);
  expect("diamond m1<-bot", ctl(m1, EPOLL_CTL_ADD, bot, EPOLLIN), "ok");
  expect("diamond m2<-bot", ctl(m2, EPOLL_CTL_ADD, bot, EPOLLIN), "ok");
  expect("diamond top<-m1", ctl(top, EPOLL_CTL_ADD, m1, EPOLLIN), "ok");
  expect("diamond top<-m2", ctl(top, EPOLL_CTL_ADD, m2, EPOLLIN), "ok");
  expect("diamond bot<-top (a loop)", ctl(bot, EPOLL_CTL_ADD, top, EPOLLIN),
         "ELOOP");

  /* epoll_wait's arguments. */
  struct epoll_event evs[4];
  expect("wait maxevents 0", rs(epoll_wait(ep, evs, 0, 0)), "EINVAL");
  expect("wait maxevents -1", rs(epoll_wait(ep, evs, -1, 0)), "EINVAL");
  expect("wait maxevents INT_MAX", rs(epoll_wait(ep, evs, 0x7fffffff, 0)),
         "EINVAL");
  expect("wait events in the kernel half",
         rs(syscall(SYS_epoll_pwait, ep, 0xffff800000000000UL, 1, 0, 0, 8)),
         "EFAULT");
  expect("wait bad epfd", rs(epoll_wait(99, evs, 4, 0)), "EBADF");
  expect("wait on a pipe", rs(epoll_wait(p[0], evs, 4, 0)), "EINVAL");
  expect("wait, events unwritable, one ready",
         rs(syscall(SYS_epoll_pwait, ep, 8, 4, 0, 0, 8)), "EFAULT");
  sigset_t none;
  sigemptyset(&none);
  expect("pwait sigsetsize 4",
         rs(syscall(SYS_epoll_pwait, ep, evs, 4, 0, &none, 4)), "EINVAL");
  expect("pwait sigsetsize 4, maxevents 0",
         rs(syscall(SYS_epoll_pwait, ep, evs, 0, 0, &none, 4)), "EINVAL");
  expect("pwait mask unreadable",
         rs(syscall(SYS_epoll_pwait, ep, evs, 4, 0, 8, 8)), "EFAULT");
  struct timespec bad = {0, 1000000000};
  expect("pwait2 nsec 1e9",
         rs(syscall(SYS_epoll_pwait2, ep, evs, 4, &bad, 0, 8)), "EINVAL");
  expect("pwait2 timeout unreadable",
         rs(syscall(SYS_epoll_pwait2, ep, evs, 4, 8, 0, 8)), "EFAULT");
  struct timespec zero = {0, 0};
  long n = rs(syscall(SYS_epoll_pwait2, ep, evs, 4, &zero, 0, 8));
  printf("pwait2 zero timeout: %ld ready\n", n);
  return finish("epoll_ctl_rules");
}
