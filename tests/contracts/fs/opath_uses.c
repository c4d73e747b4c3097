/* fs.opath_uses: what an O_PATH descriptor is good for (open(2)): fstat,
 * fchdir (of a directory), *at calls relative to it, AT_EMPTY_PATH on
 * it (fstatat, linkat, fchownat), openat of "." below it, close, dup,
 * fcntl F_GETFL/F_GETFD; and what it is not: read, write, fchmod,
 * fchown, ioctl, getdents, fsync, lseek, mmap (EBADF). O_PATH ignores flags but
 * O_DIRECTORY, O_NOFOLLOW and O_CLOEXEC. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "contract.h"

int main(void) {
  mkdir("d", 0755);
  int f = open("d/f", O_CREAT | O_RDWR, 0600);
  write(f, "data", 4);
  int pd = open("d", O_PATH | O_DIRECTORY);
  int pf = open("d/f", O_PATH);
  struct stat st;
  expect("fstat an O_PATH dir", rs(fstat(pd, &st)), "ok");
  printf("it is a directory: %d\n", S_ISDIR(st.st_mode));
  expect("fstatat relative to it", rs(fstatat(pd, "f", &st, 0)), "ok");
  printf("size %ld\n", (long)st.st_size);
  expect("openat relative to it", rs(openat(pd, "f", O_RDONLY) >= 0 ? 0 : -errno), "ok");
  int dot = openat(pd, ".", O_RDONLY | O_DIRECTORY);
  expect("openat \".\" of it gives a real fd", rs(dot >= 0 ? 0 : -errno), "ok");
  char b[64];
  expect("getdents on that", rs(syscall(SYS_getdents64, dot, b, sizeof b) > 0 ? 0 : -errno),
         "ok");
  expect("getdents on the O_PATH fd", rs(syscall(SYS_getdents64, pd, b, sizeof b)), "EBADF");
  expect("mkdirat relative to it", rs(mkdirat(pd, "sub", 0755)), "ok");
  expect("fchdir to it", rs(fchdir(pd)), "ok");
  expect("f relative to the new cwd", rs(access("f", F_OK)), "ok");
  chdir("/tmp");
  expect("fchdir to an O_PATH file", rs(fchdir(pf)), "ENOTDIR");
  expect("fstatat AT_EMPTY_PATH", rs(fstatat(pf, "", &st, AT_EMPTY_PATH)), "ok");
  expect("linkat AT_EMPTY_PATH", rs(linkat(pf, "", AT_FDCWD, "hard", AT_EMPTY_PATH)), "ok");
  expect("fchownat AT_EMPTY_PATH", rs(fchownat(pf, "", 0, 0, AT_EMPTY_PATH)), "ok");
  expect("faccessat2 AT_EMPTY_PATH",
         rs(syscall(SYS_faccessat2, pf, "", R_OK, AT_EMPTY_PATH)), "ok");
  expect("read", rs(read(pf, b, 1)), "EBADF");
  expect("write", rs(write(pf, "x", 1)), "EBADF");
  expect("pread", rs(pread(pf, b, 1, 0)), "EBADF");
  /* raw: musl's fchmod and fchown retry an EBADF through /proc/self/fd */
  expect("fchmod", rs(syscall(SYS_fchmod, pf, 0644)), "EBADF");
  expect("fchown", rs(syscall(SYS_fchown, pf, 0, 0)), "EBADF");
  expect("ioctl FIONREAD", rs(ioctl(pf, FIONREAD, b)), "EBADF");
  expect("fsync", rs(fsync(pf)), "EBADF");
  expect("mmap", mm(0, 4096, PROT_READ, MAP_SHARED, pf, 0), "EBADF");
  expect("lseek", rs(lseek(pf, 0, SEEK_SET)), "EBADF");
  expect("fstat", rs(fstat(pf, &st)), "ok");
  int d = dup(pf);
  printf("dup: O_PATH kept %d\n", (fcntl(d, F_GETFL) & O_PATH) != 0);
  expect("F_SETFL", rs(fcntl(pf, F_SETFL, O_NONBLOCK)), "EBADF");
  expect("F_SETFD", rs(fcntl(pf, F_SETFD, FD_CLOEXEC)), "ok");
  int t = open("d/f", O_PATH | O_TRUNC | O_WRONLY | O_CREAT | O_APPEND);
  fstat(t, &st);
  printf("O_PATH|O_TRUNC|O_WRONLY: size %ld, F_GETFL path %d append %d wronly %d\n",
         (long)st.st_size, (fcntl(t, F_GETFL) & O_PATH) != 0,
         (fcntl(t, F_GETFL) & O_APPEND) != 0, (fcntl(t, F_GETFL) & O_ACCMODE) == O_WRONLY);
  expect("O_PATH of a missing file with O_CREAT", rs(open("nx", O_PATH | O_CREAT, 0600)),
         "ENOENT");
  expect("O_PATH|O_DIRECTORY of a file", rs(open("d/f", O_PATH | O_DIRECTORY)), "ENOTDIR");
  symlink("d/f", "l");
  int pl = open("l", O_PATH | O_NOFOLLOW);
  fstat(pl, &st);
  printf("O_PATH|O_NOFOLLOW of a symlink: link %d\n", S_ISLNK(st.st_mode));
  char target[16] = {0};
  expect("readlinkat on it with \"\"", rs(readlinkat(pl, "", target, sizeof target) > 0 ? 0 : -errno),
         "ok");
  printf("target %s\n", target);
  expect("close", rs(close(pf)), "ok");
  return finish("opath_uses");
}
