/* threads.signal_threads: masks are per thread; a process-directed signal
 * (kill) goes to a thread that does not block it; pthread_kill (tgkill)
 * reaches exactly the named thread; a thread's sigwait takes a signal the
 * others block. */
#include <pthread.h>

#include "contract.h"

static volatile pid_t handled_by;
static volatile int handled;
static pid_t worker_tid;
static volatile int stop;

static void on_usr1(int sig) {
  (void)sig;
  handled_by = (pid_t)syscall(SYS_gettid);
  handled++;
}

static void *worker(void *a) {
  (void)a;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  pthread_sigmask(SIG_UNBLOCK, &m, 0);
  worker_tid = (pid_t)syscall(SYS_gettid);
  while (!stop)
    usleep(1000);
  return 0;
}

static void *waiter(void *a) {
  (void)a;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR2);
  int sig = 0;
  sigwait(&m, &sig);
  return (void *)(long)sig;
}

int main(void) {
  signal(SIGUSR1, on_usr1);
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigaddset(&m, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &m, 0); /* inherited by the threads */
  pthread_t w;
  pthread_create(&w, 0, worker, 0);
  while (!worker_tid)
    usleep(1000);
  kill(getpid(), SIGUSR1);
  while (!handled)
    usleep(1000);
  printf("kill: handled by the unblocking thread: %s\n",
         handled_by == worker_tid ? "yes" : "no");
  failed |= handled_by != worker_tid;

  handled = 0;
  pthread_kill(w, SIGUSR1);
  while (!handled)
    usleep(1000);
  printf("pthread_kill: handled by the target: %s\n",
         handled_by == worker_tid ? "yes" : "no");
  failed |= handled_by != worker_tid;

  sigset_t pend;
  sigemptyset(&pend);
  pthread_kill(pthread_self(), SIGUSR1); /* blocked here: stays pending */
  sigpending(&pend);
  printf("blocked thread-directed signal pending: %s\n",
         sigismember(&pend, SIGUSR1) ? "yes" : "no");
  failed |= !sigismember(&pend, SIGUSR1);

  pthread_t s;
  pthread_create(&s, 0, waiter, 0);
  usleep(20000);
  kill(getpid(), SIGUSR2);
  void *r;
  pthread_join(s, &r);
  printf("sigwait in a thread took SIGUSR2: %s\n",
         (long)r == SIGUSR2 ? "yes" : "no");
  failed |= (long)r != SIGUSR2;
  stop = 1;
  pthread_join(w, 0);
  return finish("signal_threads");
}
