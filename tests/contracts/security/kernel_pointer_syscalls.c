/* security.kernel_pointer_syscalls: a syscall handed a pointer into the
 * kernel half (or to nothing) fails with EFAULT and the kernel keeps
 * running: nothing is read from or written to kernel memory. */
#include <stdint.h>

#include "contract.h"

static void expect_efault(const char *what, long ret) {
  expect_str(what, ret == -1 ? errno_name(errno) : "succeeded", "EFAULT");
}

int main(void) {
  /* Kernel-half addresses on both x86-64 and arm64, and the null page. */
  const uintptr_t bad[] = {0xffff800000000000UL, 0xffffffff80000000UL,
                           UINTPTR_MAX & ~0xfffUL, 0};
  const char *names[] = {"physmap", "kernel text", "top page", "null"};
  for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char what[64];
    snprintf(what, sizeof what, "write from %s", names[i]);
    expect_efault(what, syscall(SYS_write, 1, bad[i], 8));
    snprintf(what, sizeof what, "uname into %s", names[i]);
    expect_efault(what, syscall(SYS_uname, bad[i]));
    snprintf(what, sizeof what, "clock_gettime into %s", names[i]);
    expect_efault(what, syscall(SYS_clock_gettime, 0, bad[i]));
  }
  if (failed) {
    printf("CONTRACT_FAIL kernel_pointer_syscalls: a kernel pointer was "
           "accepted\n");
    return 1;
  }
  printf("CONTRACT_PASS kernel_pointer_syscalls\n");
  return 0;
}
