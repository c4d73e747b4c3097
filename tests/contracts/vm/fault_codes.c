/* vm.fault_codes: a fault raises SIGSEGV with si_addr the exact faulting
 * address and si_code SEGV_MAPERR where nothing is mapped (an unmapped page,
 * a kernel address) or SEGV_ACCERR where a mapping denies the access (write
 * to a read-only page or the program's text, read of PROT_NONE). A faulting
 * access has no effect. */
#define _GNU_SOURCE
#include "contract.h"

/* Access a (write if w); print what happened. */
static void probe(const char *what, long a, int w, int want) {
  int faulted = w ? probe_write(a, 1) : probe_read(a);
  const char *name = !faulted                    ? "no fault"
                     : fault_code == SEGV_MAPERR ? "SEGV_MAPERR"
                     : fault_code == SEGV_ACCERR ? "SEGV_ACCERR"
                                                 : "other code";
  printf("%s: %s%s\n", what, name,
         faulted && fault_addr != a ? " addr differs" : "");
  if (!faulted || fault_code != want || fault_addr != a)
    failed = 1;
}

int main(void) {
  check(catch_faults() == 0, "SIGSEGV handler");
  long p = mm(0, 3 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 3 pages");
  ((char *)p)[PG + 77] = 5;
  syscall(SYS_munmap, p + 2 * PG, PG);
  syscall(SYS_mprotect, p + PG, PG, PROT_READ);
  syscall(SYS_mprotect, p, PG, PROT_NONE);
  probe("read unmapped page", p + 2 * PG + 321, 0, SEGV_MAPERR);
  probe("write unmapped page", p + 2 * PG + 4095, 1, SEGV_MAPERR);
  probe("write read-only page", p + PG + 77, 1, SEGV_ACCERR);
  check(((char *)p)[PG + 77] == 5, "the refused write changed nothing");
  probe("read PROT_NONE page", p + 10, 0, SEGV_ACCERR);
  probe("write PROT_NONE page", p + 11, 1, SEGV_ACCERR);
  probe("write program text", (long)&main, 1, SEGV_ACCERR);
  probe("read kernel address", (long)0xffff800000001000UL, 0, SEGV_MAPERR);
  probe("read page 0", 8, 0, SEGV_MAPERR);
  return finish("fault_codes");
}
