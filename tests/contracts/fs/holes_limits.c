/* fs.holes_limits: sparse files on tmpfs (SEEK_DATA/SEEK_HOLE, blocks),
 * fallocate (allocate, KEEP_SIZE, PUNCH_HOLE) and its errors, and
 * RLIMIT_FSIZE: a write across the limit is cut short, one at the limit
 * gets SIGXFSZ (ignored here) and EFBIG, as does truncate past it. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "contract.h"

static long blocks(int fd) {
  struct stat st;
  fstat(fd, &st);
  return (long)st.st_blocks;
}

int main(void) {
  int fd = open("sparse", O_CREAT | O_RDWR, 0600);
  pwrite(fd, "a", 1, 8192);
  pwrite(fd, "b", 1, 5 * 4096 + 10);
  printf("size %ld blocks %ld\n", (long)lseek(fd, 0, SEEK_END), blocks(fd));
  printf("SEEK_DATA 0 -> %ld\n", (long)lseek(fd, 0, SEEK_DATA));
  printf("SEEK_HOLE 8192 -> %ld\n", (long)lseek(fd, 8192, SEEK_HOLE));
  printf("SEEK_DATA 12288 -> %ld\n", (long)lseek(fd, 12288, SEEK_DATA));
  printf("SEEK_HOLE 20480 -> %ld\n", (long)lseek(fd, 20480, SEEK_HOLE));
  expect("SEEK_DATA past the end", rs(lseek(fd, 30000, SEEK_DATA)), "ENXIO");
  expect("SEEK_HOLE past the end", rs(lseek(fd, 30000, SEEK_HOLE)), "ENXIO");
  expect("SEEK_DATA negative", rs(lseek(fd, -1, SEEK_DATA)), "ENXIO");

  int g = open("alloc", O_CREAT | O_RDWR, 0600);
  expect("fallocate 3 pages", rs(fallocate(g, 0, 0, 3 * 4096)), "ok");
  printf("after fallocate: size %ld blocks %ld\n", (long)lseek(g, 0, SEEK_END), blocks(g));
  expect("fallocate KEEP_SIZE", rs(fallocate(g, FALLOC_FL_KEEP_SIZE, 3 * 4096, 4096)),
         "ok");
  printf("after KEEP_SIZE: size %ld blocks %ld\n", (long)lseek(g, 0, SEEK_END), blocks(g));
  pwrite(g, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 32, 4090);
  expect("punch a hole",
         rs(fallocate(g, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4092, 4096 + 8)),
         "ok");
  char buf[40];
  pread(g, buf, 32, 4090);
  printf("after punch: %d%d%d ... %d%d blocks %ld size %ld\n", buf[0] == 'x', buf[1] == 'x',
         buf[2] == 0, buf[30] == 'x', buf[31] == 'x', blocks(g), (long)lseek(g, 0, SEEK_END));
  expect("punch without KEEP_SIZE", rs(fallocate(g, FALLOC_FL_PUNCH_HOLE, 0, 10)),
         "EOPNOTSUPP");
  expect("fallocate len 0", rs(fallocate(g, 0, 0, 0)), "EINVAL");
  expect("fallocate negative offset", rs(fallocate(g, 0, -1, 10)), "EINVAL");
  expect("fallocate on a read-only fd", rs(fallocate(open("alloc", O_RDONLY), 0, 0, 1)),
         "EBADF");
  int p[2];
  pipe(p);
  expect("fallocate on a pipe", rs(fallocate(p[1], 0, 0, 1)), "ESPIPE");
  expect("fadvise on a pipe", posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL) == ESPIPE ? 0 : -1,
         "ok");
  expect("fadvise on a file", posix_fadvise(g, 0, 0, POSIX_FADV_SEQUENTIAL) == 0 ? 0 : -1,
         "ok");

  signal(SIGXFSZ, SIG_IGN);
  struct rlimit rl = {10000, 10000};
  setrlimit(RLIMIT_FSIZE, &rl);
  int h = open("limited", O_CREAT | O_RDWR, 0600);
  char big[12000];
  memset(big, 'q', sizeof big);
  printf("write 12000 under a 10000 limit: %ld\n", (long)write(h, big, sizeof big));
  expect("write at the limit", rs(write(h, big, 1)), "EFBIG");
  expect("ftruncate past the limit", rs(ftruncate(h, 20000)), "EFBIG");
  expect("ftruncate below it", rs(ftruncate(h, 5000)), "ok");
  sigset_t s;
  sigpending(&s);
  printf("SIGXFSZ pending while ignored: %d\n", sigismember(&s, SIGXFSZ));
  return finish("holes_limits");
}
