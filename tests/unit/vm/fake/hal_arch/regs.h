/* Host stand-in for the arch register frame: the mm tests never use one. */
#ifndef HAL_ARCH_REGS_H
#define HAL_ARCH_REGS_H

#include <stdint.h>

struct hal_regs {
  uint64_t unused;
};

#endif
