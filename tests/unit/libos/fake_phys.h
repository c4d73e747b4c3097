/* Fake physical memory for host tests of pmm and kheap: malloc'd buffers
 * that stand for RAM at chosen physical addresses, and the two HAL
 * translations (hal_phys_to_virt / hal_virt_to_phys) over them. */
#ifndef LIBOS_TEST_FAKE_PHYS_H
#define LIBOS_TEST_FAKE_PHYS_H

#include <hal/hal.h>

/* Back [pa, pa + size) with fresh page-aligned memory filled with 0xa5
 * (so missing zeroing shows); returns its host address. */
void *fake_phys_add(uint64_t pa, size_t size);

/* Forget all fake RAM (frees it). */
void fake_phys_reset(void);

#endif
