/* events.epoll_semantics: what epoll_wait reports. Level-triggered items
 * are reported while ready, EPOLLET ones once per new event (every write
 * to a pipe is one), EPOLLONESHOT ones once until EPOLL_CTL_MOD re-arms
 * them; EPOLLHUP and EPOLLERR come unasked; the data word comes back as
 * given; with maxevents 1, three ready items take turns. The open file
 * description is what is watched: closing one of two descriptors of it
 * changes nothing, closing the last removes it (its old number is then
 * EBADF, or ENOENT once reused). Waits are woken by another process's
 * write, time out, end with EINTR even under SA_RESTART; an epoll fd is
 * readable for poll while it has events, and one set inside another
 * passes them up. */
#define _GNU_SOURCE
#include <poll.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "contract.h"

static const char *evname(uint32_t m) {
  static char buf[8][80];
  static int k;
  char *b = buf[k++ % 8];
  b[0] = 0;
  static const struct {
    uint32_t bit;
    const char *name;
  } bits[] = {{EPOLLIN, "IN"},         {EPOLLPRI, "PRI"},
              {EPOLLOUT, "OUT"},       {EPOLLERR, "ERR"},
              {EPOLLHUP, "HUP"},       {EPOLLRDNORM, "RDNORM"},
              {EPOLLWRNORM, "WRNORM"}, {EPOLLRDHUP, "RDHUP"}};
  for (unsigned i = 0; i < sizeof bits / sizeof bits[0]; i++)
    if (m & bits[i].bit) {
      strcat(b, b[0] ? "|" : "");
      strcat(b, bits[i].name);
    }
  return b[0] ? b : "0";
}

static int ep;

/* One epoll_wait; prints the events as data:mask. */
static void show(const char *what, int max, int ms) {
  struct epoll_event ev[8];
  int n = epoll_wait(ep, ev, max, ms);
  printf("%s: %d", what, n < 0 ? -errno : n);
  if (n < 0)
    printf(" %s", errno_name(errno));
  for (int i = 0; i < n; i++)
    printf(" %llu:%s", (unsigned long long)ev[i].data.u64,
           evname(ev[i].events));
  printf("\n");
}

static void add(int fd, uint32_t events, uint64_t data) {
  struct epoll_event e = {events, {.u64 = data}};
  if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e))
    printf("add %llu: %s\n", (unsigned long long)data, errno_name(errno));
}

static void mod(int fd, uint32_t events, uint64_t data) {
  struct epoll_event e = {events, {.u64 = data}};
  if (epoll_ctl(ep, EPOLL_CTL_MOD, fd, &e))
    printf("mod %llu: %s\n", (unsigned long long)data, errno_name(errno));
}

static volatile int alarms;
static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(void) {
  ep = epoll_create1(0);
  int lt[2], et[2], os[2];
  pipe(lt);
  pipe(et);
  pipe(os);
  add(lt[0], EPOLLIN, 1);
  add(et[0], EPOLLIN | EPOLLET, 2);
  add(os[0], EPOLLIN | EPOLLONESHOT, 3);
  show("nothing ready", 8, 0);
  write(lt[1], "a", 1);
  write(et[1], "a", 1);
  write(os[1], "a", 1);
  show("all three written", 8, 0);
  show("again", 8, 0);
  write(et[1], "b", 1);
  write(os[1], "b", 1);
  show("second writes", 8, 0);
  mod(os[0], EPOLLIN | EPOLLONESHOT, 30);
  show("oneshot re-armed by MOD", 8, 0);
  show("and fired again", 8, 0);
  char buf[16];
  read(lt[0], buf, sizeof buf);
  read(et[0], buf, sizeof buf);
  read(os[0], buf, sizeof buf);
  show("all drained", 8, 0);

  /* Three ready level-triggered items, one event per wait. */
  int e1 = eventfd(1, 0), e2 = eventfd(1, 0), e3 = eventfd(1, 0);
  add(e1, EPOLLIN, 11);
  add(e2, EPOLLIN, 12);
  add(e3, EPOLLIN, 13);
  epoll_ctl(ep, EPOLL_CTL_DEL, lt[0], NULL);
  for (int i = 0; i < 4; i++)
    show("maxevents 1", 1, 0);
  show("maxevents 2", 2, 0);
  show("maxevents 2", 2, 0);
  epoll_ctl(ep, EPOLL_CTL_DEL, e1, NULL);
  epoll_ctl(ep, EPOLL_CTL_DEL, e2, NULL);
  epoll_ctl(ep, EPOLL_CTL_DEL, e3, NULL);

  /* Hang-up and error come unasked; a write end asked for nothing. */
  add(lt[1], 0, 4);
  close(lt[0]);
  show("write end, reader gone, events 0", 8, 0);
  epoll_ctl(ep, EPOLL_CTL_DEL, lt[1], NULL);
  close(lt[1]);
  close(et[1]);
  show("ET read end, writer gone (a new event)", 8, 0);
  show("ET again", 8, 0);
  epoll_ctl(ep, EPOLL_CTL_DEL, et[0], NULL);
  epoll_ctl(ep, EPOLL_CTL_DEL, os[0], NULL);

  /* The open file description is watched, not the number. */
  int q[2];
  pipe(q);
  add(q[0], EPOLLIN, 5);
  int d = dup(q[0]);
  close(q[0]);
  write(q[1], "x", 1);
  show("registered fd closed, a dup still open", 8, 0);
  printf("DEL by the closed number: %s\n",
         errno_name(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL) ? errno : 0));
  close(d);
  show("last descriptor closed", 8, 0);
  int reuse = eventfd(1, 0); /* takes the lowest free number */
  printf("DEL by the number, now another file: %s (same number %d)\n",
         errno_name(epoll_ctl(ep, EPOLL_CTL_DEL, reuse, NULL) ? errno : 0),
         reuse == q[0] || reuse == d);
  close(reuse);
  close(q[1]);

  /* Woken by a child's write; a timeout; a handler. */
  int w[2];
  pipe(w);
  add(w[0], EPOLLIN, 6);
  if (fork() == 0) {
    usleep(50000);
    write(w[1], "y", 1);
    _exit(0);
  }
  show("blocked until a child writes", 8, 5000);
  wait(NULL);
  read(w[0], buf, 1);
  long t0 = now_ms();
  show("timeout 100 ms", 8, 100);
  printf("  waited %s\n", now_ms() - t0 >= 100 ? ">=100ms" : "<100ms");
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval it = {{0, 0}, {0, 50000}};
  setitimer(ITIMER_REAL, &it, NULL);
  show("interrupted by a SA_RESTART handler", 8, 5000);
  printf("  alarms %d\n", alarms);

  /* poll on the epoll fd, and a set inside another. */
  struct pollfd pf = {ep, POLLIN | POLLOUT, 0};
  printf("poll on the epoll fd, nothing ready: %d\n", poll(&pf, 1, 0));
  write(w[1], "z", 1);
  pf.revents = 0;
  int n = poll(&pf, 1, 0);
  printf("poll on the epoll fd, one ready: %d %s\n", n, evname(pf.revents));
  int outer = epoll_create1(0);
  struct epoll_event oe = {EPOLLIN, {.u64 = 99}};
  epoll_ctl(outer, EPOLL_CTL_ADD, ep, &oe);
  struct epoll_event got[2];
  n = epoll_wait(outer, got, 2, 0);
  printf("outer set: %d %llu:%s\n", n,
         n > 0 ? (unsigned long long)got[0].data.u64 : 0ULL,
         n > 0 ? evname(got[0].events) : "-");
  read(w[0], buf, 1);
  n = epoll_wait(outer, got, 2, 0);
  printf("outer set, inner drained: %d\n", n);
  if (fork() == 0) {
    usleep(50000);
    write(w[1], "y", 1);
    _exit(0);
  }
  n = epoll_wait(outer, got, 2, 5000);
  printf("outer set woken through the inner one: %d %llu:%s\n", n,
         n > 0 ? (unsigned long long)got[0].data.u64 : 0ULL,
         n > 0 ? evname(got[0].events) : "-");
  wait(NULL);
  close(ep);
  n = epoll_wait(outer, got, 2, 0);
  printf("outer set after the inner epoll fd closed: %d\n", n);
  return finish("epoll_semantics");
}
