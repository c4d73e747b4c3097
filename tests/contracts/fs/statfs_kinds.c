/* fs.statfs_kinds: statfs(2)/fstatfs(2): the private /tmp is tmpfs
 * (TMPFS_MAGIC, 4096-byte blocks, names of 255, free <= total), a file
 * and its directory report the same filesystem, a pipe is on pipefs, /
 * and /dev answer (what they are is the machine's business); errors
 * ENOENT, ENOTDIR, EBADF, EFAULT. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/statfs.h>

#include "contract.h"

int main(void) {
  struct statfs a, b;
  expect("statfs /tmp", rs(statfs("/tmp", &a)), "ok");
  printf("/tmp: tmpfs %d bsize %ld namelen %ld free<=total %d avail==free %d\n",
         a.f_type == 0x01021994, (long)a.f_bsize, (long)a.f_namelen,
         a.f_bfree <= a.f_blocks, a.f_bavail == a.f_bfree);
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  expect("fstatfs of a file in /tmp", rs(fstatfs(fd, &b)), "ok");
  printf("same type %d, same fsid %d\n", a.f_type == b.f_type,
         memcmp(&a.f_fsid, &b.f_fsid, sizeof a.f_fsid) == 0);
  expect("statfs of a file", rs(statfs("f", &b)), "ok");
  expect("statfs /", rs(statfs("/", &b)), "ok");
  expect("statfs /dev", rs(statfs("/dev", &b)), "ok");
  expect("statfs /dev/null", rs(statfs("/dev/null", &b)), "ok");
  int p[2];
  pipe(p);
  expect("fstatfs of a pipe", rs(fstatfs(p[0], &b)), "ok");
  printf("pipe: PIPEFS_MAGIC %d\n", b.f_type == 0x50495045);
  int op = open("f", O_PATH);
  expect("fstatfs of an O_PATH fd", rs(fstatfs(op, &b)), "ok");
  printf("O_PATH: tmpfs %d\n", b.f_type == 0x01021994);
  expect("statfs missing", rs(statfs("nx", &b)), "ENOENT");
  expect("statfs f/x", rs(statfs("f/x", &b)), "ENOTDIR");
  expect("statfs empty path", rs(statfs("", &b)), "ENOENT");
  expect("fstatfs closed fd", rs(fstatfs(99, &b)), "EBADF");
  expect("statfs into a bad buffer", rs(syscall(SYS_statfs, "/tmp", 8)), "EFAULT");
  expect("fstatfs into a bad buffer", rs(syscall(SYS_fstatfs, fd, 8)), "EFAULT");
  return finish("statfs_kinds");
}
