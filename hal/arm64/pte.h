/* VMSAv8-64 stage 1 descriptors, 4 KiB granule (Arm ARM D8.3), as the
 * kernel map (kmap.c) and the user entry format (pte.c) use them. Plain
 * definitions: pte.c includes this on the host too (tests/unit/hal). */
#ifndef HAL_ARM64_PTE_H
#define HAL_ARM64_PTE_H

#include <stdint.h>

#define USER_VA_TOP (1UL << 48) /* TTBR0 with T0SZ = 16 */

#define DESC_ADDR 0x0000fffffffff000UL /* output address, 48-bit PA */
#define DESC_VALID 1UL
#define DESC_BLOCK 1UL             /* levels 1-2 */
#define DESC_TABLE 3UL             /* levels 0-2 */
#define DESC_PAGE 3UL              /* level 3 */
#define ATTR_IDX_NORMAL (0UL << 2) /* MAIR_EL1 slots (entry.S) */
#define ATTR_IDX_DEVICE (1UL << 2)
#define ATTR_AP_EL0 (1UL << 6) /* AP[1]: EL0 may access */
#define ATTR_AP_RO (1UL << 7)  /* AP[2]: read-only */
#define ATTR_SH_INNER (3UL << 8)
#define ATTR_AF (1UL << 10)
#define ATTR_NG (1UL << 11)
#define ATTR_PXN (1UL << 53)
#define ATTR_UXN (1UL << 54)

/* User pages keep the prot libos gave in bits 55-57, which the MMU
 * ignores: AP cannot give it back (WRITE alone is encoded read-write). */
#define SW_PROT_SHIFT 55
#define SW_PROT_MASK (7UL << SW_PROT_SHIFT)

#endif
