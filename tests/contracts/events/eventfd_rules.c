/* events.eventfd_rules: eventfd(2)'s counter. Reads take the whole count
 * (one in EFD_SEMAPHORE mode), block at 0 or fail EAGAIN with
 * EFD_NONBLOCK; writes add, and a sum that would reach 2^64-1 blocks or
 * fails EAGAIN; writing 0xffffffffffffffff is EINVAL, so are reads and
 * writes under 8 bytes (a longer read moves 8; a longer write is EINVAL on
 * Linux 6.18 and takes the first 8 bytes on 6.1, which the man page leaves
 * open, so it is not checked: docs/reference.md). A read into a
 * bad buffer is EFAULT and the count is gone. poll: IN while nonzero, OUT while
 * a write of 1 fits. Flags: EINVAL for unknown ones, EFD_CLOEXEC, EFD_NONBLOCK
 * in F_GETFL. The file: an anonymous inode (mode 0600, no type), lseek stays at
 * 0. A blocked read is woken by another process's write; a blocked write by a
 * read. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static long rd(int fd, uint64_t *v, size_t n) {
  return rs(syscall(SYS_read, fd, v, n));
}

static long wr(int fd, uint64_t v, size_t n) {
  uint64_t buf[2] = {v, 0};
  return rs(syscall(SYS_write, fd, buf, n));
}

static const char *pmask(int fd) {
  struct pollfd p = {fd, POLLIN | POLLOUT, 0};
  poll(&p, 1, 0);
  return p.revents == (POLLIN | POLLOUT) ? "IN|OUT"
         : p.revents == POLLIN           ? "IN"
         : p.revents == POLLOUT          ? "OUT"
         : p.revents == 0                ? "0"
                                         : "other";
}

int main(void) {
  int e = eventfd(5, EFD_NONBLOCK);
  uint64_t v = 0;
  printf("poll at 5: %s\n", pmask(e));
  long r = rd(e, &v, 8);
  printf("read: %s value %llu\n", ename(r), (unsigned long long)v);
  printf("poll at 0: %s\n", pmask(e));
  expect("read at 0, nonblocking", rd(e, &v, 8), "EAGAIN");
  expect("read of 7 bytes", rd(e, &v, 7), "EINVAL");
  expect("write of 7 bytes", wr(e, 1, 7), "EINVAL");
  wr(e, 2, 8);
  r = rd(e, &v, 16);
  printf("read of 16 bytes: %ld value %llu\n", r, (unsigned long long)v);
  expect("write 0xffffffffffffffff", wr(e, UINT64_MAX, 8), "EINVAL");
  expect("write 0", wr(e, 0, 8), "ok");
  printf("poll after writing 0: %s\n", pmask(e));
  expect("write 0xfffffffffffffffe", wr(e, UINT64_MAX - 1, 8), "ok");
  printf("poll at 2^64-2: %s\n", pmask(e));
  expect("write 1 more, nonblocking", wr(e, 1, 8), "EAGAIN");
  expect("write 0 at 2^64-2", wr(e, 0, 8), "ok");
  rd(e, &v, 8);
  printf("read back: %s\n", v == UINT64_MAX - 1 ? "2^64-2" : "other");
  expect("write 2^64-3", wr(e, UINT64_MAX - 2, 8), "ok");
  printf("poll at 2^64-3: %s\n", pmask(e));
  expect("write 1 (sum 2^64-2)", wr(e, 1, 8), "ok");
  rd(e, &v, 8);
  expect("write to a bad buffer", rs(syscall(SYS_write, e, 8, 8)), "EFAULT");
  wr(e, 9, 8);
  expect("read into a bad buffer", rs(syscall(SYS_read, e, 8, 8)), "EFAULT");
  expect("read after it: the 9 is gone", rd(e, &v, 8), "EAGAIN");
  close(e);

  int s = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
  for (int i = 0; i < 4; i++) {
    v = 0;
    r = rd(s, &v, 8);
    printf("semaphore read %d: %s value %llu\n", i, ename(r),
           (unsigned long long)v);
  }
  close(s);

  expect("eventfd2 flag 2", rs(syscall(SYS_eventfd2, 0, 2)), "EINVAL");
  expect("eventfd2 O_APPEND", rs(syscall(SYS_eventfd2, 0, O_APPEND)), "EINVAL");
  int c = eventfd(0, EFD_CLOEXEC);
  printf("EFD_CLOEXEC: FD_CLOEXEC %d, F_GETFL O_RDWR %d O_NONBLOCK %d\n",
         fcntl(c, F_GETFD) == FD_CLOEXEC,
         (fcntl(c, F_GETFL) & O_ACCMODE) == O_RDWR,
         !!(fcntl(c, F_GETFL) & O_NONBLOCK));
  int n = eventfd(0, EFD_NONBLOCK);
  printf("EFD_NONBLOCK: F_GETFL O_NONBLOCK %d\n",
         !!(fcntl(n, F_GETFL) & O_NONBLOCK));
  /* eventfd's initval is an unsigned int: the upper half is dropped. */
  int big = (int)syscall(SYS_eventfd2, 0x100000007ULL, EFD_NONBLOCK);
  rd(big, &v, 8);
  printf("initval 0x100000007: %llu\n", (unsigned long long)v);
  struct stat st, st2;
  fstat(c, &st);
  fstat(n, &st2);
  printf("fstat: mode %o, links %ld, size %ld, same inode for two %d\n",
         (unsigned)st.st_mode, (long)st.st_nlink, (long)st.st_size,
         st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
  printf("lseek: %ld\n", rs(lseek(c, 100, SEEK_SET)));

  /* poll, woken by a child's write. */
  if (fork() == 0) {
    usleep(50000);
    wr(c, 1, 8);
    _exit(0);
  }
  struct pollfd pf = {c, POLLIN, 0};
  r = poll(&pf, 1, 5000);
  printf("poll woken: %ld revents %s\n", r, pf.revents == POLLIN ? "IN" : "?");
  wait(NULL);
  rd(c, &v, 8);
  /* A blocked read, woken by a child's write. */
  if (fork() == 0) {
    usleep(50000);
    wr(c, 7, 8);
    _exit(0);
  }
  v = 0;
  r = rd(c, &v, 8);
  printf("blocked read woken: %s value %llu\n", ename(r),
         (unsigned long long)v);
  wait(NULL);
  /* A blocked write (the sum would overflow), woken by a child's read. */
  wr(c, UINT64_MAX - 1, 8);
  if (fork() == 0) {
    usleep(50000);
    uint64_t x;
    rd(c, &x, 8);
    _exit(0);
  }
  r = wr(c, 5, 8);
  printf("blocked write woken: %s\n", ename(r));
  wait(NULL);
  rd(c, &v, 8);
  printf("count after: %llu\n", (unsigned long long)v);
  return finish("eventfd_rules");
}
