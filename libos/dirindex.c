/* The index of an in-memory directory (dirindex.h): a chained hash of the
 * names, and the offsets in one ascending array of slots. New offsets are
 * always the largest, so adding appends; a removed entry leaves its slot
 * empty (its offset stays as the sort key) until empty slots outnumber
 * the live ones and a compaction closes them up. */
#include <libos/dirindex.h>

#include <libos/kheap.h>
#include <libos/kstring.h>
#include <uapi/errno.h>

#define MIN_BUCKETS 8u
#define MIN_SLOTS 8u

struct slot {
  uint64_t off;
  struct dirent_k *e; /* NULL: removed */
};

struct dirindex {
  struct dirent_k **buckets;
  uint32_t nbuckets; /* a power of two */
  uint32_t count;    /* live entries */
  struct slot *slots;
  uint32_t nslots, cap;
  uint32_t hint; /* the slot dirindex_remember named */
  uint64_t next_off;
};

/* FNV-1a: short names, no keys an attacker could pick against. */
static uint32_t name_hash(const char *name, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (uint8_t)name[i]) * 16777619u;
  return h;
}

struct dirent_k *dirent_new(const char *name, size_t len) {
  struct dirent_k *e = kzalloc(sizeof *e + len + 1);
  if (!e)
    return 0;
  e->len = (uint8_t)len;
  memcpy(e->name, name, len);
  e->hash = name_hash(name, len);
  return e;
}

static struct dirindex *index_of(struct inode *dir) {
  if (!dir->index) {
    dir->index = kzalloc(sizeof *dir->index);
    if (dir->index)
      dir->index->next_off = DIRINDEX_FIRST_OFF;
  }
  return dir->index;
}

static void hash_insert(struct dirindex *x, struct dirent_k *e) {
  struct dirent_k **b = &x->buckets[e->hash & (x->nbuckets - 1)];
  e->hnext = *b;
  *b = e;
}

static void hash_remove(struct dirindex *x, struct dirent_k *e) {
  struct dirent_k **pp = &x->buckets[e->hash & (x->nbuckets - 1)];
  while (*pp != e)
    pp = &(*pp)->hnext;
  *pp = e->hnext;
}

/* Twice the buckets once there are more entries than buckets; without
 * memory the chains just grow longer. */
static void hash_grow(struct dirindex *x) {
  uint32_t n = x->nbuckets ? x->nbuckets * 2 : MIN_BUCKETS;
  struct dirent_k **nb = kzalloc(n * sizeof *nb);
  if (!nb)
    return;
  struct dirent_k **old = x->buckets;
  uint32_t oldn = x->nbuckets;
  x->buckets = nb;
  x->nbuckets = n;
  for (uint32_t i = 0; i < oldn; i++)
    for (struct dirent_k *e = old[i], *next; e; e = next) {
      next = e->hnext;
      hash_insert(x, e);
    }
  kfree(old);
}

static void list_front(struct inode *dir, struct dirent_k *e) {
  e->prev = 0;
  e->next = dir->entries;
  if (e->next)
    e->next->prev = e;
  dir->entries = e;
}

static void list_remove(struct inode *dir, struct dirent_k *e) {
  if (e->prev)
    e->prev->next = e->next;
  else
    dir->entries = e->next;
  if (e->next)
    e->next->prev = e->prev;
  e->next = e->prev = 0;
}

/* Close up the removed slots (no memory needed). */
static void compact(struct dirindex *x) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < x->nslots; i++) {
    if (!x->slots[i].e)
      continue;
    x->slots[k] = x->slots[i];
    x->slots[k].e->slot = k;
    k++;
  }
  x->nslots = k;
  x->hint = 0;
}

/* A failed first add leaves no index behind (a later one starts afresh:
 * no offset was handed out yet). */
static int add_failed(struct inode *dir) {
  struct dirindex *x = dir->index;
  if (x->next_off == DIRINDEX_FIRST_OFF) {
    kfree(x->buckets);
    kfree(x->slots);
    kfree(x);
    dir->index = 0;
  }
  return -ENOMEM;
}

int dirindex_add(struct inode *dir, struct dirent_k *e) {
  struct dirindex *x = index_of(dir);
  if (!x)
    return -ENOMEM;
  if (!x->nbuckets) {
    hash_grow(x);
    if (!x->nbuckets)
      return add_failed(dir);
  }
  if (x->nslots == x->cap) {
    if (x->nslots - x->count >= x->count && x->nslots) {
      compact(x);
    } else {
      uint32_t cap = x->cap ? x->cap * 2 : MIN_SLOTS;
      struct slot *s = kzalloc(cap * sizeof *s);
      if (!s)
        return add_failed(dir);
      if (x->nslots)
        memcpy(s, x->slots, x->nslots * sizeof *s);
      kfree(x->slots);
      x->slots = s;
      x->cap = cap;
    }
  }
  e->off = x->next_off++;
  e->slot = x->nslots++;
  x->slots[e->slot] = (struct slot){e->off, e};
  hash_insert(x, e);
  list_front(dir, e);
  if (++x->count > x->nbuckets)
    hash_grow(x);
  return 0;
}

struct dirent_k *dirindex_find(const struct inode *dir, const char *name,
                               size_t len) {
  const struct dirindex *x = dir->index;
  if (!x || !x->count)
    return 0;
  uint32_t h = name_hash(name, len);
  for (struct dirent_k *e = x->buckets[h & (x->nbuckets - 1)]; e; e = e->hnext)
    if (e->hash == h && e->len == len && memcmp(e->name, name, len) == 0)
      return e;
  return 0;
}

void dirindex_remove(struct inode *dir, struct dirent_k *e) {
  struct dirindex *x = dir->index;
  hash_remove(x, e);
  list_remove(dir, e);
  x->slots[e->slot].e = 0;
  x->count--;
  /* Trailing holes go at once; the rest when they are the majority. */
  while (x->nslots && !x->slots[x->nslots - 1].e)
    x->nslots--;
  if (x->nslots > MIN_SLOTS && x->nslots - x->count > x->count)
    compact(x);
}

void dirindex_replace(struct inode *dir, struct dirent_k *old,
                      struct dirent_k *e) {
  struct dirindex *x = dir->index;
  hash_remove(x, old);
  list_remove(dir, old);
  e->off = old->off;
  e->slot = old->slot;
  x->slots[e->slot].e = e;
  hash_insert(x, e);
  list_front(dir, e);
}

void dirindex_to_front(struct inode *dir, struct dirent_k *e) {
  list_remove(dir, e);
  list_front(dir, e);
}

struct dirent_k *dirindex_at_or_before(struct inode *dir, uint64_t pos) {
  struct dirindex *x = dir->index;
  if (!x || !x->count)
    return 0;
  if (x->hint < x->nslots && x->slots[x->hint].off == pos &&
      x->slots[x->hint].e)
    return x->slots[x->hint].e;
  /* The last slot whose offset is <= pos, then back past removed ones. */
  uint32_t lo = 0, hi = x->nslots; /* answer in [lo, hi) as an upper end */
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (x->slots[mid].off <= pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  while (lo > 0 && !x->slots[lo - 1].e)
    lo--;
  return lo ? x->slots[lo - 1].e : 0;
}

void dirindex_remember(struct inode *dir, const struct dirent_k *e) {
  if (dir->index)
    dir->index->hint = e->slot;
}

void dirindex_destroy(struct inode *dir) {
  while (dir->entries) {
    struct dirent_k *e = dir->entries;
    dir->entries = e->next;
    kfree(e);
  }
  if (dir->index) {
    kfree(dir->index->buckets);
    kfree(dir->index->slots);
    kfree(dir->index);
    dir->index = 0;
  }
}
