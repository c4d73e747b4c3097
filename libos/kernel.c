/* Bringing the kernel core up: memory first. The Linux personality
 * (linux_shim) drives it from kernel_main. */
#include <libos/kernel.h>

#include <libos/panic.h>
#include <libos/pmm.h>

uint64_t libos_init(const struct hal_boot_info *bi) {
  if (pmm_init(bi->mem, bi->nmem) != 0)
    kpanic("no usable memory (%u regions)", bi->nmem);
  uint64_t bytes = 0;
  for (unsigned i = 0; i < bi->nmem; i++)
    bytes += bi->mem[i].size;
  return bytes;
}
