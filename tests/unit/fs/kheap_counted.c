/* libos/kheap.c as it is, under other names: fs_fake.c's kzalloc/kfree
 * count and fail in front of it, and the pages it takes for its size
 * classes are counted (large blocks go through pmm_alloc_pages and come
 * back on kfree). */
#include <stddef.h>
#include <stdint.h>

#include "libos/pmm.h"

size_t fs_heap_class_pages;
uint64_t kheap_class_page(void);

#define kzalloc kheap_real_kzalloc
#define kfree kheap_real_kfree
#define pmm_alloc kheap_class_page
#include "libos/kheap.c"
#undef pmm_alloc

uint64_t kheap_class_page(void) {
  uint64_t pa = pmm_alloc();
  if (pa)
    fs_heap_class_pages++;
  return pa;
}
