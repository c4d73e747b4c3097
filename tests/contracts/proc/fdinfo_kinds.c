/* proc.fdinfo_kinds: after pos, flags, mnt_id and ino, /proc/self/fdinfo/N
 * goes on in each file kind's own format: an eventfd's count (%16llx), a
 * timerfd's clock, ticks, settime flags (octal) and time left without
 * forwarding an expired timer, a signalfd's mask in hex (SIGKILL already
 * out), an epoll set's items (events with EPOLLERR|EPOLLHUP, data in hex,
 * the target's pos) and a pidfd's Pid/NSpid (-1 once reaped). Printed are
 * the lines both 6.1 and 6.18 have, without ids and inode numbers. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>

#include "contract.h"

static char info[4096];

/* fdinfo of `fd` from its fifth line on (the kind's own lines). */
static const char *kind_lines(int fd) {
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
  long n = slurp(path, info, sizeof info);
  if (n <= 0)
    return "";
  const char *p = info;
  for (int i = 0; i < 4 && p; i++) {
    p = strchr(p, '\n');
    if (p)
      p++;
  }
  return p ? p : "";
}

/* Print the lines of `text` that start with `prefix`. */
static void print_lines(const char *text, const char *prefix) {
  size_t k = strlen(prefix);
  for (const char *l = text; *l;) {
    const char *e = strchr(l, '\n');
    size_t len = e ? (size_t)(e - l) : strlen(l);
    if (strncmp(l, prefix, k) == 0)
      printf("  %.*s\n", (int)len, l);
    l += len + (e != 0);
  }
}

static void show_timerfd(const char *what, int fd) {
  const char *t = kind_lines(fd);
  printf("%s:\n", what);
  print_lines(t, "clockid:");
  print_lines(t, "ticks:");
  print_lines(t, "settime flags:");
  print_lines(t, "it_interval:");
  unsigned long long s = 0, ns = 0;
  const char *v = strstr(t, "it_value: (");
  if (v && sscanf(v, "it_value: (%llu, %llu)", &s, &ns) == 2)
    printf("  it_value: %s\n", s == 0 && ns == 0    ? "(0, 0)"
                               : s >= 98 && s <= 99 ? "about 99 s left"
                                                    : "other");
  else
    printf("  it_value: missing\n");
}

int main(void) {
  int e = eventfd(5, EFD_SEMAPHORE);
  uint64_t one = 0x10;
  write(e, &one, sizeof one);
  printf("eventfd:\n");
  print_lines(kind_lines(e), "eventfd-count:");

  int t = timerfd_create(CLOCK_MONOTONIC, 0);
  show_timerfd("timerfd, never set", t);
  struct itimerspec its = {{1, 500}, {0, 1000000}};
  timerfd_settime(t, 0, &its, 0);
  struct timespec ms20 = {0, 20000000};
  nanosleep(&ms20, 0);
  show_timerfd("periodic timerfd, expired once, not read", t);
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  its.it_value.tv_sec = now.tv_sec + 100;
  its.it_value.tv_nsec = 0;
  int r = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
  timerfd_settime(r, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, 0);
  show_timerfd("absolute REALTIME timerfd with CANCEL_ON_SET", r);
  its.it_value.tv_sec = 0;
  timerfd_settime(r, TFD_TIMER_CANCEL_ON_SET, &its, 0);
  show_timerfd("disarmed with CANCEL_ON_SET alone", r);

  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigaddset(&m, SIGKILL);
  sigaddset(&m, SIGRTMIN + 2);
  sigaddset(&m, 64);
  int s = signalfd(-1, &m, 0);
  printf("signalfd (USR1, KILL, RTMIN+2, 64):\n");
  print_lines(kind_lines(s), "sigmask:");

  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN, {.u64 = 0x1234}};
  epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev);
  printf("epoll set, one item:\n");
  const char *l = kind_lines(ep);
  int tfd = -1, n = 0;
  unsigned events = 0;
  unsigned long long data = 0;
  long long pos = -1;
  n = sscanf(l, "tfd: %d events: %x data: %llx pos:%lld", &tfd, &events, &data,
             &pos);
  printf(
      "  fields %d: tfd is the eventfd %s, events %#x, data %#llx, pos %lld\n",
      n, tfd == e ? "yes" : "no", events, data, pos);
  check(strncmp(l, "tfd:        ", 12) == 0, "tfd is %8d");
  check(strstr(l, " ino:") && strstr(l, " sdev:"), "then ino and sdev");
  ev.events = EPOLLOUT | EPOLLET | EPOLLONESHOT;
  epoll_ctl(ep, EPOLL_CTL_MOD, e, &ev);
  l = kind_lines(ep);
  sscanf(l, "tfd: %d events: %x", &tfd, &events);
  printf("  after MOD to OUT|ET|ONESHOT: events %#x\n", events);
  epoll_ctl(ep, EPOLL_CTL_DEL, e, 0);
  printf("  after DEL: %s\n", *kind_lines(ep) ? "lines" : "no lines");

  pid_t c = fork();
  if (c == 0) {
    pause();
    _exit(0);
  }
  int pf = syscall(SYS_pidfd_open, c, 0);
  int pid = 0, nspid = 0;
  sscanf(kind_lines(pf), "Pid:\t%d\nNSpid:\t%d", &pid, &nspid);
  printf("pidfd of a live child: Pid is its pid: %s, NSpid too: %s\n",
         pid == c ? "yes" : "no", nspid == c ? "yes" : "no");
  kill(c, SIGKILL);
  siginfo_t si;
  waitid(P_PID, c, &si, WEXITED | WNOWAIT);
  sscanf(kind_lines(pf), "Pid:\t%d", &pid);
  printf("a zombie: Pid is its pid: %s\n", pid == c ? "yes" : "no");
  waitpid(c, 0, 0);
  printf("reaped:\n");
  print_lines(kind_lines(pf), "Pid:");
  print_lines(kind_lines(pf), "NSpid:");
  return finish("fdinfo_kinds");
}
