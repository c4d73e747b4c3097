/* events.poll_restart: the poll family and signals. A handler ends every
 * one of them with EINTR, even with SA_RESTART (signal(7)). A stop and a
 * continue (no handler runs) restart them invisibly: poll through the
 * restart block with its deadline kept, select, pselect6 and ppoll with
 * the time that was left when the stop came (written back into their
 * timeouts first). A 400 ms wait stopped from 200 ms to 800 ms returns at
 * about 800 ms (poll) or 1000 ms (the others); restarting the whole
 * timeout would make it 1200 ms. */
#define _GNU_SOURCE
#include <poll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "contract.h"

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static volatile int alarms;
static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

enum { POLL, PPOLL, SELECT, PSELECT };
static const char *const call_name[] = {"poll", "ppoll", "select", "pselect6"};

/* The call on an empty pipe for `ms`; returns its result or -errno. */
static long wait_call(int which, int fd, int ms) {
  struct pollfd pf = {fd, POLLIN, 0};
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
  fd_set rd;
  FD_ZERO(&rd);
  FD_SET(fd, &rd);
  switch (which) {
  case POLL:
    return poll(&pf, 1, ms) < 0 ? -errno : 0;
  case PPOLL:
    return rs(syscall(SYS_ppoll, &pf, 1, &ts, NULL, 8));
  case SELECT:
    return select(fd + 1, &rd, NULL, NULL, &tv) < 0 ? -errno : 0;
  default: {
    long pack[2] = {0, 8};
    return rs(syscall(SYS_pselect6, fd + 1, &rd, NULL, NULL, &ts, pack));
  }
  }
}

/* In a child: the call on an empty pipe for 400 ms while the parent stops
 * it at 200 ms and continues it at 800 ms. */
static void stopped_midway(int which) {
  int p[2];
  pipe(p);
  int rep[2];
  pipe(rep);
  pid_t pid = fork();
  if (pid == 0) {
    long t0 = now_ms();
    long r = wait_call(which, p[0], 400);
    long el = now_ms() - t0;
    char line[100];
    int len =
        snprintf(line, sizeof line, "%s stopped midway: %s, %s\n",
                 call_name[which], r < 0 ? errno_name((int)-r) : "0 ready",
                 el < 700    ? "early"
                 : el < 900  ? "deadline kept"
                 : el < 1100 ? "resumed with the time left"
                             : "whole timeout again");
    write(rep[1], line, (size_t)len);
    _exit(0);
  }
  usleep(200000);
  kill(pid, SIGSTOP);
  int st;
  waitpid(pid, &st, WUNTRACED);
  usleep(600000);
  kill(pid, SIGCONT);
  waitpid(pid, &st, 0);
  char buf[100] = {0};
  read(rep[0], buf, sizeof buf - 1);
  fputs(buf, stdout);
  close(p[0]);
  close(p[1]);
  close(rep[0]);
  close(rep[1]);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  int p[2];
  pipe(p);
  for (int which = POLL; which <= PSELECT; which++) {
    struct itimerval it = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &it, NULL);
    long t0 = now_ms();
    long r = wait_call(which, p[0], 2000);
    long el = now_ms() - t0;
    printf("%s, handler with SA_RESTART: %s after %s, alarms %d\n",
           call_name[which], ename(r), el < 1000 ? "the signal" : "the timeout",
           alarms);
  }
  for (int which = POLL; which <= PSELECT; which++)
    stopped_midway(which);
  return finish("poll_restart");
}
