/* fs.rename_link: rename(2), renameat2 and link(2) rules: replacing,
 * directories over files and back, moving below itself, NOREPLACE and
 * EXCHANGE, hard links and their counts. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "contract.h"

static void touch(const char *p, const char *data) {
  int fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  write(fd, data, strlen(data));
  close(fd);
}

static const char *content(const char *p) {
  static char buf[32];
  memset(buf, 0, sizeof buf);
  int fd = open(p, O_RDONLY);
  if (fd < 0)
    return ename(-errno);
  read(fd, buf, sizeof buf - 1);
  close(fd);
  return buf;
}

int main(void) {
  touch("a", "A");
  touch("b", "B");
  mkdir("d", 0755);
  mkdir("e", 0755);
  touch("e/x", "X");
  expect("rename a -> b", rs(rename("a", "b")), "ok");
  expect_str("b holds", content("b"), "A");
  expect_str("a now", content("a"), "ENOENT");
  expect("rename a file over a dir", rs(rename("b", "d")), "EISDIR");
  expect("rename a dir over a file", rs(rename("d", "b")), "ENOTDIR");
  expect("rename a dir over a non-empty dir", rs(rename("d", "e")), "ENOTEMPTY");
  expect("rename a dir below itself", rs(rename("d", "d/sub")), "EINVAL");
  expect("rename missing", rs(rename("nx", "y")), "ENOENT");
  expect("rename to a missing dir", rs(rename("b", "nx/y")), "ENOENT");
  expect("rename file to file/", rs(rename("b", "c/")), "ENOTDIR");
  expect("rename onto itself", rs(rename("b", "b")), "ok");
  expect("rename dir over empty dir", rs(rename("e/x", "ex") | rename("d", "e")), "ok");
  struct stat st;
  printf("e is a dir: %s, d gone: %s\n", stat("e", &st) == 0 && S_ISDIR(st.st_mode) ? "yes" : "no",
         stat("d", &st) ? "yes" : "no");
  mkdir("p", 0755);
  stat(".", &st);
  long before = (long)st.st_nlink;
  expect("move a dir into another", rs(rename("e", "p/e")), "ok");
  stat(".", &st);
  printf("cwd links %ld -> %ld\n", before, (long)st.st_nlink);
  stat("p", &st);
  printf("p links %ld\n", (long)st.st_nlink);
  touch("n1", "1");
  touch("n2", "2");
  expect("renameat2 NOREPLACE onto a file",
         rs(syscall(SYS_renameat2, AT_FDCWD, "n1", AT_FDCWD, "n2", 1)), "EEXIST");
  expect("renameat2 EXCHANGE",
         rs(syscall(SYS_renameat2, AT_FDCWD, "n1", AT_FDCWD, "n2", 2)), "ok");
  expect_str("n1 after exchange", content("n1"), "2");
  expect_str("n2 after exchange", content("n2"), "1");
  expect("renameat2 EXCHANGE with a missing one",
         rs(syscall(SYS_renameat2, AT_FDCWD, "n1", AT_FDCWD, "nx", 2)), "ENOENT");
  expect("renameat2 NOREPLACE|EXCHANGE",
         rs(syscall(SYS_renameat2, AT_FDCWD, "n1", AT_FDCWD, "n2", 3)), "EINVAL");
  expect("renameat2 unknown flag",
         rs(syscall(SYS_renameat2, AT_FDCWD, "n1", AT_FDCWD, "n2", 64)), "EINVAL");

  expect("link n1 l1", rs(link("n1", "l1")), "ok");
  stat("n1", &st);
  printf("n1 links %ld\n", (long)st.st_nlink);
  expect("link onto an existing name", rs(link("n1", "n2")), "EEXIST");
  expect("link a directory", rs(link("p", "pl")), "EPERM");
  expect("link a missing file", rs(link("nx", "y")), "ENOENT");
  expect("link across filesystems", rs(link("n1", "/dev/n1")), "EXDEV");
  expect("rename across filesystems", rs(rename("n1", "/dev/n1")), "EXDEV");
  unlink("n1");
  expect_str("l1 keeps the data", content("l1"), "2");
  stat("l1", &st);
  printf("l1 links %ld\n", (long)st.st_nlink);
  return finish("rename_link");
}
