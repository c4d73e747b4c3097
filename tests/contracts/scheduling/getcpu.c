/* scheduling.getcpu: getcpu reports a CPU the task may run on and node 0 on
 * a single-node machine; NULL pointers are allowed; a bad pointer is
 * EFAULT; sched_getcpu (through the vDSO where there is one) agrees. */
#define _GNU_SOURCE
#include <sched.h>

#include "contract.h"

int main(void) {
  cpu_set_t set;
  CPU_ZERO(&set);
  check(sched_getaffinity(0, sizeof set, &set) == 0, "sched_getaffinity");

  unsigned cpu = 12345, node = 12345;
  check(syscall(SYS_getcpu, &cpu, &node, NULL) == 0, "getcpu returns 0");
  check(cpu < CPU_SETSIZE && CPU_ISSET(cpu, &set),
        "cpu is in the affinity mask");
  check(node == 0, "node is 0");
  check(syscall(SYS_getcpu, NULL, NULL, NULL) == 0, "NULL pointers accepted");

  errno = 0;
  long r = syscall(SYS_getcpu, (void *)8, NULL, NULL);
  check(r == -1 && errno == EFAULT, "bad cpu pointer is EFAULT");

  int c = sched_getcpu();
  check(c >= 0 && CPU_ISSET(c, &set), "sched_getcpu is in the mask");

  return finish("getcpu");
}
