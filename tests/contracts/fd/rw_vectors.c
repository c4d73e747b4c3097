/* fd.rw_vectors: readv, writev, preadv and pwritev on a regular file:
 * segments are filled in order, empty ones skipped, a short file ends
 * the read; the positioned forms leave the offset; a count over IOV_MAX
 * or negative, a negative length (in any segment) and a negative offset
 * are EINVAL; a bad iovec array, or a segment reaching past user memory,
 * EFAULT; a count of 0 reads 0. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>

#include "contract.h"

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  char a[] = "abc", b[] = "", c[] = "defgh";
  struct iovec w[3] = {{a, 3}, {b, 0}, {c, 5}};
  long n = rs(writev(fd, w, 3));
  printf("writev: %ld offset %ld\n", n, (long)lseek(fd, 0, SEEK_CUR));
  char x[4] = {0}, y[2] = {0}, z[8] = {0};
  struct iovec r[3] = {{x, 3}, {y, 2}, {z, 8}};
  lseek(fd, 0, SEEK_SET);
  n = rs(readv(fd, r, 3));
  printf("readv: %ld \"%s\" \"%.2s\" \"%s\"\n", n, x, y, z);
  printf("offset after readv %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  struct iovec pw[2] = {{"XY", 2}, {"Z", 1}};
  n = rs(pwritev(fd, pw, 2, 20));
  printf("pwritev at 20: %ld offset %ld\n", n, (long)lseek(fd, 0, SEEK_CUR));
  memset(z, 'q', sizeof z);
  struct iovec pr[2] = {{x, 2}, {z, 8}};
  n = rs(preadv(fd, pr, 2, 6));
  printf("preadv at 6: %ld \"%.2s\" zeros %d then \"%.3s\"\n", n, x, all_bytes(z, 4, 0),
         z + 4);
  printf("offset still %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  expect("preadv at the end", rs(preadv(fd, pr, 2, 100)), "ok");
  printf("preadv at the end reads %ld\n", (long)preadv(fd, pr, 2, 100));
  printf("readv with 0 segments: %ld\n", rs(readv(fd, r, 0)));
  printf("writev with 0 segments: %ld\n", rs(writev(fd, w, 0)));
  static struct iovec many[IOV_MAX + 1];
  for (int i = 0; i <= IOV_MAX; i++)
    many[i] = (struct iovec){a, 1};
  printf("writev IOV_MAX segments: %ld\n", rs(writev(fd, many, IOV_MAX)));
  expect("writev IOV_MAX+1 segments", rs(writev(fd, many, IOV_MAX + 1)), "EINVAL");
  expect("readv count -1", rs(syscall(SYS_readv, fd, r, -1)), "EINVAL");
  struct iovec neg[2] = {{a, 1}, {c, (size_t)-1}};
  expect("writev a negative length", rs(writev(fd, neg, 2)), "EINVAL");
  struct iovec over[2] = {{a, (size_t)LONG_MAX}, {c, 2}};
  expect("readv of a segment longer than user memory", rs(readv(fd, over, 2)), "EFAULT");
  struct iovec sum[2] = {{c, (size_t)LONG_MAX}, {c, (size_t)-2}};
  expect("a negative length after a huge one", rs(writev(fd, sum, 2)), "EINVAL");
  expect("preadv at -1", rs(syscall(SYS_preadv, fd, r, 1, -1L, 0)), "EINVAL");
  expect("pwritev at -2", rs(syscall(SYS_pwritev, fd, w, 1, -2L, 0)), "EINVAL");
  expect("readv a bad iovec array", rs(syscall(SYS_readv, fd, 8, 1)), "EFAULT");
  lseek(fd, 0, SEEK_SET);
  struct iovec bad[2] = {{x, 2}, {(void *)8, 4}};
  printf("readv, second buffer bad: %ld\n", rs(readv(fd, bad, 2)));
  int ro = open("f", O_RDONLY);
  expect("writev on O_RDONLY", rs(writev(ro, w, 1)), "EBADF");
  expect("readv on a closed fd", rs(readv(99, r, 1)), "EBADF");
  int p[2];
  pipe(p);
  expect("preadv on a pipe", rs(preadv(p[0], r, 1, 0)), "ESPIPE");
  expect("pwritev on a pipe", rs(pwritev(p[1], w, 1, 0)), "ESPIPE");
  return finish("rw_vectors");
}
