/* See fs_fake.h. */
#include "fs_fake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_phys.h"
#include <hal/time.h>
#include <libos/kheap.h>
#include <libos/pmm.h>
#include <libos/uaccess.h>

#define RAM_BASE 0x40000000ull

long fs_heap_live;
long fs_heap_fail_after = -1;

/* kheap_counted.c: the real kheap under these names. */
void *kheap_real_kzalloc(size_t size);
void kheap_real_kfree(void *p);

void *kzalloc(size_t size) {
  if (fs_heap_fail_after == 0)
    return NULL;
  if (fs_heap_fail_after > 0)
    fs_heap_fail_after--;
  void *p = kheap_real_kzalloc(size);
  if (p)
    fs_heap_live++;
  return p;
}

void kfree(void *p) {
  if (p)
    fs_heap_live--;
  kheap_real_kfree(p);
}

void fs_fake_init(size_t pages) {
  fake_phys_add(RAM_BASE, pages * HAL_PAGE_SIZE);
  struct hal_mem_region r = {RAM_BASE, pages * HAL_PAGE_SIZE};
  pmm_init(&r, 1);
}

uint64_t hal_clock_ns(void) {
  return 5000000000ull;
}

uint64_t hal_wallclock_at_boot_ns(void) {
  return 1700000000ull * 1000000000ull;
}

void vm_unmap_file(struct inode *file, uint64_t from_idx) {
  (void)file;
  (void)from_idx;
  fprintf(stderr, "vm_unmap_file: no file is mapped in these tests\n");
  abort();
}

void vm_unmap_file_range(struct inode *file, uint64_t from_idx, uint64_t to_idx,
                         bool even_cows) {
  (void)file, (void)from_idx, (void)to_idx, (void)even_cows;
  fprintf(stderr, "vm_unmap_file_range: no file is mapped in these tests\n");
  abort();
}

/* No memory is lazily freed in these tests: a frame is just a frame. */
uint64_t vm_alloc_frame(void) {
  return pmm_alloc();
}

struct fs_user fs_user(void *p, size_t n) {
  return (struct fs_user){.lo = (uint64_t)(uintptr_t)p,
                          .hi = (uint64_t)(uintptr_t)p + n};
}

/* Bytes of [va, va + n) inside the user range, from va on. */
static size_t inside(const struct mm *mm, uint64_t va, size_t n) {
  const struct fs_user *u =
      (const struct fs_user *)(const void *)((const char *)mm -
                                             offsetof(struct fs_user, mm));
  if (va < u->lo || va >= u->hi)
    return 0;
  return u->hi - va < n ? (size_t)(u->hi - va) : n;
}

size_t copy_from_user(struct mm *mm, void *dst, uint64_t src, size_t n) {
  size_t k = inside(mm, src, n);
  memcpy(dst, (const void *)(uintptr_t)src, k);
  return n - k;
}

size_t copy_to_user(struct mm *mm, uint64_t dst, const void *src, size_t n) {
  size_t k = inside(mm, dst, n);
  memcpy((void *)(uintptr_t)dst, src, k);
  return n - k;
}

size_t clear_user(struct mm *mm, uint64_t dst, size_t n) {
  size_t k = inside(mm, dst, n);
  memset((void *)(uintptr_t)dst, 0, k);
  return n - k;
}
