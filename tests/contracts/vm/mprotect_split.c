/* vm.mprotect_split: mprotect of the middle page splits a mapping: that page
 * faults on write (SEGV_ACCERR at the exact address) while its neighbours do
 * not; a range with a hole is ENOMEM but the part before the hole has
 * already changed; argument errors in Linux's order. */
#define _GNU_SOURCE
#include "contract.h"

/* Write to a; returns 1 when it faulted with SEGV_ACCERR at a. */
static int write_faults(long a) {
  return probe_write(a, 1) && fault_code == SEGV_ACCERR && fault_addr == a;
}

int main(void) {
  check(catch_faults() == 0, "SIGSEGV handler");
  long p = mm(0, 3 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 3 pages");
  ((char *)p)[PG + 9] = 42;
  expect("mprotect middle page read-only",
         rs(syscall(SYS_mprotect, p + PG, PG, PROT_READ)), "ok");
  check(!write_faults(p) && !write_faults(p + 2 * PG + 4095),
        "first and last page still writable");
  check(write_faults(p + PG + 123), "middle page write: SEGV_ACCERR there");
  check(((char *)p)[PG + 9] == 42, "middle page still reads its data");
  expect("mprotect all three back", rs(syscall(SYS_mprotect, p, 3 * PG, RW)),
         "ok");
  check(!write_faults(p + PG + 123), "middle page writable again");
  expect("mprotect PROT_NONE", rs(syscall(SYS_mprotect, p, PG, PROT_NONE)),
         "ok");
  check(write_faults(p + 5), "PROT_NONE write: SEGV_ACCERR");

  long q = mm(0, 3 * PG, RW, ANON, -1, 0);
  syscall(SYS_munmap, q + PG, PG);
  expect("mprotect over a hole",
         rs(syscall(SYS_mprotect, q, 3 * PG, PROT_READ)), "ENOMEM");
  check(write_faults(q), "the part before the hole changed");
  check(!write_faults(q + 2 * PG), "the part after the hole did not");
  expect("mprotect starting in the hole",
         rs(syscall(SYS_mprotect, q + PG, PG, PROT_READ)), "ENOMEM");
  expect("mprotect unaligned", rs(syscall(SYS_mprotect, q + 1, PG, PROT_READ)),
         "EINVAL");
  expect("mprotect length 0, unmapped",
         rs(syscall(SYS_mprotect, q + PG, 0, PROT_READ)), "ok");
  expect("mprotect bad prot bit, unmapped",
         rs(syscall(SYS_mprotect, q + PG, PG, 0x100)), "EINVAL");
  expect("mprotect PROT_GROWSDOWN on a plain mapping",
         rs(syscall(SYS_mprotect, q, PG, PROT_READ | PROT_GROWSDOWN)),
         "EINVAL");
  expect("mprotect both grows bits",
         rs(syscall(SYS_mprotect, q, PG,
                    PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP)),
         "EINVAL");
  expect("mprotect wrapping range",
         rs(syscall(SYS_mprotect, q, -PG, PROT_READ)), "ENOMEM");
  expect("mprotect kernel address",
         rs(syscall(SYS_mprotect, 0xffff800000000000UL, PG, PROT_READ)),
         "ENOMEM");
  return finish("mprotect_split");
}
