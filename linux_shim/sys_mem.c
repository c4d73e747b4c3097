/* Memory syscalls: brk, mmap, munmap, mprotect, mremap, madvise, mincore,
 * msync. Each checks its arguments in the order Linux (mm/mmap.c,
 * mm/mprotect.c, mm/mremap.c, mm/madvise.c, mm/mincore.c, mm/msync.c) does,
 * so that the first error a program sees is Linux's; libos/vm.c does the
 * edits. Regular (tmpfs) files map their own pages (vm.c's file kinds);
 * /dev/zero maps anonymous memory; other files answer as Linux's do_mmap
 * for a file without an mmap method. */
#include <hal/mmu.h>
#include <libos/fd.h>
#include <libos/devices.h>
#include <libos/proc.h>
#include <libos/regfile.h>
#include <libos/vfs.h>
#include <libos/uaccess.h>
#include <libos/vm.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/io.h>
#include <uapi/mman.h>

#define PAGE HAL_PAGE_SIZE
#define PAGE_OFF(a) ((a) & (PAGE - 1))
#define PAGE_UP(a) (((a) + PAGE - 1) & ~(PAGE - 1))

static struct mm *cur_mm(void) {
  return current_proc()->mm;
}

static uint64_t task_size(void) {
  return hal_user_va_top();
}

SYSCALL_DEFINE(brk) {
  /* Never an error: the new break, or the old one when refused. */
  return (long)vm_brk(cur_mm(), a0);
}

/* ---- mmap ---- */

/* Flags a MAP_SHARED_VALIDATE caller may pass (Linux's LEGACY_MAP_MASK;
 * MAP_SYNC only for DAX files, which this kernel has none of). */
#define VALIDATE_MASK                                                        \
  (LINUX_MAP_SHARED | LINUX_MAP_PRIVATE | LINUX_MAP_FIXED |                  \
   LINUX_MAP_ANONYMOUS | LINUX_MAP_DENYWRITE | LINUX_MAP_EXECUTABLE |        \
   LINUX_MAP_UNINITIALIZED_ | LINUX_MAP_GROWSDOWN | LINUX_MAP_LOCKED |       \
   LINUX_MAP_NORESERVE | LINUX_MAP_POPULATE | LINUX_MAP_NONBLOCK |           \
   LINUX_MAP_STACK | LINUX_MAP_HUGETLB | LINUX_MAP_32BIT |                   \
   LINUX_MAP_FIXED_NOREPLACE)
#define LINUX_MAP_UNINITIALIZED_ 0x4000000

static unsigned hal_prot(unsigned prot) {
  return prot & (HAL_PROT_READ | HAL_PROT_WRITE | HAL_PROT_EXEC);
}

/* The charge Linux's mmap_region() makes: private writable memory, and all
 * shared anonymous memory (shmem), unless MAP_NORESERVE. */
static bool mmap_charged(unsigned prot, unsigned flags, bool shared) {
  if (flags & LINUX_MAP_NORESERVE)
    return false;
  return shared || (prot & LINUX_PROT_WRITE);
}

/* MAP_POPULATE (without MAP_NONBLOCK), MAP_LOCKED and mlockall's
 * MCL_FUTURE (without MCL_ONFAULT) fault everything in; like Linux, a
 * failure here is not the caller's error. */
static void mmap_populate(struct mm *mm, uint64_t addr, uint64_t len,
                          unsigned prot, unsigned flags) {
  bool future = (mm->def_lock & VMA_F_LOCKED) &&
                !(mm->def_lock & VMA_F_LOCKONFAULT);
  if (((flags & (LINUX_MAP_POPULATE | LINUX_MAP_NONBLOCK)) ==
           LINUX_MAP_POPULATE ||
       (flags & LINUX_MAP_LOCKED) || future) &&
      prot)
    vm_populate(mm, addr, len);
}

/* do_mmap() for anonymous memory from the point where the address is known;
 * `vflags` adds VMA_F_* (VMA_F_NOWRITE for /dev/zero read-only). */
static long mmap_anon(struct mm *mm, uint64_t addr, uint64_t len,
                      unsigned prot, unsigned flags, unsigned vflags) {
  bool shared;
  switch (flags & LINUX_MAP_TYPE) {
  case LINUX_MAP_SHARED:
    if (flags & LINUX_MAP_GROWSDOWN)
      return -EINVAL;
    shared = true;
    break;
  case LINUX_MAP_PRIVATE:
  case LINUX_MAP_DROPPABLE:
    shared = false;
    break;
  default:
    return -EINVAL;
  }
  bool is_data = !shared && (prot & LINUX_PROT_WRITE) &&
                 !(flags & LINUX_MAP_GROWSDOWN);
  if (is_data && mm->data_limit != ~0ULL &&
      vm_data_bytes(mm) + len > mm->data_limit)
    return -ENOMEM;
  bool charged = mmap_charged(prot, flags, shared);
  if (charged && !vm_enough_memory(len / PAGE))
    return -ENOMEM;
  if (flags & LINUX_MAP_FIXED) {
    int r = vm_unmap(mm, addr, len); /* EINVAL over part of the vDSO */
    if (r)
      return r;
  }
  if (flags & LINUX_MAP_GROWSDOWN)
    vflags |= VMA_F_GROWSDOWN;
  if (flags & LINUX_MAP_NORESERVE)
    vflags |= VMA_F_NORESERVE;
  if (flags & LINUX_MAP_LOCKED)
    vflags |= VMA_F_LOCKED;
  if (charged && !shared)
    vflags |= VMA_F_ACCOUNT;
  if (vm_map(mm, addr, len, hal_prot(prot), vflags,
             shared ? VMA_SHARED : VMA_ANON) != 0)
    return -ENOMEM;
  mmap_populate(mm, addr, len, prot, flags);
  return (long)addr;
}

/* Linux's MAX_LFS_FILESIZE: a regular file's mapping must end below it. */
#define MAX_FILE_SIZE 0x7fffffffffffffffull

static bool is_dev_zero(const struct inode *ino) {
  return ino && (ino->mode & LINUX_S_IFMT) == LINUX_S_IFCHR &&
         ino->rdev == linux_makedev(DEV_MEM_MAJOR, 5);
}

/* do_mmap() for a file from the point where the address is known: the
 * checks in Linux's order (file_mmap_ok's EOVERFLOW, MAP_SHARED_VALIDATE's
 * EOPNOTSUPP, the open mode's EACCES, ENODEV for a file without mmap,
 * EINVAL for MAP_GROWSDOWN), then mmap_region(). */
static long mmap_file(struct mm *mm, const struct file *f, uint64_t addr,
                      uint64_t len, unsigned prot, unsigned flags,
                      uint64_t off) {
  struct inode *ino = f->inode;
  bool reg = ino && f->ops == &regfile_ops &&
             (ino->mode & LINUX_S_IFMT) == LINUX_S_IFREG;
  uint64_t max = reg ? MAX_FILE_SIZE : ~0ULL;
  if (len > max || (off >> 12) > (max - len) >> 12)
    return -EOVERFLOW;
  unsigned acc = f->flags & LINUX_O_ACCMODE;
  bool readable = f->ops->read && acc != LINUX_O_WRONLY;
  bool writable = f->ops->write && acc != LINUX_O_RDONLY;
  unsigned type = flags & LINUX_MAP_TYPE;
  bool shared = false;
  switch (type) {
  case LINUX_MAP_SHARED:
  case LINUX_MAP_SHARED_VALIDATE:
    if (type == LINUX_MAP_SHARED_VALIDATE && (flags & ~VALIDATE_MASK))
      return -EOPNOTSUPP;
    if ((prot & LINUX_PROT_WRITE) && !writable)
      return -EACCES;
    shared = true;
    __attribute__((fallthrough)); /* a shared mapping also needs read */
  case LINUX_MAP_PRIVATE:
    if (!readable)
      return -EACCES;
    if (!reg && !is_dev_zero(ino))
      return -ENODEV;
    if (flags & LINUX_MAP_GROWSDOWN)
      return -EINVAL;
    break;
  default:
    return -EINVAL;
  }
  if (!reg) {
    /* /dev/zero: shared anonymous memory, or private anonymous memory
     * that can never be writable when the descriptor is read-only (Linux
     * clears VM_SHARED and VM_MAYWRITE then). */
    unsigned zf = (flags & ~LINUX_MAP_TYPE) |
                  (shared && writable ? LINUX_MAP_SHARED : LINUX_MAP_PRIVATE);
    return mmap_anon(mm, addr, len, prot, zf,
                     shared && !writable ? VMA_F_NOWRITE : 0);
  }
  /* mmap_region(): private writable file memory is data, and charged. */
  bool is_data = !shared && (prot & LINUX_PROT_WRITE);
  if (is_data && mm->data_limit != ~0ULL &&
      vm_data_bytes(mm) + len > mm->data_limit)
    return -ENOMEM;
  bool charged = is_data && !(flags & LINUX_MAP_NORESERVE);
  if (charged && !vm_enough_memory(len / PAGE))
    return -ENOMEM;
  if (flags & LINUX_MAP_FIXED) {
    int r = vm_unmap(mm, addr, len);
    if (r)
      return r;
  }
  unsigned vflags = flags & LINUX_MAP_LOCKED ? VMA_F_LOCKED : 0;
  if (flags & LINUX_MAP_NORESERVE)
    vflags |= VMA_F_NORESERVE;
  if (charged)
    vflags |= VMA_F_ACCOUNT;
  if (shared && !writable)
    vflags |= VMA_F_NOWRITE;
  if (vm_map_file(mm, addr, len, hal_prot(prot), vflags,
                  shared ? VMA_FILE_SHARED : VMA_FILE, ino, off >> 12) != 0)
    return -ENOMEM;
  mmap_populate(mm, addr, len, prot, flags);
  return (long)addr;
}

SYSCALL_DEFINE(mmap) {
  uint64_t addr = a0, len = a1, off = a5;
  unsigned prot = (unsigned)a2, flags = (unsigned)a3;
  int fd = (int)a4;
  struct mm *mm = cur_mm();
  /* ksys_mmap_pgoff(): the offset, then the descriptor. */
  if (PAGE_OFF(off))
    return -EINVAL;
  bool anon = flags & LINUX_MAP_ANONYMOUS;
  const struct file *file = 0;
  if (!anon && (!(file = fd_get(current_proc()->fds, fd)) || file->path_only))
    return -EBADF;
  /* Anonymous MAP_HUGETLB needs reserved huge pages; there are none. */
  if (anon && (flags & LINUX_MAP_HUGETLB) && len)
    return -ENOMEM;
  /* do_mmap(). */
  if (!len)
    return -EINVAL;
  if (!(flags & LINUX_MAP_FIXED) && addr && addr < VM_MIN_ADDR)
    addr = VM_MIN_ADDR; /* round_hint_to_min() */
  len = PAGE_UP(len);
  if (!len)
    return -ENOMEM;
  if ((off >> 12) + (len >> 12) < (off >> 12))
    return -EOVERFLOW;
  if (mm->vmas->n >= VMA_MAX)
    return -ENOMEM;
  if (flags & LINUX_MAP_FIXED_NOREPLACE)
    flags |= LINUX_MAP_FIXED;
  /* get_unmapped_area(). */
  if (len > task_size() - VM_MIN_ADDR)
    return -ENOMEM;
  if (flags & LINUX_MAP_FIXED) {
    if (addr > task_size() - len)
      return -ENOMEM;
    if (PAGE_OFF(addr))
      return -EINVAL;
    if (addr < VM_MIN_ADDR)
      return -EPERM; /* below mmap_min_addr */
  } else {
    /* x86-64 Linux (the reference) rounds a hint down; arm64 Linux rounds
     * it up. Contracts do not depend on either. */
    addr = vm_find_free(mm, len, addr & ~(PAGE - 1));
    if (!addr)
      return -ENOMEM;
  }
  if ((flags & LINUX_MAP_FIXED_NOREPLACE) &&
      vma_overlaps(mm->vmas, addr, addr + len))
    return -EEXIST;
  if (!anon)
    return mmap_file(mm, file, addr, len, prot, flags, off);
  return mmap_anon(mm, addr, len, prot, flags, 0);
}

/* ---- munmap ---- */

SYSCALL_DEFINE(munmap) {
  uint64_t addr = a0, len = a1;
  if (PAGE_OFF(addr) || addr > task_size() || len > task_size() - addr)
    return -EINVAL;
  len = PAGE_UP(len);
  if (!len)
    return -EINVAL;
  return vm_unmap(cur_mm(), addr, len);
}

/* ---- mprotect ---- */

#define PROT_VALID                                                          \
  (LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC | LINUX_PROT_SEM)

/* Making a private area writable charges it unless it already is charged,
 * writable, shared or exempt (Linux's mprotect_fixup()). */
static bool protect_charges(const struct vma *v, unsigned prot) {
  return (prot & LINUX_PROT_WRITE) && !vma_is_shared(v) &&
         !(v->prot & HAL_PROT_WRITE) &&
         !(v->flags & (VMA_F_ACCOUNT | VMA_F_NORESERVE));
}

SYSCALL_DEFINE(mprotect) {
  uint64_t start = a0, len = a1;
  unsigned prot = (unsigned)a2;
  unsigned grows = prot & (LINUX_PROT_GROWSDOWN | LINUX_PROT_GROWSUP);
  prot &= ~grows;
  if (grows == (LINUX_PROT_GROWSDOWN | LINUX_PROT_GROWSUP))
    return -EINVAL;
  if (PAGE_OFF(start))
    return -EINVAL;
  if (!len)
    return 0;
  len = PAGE_UP(len);
  uint64_t end = start + len;
  if (end <= start)
    return -ENOMEM;
  if (prot & ~PROT_VALID)
    return -EINVAL;
  struct mm *mm = cur_mm();
  struct vma *v = vma_next(mm->vmas, start);
  if (!v || v->start >= end)
    return -ENOMEM;
  if (grows & LINUX_PROT_GROWSDOWN) {
    if (!(v->flags & VMA_F_GROWSDOWN))
      return -EINVAL;
    start = v->start;
  } else {
    if (v->start > start)
      return -ENOMEM;
    if (grows & LINUX_PROT_GROWSUP)
      return -EINVAL; /* no area grows up on these arches */
  }
  /* Area by area; a hole stops the walk with ENOMEM, keeping what was
   * already changed, as Linux does. */
  for (uint64_t at = start; at < end;) {
    v = vma_find(mm->vmas, at);
    if (!v)
      return -ENOMEM;
    uint64_t piece = v->end < end ? v->end : end;
    /* The vDSO's data may never become writable or executable (Linux's
     * vvar mapping has neither VM_MAYWRITE nor VM_MAYEXEC). */
    if (v->kind == VMA_VVAR && (prot & (LINUX_PROT_WRITE | LINUX_PROT_EXEC)))
      return -EACCES;
    /* A shared mapping of a file not open for writing has no VM_MAYWRITE. */
    if ((v->flags & VMA_F_NOWRITE) && (prot & LINUX_PROT_WRITE))
      return -EACCES;
    unsigned add = 0;
    if (protect_charges(v, prot)) {
      if (!vm_enough_memory((piece - at) / PAGE))
        return -ENOMEM;
      add = VMA_F_ACCOUNT;
    }
    int r = vm_protect(mm, at, piece, hal_prot(prot), add);
    if (r)
      return r;
    at = piece;
  }
  return 0;
}

/* ---- mremap ---- */

#define MREMAP_VALID                                                        \
  (LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED | LINUX_MREMAP_DONTUNMAP)

/* The checks Linux makes before growing area `v` by `delta` bytes. */
static int may_grow(struct mm *mm, const struct vma *v, uint64_t delta) {
  bool is_data = (v->prot & HAL_PROT_WRITE) && !vma_is_shared(v) &&
                 !(v->flags & VMA_F_GROWSDOWN);
  if (is_data && mm->data_limit != ~0ULL &&
      vm_data_bytes(mm) + delta > mm->data_limit)
    return -ENOMEM;
  if ((v->flags & VMA_F_ACCOUNT) && !vm_enough_memory(delta / PAGE))
    return -ENOMEM;
  return 0;
}

/* Move [addr, addr+old_len) to `to` and grow it to new_len there. */
static long move_and_grow(struct mm *mm, uint64_t addr, uint64_t old_len,
                          uint64_t to, uint64_t new_len, bool keep_old) {
  int r = vm_move(mm, addr, old_len, to, keep_old);
  if (r)
    return r;
  if (new_len > old_len && vm_extend(mm, to + old_len, to + new_len) != 0)
    return -ENOMEM;
  return (long)to;
}

SYSCALL_DEFINE(mremap) {
  uint64_t addr = a0, old_len = a1, new_len = a2, new_addr = a4;
  unsigned flags = (unsigned)a3;
  struct mm *mm = cur_mm();
  if (flags & ~MREMAP_VALID)
    return -EINVAL;
  if ((flags & (LINUX_MREMAP_FIXED | LINUX_MREMAP_DONTUNMAP)) &&
      !(flags & LINUX_MREMAP_MAYMOVE))
    return -EINVAL;
  if (PAGE_OFF(addr))
    return -EINVAL;
  old_len = PAGE_UP(old_len);
  new_len = PAGE_UP(new_len);
  if (!new_len)
    return -EINVAL;
  if (new_len > task_size())
    return -EINVAL;
  if ((flags & LINUX_MREMAP_DONTUNMAP) && old_len != new_len)
    return -EINVAL;
  bool fixed = flags & LINUX_MREMAP_FIXED;
  if (fixed) {
    if (PAGE_OFF(new_addr) || new_addr > task_size() - new_len)
      return -EINVAL;
    if (new_addr < addr + old_len && addr < new_addr + new_len)
      return -EINVAL;
  }
  struct vma *v = vma_find(mm->vmas, addr);
  if (!v)
    return -EFAULT;
  bool keep = flags & LINUX_MREMAP_DONTUNMAP;
  if (!old_len) /* duplicating needs a shared mapping */
    return -EINVAL;
  /* Shrinking in place may cover holes; moving or growing needs the old
   * range inside the one area (Linux 6.17+ also moves several areas at
   * once with MREMAP_FIXED; not done here). */
  if (old_len > v->end - addr && (fixed || keep || new_len > old_len))
    return -EFAULT;
  /* The vDSO's areas (VM_DONTEXPAND | VM_PFNMAP special mappings in
   * Linux) cannot be grown or left behind; moving part of one, or
   * shrinking it, would split it: EINVAL from vm_move/vm_unmap below. */
  if (vma_is_special(v)) {
    if (keep)
      return -EINVAL;
    if (new_len > old_len)
      return -EFAULT;
  }
  if (fixed) {
    /* mmap_min_addr binds every way of placing a mapping (Linux:
     * get_unmapped_area's security_mmap_addr), as for mmap(MAP_FIXED). */
    if (new_addr < VM_MIN_ADDR)
      return -EPERM;
    if (new_len > old_len) {
      int r = may_grow(mm, v, new_len - old_len);
      if (r)
        return r;
    }
    int r = vm_unmap(mm, new_addr, new_len);
    if (r)
      return r;
    if (new_len < old_len) {
      r = vm_unmap(mm, addr + new_len, old_len - new_len);
      if (r)
        return r;
      old_len = new_len;
    }
    return move_and_grow(mm, addr, old_len, new_addr, new_len, keep);
  }
  if (old_len >= new_len && !keep) {
    if (old_len > new_len) {
      int r = vm_unmap(mm, addr + new_len, old_len - new_len);
      if (r)
        return r;
    }
    return (long)addr;
  }
  if (new_len > old_len) {
    int r = may_grow(mm, v, new_len - old_len);
    if (r)
      return r;
    /* In place when the area ends where the old range does and the space
     * after it is free (and clear of a stack's guard gap). */
    uint64_t end = addr + new_len;
    if (!keep && addr + old_len == v->end && end <= task_size() &&
        vma_fits_guarded(mm->vmas, v->end, end)) {
      if (vm_extend(mm, v->end, end) != 0)
        return -ENOMEM;
      return (long)addr;
    }
  }
  if (!(flags & LINUX_MREMAP_MAYMOVE))
    return -ENOMEM;
  uint64_t to = vm_find_free(mm, new_len, 0);
  if (!to)
    return -ENOMEM;
  return move_and_grow(mm, addr, old_len, to, new_len, keep);
}

/* ---- madvise ---- */

static bool advice_valid(int advice) {
  switch (advice) {
  case LINUX_MADV_NORMAL: case LINUX_MADV_RANDOM: case LINUX_MADV_SEQUENTIAL:
  case LINUX_MADV_WILLNEED: case LINUX_MADV_DONTNEED: case LINUX_MADV_FREE:
  case LINUX_MADV_REMOVE: case LINUX_MADV_DONTFORK: case LINUX_MADV_DOFORK:
  case LINUX_MADV_MERGEABLE: case LINUX_MADV_UNMERGEABLE:
  case LINUX_MADV_HUGEPAGE: case LINUX_MADV_NOHUGEPAGE:
  case LINUX_MADV_DONTDUMP: case LINUX_MADV_DODUMP:
  case LINUX_MADV_WIPEONFORK: case LINUX_MADV_KEEPONFORK:
  case LINUX_MADV_COLD: case LINUX_MADV_PAGEOUT:
  case LINUX_MADV_POPULATE_READ: case LINUX_MADV_POPULATE_WRITE:
  case LINUX_MADV_DONTNEED_LOCKED:
  case LINUX_MADV_GUARD_INSTALL: case LINUX_MADV_GUARD_REMOVE:
    return true;
  default: /* COLLAPSE and HWPOISON too: the reference kernel refuses them */
    return false;
  }
}

/* vfs_fallocate(PUNCH_HOLE | KEEP_SIZE) on the file pages behind [s, e)
 * of shared file area `v`. */
static int punch_file(const struct vma *v, uint64_t s, uint64_t e) {
  struct inode *ino = v->file;
  if (ino->seals & (LINUX_F_SEAL_WRITE | LINUX_F_SEAL_FUTURE_WRITE))
    return -EPERM;
  if (!ino->ops || !ino->ops->fallocate)
    return -EOPNOTSUPP;
  fs_kill_priv(ino);
  int err = ino->ops->fallocate(ino, vma_file_index(v, s) * PAGE, e - s, true,
                                true);
  if (!err)
    ino->mtime = ino->ctime = vfs_now();
  return err;
}

/* The advice on the part [s, e) of area `v`. */
static int advise_area(struct mm *mm, const struct vma *v, uint64_t s,
                       uint64_t e, int advice) {
  bool shared = vma_is_shared(v);
  bool anon = !shared && !vma_is_file(v);
  /* can_madv_lru_vma: these leave mlocked memory alone (EINVAL). */
  bool locked = v->flags & VMA_F_LOCKED;
  switch (advice) {
  case LINUX_MADV_COLD:
  case LINUX_MADV_PAGEOUT:
    return locked ? -EINVAL : 0;
  case LINUX_MADV_DONTNEED:
    if (locked)
      return -EINVAL;
    /* fall through */
  case LINUX_MADV_DONTNEED_LOCKED:
    if (v->kind == VMA_VVAR)
      return -EINVAL; /* Linux refuses VM_PFNMAP areas */
    /* Private pages are dropped (zero on the next touch); shared ones live
     * on in their shmem object, so the data stays. */
    vm_discard(mm, s, e);
    return 0;
  case LINUX_MADV_FREE:
    /* Freed lazily: the data stays until memory runs short and a page not
     * written since is reclaimed (vm_reclaim_lazy). Anonymous memory only. */
    if (!anon || locked)
      return -EINVAL;
    vm_free_lazily(mm, s, e);
    return 0;
  case LINUX_MADV_WIPEONFORK:
    return anon ? 0 : -EINVAL;
  case LINUX_MADV_REMOVE:
    /* madvise_remove: a hole punched in what the area maps. It needs a
     * file (EINVAL) mapped shared and may-write (EACCES). */
    if (!shared)
      return vma_is_file(v) ? -EACCES : -EINVAL;
    if (v->flags & VMA_F_NOWRITE)
      return -EACCES;
    if (v->kind == VMA_FILE_SHARED)
      return punch_file(v, s, e);
    /* Shared anonymous memory: the hole shows in every sharer (a forked
     * child too), which stays sharing the pages. */
    vm_zero_shared(mm, s, e);
    return 0;
  case LINUX_MADV_POPULATE_READ:
  case LINUX_MADV_POPULATE_WRITE:
    if (!v->prot || (advice == LINUX_MADV_POPULATE_WRITE &&
                     !(v->prot & HAL_PROT_WRITE)))
      return -ENOMEM;
    return vm_populate(mm, s, e - s);
  default:
    return 0; /* hints with no effect on memory contents here */
  }
}

SYSCALL_DEFINE(madvise) {
  uint64_t start = a0, len_in = a1;
  int advice = (int)a2;
  if (!advice_valid(advice))
    return -EINVAL;
  if (PAGE_OFF(start))
    return -EINVAL;
  uint64_t len = PAGE_UP(len_in);
  if (len_in && !len)
    return -EINVAL;
  uint64_t end = start + len;
  if (end < start)
    return -EINVAL;
  if (end == start)
    return 0;
  struct mm *mm = cur_mm();
  long unmapped = 0;
  for (uint64_t at = start; at < end;) {
    struct vma *v = vma_next(mm->vmas, at);
    if (!v)
      return -ENOMEM;
    if (at < v->start) {
      unmapped = -ENOMEM;
      at = v->start;
      if (at >= end)
        break;
    }
    struct vma copy = *v; /* advise_area may edit the map */
    uint64_t piece = copy.end < end ? copy.end : end;
    int r = advise_area(mm, &copy, at, piece, advice);
    if (r)
      return r;
    at = piece;
  }
  return unmapped;
}

/* ---- mincore ---- */

SYSCALL_DEFINE(mincore) {
  uint64_t start = a0, len = a1, vec = a2;
  if (PAGE_OFF(start))
    return -EINVAL;
  if (start + len < start || start + len > task_size())
    return -ENOMEM; /* !access_ok() */
  uint64_t pages = len / PAGE + (PAGE_OFF(len) != 0);
  struct mm *mm = cur_mm();
  unsigned char buf[256];
  while (pages) {
    struct vma *v = vma_find(mm->vmas, start);
    if (!v)
      return -ENOMEM;
    uint64_t n = (v->end - start) / PAGE;
    if (n > pages)
      n = pages;
    if (n > sizeof buf)
      n = sizeof buf;
    for (uint64_t i = 0; i < n; i++)
      buf[i] = vm_resident(mm, start + i * PAGE);
    if (copy_to_user(mm, vec, buf, n))
      return -EFAULT;
    vec += n;
    start += n * PAGE;
    pages -= n;
  }
  return 0;
}

/* ---- msync ---- */

SYSCALL_DEFINE(msync) {
  uint64_t start = a0, len = a1;
  unsigned flags = (unsigned)a2;
  if (flags & ~(LINUX_MS_ASYNC | LINUX_MS_INVALIDATE | LINUX_MS_SYNC))
    return -EINVAL;
  if (PAGE_OFF(start))
    return -EINVAL;
  if ((flags & LINUX_MS_ASYNC) && (flags & LINUX_MS_SYNC))
    return -EINVAL;
  len = PAGE_UP(len);
  uint64_t end = start + len;
  if (end < start)
    return -ENOMEM;
  if (end == start)
    return 0;
  /* Anonymous memory has nothing to write back: only holes matter. */
  return vma_covered(cur_mm()->vmas, start, end) ? 0 : -ENOMEM;
}
