/* fs.file_rw: a regular file on tmpfs: create, write, read back, the
 * shared offset, pread/pwrite leave it alone, O_APPEND, growing by
 * ftruncate reads zeros, shrinking drops data, sizes and blocks. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

int main(void) {
  int fd = open("f", O_CREAT | O_EXCL | O_RDWR, 0640);
  check(fd >= 3, "open O_CREAT|O_EXCL gives the lowest free fd");
  printf("fd %d\n", fd);
  expect("create again with O_EXCL", rs(open("f", O_CREAT | O_EXCL | O_RDWR, 0)),
         "EEXIST");
  struct stat st;
  fstat(fd, &st);
  printf("new: mode %o size %ld blocks %ld nlink %ld\n", st.st_mode, (long)st.st_size,
         (long)st.st_blocks, (long)st.st_nlink);
  check(write(fd, "hello world", 11) == 11, "write 11");
  expect("offset after write", lseek(fd, 0, SEEK_CUR) == 11 ? 0 : -EINVAL, "ok");
  fstat(fd, &st);
  printf("after write: size %ld blocks %ld blksize %ld\n", (long)st.st_size,
         (long)st.st_blocks, (long)st.st_blksize);
  char buf[32] = {0};
  check(lseek(fd, 6, SEEK_SET) == 6, "lseek SEEK_SET 6");
  check(read(fd, buf, sizeof buf) == 5 && memcmp(buf, "world", 5) == 0,
        "read the rest");
  check(read(fd, buf, sizeof buf) == 0, "read at end gives 0");
  check(pwrite(fd, "HELLO", 5, 0) == 5, "pwrite at 0");
  check(lseek(fd, 0, SEEK_CUR) == 11, "pwrite leaves the offset");
  memset(buf, 0, sizeof buf);
  check(pread(fd, buf, 11, 0) == 11 && strcmp(buf, "HELLO world") == 0,
        "pread sees it");
  check(lseek(fd, 0, SEEK_END) == 11, "SEEK_END");
  check(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "x", 1) == 1,
        "write past the end");
  fstat(fd, &st);
  printf("size after hole %ld\n", (long)st.st_size);
  memset(buf, 'z', sizeof buf);
  check(pread(fd, buf, 10, 50) == 10 && all_bytes(buf, 10, 0),
        "the hole reads zeros");
  check(ftruncate(fd, 5) == 0, "ftruncate to 5");
  fstat(fd, &st);
  printf("after shrink: size %ld\n", (long)st.st_size);
  check(ftruncate(fd, 4096 * 3) == 0, "ftruncate to 3 pages");
  memset(buf, 'z', sizeof buf);
  check(pread(fd, buf, 8, 3) == 8 && memcmp(buf, "LO\0\0\0\0\0\0", 8) == 0,
        "grown bytes are zeros");
  fstat(fd, &st);
  printf("after grow: size %ld blocks %ld\n", (long)st.st_size, (long)st.st_blocks);
  expect("ftruncate -1", rs(ftruncate(fd, -1)), "EINVAL");
  expect("lseek to -1", rs(lseek(fd, -1, SEEK_SET)), "EINVAL");
  expect("lseek whence 7", rs(lseek(fd, 0, 7)), "EINVAL");
  expect("pread at -1", rs(pread(fd, buf, 1, -1)), "EINVAL");
  close(fd);

  int a = open("f", O_WRONLY | O_APPEND);
  check(lseek(a, 0, SEEK_SET) == 0 && write(a, "END", 3) == 3, "append write");
  check(lseek(a, 0, SEEK_CUR) == 4096 * 3 + 3, "append moved to the end");
  close(a);
  int t = open("f", O_RDWR | O_TRUNC);
  fstat(t, &st);
  printf("O_TRUNC: size %ld blocks %ld\n", (long)st.st_size, (long)st.st_blocks);
  int ro = open("f", O_RDONLY);
  expect("write to O_RDONLY fd", rs(write(ro, "x", 1)), "EBADF");
  expect("ftruncate O_RDONLY fd", rs(ftruncate(ro, 0)), "EINVAL");
  int wo = open("f", O_WRONLY);
  expect("read from O_WRONLY fd", rs(read(wo, buf, 1)), "EBADF");
  close(t);
  close(ro);
  close(wo);
  check(unlink("f") == 0, "unlink");
  expect("open after unlink", rs(open("f", O_RDONLY)), "ENOENT");
  return finish("file_rw");
}
