/* fd.dev_vectors: the vector calls on the mem devices: readv of
 * /dev/zero fills every segment, writev to /dev/null takes them all,
 * writev to /dev/full is ENOSPC, readv of /dev/full reads zeros, preadv
 * and pwritev on them ignore the offset, /dev/null reads 0. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/uio.h>

#include "contract.h"

int main(void) {
  char a[10], b[3000], c[5000];
  memset(a, 1, sizeof a);
  memset(b, 1, sizeof b);
  memset(c, 1, sizeof c);
  struct iovec v[3] = {{a, sizeof a}, {b, sizeof b}, {c, sizeof c}};
  int zero = open("/dev/zero", O_RDWR);
  long n = rs(readv(zero, v, 3));
  printf("readv /dev/zero: %ld zeros %d %d %d\n", n,
         all_bytes(a, sizeof a, 0), all_bytes(b, sizeof b, 0), all_bytes(c, sizeof c, 0));
  printf("writev /dev/zero: %ld\n", rs(writev(zero, v, 3)));
  printf("preadv /dev/zero at 12345: %ld\n", rs(preadv(zero, v, 2, 12345)));
  int null = open("/dev/null", O_RDWR);
  printf("writev /dev/null: %ld\n", rs(writev(null, v, 3)));
  printf("readv /dev/null: %ld\n", rs(readv(null, v, 3)));
  printf("pwritev /dev/null at 99: %ld\n", rs(pwritev(null, v, 3, 99)));
  int full = open("/dev/full", O_RDWR);
  expect("writev /dev/full", rs(writev(full, v, 3)), "ENOSPC");
  expect("pwritev /dev/full", rs(pwritev(full, v, 1, 0)), "ENOSPC");
  struct iovec e[1] = {{a, 0}};
  printf("writev /dev/full, empty segment: %ld\n", rs(writev(full, e, 1)));
  memset(a, 1, sizeof a);
  memset(c, 1, sizeof c);
  n = rs(readv(full, v, 3));
  printf("readv /dev/full: %ld zeros %d %d\n", n,
         all_bytes(a, sizeof a, 0), all_bytes(c, sizeof c, 0));
  printf("offsets stay 0: %ld %ld %ld\n", (long)lseek(zero, 0, SEEK_CUR),
         (long)lseek(null, 0, SEEK_CUR), (long)lseek(full, 0, SEEK_CUR));
  int ro = open("/dev/zero", O_RDONLY);
  expect("writev on a read-only /dev/zero", rs(writev(ro, v, 1)), "EBADF");
  return finish("dev_vectors");
}
