/* Kernel bugs: a panic record on the trace channel, then power-off. */
#ifndef LIBOS_PANIC_H
#define LIBOS_PANIC_H

struct hal_regs;

/* Write {"ev":"panic","msg":...} (with the registers of `r` when not NULL)
 * on the trace channel and power off with HAL_POWEROFF_PANIC. Only for
 * kernel bugs and unusable machines, never for bad user input. */
void kpanic_regs(const struct hal_regs *r, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

#define kpanic(...) kpanic_regs((const struct hal_regs *)0, __VA_ARGS__)

#endif
