/*
 * The VFS: inodes, the filesystems they belong to, mounts, and the
 * operations a filesystem plugs in. Path resolution is namei.h; open files
 * are file.h; tmpfs (tmpfs.h) is the filesystem everything in the image
 * lives on (the root, /tmp, /dev), device files take their operations from
 * devices.h by their device number.
 *
 * Error policy: negative Linux errno values, as everywhere in libos.
 * References: an inode is freed when its last reference (open files, the
 * cwd and root of processes, a lookup in progress) is dropped AND no
 * directory names it (nlink 0), so an open-but-unlinked file stays usable.
 *
 * Non-goals for now: block devices, page-cache writeback, more than one
 * mount of a filesystem (no bind mounts).
 */
#ifndef LIBOS_VFS_H
#define LIBOS_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libos/pagemap.h>
#include <uapi/stat.h>

struct inode;
struct file;
struct super;
struct mm;

/* Who is asking: the filesystem ids of the caller (Linux's fsuid/fsgid) and
 * whether it has the capabilities that bypass file permission checks
 * (CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_CHOWN: root's). */
struct vfs_cred {
  uint32_t uid, gid;
  bool privileged;
  const uint32_t *groups; /* supplementary groups (may be NULL) */
  unsigned ngroups;
};

/* Nanosecond wall-clock time (timestamps). */
struct vtime {
  int64_t sec;
  uint32_t nsec;
};

/* A directory entry of an in-memory directory (dirindex.h keeps them). */
struct dirent_k {
  struct dirent_k *next, *prev; /* the listing: newest first */
  struct dirent_k *hnext;       /* the same name hash bucket */
  struct inode *inode;
  uint64_t off;  /* its getdents position, stable while it lives */
  uint32_t slot; /* where dirindex.c keeps `off` */
  uint32_t hash;
  uint8_t len;
  char name[];
};

struct dirindex;

/* What a filesystem does for its inodes. Every member MAY be NULL (the
 * call then fails with the errno Linux gives for a filesystem without it).
 * Names are not NUL-terminated: (name, len), len 1..NAME_MAX, never "." or
 * "..". The VFS has checked permissions and types before calling. */
struct inode_ops {
  /* The inode `name` names in directory `dir`, with a reference; -ENOENT. */
  int (*lookup)(struct inode *dir, const char *name, size_t len,
                struct inode **out);
  /* A new inode of `mode` (type included; `rdev` for devices, `target`
   * for symlinks) named `name` in `dir`, owned by `c`. With a reference. */
  int (*create)(struct inode *dir, const char *name, size_t len, uint32_t mode,
                uint64_t rdev, const char *target, const struct vfs_cred *c,
                struct inode **out);
  /* Name `target` (not a directory) `name` in `dir` too. */
  int (*link)(struct inode *dir, const char *name, size_t len,
              struct inode *target);
  /* Drop the entry `name` of `dir` (the VFS checked what it names). */
  int (*unlink)(struct inode *dir, const char *name, size_t len);
  /* Move entry (odir, oname) to (ndir, nname), replacing what nname
   * named (the VFS checked every rule of rename(2) first); with
   * `exchange`, swap the two entries' inodes instead. */
  int (*rename)(struct inode *odir, const char *oname, size_t olen,
                struct inode *ndir, const char *nname, size_t nlen,
                bool exchange);
  /* Emit entries from position *pos on (0 and 1 are "." and ".."); `emit`
   * returns false when the caller's buffer is full (the entry is then not
   * consumed). */
  int (*readdir)(struct inode *dir, uint64_t *pos,
                 bool (*emit)(void *ctx, const char *name, size_t len,
                              uint64_t ino, unsigned type, uint64_t next_pos),
                 void *ctx);
  /* Move up to n bytes of a regular file's data at offset `off` to
   * (`write` false) or from user memory at `ubuf`. Returns the count, or
   * -EFAULT (nothing moved) / -ENOSPC / -EFBIG. Writing past the size
   * grows it. */
  long (*rw)(struct inode *ino, struct mm *mm, uint64_t ubuf, size_t n,
             uint64_t off, bool write);
  /* The first offset >= off holding data (`data`) or a hole (SEEK_DATA,
   * SEEK_HOLE); -ENXIO past the end. */
  int64_t (*seek_data)(struct inode *ino, uint64_t off, bool data);
  /* fallocate(2) on [off, off + len) (checked, len > 0): allocate (and
   * grow the size unless `keep_size`), or with `punch` free the whole
   * pages and zero the partial ones (the size stays). -ENOSPC when the
   * filesystem is full (what was allocated stays). */
  int (*fallocate)(struct inode *ino, uint64_t off, uint64_t len,
                   bool keep_size, bool punch);
  /* Set the size (truncate/ftruncate/O_TRUNC): holes read as zeros. */
  int (*setsize)(struct inode *ino, uint64_t size);
  /* The inode is being freed: release its data. */
  void (*evict)(struct inode *ino);
  /* A magic link (procfs's fd/N, cwd, root): the inode it stands for,
   * with a reference, which a walk jumps to instead of following the
   * link's text; or -ENOENT when what it named is gone. */
  int (*get_link)(struct inode *link, struct inode **out);
  /* The frame holding page `idx` of a regular file, for mmap (the inode
   * keeps its reference; a mapping takes its own). A hole gives *pa = 0,
   * or with `alloc` a new zeroed page counted against the filesystem's
   * limit (-ENOSPC, -ENOMEM). The caller checked idx against the size. */
  int (*getpage)(struct inode *ino, uint64_t idx, bool alloc, uint64_t *pa);
};

/* A mounted filesystem. */
struct super {
  uint64_t dev;       /* st_dev */
  uint32_t magic;     /* statfs f_type */
  uint32_t blksize;   /* its inodes' st_blksize (0: the page size) */
  uint64_t max_pages; /* data limit: ENOSPC beyond it */
  uint64_t used_pages;
  uint64_t max_inodes, used_inodes;
  uint64_t next_ino;
  struct inode *root;
  struct inode *mountpoint; /* where it is mounted; NULL for the root fs */
};

struct inode {
  uint64_t ino;
  uint32_t mode; /* type and permission bits */
  uint32_t uid, gid;
  uint32_t nlink;
  uint64_t size;
  uint64_t rdev;
  struct vtime atime, mtime, ctime, btime;
  struct super *sb;
  const struct inode_ops *ops;
  int refs;
  bool anon;                /* in no directory: freed with its last ref */
  struct inode *parent;     /* directories: ".." within the filesystem */
  struct super *mounted;    /* a filesystem mounted on this directory */
  struct dirent_k *entries; /* directories: the listing, newest first */
  struct dirindex *index;   /* and its index (dirindex.h) */
  struct pagemap data;      /* regular files */
  char *target;             /* symlinks */
  char *dead_path; /* the path its last unlink removed (d_path's "(deleted)") */
  void *fifo;      /* FIFOs: the pipe, created at first open */
  void *sock;      /* socket inodes: the bound socket (unix_sock.h), or NULL */
  void *locks;     /* advisory locks (lock.c) */
  unsigned seals;  /* memfd seals (F_SEAL_*); sealable memfds only */
  bool sealable;
  bool linkable;  /* O_TMPFILE without O_EXCL: linkat may name it */
  uint32_t mmaps; /* areas mapping it (filemap.c): truncate unmaps */
  /* A filesystem whose regular files are not data (procfs) gives their
   * open file operations here (open.h uses them instead of regfile_ops)
   * and keeps what the inode stands for in fsdata. */
  const struct file_ops *fops;
  void *fsdata;
};

/* Is `ino` of file type `type` (LINUX_S_IFREG, LINUX_S_IFDIR...)? */
static inline bool inode_is(const struct inode *ino, uint32_t type) {
  return (ino->mode & LINUX_S_IFMT) == type;
}

/* The wall clock now (timestamps). */
struct vtime vfs_now(void);

/* Take / drop a reference. The last one frees an unlinked inode. */
struct inode *inode_get(struct inode *ino);
void inode_put(struct inode *ino);

/* A fresh inode of `sb` (no reference is counted yet beyond the returned
 * one; nlink 0). NULL when out of memory or inodes (the caller says
 * ENOSPC or ENOMEM). */
struct inode *inode_new(struct super *sb, uint32_t mode,
                        const struct vfs_cred *c);

/* May `c` access `ino` as `mask` (LINUX_R_OK, W_OK, X_OK bits)? 0 or
 * -EACCES, as Linux's generic_permission with root's capabilities. */
int inode_permission(const struct inode *ino, const struct vfs_cred *c,
                     int mask);

/* Is `gid` `c`'s filesystem group or one of its supplementary groups? */
bool vfs_in_group(const struct vfs_cred *c, uint32_t gid);

/* Is `c` the owner, or privileged (CAP_FOWNER)? */
bool inode_owner_or_capable(const struct inode *ino, const struct vfs_cred *c);

/* stat's d_type for an inode mode. */
unsigned vfs_dtype(uint32_t mode);

/* st_blocks (512-byte units) of an inode. */
uint64_t inode_blocks(const struct inode *ino);

/* The root inode of the whole tree (with no reference taken). */
/* Mount `sb` on the root directory's entry `name` (a directory made at
 * boot, such as "proc"). 0, -ENOENT or -ENOTDIR. */
int vfs_mount_at(const char *name, struct super *sb);

struct inode *vfs_root(void);

/* /tmp's root directory (the tmpfs mounted there), with a reference: the
 * first process's cwd. */
struct inode *vfs_tmp_dir(void);

/* The unmounted tmpfs memfd_create's files live in (Linux's shm_mnt). */
struct super *vfs_shm(void);

/* Build the tree the program starts in: a root tmpfs holding /tmp (a tmpfs
 * of its own, mode 1777), /dev (the device files) and /proc (empty).
 * Returns 0 or -ENOMEM. */
int vfs_init(void);

#endif
