/* fs.memfd_seals: memfd_create gives an anonymous regular file; seals
 * only with MFD_ALLOW_SEALING; F_SEAL_GROW, F_SEAL_SHRINK and
 * F_SEAL_WRITE stop what they name with EPERM; F_SEAL_SEAL stops new
 * seals; seals on other files are EINVAL. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "contract.h"

static int mfd(const char *name, unsigned flags) {
  return (int)syscall(SYS_memfd_create, name, flags);
}

int main(void) {
  int a = mfd("plain", MFD_CLOEXEC);
  check(a >= 0, "memfd_create");
  struct stat st;
  fstat(a, &st);
  printf("regular %d size %ld mode %o cloexec %d\n", S_ISREG(st.st_mode),
         (long)st.st_size, st.st_mode & 0777, fcntl(a, F_GETFD));
  int fl = fcntl(a, F_GETFL);
  printf("acc rdwr %d\n", (fl & O_ACCMODE) == O_RDWR);
  check(write(a, "hello", 5) == 5 && ftruncate(a, 4096) == 0, "write and grow");
  printf("seals without ALLOW_SEALING: %s\n",
         fcntl(a, F_GET_SEALS) == F_SEAL_SEAL ? "F_SEAL_SEAL" : "other");
  expect("add a seal without ALLOW_SEALING", rs(fcntl(a, F_ADD_SEALS, F_SEAL_GROW)), "EPERM");
  expect("bad flag", rs(mfd("x", 0x100)), "EINVAL");
  char longname[300];
  memset(longname, 'n', 250);
  longname[250] = 0;
  expect("a 250-byte name", rs(mfd(longname, 0)), "EINVAL");
  longname[249] = 0;
  expect("a 249-byte name", rs(mfd(longname, 0) >= 0 ? 0 : -errno), "ok");
  int tf = open("f", O_CREAT | O_RDWR, 0600);
  printf("seals of a tmpfs file: %s\n",
         fcntl(tf, F_GET_SEALS) == F_SEAL_SEAL ? "F_SEAL_SEAL" : "other");
  expect("add a seal to a tmpfs file", rs(fcntl(tf, F_ADD_SEALS, F_SEAL_GROW)), "EPERM");
  int p[2];
  pipe(p);
  expect("seals on a pipe", rs(fcntl(p[0], F_GET_SEALS)), "EINVAL");

  int s = mfd("sealed", MFD_ALLOW_SEALING);
  printf("seals at start: %d\n", fcntl(s, F_GET_SEALS));
  write(s, "0123456789", 10);
  expect("add GROW|SHRINK", rs(fcntl(s, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK)), "ok");
  printf("seals now: grow %d shrink %d\n", (fcntl(s, F_GET_SEALS) & F_SEAL_GROW) != 0,
         (fcntl(s, F_GET_SEALS) & F_SEAL_SHRINK) != 0);
  expect("grow by ftruncate", rs(ftruncate(s, 20)), "EPERM");
  expect("shrink by ftruncate", rs(ftruncate(s, 5)), "EPERM");
  expect("same size ftruncate", rs(ftruncate(s, 10)), "ok");
  expect("write inside", rs(pwrite(s, "ab", 2, 0) == 2 ? 0 : -errno), "ok");
  expect("write at the end", rs(pwrite(s, "ab", 2, 10)), "EPERM");
  expect("write across the end", rs(pwrite(s, "abcd", 4, 8)), "EPERM");
  expect("add WRITE", rs(fcntl(s, F_ADD_SEALS, F_SEAL_WRITE)), "ok");
  expect("write after F_SEAL_WRITE", rs(pwrite(s, "a", 1, 0)), "EPERM");
  char buf[4];
  expect("read still works", rs(pread(s, buf, 4, 0) == 4 ? 0 : -errno), "ok");
  expect("add SEAL", rs(fcntl(s, F_ADD_SEALS, F_SEAL_SEAL)), "ok");
  expect("add after F_SEAL_SEAL", rs(fcntl(s, F_ADD_SEALS, F_SEAL_SHRINK)), "EPERM");
  expect("bad seal bits", rs(fcntl(mfd("b", MFD_ALLOW_SEALING), F_ADD_SEALS, 0x1000)),
         "EINVAL");
  return finish("memfd_seals");
}
