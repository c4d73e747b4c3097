/* tmpfs (tmpfs.h): directories as indexed entries (dirindex.h), regular
 * files as sparse page maps, symlink targets in the inode. */
#include <libos/tmpfs.h>

#include <hal/mmu.h>
#include <libos/dirindex.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/pmm.h>
#include <libos/uaccess.h>
#include <libos/vm.h>
#include <uapi/errno.h>

#define BOGO_DIRENT_SIZE 20 /* what shmem adds to a directory per entry */
#define PAGE HAL_PAGE_SIZE
/* Linux's MAX_LFS_FILESIZE on 64-bit machines. */
#define MAX_FILE_SIZE 0x7fffffffffffffffull

static const struct inode_ops tmpfs_ops;
static uint32_t next_dev_minor = 0x20; /* anonymous devices 0:N */

static int tmpfs_lookup(struct inode *dir, const char *name, size_t len,
                        struct inode **out) {
  struct dirent_k *e = dirindex_find(dir, name, len);
  if (!e)
    return -ENOENT;
  *out = inode_get(e->inode);
  return 0;
}

/* Add an entry for `ino` (which gains a link). */
static int add_entry(struct inode *dir, const char *name, size_t len,
                     struct inode *ino) {
  struct dirent_k *e = dirent_new(name, len);
  if (!e)
    return -ENOMEM;
  e->inode = ino;
  int err = dirindex_add(dir, e);
  if (err) {
    kfree(e);
    return err;
  }
  ino->nlink++;
  dir->size += BOGO_DIRENT_SIZE;
  dir->mtime = dir->ctime = vfs_now();
  return 0;
}

static int tmpfs_mknod(struct inode *dir, const char *name, size_t len,
                       uint32_t mode, uint64_t rdev, const char *target,
                       const struct vfs_cred *c, struct inode **out) {
  struct inode *ino = inode_new(dir->sb, mode, c);
  if (!ino)
    return -ENOSPC;
  ino->ops = &tmpfs_ops;
  ino->rdev = rdev;
  /* A directory with the setgid bit passes its group (and the bit, for
   * subdirectories) down, as Linux's inode_init_owner. */
  if (dir->mode & LINUX_S_ISGID) {
    ino->gid = dir->gid;
    if ((mode & LINUX_S_IFMT) == LINUX_S_IFDIR)
      ino->mode |= LINUX_S_ISGID;
  }
  if ((mode & LINUX_S_IFMT) == LINUX_S_IFDIR) {
    ino->size = 2 * BOGO_DIRENT_SIZE;
    ino->parent = dir;
    ino->nlink = 1; /* its own "." (the entry in dir adds the other) */
  }
  if (target) {
    size_t n = strlen(target);
    ino->target = kzalloc(n + 1);
    if (!ino->target) {
      inode_put(ino);
      return -ENOMEM;
    }
    memcpy(ino->target, target, n);
    ino->size = n;
  }
  int err = add_entry(dir, name, len, ino);
  if (err) {
    ino->nlink = 0;
    ino->parent = 0; /* it holds no reference to dir yet */
    inode_put(ino);
    return err;
  }
  if ((mode & LINUX_S_IFMT) == LINUX_S_IFDIR)
    dir->nlink++; /* the child's ".." */
  *out = ino;
  return 0;
}

static int tmpfs_link(struct inode *dir, const char *name, size_t len,
                      struct inode *target) {
  int err = add_entry(dir, name, len, target);
  if (!err)
    target->ctime = vfs_now();
  return err;
}

/* `ino` lost its name in `dir` at `now`: a link goes (a directory's
 * "." and the parent's ".." count too), and it is freed now if nothing
 * else holds it (inode_put's rule). */
static void unlink_inode(struct inode *dir, struct inode *ino,
                         struct vtime now) {
  ino->ctime = now;
  if ((ino->mode & LINUX_S_IFMT) == LINUX_S_IFDIR) {
    dir->nlink--;   /* its ".." */
    ino->nlink = 0; /* the entry and its own "." */
    /* Its ".." still leads to dir while it lives (a cwd): it keeps dir
     * alive as Linux's dentry keeps its parent; evict lets go. */
    inode_get(dir);
  } else {
    ino->nlink--;
  }
  if (ino->nlink == 0) {
    ino->refs++;
    inode_put(ino);
  }
}

static int tmpfs_unlink(struct inode *dir, const char *name, size_t len) {
  struct dirent_k *e = dirindex_find(dir, name, len);
  if (!e)
    return -ENOENT;
  dirindex_remove(dir, e);
  struct inode *ino = e->inode;
  kfree(e);
  dir->size -= BOGO_DIRENT_SIZE;
  dir->mtime = dir->ctime = vfs_now();
  unlink_inode(dir, ino, dir->ctime);
  return 0;
}

static bool is_dir(const struct inode *ino) {
  return (ino->mode & LINUX_S_IFMT) == LINUX_S_IFDIR;
}

/* A directory moved from `from` to `to`: its ".." follows. */
static void reparent(struct inode *ino, struct inode *from, struct inode *to) {
  if (!is_dir(ino) || from == to)
    return;
  ino->parent = to;
  from->nlink--;
  to->nlink++;
}

/* Linux's simple_offset rules (dirindex.h): a moved name goes to the
 * front of its new directory's listing with a new offset, or with the
 * offset of the name it replaces; exchanged names keep their offsets and
 * go to the front, the new name first. */
static int tmpfs_rename(struct inode *odir, const char *on, size_t ol,
                        struct inode *ndir, const char *nn, size_t nl,
                        bool exchange) {
  struct dirent_k *oe = dirindex_find(odir, on, ol);
  if (!oe)
    return -ENOENT;
  struct dirent_k *ne = dirindex_find(ndir, nn, nl);
  struct vtime now = vfs_now();
  if (exchange) {
    if (!ne)
      return -ENOENT;
    odir->mtime = odir->ctime = ndir->mtime = ndir->ctime = now;
    struct inode *a = oe->inode, *b = ne->inode;
    oe->inode = b;
    ne->inode = a;
    reparent(a, odir, ndir);
    reparent(b, ndir, odir);
    a->ctime = b->ctime = now;
    dirindex_to_front(odir, oe);
    dirindex_to_front(ndir, ne);
    return 0;
  }
  if (ne == oe)
    return 0;
  /* The new entry first: failing after the old one went would lose the
   * name. */
  struct dirent_k *e = dirent_new(nn, nl);
  if (!e)
    return -ENOMEM;
  struct inode *ino = oe->inode;
  e->inode = ino;
  if (!ne) {
    int err = dirindex_add(ndir, e);
    if (err) {
      kfree(e);
      return err;
    }
    ndir->size += BOGO_DIRENT_SIZE;
  } else {
    /* e takes ne's place; ne's inode loses that name as an unlink
     * would (the moving inode keeps its link through e). */
    dirindex_replace(ndir, ne, e);
    struct inode *gone = ne->inode;
    kfree(ne);
    unlink_inode(ndir, gone, now);
  }
  odir->mtime = odir->ctime = ndir->mtime = ndir->ctime = now;
  dirindex_remove(odir, oe);
  kfree(oe);
  odir->size -= BOGO_DIRENT_SIZE;
  reparent(ino, odir, ndir);
  ino->ctime = now;
  return 0;
}

static int tmpfs_readdir(struct inode *dir, uint64_t *pos,
                         bool (*emit)(void *, const char *, size_t, uint64_t,
                                      unsigned, uint64_t),
                         void *ctx) {
  /* Positions: 0 ".", 1 "..", then entry offsets (dirindex.h); the
   * position after an entry is the offset of the next one listed. */
  if (*pos == 0) {
    if (!emit(ctx, ".", 1, dir->ino, LINUX_DT_DIR, 1))
      return 0;
    *pos = 1;
  }
  if (*pos == 1) {
    struct inode *up = dir->parent ? dir->parent : dir;
    uint64_t next = dir->entries ? dir->entries->off : DIRINDEX_EOD;
    if (!emit(ctx, "..", 2, up->ino, LINUX_DT_DIR, next))
      return 0;
    *pos = next;
  }
  if (*pos == DIRINDEX_EOD)
    return 0;
  /* Linux's offset_dir_lookup: the entry at or below the position, or
   * (none there) the first one listed. */
  struct dirent_k *e = dirindex_at_or_before(dir, *pos);
  if (!e)
    e = dir->entries;
  for (; e; e = e->next) {
    uint64_t next = e->next ? e->next->off : DIRINDEX_EOD;
    *pos = e->off;
    if (!emit(ctx, e->name, e->len, e->inode->ino, vfs_dtype(e->inode->mode),
              next)) {
      dirindex_remember(dir, e);
      return 0;
    }
  }
  *pos = DIRINDEX_EOD;
  return 0;
}

/* The page at `idx`; a hole gets a new zeroed frame with `alloc`. */
static int tmpfs_getpage(struct inode *ino, uint64_t idx, bool alloc,
                         uint64_t *out) {
  uint64_t pa = pagemap_get(&ino->data, idx);
  if (!pa && alloc) {
    struct super *sb = ino->sb;
    if (sb->max_pages && sb->used_pages >= sb->max_pages)
      return -ENOSPC;
    pa = vm_alloc_frame();
    if (!pa)
      return -ENOMEM;
    if (pagemap_set(&ino->data, idx, pa) != 0) {
      pmm_unref(pa);
      return -ENOMEM;
    }
    sb->used_pages++;
  }
  *out = pa;
  return 0;
}

static long tmpfs_rw(struct inode *ino, struct mm *mm, uint64_t ubuf, size_t n,
                     uint64_t off, bool write) {
  if (write) {
    if (off >= MAX_FILE_SIZE)
      return -EFBIG;
    if (n > MAX_FILE_SIZE - off)
      n = (size_t)(MAX_FILE_SIZE - off);
  } else {
    if (off >= ino->size)
      return 0;
    if (n > ino->size - off)
      n = (size_t)(ino->size - off);
  }
  size_t done = 0;
  while (done < n) {
    uint64_t at = off + done;
    uint64_t idx = at / PAGE;
    size_t in = (size_t)(at % PAGE);
    size_t k = PAGE - in < n - done ? PAGE - in : n - done;
    uint64_t pa = pagemap_get(&ino->data, idx);
    size_t left;
    if (write) {
      if (!pa && tmpfs_getpage(ino, idx, true, &pa) != 0)
        return done ? (long)done : -ENOSPC;
      left =
          copy_from_user(mm, (char *)hal_phys_to_virt(pa) + in, ubuf + done, k);
    } else if (pa) {
      left =
          copy_to_user(mm, ubuf + done, (char *)hal_phys_to_virt(pa) + in, k);
    } else {
      left = clear_user(mm, ubuf + done, k);
    }
    done += k - left;
    if (write && off + done > ino->size)
      ino->size = off + done;
    if (left)
      return done ? (long)done : -EFAULT;
  }
  return (long)done;
}

static int64_t tmpfs_seek_data(struct inode *ino, uint64_t off, bool data) {
  if (off >= ino->size)
    return -ENXIO;
  uint64_t idx = off / PAGE;
  if (data) {
    uint64_t d = pagemap_next(&ino->data, idx);
    if (d == PAGEMAP_NONE || d * PAGE >= ino->size)
      return -ENXIO;
    return (int64_t)(d * PAGE > off ? d * PAGE : off);
  }
  while (idx * PAGE < ino->size && pagemap_get(&ino->data, idx))
    idx++;
  uint64_t h = idx * PAGE;
  if (h < off)
    h = off;
  return (int64_t)(h < ino->size ? h : ino->size);
}

/* Zero the tail of the page holding `size` (so a later grow reads zeros). */
static void zero_tail(struct inode *ino, uint64_t size) {
  if (size % PAGE == 0)
    return;
  uint64_t pa = pagemap_get(&ino->data, size / PAGE);
  if (pa)
    memset((char *)hal_phys_to_virt(pa) + size % PAGE, 0, PAGE - size % PAGE);
}

static int tmpfs_setsize(struct inode *ino, uint64_t size) {
  if (size > MAX_FILE_SIZE)
    return -EFBIG;
  if (size < ino->size) {
    zero_tail(ino, size);
    uint64_t from = (size + PAGE - 1) / PAGE;
    if (ino->mmaps) /* Linux's truncate_pagecache: every mapping too */
      vm_unmap_file(ino, from);
    ino->sb->used_pages -= pagemap_truncate(&ino->data, from);
  }
  ino->size = size;
  return 0;
}

/* Zero the bytes of [from, to) in the pages that exist (holes are zero
 * already). */
static void zero_range(struct inode *ino, uint64_t from, uint64_t to) {
  while (from < to) {
    uint64_t page_end = (from / PAGE + 1) * PAGE;
    uint64_t stop = page_end < to ? page_end : to;
    uint64_t pa = pagemap_get(&ino->data, from / PAGE);
    if (pa)
      memset((char *)hal_phys_to_virt(pa) + from % PAGE, 0,
             (size_t)(stop - from));
    from = stop;
  }
}

static int tmpfs_fallocate(struct inode *ino, uint64_t off, uint64_t len,
                           bool keep_size, bool punch) {
  uint64_t end = off + len;
  struct super *sb = ino->sb;
  if (punch) {
    /* Whole pages go; the partial ones at either end are zeroed. */
    uint64_t first = (off + PAGE - 1) / PAGE, last = end / PAGE;
    if (first >= last) {
      zero_range(ino, off, end);
      return 0;
    }
    zero_range(ino, off, first * PAGE);
    zero_range(ino, last * PAGE, end);
    if (ino->mmaps) /* shmem_fallocate: unmap_mapping_range, not the COWs */
      vm_unmap_file_range(ino, first, last, false);
    sb->used_pages -= pagemap_punch(&ino->data, first, last);
    return 0;
  }
  for (uint64_t idx = off / PAGE; idx * PAGE < end; idx++) {
    if (pagemap_get(&ino->data, idx))
      continue;
    if (sb->max_pages && sb->used_pages >= sb->max_pages)
      return -ENOSPC;
    uint64_t pa = vm_alloc_frame();
    if (!pa)
      return -ENOSPC;
    if (pagemap_set(&ino->data, idx, pa) != 0) {
      pmm_unref(pa);
      return -ENOSPC;
    }
    sb->used_pages++;
  }
  if (!keep_size && end > ino->size)
    ino->size = end;
  return 0;
}

static void tmpfs_evict(struct inode *ino) {
  if ((ino->mode & LINUX_S_IFMT) == LINUX_S_IFDIR && ino->parent)
    inode_put(ino->parent); /* tmpfs_unlink's reference */
  ino->sb->used_pages -= pagemap_truncate(&ino->data, 0);
  kfree(ino->target);
  dirindex_destroy(ino);
}

static const struct inode_ops tmpfs_ops = {
    .lookup = tmpfs_lookup,
    .create = tmpfs_mknod,
    .link = tmpfs_link,
    .unlink = tmpfs_unlink,
    .rename = tmpfs_rename,
    .readdir = tmpfs_readdir,
    .rw = tmpfs_rw,
    .seek_data = tmpfs_seek_data,
    .fallocate = tmpfs_fallocate,
    .setsize = tmpfs_setsize,
    .evict = tmpfs_evict,
    .getpage = tmpfs_getpage,
};

struct super *tmpfs_create(uint32_t root_mode, uint64_t max_pages) {
  struct super *sb = kzalloc(sizeof *sb);
  if (!sb)
    return 0;
  sb->dev = linux_makedev(0, next_dev_minor++);
  sb->magic = LINUX_TMPFS_MAGIC;
  sb->max_pages = max_pages;
  sb->max_inodes = max_pages; /* shmem: as many inodes as pages */
  struct inode *root = inode_new(sb, LINUX_S_IFDIR | root_mode, 0);
  if (!root) {
    kfree(sb);
    return 0;
  }
  root->ops = &tmpfs_ops;
  root->size = 2 * BOGO_DIRENT_SIZE;
  root->nlink = 2;
  sb->root = root; /* the super's reference */
  return sb;
}
