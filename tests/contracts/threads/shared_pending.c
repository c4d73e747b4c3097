/* threads.shared_pending: a process-directed signal (kill, sigqueue) is
 * pending for the whole thread group, not for one thread: every thread's
 * sigpending shows it, a thread created later can sigwait for it or take
 * it by unblocking it or by sigsuspend, real-time ones keep their order;
 * a thread-directed one (pthread_kill) stays with its thread; a default
 * action ends the whole group even if the main thread blocks it. */
#include <pthread.h>
#include <sys/wait.h>

#include "contract.h"

static volatile pid_t handled_by;
static volatile int handled;

static void on_usr1(int sig) {
  (void)sig;
  handled_by = (pid_t)syscall(SYS_gettid);
  handled++;
}

static pid_t tid(void) {
  return (pid_t)syscall(SYS_gettid);
}

static int pending(int sig) {
  sigset_t s;
  sigemptyset(&s);
  sigpending(&s);
  return sigismember(&s, sig);
}

static void *run(void *(*fn)(void *)) {
  pthread_t t;
  void *ret = 0;
  pthread_create(&t, 0, fn, 0);
  pthread_join(t, &ret);
  return ret;
}

/* Another thread sees the blocked process-directed signal as pending. */
static void *peek_usr1(void *a) {
  (void)a;
  return (void *)(long)pending(SIGUSR1);
}

/* Unblocking it in this thread runs the handler here, at once. */
static void *unblock_usr1(void *a) {
  (void)a;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  pthread_sigmask(SIG_UNBLOCK, &m, 0);
  long mine = handled == 1 && handled_by == tid();
  pthread_sigmask(SIG_BLOCK, &m, 0);
  return (void *)mine;
}

/* sigsuspend with SIGUSR1 allowed returns at once with it handled here. */
static void *suspend_usr1(void *a) {
  (void)a;
  sigset_t none;
  sigemptyset(&none);
  sigsuspend(&none);
  return (void *)(long)(handled == 1 && handled_by == tid());
}

static void *wait_usr2(void *a) {
  (void)a;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR2);
  int sig = 0;
  sigwait(&m, &sig);
  return (void *)(long)sig;
}

/* The three queued real-time values, in order, as one number. */
static void *wait_rt(void *a) {
  (void)a;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGRTMIN);
  long v = 0;
  for (int i = 0; i < 3; i++) {
    siginfo_t si;
    if (sigwaitinfo(&m, &si) != SIGRTMIN)
      return (void *)-1L;
    v = v * 10 + si.si_value.sival_int;
  }
  return (void *)v;
}

/* In a child: the main thread blocks SIGTERM and joins a thread that
 * does not; SIGTERM's default action still ends the whole process. */
static void *term_worker(void *a) {
  int fd = *(int *)a;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGTERM);
  pthread_sigmask(SIG_UNBLOCK, &m, 0);
  char c = 'r';
  write(fd, &c, 1);
  for (;;)
    pause();
  return 0;
}

static int group_termination(void) {
  int p[2];
  pipe(p);
  pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &m, 0);
    pthread_t t;
    pthread_create(&t, 0, term_worker, &p[1]);
    pthread_join(t, 0);
    _exit(3);
  }
  close(p[1]);
  char c;
  read(p[0], &c, 1);
  kill(pid, SIGTERM);
  int st = 0;
  waitpid(pid, &st, 0);
  return WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
}

int main(void) {
  signal(SIGUSR1, on_usr1);
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigaddset(&m, SIGUSR2);
  sigaddset(&m, SIGRTMIN);
  pthread_sigmask(SIG_BLOCK, &m, 0); /* inherited by every thread */

  kill(getpid(), SIGUSR1);
  int here = pending(SIGUSR1);
  int there = run(peek_usr1) != 0;
  printf("kill pending in the sender: %s, in another thread: %s\n",
         here ? "yes" : "no", there ? "yes" : "no");
  failed |= !here || !there;
  int mine = run(unblock_usr1) != 0;
  printf("taken by the thread that unblocks it: %s\n", mine ? "yes" : "no");
  failed |= !mine;
  printf("still pending after: %s\n", pending(SIGUSR1) ? "yes" : "no");
  failed |= pending(SIGUSR1);

  handled = 0;
  kill(getpid(), SIGUSR1);
  mine = run(suspend_usr1) != 0;
  printf("taken by another thread's sigsuspend: %s\n", mine ? "yes" : "no");
  failed |= !mine;

  kill(getpid(), SIGUSR2);
  long sig = (long)run(wait_usr2);
  printf("another thread's sigwait got: %s\n",
         sig == SIGUSR2 ? "SIGUSR2" : "other");
  failed |= sig != SIGUSR2;

  for (int i = 1; i <= 3; i++)
    sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = i});
  long order = (long)run(wait_rt);
  printf("queued real-time values in another thread: %ld\n", order);
  failed |= order != 123;

  handled = 0;
  pthread_kill(pthread_self(), SIGUSR1);
  there = run(peek_usr1) != 0;
  printf("pthread_kill to main: pending in main %s, in another thread %s\n",
         pending(SIGUSR1) ? "yes" : "no", there ? "yes" : "no");
  failed |= !pending(SIGUSR1) || there;
  mine = run(unblock_usr1) != 0;
  printf("another thread unblocking it takes it: %s\n", mine ? "yes" : "no");
  failed |= mine;
  sigset_t w;
  sigemptyset(&w);
  sigaddset(&w, SIGUSR1);
  int got = 0;
  sigwait(&w, &got);
  printf("main takes its own: %s\n", got == SIGUSR1 ? "yes" : "no");
  failed |= got != SIGUSR1;

  int ended = group_termination();
  printf("SIGTERM blocked in main, not in a thread: process killed: %s\n",
         ended ? "yes" : "no");
  failed |= !ended;
  return failed;
}
