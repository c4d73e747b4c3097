/* fs.rename_open: names and open files are apart: a file renamed, moved
 * to another directory or replaced by rename while open keeps its data
 * and its descriptor; the replaced file lives on through its fd with
 * nlink 0; hard links count up and down with link and unlink, also
 * through an open fd (fstat), and the last unlink of an open file keeps
 * it until close. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

static long nlink_fd(int fd) {
  struct stat st;
  return fstat(fd, &st) ? -1 : (long)st.st_nlink;
}

int main(void) {
  int a = open("a", O_CREAT | O_RDWR, 0644);
  write(a, "AAAA", 4);
  int b = open("b", O_CREAT | O_RDWR, 0644);
  write(b, "BB", 2);
  struct stat sa, s2;
  fstat(a, &sa);
  expect("rename a -> c while open", rs(rename("a", "c")), "ok");
  stat("c", &s2);
  printf("c is the open file: %d\n", s2.st_ino == sa.st_ino);
  write(a, "aa", 2);
  stat("c", &s2);
  printf("writes through the fd show under the new name: size %ld\n", (long)s2.st_size);
  mkdir("d", 0755);
  expect("move c into d", rs(rename("c", "d/c")), "ok");
  char buf[16] = {0};
  pread(a, buf, 6, 0);
  printf("still readable: %s\n", buf);
  expect("rename b over d/c", rs(rename("b", "d/c")), "ok");
  printf("the replaced file: nlink %ld\n", nlink_fd(a));
  memset(buf, 0, sizeof buf);
  pread(a, buf, 6, 0);
  printf("its data through the fd: %s\n", buf);
  int c = open("d/c", O_RDONLY);
  memset(buf, 0, sizeof buf);
  read(c, buf, sizeof buf);
  printf("d/c now holds: %s (same as fd b: %d)\n", buf, nlink_fd(b) == nlink_fd(c));
  expect("link d/c l1", rs(link("d/c", "l1")), "ok");
  expect("link l1 d/l2", rs(link("l1", "d/l2")), "ok");
  printf("nlink after two links: %ld\n", nlink_fd(b));
  unlink("d/c");
  printf("after unlink d/c: %ld\n", nlink_fd(b));
  expect("link through a closed name", rs(link("d/c", "l3")), "ENOENT");
  unlink("l1");
  unlink("d/l2");
  printf("after the last unlink: %ld\n", nlink_fd(b));
  expect("linkat of an unlinked open file (AT_EMPTY_PATH)",
         rs(linkat(b, "", AT_FDCWD, "back", AT_EMPTY_PATH)), "ENOENT");
  check(write(b, "++", 2) == 2, "an unlinked file still takes writes");
  struct stat st;
  fstat(b, &st);
  printf("size %ld\n", (long)st.st_size);
  int t = open(".", O_TMPFILE | O_RDWR, 0600);
  printf("O_TMPFILE nlink %ld\n", nlink_fd(t));
  expect("linkat it", rs(linkat(t, "", AT_FDCWD, "named", AT_EMPTY_PATH)), "ok");
  expect("linkat it again", rs(linkat(t, "", AT_FDCWD, "named2", AT_EMPTY_PATH)), "ok");
  printf("nlink %ld\n", nlink_fd(t));
  expect("rename one link onto the other", rs(rename("named", "named2")), "ok");
  printf("rename of two links of one file leaves both: nlink %ld, named %s\n", nlink_fd(t),
         stat("named", &st) == 0 ? "exists" : "gone");
  return finish("rename_open");
}
