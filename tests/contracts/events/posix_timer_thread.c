/* events.posix_timer_thread: SIGEV_THREAD_ID sends the timer's signal to
 * the named thread of the process: the worker's handler runs on the
 * worker, not on main (which does not block the signal either), with
 * SI_TIMER and the timer's id; a SIGEV_SIGNAL timer's signal goes to the
 * process, so with the worker blocking it main takes it. The thread must
 * be in the caller's process (another process's pid is EINVAL). */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "contract.h"

static volatile pid_t ran_on;
static volatile int code, timerid;
static pid_t worker_tid;
static volatile int stage;

static void on(int s, siginfo_t *si, void *u) {
  (void)s;
  (void)u;
  ran_on = (pid_t)syscall(SYS_gettid);
  code = si->si_code;
  timerid = si->si_timerid;
}

static void *worker(void *a) {
  (void)a;
  worker_tid = (pid_t)syscall(SYS_gettid);
  stage = 1;
  while (stage == 1)
    usleep(1000);
  /* stage 2: block SIGUSR2 so a process-directed one goes to main */
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &m, 0);
  stage = 3;
  while (stage != 4)
    usleep(1000);
  return 0;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, 0);
  sigaction(SIGUSR2, &sa, 0);
  pthread_t th;
  pthread_create(&th, 0, worker, 0);
  while (stage != 1)
    usleep(1000);

  struct sigevent ev = {0};
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = SIGUSR1;
  ev.sigev_notify_thread_id = worker_tid;
  int id;
  long r = rs(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
  printf("SIGEV_THREAD_ID create: %s id %d\n", ename(r), id);
  struct itimerspec its = {{0, 0}, {0, 50000000}};
  syscall(SYS_timer_settime, id, 0, &its, 0);
  while (!ran_on)
    usleep(1000);
  printf("handler ran on the worker: %d, code %s, timerid %d\n",
         ran_on == worker_tid, code == SI_TIMER ? "SI_TIMER" : "other",
         timerid);

  stage = 2;
  while (stage != 3)
    usleep(1000);
  ran_on = 0;
  struct sigevent pe = {0};
  pe.sigev_notify = SIGEV_SIGNAL;
  pe.sigev_signo = SIGUSR2;
  int id2;
  syscall(SYS_timer_create, CLOCK_MONOTONIC, &pe, &id2);
  syscall(SYS_timer_settime, id2, 0, &its, 0);
  while (!ran_on)
    usleep(1000);
  printf("process-directed, worker blocks it: ran on main %d, timerid %d\n",
         ran_on == getpid(), timerid);
  stage = 4;
  pthread_join(th, 0);

  pid_t c = fork();
  if (c == 0) {
    pause();
    _exit(0);
  }
  ev.sigev_notify_thread_id = c;
  expect("SIGEV_THREAD_ID, another process",
         rs(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id)), "EINVAL");
  kill(c, SIGKILL);
  waitpid(c, 0, 0);
  return finish("events.posix_timer_thread");
}
