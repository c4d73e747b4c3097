/* vm.growsdown: a MAP_GROWSDOWN mapping grows when a page below it is
 * touched (no signal, zero-filled, the range is then mapped), but never
 * further than the stack limit (8 MiB) from its top: there the access is
 * SIGSEGV with SEGV_MAPERR. */
#define _GNU_SOURCE
#include "contract.h"

int main(void) {
  check(catch_faults() == 0, "SIGSEGV handler");
  /* A free 64 MiB range; the stack goes at its top. */
  long base = mm(0, 64L << 20, PROT_NONE, ANON | MAP_NORESERVE, -1, 0);
  check(base > 0, "reserve 64 MiB");
  syscall(SYS_munmap, base, 64L << 20);
  long top = base + (64L << 20);
  long g = mm(top - 2 * PG, 2 * PG, RW,
              ANON | MAP_GROWSDOWN | MAP_FIXED_NOREPLACE, -1, 0);
  check(g == top - 2 * PG, "MAP_GROWSDOWN 2 pages");
  check(!mapped(g - PG), "page below not mapped yet");
  volatile char *c = (char *)g;
  int faulted = probe_read(g - 1);
  check(!faulted && c[-1] == 0, "byte below reads zero");
  faulted |= probe_write(g - 3 * PG, 9);
  check(!faulted && c[-3 * PG] == 9, "three pages below is writable");
  check(!faulted, "no signal while growing");
  check(mapped(g - PG) && mapped(g - 3 * PG), "the mapping grew down");
  check(probe_read(top - (9L << 20)) && fault_code == SEGV_MAPERR,
        "9 MiB below the top: SEGV_MAPERR");
  check(!mapped(top - (9L << 20)), "and not mapped");
  return finish("growsdown");
}
