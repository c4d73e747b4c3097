/*
 * The one walk over the 4-level user tables (shape: pt_arch.h), with the
 * per-arch entry format behind pt_arch_*(). hal/common/mmu.c builds the
 * hal/mmu.h calls on it; the walk itself flushes nothing.
 */
#ifndef HAL_COMMON_PT_WALK_H
#define HAL_COMMON_PT_WALK_H

#include "pt_arch.h"

/* The leaf slot for user address `va`, or NULL when a table on the way is
 * missing. */
pte_t *pt_find(pte_t *root, uint64_t va);

/* The leaf slot for `va`, adding the missing tables. They are all
 * allocated before any is linked in, so NULL (kernel_page_alloc() failed)
 * means nothing changed and nothing was kept. */
pte_t *pt_prepare(pte_t *root, uint64_t va);

/* The lowest page address in [va, end) (va page aligned, end at most
 * hal_user_va_top()) whose leaf decodes as one, or `end`. Absent tables
 * are skipped whole: the cost follows the tables present, not the range. */
uint64_t pt_next(pte_t *root, uint64_t va, uint64_t end);

/* Free every table page below `root` that maps addresses under `top` (not
 * the root itself, nor anything in the slots above `top`). */
void pt_free(pte_t *root, uint64_t top);

#endif
