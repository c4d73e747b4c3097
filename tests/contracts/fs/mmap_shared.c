/* fs.mmap_shared: a MAP_SHARED mapping of a tmpfs file is the file's own
 * pages: stores through it are what read() sees and what every other
 * mapping (in this process or a forked one) sees, write() shows through it,
 * holes inside the size read as zeros, the data outlives the mapping and
 * the file's name; msync's flag and range checks. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  check(fd >= 0 && ftruncate(fd, 3 * PG) == 0, "a file of three pages");
  long r = mm(0, 3 * PG, RW, MAP_SHARED, fd, 0);
  expect("mmap shared", r, "ok");
  char *p = (char *)r;
  check(all_bytes(p, 3 * PG, 0), "holes read as zeros");
  memcpy(p + 10, "through", 7);
  char buf[16] = {0};
  check(pread(fd, buf, 7, 10) == 7 && memcmp(buf, "through", 7) == 0,
        "read() sees a store");
  check(pwrite(fd, "written", 7, PG + 20) == 7, "pwrite");
  check(memcmp(p + PG + 20, "written", 7) == 0, "the mapping sees write()");
  struct stat st;
  fstat(fd, &st);
  check(st.st_size == 3 * PG, "stores leave the size alone");

  long r2 = mm(0, PG, PROT_READ, MAP_SHARED, fd, PG);
  expect("a second mapping at offset one page", r2, "ok");
  char *q = (char *)r2;
  check(memcmp(q + 20, "written", 7) == 0, "it shows the file's second page");
  p[PG + 100] = 'x';
  check(q[100] == 'x', "a store in one mapping shows in the other");

  pid_t pid = fork();
  if (pid == 0) {
    p[2 * PG] = 'c';
    _exit(q[100] == 'x' ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child sees it");
  check(p[2 * PG] == 'c', "a forked child's store shows in the parent");
  memset(buf, 0, sizeof buf);
  check(pread(fd, buf, 1, 2 * PG) == 1 && buf[0] == 'c', "and in the file");

  expect("msync MS_SYNC", rs(msync(p, 3 * PG, MS_SYNC)), "ok");
  expect("msync MS_ASYNC", rs(msync(p, PG, MS_ASYNC)), "ok");
  expect("msync MS_INVALIDATE", rs(msync(p, PG, MS_INVALIDATE)), "ok");
  expect("msync MS_SYNC|MS_INVALIDATE",
         rs(msync(p, PG, MS_SYNC | MS_INVALIDATE)), "ok");
  expect("msync MS_ASYNC|MS_SYNC", rs(msync(p, PG, MS_ASYNC | MS_SYNC)),
         "EINVAL");
  expect("msync unknown flag", rs(msync(p, PG, 8)), "EINVAL");
  expect("msync unaligned", rs(msync(p + 1, PG, MS_SYNC)), "EINVAL");
  expect("msync length 0", rs(msync(p, 0, MS_SYNC)), "ok");

  expect("mremap grows it", rs((long)mremap(q, PG, 2 * PG, MREMAP_MAYMOVE)),
         "ok");
  expect("munmap the first", rs(munmap(p, 3 * PG)), "ok");
  expect("msync where it was", rs(msync(p, PG, MS_SYNC)), "ENOMEM");
  memset(buf, 0, sizeof buf);
  check(pread(fd, buf, 7, 10) == 7 && memcmp(buf, "through", 7) == 0,
        "the data outlives the mapping");
  r = mm(0, PG, RW, MAP_SHARED, fd, 0);
  close(fd);
  check(unlink("f") == 0, "close and unlink while mapped");
  p = (char *)r;
  check(memcmp(p + 10, "through", 7) == 0, "a new mapping sees it");
  p[0] = 'z';
  check(p[0] == 'z', "still writable without a name or descriptor");
  return finish("mmap_shared");
}
