/* fs.truncate_kinds: truncate(2) and ftruncate(2) on each kind of file:
 * a regular file (grow, shrink, through a symlink), a directory (EISDIR
 * by path, EINVAL by fd), a FIFO, a device, a pipe, an O_PATH fd,
 * a read-only fd, a missing path, a trailing slash, and a file the
 * caller may not write. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static long size_of(const char *p) {
  struct stat st;
  return stat(p, &st) ? -1 : (long)st.st_size;
}

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0644);
  write(fd, "0123456789", 10);
  expect("truncate to 4", rs(truncate("f", 4)), "ok");
  printf("size %ld, offset %ld\n", size_of("f"), (long)lseek(fd, 0, SEEK_CUR));
  long n = write(fd, "x", 1);
  printf("write at the old offset leaves a hole: %ld size %ld\n", n, size_of("f"));
  symlink("f", "l");
  expect("truncate through a symlink", rs(truncate("l", 2)), "ok");
  printf("size %ld\n", size_of("f"));
  expect("truncate to -1", rs(truncate("f", -1)), "EINVAL");
  expect("truncate a missing file", rs(truncate("nx", 0)), "ENOENT");
  expect("truncate f/", rs(truncate("f/", 0)), "ENOTDIR");
  expect("truncate an empty path", rs(truncate("", 0)), "ENOENT");
  mkdir("d", 0755);
  expect("truncate a directory", rs(truncate("d", 0)), "EISDIR");
  expect("ftruncate a directory fd", rs(ftruncate(open("d", O_RDONLY), 0)), "EINVAL");
  mkfifo("ff", 0644);
  expect("truncate a FIFO", rs(truncate("ff", 0)), "EINVAL");
  expect("truncate /dev/null", rs(truncate("/dev/null", 0)), "EINVAL");
  expect("ftruncate /dev/null", rs(ftruncate(open("/dev/null", O_WRONLY), 0)), "EINVAL");
  int p[2];
  pipe(p);
  expect("ftruncate a pipe", rs(ftruncate(p[1], 0)), "EINVAL");
  expect("ftruncate an O_PATH fd", rs(ftruncate(open("f", O_PATH), 0)), "EBADF");
  expect("ftruncate a read-only fd", rs(ftruncate(open("f", O_RDONLY), 0)), "EINVAL");
  expect("ftruncate a closed fd", rs(ftruncate(99, 0)), "EBADF");
  expect("ftruncate an O_APPEND fd", rs(ftruncate(open("f", O_WRONLY | O_APPEND), 1)),
         "ok");
  printf("size %ld\n", size_of("f"));
  chmod("f", 0444);
  expect("truncate a 0444 file as root", rs(truncate("f", 0)), "ok");
  fflush(stdout);
  if (fork() == 0) {
    setresgid(1000, 1000, 1000);
    setresuid(1000, 1000, 1000);
    expect("child 1000: truncate a root 0444 file", rs(truncate("f", 0)), "EACCES");
    expect("child 1000: ftruncate its fd opened O_RDWR by root", rs(ftruncate(fd, 3)),
           "ok");
    fflush(stdout);
    _exit(failed);
  }
  int st;
  wait(&st);
  if (WEXITSTATUS(st))
    failed = 1;
  printf("size %ld\n", size_of("f"));
  return finish("truncate_kinds");
}
