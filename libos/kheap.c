/* The kernel heap. Every block starts with a 16-byte header naming its size
 * class (or its page count), so kfree needs no lookup and a double free or a
 * stray pointer is caught. Small blocks come from size-class free lists fed
 * one pmm page at a time; pages taken for a class stay with it (the kernel
 * runs one test, so simplicity wins over returning them). Large blocks are
 * contiguous frames handed back to pmm on kfree. */
#include "libos/kheap.h"

#include <hal/mmu.h>
#include <stdint.h>

#include "libos/kstring.h"
#include "libos/panic.h"
#include "libos/pmm.h"

#define PAGE HAL_PAGE_SIZE
#define HDR 16u
#define MAGIC_USED 0x6b68550du /* "kheap used" */
#define MAGIC_FREE 0x6b68460fu
#define NCLASSES 8 /* 32, 64, ..., 4096 bytes with the header */
#define LARGE 0xffu

struct hdr {
  uint32_t magic;
  uint32_t cls;     /* size class index, or LARGE */
  uint64_t npages;  /* LARGE only */
};
_Static_assert(sizeof(struct hdr) == HDR, "header keeps payloads 16-aligned");

/* A free block: its header, then the link in the (dead) payload. */
struct free_block {
  struct hdr h;
  struct free_block *next;
};

static struct free_block *free_lists[NCLASSES];

static size_t class_size(unsigned c) {
  return (size_t)32 << c;
}

/* Carve a fresh page into blocks of class c. */
static bool refill(unsigned c) {
  uint64_t pa = pmm_alloc();
  if (!pa)
    return false;
  char *page = hal_phys_to_virt(pa);
  size_t sz = class_size(c);
  for (size_t off = PAGE; off >= sz; off -= sz) {
    struct free_block *b = (struct free_block *)(void *)(page + off - sz);
    b->h.magic = MAGIC_FREE;
    b->h.cls = c;
    b->next = free_lists[c];
    free_lists[c] = b;
  }
  return true;
}

void *kzalloc(size_t size) {
  if (size > SIZE_MAX - HDR - PAGE)
    return NULL;
  size_t total = size + HDR;
  if (total > PAGE) {
    size_t npages = (total + PAGE - 1) / PAGE;
    uint64_t pa = pmm_alloc_pages(npages); /* zeroed by pmm */
    if (!pa)
      return NULL;
    struct hdr *h = hal_phys_to_virt(pa);
    h->magic = MAGIC_USED;
    h->cls = LARGE;
    h->npages = npages;
    return (char *)h + HDR;
  }
  unsigned c = 0;
  while (class_size(c) < total)
    c++;
  if (!free_lists[c] && !refill(c))
    return NULL;
  struct free_block *b = free_lists[c];
  if (b->h.magic != MAGIC_FREE || b->h.cls != c)
    kpanic("kzalloc: free list of class %u corrupted at %p", c, (void *)b);
  free_lists[c] = b->next;
  b->h.magic = MAGIC_USED;
  char *p = (char *)b + HDR;
  memset(p, 0, class_size(c) - HDR);
  return p;
}

void kfree(void *p) {
  if (!p)
    return;
  struct hdr *h = (struct hdr *)(void *)((char *)p - HDR);
  if (((uintptr_t)p & 15) || h->magic != MAGIC_USED)
    kpanic("kfree: %p was not allocated (double free?)", p);
  if (h->cls == LARGE) {
    uint64_t pa = hal_virt_to_phys(h);
    uint64_t n = h->npages;
    h->magic = MAGIC_FREE;
    for (uint64_t i = 0; i < n; i++)
      pmm_unref(pa + i * PAGE);
    return;
  }
  if (h->cls >= NCLASSES)
    kpanic("kfree: %p has a corrupted header", p);
  struct free_block *b = (struct free_block *)h;
  b->h.magic = MAGIC_FREE;
  b->next = free_lists[b->h.cls];
  free_lists[b->h.cls] = b;
}
