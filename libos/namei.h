/*
 * Path resolution as path_resolution(7) describes it: components split at
 * slashes, "." and ".." (never above the process's root; across mount
 * points), search (execute) permission on every directory passed, symlinks
 * followed in the middle of a path and at its end when asked (ELOOP after
 * 40), ENAMETOOLONG for a component over NAME_MAX, ENOTDIR for a
 * non-directory in the middle or before a trailing slash.
 *
 * Every function returns 0 or a negative errno; inodes handed out carry a
 * reference the caller drops with inode_put().
 */
#ifndef LIBOS_NAMEI_H
#define LIBOS_NAMEI_H

#include <libos/vfs.h>
#include <uapi/fcntl.h>

#define LOOKUP_FOLLOW 1u    /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 2u /* the result must be a directory */
#define LOOKUP_EMPTY 4u     /* "" names the start directory (AT_EMPTY_PATH) */

/* Restrictions on a walk (openat2's RESOLVE_* flags; the caller maps
 * them). A walk confined to a directory (RESOLVE_IN_ROOT, _BENEATH) makes
 * it the walk's root. */
#define WALK_NO_XDEV 1u     /* crossing a mount, either way: -EXDEV */
#define WALK_NO_SYMLINKS 2u /* a symlink to follow: -ELOOP */
#define WALK_BENEATH 4u     /* an absolute path or link, ".." at root: -EXDEV */
#define WALK_NO_MAGICLINKS 8u /* a magic link (/proc/<pid>/fd/N): -ELOOP */
#define WALK_SCOPED 16u       /* a magic link in a confined walk: -EXDEV */

/* Where a resolution starts and whose rights it uses. */
struct walk_ctx {
  const struct vfs_cred *cred;
  struct inode *root;  /* "/" and the ceiling for ".." (chroot) */
  struct inode *start; /* relative paths: the cwd or a dirfd */
  unsigned limits;     /* WALK_* */
};

/* The inode `path` names. */
int namei(const struct walk_ctx *w, const char *path, unsigned flags,
          struct inode **out);

/* What the last component of a path is. */
enum last_kind {
  LAST_NORM,   /* a name */
  LAST_DOT,    /* "." */
  LAST_DOTDOT, /* ".." */
  LAST_ROOT,   /* the path is "/" (or only slashes) */
};

struct last_name {
  enum last_kind kind;
  char name[LINUX_NAME_MAX + 1]; /* NUL-terminated (LAST_NORM) */
  size_t len;
  bool trailing_slash; /* "name/": the caller wants a directory */
};

/* Resolve all of `path` but its last component: the directory that holds
 * it (*dir, checked to be a directory) and the component itself. An empty
 * path is -ENOENT. */
int namei_parent(const struct walk_ctx *w, const char *path, struct inode **dir,
                 struct last_name *last);

/* The inode `name` (len bytes, a plain name) names in directory `dir`,
 * after a search-permission check, with what is mounted there followed. */
int namei_child(const struct walk_ctx *w, struct inode *dir, const char *name,
                size_t len, struct inode **out);

/* The absolute path of directory `dir` as seen from `root`, written to buf
 * (getcwd). Returns the length with its NUL, -ERANGE when it does not
 * fit, or -ENOENT when `dir` was removed. A directory outside `root` gets
 * the "(unreachable)" prefix, as Linux. */
long vfs_path_of(struct inode *root, struct inode *dir, char *buf, size_t size);

/* vfs_path_of for an inode of any type: a file's path is that of the
 * directory holding an entry for it (the first one found, for a file of
 * several links) and its name. -ENOENT when no directory reachable from
 * `root` names it (unlinked, or in a filesystem without a tree such as
 * pipefs). */
long vfs_inode_path(struct inode *root, struct inode *ino, char *buf,
                    size_t size);

#endif
