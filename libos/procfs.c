/* procfs (procfs.h): inodes made at each lookup from the node tables,
 * directory listings, and seq_file reads. An inode lives while something
 * refers to it (anon): nothing is cached between lookups, so /proc/self
 * is resolved again by every walk, as Linux's dentry revalidation
 * amounts to. */
#include <libos/procfs.h>

#include <libos/file.h>
#include <libos/fmt.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define PROC_SUPER_MAGIC 0x9fa0

/* What a procfs inode stands for. */
struct pnode {
  const struct procfs_node *node;
  struct procfs_where where;
};

static const struct procfs_hooks *hooks;

/* ---- inodes ---- */

static const struct inode_ops dir_iops, file_iops, magic_iops;
extern const struct file_ops procfs_file_ops;

static void pevict(struct inode *ino) {
  kfree(ino->target);
  kfree(ino->fsdata);
  if (ino->parent && ino->parent != ino)
    inode_put(ino->parent);
}

/* The inode number of `node` at `w`: the same on every lookup, as
 * Linux's cached proc dentries give (stat twice, readdir and stat agree),
 * distinct for distinct files (a 48-bit mix of the node and the place). */
static uint64_t node_ino(const struct procfs_node *node,
                         const struct procfs_where *w) {
  uint64_t h = (uint64_t)(uintptr_t)node;
  const uint64_t parts[3] = {(uint32_t)w->pid, (uint32_t)w->tid,
                             (uint64_t)w->arg};
  for (int i = 0; i < 3; i++) {
    h ^= parts[i] + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
  }
  return (h >> 16) | 1;
}

/* A new inode for `node` at `w` below `parent` (NULL: the root). */
static int make_inode(struct super *sb, struct inode *parent,
                      const struct procfs_node *node,
                      const struct procfs_where *w, struct inode **out) {
  uint32_t uid = 0, gid = 0;
  if (w->pid && hooks && hooks->owner && !hooks->owner(w, &uid, &gid))
    return -ENOENT;
  struct vfs_cred c = {.uid = uid, .gid = gid};
  struct inode *ino = inode_new(sb, node->mode, &c);
  if (!ino)
    return -ENOMEM;
  ino->ino = node_ino(node, w);
  struct pnode *pn = kzalloc(sizeof *pn);
  if (!pn) {
    inode_put(ino);
    return -ENOMEM;
  }
  pn->node = node;
  pn->where = *w;
  ino->fsdata = pn;
  ino->anon = true;
  ino->nlink = 1;
  uint32_t type = node->mode & LINUX_S_IFMT;
  if (type == LINUX_S_IFDIR) {
    ino->ops = &dir_iops;
    ino->nlink = 2;
    for (const struct procfs_node *e = node->entries; e && e->name; e++)
      if ((e->mode & LINUX_S_IFMT) == LINUX_S_IFDIR)
        ino->nlink++;
    /* Generated directories count too (task/: 2 + the threads), as of
     * this lookup. Not for the root, made once at mount. */
    uint64_t key = 0;
    char name[32];
    const struct procfs_node *cn;
    struct procfs_where cw;
    while (parent && node->dyn && node->dyn->next(w, &key, name, &cn, &cw)) {
      if ((cn->mode & LINUX_S_IFMT) == LINUX_S_IFDIR)
        ino->nlink++;
      key++;
    }
  } else {
    ino->ops = &file_iops;
    ino->fops = &procfs_file_ops;
  }
  if (type == LINUX_S_IFLNK && node->get_link)
    ino->ops = &magic_iops;
  if (type == LINUX_S_IFLNK) {
    char *buf = kzalloc(4096);
    long n = buf ? node->readlink(w, buf, 4096) : -ENOMEM;
    if (n < 0) {
      kfree(buf);
      ino->parent = 0;
      inode_put(ino);
      return (int)n;
    }
    ino->target = buf;
    ino->size = node->link_size == PROCFS_LINK_TARGET
                    ? (uint64_t)n
                    : (uint64_t)node->link_size;
  }
  ino->parent = parent ? inode_get(parent) : ino;
  *out = ino;
  return 0;
}

static struct pnode *pnode_of(const struct inode *ino) {
  return ino->fsdata;
}

static int plookup(struct inode *dir, const char *name, size_t len,
                   struct inode **out) {
  const struct pnode *pn = pnode_of(dir);
  for (const struct procfs_node *e = pn->node->entries; e && e->name; e++)
    if (strlen(e->name) == len && memcmp(e->name, name, len) == 0)
      return make_inode(dir->sb, dir, e, &pn->where, out);
  if (pn->node->dyn) {
    const struct procfs_node *node;
    struct procfs_where child = pn->where;
    int err = pn->node->dyn->lookup(&pn->where, name, len, &node, &child);
    if (err)
      return err;
    return make_inode(dir->sb, dir, node, &child, out);
  }
  return -ENOENT;
}

/* Positions: 0 ".", 1 "..", 2 + i the fixed entry i, DYN_BASE + key the
 * generated entry with that key. */
#define DYN_BASE 0x1000u

static int preaddir(struct inode *dir, uint64_t *pos,
                    bool (*emit)(void *ctx, const char *name, size_t len,
                                 uint64_t ino, unsigned type,
                                 uint64_t next_pos),
                    void *ctx) {
  const struct pnode *pn = pnode_of(dir);
  if (*pos == 0) {
    if (!emit(ctx, ".", 1, dir->ino, vfs_dtype(LINUX_S_IFDIR), 1))
      return 0;
    *pos = 1;
  }
  if (*pos == 1) {
    uint64_t up = dir->parent ? dir->parent->ino : dir->ino;
    if (!emit(ctx, "..", 2, up, vfs_dtype(LINUX_S_IFDIR), 2))
      return 0;
    *pos = 2;
  }
  unsigned n = 0;
  while (pn->node->entries && pn->node->entries[n].name)
    n++;
  while (*pos < 2 + n) {
    const struct procfs_node *e = &pn->node->entries[*pos - 2];
    if (!emit(ctx, e->name, strlen(e->name), node_ino(e, &pn->where),
              vfs_dtype(e->mode), *pos + 1))
      return 0;
    (*pos)++;
  }
  if (!pn->node->dyn)
    return 0;
  if (*pos < DYN_BASE)
    *pos = DYN_BASE;
  for (;;) {
    uint64_t key = *pos - DYN_BASE;
    char name[32];
    const struct procfs_node *node;
    struct procfs_where child = pn->where;
    if (!pn->node->dyn->next(&pn->where, &key, name, &node, &child))
      return 0;
    if (!emit(ctx, name, strlen(name), node_ino(node, &child),
              vfs_dtype(node->mode), DYN_BASE + key + 1))
      return 0;
    *pos = DYN_BASE + key + 1;
  }
}

/* echo > /proc/self/comm truncates first: nothing to do, as Linux. */
static int psetsize(struct inode *ino, uint64_t size) {
  (void)ino, (void)size;
  return 0;
}

static int pget_link(struct inode *link, struct inode **out) {
  const struct pnode *pn = pnode_of(link);
  return pn->node->get_link(&pn->where, out);
}

static const struct inode_ops magic_iops = {.evict = pevict,
                                            .get_link = pget_link};

static const struct inode_ops dir_iops = {
    .lookup = plookup, .readdir = preaddir, .evict = pevict};
static const struct inode_ops file_iops = {.setsize = psetsize,
                                           .evict = pevict};

/* ---- seq_file reads, writes and lseek ---- */

struct seqfile {
  struct seqbuf s;
  bool have;         /* s holds a generated text */
  uint64_t read_pos; /* where the last read stopped */
};

static int seq_open(struct file *f) {
  f->priv = kzalloc(sizeof(struct seqfile));
  return f->priv ? 0 : -ENOMEM;
}

static void seq_release(struct file *f) {
  struct seqfile *sf = f->priv;
  if (sf)
    kfree(sf->s.buf);
  kfree(sf);
}

/* Generate the text, growing the buffer until it fits. */
static int generate(struct seqfile *sf, const struct pnode *pn) {
  size_t cap = sf->s.cap ? sf->s.cap : 4096;
  for (;;) {
    if (!sf->s.buf) {
      sf->s.buf = kzalloc(cap + 1);
      if (!sf->s.buf)
        return -ENOMEM;
      sf->s.cap = cap;
    }
    sf->s.len = 0;
    sf->s.overflow = false;
    int err = pn->node->show(&sf->s, &pn->where);
    if (err)
      return err;
    if (!sf->s.overflow)
      return 0;
    if (cap >= (1u << 22))
      return -ENOMEM;
    kfree(sf->s.buf);
    sf->s.buf = 0;
    cap *= 2;
  }
}

static long seq_read(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                     uint64_t *pos) {
  struct seqfile *sf = f->priv;
  const struct pnode *pn = pnode_of(f->inode);
  if (!pn->node->show)
    return -EINVAL;
  if (!sf->have || *pos != sf->read_pos) {
    sf->have = false;
    int err = generate(sf, pn);
    if (err)
      return err;
    sf->have = true;
  }
  if (*pos >= sf->s.len) {
    sf->read_pos = *pos;
    return 0;
  }
  size_t k = sf->s.len - (size_t)*pos;
  if (k > n)
    k = n;
  size_t left = copy_to_user(mm, ubuf, sf->s.buf + *pos, k);
  if (left == k && k)
    return -EFAULT;
  *pos += k - left;
  sf->read_pos = *pos;
  return (long)(k - left);
}

static long seq_store(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                      uint64_t *pos) {
  (void)pos;
  const struct pnode *pn = pnode_of(f->inode);
  if (!pn->node->store)
    return pn->node->write_eio ? -EIO : -EINVAL;
  char *buf = kzalloc(4096 + 1);
  if (!buf)
    return -ENOMEM;
  size_t k = n < 4096 ? n : 4096;
  long r = copy_from_user(mm, buf, ubuf, k)
               ? -EFAULT
               : pn->node->store(&pn->where, buf, k);
  kfree(buf);
  if (r == (long)k)
    r = (long)n; /* the generators take what they want of a page */
  return r;
}

static int64_t seq_llseek(struct file *f, int64_t off, unsigned whence) {
  struct seqfile *sf = f->priv;
  int64_t base;
  if (whence == LINUX_SEEK_SET)
    base = 0;
  else if (whence == LINUX_SEEK_CUR)
    base = (int64_t)f->pos;
  else
    return -EINVAL;
  if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
    return -EINVAL;
  f->pos = (uint64_t)(base + off);
  sf->have = false; /* the next read generates afresh */
  return (int64_t)f->pos;
}

const struct file_ops procfs_file_ops = {.open = seq_open,
                                         .release = seq_release,
                                         .read = seq_read,
                                         .write = seq_store,
                                         .llseek = seq_llseek};

bool procfs_is_file(const struct file *f) {
  return f->ops == &procfs_file_ops;
}

bool procfs_splice_read(const struct file *f) {
  return procfs_is_file(f) && pnode_of(f->inode)->node->splice_read;
}

struct super *procfs_create(const struct procfs_node *root, uint64_t dev,
                            const struct procfs_hooks *h) {
  hooks = h;
  struct super *sb = kzalloc(sizeof *sb);
  if (!sb)
    return 0;
  sb->dev = dev;
  sb->magic = PROC_SUPER_MAGIC;
  sb->blksize = 1024; /* proc_fill_super's s_blocksize */
  struct procfs_where none = {0, 0, 0};
  struct inode *r;
  if (make_inode(sb, 0, root, &none, &r)) {
    kfree(sb);
    return 0;
  }
  r->anon = false; /* the root lives as long as the mount */
  sb->root = r;
  return sb;
}
