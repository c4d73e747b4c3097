/* process.personality: 0xffffffff only asks (PER_LINUX, 0, at first);
 * any other word is set and the old one returned; flags such as
 * ADDR_NO_RANDOMIZE are accepted; a fork child inherits it. */
#include "contract.h"
#include <sys/personality.h>
#include <sys/wait.h>

static long pers(unsigned long p) {
  return syscall(SYS_personality, p);
}

int main(void) {
  printf("query: %#lx\n", pers(0xffffffff));
  printf("set ADDR_NO_RANDOMIZE, old: %#lx\n", pers(ADDR_NO_RANDOMIZE));
  printf("query: %#lx\n", pers(0xffffffff));
  printf("set PER_LINUX, old: %#lx\n", pers(PER_LINUX));
  printf("set 0x12345, old: %#lx\n", pers(0x12345));
  printf("query: %#lx\n", pers(0xffffffff));
  printf("set PER_LINUX|UNAME26, old: %#lx\n", pers(PER_LINUX | UNAME26));
  fflush(stdout);
  pid_t c = fork();
  if (c == 0)
    _exit(pers(0xffffffff) == (PER_LINUX | UNAME26) ? 0 : 1);
  int st;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork child inherits it");
  printf("set PER_LINUX, old: %#lx\n", pers(PER_LINUX));
  return finish("personality");
}
