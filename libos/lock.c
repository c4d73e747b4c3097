/* Advisory locks (lock.h): a list per inode, kept sorted by nothing in
 * particular (programs hold a few locks). */
#include <libos/lock.h>

#include <libos/kheap.h>
#include <libos/vfs.h>
#include <uapi/errno.h>

struct lock {
  struct lock *next;
  struct lock_req r;
  bool flock;
};

static struct lock **head(struct inode *ino) {
  return (struct lock **)&ino->locks;
}

static bool overlap(const struct lock_req *a, const struct lock_req *b) {
  return a->start <= b->end && b->start <= a->end;
}

static bool conflicts(const struct lock *l, const struct lock_req *r,
                      bool flock) {
  if (l->flock != flock || l->r.owner == r->owner)
    return false;
  if (l->r.type != LOCK_WRITE && r->type != LOCK_WRITE)
    return false;
  return flock || overlap(&l->r, r);
}

static struct lock *first_conflict(struct inode *ino,
                                   const struct lock_req *r) {
  for (struct lock *l = *head(ino); l; l = l->next)
    if (conflicts(l, r, false))
      return l;
  return 0;
}

bool lock_test(struct inode *ino, const struct lock_req *r,
               struct lock_req *out) {
  struct lock *l = first_conflict(ino, r);
  if (!l)
    return false;
  *out = l->r;
  if (l->r.ofd)
    out->pid = -1;
  return true;
}

static struct lock_waiter *waiters;

void lock_wait_add(struct lock_waiter *w) {
  w->next = waiters;
  waiters = w;
}

void lock_wait_del(struct lock_waiter *w) {
  for (struct lock_waiter **pp = &waiters; *pp; pp = &(*pp)->next)
    if (*pp == w) {
      *pp = w->next;
      return;
    }
}

#define MAX_DEADLK_ITERATIONS 10

bool lock_deadlocks(struct inode *ino, const struct lock_req *r) {
  if (r->ofd)
    return false;
  struct lock *block = first_conflict(ino, r);
  for (int i = 0; block && !block->r.ofd; i++) {
    /* What the blocker's owner waits for (what_owner_is_waiting_for). */
    struct lock_waiter *w = waiters;
    while (w && (w->r.ofd || w->r.owner != block->r.owner))
      w = w->next;
    if (!w)
      return false;
    block = first_conflict(w->ino, &w->r);
    if (i > MAX_DEADLK_ITERATIONS)
      return false;
    if (block && block->r.owner == r->owner)
      return true;
  }
  return false;
}

static struct lock *new_lock(const struct lock_req *r, bool flock) {
  struct lock *l = kzalloc(sizeof *l);
  if (l) {
    l->r = *r;
    l->flock = flock;
  }
  return l;
}

int lock_set(struct inode *ino, const struct lock_req *r) {
  if (r->type != LOCK_NONE)
    for (struct lock *l = *head(ino); l; l = l->next)
      if (conflicts(l, r, false))
        return -EAGAIN;
  /* Pieces of the owner's locks left of and right of the range survive;
   * allocate them (and the new lock) before changing anything. */
  struct lock *spare[3] = {0, 0, 0};
  unsigned need = r->type != LOCK_NONE ? 1 : 0;
  for (struct lock *l = *head(ino); l; l = l->next)
    if (!l->flock && l->r.owner == r->owner && overlap(&l->r, r) &&
        l->r.start < r->start && l->r.end > r->end)
      need += 1; /* one lock split in two */
  for (unsigned i = 0; i < need && i < 3; i++)
    if (!(spare[i] = kzalloc(sizeof(struct lock)))) {
      while (i--)
        kfree(spare[i]);
      return -ENOMEM;
    }
  unsigned used = 0;
  for (struct lock **pp = head(ino); *pp;) {
    struct lock *l = *pp;
    if (l->flock || l->r.owner != r->owner || !overlap(&l->r, r)) {
      pp = &l->next;
      continue;
    }
    if (l->r.start < r->start && l->r.end > r->end) {
      struct lock *right = spare[used++];
      *right = *l;
      right->r.start = r->end + 1;
      right->next = l->next;
      l->r.end = r->start - 1;
      l->next = right;
      pp = &right->next;
    } else if (l->r.start < r->start) {
      l->r.end = r->start - 1;
      pp = &l->next;
    } else if (l->r.end > r->end) {
      l->r.start = r->end + 1;
      pp = &l->next;
    } else {
      *pp = l->next;
      kfree(l);
    }
  }
  if (r->type != LOCK_NONE) {
    struct lock *n = spare[used++];
    n->r = *r;
    n->flock = false;
    n->next = *head(ino);
    *head(ino) = n;
  }
  while (used < need)
    kfree(spare[used++]);
  return 0;
}

void lock_release(struct inode *ino, const void *owner) {
  for (struct lock **pp = head(ino); *pp;) {
    struct lock *l = *pp;
    if (!l->flock && l->r.owner == owner) {
      *pp = l->next;
      kfree(l);
    } else {
      pp = &l->next;
    }
  }
}

static void drop_flock(struct inode *ino, const struct file *f) {
  for (struct lock **pp = head(ino); *pp;) {
    struct lock *l = *pp;
    if (l->flock && l->r.owner == f) {
      *pp = l->next;
      kfree(l);
    } else {
      pp = &l->next;
    }
  }
}

bool lock_flock_free(struct inode *ino, const struct file *f,
                     enum lock_type type) {
  struct lock_req r = {type, 0, LOCK_END, f, true, 0};
  for (struct lock *l = *head(ino); l; l = l->next)
    if (conflicts(l, &r, true))
      return false;
  return true;
}

int lock_flock(struct inode *ino, const struct file *f, enum lock_type type) {
  if (type == LOCK_NONE) {
    drop_flock(ino, f);
    return 0;
  }
  /* A conversion drops the old lock first, so a conversion that fails
   * leaves none (Linux's flock_lock_inode). */
  for (struct lock *l = *head(ino); l; l = l->next)
    if (l->flock && l->r.owner == f) {
      if (l->r.type == type)
        return 0;
      drop_flock(ino, f);
      break;
    }
  if (!lock_flock_free(ino, f, type))
    return -EAGAIN;
  struct lock_req r = {type, 0, LOCK_END, f, true, 0};
  struct lock *n = new_lock(&r, true);
  if (!n)
    return -ENOMEM;
  n->next = *head(ino);
  *head(ino) = n;
  return 0;
}

void lock_file_gone(struct inode *ino, const struct file *f) {
  drop_flock(ino, f);
  lock_release(ino, f);
}
