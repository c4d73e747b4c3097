/* events.epoll_exclusive: EPOLLEXCLUSIVE wakes one waiting set per event.
 * Two epoll sets watch one eventfd, each waited on by its own child. With
 * plain items one write wakes both children; with EPOLLEXCLUSIVE items it
 * wakes only the set whose item came first on the eventfd's wait queue,
 * and the other set never even hears of the event (its item is not
 * ready, though the eventfd is readable) until the next wake. */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/wait.h>

#include "contract.h"

/* A child waiting up to 1.5 s on `ep`; its exit status is the count. */
static pid_t waiter(int ep) {
  pid_t pid = fork();
  if (pid == 0) {
    struct epoll_event ev;
    int n = epoll_wait(ep, &ev, 1, 1500);
    _exit(n < 0 ? 100 : n);
  }
  return pid;
}

static int status_of(pid_t pid) {
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void round_of(const char *what, uint32_t flags) {
  int efd = eventfd(0, 0);
  int ep1 = epoll_create1(0), ep2 = epoll_create1(0);
  struct epoll_event e = {EPOLLIN | flags, {.u64 = 1}};
  epoll_ctl(ep1, EPOLL_CTL_ADD, efd, &e);
  epoll_ctl(ep2, EPOLL_CTL_ADD, efd, &e);
  pid_t a = waiter(ep1), b = waiter(ep2);
  usleep(300000); /* both are asleep in epoll_wait by now */
  uint64_t one = 1;
  write(efd, &one, 8);
  int ra = status_of(a), rb = status_of(b);
  struct epoll_event ev;
  int later1 = epoll_wait(ep1, &ev, 1, 0);
  int later2 = epoll_wait(ep2, &ev, 1, 0);
  printf("%s: first set's waiter got %d, second's %d; afterwards the sets "
         "report %d and %d\n",
         what, ra, rb, later1, later2);
  /* The next write wakes again (nobody waits now: both items go ready). */
  write(efd, &one, 8);
  later1 = epoll_wait(ep1, &ev, 1, 0);
  later2 = epoll_wait(ep2, &ev, 1, 0);
  printf("%s: after a write with nobody waiting: %d and %d\n", what, later1,
         later2);
  close(ep1);
  close(ep2);
  close(efd);
}

int main(void) {
  round_of("plain", 0);
  round_of("EPOLLEXCLUSIVE", EPOLLEXCLUSIVE);
  return finish("epoll_exclusive");
}
