/* vm.mmap_anon: anonymous private memory is zero-filled and keeps what is
 * written; MAP_FIXED over a filled page replaces it with fresh zeros at the
 * same address and leaves the neighbouring pages alone. */

#include "contract.h"

int main(void) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  unsigned char *p = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  check(p != MAP_FAILED, "mmap 3 pages");
  if (p == MAP_FAILED)
    return printf("CONTRACT_FAIL mmap_anon: mmap failed\n"), 1;
  check(all_bytes(p, 3 * page, 0), "fresh pages are zero");

  memset(p, 0xab, 3 * page);
  check(all_bytes(p, 3 * page, 0xab), "written bytes read back");

  unsigned char *q = mmap(p + page, page, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  check(q == p + page, "MAP_FIXED maps at the given address");
  check(all_bytes(p + page, page, 0), "MAP_FIXED page is fresh zeros");
  check(all_bytes(p, page, 0xab) && all_bytes(p + 2 * page, page, 0xab),
        "neighbours untouched");

  check(munmap(p, 3 * page) == 0, "munmap");

  return finish("mmap_anon");
}
