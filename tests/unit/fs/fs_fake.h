/* Host doubles for the fs unit tests (fs_fake.c). The code under test is
 * libos/{pagemap,inode,tmpfs,namei}.c over the real pmm and kheap on fake
 * RAM (tests/unit/libos/fake_phys.c); around them:
 * - kheap compiled under other names (kheap_counted.c) behind a kzalloc /
 *   kfree that count live blocks and can be told to fail, and the pages
 *   kheap keeps for its size classes counted, so a test can account for
 *   every frame;
 * - user memory as a host buffer: a `struct fs_user` holds the real
 *   `struct mm` the code under test passes along and the one range
 *   [lo, hi) of host addresses a user copy through it may touch; the
 *   copies move bytes within it and report the rest as not copied, as
 *   uaccess.c;
 * - the HAL clocks (a fixed time); vm_unmap_file(_range), which no test reaches
 *   (no file is mapped), aborts; vm_alloc_frame is pmm_alloc (nothing is
 *   lazily freed). */
#ifndef FS_TEST_FAKE_H
#define FS_TEST_FAKE_H

#include <stddef.h>
#include <stdint.h>

#include <libos/vm.h>

struct fs_user {
  struct mm mm;    /* what copies are passed (its contents unused) */
  uint64_t lo, hi; /* host addresses a copy may touch */
};

/* A user view of host buffer [p, p + n). */
struct fs_user fs_user(void *p, size_t n);

/* Back `pages` pages of fake RAM and hand them to pmm. Once per program
 * (kheap keeps pointers into it). */
void fs_fake_init(size_t pages);

/* kzalloc blocks alive now. */
extern long fs_heap_live;

/* kzalloc succeeds this many more times, then fails (until set to -1,
 * which means never fail). */
extern long fs_heap_fail_after;

/* Pages kheap has taken from pmm for its small-block classes (it never
 * returns them). */
extern size_t fs_heap_class_pages;

#endif
