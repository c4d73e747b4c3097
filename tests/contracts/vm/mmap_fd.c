/* vm.mmap_fd: mmap of a descriptor that cannot be mapped. Under the contract
 * harness fd 0 is /dev/null opened read-only (no mmap: ENODEV; shared
 * writable: EACCES), fds 1 and 2 are pipe write ends (not readable: EACCES),
 * a pipe's read end has no mmap (ENODEV), and a closed descriptor is EBADF,
 * checked before the length. */
#define _GNU_SOURCE
#include "contract.h"

int main(void) {
  expect("fd 0 private read", mm(0, PG, PROT_READ, MAP_PRIVATE, 0, 0),
         "ENODEV");
  expect("fd 0 shared read", mm(0, PG, PROT_READ, MAP_SHARED, 0, 0), "ENODEV");
  expect("fd 0 shared write", mm(0, PG, RW, MAP_SHARED, 0, 0), "EACCES");
  expect("fd 1 private read", mm(0, PG, PROT_READ, MAP_PRIVATE, 1, 0),
         "EACCES");
  expect("fd 2 shared read", mm(0, PG, PROT_READ, MAP_SHARED, 2, 0), "EACCES");
  expect("fd 99 (not open)", mm(0, PG, PROT_READ, MAP_PRIVATE, 99, 0), "EBADF");
  expect("fd -1 without MAP_ANONYMOUS",
         mm(0, PG, PROT_READ, MAP_PRIVATE, -1, 0), "EBADF");
  expect("bad fd before length 0", mm(0, 0, PROT_READ, MAP_PRIVATE, 99, 0),
         "EBADF");
  expect("fd 0 with length 0", mm(0, 0, PROT_READ, MAP_PRIVATE, 0, 0),
         "EINVAL");
  expect("fd 0 with no type", mm(0, PG, PROT_READ, 0, 0, 0), "EINVAL");
  int pfd[2];
  expect("pipe", pipe(pfd) ? -errno : 0, "ok");
  expect("pipe read end private read",
         mm(0, PG, PROT_READ, MAP_PRIVATE, pfd[0], 0), "ENODEV");
  expect("pipe read end shared write", mm(0, PG, RW, MAP_SHARED, pfd[0], 0),
         "EACCES");
  expect("pipe write end private read",
         mm(0, PG, PROT_READ, MAP_PRIVATE, pfd[1], 0), "EACCES");
  close(pfd[0]);
  expect("a closed pipe fd", mm(0, PG, PROT_READ, MAP_PRIVATE, pfd[0], 0),
         "EBADF");
  expect("MAP_ANONYMOUS ignores the fd", mm(0, PG, RW, ANON, 99, 0), "ok");
  return finish("mmap_fd");
}
