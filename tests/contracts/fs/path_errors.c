/* fs.path_errors: what path resolution answers for bad paths: empty,
 * too long (a component over NAME_MAX, a path over PATH_MAX), a file in
 * the middle, a bad pointer, a path into unmapped memory, "..", and
 * dirfds that are not directories. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "contract.h"

int main(void) {
  struct stat st;
  expect("empty path", rs(syscall(SYS_openat, AT_FDCWD, "", O_RDONLY)), "ENOENT");
  char name[300];
  memset(name, 'n', 256);
  name[256] = 0;
  expect("256-byte component", rs(syscall(SYS_openat, AT_FDCWD, name, O_RDONLY)),
         "ENAMETOOLONG");
  name[255] = 0;
  expect("255-byte component (missing)", rs(syscall(SYS_openat, AT_FDCWD, name, O_RDONLY)),
         "ENOENT");
  expect("255-byte component created",
         rs(syscall(SYS_openat, AT_FDCWD, name, O_CREAT | O_WRONLY, 0600)), "ok");
  char *lp = malloc(5000);
  memset(lp, 'a', 4999);
  for (int i = 1; i < 4999; i += 2)
    lp[i] = '/';
  lp[4999] = 0;
  expect("path of 4999 bytes", rs(syscall(SYS_openat, AT_FDCWD, lp, O_RDONLY)),
         "ENAMETOOLONG");
  lp[4095] = 0;
  expect("path of 4095 bytes, missing parts",
         rs(syscall(SYS_openat, AT_FDCWD, lp, O_RDONLY)), "ENOENT");
  close(open("file", O_CREAT | O_WRONLY, 0600));
  expect("a file in the middle", rs(syscall(SYS_openat, AT_FDCWD, "file/x", O_RDONLY)),
         "ENOTDIR");
  expect("NULL path", rs(syscall(SYS_openat, AT_FDCWD, 0, O_RDONLY)), "EFAULT");
  expect("kernel address path",
         rs(syscall(SYS_openat, AT_FDCWD, (char *)-4096L, O_RDONLY)), "EFAULT");
  char *pg = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(pg + 4096, 4096);
  memset(pg + 4090, 'x', 6);
  expect("a path running into an unmapped page",
         rs(syscall(SYS_openat, AT_FDCWD, pg + 4090, O_RDONLY)), "EFAULT");
  expect("/.. is /", rs(stat("/../../tmp/file", &st)), "ok");
  expect("dot segments", rs(stat("./././file", &st)), "ok");
  expect("many slashes", rs(stat("//tmp///file", &st)), "ok");
  int f = open("file", O_RDONLY);
  expect("a file as dirfd", rs(syscall(SYS_openat, f, "x", O_RDONLY)), "ENOTDIR");
  expect("a closed dirfd", rs(syscall(SYS_openat, 99, "x", O_RDONLY)), "EBADF");
  expect("a closed dirfd, absolute path",
         rs(syscall(SYS_openat, 99, "/tmp/file", O_RDONLY)), "ok");
  expect("fstatat AT_EMPTY_PATH on a file fd",
         rs(syscall(SYS_newfstatat, f, "", &st, AT_EMPTY_PATH)), "ok");
  expect("fstatat empty path without the flag",
         rs(syscall(SYS_newfstatat, f, "", &st, 0)), "ENOENT");
  expect("fstatat bad flag", rs(syscall(SYS_newfstatat, AT_FDCWD, "file", &st, 0x8000)),
         "EINVAL");
  expect("stat into a bad buffer", rs(syscall(SYS_newfstatat, AT_FDCWD, "file", 8, 0)),
         "EFAULT");
  return finish("path_errors");
}
