/* threads.tgsigqueueinfo: rt_tgsigqueueinfo queues a signal with the
 * caller's siginfo for one thread of one process: the thread gets it
 * with si_code and si_value as given (a queued real-time signal, not
 * the process's). A tid of 0, a tid in another process, a bad siginfo
 * pointer, an unknown signal, and a kernel or tkill origin (si_code >= 0,
 * SI_TKILL) claimed towards another thread are refused as Linux's
 * do_rt_tgsigqueueinfo does; towards the caller itself they are fine. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>

#include "contract.h"

static volatile pid_t worker_tid;
static volatile int got_code, got_value, got_in_worker;
static volatile int stop;

static void on_sig(int sig, siginfo_t *si, void *u) {
  (void)sig, (void)u;
  got_code = si->si_code;
  got_value = si->si_value.sival_int;
  got_in_worker = gettid() == worker_tid;
}

static void *worker(void *arg) {
  (void)arg;
  worker_tid = gettid();
  while (!stop)
    sched_yield();
  return 0;
}

static long tgsq(pid_t tgid, pid_t tid, int sig, int code, void *info) {
  siginfo_t si;
  memset(&si, 0, sizeof si);
  si.si_signo = sig;
  si.si_code = code;
  si.si_value.sival_int = 77;
  return rs(syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, info ? info : &si));
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_sigaction = on_sig;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGRTMIN, &sa, 0);
  pthread_t th;
  pthread_create(&th, 0, worker, 0);
  while (!worker_tid)
    sched_yield();
  pid_t me = getpid();
  expect("to the worker, SI_QUEUE", tgsq(me, worker_tid, SIGRTMIN, SI_QUEUE, 0),
         "ok");
  for (int i = 0; i < 100000 && !got_code; i++)
    sched_yield();
  printf("the worker ran the handler: %s, si_code SI_QUEUE: %s, value %d\n",
         got_in_worker ? "yes" : "no", got_code == SI_QUEUE ? "yes" : "no",
         got_value);
  expect("signal 0 probes", tgsq(me, worker_tid, 0, SI_QUEUE, 0), "ok");
  expect("tid 0", tgsq(me, 0, SIGRTMIN, SI_QUEUE, 0), "EINVAL");
  expect("tgid 0", tgsq(0, worker_tid, SIGRTMIN, SI_QUEUE, 0), "EINVAL");
  expect("another process's tgid",
         tgsq(1 + me, worker_tid, SIGRTMIN, SI_QUEUE, 0), "ESRCH");
  expect("SI_USER towards the worker",
         tgsq(me, worker_tid, SIGRTMIN, SI_USER, 0), "EPERM");
  expect("SI_TKILL towards the worker",
         tgsq(me, worker_tid, SIGRTMIN, SI_TKILL, 0), "EPERM");
  expect("signal 65", tgsq(me, worker_tid, 65, SI_QUEUE, 0), "EINVAL");
  expect("a bad siginfo", tgsq(me, worker_tid, SIGRTMIN, SI_QUEUE, (void *)8),
         "EFAULT");
  got_code = -1;
  got_value = 0;
  expect("SI_USER towards ourselves", tgsq(me, gettid(), SIGRTMIN, SI_USER, 0),
         "ok");
  printf("we ran it: %s, si_code SI_USER: %s\n",
         !got_in_worker && got_value == 77 ? "yes" : "no",
         got_code == SI_USER ? "yes" : "no");
  stop = 1;
  pthread_join(th, 0);
  return finish("tgsigqueueinfo");
}
