/* process.pipe_epipe: once the reader process has closed its end (by
 * exiting), a write raises SIGPIPE and fails with EPIPE. */
#include <sys/wait.h>

#include "contract.h"

static volatile sig_atomic_t sigpipes;

static void on_pipe(int sig) {
  (void)sig;
  sigpipes++;
}

int main(void) {
  fflush(stdout);
  signal(SIGPIPE, on_pipe);
  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    char buf[3];
    close(p[1]);
    ssize_t n = read(p[0], buf, 3);
    _exit(n == 3 && memcmp(buf, "abc", 3) == 0 ? 0 : 1);
  }
  close(p[0]);
  check(write(p[1], "abc", 3) == 3, "write while the reader lives");
  int st;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "reader got abc");
  errno = 0;
  ssize_t n = write(p[1], "d", 1);
  printf("write after the reader exited: %s, SIGPIPE x%d\n",
         n == -1 && errno == EPIPE ? "EPIPE" : "other", sigpipes);
  check(n == -1 && errno == EPIPE && sigpipes == 1, "EPIPE and SIGPIPE");

  /* Default action: the writer dies of SIGPIPE. */
  pipe(p);
  close(p[0]);
  c = fork();
  if (c == 0) {
    signal(SIGPIPE, SIG_DFL);
    write(p[1], "x", 1);
    _exit(0);
  }
  waitpid(c, &st, 0);
  printf("default: signaled=%d sig=%d\n", WIFSIGNALED(st),
         WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  check(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "killed by SIGPIPE");
  return finish("pipe_epipe");
}
