/* The kernel heap over pmm over fake RAM: random allocation and freeing
 * with every live block checked for overlap, alignment, zeroing and
 * integrity; large blocks return their frames; misuse panics. */
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "fake_phys.h"
#include "libos/kheap.h"
#include "libos/pmm.h"

#define PG HAL_PAGE_SIZE
#define SLOTS 400

struct live {
  unsigned char *p;
  size_t size;
  unsigned char tag;
};

static struct live live[SLOTS];

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static bool all_bytes(const unsigned char *p, size_t n, unsigned char v) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != v)
      return false;
  return true;
}

static size_t random_size(void) {
  switch (next_rand() % 8) {
  case 0: return next_rand() % 17;            /* tiny, incl. 0 */
  case 1: return 4080 + next_rand() % 40;     /* around the page edge */
  case 2: return PG + next_rand() % (5 * PG); /* large */
  default: return next_rand() % 2100;
  }
}

static void test_random(void) {
  fake_phys_reset();
  fake_phys_add(0x10000000, 2048 * PG);
  struct hal_mem_region r = {0x10000000, 2048 * PG};
  CHECK(pmm_init(&r, 1) == 0);
  size_t frames0 = pmm_free_count();
  long allocs = 0, nulls = 0;
  for (int step = 0; step < 20000; step++) {
    struct live *l = &live[next_rand() % SLOTS];
    if (l->p) {
      CHECK_MSG(all_bytes(l->p, l->size, l->tag), "block of %zu clobbered",
                l->size);
      kfree(l->p);
      l->p = NULL;
      continue;
    }
    size_t size = random_size();
    unsigned char *p = kzalloc(size);
    if (!p) {
      nulls++;
      continue;
    }
    allocs++;
    CHECK(((uintptr_t)p & 15) == 0);
    CHECK_MSG(all_bytes(p, size, 0), "block of %zu not zeroed", size);
    /* No live block may overlap the new one. */
    for (int i = 0; i < SLOTS; i++)
      if (live[i].p)
        CHECK(p + size <= live[i].p || live[i].p + live[i].size <= p ||
              size == 0 || live[i].size == 0);
    l->p = p;
    l->size = size;
    l->tag = (unsigned char)(1 + step % 250);
    memset(p, l->tag, size);
  }
  CHECK(allocs > 5000);
  for (int i = 0; i < SLOTS; i++) {
    if (live[i].p) {
      CHECK(all_bytes(live[i].p, live[i].size, live[i].tag));
      kfree(live[i].p);
      live[i].p = NULL;
    }
  }
  /* Large blocks went back to pmm; small-class pages stay with the heap. */
  size_t kept = frames0 - pmm_free_count();
  CHECK_MSG(kept < 200, "%zu frames still held", kept);
  (void)nulls;
}

static void test_large_and_exhaustion(void) {
  fake_phys_reset();
  fake_phys_add(0x20000000, 64 * PG);
  struct hal_mem_region r = {0x20000000, 64 * PG};
  CHECK(pmm_init(&r, 1) == 0);
  size_t free0 = pmm_free_count();
  void *big = kzalloc(10 * PG);
  CHECK(big != NULL);
  CHECK(pmm_free_count() == free0 - 11); /* header pushes it to 11 frames */
  kfree(big);
  CHECK(pmm_free_count() == free0);
  CHECK(kzalloc(200 * PG) == NULL);
  CHECK(kzalloc(SIZE_MAX) == NULL);
  CHECK(kzalloc(SIZE_MAX - 8) == NULL);
  /* Exhaust with small blocks: NULL, never a crash or a reused block. */
  size_t n = 0;
  while (kzalloc(1000))
    n++;
  CHECK(n > 100 && pmm_free_count() == 0);
  kfree(NULL); /* ignored */
}

static void test_misuse(void) {
  fake_phys_reset();
  fake_phys_add(0x30000000, 16 * PG);
  struct hal_mem_region r = {0x30000000, 16 * PG};
  CHECK(pmm_init(&r, 1) == 0);
  char *p = kzalloc(40);
  CHECK(p != NULL);
  kfree(p);
  CHECK(PANICS(kfree(p))); /* double free */
  char *q = kzalloc(100);
  CHECK(PANICS(kfree(q + 16))); /* not the start of a block */
  kfree(q);
  char *b = kzalloc(3 * PG);
  kfree(b);
  CHECK(PANICS(kfree(b))); /* double free of a large block */
}

/* The heap keeps its free lists for the kernel's life, so each scenario
 * gets a fresh process (and fresh fake RAM). */
static void isolated(const char *name, void (*fn)(void)) {
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    fn();
    exit(check_done(name));
  }
  int st = 0;
  CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
  CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s failed", name);
}

int main(void) {
  isolated("kheap random", test_random);
  isolated("kheap large/exhaustion", test_large_and_exhaustion);
  isolated("kheap misuse", test_misuse);
  return check_done("test_kheap");
}
