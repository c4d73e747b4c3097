/* Random insert/remove/protect sequences on the VMA map, checked after every
 * step against a model that records each page's attributes (for file areas
 * also the file and the page's index in it), plus the map's own invariants
 * (sorted, disjoint, maximally merged) and the file references the map
 * holds (one per file area). */
#include <libos/vma.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGES 512
#define PG 4096ULL
#define BASE 0x10000000ULL

struct page {
  int mapped;
  unsigned prot, flags, kind;
  int file;     /* 0: none, else 1 + index into files[] */
  uint64_t idx; /* file page index */
};

/* Fake inodes: the map's references are counted here. */
struct inode {
  int refs;
};
static struct inode files[2];

void vma_file_ref(struct inode *f) {
  f->refs++;
}

void vma_file_unref(struct inode *f) {
  if (--f->refs < 0) {
    fprintf(stderr, "file reference dropped twice\n");
    exit(1);
  }
}

static int file_no(const struct vma *v) {
  return v->file ? 1 + (int)(v->file - files) : 0;
}

static struct page model[PAGES];
/* vma.c's array comes from the kernel heap; here, from libc's. */
void *kzalloc(size_t n) {
  return calloc(1, n);
}

void kfree(void *p) {
  free(p);
}

static struct vma_map map;
static unsigned long step;

static void fail(const char *what) {
  fprintf(stderr, "step %lu: %s\n", step, what);
  for (unsigned i = 0; i < map.n; i++)
    fprintf(stderr, "  [%llx,%llx) prot=%u kind=%u\n",
            (unsigned long long)map.v[i].start,
            (unsigned long long)map.v[i].end, map.v[i].prot,
            (unsigned)map.v[i].kind);
  exit(1);
}

static int same(const struct page *a, const struct page *b) {
  return a->mapped == b->mapped &&
         (!a->mapped ||
          (a->prot == b->prot && a->flags == b->flags && a->kind == b->kind &&
           a->file == b->file && a->idx == b->idx));
}

static void check(void) {
  for (unsigned i = 0; i < map.n; i++) {
    const struct vma *v = &map.v[i];
    if (v->start >= v->end || v->start % PG || v->end % PG)
      fail("bad area bounds");
    if (i > 0 && map.v[i - 1].end > v->start)
      fail("areas overlap or are unsorted");
    const struct vma *u = i > 0 ? &map.v[i - 1] : 0;
    if (u && u->end == v->start && u->prot == v->prot && u->flags == v->flags &&
        u->kind == v->kind && u->file == v->file &&
        (!vma_has_offset(v) || vma_file_index(u, u->end) == v->pgoff))
      fail("equal neighbours not merged");
  }
  int refs[2] = {0, 0};
  for (unsigned i = 0; i < map.n; i++)
    if (map.v[i].file)
      refs[map.v[i].file - files]++;
  if (refs[0] != files[0].refs || refs[1] != files[1].refs)
    fail("file references differ from the file areas");
  for (unsigned p = 0; p < PAGES; p++) {
    uint64_t a = BASE + p * PG;
    struct vma *v = vma_find(&map, a + 123);
    struct page got = {0, 0, 0, 0, 0, 0};
    if (v)
      got = (struct page){
          1,          v->prot,
          v->flags,   (unsigned)v->kind,
          file_no(v), vma_has_offset(v) ? vma_file_index(v, a) : 0};
    if (!same(&got, &model[p]))
      fail("map and model disagree");
  }
}

static unsigned rnd(unsigned n) {
  return (unsigned)(rand() % (int)n);
}

static int model_free(unsigned lo, unsigned hi) {
  for (unsigned p = lo; p < hi; p++)
    if (model[p].mapped)
      return 0;
  return 1;
}

static void op_insert(void) {
  unsigned lo = rnd(PAGES), len = 1 + rnd(16);
  unsigned hi = lo + len > PAGES ? PAGES : lo + len;
  struct vma v = {.start = BASE + lo * PG,
                  .end = BASE + hi * PG,
                  .prot = rnd(4),
                  .flags = rnd(2),
                  .kind = rnd(3)};
  if (rnd(3) == 0) { /* a file area: offsets that often line up */
    v.kind = rnd(2) ? VMA_FILE : VMA_FILE_SHARED;
    v.file = &files[rnd(2)];
    v.pgoff = rnd(2) ? lo : rnd(8);
  } else if (v.kind == VMA_PROGRAM) { /* segments stand at an offset too */
    v.pgoff = rnd(2) ? lo : rnd(8);
  }
  int expect_ok = model_free(lo, hi);
  int r = vma_insert(&map, &v);
  if ((r == 0) != expect_ok)
    fail(expect_ok ? "insert into a free range refused"
                   : "insert over a mapped range accepted");
  if (r == 0)
    for (unsigned p = lo; p < hi; p++)
      model[p] = (struct page){
          1,      v.prot,      v.flags,
          v.kind, file_no(&v), vma_has_offset(&v) ? v.pgoff + (p - lo) : 0};
  if (vma_overlaps(&map, v.start, v.end) != 1)
    fail("range just inserted (or occupied) does not overlap");
}

static void op_remove(void) {
  unsigned lo = rnd(PAGES), hi = lo + rnd(40);
  if (hi > PAGES)
    hi = PAGES;
  if (vma_remove(&map, BASE + lo * PG, BASE + hi * PG) != 0)
    fail("remove failed with room to split");
  for (unsigned p = lo; p < hi; p++)
    model[p].mapped = 0;
  if (lo < hi && vma_overlaps(&map, BASE + lo * PG, BASE + hi * PG))
    fail("removed range still overlaps");
}

static void op_protect(void) {
  unsigned lo = rnd(PAGES), hi = lo + rnd(40);
  if (hi > PAGES)
    hi = PAGES;
  unsigned prot = rnd(4);
  if (vma_protect(&map, BASE + lo * PG, BASE + hi * PG, prot) != 0)
    fail("protect failed with room to split");
  for (unsigned p = lo; p < hi; p++)
    if (model[p].mapped)
      model[p].prot = prot;
}

/* mlock and munlock: the lock bits change, every area keeps its prot. */
static void op_lock(void) {
  unsigned lo = rnd(PAGES), hi = lo + rnd(40);
  if (hi > PAGES)
    hi = PAGES;
  unsigned mask = VMA_F_LOCKED | VMA_F_LOCKONFAULT;
  unsigned set = rnd(2) ? VMA_F_LOCKED | (rnd(2) ? VMA_F_LOCKONFAULT : 0) : 0;
  if (vma_set_flags(&map, BASE + lo * PG, BASE + hi * PG, mask, set) != 0)
    fail("set_flags failed with room to split");
  for (unsigned p = lo; p < hi; p++)
    if (model[p].mapped)
      model[p].flags = (model[p].flags & ~mask) | set;
}

static void op_gap(void) {
  unsigned len = 1 + rnd(32);
  uint64_t a = vma_find_gap(&map, len * PG, BASE, BASE + PAGES * PG);
  /* The model's highest free run of len pages. */
  int best = -1;
  for (int p = PAGES - (int)len; p >= 0; p--)
    if (model_free((unsigned)p, (unsigned)p + len)) {
      best = p;
      break;
    }
  if (best < 0 ? a != 0 : a != BASE + (uint64_t)best * PG)
    fail("find_gap disagrees with the model");
}

static void op_covered(void) {
  unsigned lo = rnd(PAGES), hi = lo + 1 + rnd(20);
  if (hi > PAGES)
    hi = PAGES;
  int all = 1;
  for (unsigned p = lo; p < hi; p++)
    all &= model[p].mapped;
  if (vma_covered(&map, BASE + lo * PG, BASE + hi * PG) != all)
    fail("covered disagrees with the model");
}

int main(void) {
  for (unsigned seed = 1; seed <= 40; seed++) {
    srand(seed);
    memset(model, 0, sizeof model);
    vma_init(&map);
    files[0].refs = files[1].refs = 0;
    for (step = 0; step < 2000; step++) {
      switch (rnd(6)) {
      case 0:
      case 1:
        op_insert();
        break;
      case 2:
        op_remove();
        break;
      case 3:
        op_protect();
        break;
      case 4:
        op_lock();
        break;
      default:
        if (rnd(2))
          op_gap();
        else
          op_covered();
      }
      check();
    }
    if (vma_remove(&map, 0, ~0ULL) != 0 || map.n || files[0].refs ||
        files[1].refs)
      fail("removing everything left areas or file references");
  }
  /* A full map refuses a split rather than corrupting itself. */
  vma_init(&map);
  for (unsigned i = 0; i < VMA_MAX; i++) {
    struct vma v = {
        .start = BASE + 2 * i * PG, .end = BASE + (2 * i + 1) * PG, .prot = 1};
    if (vma_insert(&map, &v) != 0)
      fail("could not fill the map");
  }
  struct vma big = {.start = BASE + (2 * VMA_MAX) * PG,
                    .end = BASE + (2 * VMA_MAX + 4) * PG,
                    .prot = 1};
  if (vma_insert(&map, &big) == 0)
    fail("insert into a full map accepted");
  unsigned n = map.n;
  if (vma_protect(&map, BASE + 2 * 10 * PG, BASE + (2 * 10 + 1) * PG, 3) != 0)
    fail("whole-area protect needs no split but failed");
  if (map.n != n)
    fail("whole-area protect changed the count");
  puts("vma: 80000 random steps agree with the model");
  return 0;
}
