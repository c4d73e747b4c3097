/* /proc/<pid>/fd and fdinfo: one entry per open descriptor, in number
 * order. An fd entry is a link whose mode says how the file is open
 * (Linux's proc_fd_link: r-x for reading, -wx for writing) and whose
 * target is the file's path, "pipe:[ino]" or "anon_inode:<name>". */
#include <linux_shim/proc_fs.h>

#include <libos/fd.h>
#include <libos/fmt.h>
#include <libos/namei.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define PIPEFS_MAGIC 0x50495045
#define ANON_INODE_FS_MAGIC 0x09041934

static struct fdtable *fds_of(const struct procfs_where *w) {
  struct proc *p = procfs_proc(w);
  return p && p->state == PROC_ALIVE ? p->fds : 0;
}

static struct file *file_of(const struct procfs_where *w) {
  struct fdtable *t = fds_of(w);
  return t ? fd_get(t, w->arg) : 0;
}

static long link_fd(const struct procfs_where *w, char *buf, size_t size) {
  struct file *f = file_of(w);
  if (!f)
    return -ENOENT;
  struct inode *ino = f->inode;
  int n;
  if (ino && ino->sb && ino->sb->magic == PIPEFS_MAGIC)
    n = ksnprintf(buf, size, "pipe:[%llu]", (unsigned long long)ino->ino);
  else if (ino && ino->sb && ino->sb->magic == ANON_INODE_FS_MAGIC)
    n = ksnprintf(buf, size, "anon_inode:%s",
                  f->ops->anon_name ? f->ops->anon_name : "[unknown]");
  else if (ino) {
    long len = vfs_inode_path(procfs_proc(w)->fs->root, ino, buf, size);
    if (len > 0)
      return len - 1;
    /* Unlinked: Linux names the old path with " (deleted)". */
    n = ksnprintf(buf, size, "%s (deleted)",
                  ino->dead_path ? ino->dead_path : "/");
  } else
    n = ksnprintf(buf, size, "anon_inode:[unknown]");
  return n < (int)size ? n : (long)size - 1;
}

static int show_fdinfo(struct seqbuf *s, const struct procfs_where *w) {
  struct file *f = file_of(w);
  if (!f)
    return -ENOENT;
  struct fdtable *t = fds_of(w);
  unsigned flags = f->flags;
  if (t->cloexec[w->arg])
    flags |= LINUX_O_CLOEXEC;
  seq_printf(s, "pos:\t%llu\nflags:\t0%o\nmnt_id:\t%d\nino:\t%llu\n",
             (unsigned long long)f->pos, flags,
             f->inode ? proc_mount_id(f->inode->sb) : 0,
             (unsigned long long)(f->inode ? f->inode->ino : 0));
  proc_fdinfo_kind(s, f);
  return 0;
}

/* Opening fd/N opens the descriptor's inode itself (a pipe end, an
 * unlinked file); an anon-inode file or a socket then has no open (ENXIO). */
static int magic_fd(const struct procfs_where *w, struct inode **out) {
  struct file *f = file_of(w);
  if (!f || !f->inode)
    return -ENOENT;
  *out = inode_get(f->inode);
  return 0;
}

/* Indexed by how the file is open: bit 0 readable, bit 1 writable. */
#define FD_LINK(m)                                                             \
  {                                                                            \
    .name = "", .mode = LINUX_S_IFLNK | (m), .readlink = link_fd,              \
    .link_size = 64, /* proc_fd_instantiate's i_size */                        \
        .get_link = magic_fd                                                   \
  }
static const struct procfs_node fd_links[4] = {FD_LINK(0), FD_LINK(0500),
                                               FD_LINK(0300), FD_LINK(0700)};
static const struct procfs_node fdinfo_file = {
    .name = "", .mode = PROC_FILE, .show = show_fdinfo};

static const struct procfs_node *link_node(const struct file *f) {
  if (f->path_only)
    return &fd_links[0];
  unsigned acc = f->flags & LINUX_O_ACCMODE;
  unsigned i = acc == LINUX_O_RDONLY ? 1 : acc == LINUX_O_WRONLY ? 2 : 3;
  return &fd_links[i];
}

static bool next_fd(const struct procfs_where *dir, uint64_t *key, char *name,
                    const struct procfs_node **node, struct procfs_where *child,
                    bool info) {
  struct fdtable *t = fds_of(dir);
  for (uint64_t fd = *key; t && fd < FD_TABLE_SIZE; fd++) {
    struct file *f = t->file[fd];
    if (!f)
      continue;
    *key = fd;
    ksnprintf(name, 32, "%llu", (unsigned long long)fd);
    *node = info ? &fdinfo_file : link_node(f);
    *child = *dir;
    child->arg = (long)fd;
    return true;
  }
  return false;
}

static int lookup_fd(const struct procfs_where *dir, const char *name,
                     size_t len, const struct procfs_node **node,
                     struct procfs_where *child, bool info) {
  long fd = procfs_parse_id(name, len);
  if (fd < 0)
    return -ENOENT;
  struct procfs_where w = *dir;
  w.arg = fd;
  struct file *f = file_of(&w);
  if (!f)
    return -ENOENT;
  *node = info ? &fdinfo_file : link_node(f);
  *child = w;
  return 0;
}

static bool fd_next(const struct procfs_where *dir, uint64_t *key, char *name,
                    const struct procfs_node **node,
                    struct procfs_where *child) {
  return next_fd(dir, key, name, node, child, false);
}
static int fd_lookup(const struct procfs_where *dir, const char *name,
                     size_t len, const struct procfs_node **node,
                     struct procfs_where *child) {
  return lookup_fd(dir, name, len, node, child, false);
}
static bool fdinfo_next(const struct procfs_where *dir, uint64_t *key,
                        char *name, const struct procfs_node **node,
                        struct procfs_where *child) {
  return next_fd(dir, key, name, node, child, true);
}
static int fdinfo_lookup(const struct procfs_where *dir, const char *name,
                         size_t len, const struct procfs_node **node,
                         struct procfs_where *child) {
  return lookup_fd(dir, name, len, node, child, true);
}

const struct procfs_dyn proc_fd_dyn = {.next = fd_next, .lookup = fd_lookup};
const struct procfs_dyn proc_fdinfo_dyn = {.next = fdinfo_next,
                                           .lookup = fdinfo_lookup};
