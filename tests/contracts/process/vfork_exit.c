/* process.vfork_exit: a vfork child runs, writes to a pipe and exits;
 * the parent resumes and sees both bytes and the exit code. (musl's arm64
 * vfork is a plain fork, so the order of the two writes is not part of
 * the contract; x86-64's is a real vfork, where the child goes first.) */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  fflush(stdout);
  int p[2];
  pipe(p);
  pid_t c = vfork();
  if (c == 0) {
    write(p[1], "c", 1);
    _exit(7);
  }
  write(p[1], "p", 1);
  char b[2];
  int n = 0;
  while (n < 2 && read(p[0], b + n, 1) == 1)
    n++;
  int st = 0;
  waitpid(c, &st, 0);
  int both = n == 2 && ((b[0] == 'c' && b[1] == 'p') ||
                        (b[0] == 'p' && b[1] == 'c'));
  printf("both wrote: %s, exit %d\n", both ? "yes" : "no", WEXITSTATUS(st));
  if (!both || !WIFEXITED(st) || WEXITSTATUS(st) != 7) {
    printf("CONTRACT_FAIL vfork_exit: see above\n");
    return 1;
  }
  printf("CONTRACT_PASS vfork_exit\n");
  return 0;
}
