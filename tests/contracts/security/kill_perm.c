/* security.kill_perm: without CAP_KILL a process may signal only
 * processes whose real or saved uid is its real or effective uid (kill,
 * signal 0, tkill/tgkill, rt_sigqueueinfo alike: EPERM otherwise), and
 * SIGCONT any process of its session; the receiver's si_uid is the
 * sender's real uid. */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/wait.h>

static volatile int got_uid = -1;

static void on_usr1(int sig, siginfo_t *si, void *u) {
  (void)sig;
  (void)u;
  got_uid = (int)si->si_uid;
}

static void run(pid_t root_child, pid_t saved_1000) {
  expect("drop to uid 1000", rs(syscall(SYS_setresuid, 1000, 1000, 1000)),
         "ok");
  expect("kill root's, signal 0", rs(kill(root_child, 0)), "EPERM");
  expect("kill root's, SIGTERM", rs(kill(root_child, SIGTERM)), "EPERM");
  expect("tgkill root's", rs(syscall(SYS_tgkill, root_child, root_child, 0)),
         "EPERM");
  expect("tkill root's", rs(syscall(SYS_tkill, root_child, SIGTERM)), "EPERM");
  siginfo_t si;
  memset(&si, 0, sizeof si);
  si.si_code = SI_QUEUE;
  expect("rt_sigqueueinfo root's",
         rs(syscall(SYS_rt_sigqueueinfo, root_child, SIGUSR2, &si)), "EPERM");
  expect("SIGCONT root's, same session", rs(kill(root_child, SIGCONT)), "ok");
  expect("kill root's with saved uid 1000", rs(kill(saved_1000, 0)), "ok");
  expect("kill self", rs(kill(getpid(), 0)), "ok");
  expect("kill 999999", rs(kill(999999, 0)), "ESRCH");
  fflush(stdout);
  pid_t mine = fork();
  if (mine == 0) {
    pause();
    _exit(0);
  }
  expect("kill own uid's child", rs(kill(mine, SIGKILL)), "ok");
  int st;
  waitpid(mine, &st, 0);
  check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "it died of SIGKILL");
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_usr1;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, 0);
  fflush(stdout);
  pid_t root_child = fork();
  if (root_child == 0) {
    for (;;)
      pause();
  }
  int ready[2];
  pipe(ready);
  pid_t saved_1000 = fork();
  if (saved_1000 == 0) {
    syscall(SYS_setresuid, -1, -1, 1000);
    write(ready[1], "r", 1);
    for (;;)
      pause();
  }
  char ch;
  read(ready[0], &ch, 1);
  pid_t c = fork();
  if (c == 0) {
    run(root_child, saved_1000);
    fflush(stdout);
    _exit(failed);
  }
  int st;
  waitpid(c, &st, 0);
  failed |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
  kill(root_child, SIGKILL);
  waitpid(root_child, &st, 0);
  check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "root's child killed");
  kill(saved_1000, SIGKILL);
  waitpid(saved_1000, &st, 0);

  sigset_t m, old;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigprocmask(SIG_BLOCK, &m, &old);
  pid_t parent = getpid();
  c = fork();
  if (c == 0) {
    syscall(SYS_setresuid, 1234, 0, 0); /* euid 0: CAP_KILL kept */
    _exit(kill(parent, SIGUSR1) == 0 ? 0 : 1);
  }
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "real uid 1234, euid 0 sent");
  sigsuspend(&old);
  printf("si_uid %d\n", got_uid);
  return finish("kill_perm");
}
