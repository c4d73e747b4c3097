/* fs.symlinks: symlink and readlink, lstat against stat, following in
 * the middle of a path and at its end, O_NOFOLLOW, loops (ELOOP), a
 * trailing slash, and O_CREAT through a dangling link. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

int main(void) {
  mkdir("dir", 0755);
  int fd = open("dir/file", O_CREAT | O_WRONLY, 0644);
  write(fd, "data", 4);
  close(fd);
  expect("symlink to file", rs(symlink("dir/file", "lf")), "ok");
  expect("symlink to dir", rs(symlink("dir", "ld")), "ok");
  expect("symlink existing name", rs(symlink("x", "lf")), "EEXIST");
  expect("symlink empty target", rs(symlink("", "le")), "ENOENT");
  char buf[64] = {0};
  long n = readlink("lf", buf, sizeof buf);
  printf("readlink lf: %ld %s\n", n, n > 0 ? buf : "");
  memset(buf, 0, sizeof buf);
  n = readlink("lf", buf, 3);
  printf("readlink lf into 3 bytes: %ld %.3s\n", n, buf);
  expect("readlink a file", rs(readlink("dir/file", buf, sizeof buf)), "EINVAL");
  /* raw: musl turns a size of 0 into a 1-byte buffer of its own */
  expect("readlinkat size 0", rs(syscall(SYS_readlinkat, AT_FDCWD, "lf", buf, 0)),
         "EINVAL");
  struct stat st, lst;
  stat("lf", &st);
  lstat("lf", &lst);
  printf("stat lf: regular %d size %ld; lstat: link %d size %ld mode %o\n",
         S_ISREG(st.st_mode), (long)st.st_size, S_ISLNK(lst.st_mode),
         (long)lst.st_size, lst.st_mode & 07777);
  check(stat("ld/file", &st) == 0 && st.st_size == 4, "through a dir link");
  expect("O_NOFOLLOW on a link", rs(open("lf", O_RDONLY | O_NOFOLLOW)), "ELOOP");
  expect("O_NOFOLLOW in the middle", rs(open("ld/file", O_RDONLY | O_NOFOLLOW)), "ok");
  expect("file link with a trailing slash", rs(open("lf/", O_RDONLY)), "ENOTDIR");
  expect("dir link with a trailing slash", rs(open("ld/", O_RDONLY)), "ok");
  symlink("loop2", "loop1");
  symlink("loop1", "loop2");
  expect("a loop", rs(open("loop1", O_RDONLY)), "ELOOP");
  expect("lstat of a loop", rs(lstat("loop1", &lst)), "ok");
  symlink("self", "self");
  expect("a link to itself", rs(stat("self", &st)), "ELOOP");
  symlink("/tmp/dir", "abs");
  expect("an absolute link", rs(stat("abs/file", &st)), "ok");
  symlink("missing", "dangling");
  expect("stat dangling", rs(stat("dangling", &st)), "ENOENT");
  expect("lstat dangling", rs(lstat("dangling", &st)), "ok");
  int c = open("dangling", O_CREAT | O_WRONLY, 0600);
  check(c >= 0, "O_CREAT through a dangling link");
  close(c);
  expect("its target now", rs(stat("missing", &st)), "ok");
  expect("O_CREAT|O_EXCL on a link", rs(open("lf", O_CREAT | O_EXCL | O_WRONLY, 0600)),
         "EEXIST");
  /* 40 links in a chain resolve; 41 do not. */
  char a[16], b[16];
  symlink("dir/file", "c0");
  for (int i = 1; i <= 41; i++) {
    snprintf(a, sizeof a, "c%d", i - 1);
    snprintf(b, sizeof b, "c%d", i);
    symlink(a, b);
  }
  expect("a chain of 40", rs(stat("c39", &st)), "ok");
  expect("a chain of 41", rs(stat("c40", &st)), "ELOOP");
  expect("unlink a link", rs(unlink("lf")), "ok");
  expect("the target stays", rs(stat("dir/file", &st)), "ok");
  return finish("symlinks");
}
