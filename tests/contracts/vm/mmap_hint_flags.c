/* vm.mmap_hint_flags: MAP_STACK (a hint) and MAP_GROWSDOWN are accepted for
 * anonymous private mappings, which then behave as ordinary memory. */

#include "contract.h"

/* Map 4 pages with extra flags; check zero-fill and write at both ends. */
static void try_flags(int extra, const char *name) {
  size_t len = 4 * (size_t)sysconf(_SC_PAGESIZE);
  unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
  char what[80];
  snprintf(what, sizeof what, "%s accepted", name);
  check(p != MAP_FAILED, what);
  if (p == MAP_FAILED)
    return;
  snprintf(what, sizeof what, "%s memory zero, writable at top and bottom",
           name);
  int ok = p[0] == 0 && p[len - 1] == 0;
  p[len - 1] = 0x5a;
  p[0] = 0xa5;
  check(ok && p[len - 1] == 0x5a && p[0] == 0xa5, what);
  snprintf(what, sizeof what, "%s munmap", name);
  check(munmap(p, len) == 0, what);
}

int main(void) {
  try_flags(MAP_STACK, "MAP_STACK");
  try_flags(MAP_GROWSDOWN, "MAP_GROWSDOWN");
  try_flags(MAP_STACK | MAP_GROWSDOWN, "MAP_STACK|MAP_GROWSDOWN");

  return finish("mmap_hint_flags");
}
