/* process.membarrier_rules: membarrier(2)'s commands and registration
 * rules. QUERY names at least the nine commands 6.1 has (6.3 added
 * GET_REGISTRATIONS, not pinned); the private expedited commands are
 * EPERM until their REGISTER (each flavour its own), the global ones need
 * nothing; flags are EINVAL except RSEQ's FLAG_CPU; registrations belong
 * to the address space: a fork's copy keeps them, exec starts afresh. */
#define _GNU_SOURCE
#include "contract.h"

/* <linux/membarrier.h>, which musl does not ship. */
#define MEMBARRIER_CMD_QUERY 0
#define MEMBARRIER_CMD_GLOBAL 1
#define MEMBARRIER_CMD_GLOBAL_EXPEDITED 2
#define MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED 4
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED 8
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED 16
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE 32
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ 128
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ 256
#define MEMBARRIER_CMD_FLAG_CPU 1

static long mb(int cmd, unsigned flags, int cpu) {
  return rs(syscall(SYS_membarrier, cmd, flags, cpu));
}

int main(int argc, char **argv) {
  (void)argv;
  if (argc > 1) { /* after execve */
    printf("after exec, PRIVATE_EXPEDITED: %s\n",
           ename(mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0)));
    return 0;
  }
  long q = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
  printf("QUERY has the nine 6.1 commands: %s\n",
         q >= 0 && (q & 0x1ff) == 0x1ff ? "yes" : "no");
  expect("QUERY with a flag", mb(MEMBARRIER_CMD_QUERY, 1, 0), "EINVAL");
  expect("GLOBAL", mb(MEMBARRIER_CMD_GLOBAL, 0, 0), "ok");
  expect("GLOBAL_EXPEDITED", mb(MEMBARRIER_CMD_GLOBAL_EXPEDITED, 0, 0), "ok");
  expect("PRIVATE_EXPEDITED unregistered",
         mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0), "EPERM");
  expect("REGISTER_PRIVATE_EXPEDITED_RSEQ",
         mb(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ, 0, 0), "ok");
  expect("PRIVATE_EXPEDITED after only the RSEQ registration",
         mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0), "EPERM");
  expect("PRIVATE_EXPEDITED_RSEQ",
         mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, 0, 0), "ok");
  expect("PRIVATE_EXPEDITED_RSEQ on cpu 0 (FLAG_CPU)",
         mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, MEMBARRIER_CMD_FLAG_CPU, 0),
         "ok");
  expect("PRIVATE_EXPEDITED_RSEQ on a cpu that does not exist",
         mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, MEMBARRIER_CMD_FLAG_CPU,
            1 << 20),
         "ok");
  expect("PRIVATE_EXPEDITED_SYNC_CORE unregistered",
         mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0), "EPERM");
  expect("REGISTER_PRIVATE_EXPEDITED",
         mb(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0), "ok");
  expect("PRIVATE_EXPEDITED", mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0), "ok");
  expect("PRIVATE_EXPEDITED with FLAG_CPU",
         mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, MEMBARRIER_CMD_FLAG_CPU, 0),
         "EINVAL");
  expect("REGISTER_GLOBAL_EXPEDITED",
         mb(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED, 0, 0), "ok");
  expect("command 3", mb(3, 0, 0), "EINVAL");
  expect("command 1024", mb(1024, 0, 0), "EINVAL");
  expect("command -1", mb(-1, 0, 0), "EINVAL");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    printf("a fork's child, PRIVATE_EXPEDITED: %s\n",
           ename(mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0)));
    fflush(stdout);
    char *av[] = {"membarrier_rules", "exec", 0};
    execv("/proc/self/exe", av);
    _exit(99);
  }
  printf("the child: exit %d\n", reap_status(c));
  return finish("membarrier_rules");
}
