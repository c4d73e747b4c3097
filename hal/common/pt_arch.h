/*
 * What a port supplies to the shared user page tables: hal/common/pt_walk.c
 * walks them and hal/common/mmu.c implements hal/mmu.h's address spaces on
 * that walk, the same way on every architecture. Private to the HAL.
 *
 * The shape is fixed: 4 levels of 512 eight-byte entries, one page each.
 * Level 0 is the root and a struct hal_aspace is its root page seen
 * through the physmap; level 3 holds the 4 KiB leaves. A level-L index is
 * bits [47 - 9L, 39 - 9L] of the VA (no huge pages in user space). Table
 * pages come from kernel_page_alloc(), zeroed, and an entry of 0 is empty
 * at every level. hal_user_va_top() (the port's) MUST be at most 1 << 48;
 * root slots that map only addresses at or above it are not the walk's (a
 * port may share them between spaces, like x86-64's kernel half).
 *
 * A port implements the entry format (pure functions of the bits, in
 * hal/<arch>/pte.c so that tests/unit/hal compiles them on the host) and
 * four machine hooks (in the port's mmu file).
 */
#ifndef HAL_COMMON_PT_ARCH_H
#define HAL_COMMON_PT_ARCH_H

#include <hal/hal.h>

typedef uint64_t pte_t;

/* ---- Entry format: no machine state, no side effects ---- */

/* True when the level 0-2 entry `e` points to a next-level table. */
bool pt_arch_is_table(pte_t e);

/* The level 0-2 entry for the table page at `pa` (page aligned). Leaves
 * alone decide what user mode may do: a table entry MUST NOT restrict it. */
pte_t pt_arch_table_entry(uint64_t pa);

/* The table page a pt_arch_is_table() entry points to. */
uint64_t pt_arch_table_pa(pte_t e);

/* The leaf for frame `pa` (page aligned) with `prot` (HAL_PROT_* bits, 0
 * allowed: every user access faults). MUST be non-zero and decode to
 * exactly `pa` and `prot`, whatever the hardware can express. */
pte_t pt_arch_leaf(uint64_t pa, unsigned prot);

/* True when `e` is a leaf pt_arch_leaf() made (0 is not one); then stores
 * its frame in *pa and its prot in *prot (either may be NULL). */
bool pt_arch_leaf_decode(pte_t e, uint64_t *pa, unsigned *prot);

/* ---- Machine hooks ---- */

/* Fill in what every address space shares in a new root (zeroed page);
 * nothing where the port shares nothing. */
void pt_arch_root_init(pte_t *root);

/* Make the MMU walk the user tables whose root is at `root_pa`, or none
 * (every user access faults) when it is 0, and flush what the switch
 * needs: afterwards no TLB entry of the previous user tables is used. */
void pt_arch_load(uint64_t root_pa);

/* The leaf for user page `va` was changed or cleared; `active` says if its
 * space is the loaded one. Afterwards the MMU uses the new entry. */
void pt_arch_flush_page(uint64_t va, bool active);

/* User mode is about to be allowed to execute frame `pa`: make what the
 * kernel wrote there through the physmap visible to instruction fetch. */
void pt_arch_sync_exec(uint64_t pa);

#endif
