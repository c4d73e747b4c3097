/* vm.mmap_anon: anonymous private memory is zero-filled and keeps what is
 * written; MAP_FIXED over a filled page replaces it with fresh zeros at the
 * same address and leaves the neighbouring pages alone. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int failed;

static void check(int ok, const char *what) {
  printf("%s %s\n", what, ok ? "ok" : "FAILED");
  if (!ok)
    failed = 1;
}

static int all(const unsigned char *p, size_t n, unsigned char v) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != v)
      return 0;
  return 1;
}

int main(void) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  unsigned char *p = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  check(p != MAP_FAILED, "mmap 3 pages");
  if (p == MAP_FAILED)
    return printf("CONTRACT_FAIL mmap_anon: mmap failed\n"), 1;
  check(all(p, 3 * page, 0), "fresh pages are zero");

  memset(p, 0xab, 3 * page);
  check(all(p, 3 * page, 0xab), "written bytes read back");

  unsigned char *q = mmap(p + page, page, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  check(q == p + page, "MAP_FIXED maps at the given address");
  check(all(p + page, page, 0), "MAP_FIXED page is fresh zeros");
  check(all(p, page, 0xab) && all(p + 2 * page, page, 0xab), "neighbours untouched");

  check(munmap(p, 3 * page) == 0, "munmap");

  if (failed) {
    printf("CONTRACT_FAIL mmap_anon: see lines above\n");
    return 1;
  }
  printf("CONTRACT_PASS mmap_anon\n");
  return 0;
}
