/* fs.tmp_start: a test starts in /tmp, an empty tmpfs of its own (mode
 * 1777, statfs TMPFS_MAGIC), with stdin /dev/null (character device 1:3)
 * and stdout a pipe (FIFO). */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>

#include "contract.h"

int main(void) {
  char cwd[64];
  expect_str("getcwd", getcwd(cwd, sizeof cwd) ? cwd : "error", "/tmp");
  struct stat st;
  check(stat(".", &st) == 0 && S_ISDIR(st.st_mode), "cwd is a directory");
  printf("cwd mode %o nlink %ld size %ld\n", st.st_mode & 07777,
         (long)st.st_nlink, (long)st.st_size);
  struct statfs sf;
  check(statfs(".", &sf) == 0 && sf.f_type == 0x01021994, "statfs TMPFS_MAGIC");
  printf("f_bsize %ld f_namelen %ld\n", (long)sf.f_bsize, (long)sf.f_namelen);
  int n = 0;
  DIR *d = opendir(".");
  for (struct dirent *e; d && (e = readdir(d));)
    n++;
  printf("entries %d\n", n);
  check(fstat(0, &st) == 0 && S_ISCHR(st.st_mode), "stdin a character device");
  printf("stdin rdev %u:%u\n", major(st.st_rdev), minor(st.st_rdev));
  check(fstat(1, &st) == 0 && S_ISFIFO(st.st_mode), "stdout a FIFO");
  printf("stdout mode %o\n", st.st_mode & 07777);
  struct stat root;
  check(stat("/", &root) == 0 && stat("/tmp", &st) == 0 &&
            root.st_dev != st.st_dev,
        "/tmp is a filesystem of its own");
  check(stat("..", &st) == 0 && st.st_ino == root.st_ino &&
            st.st_dev == root.st_dev,
        ".. of /tmp is /");
  return finish("tmp_start");
}
