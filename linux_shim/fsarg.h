/* What every file syscall does with its arguments first: copy a path from
 * user memory (EFAULT, ENAMETOOLONG), turn a dirfd into where resolution
 * starts (EBADF, ENOTDIR), and take the caller's file identity. */
#ifndef LINUX_SHIM_FSARG_H
#define LINUX_SHIM_FSARG_H

#include <libos/namei.h>

/* file_remove_privs: a write, truncate or fallocate by a caller without
 * CAP_FSETID clears a regular file's set-user-ID bit, and its
 * set-group-ID bit when group execute is set or the caller is not in the
 * file's group (setattr_should_drop_suidgid). */
void fs_kill_priv(struct inode *ino);

/* Linux caps one transfer at INT_MAX rounded down to a page. */
#define MAX_RW_COUNT 0x7ffff000UL

/* A path copied in: `buf` holds it NUL-terminated. */
struct upath {
  char buf[LINUX_PATH_MAX];
};

/* Copy the user string at `uptr` into `p`. 0, -EFAULT or -ENAMETOOLONG. */
int upath_get(struct upath *p, uint64_t uptr);

/* The calling process's file identity (sys_cred.c): its filesystem ids,
 * groups and whether it holds root's file capabilities. */
const struct vfs_cred *fs_cred(void);

/* The same with the real ids in place of the filesystem ones: what
 * access(2) checks with (unless AT_EACCESS). */
const struct vfs_cred *fs_cred_real(void);

/* Fill `w` for a resolution relative to `dirfd` (AT_FDCWD: the cwd). A
 * dirfd is looked at only when `path` is relative or empty: -EBADF for a
 * closed one, -ENOTDIR for one that is not a directory (unless the path
 * is empty and `empty_ok`). `w->start` is borrowed, not referenced. */
int fs_walk_from(int dirfd, const char *path, bool empty_ok,
                 struct walk_ctx *w);

/* RLIMIT_NOFILE's soft limit as a descriptor-slot count (the `limit` of
 * fd_install). */
int fs_fd_limit(void);

struct file;
/* Install a new file `f` (its one reference) at the lowest free
 * descriptor of the caller, FD_CLOEXEC if `cloexec`: the descriptor, or
 * -EMFILE; the reference is the table's now, or dropped. */
int fs_install_new(struct file *f, bool cloexec);

/* namei() relative to dirfd: the path at `upath`, `flags` LOOKUP_*. */
int fs_lookup(int dirfd, uint64_t upath, unsigned flags, struct inode **out);

/* Create an inode of `mode` (type included, umask applied by the caller)
 * at the kernel string `path` relative to the cwd, as mknod(2) checks it
 * (EEXIST, ENOENT, EACCES...): a socket's bind. *out gets a reference. */
long fs_mknod_kpath(const char *path, uint32_t mode, struct inode **out);

/* SIGPIPE for a write to a pipe without readers, as Linux's pipe_write
 * and splice send it: as if by kill() (SI_USER, the caller's pid), to the
 * calling thread only (send_sig is thread-directed). */
void io_raise_sigpipe(void);

#endif
