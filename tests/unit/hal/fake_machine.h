/*
 * The machine under the shared page tables, faked for host tests: page-table
 * RAM with the physmap translations over it (counted, so a walk's cost
 * shows), a kernel_page_alloc() that can be made to fail and that knows
 * every page it handed out, and the pt_arch.h machine hooks recording what
 * they were asked to do. The entry format is the real port's (pte.c).
 */
#ifndef HAL_TEST_FAKE_MACHINE_H
#define HAL_TEST_FAKE_MACHINE_H

#include <hal/hal.h>

#define FM_PAGES 4096 /* table pages the fake RAM holds */
#define FM_MAX_EVENTS 64

/* Fresh fake RAM (all pages free, poisoned), counters and records zeroed,
 * and a new shared table page for the slots pt_arch_root_init() fills. */
void fm_reset(void);

/* kernel_page_alloc() succeeds this many more times, then returns 0;
 * negative: never fails. */
extern int fm_allocs_left;

/* Pages handed out by kernel_page_alloc() and not yet freed. */
unsigned fm_live_pages(void);

/* Frees that did not match a live page, or that hit the table root
 * pt_arch_load() last installed (tables in use). */
extern unsigned fm_bad_frees;

/* hal_phys_to_virt() calls so far: the cost of a walk. */
extern unsigned long fm_translations;

/* The last root pt_arch_load() got (0: none) and how many loads so far. */
extern uint64_t fm_loaded_root;
extern unsigned fm_loads;

/* pt_arch_flush_page() calls, oldest first (the last FM_MAX_EVENTS). */
struct fm_flush {
  uint64_t va;
  bool active;
};
extern struct fm_flush fm_flushes[FM_MAX_EVENTS];
extern unsigned fm_nflushes; /* total, may exceed FM_MAX_EVENTS */

/* The frames pt_arch_sync_exec() was asked about. */
extern uint64_t fm_synced[FM_MAX_EVENTS];
extern unsigned fm_nsynced;

/* The table page every root's shared slots point to (never allocated by
 * kernel_page_alloc(): freeing it counts as a bad free), and how many
 * root slots pt_arch_root_init() filled with it (0 when the user half
 * covers the whole root). */
extern uint64_t fm_shared_table;
extern unsigned fm_shared_slots;

#endif
