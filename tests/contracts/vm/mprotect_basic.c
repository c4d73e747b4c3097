/* vm.mprotect_basic: mprotect changes what a page allows. A read of a
 * PROT_NONE page raises SIGSEGV (SEGV_ACCERR, si_addr in the page) and the
 * handler can siglongjmp out; after PROT_READ the page reads its old value
 * back, and a write to it still faults. */

#include "contract.h"

static const char *code_name(int code) {
  return code == SEGV_ACCERR   ? "SEGV_ACCERR"
         : code == SEGV_MAPERR ? "SEGV_MAPERR"
                               : "other";
}

int main(void) {
  long page = sysconf(_SC_PAGESIZE);
  volatile unsigned char *p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  check(p != MAP_FAILED, "mmap one page");
  if (p == MAP_FAILED)
    return printf("CONTRACT_FAIL mprotect_basic: mmap failed\n"), 1;
  p[100] = 42;

  check(catch_faults() == 0, "sigaction SIGSEGV");

  check(mprotect((void *)p, (size_t)page, PROT_NONE) == 0,
        "mprotect PROT_NONE");
  int faulted = probe_read((long)&p[100]);
  check(faulted && fault_count == 1, "PROT_NONE read faulted");
  printf("handler SIGSEGV code=%s addr=%s\n", code_name(fault_code),
         fault_addr >= (long)p && fault_addr < (long)p + page ? "page"
                                                              : "elsewhere");
  check(fault_code == SEGV_ACCERR, "fault code is SEGV_ACCERR");

  check(mprotect((void *)p, (size_t)page, PROT_READ) == 0,
        "mprotect PROT_READ");
  check(p[100] == 42, "PROT_READ reads 42 back");

  faulted = probe_write((long)&p[100], 7);
  check(faulted && fault_count == 2 && fault_code == SEGV_ACCERR,
        "PROT_READ write faulted with SEGV_ACCERR");
  check(p[100] == 42, "value unchanged by the faulting write");

  return finish("mprotect_basic");
}
