/* The path of any inode (namei.h's vfs_inode_path), for /proc/<pid>/fd
 * and /proc/<pid>/exe links. Directories know their parent; other files
 * do not (an inode is not a dentry here), so their name is found by
 * searching the directories of the tree for the entry naming them. The
 * trees of this kernel are small (tmpfs in memory), which makes the search
 * affordable for what reads it: a readlink of /proc. */
#include <libos/namei.h>

#include <libos/kstring.h>
#include <uapi/errno.h>

#define SEARCH_DEPTH 32 /* deeper trees are not searched (ENOENT) */

/* The directory holding an entry that names `ino`, searching below `dir`
 * (mounts followed); the entry in *ent. NULL when none. */
static struct inode *holder(struct inode *dir, const struct inode *ino,
                            const struct dirent_k **ent, int depth) {
  if (depth > SEARCH_DEPTH)
    return 0;
  for (const struct dirent_k *e = dir->entries; e; e = e->next)
    if (e->inode == ino) {
      *ent = e;
      return dir;
    }
  for (const struct dirent_k *e = dir->entries; e; e = e->next) {
    struct inode *c = e->inode;
    if (!inode_is(c, LINUX_S_IFDIR))
      continue;
    if (c->mounted)
      c = c->mounted->root;
    struct inode *h = holder(c, ino, ent, depth + 1);
    if (h)
      return h;
  }
  return 0;
}

long vfs_inode_path(struct inode *root, struct inode *ino, char *buf,
                    size_t size) {
  if (inode_is(ino, LINUX_S_IFDIR))
    return vfs_path_of(root, ino, buf, size);
  struct inode *top = root->mounted ? root->mounted->root : root;
  const struct dirent_k *e = 0;
  struct inode *dir = ino->nlink ? holder(top, ino, &e, 0) : 0;
  if (!dir)
    return -ENOENT;
  long n = vfs_path_of(root, dir, buf, size);
  if (n < 0)
    return n;
  size_t len = (size_t)n - 1; /* without the NUL */
  bool slash = !(len == 1 && buf[0] == '/');
  if (len + slash + e->len + 1 > size)
    return -ERANGE;
  if (slash)
    buf[len++] = '/';
  memcpy(buf + len, e->name, e->len);
  len += e->len;
  buf[len] = '\0';
  return (long)len + 1;
}
