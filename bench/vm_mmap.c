/* mmap/munmap throughput: pairs of a one-page anonymous mmap and its munmap
 * per second, untouched and with one write (a fault) in between; best of 3
 * rounds. Prints "key value" lines (see bench/vm_bench.sh). */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>

#define PAIRS 20000
#define ROUNDS 3

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Best time for PAIRS pairs; touch: write one byte before munmap. */
static uint64_t run(int touch) {
  uint64_t best = UINT64_MAX;
  for (int r = 0; r < ROUNDS; r++) {
    uint64_t t0 = now_ns();
    for (int i = 0; i < PAIRS; i++) {
      char *p = mmap(0, 4096, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED)
        return 0;
      if (touch)
        *(volatile char *)p = 1;
      munmap(p, 4096);
    }
    uint64_t t = now_ns() - t0;
    if (t < best)
      best = t;
  }
  return best;
}

int main(void) {
  uint64_t plain = run(0), touched = run(1);
  if (!plain || !touched) {
    printf("error mmap failed\n");
    return 1;
  }
  printf("mmap_pairs %d\n", PAIRS);
  printf("mmap_munmap_per_s %.0f\n", PAIRS / (plain / 1e9));
  printf("mmap_touch_munmap_per_s %.0f\n", PAIRS / (touched / 1e9));
  return 0;
}
