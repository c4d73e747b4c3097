/* fd.memfd_fork: a memfd inherited across fork is one file: the child's
 * writes, size changes and seals show in the parent, the offset is
 * shared, and a MAP_SHARED mapping of it is shared memory between them;
 * a second memfd of the same name is another file. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  int fd = (int)syscall(SYS_memfd_create, "shared", MFD_ALLOW_SEALING);
  ftruncate(fd, 4096);
  char *m = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  check(m != MAP_FAILED, "mmap shared");
  strcpy(m, "parent");
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int ok = strcmp(m, "parent") == 0;
    strcpy(m, "child");
    lseek(fd, 0, SEEK_SET);
    char b[8] = {0};
    read(fd, b, 5); /* moves the shared offset to 5 */
    ok &= strcmp(b, "child") == 0;
    ftruncate(fd, 8192);
    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK);
    _exit(ok ? 0 : 1);
  }
  int st;
  waitpid(pid, &st, 0);
  printf("child saw the parent's bytes and read its own: %s\n",
         WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "yes" : "no");
  expect_str("parent's mapping", m, "child");
  printf("shared offset %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  struct stat s;
  fstat(fd, &s);
  printf("size after the child's ftruncate %ld\n", (long)s.st_size);
  printf("seal from the child: shrink %d\n", (fcntl(fd, F_GET_SEALS) & F_SEAL_SHRINK) != 0);
  expect("shrink in the parent", rs(ftruncate(fd, 10)), "EPERM");
  int other = (int)syscall(SYS_memfd_create, "shared", 0);
  struct stat o;
  fstat(other, &o);
  printf("same name, another file: %s, size %ld\n", o.st_ino != s.st_ino ? "yes" : "no",
         (long)o.st_size);
  pid = fork();
  if (pid == 0) {
    pwrite(other, "x", 1, 100);
    _exit(0);
  }
  waitpid(pid, &st, 0);
  fstat(other, &o);
  printf("second memfd after the child's pwrite: size %ld\n", (long)o.st_size);
  return finish("memfd_fork");
}
