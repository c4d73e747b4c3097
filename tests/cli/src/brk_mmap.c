/* Fixture program: brk growth, a failing open, mmap/mprotect/munmap. */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  long base = syscall(SYS_brk, 0);
  syscall(SYS_brk, base + 8192);
  syscall(SYS_brk, 0);
  int fd = open("/nonexistent/kdiff", O_RDONLY);
  if (fd >= 0)
    close(fd);
  char *p = mmap(0, 16384, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(p + 4096, 4096, PROT_READ);
  munmap(p, 16384);
  write(1, "done\n", 5);
  return 0;
}
