/* Every upcall the HAL makes (hal/upcalls.h), in one place: each says which
 * layer handles it, and every path back to user mode ends in signal
 * delivery. */
#include <hal/upcalls.h>

#include <libos/pmm.h>
#include <libos/sched.h>
#include <libos/timer.h>
#include <linux_shim/deliver.h>
#include <linux_shim/entry.h>

void kernel_main(const struct hal_boot_info *bi) {
  shim_boot(bi);
}

void kernel_syscall(struct hal_regs *r) {
  syscall_dispatch(r);
}

void kernel_trap(struct hal_regs *r, const struct hal_trap *t) {
  trap_dispatch(r, t);
}

/* A tick fires timers. When it interrupted user mode the thread may lose
 * the CPU (its slice is used), and signals are delivered before it
 * resumes; inside the idle loop the scheduler sees what changed. */
void kernel_timer_tick(struct hal_regs *r) {
  timer_tick();
  if (hal_regs_from_user(r)) {
    sched_tick();
    signal_deliver(r, false, 0);
  }
}

uint64_t kernel_page_alloc(void) {
  return pmm_alloc();
}

void kernel_page_free(uint64_t pa) {
  pmm_unref(pa);
}
