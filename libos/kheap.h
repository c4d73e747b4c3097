/* The kernel heap: small objects from pmm pages. */
#ifndef LIBOS_KHEAP_H
#define LIBOS_KHEAP_H

#include <stddef.h>

/* Zeroed memory of at least `size` bytes, 16-byte aligned; NULL when out of
 * memory. Sizes above a page come from contiguous frames. */
void *kzalloc(size_t size);

/* Free memory from kzalloc(); NULL is ignored. */
void kfree(void *p);

#endif
