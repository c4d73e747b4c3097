/* vm.fork_cow: fork gives the child a copy-on-write copy of memory: the
 * child's write to a global is its own, and the parent still sees the old
 * value. (Needs a second process: unlike most contracts it forks.) */
#include <sys/wait.h>

#include "contract.h"

static volatile int shared_value = 1;

int main(void) {
  fflush(stdout); /* nothing buffered may be inherited by the child */
  pid_t pid = fork();
  if (pid == 0) {
    shared_value = 2;
    /* _exit: the child must not flush a copy of the parent's stdio. */
    _exit(shared_value == 2 ? 0 : 1);
  }
  check(pid > 0, "fork");
  int status = 0;
  check(pid > 0 && waitpid(pid, &status, 0) == pid, "waitpid");
  check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "child wrote 2 and read it back");
  printf("parent sees %d\n", shared_value);
  check(shared_value == 1, "parent still sees 1");

  return finish("fork_cow");
}
