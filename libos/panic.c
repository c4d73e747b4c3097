/* Kernel panics: one record, then power-off with the panic status. */
#include <libos/panic.h>

#include <hal/cpu.h>
#include <libos/fmt.h>
#include <libos/trace.h>

void kpanic_regs(const struct hal_regs *r, const char *fmt, ...) {
  static int depth;
  char msg[256];
  char regs[768];
  va_list ap;
  va_start(ap, fmt);
  kvsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (depth++ == 0) { /* a panic while panicking just powers off */
    if (r) {
      hal_regs_describe(r, regs, sizeof regs);
      trace_panic(msg, hal_regs_pc(r), regs);
    } else {
      trace_panic(msg, (uint64_t)(uintptr_t)__builtin_return_address(0), 0);
    }
  }
  hal_poweroff(HAL_POWEROFF_PANIC);
}
