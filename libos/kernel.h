/* The kernel core's start-up. */
#ifndef LIBOS_KERNEL_H
#define LIBOS_KERNEL_H

#include <hal/hal.h>

/* Take over the machine's free memory (pmm, heap). Panics if there is none.
 * Returns the number of bytes of RAM handed over. */
uint64_t libos_init(const struct hal_boot_info *bi);

#endif
