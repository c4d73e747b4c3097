/* vm.brk_rlimit: RLIMIT_DATA limits the heap and private writable mappings:
 * brk past it returns the unchanged break, mmap of private writable memory
 * past it is ENOMEM (even with MAP_NORESERVE), read-only and shared memory
 * are not counted. */
#define _GNU_SOURCE
#include <sys/resource.h>

#include "contract.h"

int main(void) {
  struct rlimit rl = {1 << 20, 1 << 20};
  expect("setrlimit RLIMIT_DATA 1 MiB",
         setrlimit(RLIMIT_DATA, &rl) ? -errno : 0, "ok");
  long b = syscall(SYS_brk, 0);
  check(syscall(SYS_brk, b + (256 << 10)) == b + (256 << 10),
        "brk +256 KiB moves");
  check(syscall(SYS_brk, b + (2 << 20)) == b + (256 << 10),
        "brk +2 MiB refused, unchanged");
  expect("mmap 2 MiB private writable", mm(0, 2 << 20, RW, ANON, -1, 0),
         "ENOMEM");
  expect("same with MAP_NORESERVE",
         mm(0, 2 << 20, RW, ANON | MAP_NORESERVE, -1, 0), "ENOMEM");
  expect("mmap 2 MiB read-only", mm(0, 2 << 20, PROT_READ, ANON, -1, 0), "ok");
  expect("mmap 2 MiB shared",
         mm(0, 2 << 20, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0), "ok");
  expect("mmap 64 KiB private writable", mm(0, 64 << 10, RW, ANON, -1, 0),
         "ok");
  return finish("brk_rlimit");
}
