/* threads.shared_kernel_signals: signals the kernel sends to a process
 * (SIGALRM from ITIMER_REAL, SIGCHLD from a child's exit) are pending for
 * the whole group: with every thread blocking them, a thread other than
 * the one that caused them takes them with sigwaitinfo, with the kernel's
 * siginfo. SIGPIPE from a write to a pipe without readers is the writing
 * thread's own (Linux's send_sig is thread-directed): another thread's
 * sigtimedwait does not see it, the writer's does. */
#include <pthread.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "contract.h"

static int wanted;
static struct timespec *limit; /* NULL: wait for ever */

static void *waiter(void *a) {
  siginfo_t *si = a;
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, wanted);
  if (sigtimedwait(&m, si, limit) != wanted)
    si->si_signo = -1;
  return 0;
}

static siginfo_t wait_in_thread(int sig, struct timespec *timeout) {
  siginfo_t si;
  memset(&si, 0, sizeof si);
  wanted = sig;
  limit = timeout;
  pthread_t t;
  pthread_create(&t, 0, waiter, &si);
  pthread_join(t, 0);
  return si;
}

static int pending(int sig) {
  sigset_t s;
  sigemptyset(&s);
  sigpending(&s);
  return sigismember(&s, sig);
}

static const char *code_name(int code) {
  switch (code) {
  case SI_USER:
    return "SI_USER";
  case SI_KERNEL:
    return "SI_KERNEL";
  case CLD_EXITED:
    return "CLD_EXITED";
  default:
    return "other";
  }
}

int main(void) {
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGALRM);
  sigaddset(&m, SIGCHLD);
  sigaddset(&m, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &m, 0); /* inherited by every thread */

  struct itimerval it = {{0, 0}, {0, 10000}};
  setitimer(ITIMER_REAL, &it, 0);
  siginfo_t si = wait_in_thread(SIGALRM, 0);
  printf("SIGALRM (ITIMER_REAL) in another thread: %s, %s\n",
         si.si_signo == SIGALRM ? "yes" : "no", code_name(si.si_code));
  failed |= si.si_signo != SIGALRM || si.si_code != SI_KERNEL;

  pid_t pid = fork();
  if (pid == 0)
    _exit(3);
  si = wait_in_thread(SIGCHLD, 0);
  printf("SIGCHLD in another thread: %s, %s, status %d, pid matches: %s\n",
         si.si_signo == SIGCHLD ? "yes" : "no", code_name(si.si_code),
         si.si_status, si.si_pid == pid ? "yes" : "no");
  failed |= si.si_signo != SIGCHLD || si.si_code != CLD_EXITED ||
            si.si_status != 3 || si.si_pid != pid;
  waitpid(pid, 0, 0);

  int p[2];
  pipe(p);
  close(p[0]);
  ssize_t w = write(p[1], "x", 1);
  int here = pending(SIGPIPE);
  struct timespec short_wait = {0, 30000000};
  si = wait_in_thread(SIGPIPE, &short_wait);
  int other = si.si_signo == SIGPIPE;
  sigset_t pipe_only;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  memset(&si, 0, sizeof si);
  int own = sigtimedwait(&pipe_only, &si, &short_wait) == SIGPIPE;
  printf("write without readers: %s; SIGPIPE pending in the writer: %s; "
         "another thread takes it: %s; the writer: %s, %s, sender is us: "
         "%s\n",
         w < 0 ? "EPIPE" : "written", here ? "yes" : "no", other ? "yes" : "no",
         own ? "yes" : "no", code_name(si.si_code),
         si.si_pid == getpid() ? "yes" : "no");
  failed |= w >= 0 || !here || other || !own || si.si_code != SI_USER ||
            si.si_pid != getpid();
  printf("nothing left pending: %s\n",
         !pending(SIGALRM) && !pending(SIGCHLD) && !pending(SIGPIPE) ? "yes"
                                                                     : "no");
  failed |= pending(SIGALRM) || pending(SIGCHLD) || pending(SIGPIPE);
  return failed;
}
