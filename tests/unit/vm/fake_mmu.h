/* The fake HAL MMU of the mm host tests (fake_mmu.c). */
#ifndef VM_TEST_FAKE_MMU_H
#define VM_TEST_FAKE_MMU_H

#include <hal/mmu.h>

/* hal_map_page() fails (returns -1) this many times. */
extern int fake_mmu_fail_maps;

/* Entries (pages) present in `as`. */
unsigned fake_mmu_count(struct hal_aspace *as);

#endif
