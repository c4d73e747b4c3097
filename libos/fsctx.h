/* A process's filesystem context (struct fsctx in task.h: root, cwd,
 * umask): its own, or one that processes made with clone(CLONE_FS) share,
 * so that one's chdir, chroot and umask are every sharer's. */
#ifndef LIBOS_FSCTX_H
#define LIBOS_FSCTX_H

#include <stdint.h>

struct fsctx;
struct inode;

/* A new context holding the references `root` and `cwd` (taken over) and
 * `umask`, used once. NULL when out of memory (the references are
 * dropped). */
struct fsctx *fsctx_new(struct inode *root, struct inode *cwd, uint32_t umask);

/* A private copy of `f` (new references to its directories), or NULL. */
struct fsctx *fsctx_copy(const struct fsctx *f);

/* One more process uses `f`. Returns f. */
struct fsctx *fsctx_share(struct fsctx *f);

/* A process lets go of `f` (NULL is fine); the last one drops the
 * directories and frees it. */
void fsctx_put(struct fsctx *f);

/* unshare(CLONE_FS): a context others use is replaced by a copy (*f
 * changes). 0, or -ENOMEM with *f unchanged. */
int fsctx_unshare(struct fsctx **f);

#endif
