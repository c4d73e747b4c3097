/* fs.mmap_modes: what mmap and mprotect of a file check: the open mode
 * (every mapping needs read access, a shared writable one write access;
 * mprotect cannot add write to a shared mapping of a read-only descriptor),
 * which files can be mapped, the offset's alignment and range, and the
 * flags MAP_SHARED_VALIDATE refuses. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

int main(void) {
  int rw = open("f", O_CREAT | O_RDWR, 0600);
  check(ftruncate(rw, 2 * PG) == 0, "a file of two pages");
  int ro = open("f", O_RDONLY);
  int wo = open("f", O_WRONLY);
  int ap = open("f", O_RDWR | O_APPEND);

  expect("read-only: shared read", mm(0, PG, PROT_READ, MAP_SHARED, ro, 0),
         "ok");
  expect("read-only: shared write", mm(0, PG, RW, MAP_SHARED, ro, 0), "EACCES");
  expect("read-only: private write", mm(0, PG, RW, MAP_PRIVATE, ro, 0), "ok");
  expect("write-only: private read", mm(0, PG, PROT_READ, MAP_PRIVATE, wo, 0),
         "EACCES");
  expect("write-only: shared write", mm(0, PG, RW, MAP_SHARED, wo, 0),
         "EACCES");
  expect("write-only: shared, no access",
         mm(0, PG, PROT_NONE, MAP_SHARED, wo, 0), "EACCES");
  expect("read-write: shared write", mm(0, PG, RW, MAP_SHARED, rw, 0), "ok");
  expect("O_APPEND: shared write", mm(0, PG, RW, MAP_SHARED, ap, 0), "ok");

  long s = mm(0, 2 * PG, PROT_READ, MAP_SHARED, ro, 0);
  expect("mprotect shared read-only to write", rs(mprotect((void *)s, PG, RW)),
         "EACCES");
  expect("mprotect it to none", rs(mprotect((void *)s, PG, PROT_NONE)), "ok");
  expect("and back to read", rs(mprotect((void *)s, PG, PROT_READ)), "ok");
  long pv = mm(0, PG, PROT_READ, MAP_PRIVATE, ro, 0);
  expect("mprotect private read-only to write",
         rs(mprotect((void *)pv, PG, RW)), "ok");
  long sw = mm(0, PG, PROT_READ, MAP_SHARED, rw, 0);
  expect("mprotect shared of a read-write descriptor to write",
         rs(mprotect((void *)sw, PG, RW)), "ok");
  ((char *)sw)[0] = 'w';
  char c = 0;
  check(pread(ro, &c, 1, 0) == 1 && c == 'w', "the store reaches the file");

  expect("offset not page aligned", mm(0, PG, PROT_READ, MAP_SHARED, rw, 100),
         "EINVAL");
  expect("offset past the file", mm(0, PG, PROT_READ, MAP_SHARED, rw, 64 * PG),
         "ok");
  expect("offset near the top of the range",
         mm(0, 2 * PG, PROT_READ, MAP_SHARED, rw, 0x7ffffffffffff000L),
         "EOVERFLOW");
  expect("negative offset", mm(0, PG, PROT_READ, MAP_SHARED, rw, -PG),
         "EOVERFLOW");
  expect("MAP_GROWSDOWN of a file",
         mm(0, PG, PROT_READ, MAP_PRIVATE | MAP_GROWSDOWN, rw, 0), "EINVAL");
  expect("MAP_SHARED_VALIDATE", mm(0, PG, RW, MAP_SHARED_VALIDATE, rw, 0),
         "ok");
  expect("MAP_SHARED_VALIDATE with MAP_SYNC",
         mm(0, PG, RW, MAP_SHARED_VALIDATE | MAP_SYNC, rw, 0), "EOPNOTSUPP");
  expect("MAP_SHARED ignores MAP_SYNC",
         mm(0, PG, RW, MAP_SHARED | MAP_SYNC, rw, 0), "ok");

  int d = open(".", O_RDONLY | O_DIRECTORY);
  expect("a directory", mm(0, PG, PROT_READ, MAP_PRIVATE, d, 0), "ENODEV");
  int path = open("f", O_PATH);
  expect("an O_PATH descriptor", mm(0, PG, PROT_READ, MAP_PRIVATE, path, 0),
         "EBADF");
  int null = open("/dev/null", O_RDWR);
  expect("/dev/null", mm(0, PG, PROT_READ, MAP_SHARED, null, 0), "ENODEV");
  int zro = open("/dev/zero", O_RDONLY);
  expect("/dev/zero read-only: shared write", mm(0, PG, RW, MAP_SHARED, zro, 0),
         "EACCES");
  long z = mm(0, PG, PROT_READ, MAP_SHARED, zro, 0);
  expect("/dev/zero read-only: shared read", z, "ok");
  expect("mprotect it to write", rs(mprotect((void *)z, PG, RW)), "EACCES");
  int fifo = mkfifo("p", 0600) == 0 ? open("p", O_RDWR) : -1;
  expect("a FIFO", mm(0, PG, PROT_READ, MAP_SHARED, fifo, 0), "ENODEV");

  close(rw);
  expect("closed descriptor", mm(0, PG, PROT_READ, MAP_SHARED, rw, 0), "EBADF");
  return finish("mmap_modes");
}
