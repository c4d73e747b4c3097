/* See fake_machine.h. A translation outside the fake RAM is a bug in the
 * code under test (a walk followed a leaf or garbage), so it aborts. */
#include "fake_machine.h"

#include <hal/mmu.h>
#include <hal/upcalls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_arch.h"

#define RAM_PA 0x80000000ULL
#define SHARED_SLOT FM_PAGES /* one more page, never handed out */

static unsigned char ram[FM_PAGES + 1][HAL_PAGE_SIZE]
    __attribute__((aligned(4096)));
static bool live[FM_PAGES];
static unsigned next_page, nlive;

int fm_allocs_left = -1;
unsigned fm_bad_frees;
unsigned long fm_translations;
uint64_t fm_loaded_root;
unsigned fm_loads;
struct fm_flush fm_flushes[FM_MAX_EVENTS];
unsigned fm_nflushes;
uint64_t fm_synced[FM_MAX_EVENTS];
unsigned fm_nsynced;
uint64_t fm_shared_table;
unsigned fm_shared_slots;

void fm_reset(void) {
  memset(ram, 0xa5, sizeof ram); /* a missing zeroing or a stale read shows */
  memset(live, 0, sizeof live);
  next_page = nlive = 0;
  fm_allocs_left = -1;
  fm_bad_frees = 0;
  fm_translations = 0;
  fm_loaded_root = 0;
  fm_loads = 0;
  fm_nflushes = fm_nsynced = 0;
  fm_shared_table = RAM_PA + (uint64_t)SHARED_SLOT * HAL_PAGE_SIZE;
  memset(ram[SHARED_SLOT], 0, HAL_PAGE_SIZE);
  fm_shared_slots = 0;
}

unsigned fm_live_pages(void) {
  return nlive;
}

void *hal_phys_to_virt(uint64_t pa) {
  fm_translations++;
  if (pa >= RAM_PA && pa - RAM_PA < sizeof ram)
    return (unsigned char *)ram + (pa - RAM_PA);
  fprintf(stderr, "hal_phys_to_virt: 0x%llx is not table RAM\n",
          (unsigned long long)pa);
  abort();
}

uint64_t hal_virt_to_phys(const void *kva) {
  const unsigned char *p = kva, *base = (const unsigned char *)ram;
  if (p >= base && (size_t)(p - base) < sizeof ram)
    return RAM_PA + (uint64_t)(p - base);
  fprintf(stderr, "hal_virt_to_phys: %p is not table RAM\n", kva);
  abort();
}

/* Next fit, so a freed page is not handed out again at once and a use
 * after free reads poison rather than a fresh table. */
uint64_t kernel_page_alloc(void) {
  if (fm_allocs_left == 0)
    return 0;
  for (unsigned k = 0; k < FM_PAGES; k++) {
    unsigned i = (next_page + k) % FM_PAGES;
    if (live[i])
      continue;
    live[i] = true;
    nlive++;
    next_page = i + 1;
    memset(ram[i], 0, HAL_PAGE_SIZE);
    if (fm_allocs_left > 0)
      fm_allocs_left--;
    return RAM_PA + (uint64_t)i * HAL_PAGE_SIZE;
  }
  return 0;
}

void kernel_page_free(uint64_t pa) {
  uint64_t i = (pa - RAM_PA) / HAL_PAGE_SIZE;
  if (pa < RAM_PA || i >= FM_PAGES || (pa & (HAL_PAGE_SIZE - 1)) || !live[i] ||
      pa == fm_loaded_root) {
    fprintf(stderr, "kernel_page_free: bad free of 0x%llx\n",
            (unsigned long long)pa);
    fm_bad_frees++;
    return;
  }
  live[i] = false;
  nlive--;
  memset(ram[i], 0xa5, HAL_PAGE_SIZE);
}

/* Like x86-64's kernel half: every root slot above the user half points to
 * one shared table, which no walk may enter, change or free. */
void pt_arch_root_init(pte_t *root) {
  unsigned first = (unsigned)(((hal_user_va_top() - 1) >> 39) & 511) + 1;
  for (unsigned i = first; i < 512; i++)
    root[i] = pt_arch_table_entry(fm_shared_table);
  fm_shared_slots = 512 - first;
}

void pt_arch_load(uint64_t root_pa) {
  fm_loaded_root = root_pa;
  fm_loads++;
}

void pt_arch_flush_page(uint64_t va, bool active) {
  fm_flushes[fm_nflushes++ % FM_MAX_EVENTS] = (struct fm_flush){va, active};
}

void pt_arch_sync_exec(uint64_t pa) {
  fm_synced[fm_nsynced++ % FM_MAX_EVENTS] = pa;
}
