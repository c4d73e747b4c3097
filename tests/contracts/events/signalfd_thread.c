/* events.signalfd_thread: with threads, a read takes the reader's own
 * thread-directed signals and the process's shared ones: a tgkill'd
 * signal for the other thread is invisible to this one (EAGAIN) and read
 * by its target; a kill()ed one is read by whichever thread reads first.
 * A thread blocked in read is woken by a signal another thread sends. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <sys/signalfd.h>

#include "contract.h"

static int fd;
static pid_t worker_tid;
static volatile int stage;
static int r_worker_first, r_worker_block;
static uint32_t sig_first, sig_block;

static void *worker(void *a) {
  (void)a;
  worker_tid = (pid_t)syscall(SYS_gettid);
  stage = 1;
  while (stage != 2)
    usleep(1000);
  struct signalfd_siginfo si;
  r_worker_first = (int)rs(read(fd, &si, sizeof si));
  sig_first = si.ssi_signo;
  stage = 3;
  int bfd = signalfd(-1, &(sigset_t){0}, 0);
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR2);
  signalfd(bfd, &m, 0);
  stage = 4;
  r_worker_block = (int)rs(read(bfd, &si, sizeof si)); /* blocks */
  sig_block = si.ssi_signo;
  return 0;
}

int main(void) {
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigaddset(&m, SIGUSR2);
  sigprocmask(SIG_BLOCK, &m, 0); /* the worker inherits the mask */
  fd = signalfd(-1, &m, SFD_NONBLOCK);
  pthread_t th;
  pthread_create(&th, 0, worker, 0);
  while (stage < 1)
    usleep(1000);
  syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR1);
  struct signalfd_siginfo si;
  expect("main reads the worker's signal", rs(read(fd, &si, sizeof si)),
         "EAGAIN");
  stage = 2;
  while (stage < 3)
    usleep(1000);
  printf("worker reads it: %s %s\n", r_worker_first == 128 ? "ok" : "FAIL",
         sig_first == SIGUSR1 ? "SIGUSR1" : "other");
  kill(getpid(), SIGUSR1);
  long r = rs(read(fd, &si, sizeof si));
  printf("process-directed, main reads: %s %s\n", ename(r),
         si.ssi_signo == SIGUSR1 ? "SIGUSR1" : "other");
  while (stage < 4)
    usleep(1000);
  usleep(100000);
  syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR2);
  pthread_join(th, 0);
  printf("worker's blocking read: %s %s\n",
         r_worker_block == 128 ? "ok" : "FAIL",
         sig_block == SIGUSR2 ? "SIGUSR2" : "other");
  return finish("events.signalfd_thread");
}
