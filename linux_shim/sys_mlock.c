/* mlock, mlock2, munlock, mlockall, munlockall (mm/mlock.c). Nothing here
 * is ever paged out, so locking is the bookkeeping programs can see: the
 * areas' VM_LOCKED (VMA_F_LOCKED: VmLck, smaps' Locked, madvise's EINVAL
 * on locked memory), RLIMIT_MEMLOCK unless CAP_IPC_LOCK, the faulting-in
 * of what is locked (not with MLOCK_ONFAULT), and MCL_FUTURE for areas
 * made later. */
#include <libos/proc.h>
#include <libos/vm.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/resource.h>

#define PAGE 4096ULL
#define MLOCK_ONFAULT 1
#define MCL_CURRENT 1
#define MCL_FUTURE 2
#define MCL_ONFAULT 4
#define LOCK_BITS (VMA_F_LOCKED | VMA_F_LOCKONFAULT)

static bool ipc_lock(void) {
  return cred_capable(&current_proc()->cred, CAP_IPC_LOCK);
}

static uint64_t memlock_limit(void) {
  return current_proc()->rlim[LINUX_RLIMIT_MEMLOCK].cur;
}

/* can_do_mlock */
static bool may_lock(void) {
  return memlock_limit() != 0 || ipc_lock();
}

/* Bytes of [start, end) already locked (count_mm_mlocked_page_nr). */
static uint64_t locked_in(struct mm *mm, uint64_t start, uint64_t end) {
  uint64_t n = 0;
  for (struct vma *v = vma_next(mm->vmas, start);
       v && v < mm->vmas->v + mm->vmas->n && v->start < end; v++) {
    if (!(v->flags & VMA_F_LOCKED))
      continue;
    uint64_t s = v->start > start ? v->start : start;
    uint64_t e = v->end < end ? v->end : end;
    n += e - s;
  }
  return n;
}

/* mlock_fixup: special areas (the vDSO's) are never locked. */
static int set_lock(struct mm *mm, uint64_t s, uint64_t e, unsigned bits) {
  struct vma *v = vma_find(mm->vmas, s);
  if (v && vma_is_special(v))
    return 0;
  return vma_set_flags(mm->vmas, s, e, LOCK_BITS, bits) ? -ENOMEM : 0;
}

/* apply_vma_lock_flags: area by area from `start`; a hole is ENOMEM,
 * with the areas before it already changed. */
static long apply_lock(struct mm *mm, uint64_t start, uint64_t end,
                       unsigned bits) {
  if (end < start)
    return -EINVAL;
  for (uint64_t at = start; at < end;) {
    struct vma *v = vma_find(mm->vmas, at);
    if (!v)
      return -ENOMEM;
    uint64_t to = v->end < end ? v->end : end;
    if (set_lock(mm, at, to, bits))
      return -ENOMEM;
    at = to;
  }
  return 0;
}

/* __mm_populate of what was locked; its errors as mlock reports them. */
static long populate(struct mm *mm, uint64_t start, uint64_t end) {
  for (uint64_t at = start; at < end;) {
    struct vma *v = vma_next(mm->vmas, at);
    if (!v || v->start >= end)
      break;
    uint64_t s = v->start > at ? v->start : at;
    uint64_t e = v->end < end ? v->end : end;
    bool now = (v->flags & VMA_F_LOCKED) && !(v->flags & VMA_F_LOCKONFAULT);
    if (now && v->prot && !vma_is_special(v) && vm_populate(mm, s, e - s))
      return -EAGAIN; /* __mlock_posix_error_return: ENOMEM */
    at = e;
  }
  return 0;
}

static long do_mlock(uint64_t start, uint64_t len, unsigned bits) {
  if (!may_lock())
    return -EPERM;
  len = (len + (start & (PAGE - 1)) + PAGE - 1) & ~(PAGE - 1);
  start &= ~(PAGE - 1);
  struct mm *mm = current_proc()->mm;
  uint64_t end = start + len;
  /* In pages, as Linux counts: the limit rounds down. */
  uint64_t limit = memlock_limit() / PAGE;
  uint64_t locked = (len + vm_locked_bytes(mm)) / PAGE;
  if (locked > limit && !ipc_lock())
    locked -= locked_in(mm, start, end) / PAGE;
  if (locked > limit && !ipc_lock())
    return -ENOMEM;
  long err = apply_lock(mm, start, end, bits);
  return err ? err : populate(mm, start, end);
}

SYSCALL_DEFINE(mlock) {
  return do_mlock(a0, a1, VMA_F_LOCKED);
}

SYSCALL_DEFINE(mlock2) {
  if (a2 & ~(uint64_t)MLOCK_ONFAULT)
    return -EINVAL;
  return do_mlock(a0, a1,
                  VMA_F_LOCKED | (a2 & MLOCK_ONFAULT ? VMA_F_LOCKONFAULT : 0));
}

SYSCALL_DEFINE(munlock) {
  uint64_t start = a0;
  uint64_t len = (a1 + (start & (PAGE - 1)) + PAGE - 1) & ~(PAGE - 1);
  start &= ~(PAGE - 1);
  return apply_lock(current_proc()->mm, start, start + len, 0);
}

/* apply_mlockall_flags: MCL_FUTURE's default for new areas, then with
 * MCL_CURRENT every area now (0: unlock everything, munlockall). */
static long lock_all(struct mm *mm, unsigned flags) {
  unsigned bits = VMA_F_LOCKED | (flags & MCL_ONFAULT ? VMA_F_LOCKONFAULT : 0);
  mm->def_lock = flags & MCL_FUTURE ? bits : 0;
  if (flags && !(flags & MCL_CURRENT))
    return 0;
  if (!flags)
    bits = 0;
  for (unsigned i = 0; i < mm->vmas->n;) {
    struct vma *v = &mm->vmas->v[i];
    uint64_t end = v->end;
    if (set_lock(mm, v->start, end, bits))
      return -ENOMEM;
    /* The map may have merged: go on after the area that held `end`. */
    struct vma *n = vma_next(mm->vmas, end);
    i = n ? (unsigned)(n - mm->vmas->v) : mm->vmas->n;
  }
  return 0;
}

SYSCALL_DEFINE(mlockall) {
  unsigned flags = (unsigned)a0;
  if (!flags || (flags & ~(unsigned)(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
      flags == MCL_ONFAULT)
    return -EINVAL;
  if (!may_lock())
    return -EPERM;
  struct mm *mm = current_proc()->mm;
  uint64_t total = 0;
  for (unsigned i = 0; i < mm->vmas->n; i++)
    total += mm->vmas->v[i].end - mm->vmas->v[i].start;
  if ((flags & MCL_CURRENT) && total / PAGE > memlock_limit() / PAGE &&
      !ipc_lock())
    return -ENOMEM;
  long err = lock_all(mm, flags);
  if (!err && (flags & MCL_CURRENT))
    populate(mm, 0, ~0ULL); /* mm_populate: its failure is not reported */
  return err;
}

SYSCALL_DEFINE(munlockall) {
  return lock_all(current_proc()->mm, 0);
}
