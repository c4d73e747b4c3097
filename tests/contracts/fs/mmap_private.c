/* fs.mmap_private: MAP_PRIVATE of a file is copy on write: it reads the
 * file, a store copies the page for this mapping alone (the file and other
 * mappings never see it), a page not copied yet still shows later writes
 * to the file (as Linux), fork copies as for anonymous memory, and
 * MADV_DONTNEED drops the copies. /dev/zero maps anonymous memory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  char page[PG];
  memset(page, 'A', PG);
  check(write(fd, page, PG) == PG && write(fd, page, PG) == PG,
        "two pages of A");
  long r = mm(0, 2 * PG, RW, MAP_PRIVATE, fd, 0);
  expect("mmap private", r, "ok");
  char *p = (char *)r;
  check(all_bytes(p, 2 * PG, 'A'), "it reads the file");
  p[5] = 'b';
  char c = 0;
  check(pread(fd, &c, 1, 5) == 1 && c == 'A',
        "a store does not reach the file");
  check(pwrite(fd, "W", 1, PG + 7) == 1, "write the file's second page");
  check(p[PG + 7] == 'W', "an uncopied page shows the write");
  check(pwrite(fd, "V", 1, 6) == 1, "write the file's first page");
  check(p[6] == 'A' && p[5] == 'b', "a copied page does not");

  long r2 = mm(0, PG, PROT_READ, MAP_SHARED, fd, 0);
  char *s = (char *)r2;
  check(r2 > 0 && s[5] == 'A' && s[6] == 'V', "a shared mapping sees the file");

  pid_t pid = fork();
  if (pid == 0) {
    p[PG] = 'k';
    p[5] = 'k';
    _exit(0);
  }
  waitpid(pid, 0, 0);
  check(p[PG] == 'A' && p[5] == 'b', "a child's stores stay in the child");
  check(pread(fd, &c, 1, PG) == 1 && c == 'A', "and out of the file");

  expect("MADV_DONTNEED", rs(madvise(p, 2 * PG, MADV_DONTNEED)), "ok");
  check(p[5] == 'A' && p[6] == 'V', "the copies are gone: the file again");

  int ro = open("f", O_RDONLY);
  r = mm(0, PG, RW, MAP_PRIVATE, ro, 0);
  expect("private writable of a read-only descriptor", r, "ok");
  ((char *)r)[0] = 'q';
  check(pread(ro, &c, 1, 0) == 1 && c == 'A', "its stores stay private");
  expect("msync of a private mapping", rs(msync((void *)r, PG, MS_SYNC)), "ok");

  int z = open("/dev/zero", O_RDWR);
  r = mm(0, 2 * PG, RW, MAP_PRIVATE, z, 0);
  expect("/dev/zero private", r, "ok");
  check(all_bytes((char *)r, 2 * PG, 0), "zeros");
  ((char *)r)[1] = 1;
  char zb = 9;
  check(read(z, &zb, 1) == 1 && zb == 0, "the device still reads zeros");
  r = mm(0, PG, RW, MAP_SHARED, z, 0);
  expect("/dev/zero shared", r, "ok");
  char *sh = (char *)r;
  pid = fork();
  if (pid == 0) {
    sh[3] = 'z';
    _exit(0);
  }
  waitpid(pid, 0, 0);
  check(sh[3] == 'z', "shared /dev/zero memory is shared with a child");
  return finish("mmap_private");
}
