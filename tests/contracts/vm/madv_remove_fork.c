/* vm.madv_remove_fork: MADV_REMOVE on MAP_SHARED|MAP_ANONYMOUS memory
 * punches the hole in the one shmem object every sharer maps: a forked
 * child sees the zeros too, and afterwards both sides still share those
 * pages (a write by either is seen by the other), in /dev/zero's shared
 * mappings as well. The pages around the hole keep their data. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/wait.h>

#include "contract.h"

static int go[2], done[2];

static void signal_to(int *p) {
  char x = 'x';
  if (write(p[1], &x, 1) != 1)
    failed = 1;
}

static void wait_for(int *p) {
  char x;
  if (read(p[0], &x, 1) != 1)
    failed = 1;
}

static void run(const char *what, volatile char *p) {
  memset((char *)p, 'a', 4 * PG);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    wait_for(go);
    printf("%s child after the remove: %c %d %d %c\n", what, p[0], p[PG],
           p[3 * PG - 1], p[3 * PG]);
    fflush(stdout);
    signal_to(done);
    wait_for(go);
    printf("%s child sees the parent's write: %c\n", what, p[PG]);
    p[2 * PG] = 'c';
    fflush(stdout);
    signal_to(done);
    _exit(0);
  }
  expect("MADV_REMOVE pages 1-2",
         rs(syscall(SYS_madvise, p + PG, 2 * PG, MADV_REMOVE)), "ok");
  printf("%s parent after the remove: %c %d %d %c\n", what, p[0], p[PG],
         p[3 * PG - 1], p[3 * PG]);
  fflush(stdout);
  signal_to(go);
  wait_for(done);
  p[PG] = 'b';
  signal_to(go);
  wait_for(done);
  printf("%s parent sees the child's write: %c\n", what, p[2 * PG]);
  int st;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child");
}

int main(void) {
  if (pipe(go) || pipe(done))
    return 1;
  long p = mm(0, 4 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  check(p > 0, "mmap shared anonymous");
  run("anonymous", (volatile char *)p);
  int z = open("/dev/zero", O_RDWR);
  long q = mm(0, 4 * PG, RW, MAP_SHARED, z, 0);
  check(q > 0, "mmap /dev/zero shared");
  run("/dev/zero", (volatile char *)q);
  return finish("madv_remove_fork");
}
