/* fd.big_offsets: positions near the limits of a regular file on tmpfs:
 * the largest file is LLONG_MAX bytes; pread/pwrite where offset plus
 * count overflows, or the offset is negative, are EINVAL; writes near
 * 2^62 and LLONG_MAX-1 take one page; lseek SEEK_CUR/SEEK_END overflow
 * (EINVAL); and O_APPEND: pwrite on an O_APPEND
 * file appends whatever offset it names (a documented Linux bug). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>

#include "contract.h"

int main(void) {
  signal(SIGXFSZ, SIG_IGN);
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  write(fd, "0123456789", 10);
  char buf[8];
  expect("pread 1 at LLONG_MAX", rs(pread(fd, buf, 1, LLONG_MAX)), "EINVAL");
  printf("pread 0 at LLONG_MAX: %ld\n", rs(pread(fd, buf, 0, LLONG_MAX)));
  expect("pwrite 1 at LLONG_MAX", rs(pwrite(fd, "x", 1, LLONG_MAX)), "EINVAL");
  expect("pwrite 2 at LLONG_MAX-1", rs(pwrite(fd, "xy", 2, LLONG_MAX - 1)), "EINVAL");
  expect("pwrite at -1", rs(pwrite(fd, "x", 1, -1)), "EINVAL");
  expect("pread at LLONG_MIN", rs(pread(fd, buf, 1, LLONG_MIN)), "EINVAL");
  printf("pwrite 1 at 2^62: %ld\n", rs(pwrite(fd, "x", 1, 1LL << 62)));
  struct stat st;
  fstat(fd, &st);
  printf("size is 2^62+1: %d, blocks %ld\n", st.st_size == (1LL << 62) + 1,
         (long)st.st_blocks);
  memset(buf, 'q', sizeof buf);
  long n = rs(pread(fd, buf, 4, (1LL << 62) - 3));
  printf("pread 4 below it: %ld zeros then x %d\n", n,
         buf[0] == 0 && buf[1] == 0 && buf[2] == 0 && buf[3] == 'x');
  printf("pwrite 1 at LLONG_MAX-1: %ld\n", rs(pwrite(fd, "y", 1, LLONG_MAX - 1)));
  fstat(fd, &st);
  printf("size is LLONG_MAX: %d\n", st.st_size == LLONG_MAX);
  printf("SEEK_END 0 is LLONG_MAX: %d\n", lseek(fd, 0, SEEK_END) == LLONG_MAX);
  expect("read at LLONG_MAX", rs(read(fd, buf, 1)), "EINVAL");
  expect("write at LLONG_MAX", rs(write(fd, "x", 1)), "EINVAL");
  expect("lseek SEEK_CUR +1 past LLONG_MAX", rs(lseek(fd, 1, SEEK_CUR)), "EINVAL");
  printf("offset unchanged: %d\n", lseek(fd, 0, SEEK_CUR) == LLONG_MAX);
  expect("lseek SEEK_END +1", rs(lseek(fd, 1, SEEK_END)), "EINVAL");
  printf("lseek SEEK_END -LLONG_MAX: %ld\n", rs(lseek(fd, -LLONG_MAX, SEEK_END)));
  expect("ftruncate to 10", rs(ftruncate(fd, 10)), "ok");
  expect("lseek SEEK_END -11", rs(lseek(fd, -11, SEEK_END)), "EINVAL");
  printf("lseek SEEK_END -10: %ld\n", rs(lseek(fd, -10, SEEK_END)));
  expect("lseek SEEK_CUR -3 from 0", rs(lseek(fd, -3, SEEK_CUR)), "EINVAL");
  printf("lseek SEEK_END +5: %ld\n", rs(lseek(fd, 5, SEEK_END)));
  fstat(fd, &st);
  printf("size after seeking past the end: %ld\n", (long)st.st_size);
  expect("ftruncate to LLONG_MAX", rs(ftruncate(fd, LLONG_MAX)), "ok");
  fstat(fd, &st);
  printf("size is LLONG_MAX: %d blocks %ld\n", st.st_size == LLONG_MAX, (long)st.st_blocks);
  ftruncate(fd, 10);
  close(fd);

  int ap = open("f", O_WRONLY | O_APPEND);
  printf("pwrite at 0 with O_APPEND: %ld\n", (long)pwrite(ap, "AB", 2, 0));
  printf("offset after: %ld\n", (long)lseek(ap, 0, SEEK_CUR));
  int rd = open("f", O_RDONLY);
  char all[16] = {0};
  printf("file: %.*s\n", (int)read(rd, all, sizeof all), all);
  expect("clear O_APPEND by F_SETFL", rs(fcntl(ap, F_SETFL, 0)), "ok");
  printf("pwrite at 0 without it: %ld\n", (long)pwrite(ap, "ab", 2, 0));
  memset(all, 0, sizeof all);
  printf("file: %.*s\n", (int)pread(rd, all, sizeof all, 0), all);
  return finish("big_offsets");
}
