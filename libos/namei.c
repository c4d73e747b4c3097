/* Path resolution (namei.h). A walk keeps the rest of the path in a
 * buffer of its own; following a symlink writes its target in front of
 * what is left and goes on from the link's directory (or the root). */
#include <libos/namei.h>

#include <libos/kheap.h>
#include <libos/kstring.h>
#include <uapi/errno.h>

#define WALK_BUF (2 * LINUX_PATH_MAX + 2)

static bool is_dir(const struct inode *ino) {
  return (ino->mode & LINUX_S_IFMT) == LINUX_S_IFDIR;
}

static bool is_link(const struct inode *ino) {
  return (ino->mode & LINUX_S_IFMT) == LINUX_S_IFLNK;
}

/* ".." of `cur`: the ceiling stays, a filesystem's root leads to its
 * mount point's parent. Sets *out to a new reference, or returns -EXDEV
 * where the walk's limits forbid the step. */
static int up(const struct walk_ctx *w, struct inode *cur, struct inode **out) {
  if (cur == w->root && (w->limits & WALK_BENEATH))
    return -EXDEV;
  while (cur != w->root && cur == cur->sb->root && cur->sb->mountpoint) {
    if (w->limits & WALK_NO_XDEV)
      return -EXDEV;
    cur = cur->sb->mountpoint;
  }
  if (cur == w->root || !cur->parent)
    *out = inode_get(cur);
  else
    *out = inode_get(cur->parent);
  return 0;
}

/* What is mounted on `ino`, followed down. Consumes the reference. */
static struct inode *down(struct inode *ino) {
  while (ino->mounted) {
    struct inode *r = inode_get(ino->mounted->root);
    inode_put(ino);
    ino = r;
  }
  return ino;
}

struct walk {
  const struct walk_ctx *w;
  char *buf;  /* the rest of the path */
  size_t off; /* where the rest starts */
  int links;  /* symlinks followed so far */
};

/* Replace what is left with `target` + the rest (from `rest`). */
static int splice_link(struct walk *k, const char *target, size_t rest) {
  if (++k->links > LINUX_MAXSYMLINKS)
    return -ELOOP;
  size_t tl = strlen(target);
  size_t rl = strlen(k->buf + rest);
  if (tl == 0)
    return -ENOENT;
  if (tl + rl + 2 > WALK_BUF)
    return -ENAMETOOLONG;
  memmove(k->buf + tl + 1, k->buf + rest, rl + 1);
  memcpy(k->buf, target, tl);
  k->buf[tl] = '/';
  /* "target/rest": a trailing "/" only if rest is empty and so was the
   * slash-free end: drop the added slash then. */
  if (rl == 0)
    k->buf[tl] = '\0';
  k->off = 0;
  return 0;
}

/* Walk k->buf from `cur` (a reference the walk owns) to its end. */
static int walk_all(struct walk *k, struct inode *cur, unsigned flags,
                    struct inode **out) {
  const struct walk_ctx *w = k->w;
  char *b = k->buf;
  if (b[k->off] == '/') {
    if (w->limits & WALK_BENEATH) {
      inode_put(cur);
      return -EXDEV;
    }
    inode_put(cur);
    cur = inode_get(w->root);
  }
  for (;;) {
    size_t p = k->off;
    while (b[p] == '/')
      p++;
    if (!b[p])
      break;
    size_t q = p;
    while (b[q] && b[q] != '/')
      q++;
    size_t len = q - p;
    size_t r = q;
    while (b[r] == '/')
      r++;
    bool last = b[r] == '\0';
    bool slash = q != r; /* a slash follows this component */
    /* In Linux's order: the directory, the right to search it, then the
     * name (checked when it is looked up). */
    int err = 0;
    if (!is_dir(cur))
      err = -ENOTDIR;
    else
      err = inode_permission(cur, w->cred, LINUX_X_OK);
    if (!err && len > LINUX_NAME_MAX)
      err = -ENAMETOOLONG;
    if (err) {
      inode_put(cur);
      return err;
    }
    k->off = q;
    if (len == 1 && b[p] == '.')
      continue;
    if (len == 2 && b[p] == '.' && b[p + 1] == '.') {
      struct inode *u;
      err = up(w, cur, &u);
      inode_put(cur);
      if (err)
        return err;
      cur = u;
      continue;
    }
    struct inode *child;
    err = cur->ops && cur->ops->lookup
              ? cur->ops->lookup(cur, b + p, len, &child)
              : -ENOENT;
    if (err) {
      inode_put(cur);
      return err;
    }
    if (child->mounted && (w->limits & WALK_NO_XDEV)) {
      inode_put(child);
      inode_put(cur);
      return -EXDEV;
    }
    child = down(child);
    if (is_link(child) && (!last || slash || (flags & LOOKUP_FOLLOW)) &&
        child->ops && child->ops->get_link) {
      /* A magic link jumps to its inode (Linux's nd_jump_link): never
       * out of a confined walk. */
      struct inode *to = 0;
      if (w->limits & (WALK_NO_SYMLINKS | WALK_NO_MAGICLINKS))
        err = -ELOOP;
      else if (w->limits & (WALK_BENEATH | WALK_SCOPED | WALK_NO_XDEV))
        err = -EXDEV;
      else if (++k->links > LINUX_MAXSYMLINKS)
        err = -ELOOP;
      else
        err = child->ops->get_link(child, &to);
      inode_put(child);
      inode_put(cur);
      if (err)
        return err;
      cur = to;
      continue;
    }
    if (is_link(child) && (!last || slash || (flags & LOOKUP_FOLLOW))) {
      bool absolute = child->target[0] == '/';
      /* An absolute link jumps to the root: out of a confined walk, and
       * across a mount unless the link lives on the root's. */
      if (w->limits & WALK_NO_SYMLINKS)
        err = -ELOOP;
      else if (absolute &&
               ((w->limits & WALK_BENEATH) ||
                ((w->limits & WALK_NO_XDEV) && cur->sb != w->root->sb)))
        err = -EXDEV;
      else
        err = splice_link(k, child->target, q);
      inode_put(child);
      if (err) {
        inode_put(cur);
        return err;
      }
      if (absolute) {
        inode_put(cur);
        cur = inode_get(w->root);
      }
      continue;
    }
    inode_put(cur);
    cur = child;
  }
  /* A trailing slash (or a "." / ".." end) wants a directory. */
  size_t n = strlen(b);
  bool want_dir = (flags & LOOKUP_DIRECTORY) || (n && b[n - 1] == '/');
  if (want_dir && !is_dir(cur)) {
    inode_put(cur);
    return -ENOTDIR;
  }
  *out = cur;
  return 0;
}

int namei(const struct walk_ctx *w, const char *path, unsigned flags,
          struct inode **out) {
  size_t n = strnlen(path, LINUX_PATH_MAX);
  if (n == 0) {
    if (!(flags & LOOKUP_EMPTY))
      return -ENOENT;
    if ((flags & LOOKUP_DIRECTORY) && !is_dir(w->start))
      return -ENOTDIR;
    *out = inode_get(w->start);
    return 0;
  }
  if (n >= LINUX_PATH_MAX)
    return -ENAMETOOLONG;
  struct walk k = {w, kzalloc(WALK_BUF), 0, 0};
  if (!k.buf)
    return -ENOMEM;
  memcpy(k.buf, path, n + 1);
  int err = walk_all(&k, inode_get(w->start), flags, out);
  kfree(k.buf);
  return err;
}

int namei_parent(const struct walk_ctx *w, const char *path, struct inode **dir,
                 struct last_name *last) {
  size_t n = strnlen(path, LINUX_PATH_MAX);
  if (n == 0)
    return -ENOENT;
  if (n >= LINUX_PATH_MAX)
    return -ENAMETOOLONG;
  size_t end = n;
  while (end > 0 && path[end - 1] == '/')
    end--;
  last->trailing_slash = end != n;
  last->len = 0;
  last->name[0] = '\0';
  if (end == 0) { /* "/" */
    last->kind = LAST_ROOT;
    *dir = inode_get(w->root);
    return 0;
  }
  size_t start = end;
  while (start > 0 && path[start - 1] != '/')
    start--;
  size_t len = end - start;
  last->kind = len == 1 && path[start] == '.' ? LAST_DOT
               : len == 2 && path[start] == '.' && path[start + 1] == '.'
                   ? LAST_DOTDOT
                   : LAST_NORM;
  /* The directory part, "" meaning the start directory: walked first, so
   * its errors come before a last name over NAME_MAX (as Linux's). */
  char *pre = kzalloc(start + 1);
  if (!pre)
    return -ENOMEM;
  memcpy(pre, path, start);
  struct inode *d;
  int err = namei(w, pre, LOOKUP_FOLLOW | LOOKUP_DIRECTORY | LOOKUP_EMPTY, &d);
  kfree(pre);
  if (err)
    return err;
  if (len > LINUX_NAME_MAX) {
    inode_put(d);
    return -ENAMETOOLONG; /* *dir untouched, as for every error */
  }
  *dir = d;
  memcpy(last->name, path + start, len);
  last->name[len] = '\0';
  last->len = len;
  return 0;
}

int namei_child(const struct walk_ctx *w, struct inode *dir, const char *name,
                size_t len, struct inode **out) {
  if (!is_dir(dir))
    return -ENOTDIR;
  int err = inode_permission(dir, w->cred, LINUX_X_OK);
  if (err)
    return err;
  if (!dir->ops || !dir->ops->lookup)
    return -ENOENT;
  err = dir->ops->lookup(dir, name, len, out);
  if (!err && (*out)->mounted && (w->limits & WALK_NO_XDEV)) {
    inode_put(*out);
    return -EXDEV;
  }
  if (!err)
    *out = down(*out);
  return err;
}

/* The name `child` has in directory `dir`: NULL when none. */
static const struct dirent_k *entry_of(const struct inode *dir,
                                       const struct inode *child) {
  for (const struct dirent_k *e = dir->entries; e; e = e->next)
    if (e->inode == child)
      return e;
  return 0;
}

long vfs_path_of(struct inode *root, struct inode *dir, char *buf,
                 size_t size) {
  if (!is_dir(dir) || (dir->nlink == 0))
    return -ENOENT;
  /* Build from the end of buf towards its start. */
  size_t pos = size;
  if (pos < 1)
    return -ERANGE;
  buf[--pos] = '\0';
  struct inode *cur = dir;
  bool reachable = true;
  while (cur != root) {
    /* A filesystem's root: continue from its mount point. */
    if (cur == cur->sb->root) {
      if (!cur->sb->mountpoint) {
        reachable = false;
        break;
      }
      cur = cur->sb->mountpoint;
      continue;
    }
    struct inode *parent = cur->parent;
    const struct dirent_k *e = parent ? entry_of(parent, cur) : 0;
    if (!e)
      return -ENOENT;
    if (pos < (size_t)e->len + 1)
      return -ERANGE;
    pos -= e->len;
    memcpy(buf + pos, e->name, e->len);
    buf[--pos] = '/';
    cur = parent;
  }
  if (pos == size - 1) { /* the root itself */
    if (pos < 1)
      return -ERANGE;
    buf[--pos] = '/';
  }
  if (!reachable) {
    static const char unr[] = "(unreachable)";
    if (pos < sizeof unr - 1)
      return -ERANGE;
    pos -= sizeof unr - 1;
    memcpy(buf + pos, unr, sizeof unr - 1);
  }
  size_t len = size - pos;
  memmove(buf, buf + pos, len);
  return (long)len;
}
