/* x86-64 page-table entries (4-level paging, Intel SDM vol. 3 4.5) and the
 * user half they map. Plain definitions: pte.c includes this on the host
 * too (tests/unit/hal). */
#ifndef HAL_X86_64_PTE_H
#define HAL_X86_64_PTE_H

#include <stdint.h>

#define USER_VA_TOP 0x7ffffffff000ULL /* Linux's TASK_SIZE */

#define PTE_P (1ULL << 0)
#define PTE_W (1ULL << 1)
#define PTE_U (1ULL << 2)
#define PTE_PWT (1ULL << 3)
#define PTE_PCD (1ULL << 4)
#define PTE_A (1ULL << 5)
#define PTE_D (1ULL << 6)
#define PTE_PS (1ULL << 7)
#define PTE_G (1ULL << 8)
#define PTE_NX (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL

/* User leaves keep what libos gave in bits the MMU ignores, so an entry
 * with prot 0 (not present to the CPU) still has its frame and prot. */
#define PTE_SW_EXISTS (1ULL << 9) /* an entry libos created */
#define PTE_SW_PROT_SHIFT 52      /* bits 52-54: HAL_PROT_* as given */

/* PTE_NX when the CPU has NX, else 0 (the bit would be reserved). */
extern uint64_t x86_nx_bit;

#endif
