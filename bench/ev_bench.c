/* Event and IPC costs, in ns per operation, as "name value" lines: a
 * one-byte round trip between two processes over a pair of pipes and over
 * an AF_UNIX stream socketpair, and epoll_wait (timeout 0) on a set of
 * 1000 eventfds of which one is ready. Best of 3 rounds each. Run natively
 * and in the image by bench/ev_bench.sh; never a timed test. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { TRIPS = 5000, WAITS = 20000, WATCHED = 1000, ROUNDS = 3 };

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static void fail(const char *what) {
  printf("error %s\n", what);
  exit(1);
}

/* A child echoes every byte from `in` to `out` until EOF; the parent sends
 * TRIPS bytes on `to` and waits for each on `from`. ns per round trip. */
static double ping_pong(int to, int from, int child_in, int child_out,
                        int close_in_child[2]) {
  pid_t pid = fork();
  if (pid < 0)
    fail("fork");
  if (pid == 0) {
    close(close_in_child[0]);
    close(close_in_child[1]);
    char c;
    while (read(child_in, &c, 1) == 1)
      if (write(child_out, &c, 1) != 1)
        _exit(1);
    _exit(0);
  }
  char c = 'x';
  double t0 = now_ns();
  for (int i = 0; i < TRIPS; i++)
    if (write(to, &c, 1) != 1 || read(from, &c, 1) != 1)
      fail("round trip");
  double t = (now_ns() - t0) / TRIPS;
  close(to);
  if (from != to)
    close(from);
  waitpid(pid, 0, 0);
  return t;
}

static double pipes_once(void) {
  int a[2], b[2];
  if (pipe(a) || pipe(b))
    fail("pipe");
  int mine[2] = {a[1], b[0]};
  double t = ping_pong(a[1], b[0], a[0], b[1], mine);
  close(a[0]);
  close(b[1]);
  return t;
}

static double socketpair_once(void) {
  int s[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, s))
    fail("socketpair");
  int mine[2] = {s[0], s[0]};
  double t = ping_pong(s[0], s[0], s[1], s[1], mine);
  close(s[1]);
  return t;
}

static double epoll_once(void) {
  static int fds[WATCHED];
  int ep = epoll_create1(0);
  if (ep < 0)
    fail("epoll_create1");
  for (int i = 0; i < WATCHED; i++) {
    fds[i] = eventfd(0, EFD_NONBLOCK);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
    if (fds[i] < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev))
      fail("eventfd set");
  }
  uint64_t one = 1;
  if (write(fds[WATCHED / 2], &one, sizeof one) != sizeof one)
    fail("eventfd write");
  struct epoll_event out[64];
  double t0 = now_ns();
  for (int i = 0; i < WAITS; i++)
    if (epoll_wait(ep, out, 64, 0) != 1)
      fail("epoll_wait");
  double t = (now_ns() - t0) / WAITS;
  for (int i = 0; i < WATCHED; i++)
    close(fds[i]);
  close(ep);
  return t;
}

static double best(double (*f)(void)) {
  double b = 0;
  for (int r = 0; r < ROUNDS; r++) {
    double t = f();
    if (r == 0 || t < b)
      b = t;
  }
  return b;
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  printf("pipe_round_trip_ns %.0f\n", best(pipes_once));
  printf("socketpair_round_trip_ns %.0f\n", best(socketpair_once));
  printf("epoll_wait_1000_fds_ns %.0f\n", best(epoll_once));
  return 0;
}
