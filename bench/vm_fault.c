/* Page-fault cost: the first touch (one write per page) of 64 MiB of fresh
 * anonymous memory, best of 3 rounds. Prints "key value" lines; the same
 * static binary runs natively and in the image (bench/vm_bench.sh). */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>

#define LEN (64UL << 20)
#define PAGE 4096UL
#define ROUNDS 3

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int main(void) {
  uint64_t best = UINT64_MAX;
  for (int r = 0; r < ROUNDS; r++) {
    volatile char *p = mmap(0, LEN, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
      printf("error mmap 64 MiB failed\n");
      return 1;
    }
    uint64_t t0 = now_ns();
    for (unsigned long off = 0; off < LEN; off += PAGE)
      p[off] = 1;
    uint64_t t = now_ns() - t0;
    if (t < best)
      best = t;
    munmap((void *)p, LEN);
  }
  printf("fault_pages %lu\n", LEN / PAGE);
  printf("fault_total_ms %.2f\n", best / 1e6);
  printf("fault_ns_per_page %.0f\n", (double)best / (LEN / PAGE));
  return 0;
}
