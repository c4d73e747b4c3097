/* /proc/<pid>/mounts and mountinfo (fs/proc_namespace.c's show_vfsmnt and
 * show_mountinfo). The mounts are the root filesystem and those mounted
 * on directories of the root (all this kernel makes), in the order the
 * root lists them; their ids are made up in that order, as Linux's are
 * arbitrary numbers. */
#include <linux_shim/proc_fs.h>

#include <libos/kstring.h>
#include <libos/vfs.h>
#include <uapi/errno.h>

#define FIRST_MOUNT_ID 21

struct mount_info {
  const struct super *sb;
  const char *name; /* the mount point below "/" ("" for the root) */
  size_t len;
};

/* The i-th mount, false past the last. */
static bool mount_at(unsigned i, struct mount_info *m) {
  struct inode *root = vfs_root();
  if (i == 0) {
    *m = (struct mount_info){root->sb, "", 0};
    return true;
  }
  unsigned k = 1;
  for (const struct dirent_k *e = root->entries; e; e = e->next)
    if (e->inode->mounted && k++ == i) {
      *m = (struct mount_info){e->inode->mounted, e->name, e->len};
      return true;
    }
  return false;
}

int proc_mount_id(const struct super *sb) {
  struct mount_info m;
  for (unsigned i = 0; mount_at(i, &m); i++)
    if (m.sb == sb)
      return FIRST_MOUNT_ID + (int)i;
  return 0;
}

static const char *fs_type(const struct super *sb) {
  return sb->magic == LINUX_PROC_SUPER_MAGIC ? "proc" : "tmpfs";
}

static void put_point(struct seqbuf *s, const struct mount_info *m) {
  seq_write(s, "/", 1);
  seq_write(s, m->name, m->len);
}

int proc_show_mounts(struct seqbuf *s, const struct procfs_where *w) {
  if (!procfs_proc(w))
    return -ESRCH;
  struct mount_info m;
  for (unsigned i = 0; mount_at(i, &m); i++) {
    const char *t = fs_type(m.sb);
    seq_printf(s, "%s ", t);
    put_point(s, &m);
    seq_printf(s, " %s rw,relatime 0 0\n", t);
  }
  return 0;
}

int proc_show_mountinfo(struct seqbuf *s, const struct procfs_where *w) {
  if (!procfs_proc(w))
    return -ESRCH;
  struct mount_info m;
  for (unsigned i = 0; mount_at(i, &m); i++) {
    const char *t = fs_type(m.sb);
    seq_printf(s, "%d %d %u:%u / ", FIRST_MOUNT_ID + (int)i,
               i ? FIRST_MOUNT_ID : FIRST_MOUNT_ID - 1, linux_major(m.sb->dev),
               linux_minor(m.sb->dev));
    put_point(s, &m);
    seq_printf(s, " rw,relatime - %s %s rw\n", t, t);
  }
  return 0;
}
