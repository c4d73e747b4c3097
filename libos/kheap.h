/* The kernel heap: small objects from pmm pages. */
#ifndef LIBOS_KHEAP_H
#define LIBOS_KHEAP_H

#include <stddef.h>

/* Zeroed memory of at least `size` bytes, 16-byte aligned (never page
 * aligned: a 16-byte header precedes every block; take page-aligned memory
 * from pmm); NULL when out of memory. Blocks up to 4080 bytes come from
 * per-size-class pages the heap keeps; larger ones are contiguous frames
 * returned to pmm by kfree(). */
void *kzalloc(size_t size);

/* Free memory from kzalloc(); NULL is ignored. A pointer that is not a
 * live kzalloc() block (double free, interior pointer) panics. */
void kfree(void *p);

#endif
