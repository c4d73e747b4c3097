/* fd.memfd_flags: memfd_create(2)'s name and flags. A name of up to 249
 * bytes (any bytes, '/' and "" included) is fine, 250 is EINVAL, a bad
 * pointer EFAULT, an unknown flag EINVAL; MFD_CLOEXEC sets FD_CLOEXEC;
 * without MFD_ALLOW_SEALING the file is sealed with F_SEAL_SEAL. The
 * result is an unlinked regular file, mode 0777, size 0, empty, and each
 * call makes a new file. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

static long mfd(const char *name, unsigned flags) {
  return rs(syscall(SYS_memfd_create, name, flags));
}

int main(void) {
  char name[300];
  memset(name, 'n', sizeof name);
  name[249] = 0;
  long a = mfd(name, 0);
  printf("a 249-byte name: %s\n", ename(a));
  name[249] = 'n';
  name[250] = 0;
  expect("a 250-byte name", mfd(name, 0), "EINVAL");
  expect("a bad name pointer", mfd((char *)8, 0), "EFAULT");
  expect("flag 0x100", mfd("x", 0x100), "EINVAL");
  expect("flag 0x80000000", mfd("x", 0x80000000u), "EINVAL");
  long s = mfd("a/b", 0), e = mfd("", 0);
  printf("a name with a slash: %s, an empty name: %s\n", ename(s), ename(e));
  long c = mfd("cl", MFD_CLOEXEC), p = mfd("plain", 0);
  long q = mfd("sealing", MFD_ALLOW_SEALING);
  printf("FD_CLOEXEC: with MFD_CLOEXEC %ld, without %ld\n",
         rs(fcntl((int)c, F_GETFD)), rs(fcntl((int)p, F_GETFD)));
  printf("seals: plain %#lx, MFD_ALLOW_SEALING %#lx\n",
         rs(fcntl((int)p, F_GET_SEALS)), rs(fcntl((int)q, F_GET_SEALS)));
  expect("adding a seal to the plain one",
         rs(fcntl((int)p, F_ADD_SEALS, F_SEAL_WRITE)), "EPERM");
  struct stat st;
  check(fstat((int)p, &st) == 0, "fstat");
  printf("mode %o, nlink %ld, size %ld, blocks %ld\n", st.st_mode,
         (long)st.st_nlink, (long)st.st_size, (long)st.st_blocks);
  struct stat st2;
  fstat((int)q, &st2);
  printf("two memfds share an inode: %d, a device: %d\n",
         st.st_ino == st2.st_ino, st.st_dev == st2.st_dev);
  check(write((int)p, "data", 4) == 4, "write");
  char back[8] = {0};
  check(pread((int)p, back, 8, 0) == 4 && !memcmp(back, "data", 4),
        "read back");
  return finish("memfd_flags");
}
