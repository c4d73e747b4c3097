/*
 * The only calls the HAL makes upward. libos and linux_shim implement them;
 * the HAL calls each with interrupts disabled, on the current kernel stack.
 */
#ifndef HAL_UPCALLS_H
#define HAL_UPCALLS_H

#include <hal/cpu.h>

/* Called once, after the HAL has set up: kernel mapped high with a physmap of
 * all RAM, console and trace channel working, traps installed, interrupts
 * disabled, the boot stack at least 16 KiB. Never returns. */
void kernel_main(const struct hal_boot_info *bi) __attribute__((noreturn));

/* A syscall from user mode; `r` is the saved frame (hal_regs_syscall_*). */
void kernel_syscall(struct hal_regs *r);

/* A synchronous exception. From user mode the kernel usually turns it into a
 * signal; from kernel mode it is a kernel bug and the kernel panics (the
 * upcall then never returns). */
void kernel_trap(struct hal_regs *r, const struct hal_trap *t);

/* A periodic timer tick interrupted the context saved in `r` (user mode, or
 * kernel mode inside hal_cpu_wait()). */
void kernel_timer_tick(struct hal_regs *r);

/* A zeroed physical page for the HAL's user page tables; 0 when memory is
 * exhausted. Called only from hal_aspace_create() and hal_map_page(). */
uint64_t kernel_page_alloc(void);

/* Return a page obtained from kernel_page_alloc(). */
void kernel_page_free(uint64_t pa);

#endif
