/* Bringing the kernel core up: memory first, then the trace channel's
 * filter. The Linux personality (linux_shim) drives it from kernel_main. */
#include <libos/kernel.h>

#include <hal/upcalls.h>
#include <libos/panic.h>
#include <libos/pmm.h>
#include <libos/sched.h>
#include <libos/signal.h>
#include <libos/timer.h>

uint64_t kernel_page_alloc(void) {
  return pmm_alloc();
}

void kernel_page_free(uint64_t pa) {
  pmm_unref(pa);
}

uint64_t libos_init(const struct hal_boot_info *bi) {
  if (pmm_init(bi->mem, bi->nmem) != 0)
    kpanic("no usable memory (%u regions)", bi->nmem);
  uint64_t bytes = 0;
  for (unsigned i = 0; i < bi->nmem; i++)
    bytes += bi->mem[i].size;
  return bytes;
}

/* A tick fires timers. When it interrupted user mode the thread may lose
 * the CPU (its slice is used), and signals are delivered before it
 * resumes; inside the idle loop the scheduler sees what changed. */
void kernel_timer_tick(struct hal_regs *r) {
  timer_tick();
  if (hal_regs_from_user(r)) {
    sched_tick();
    signal_return_to_user(r);
  }
}
