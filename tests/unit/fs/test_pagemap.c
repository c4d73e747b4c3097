/* The sparse page map (libos/pagemap.c) against a model (a list of index ->
 * frame pairs) over random set / get / truncate / next sequences, with
 * indexes dense near 0, on 512^k boundaries, clustered, and spread up to
 * 2^51 (the last page of the largest file). Checked after every step:
 * every frame where the model says (and holding one reference), next()
 * walking exactly the model's indexes in order, the height, and the node
 * count (the live kzalloc blocks: every node but the root is non-empty).
 * Node allocation failures change nothing; every frame comes back to pmm
 * after truncate(0). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fs_fake.h"
#include <libos/kheap.h>
#include <libos/pagemap.h>
#include <libos/pmm.h>

#define MAXE 400
#define BITS 9u

struct pair {
  uint64_t idx, pa;
};

static struct pair model[MAXE];
static unsigned nmodel;
static unsigned model_height;
static struct pagemap map;
static size_t free0, class0;
static long heap0;
static size_t frames_per_node;
static unsigned long step;

static uint64_t rng;
static uint64_t rnd64(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static uint64_t rnd(uint64_t n) {
  return rnd64() % n;
}

static uint64_t capacity(unsigned height) {
  unsigned bits = BITS * (height + 1);
  return bits >= 64 ? UINT64_MAX : (1ull << bits) - 1;
}

static uint64_t clusters[4];

static uint64_t random_index(void) {
  switch (rnd(6)) {
  case 0:
    return rnd(1500);
  case 1: { /* on and around 512^k boundaries */
    uint64_t b = 1ull << (BITS * (1 + rnd(5)));
    return b - 2 + rnd(4);
  }
  case 2:
    return clusters[rnd(4)] + rnd(1200);
  case 3:
    return rnd64() & ((1ull << 51) - 1);
  case 4:
    return rnd64() & ((1ull << (1 + rnd(51))) - 1);
  default:
    return nmodel ? model[rnd(nmodel)].idx + rnd(3) : rnd(8);
  }
}

static int find(uint64_t idx) {
  for (unsigned i = 0; i < nmodel; i++)
    if (model[i].idx == idx)
      return (int)i;
  return -1;
}

static int by_idx(const void *a, const void *b) {
  uint64_t x = ((const struct pair *)a)->idx, y = ((const struct pair *)b)->idx;
  return x < y ? -1 : x > y;
}

static int by_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Nodes a map of the model's indexes with `height` holds: the root, and at
 * each lower level one node per distinct index prefix above it. */
static size_t count_nodes(const struct pair *p, unsigned n, unsigned height) {
  if (n == 0)
    return 0;
  size_t nodes = 1;
  uint64_t *pre = malloc(n * sizeof *pre);
  for (unsigned l = 0; l < height; l++) {
    for (unsigned i = 0; i < n; i++)
      pre[i] = p[i].idx >> (BITS * (l + 1));
    qsort(pre, n, sizeof *pre, by_u64);
    for (unsigned i = 0; i < n; i++)
      nodes += i == 0 || pre[i] != pre[i - 1];
  }
  free(pre);
  return nodes;
}

static size_t model_nodes(void) {
  return count_nodes(model, nmodel, model_height);
}

static void check_all(void) {
  CHECK_MSG(map.pages == nmodel, "step %lu: %llu pages, model %u", step,
            (unsigned long long)map.pages, nmodel);
  CHECK_MSG(nmodel == 0 || map.height == model_height,
            "step %lu: height %u, model %u", step, map.height, model_height);
  CHECK(nmodel != 0 || map.root == NULL);
  for (unsigned i = 0; i < nmodel; i++) {
    CHECK_MSG(pagemap_get(&map, model[i].idx) == model[i].pa,
              "step %lu: get(%llu)", step, (unsigned long long)model[i].idx);
    CHECK(pmm_refcount(model[i].pa) == 1);
  }
  /* next() from 0 visits exactly the model's indexes, in order. */
  qsort(model, nmodel, sizeof model[0], by_idx);
  uint64_t at = 0;
  for (unsigned i = 0; i <= nmodel; i++) {
    uint64_t want = i < nmodel ? model[i].idx : PAGEMAP_NONE;
    uint64_t got = pagemap_next(&map, at);
    CHECK_MSG(got == want, "step %lu: next(%llu) = %llu, model %llu", step,
              (unsigned long long)at, (unsigned long long)got,
              (unsigned long long)want);
    if (got != want || want == PAGEMAP_NONE)
      break;
    at = want + 1;
  }
  size_t nodes = model_nodes();
  CHECK_MSG(fs_heap_live - heap0 == (long)nodes, "step %lu: %ld nodes, %zu",
            step, fs_heap_live - heap0, nodes);
  size_t class_pages = fs_heap_class_pages - class0;
  CHECK_MSG(pmm_free_count() + nmodel + nodes * frames_per_node + class_pages ==
                free0,
            "step %lu: frames unaccounted for", step);
}

/* The model's lowest index >= idx. */
static uint64_t model_next(uint64_t idx) {
  uint64_t best = PAGEMAP_NONE;
  for (unsigned i = 0; i < nmodel; i++)
    if (model[i].idx >= idx && model[i].idx < best)
      best = model[i].idx;
  return best;
}

static void op_set(void) {
  if (nmodel == MAXE)
    return;
  uint64_t idx = random_index();
  int at = find(idx);
  if (at >= 0) {
    CHECK(pagemap_get(&map, idx) == model[at].pa);
    return;
  }
  uint64_t pa = pmm_alloc();
  CHECK(pa != 0);
  unsigned height = nmodel ? model_height : 0;
  while (idx > capacity(height))
    height++;
  model[nmodel] = (struct pair){idx, pa};
  size_t need = count_nodes(model, nmodel + 1, height) - model_nodes();
  /* Fail each allocation the set needs in turn: nothing may change. */
  if (need && rnd(3) == 0) {
    void *root = map.root;
    unsigned h = map.height;
    fs_heap_fail_after = (long)rnd(need);
    CHECK(pagemap_set(&map, idx, pa) == -1);
    fs_heap_fail_after = -1;
    CHECK(map.root == root && map.height == h);
    CHECK(pagemap_get(&map, idx) == 0);
    pmm_unref(pa); /* so check_all's frame count holds */
    check_all();
    pa = pmm_alloc();
    model[nmodel].pa = pa;
  }
  if (!need)
    fs_heap_fail_after = 0; /* no allocation may be needed */
  CHECK_MSG(pagemap_set(&map, idx, pa) == 0, "step %lu: set(%llu)", step,
            (unsigned long long)idx);
  fs_heap_fail_after = -1;
  nmodel++;
  model_height = height;
}

static void op_truncate(void) {
  uint64_t from;
  switch (rnd(4)) {
  case 0:
    from = nmodel ? model[rnd(nmodel)].idx + rnd(2) : 0;
    break;
  case 1:
    from = rnd(50) == 0 ? 0 : random_index();
    break;
  default:
    from = random_index() | (1ull << 40); /* drop only the far ones */
  }
  uint64_t dropped = 0;
  uint64_t gone[MAXE];
  for (unsigned i = 0; i < nmodel;) {
    if (model[i].idx >= from) {
      gone[dropped++] = model[i].pa;
      model[i] = model[--nmodel];
    } else {
      i++;
    }
  }
  uint64_t r = pagemap_truncate(&map, from);
  CHECK_MSG(r == dropped, "step %lu: truncate(%llu) dropped %llu, model %llu",
            step, (unsigned long long)from, (unsigned long long)r,
            (unsigned long long)dropped);
  for (uint64_t i = 0; i < dropped; i++)
    CHECK(pmm_refcount(gone[i]) == 0);
  if (nmodel == 0)
    model_height = 0;
}

static void op_probe(void) {
  uint64_t idx = rnd(8) == 0 ? rnd64() : random_index();
  int at = find(idx);
  CHECK(pagemap_get(&map, idx) == (at >= 0 ? model[at].pa : 0));
  CHECK_MSG(pagemap_next(&map, idx) == model_next(idx), "step %lu: next(%llu)",
            step, (unsigned long long)idx);
}

static void test_random(void) {
  for (unsigned seed = 1; seed <= 12; seed++) {
    rng = 0x9e3779b97f4a7c15ull * seed;
    for (unsigned i = 0; i < 4; i++)
      clusters[i] = rnd64() & ((1ull << (12 + 9 * i)) - 1);
    pagemap_init(&map);
    nmodel = 0;
    model_height = 0;
    for (step = 0; step < 1500; step++) {
      unsigned op = (unsigned)rnd(10);
      if (op < 6)
        op_set();
      else if (op < 7)
        op_truncate();
      else
        op_probe();
      check_all();
    }
    CHECK(pagemap_truncate(&map, 0) == nmodel);
    nmodel = 0;
    CHECK(map.root == NULL && map.pages == 0);
    CHECK(fs_heap_live == heap0);
    CHECK_MSG(pmm_free_count() + (fs_heap_class_pages - class0) == free0,
              "seed %u: %zu frames leaked", seed,
              free0 - pmm_free_count() - (fs_heap_class_pages - class0));
  }
}

/* One page at 2^50 costs a node per level, not a table. */
static void test_far(void) {
  pagemap_init(&map);
  uint64_t far = 1ull << 50, a = pmm_alloc(), b = pmm_alloc();
  CHECK(pagemap_get(&map, far) == 0);
  CHECK(pagemap_next(&map, 0) == PAGEMAP_NONE);
  CHECK(pagemap_set(&map, far, a) == 0);
  CHECK(map.height == 5 && fs_heap_live - heap0 == 6);
  CHECK(pagemap_next(&map, 0) == far && pagemap_next(&map, far) == far);
  CHECK(pagemap_next(&map, far + 1) == PAGEMAP_NONE);
  CHECK(pagemap_next(&map, UINT64_MAX) == PAGEMAP_NONE);
  CHECK(pagemap_get(&map, far - 1) == 0 && pagemap_get(&map, far + 1) == 0);
  CHECK(pagemap_get(&map, UINT64_MAX) == 0);
  CHECK(pagemap_set(&map, 0, b) == 0);
  CHECK(fs_heap_live - heap0 == 11 && map.pages == 2);
  CHECK(pagemap_next(&map, 1) == far);
  CHECK(pagemap_truncate(&map, far + 1) == 0);
  CHECK(pagemap_truncate(&map, 1) == 1);
  CHECK(pmm_refcount(a) == 0 && pmm_refcount(b) == 1);
  CHECK(fs_heap_live - heap0 == 6 && map.height == 5);
  CHECK(pagemap_next(&map, 1) == PAGEMAP_NONE);
  CHECK(pagemap_truncate(&map, 0) == 1 && map.root == NULL);
  CHECK(fs_heap_live == heap0 && pmm_free_count() == free0);
}

/* Growing the tree under a stored page: the new index's path leaves the
 * old root at the new top (page 512 after page 0: a 2 MiB file). */
static void test_grow(void) {
  pagemap_init(&map);
  uint64_t a = pmm_alloc(), b = pmm_alloc(), c = pmm_alloc();
  CHECK(pagemap_set(&map, 0, a) == 0 && map.height == 0);
  CHECK(pagemap_set(&map, 512, b) == 0 && map.height == 1);
  CHECK(fs_heap_live - heap0 == 3);
  CHECK(pagemap_set(&map, (1ull << 36) + 1, c) == 0 && map.height == 4);
  CHECK(pagemap_get(&map, 0) == a && pagemap_get(&map, 512) == b);
  CHECK(pagemap_get(&map, (1ull << 36) + 1) == c);
  CHECK(pagemap_next(&map, 513) == (1ull << 36) + 1);
  CHECK(pagemap_truncate(&map, 0) == 3 && fs_heap_live == heap0);
  CHECK(pmm_free_count() == free0);
}

int main(void) {
  fs_fake_init(16384);
  /* What one node (a 4096-byte kzalloc) costs in frames. */
  size_t before = pmm_free_count();
  void *n = kzalloc(4096);
  frames_per_node = before - pmm_free_count();
  kfree(n);
  free0 = pmm_free_count();
  class0 = fs_heap_class_pages;
  heap0 = fs_heap_live;
  test_far();
  test_grow();
  test_random();
  return check_done("unit.fs.pagemap");
}
