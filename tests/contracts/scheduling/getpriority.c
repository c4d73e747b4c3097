/* scheduling.getpriority: a process starts at nice 0; setpriority(5) reads
 * back as 5; the raw syscall returns 20 - nice (so it is never negative),
 * which libc turns back into nice; a bad `which` is EINVAL. Assumes the test
 * is started at nice 0, as the harness does. */
#include <sys/resource.h>

#include "contract.h"

int main(void) {
  errno = 0;
  int nice0 = getpriority(PRIO_PROCESS, 0);
  printf("default nice %d\n", nice0);
  check(nice0 == 0 && errno == 0, "default nice is 0");

  long raw0 = syscall(SYS_getpriority, PRIO_PROCESS, 0);
  printf("raw getpriority %ld\n", raw0);
  check(raw0 == 20, "raw syscall returns 20 - nice");

  check(setpriority(PRIO_PROCESS, 0, 5) == 0, "setpriority 5");
  errno = 0;
  int nice5 = getpriority(PRIO_PROCESS, 0);
  printf("nice after setpriority %d\n", nice5);
  check(nice5 == 5 && errno == 0, "reads back 5");

  long raw5 = syscall(SYS_getpriority, PRIO_PROCESS, 0);
  printf("raw getpriority %ld\n", raw5);
  check(raw5 == 15, "raw syscall returns 20 - 5");

  errno = 0;
  int bad = getpriority(12345, 0);
  printf("getpriority(bad which) = %d errno=%s\n", bad,
         errno == EINVAL ? "EINVAL" : "other");
  check(bad == -1 && errno == EINVAL, "bad which is EINVAL");

  return finish("getpriority");
}
