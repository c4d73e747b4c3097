/* The VMA map as a sorted array: small maps, simple code, O(n) edits. */
#include <libos/vma.h>

#include <libos/kheap.h>
#include <libos/kstring.h>

void vma_init(struct vma_map *m) {
  m->n = 0;
}

void vma_destroy(struct vma_map *m) {
  kfree(m->v);
  m->v = 0;
  m->n = m->cap = 0;
}

/* Every edit reserves before it changes anything, so a failure leaves
 * the map as it was. */
bool vma_reserve(struct vma_map *m, unsigned more) {
  if (m->n + more > VMA_MAX)
    return false;
  if (m->n + more <= m->cap)
    return true;
  unsigned cap = m->cap ? m->cap : 32;
  while (cap < m->n + more)
    cap *= 2;
  if (cap > VMA_MAX)
    cap = VMA_MAX;
  struct vma *v = kzalloc(cap * sizeof *v);
  if (!v)
    return false;
  if (m->n)
    memcpy(v, m->v, m->n * sizeof *v);
  kfree(m->v);
  m->v = v;
  m->cap = cap;
  return true;
}

int vma_copy(struct vma_map *dst, const struct vma_map *src) {
  dst->n = 0;
  if (!vma_reserve(dst, src->n))
    return -1;
  if (src->n)
    memcpy(dst->v, src->v, src->n * sizeof *src->v);
  dst->n = src->n;
  return 0;
}

/* Index of the first area with end > addr (m->n if none). */
static unsigned first_above(const struct vma_map *m, uint64_t addr) {
  unsigned lo = 0, hi = m->n;
  while (lo < hi) {
    unsigned mid = lo + (hi - lo) / 2;
    if (m->v[mid].end > addr)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

struct vma *vma_next(struct vma_map *m, uint64_t addr) {
  unsigned i = first_above(m, addr);
  return i < m->n ? &m->v[i] : 0;
}

struct vma *vma_find(struct vma_map *m, uint64_t addr) {
  struct vma *v = vma_next(m, addr);
  return v && v->start <= addr ? v : 0;
}

bool vma_overlaps(const struct vma_map *m, uint64_t start, uint64_t end) {
  unsigned i = first_above(m, start);
  return i < m->n && m->v[i].start < end;
}

bool vma_covered(const struct vma_map *m, uint64_t start, uint64_t end) {
  unsigned i = first_above(m, start);
  uint64_t at = start;
  for (; i < m->n && at < end; i++) {
    if (m->v[i].start > at)
      return false;
    at = m->v[i].end;
  }
  return at >= end;
}

/* May area b, which starts where a ends, join a? */
static bool same_kind(const struct vma *a, const struct vma *b) {
  if (a->prot != b->prot || a->flags != b->flags || a->kind != b->kind ||
      a->file != b->file)
    return false;
  return !vma_has_offset(a) ||
         a->pgoff + (a->end - a->start) / 4096 == b->pgoff;
}

static void remove_at(struct vma_map *m, unsigned i) {
  memmove(&m->v[i], &m->v[i + 1], (m->n - i - 1) * sizeof m->v[0]);
  m->n--;
}

static void insert_at(struct vma_map *m, unsigned i, const struct vma *v) {
  memmove(&m->v[i + 1], &m->v[i], (m->n - i) * sizeof m->v[0]);
  m->v[i] = *v;
  m->n++;
}

/* Join area i+1 into area i (they touch and match). */
static void join_next(struct vma_map *m, unsigned i) {
  struct vma *a = &m->v[i], *b = &m->v[i + 1];
  a->end = b->end;
  if (b->touched_lo < b->touched_hi) {
    if (a->touched_lo >= a->touched_hi) {
      a->touched_lo = b->touched_lo;
      a->touched_hi = b->touched_hi;
    } else {
      if (b->touched_lo < a->touched_lo)
        a->touched_lo = b->touched_lo;
      if (b->touched_hi > a->touched_hi)
        a->touched_hi = b->touched_hi;
    }
  }
  if (b->file)
    vma_file_unref(b->file);
  remove_at(m, i + 1);
}

/* Merge area i with its neighbours where they touch and match. */
static void merge_around(struct vma_map *m, unsigned i) {
  if (i + 1 < m->n && m->v[i].end == m->v[i + 1].start &&
      same_kind(&m->v[i], &m->v[i + 1]))
    join_next(m, i);
  if (i > 0 && m->v[i - 1].end == m->v[i].start &&
      same_kind(&m->v[i - 1], &m->v[i]))
    join_next(m, i - 1);
}

int vma_insert(struct vma_map *m, const struct vma *v) {
  if (v->start >= v->end || vma_overlaps(m, v->start, v->end))
    return -1;
  if (!vma_reserve(m, 1))
    return -1;
  unsigned i = first_above(m, v->start);
  if (v->file)
    vma_file_ref(v->file);
  insert_at(m, i, v);
  merge_around(m, i);
  return 0;
}

/* Split so that an area boundary falls at `addr` (if addr is inside one). */
static int split_at(struct vma_map *m, uint64_t addr) {
  struct vma *v = vma_find(m, addr);
  if (!v || v->start == addr)
    return 0;
  unsigned i = (unsigned)(v - m->v);
  if (!vma_reserve(m, 1))
    return -1;
  v = &m->v[i]; /* the array may have moved */
  struct vma upper = *v;
  upper.start = addr;
  if (vma_has_offset(&upper))
    upper.pgoff += (addr - v->start) / 4096;
  if (upper.file)
    vma_file_ref(upper.file);
  m->v[i].end = addr;
  insert_at(m, i + 1, &upper);
  return 0;
}

/* Slots the splits at start and end would need. */
static unsigned splits_needed(struct vma_map *m, uint64_t start, uint64_t end) {
  unsigned k = 0;
  struct vma *a = vma_find(m, start);
  struct vma *b = vma_find(m, end);
  if (a && a->start < start)
    k++;
  if (b && b->start < end)
    k++;
  return k;
}

bool vma_splits_fit(struct vma_map *m, uint64_t start, uint64_t end) {
  return start >= end || vma_reserve(m, splits_needed(m, start, end));
}

void vma_touch(struct vma *v, uint64_t va) {
  uint64_t lo = va & ~(uint64_t)4095, hi = lo + 4096;
  if (v->touched_lo >= v->touched_hi) {
    v->touched_lo = lo;
    v->touched_hi = hi;
    return;
  }
  if (lo < v->touched_lo)
    v->touched_lo = lo;
  if (hi > v->touched_hi)
    v->touched_hi = hi;
}

int vma_remove(struct vma_map *m, uint64_t start, uint64_t end) {
  if (start >= end)
    return 0;
  if (!vma_reserve(m, splits_needed(m, start, end)))
    return -1;
  split_at(m, start);
  split_at(m, end);
  unsigned i = first_above(m, start);
  while (i < m->n && m->v[i].start < end) {
    if (m->v[i].file)
      vma_file_unref(m->v[i].file);
    remove_at(m, i);
  }
  return 0;
}

int vma_protect(struct vma_map *m, uint64_t start, uint64_t end,
                unsigned prot) {
  return vma_protect_flags(m, start, end, prot, 0);
}

/* Split so that [start, end) is whole areas; false when the map is full
 * (nothing changed). */
static bool split_range(struct vma_map *m, uint64_t start, uint64_t end) {
  if (!vma_reserve(m, splits_needed(m, start, end)))
    return false;
  split_at(m, start);
  split_at(m, end);
  return true;
}

/* One pass over the map joins every pair an edit made equal. */
static void join_equal(struct vma_map *m) {
  for (unsigned k = 0; k + 1 < m->n;) {
    if (m->v[k].end == m->v[k + 1].start && same_kind(&m->v[k], &m->v[k + 1]))
      join_next(m, k);
    else
      k++;
  }
}

int vma_protect_flags(struct vma_map *m, uint64_t start, uint64_t end,
                      unsigned prot, unsigned add_flags) {
  if (start >= end)
    return 0;
  if (!split_range(m, start, end))
    return -1;
  for (unsigned i = first_above(m, start); i < m->n && m->v[i].start < end;
       i++) {
    m->v[i].prot = prot;
    m->v[i].flags |= add_flags;
  }
  join_equal(m);
  return 0;
}

int vma_set_flags(struct vma_map *m, uint64_t start, uint64_t end,
                  unsigned mask, unsigned set) {
  if (start >= end)
    return 0;
  if (!split_range(m, start, end))
    return -1;
  for (unsigned i = first_above(m, start); i < m->n && m->v[i].start < end; i++)
    m->v[i].flags = (m->v[i].flags & ~mask) | (set & mask);
  join_equal(m);
  return 0;
}

uint64_t vma_find_gap(const struct vma_map *m, uint64_t len, uint64_t lo,
                      uint64_t hi) {
  if (len == 0 || hi < lo || hi - lo < len)
    return 0;
  /* Walk areas from the top: the gap above each area up to `top`. */
  uint64_t top = hi;
  for (unsigned i = m->n; i-- > 0;) {
    const struct vma *v = &m->v[i];
    if (v->start >= top)
      continue;
    if (v->end < top && top - v->end >= len && top - len >= lo)
      return top - len;
    if (v->start < top)
      top = v->start;
    if (top < lo + len)
      return 0;
  }
  return top - lo >= len ? top - len : 0;
}

/* Lowest address an area lets a gap below it reach. */
static uint64_t start_gap(const struct vma *v) {
  if (!(v->flags & VMA_F_GROWSDOWN))
    return v->start;
  return v->start > VMA_GUARD_GAP ? v->start - VMA_GUARD_GAP : 0;
}

uint64_t vma_find_gap_guarded(const struct vma_map *m, uint64_t len,
                              uint64_t lo, uint64_t hi) {
  if (len == 0 || hi < lo || hi - lo < len)
    return 0;
  /* `top` is the highest address a gap may reach: below every area seen so
   * far, and below their guard gaps. */
  uint64_t top = hi;
  for (unsigned i = m->n; i-- > 0;) {
    const struct vma *v = &m->v[i];
    if (v->end < top && top - v->end >= len && top - len >= lo)
      return top - len;
    uint64_t floor = start_gap(v);
    if (floor < top)
      top = floor;
    if (top < lo + len)
      return 0;
  }
  return top - len;
}

bool vma_fits_guarded(const struct vma_map *m, uint64_t start, uint64_t end) {
  unsigned i = first_above(m, start);
  if (i == m->n)
    return true;
  return end <= start_gap(&m->v[i]) && end <= m->v[i].start;
}
