/* Inodes: references, creation, timestamps and Linux's permission rules
 * (vfs.h). */
#include <libos/vfs.h>

#include <libos/kheap.h>
#include <libos/panic.h>
#include <libos/wallclock.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

struct vtime vfs_now(void) {
  uint64_t ns = wallclock_ns();
  return (struct vtime){(int64_t)(ns / 1000000000u),
                        (uint32_t)(ns % 1000000000u)};
}

struct inode *inode_get(struct inode *ino) {
  ino->refs++;
  return ino;
}

static void inode_free(struct inode *ino) {
  if (ino->ops && ino->ops->evict)
    ino->ops->evict(ino);
  if (ino->sb)
    ino->sb->used_inodes--;
  kfree(ino->dead_path);
  kfree(ino);
}

void inode_put(struct inode *ino) {
  if (!ino)
    return;
  if (ino->refs <= 0)
    kpanic("inode %llu: reference count underflow",
           (unsigned long long)ino->ino);
  if (--ino->refs == 0 && (ino->nlink == 0 || ino->anon))
    inode_free(ino);
}

struct inode *inode_new(struct super *sb, uint32_t mode,
                        const struct vfs_cred *c) {
  if (sb->max_inodes && sb->used_inodes >= sb->max_inodes)
    return 0;
  struct inode *ino = kzalloc(sizeof *ino);
  if (!ino)
    return 0;
  sb->used_inodes++;
  ino->sb = sb;
  ino->ino = ++sb->next_ino;
  ino->mode = mode;
  ino->uid = c ? c->uid : 0;
  ino->gid = c ? c->gid : 0;
  ino->refs = 1;
  ino->atime = ino->mtime = ino->ctime = ino->btime = vfs_now();
  pagemap_init(&ino->data);
  return ino;
}

bool vfs_in_group(const struct vfs_cred *c, uint32_t gid) {
  if (c->gid == gid)
    return true;
  for (unsigned i = 0; i < c->ngroups; i++)
    if (c->groups[i] == gid)
      return true;
  return false;
}

int inode_permission(const struct inode *ino, const struct vfs_cred *c,
                     int mask) {
  mask &= LINUX_R_OK | LINUX_W_OK | LINUX_X_OK;
  if (c->privileged) {
    /* CAP_DAC_OVERRIDE: read and write anything; execute a regular file
     * only when some execute bit is set; search any directory. */
    if (!(mask & LINUX_X_OK))
      return 0;
    if ((ino->mode & LINUX_S_IFMT) == LINUX_S_IFDIR || (ino->mode & 0111))
      return 0;
    return -EACCES;
  }
  unsigned bits;
  if (c->uid == ino->uid)
    bits = (ino->mode >> 6) & 7;
  else if (vfs_in_group(c, ino->gid))
    bits = (ino->mode >> 3) & 7;
  else
    bits = ino->mode & 7;
  return ((unsigned)mask & ~bits) ? -EACCES : 0;
}

bool inode_owner_or_capable(const struct inode *ino, const struct vfs_cred *c) {
  return c->privileged || c->uid == ino->uid;
}

unsigned vfs_dtype(uint32_t mode) {
  return (mode & LINUX_S_IFMT) >> 12; /* DT_* are the type bits shifted */
}

uint64_t inode_blocks(const struct inode *ino) {
  uint32_t type = ino->mode & LINUX_S_IFMT;
  if (type == LINUX_S_IFLNK)
    /* Short targets live in the inode, longer ones take a page (shmem). */
    return ino->size < 128 ? 0 : 8;
  return ino->data.pages * 8;
}
