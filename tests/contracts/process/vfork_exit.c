/* process.vfork_exit: the parent of vfork resumes only after the child
 * has exited (or exec'd), and sees its exit code. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  fflush(stdout);
  int p[2];
  pipe(p);
  pid_t c = vfork();
  if (c == 0) {
    write(p[1], "c", 1); /* before the parent runs again */
    _exit(7);
  }
  write(p[1], "p", 1);
  char order[2];
  read(p[0], order, 2);
  int st = 0;
  waitpid(c, &st, 0);
  printf("order %c%c, exit %d\n", order[0], order[1], WEXITSTATUS(st));
  if (order[0] != 'c' || order[1] != 'p' || !WIFEXITED(st) ||
      WEXITSTATUS(st) != 7) {
    printf("CONTRACT_FAIL vfork_exit: see above\n");
    return 1;
  }
  printf("CONTRACT_PASS vfork_exit\n");
  return 0;
}
