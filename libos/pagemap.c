/* The sparse page map (pagemap.h). Nodes are one kernel page of 512
 * slots; a leaf level's slots hold frames, the others child nodes. */
#include <libos/pagemap.h>

#include <libos/kheap.h>
#include <libos/pmm.h>

#define FANOUT 512u
#define BITS 9u

struct node {
  uint64_t slot[FANOUT]; /* frame (leaf level) or struct node * */
};

void pagemap_init(struct pagemap *m) {
  m->root = 0;
  m->height = 0;
  m->pages = 0;
}

/* Indices a tree of `height` levels below its root node can hold. */
static uint64_t capacity(unsigned height) {
  unsigned bits = BITS * (height + 1);
  return bits >= 64 ? UINT64_MAX : (1ull << bits) - 1;
}

static unsigned slot_of(uint64_t idx, unsigned level) {
  return (unsigned)((idx >> (BITS * level)) & (FANOUT - 1));
}

uint64_t pagemap_get(const struct pagemap *m, uint64_t idx) {
  if (!m->root || idx > capacity(m->height))
    return 0;
  const struct node *n = m->root;
  for (unsigned level = m->height; level > 0; level--) {
    n = (const struct node *)(uintptr_t)n->slot[slot_of(idx, level)];
    if (!n)
      return 0;
  }
  return n->slot[slot_of(idx, 0)];
}

int pagemap_set(struct pagemap *m, uint64_t idx, uint64_t pa) {
  /* Allocate everything first so a failure changes nothing: new root
   * levels above, then missing nodes on the way down. */
  unsigned height = m->root ? m->height : 0;
  while (idx > capacity(height))
    height++;
  unsigned grow = m->root ? height - m->height : 0;
  unsigned need = grow + (m->root ? 0 : 1);
  struct node *n = m->root;
  if (m->root && grow) {
    /* idx is past the old root's reach: from the new top its path leaves
     * the slot-0 chain at once, so every level below the top is new. */
    need += height;
  } else if (m->root) {
    /* Nodes missing below the current root. */
    for (unsigned level = m->height; level > 0; level--) {
      struct node *c = (struct node *)(uintptr_t)n->slot[slot_of(idx, level)];
      if (!c) {
        need += level;
        break;
      }
      n = c;
    }
  } else {
    need += height;
  }
  struct node *fresh[16] = {0};
  for (unsigned i = 0; i < need; i++) {
    fresh[i] = kzalloc(sizeof(struct node));
    if (!fresh[i]) {
      while (i--)
        kfree(fresh[i]);
      return -1;
    }
  }
  unsigned used = 0;
  if (!m->root) {
    m->root = fresh[used++];
    m->height = height;
  }
  while (m->height < height) {
    struct node *top = fresh[used++];
    top->slot[0] = (uint64_t)(uintptr_t)m->root;
    m->root = top;
    m->height++;
  }
  n = m->root;
  for (unsigned level = m->height; level > 0; level--) {
    uint64_t *s = &n->slot[slot_of(idx, level)];
    if (!*s)
      *s = (uint64_t)(uintptr_t)fresh[used++];
    n = (struct node *)(uintptr_t)*s;
  }
  n->slot[slot_of(idx, 0)] = pa;
  m->pages++;
  return 0;
}

/* Drop what `n` (at `level`, covering indices from `base`) holds at or
 * above `from`. Returns true when `n` is empty afterwards. */
static bool cut(struct pagemap *m, struct node *n, unsigned level,
                uint64_t base, uint64_t from, uint64_t to, uint64_t *dropped) {
  bool empty = true;
  uint64_t span = level ? 1ull << (BITS * level) : 1;
  for (unsigned i = 0; i < FANOUT; i++) {
    if (!n->slot[i])
      continue;
    uint64_t lo = base + i * span;
    uint64_t hi = lo + (span - 1); /* last index under this slot */
    if (hi < from || lo >= to) {
      empty = false;
      continue;
    }
    if (level == 0) {
      pmm_unref(n->slot[i]);
      n->slot[i] = 0;
      m->pages--;
      (*dropped)++;
      continue;
    }
    struct node *c = (struct node *)(uintptr_t)n->slot[i];
    if (cut(m, c, level - 1, lo, from, to, dropped)) {
      kfree(c);
      n->slot[i] = 0;
    } else {
      empty = false;
    }
  }
  return empty;
}

uint64_t pagemap_truncate(struct pagemap *m, uint64_t from) {
  return pagemap_punch(m, from, UINT64_MAX);
}

uint64_t pagemap_punch(struct pagemap *m, uint64_t from, uint64_t to) {
  uint64_t dropped = 0;
  if (!m->root || from > capacity(m->height) || from >= to)
    return 0;
  if (cut(m, m->root, m->height, 0, from, to, &dropped)) {
    kfree(m->root);
    m->root = 0;
    m->height = 0;
  }
  return dropped;
}

static uint64_t next_in(const struct node *n, unsigned level, uint64_t base,
                        uint64_t idx) {
  uint64_t span = level ? 1ull << (BITS * level) : 1;
  unsigned first = idx > base ? (unsigned)((idx - base) / span) : 0;
  for (unsigned i = first; i < FANOUT; i++) {
    if (!n->slot[i])
      continue;
    uint64_t lo = base + i * span;
    if (level == 0)
      return lo;
    uint64_t r = next_in((const struct node *)(uintptr_t)n->slot[i],
                         level - 1, lo, idx > lo ? idx : lo);
    if (r != PAGEMAP_NONE)
      return r;
  }
  return PAGEMAP_NONE;
}

uint64_t pagemap_next(const struct pagemap *m, uint64_t idx) {
  if (!m->root || idx > capacity(m->height))
    return PAGEMAP_NONE;
  return next_in(m->root, m->height, 0, idx);
}
