/* See fake_phys.h. A translation outside the fake RAM is a bug in the code
 * under test, so it aborts loudly. */
#include "fake_phys.h"

#include <hal/mmu.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fake_region {
  uint64_t pa;
  size_t size;
  char *mem;
};

static struct fake_region fake[HAL_MAX_MEM_REGIONS];
static unsigned nfake;

void *fake_phys_add(uint64_t pa, size_t size) {
  if (nfake == HAL_MAX_MEM_REGIONS)
    abort();
  char *mem = aligned_alloc(HAL_PAGE_SIZE, size);
  if (!mem)
    abort();
  memset(mem, 0xa5, size);
  fake[nfake++] = (struct fake_region){pa, size, mem};
  return mem;
}

void fake_phys_reset(void) {
  for (unsigned i = 0; i < nfake; i++)
    free(fake[i].mem);
  nfake = 0;
}

void *hal_phys_to_virt(uint64_t pa) {
  for (unsigned i = 0; i < nfake; i++)
    if (pa >= fake[i].pa && pa - fake[i].pa < fake[i].size)
      return fake[i].mem + (pa - fake[i].pa);
  fprintf(stderr, "hal_phys_to_virt: 0x%llx is not fake RAM\n",
          (unsigned long long)pa);
  abort();
}

uint64_t hal_virt_to_phys(const void *kva) {
  const char *p = kva;
  for (unsigned i = 0; i < nfake; i++)
    if (p >= fake[i].mem && (size_t)(p - fake[i].mem) < fake[i].size)
      return fake[i].pa + (uint64_t)(p - fake[i].mem);
  fprintf(stderr, "hal_virt_to_phys: %p is not fake RAM\n", kva);
  abort();
}
