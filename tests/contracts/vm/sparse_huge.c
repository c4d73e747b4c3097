/* vm.sparse_huge: a 16 TiB MAP_NORESERVE mapping touched only at its two
 * ends costs what the two pages cost: mprotect, fork (copy-on-write) and
 * munmap of the whole range return at once, and the data stays right. */
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  const size_t len = (size_t)1 << 44;
  unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  check(p != MAP_FAILED, "16 TiB NORESERVE mapping");
  if (p == MAP_FAILED) {
    printf("CONTRACT_FAIL sparse_huge: mmap failed\n");
    return 1;
  }
  p[0] = 11;
  p[len - 1] = 22;
  check(mprotect(p, len, PROT_READ) == 0, "mprotect of the whole range");
  check(p[0] == 11 && p[len - 1] == 22, "both ends read back");
  check(mprotect(p, len, PROT_READ | PROT_WRITE) == 0, "and back to writable");

  pid_t c = fork();
  if (c == 0) {
    p[len - 1] = 33; /* the child's copy only */
    _exit(p[0] == 11 && p[len - 1] == 33 ? 0 : 1);
  }
  int st = 0;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
        "child sees and copies the ends");
  check(p[len - 1] == 22, "parent keeps its value");

  check(munmap(p, len) == 0, "munmap of the whole range");
  return finish("sparse_huge");
}
