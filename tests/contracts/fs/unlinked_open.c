/* fs.unlinked_open: an open file that loses its last name stays usable
 * (nlink 0); O_TMPFILE makes such a file from the start, and linkat with
 * AT_EMPTY_PATH gives it a name. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  write(fd, "kept", 4);
  check(unlink("f") == 0, "unlink while open");
  struct stat st;
  fstat(fd, &st);
  printf("nlink %ld size %ld\n", (long)st.st_nlink, (long)st.st_size);
  char buf[8] = {0};
  check(pread(fd, buf, 4, 0) == 4 && memcmp(buf, "kept", 4) == 0,
        "data still there");
  check(write(fd, "more", 4) == 4, "still writable");
  int dup = open("f", O_RDONLY);
  expect("the name is gone", rs(dup), "ENOENT");
  close(fd);

  int t = open(".", O_TMPFILE | O_RDWR, 0600);
  check(t >= 0, "O_TMPFILE");
  fstat(t, &st);
  printf("tmpfile: regular %d nlink %ld\n", S_ISREG(st.st_mode), (long)st.st_nlink);
  write(t, "tmp", 3);
  expect("O_TMPFILE read-only", rs(open(".", O_TMPFILE | O_RDONLY, 0600)), "EINVAL");
  expect("O_TMPFILE on a file", rs(open("/dev/null", O_TMPFILE | O_RDWR, 0600)),
         "ENOTDIR");
  expect("linkat AT_EMPTY_PATH", rs(linkat(t, "", AT_FDCWD, "named", AT_EMPTY_PATH)),
         "ok");
  fstat(t, &st);
  printf("after linkat: nlink %ld\n", (long)st.st_nlink);
  memset(buf, 0, sizeof buf);
  int n = open("named", O_RDONLY);
  check(read(n, buf, 8) == 3 && strcmp(buf, "tmp") == 0, "named file has the data");
  return finish("unlinked_open");
}
