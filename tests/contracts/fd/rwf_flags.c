/* fd.rwf_flags: preadv2/pwritev2's flags (preadv2(2)). RWF_APPEND writes
 * at the end whatever the offset, and moves the file offset only when the
 * offset given is -1; RWF_HIPRI, RWF_DSYNC and RWF_SYNC do not change the
 * data; RWF_NOWAIT is EOPNOTSUPP on a tmpfs file or directory and fine
 * on /dev/null and /dev/zero (on a pipe it is EAGAIN on 6.18 and
 * EOPNOTSUPP on 6.1, so not pinned here); an unknown bit is EOPNOTSUPP,
 * but only after the descriptor (EBADF), offset (EINVAL, ESPIPE) and
 * vector (EFAULT) checks, and a transfer of 0 bytes returns 0 before the
 * flags are looked at. FIOASYNC is O_ASYNC too. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/uio.h>

#include "contract.h"

#define F_HIPRI 0x01
#define F_DSYNC 0x02
#define F_SYNC 0x04
#define F_NOWAIT 0x08
#define F_APPEND 0x10
#define F_BAD 0x80000000

static long rw2(int fd, void *buf, size_t n, long off, int fl, int write) {
  struct iovec v = {buf, n};
  return rs(
      syscall(write ? SYS_pwritev2 : SYS_preadv2, fd, &v, 1, off, 0L, fl));
}

static void show_file(int fd) {
  char b[64] = {0};
  long n = pread(fd, b, sizeof b - 1, 0);
  printf("  file %ld bytes: %s\n", n, b);
}

int main(void) {
  int f = open("f", O_CREAT | O_RDWR | O_TRUNC, 0600);
  check(write(f, "hello", 5) == 5, "write hello");
  printf("APPEND at offset 0: %ld\n", rw2(f, "AB", 2, 0, F_APPEND, 1));
  printf("  offset after: %ld\n", (long)lseek(f, 0, SEEK_CUR));
  show_file(f);
  lseek(f, 1, SEEK_SET);
  printf("APPEND at -1 from offset 1: %ld\n", rw2(f, "CD", 2, -1, F_APPEND, 1));
  printf("  offset after: %ld\n", (long)lseek(f, 0, SEEK_CUR));
  show_file(f);
  printf("APPEND on a read: %ld\n", rw2(f, (char[4]){0}, 4, 0, F_APPEND, 0));
  printf("HIPRI read %ld, DSYNC write %ld, SYNC write %ld\n",
         rw2(f, (char[4]){0}, 4, 0, F_HIPRI, 0), rw2(f, "xy", 2, 0, F_DSYNC, 1),
         rw2(f, "zw", 2, 2, F_SYNC, 1));
  show_file(f);
  expect("NOWAIT read of a tmpfs file", rw2(f, (char[4]){0}, 4, 0, F_NOWAIT, 0),
         "EOPNOTSUPP");
  expect("NOWAIT write of a tmpfs file", rw2(f, "q", 1, 0, F_NOWAIT, 1),
         "EOPNOTSUPP");
  int d = open(".", O_RDONLY | O_DIRECTORY);
  expect("NOWAIT read of a directory", rw2(d, (char[4]){0}, 4, -1, F_NOWAIT, 0),
         "EOPNOTSUPP");
  expect("a plain read of a directory", rw2(d, (char[4]){0}, 4, -1, 0, 0),
         "EISDIR");
  expect("an unknown flag", rw2(f, (char[4]){0}, 4, 0, F_BAD, 0), "EOPNOTSUPP");
  expect("an unknown flag on a bad fd", rw2(99, (char[4]){0}, 4, 0, F_BAD, 0),
         "EBADF");
  expect("an unknown flag at offset -2", rw2(f, (char[4]){0}, 4, -2, F_BAD, 0),
         "EINVAL");
  expect("an unknown flag, bad vector",
         rs(syscall(SYS_preadv2, f, (void *)8, 1, 0L, 0L, F_BAD)), "EFAULT");
  printf("an unknown flag, 0 bytes: %ld\n",
         rw2(f, (char[4]){0}, 0, 0, F_BAD, 0));
  printf("an unknown flag, no vectors: %ld\n",
         rs(syscall(SYS_preadv2, f, (void *)8, 0, 0L, 0L, F_BAD)));
  printf("NOWAIT on a file, 0 bytes: %ld\n",
         rw2(f, (char[4]){0}, 0, 0, F_NOWAIT, 0));

  int p[2];
  check(pipe(p) == 0, "a blocking pipe");
  expect("an unknown flag on a pipe at offset 0",
         rw2(p[0], (char[4]){0}, 4, 0, F_BAD, 0), "ESPIPE");
  static char big[1 << 16];
  char b[8] = {0};
  check(write(p[1], "abc", 3) == 3, "a write to the pipe");
  printf("APPEND write to a pipe after a read: ");
  read(p[0], big, sizeof big);
  printf("%ld\n", rw2(p[1], "z", 1, -1, F_APPEND, 1));
  int null = open("/dev/null", O_RDWR);
  printf("NOWAIT read of /dev/null: %ld\n", rw2(null, b, 4, -1, F_NOWAIT, 0));
  int zero = open("/dev/zero", O_RDONLY);
  printf("NOWAIT read of /dev/zero: %ld\n", rw2(zero, b, 4, -1, F_NOWAIT, 0));

  int on = 1;
  check(ioctl(p[0], FIOASYNC, &on) == 0, "FIOASYNC on");
  printf("F_GETFL has O_ASYNC: %d\n", (fcntl(p[0], F_GETFL) & O_ASYNC) != 0);
  on = 0;
  check(ioctl(p[0], FIOASYNC, &on) == 0, "FIOASYNC off");
  printf("F_GETFL has O_ASYNC: %d\n", (fcntl(p[0], F_GETFL) & O_ASYNC) != 0);
  return finish("rwf_flags");
}
