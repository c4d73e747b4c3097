/* process.getrandom_rules: getrandom(2)'s flags and buffers as Linux checks
 * them: GRND_NONBLOCK, GRND_RANDOM and GRND_INSECURE alone or with
 * NONBLOCK, never RANDOM with INSECURE, no other bit; a zero count returns
 * 0 whatever the buffer; a buffer the program cannot write is EFAULT; a
 * buffer that ends in a read-only page gets some of the bytes before it
 * and no more; the bytes
 * are fresh on every call. */
#define _GNU_SOURCE
#include <string.h>

#include "contract.h"

#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4

/* A count as a number, an error as its name. */
static const char *val(long r) {
  static char buf[32];
  if (r < 0)
    return ename(r);
  snprintf(buf, sizeof buf, "%ld", r);
  return buf;
}

#define EXPECT_N(what, call, want) expect_str(what, val(rs(call)), want)

int main(void) {
  unsigned char a[64], b[64];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  EXPECT_N("getrandom(64, 0)", (syscall(SYS_getrandom, a, 64, 0)), "64");
  EXPECT_N("getrandom(64, 0) again", (syscall(SYS_getrandom, b, 64, 0)), "64");
  check(!all_bytes(a, 64, 0), "the bytes are not all zero");
  check(memcmp(a, b, 64) != 0, "two calls give different bytes");
  static const struct {
    long flags;
    const char *want;
  } fl[] = {
      {GRND_NONBLOCK, "16"},
      {GRND_RANDOM, "16"},
      {GRND_RANDOM | GRND_NONBLOCK, "16"},
      {GRND_INSECURE, "16"},
      {GRND_INSECURE | GRND_NONBLOCK, "16"},
      {GRND_INSECURE | GRND_RANDOM, "EINVAL"},
      {8, "EINVAL"},
      {0x80000000L, "EINVAL"},
      {0x100000000L, "16"}, /* flags is an unsigned int */
  };
  for (unsigned i = 0; i < sizeof fl / sizeof fl[0]; i++) {
    char what[64];
    snprintf(what, sizeof what, "getrandom(16, %#lx)", fl[i].flags);
    EXPECT_N(what, (syscall(SYS_getrandom, a, 16, fl[i].flags)), fl[i].want);
  }
  EXPECT_N("getrandom(NULL, 0)", (syscall(SYS_getrandom, 0, 0, 0)), "0");
  EXPECT_N("getrandom(NULL, 8)", (syscall(SYS_getrandom, 0, 8, 0)), "EFAULT");
  expect("getrandom(kernel address, 8)",
         rs(syscall(SYS_getrandom, 0xffff800000000000UL, 8, 0)), "EFAULT");
  long ro = mm(0, PG, PROT_READ, ANON, -1, 0);
  EXPECT_N("getrandom(read-only page, 8)", (syscall(SYS_getrandom, ro, 8, 0)),
           "EFAULT");
  long two = mm(0, 2 * PG, RW, ANON, -1, 0);
  syscall(SYS_mprotect, two + PG, PG, PROT_READ);
  /* How far a short copy gets is the kernel's choice (6.18: all 100 bytes,
   * 6.1: 88, its copy goes in blocks), so the test takes any count that
   * is short of the read-only page and not 0 (docs/reference.md). */
  long part = rs(syscall(SYS_getrandom, two + PG - 100, 200, 0));
  expect_str("getrandom across into a read-only page",
             part > 0 && part <= 100 ? "1 to 100 bytes" : val(part),
             "1 to 100 bytes");
  /* A count past what one call moves is cut, not refused. */
  long big = mm(0, 1L << 20, RW, ANON, -1, 0);
  EXPECT_N("getrandom(1 MiB)", (syscall(SYS_getrandom, big, 1L << 20, 0)),
           "1048576");
  return finish("getrandom_rules");
}
