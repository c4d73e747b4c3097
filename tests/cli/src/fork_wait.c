/* Fixture program: fork, a child that sleeps and exits 3, a parent blocked
 * in wait4 (unfinished/resumed lines), SIGCHLD, and a stopped/continued
 * child whose sleep resumes through restart_syscall. */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  pid_t c = fork();
  if (c == 0) {
    struct timespec ts = {0, 100000000};
    nanosleep(&ts, 0);
    _exit(3);
  }
  int st;
  waitpid(c, &st, 0);
  c = fork();
  if (c == 0) {
    struct timespec ts = {0, 300000000};
    nanosleep(&ts, 0);
    _exit(0);
  }
  struct timespec d = {0, 50000000};
  nanosleep(&d, 0);
  kill(c, SIGSTOP);
  nanosleep(&d, 0);
  kill(c, SIGCONT);
  waitpid(c, &st, 0);
  return WEXITSTATUS(st);
}
