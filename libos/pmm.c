/* Physical frames. Each RAM region keeps its own metadata in its first
 * frames: an allocation bitmap (1 = in use) for fast scanning, a lazy-free
 * bitmap (MADV_FREE) and a 16-bit reference count per frame. Everything is
 * reached through the physmap. */
#include "libos/pmm.h"

#include <hal/mmu.h>

#include "libos/kstring.h"
#include "libos/panic.h"

#define PAGE HAL_PAGE_SIZE
#define REF_MAX 0xffffu

struct pmm_region {
  uint64_t base;    /* physical address of the first managed frame */
  size_t nframes;   /* managed frames (after the metadata) */
  uint64_t *bitmap; /* nframes bits */
  uint64_t *lazy;   /* nframes bits: may be dropped under pressure */
  uint16_t *refs;   /* nframes counts */
  size_t hint;      /* where the next single-frame search starts */
  size_t run_hint;  /* where the next multi-frame search starts */
};

static struct pmm_region regions[HAL_MAX_MEM_REGIONS];
static unsigned nregions;
static size_t free_frames, total_frames;

/* Metadata bytes for n frames: the two bitmaps' words, then the counts. */
static uint64_t meta_bytes(uint64_t n) {
  return (n + 63) / 64 * 16 + n * 2;
}

int pmm_init(const struct hal_mem_region *r, unsigned n) {
  nregions = 0;
  free_frames = total_frames = 0;
  for (unsigned i = 0; i < n && nregions < HAL_MAX_MEM_REGIONS; i++) {
    /* The HAL promises page alignment; round inward in case it slipped. */
    uint64_t lo = (r[i].base + PAGE - 1) & ~(PAGE - 1);
    uint64_t hi = (r[i].base + r[i].size) & ~(PAGE - 1);
    if (hi <= lo || hi < r[i].base)
      continue;
    uint64_t pages = (hi - lo) / PAGE;
    uint64_t meta = (meta_bytes(pages) + PAGE - 1) / PAGE;
    if (meta >= pages)
      continue; /* too small to hold its own metadata and a frame */
    struct pmm_region *g = &regions[nregions++];
    g->base = lo + meta * PAGE;
    g->nframes = pages - meta;
    g->bitmap = hal_phys_to_virt(lo);
    g->lazy = g->bitmap + (g->nframes + 63) / 64;
    g->refs = (uint16_t *)(void *)(g->lazy + (g->nframes + 63) / 64);
    g->hint = g->run_hint = 0;
    memset(g->bitmap, 0, meta_bytes(g->nframes));
    free_frames += g->nframes;
    total_frames += g->nframes;
  }
  return nregions ? 0 : -1;
}

static bool is_used(const struct pmm_region *g, size_t f) {
  return (g->bitmap[f / 64] >> (f % 64)) & 1;
}

static void take(struct pmm_region *g, size_t f) {
  g->bitmap[f / 64] |= 1ull << (f % 64);
  g->refs[f] = 1;
  free_frames--;
  memset(hal_phys_to_virt(g->base + f * PAGE), 0, PAGE);
}

uint64_t pmm_alloc(void) {
  for (unsigned r = 0; r < nregions; r++) {
    struct pmm_region *g = &regions[r];
    size_t words = (g->nframes + 63) / 64;
    /* Next fit: start at the hint, wrap around once. */
    for (size_t k = 0; k < words; k++) {
      size_t wi = (g->hint / 64 + k) % words;
      uint64_t w = g->bitmap[wi];
      if (w == ~0ull)
        continue;
      for (unsigned b = 0; b < 64; b++) {
        size_t f = wi * 64 + b;
        if (f >= g->nframes)
          break;
        if (!((w >> b) & 1)) {
          take(g, f);
          g->hint = f + 1 < g->nframes ? f + 1 : 0;
          return g->base + f * PAGE;
        }
      }
    }
  }
  return 0;
}

/* The first frame index at or after x whose address is aligned. */
static size_t aligned_from(const struct pmm_region *g, size_t x,
                           uint64_t align_bytes) {
  uint64_t pa =
      (g->base + (uint64_t)x * PAGE + align_bytes - 1) & ~(align_bytes - 1);
  return (size_t)((pa - g->base) / PAGE);
}

/* The first aligned start in [f, end) of n free frames, or SIZE_MAX. A
 * full bitmap word is passed in one step, so a mostly used region costs
 * a word per 64 frames, not a step per frame. */
static size_t find_run(const struct pmm_region *g, size_t f, size_t end,
                       size_t n, uint64_t align_bytes) {
  size_t words = (g->nframes + 63) / 64;
  f = aligned_from(g, f, align_bytes);
  while (f < end && f < g->nframes && n <= g->nframes - f) {
    size_t busy = n;
    for (size_t k = 0; k < n; k++) {
      if (is_used(g, f + k)) {
        busy = k;
        break;
      }
    }
    if (busy == n)
      return f;
    size_t next = f + busy + 1;
    while (next / 64 < words && g->bitmap[next / 64] == ~0ull)
      next = (next / 64 + 1) * 64;
    f = aligned_from(g, next, align_bytes);
  }
  return SIZE_MAX;
}

uint64_t pmm_alloc_pages(size_t n) {
  if (n == 0 || n > total_frames)
    return 0;
  uint64_t align = 1;
  while (align < n)
    align <<= 1;
  uint64_t align_bytes = align * PAGE;
  for (unsigned r = 0; r < nregions; r++) {
    struct pmm_region *g = &regions[r];
    /* Next fit, as pmm_alloc: from where the last run ended, then from
     * the start (a first fit from the start each time walks every frame
     * the kernel already holds). */
    size_t f = find_run(g, g->run_hint, g->nframes, n, align_bytes);
    if (f == SIZE_MAX)
      f = find_run(g, 0, g->run_hint, n, align_bytes);
    if (f == SIZE_MAX)
      continue;
    for (size_t k = 0; k < n; k++)
      take(g, f + k);
    g->run_hint = f + n;
    return g->base + f * PAGE;
  }
  return 0;
}

/* The region and frame index of `pa`, or NULL when pmm does not own it. */
static struct pmm_region *lookup(uint64_t pa, size_t *f) {
  for (unsigned r = 0; r < nregions; r++) {
    struct pmm_region *g = &regions[r];
    if (pa >= g->base && (pa - g->base) / PAGE < g->nframes) {
      *f = (size_t)((pa - g->base) / PAGE);
      return g;
    }
  }
  return 0;
}

void pmm_ref(uint64_t pa) {
  size_t f;
  struct pmm_region *g = lookup(pa, &f);
  if (!g || (pa & (PAGE - 1)))
    kpanic("pmm_ref: 0x%llx is not a managed frame", (unsigned long long)pa);
  if (!is_used(g, f))
    kpanic("pmm_ref: frame 0x%llx is free", (unsigned long long)pa);
  if (g->refs[f] == REF_MAX)
    kpanic("pmm_ref: frame 0x%llx count overflow", (unsigned long long)pa);
  g->refs[f]++;
}

void pmm_unref(uint64_t pa) {
  size_t f;
  struct pmm_region *g = lookup(pa, &f);
  if (!g || (pa & (PAGE - 1)))
    kpanic("pmm_unref: 0x%llx is not a managed frame", (unsigned long long)pa);
  if (!is_used(g, f))
    kpanic("pmm_unref: frame 0x%llx is already free", (unsigned long long)pa);
  if (--g->refs[f] == 0) {
    g->bitmap[f / 64] &= ~(1ull << (f % 64));
    g->lazy[f / 64] &= ~(1ull << (f % 64));
    free_frames++;
  }
}

void pmm_set_lazy(uint64_t pa, bool lazy) {
  size_t f;
  struct pmm_region *g = lookup(pa, &f);
  if (!g || !is_used(g, f))
    kpanic("pmm_set_lazy: 0x%llx is not an allocated frame",
           (unsigned long long)pa);
  if (lazy)
    g->lazy[f / 64] |= 1ull << (f % 64);
  else
    g->lazy[f / 64] &= ~(1ull << (f % 64));
}

bool pmm_is_lazy(uint64_t pa) {
  size_t f;
  struct pmm_region *g = lookup(pa, &f);
  return g && is_used(g, f) && ((g->lazy[f / 64] >> (f % 64)) & 1);
}

unsigned pmm_refcount(uint64_t pa) {
  size_t f;
  struct pmm_region *g = lookup(pa, &f);
  return g && is_used(g, f) ? g->refs[f] : 0;
}

size_t pmm_free_count(void) {
  return free_frames;
}

size_t pmm_total_count(void) {
  return total_frames;
}
