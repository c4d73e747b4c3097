/*
 * Address spaces. The kernel half (physmap and kernel image) is the same in
 * every address space and never user-accessible; user pages live below
 * hal_user_va_top(). libos never touches user virtual addresses directly: it
 * walks the tables with hal_query_page() and copies through the physmap, so
 * the kernel never takes a fault on a user address.
 *
 * Shared: hal/common/mmu.c implements the address-space calls below once,
 * on one 4-level table walk; a port implements hal_phys_to_virt(),
 * hal_virt_to_phys(), hal_user_va_top() and the entry format and machine
 * hooks of hal/common/pt_arch.h. tests/unit/hal checks each port's format
 * against these contracts.
 */
#ifndef HAL_MMU_H
#define HAL_MMU_H

#include <hal/hal.h>

/* User page permissions. 0 is allowed: the frame stays recorded in the entry
 * (hal_query_page() still returns it) but every user access faults. */
#define HAL_PROT_READ 0x1u
#define HAL_PROT_WRITE 0x2u
#define HAL_PROT_EXEC 0x4u

struct hal_aspace; /* opaque, owned by the HAL */

/* Kernel virtual address of physical address `pa` (any RAM page). */
void *hal_phys_to_virt(uint64_t pa);

/* Physical address of a kernel virtual address in the physmap or the kernel
 * image (statics, kernel stacks, heap). */
uint64_t hal_virt_to_phys(const void *kva);

/* First address above user space: every user page lies in
 * [HAL_PAGE_SIZE, hal_user_va_top()). x86-64: 0x7ffffffff000 (Linux's
 * TASK_SIZE), arm64: 1 << 48 (48-bit VA). */
uint64_t hal_user_va_top(void);

/* A new, empty user address space (kernel half shared). NULL when
 * kernel_page_alloc() failed. */
struct hal_aspace *hal_aspace_create(void);

/* Free the table pages of `as` (not the mapped frames: libos owns those);
 * NULL is ignored. If `as` is the active space, the HAL first switches to
 * none, as hal_aspace_activate(NULL) does, so tables in use are never
 * freed; the caller MUST activate another space before user mode runs. */
void hal_aspace_destroy(struct hal_aspace *as);

/* Make `as` the current user address space (and flush what must be).
 * NULL: none, so every user access faults; the kernel half stays. */
void hal_aspace_activate(struct hal_aspace *as);

/*
 * Map the user page at `va` (page aligned, below hal_user_va_top()) to frame
 * `pa` with `prot`, replacing any previous entry (the TLB is flushed for it).
 * Returns 0, or -1 if a table page could not be allocated: then nothing
 * changed (no entry, no table added, no page kept from kernel_page_alloc()).
 */
int hal_map_page(struct hal_aspace *as, uint64_t va, uint64_t pa,
                 unsigned prot);

/* Remove the entry for `va`. Returns true and stores the frame in *pa_out
 * (if not NULL) when there was one; TLB flushed. */
bool hal_unmap_page(struct hal_aspace *as, uint64_t va, uint64_t *pa_out);

/* Look up `va` (any address in the page). Returns true when an entry exists
 * (even with prot 0) and stores its frame and prot (either may be NULL). */
bool hal_query_page(struct hal_aspace *as, uint64_t va, uint64_t *pa_out,
                    unsigned *prot_out);

/* The lowest page address in [va, end) (va page aligned) that has an entry
 * (as hal_query_page() would report), or `end` when there is none. MUST skip
 * absent table levels whole, so a walk over a sparse terabyte range costs
 * what its entries cost, not what its size does. */
uint64_t hal_next_mapped(struct hal_aspace *as, uint64_t va, uint64_t end);

/* Change the prot of an existing entry. Returns false if there is none. */
bool hal_protect_page(struct hal_aspace *as, uint64_t va, unsigned prot);

#endif
