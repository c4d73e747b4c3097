/* fsctx.h: reference-counted, freed with its directories by the last
 * user. */
#include <libos/fsctx.h>

#include <libos/kheap.h>
#include <libos/task.h>
#include <libos/vfs.h>
#include <uapi/errno.h>

struct fsctx *fsctx_new(struct inode *root, struct inode *cwd, uint32_t umask) {
  struct fsctx *f = kzalloc(sizeof *f);
  if (!f) {
    inode_put(root);
    inode_put(cwd);
    return 0;
  }
  f->refs = 1;
  f->root = root;
  f->cwd = cwd;
  f->umask = umask;
  return f;
}

struct fsctx *fsctx_copy(const struct fsctx *f) {
  return fsctx_new(inode_get(f->root), inode_get(f->cwd), f->umask);
}

struct fsctx *fsctx_share(struct fsctx *f) {
  f->refs++;
  return f;
}

void fsctx_put(struct fsctx *f) {
  if (!f || --f->refs > 0)
    return;
  inode_put(f->root);
  inode_put(f->cwd);
  kfree(f);
}

int fsctx_unshare(struct fsctx **f) {
  if ((*f)->refs == 1)
    return 0;
  struct fsctx *n = fsctx_copy(*f);
  if (!n)
    return -ENOMEM;
  fsctx_put(*f);
  *f = n;
  return 0;
}
