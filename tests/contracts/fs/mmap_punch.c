/* fs.mmap_punch: fallocate(PUNCH_HOLE) on a mapped tmpfs file: shared
 * mappings (in this process and a child) see zeros in the hole at once,
 * a private mapping's copied-on-write page keeps its copy while its
 * untouched pages show the hole; partial pages at the ends are zeroed in
 * place. madvise(MADV_REMOVE) punches the same hole through a shared
 * mapping (seen by read(2)); its errors: a private file mapping EACCES,
 * private anonymous memory EINVAL, a shared mapping of a read-only file
 * EACCES. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static char at(const char *m, long off) {
  return m[off] ? m[off] : '0';
}

int main(void) {
  int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
  char page[PG];
  for (int i = 0; i < 4; i++) {
    memset(page, 'a' + i, sizeof page);
    write(fd, page, sizeof page);
  }
  char *sh = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  char *pv = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  printf("before: shared %c%c%c%c private %c%c%c%c\n", at(sh, 0), at(sh, PG),
         at(sh, 2 * PG), at(sh, 3 * PG), at(pv, 0), at(pv, PG), at(pv, 2 * PG),
         at(pv, 3 * PG));
  pv[2 * PG] = 'X'; /* page 2 of the private mapping is its own copy now */
  int go[2], done[2];
  pipe(go);
  pipe(done);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    char c;
    read(go[0], &c, 1);
    printf("child after the punch: shared %c%c%c%c\n", at(sh, 0), at(sh, PG),
           at(sh, 2 * PG), at(sh, 3 * PG));
    fflush(stdout);
    _exit(0);
  }
  /* Punch bytes [PG + 100, 3 * PG + 50): page 2 whole, parts of 1 and 3. */
  expect("punch",
         rs(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PG + 100,
                      2 * PG - 50)),
         "ok");
  write(go[1], "g", 1);
  int st;
  waitpid(pid, &st, 0);
  printf("shared: page1 %c then %c, page2 %c, page3 %c then %c\n", at(sh, PG),
         at(sh, PG + 100), at(sh, 2 * PG), at(sh, 3 * PG + 49),
         at(sh, 3 * PG + 50));
  printf("private: page1 %c then %c, page2 %c (its copy), page3 %c then %c\n",
         at(pv, PG), at(pv, PG + 100), at(pv, 2 * PG), at(pv, 3 * PG + 49),
         at(pv, 3 * PG + 50));
  struct stat s;
  fstat(fd, &s);
  printf("size %ld blocks %ld\n", (long)s.st_size, (long)s.st_blocks);

  /* MADV_REMOVE through the shared mapping: pages 0 and 3. */
  expect("MADV_REMOVE page 0", rs(madvise(sh, PG, MADV_REMOVE)), "ok");
  expect("MADV_REMOVE page 3", rs(madvise(sh + 3 * PG, PG, MADV_REMOVE)), "ok");
  char buf[4];
  pread(fd, buf, 1, 0);
  pread(fd, buf + 1, 1, 3 * PG + 60);
  printf("read after MADV_REMOVE: %c %c, mapping %c %c\n",
         buf[0] ? buf[0] : '0', buf[1] ? buf[1] : '0', at(sh, 0),
         at(sh, 3 * PG + 60));
  fstat(fd, &s);
  printf("size %ld blocks %ld\n", (long)s.st_size, (long)s.st_blocks);
  sh[0] = 'n';
  pread(fd, buf, 1, 0);
  printf("a store after it reaches the file: %c\n", buf[0]);
  expect("MADV_REMOVE on a private file mapping",
         rs(madvise(pv, PG, MADV_REMOVE)), "EACCES");
  char *anon =
      mmap(0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  expect("MADV_REMOVE on private anonymous memory",
         rs(madvise(anon, PG, MADV_REMOVE)), "EINVAL");
  int ro = open("f", O_RDONLY);
  char *shro = mmap(0, PG, PROT_READ, MAP_SHARED, ro, 0);
  expect("MADV_REMOVE on a shared read-only file mapping",
         rs(madvise(shro, PG, MADV_REMOVE)), "EACCES");
  char *shr = mmap(0, PG, PROT_READ, MAP_SHARED, fd, 0);
  expect("MADV_REMOVE on a PROT_READ mapping of an O_RDWR file",
         rs(madvise(shr, PG, MADV_REMOVE)), "ok");
  return finish("fs.mmap_punch");
}
