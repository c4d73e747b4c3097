/* fs.mknod_kinds: mknod(2) makes regular files (also for type 0), FIFOs
 * and sockets for anyone, character and block devices only with
 * CAP_MKNOD (EPERM otherwise), never directories (EPERM); an unknown
 * type is EINVAL, an existing name EEXIST (even for a dangling symlink;
 * checked before the capability, as is EACCES), a trailing slash ENOENT;
 * a device node's rdev is kept. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include "contract.h"

static const char *kind(const char *p) {
  struct stat st;
  if (lstat(p, &st))
    return ename(-errno);
  mode_t m = st.st_mode;
  return S_ISREG(m) ? "regular" : S_ISFIFO(m) ? "fifo" : S_ISSOCK(m) ? "socket"
       : S_ISCHR(m) ? "char" : S_ISBLK(m) ? "block" : S_ISDIR(m) ? "dir" : "other";
}

int main(void) {
  umask(0);
  expect("mknod S_IFREG", rs(mknod("reg", S_IFREG | 0640, 0)), "ok");
  expect("mknod type 0", rs(mknod("zero", 0640, 0)), "ok");
  expect("mknod S_IFIFO", rs(mknod("fifo", S_IFIFO | 0600, 0)), "ok");
  expect("mknod S_IFSOCK", rs(mknod("sock", S_IFSOCK | 0600, 0)), "ok");
  printf("reg %s, zero %s, fifo %s, sock %s\n", kind("reg"), kind("zero"), kind("fifo"),
         kind("sock"));
  struct stat st;
  stat("reg", &st);
  printf("reg: size %ld mode %o\n", (long)st.st_size, st.st_mode & 07777);
  expect("mknod S_IFDIR", rs(mknod("dir", S_IFDIR | 0755, 0)), "EPERM");
  expect("mknod unknown type", rs(mknod("bad", 0110000 | 0644, 0)), "EINVAL");
  expect("mknod an existing name", rs(mknod("reg", S_IFREG | 0600, 0)), "EEXIST");
  symlink("nowhere", "dangling");
  expect("mknod over a dangling symlink", rs(mknod("dangling", S_IFREG | 0600, 0)),
         "EEXIST");
  expect("mknod with a trailing slash", rs(mknod("x/", S_IFREG | 0600, 0)), "ENOENT");
  expect("mknod in a missing dir", rs(mknod("nx/x", S_IFREG | 0600, 0)), "ENOENT");
  expect("mknodat via a dirfd",
         rs(mknodat(open(".", O_RDONLY | O_DIRECTORY), "at", S_IFIFO | 0644, 0)), "ok");
  expect("mknod char 1:3 as root", rs(mknod("null", S_IFCHR | 0666, makedev(1, 3))), "ok");
  expect("mknod block 7:0 as root", rs(mknod("blk", S_IFBLK | 0600, makedev(7, 0))), "ok");
  stat("null", &st);
  printf("null: %s rdev %u:%u\n", kind("null"), major(st.st_rdev), minor(st.st_rdev));
  stat("blk", &st);
  printf("blk: %s rdev %u:%u\n", kind("blk"), major(st.st_rdev), minor(st.st_rdev));
  stat("fifo", &st);
  printf("fifo rdev 0: %d\n", st.st_rdev == 0);
  int fd = open("null", O_RDWR);
  char b[4];
  printf("the new node works like /dev/null: write %ld read %ld\n", (long)write(fd, "abc", 3),
         0L + read(fd, b, 4));
  mkdir("ro", 0755);
  fflush(stdout);
  if (fork() == 0) {
    setresgid(1000, 1000, 1000);
    setresuid(1000, 1000, 1000);
    expect("child 1000: mknod char", rs(mknod("c2", S_IFCHR | 0600, makedev(1, 3))), "EPERM");
    expect("child 1000: mknod block", rs(mknod("b2", S_IFBLK | 0600, makedev(7, 0))), "EPERM");
    expect("child 1000: mknod fifo", rs(mknod("f2", S_IFIFO | 0600, 0)), "ok");
    expect("child 1000: mknod regular", rs(mknod("r2", S_IFREG | 0600, 0)), "ok");
    expect("child 1000: mknod char over an existing name",
           rs(mknod("reg", S_IFCHR | 0600, makedev(1, 3))), "EEXIST");
    expect("child 1000: mknod char in a dir it cannot write",
           rs(mknod("ro/c", S_IFCHR | 0600, makedev(1, 3))), "EACCES");
    expect("child 1000: mknod dir over an existing name", rs(mknod("reg", S_IFDIR | 0600, 0)),
           "EPERM");
    fflush(stdout);
    _exit(failed);
  }
  int s;
  wait(&s);
  if (WEXITSTATUS(s))
    failed = 1;
  return finish("mknod_kinds");
}
