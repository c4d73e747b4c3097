/* process.clone_sighand: clone(CLONE_VM | CLONE_SIGHAND) without
 * CLONE_THREAD makes a process that shares the parent's table of signal
 * dispositions: a sigaction in either is the other's, and a signal sent to
 * the child runs the shared handler there. Without the flag the child has
 * a copy. The child's execve gives it a copy first, so its reset to
 * SIG_DFL leaves the parent's handlers alone. CLONE_SIGHAND needs
 * CLONE_VM (EINVAL). */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>

#include "contract.h"

static char stack[65536] __attribute__((aligned(16)));
static volatile sig_atomic_t handled_by;
static volatile int child_go;

static void on_usr1(int sig) {
  (void)sig;
  handled_by = syscall(SYS_getpid);
}

static void on_usr2(int sig) {
  (void)sig;
}

static int installs(void *arg) {
  (void)arg;
  signal(SIGUSR1, on_usr1);
  return 0;
}

/* Waits for the parent's word, then reports the disposition of SIGUSR2
 * it sees; then lets a SIGUSR1 in. */
static int watcher(void *arg) {
  (void)arg;
  while (!child_go)
    sched_yield();
  struct sigaction sa;
  sigaction(SIGUSR2, 0, &sa);
  if (sa.sa_handler != on_usr2)
    return 1;
  /* Not raise(): musl's thread pointer here is the parent's, tid too. */
  long me = syscall(SYS_getpid);
  syscall(SYS_kill, me, SIGUSR1);
  return handled_by == me ? 0 : 2;
}

static int execs(void *arg) {
  (void)arg;
  char *argv[] = {"clone_sighand", "exec", 0};
  execv("/proc/self/exe", argv);
  return 99;
}

static pid_t spawn(int (*fn)(void *), int flags) {
  return clone(fn, stack + sizeof stack, flags | SIGCHLD, 0);
}

static const char *usr1_is(void) {
  struct sigaction sa;
  sigaction(SIGUSR1, 0, &sa);
  return sa.sa_handler == on_usr1   ? "the handler"
         : sa.sa_handler == SIG_DFL ? "SIG_DFL"
                                    : "other";
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "exec") == 0) {
    struct sigaction sa;
    sigaction(SIGUSR1, 0, &sa);
    return sa.sa_handler == SIG_DFL ? 4 : 5;
  }
  pid_t c = spawn(installs, CLONE_VM | CLONE_SIGHAND);
  int st = reap_status(c);
  printf("CLONE_SIGHAND child's sigaction: exit %d, ours is now %s\n", st,
         usr1_is());
  signal(SIGUSR1, SIG_DFL);
  c = spawn(installs, CLONE_VM);
  st = reap_status(c);
  printf("without CLONE_SIGHAND: exit %d, ours stays %s\n", st, usr1_is());

  signal(SIGUSR1, on_usr1);
  c = spawn(watcher, CLONE_VM | CLONE_SIGHAND);
  signal(SIGUSR2, on_usr2); /* after the clone: seen through the table */
  child_go = 1;
  st = reap_status(c);
  printf("the child sees our later sigaction and runs the handler: %s\n",
         st == 0   ? "yes"
         : st == 1 ? "no (disposition)"
                   : "no (handler)");

  c = spawn(execs, CLONE_VM | CLONE_SIGHAND);
  st = reap_status(c);
  printf("the child's execve: exit %d (its SIGUSR1 is %s), ours stays %s\n", st,
         st == 4 ? "SIG_DFL" : "other", usr1_is());

  expect("CLONE_SIGHAND without CLONE_VM",
         rs(clone(installs, stack + sizeof stack, CLONE_SIGHAND | SIGCHLD, 0)),
         "EINVAL");
  return finish("clone_sighand");
}
