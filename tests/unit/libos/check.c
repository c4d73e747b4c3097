/* The shared half of check.h: counters and the host kpanic stub. */
#include "check.h"

#include <stdarg.h>

#include "libos/panic.h"

int check_failures;
long check_count;
jmp_buf *panic_trap;
char panic_msg[256];

int check_done(const char *name) {
  printf("%s: %ld checks, %d failed\n", name, check_count, check_failures);
  return check_failures ? 1 : 0;
}

void kpanic_regs(const struct hal_regs *r, const char *fmt, ...) {
  (void)r;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(panic_msg, sizeof panic_msg, fmt, ap);
  va_end(ap);
  if (panic_trap)
    longjmp(*panic_trap, 1);
  fprintf(stderr, "kpanic: %s\n", panic_msg);
  abort();
}
