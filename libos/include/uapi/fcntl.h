/* open(2), fcntl(2) and the *at() calls: the flag values that are the same
 * on x86-64 and arm64 (Linux's asm-generic/fcntl.h). Four open flags differ
 * between the arches (O_DIRECT, O_LARGEFILE, O_DIRECTORY, O_NOFOLLOW):
 * they live in linux_shim/arch/<arch>/abi.h. Data only. */
#ifndef LINUX_UAPI_FCNTL_H
#define LINUX_UAPI_FCNTL_H

#include <uapi/io.h> /* O_RDONLY.. O_CLOEXEC, F_GETFD.. */

#define LINUX_O_CREAT 0100
#define LINUX_O_EXCL 0200
#define LINUX_O_NOCTTY 0400
#define LINUX_O_TRUNC 01000
#define LINUX_O_DSYNC 010000
#define LINUX_O_PATH 010000000
#define LINUX_O_TMPFILE_BIT 020000000 /* O_TMPFILE = this | O_DIRECTORY */
#define LINUX_O_SYNC (04000000 | LINUX_O_DSYNC)

/* The dirfd meaning "the current directory". */
#define LINUX_AT_FDCWD (-100)
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_REMOVEDIR 0x200
#define LINUX_AT_EACCESS 0x200 /* faccessat2 */
#define LINUX_AT_SYMLINK_FOLLOW 0x400
#define LINUX_AT_NO_AUTOMOUNT 0x800
#define LINUX_AT_EMPTY_PATH 0x1000
#define LINUX_AT_STATX_SYNC_TYPE 0x6000

/* renameat2 */
#define LINUX_RENAME_NOREPLACE 1
#define LINUX_RENAME_EXCHANGE 2
#define LINUX_RENAME_WHITEOUT 4

/* access(2) */
#define LINUX_F_OK 0
#define LINUX_X_OK 1
#define LINUX_W_OK 2
#define LINUX_R_OK 4

/* lseek(2) */
#define LINUX_SEEK_SET 0
#define LINUX_SEEK_CUR 1
#define LINUX_SEEK_END 2
#define LINUX_SEEK_DATA 3
#define LINUX_SEEK_HOLE 4

/* close_range(2) */
#define LINUX_CLOSE_RANGE_UNSHARE 2
#define LINUX_CLOSE_RANGE_CLOEXEC 4

/* utimensat(2) */
#define LINUX_UTIME_NOW ((1l << 30) - 1l)
#define LINUX_UTIME_OMIT ((1l << 30) - 2l)

/* openat2(2)'s struct open_how and its resolve flags. */
struct linux_open_how {
  uint64_t flags;
  uint64_t mode;
  uint64_t resolve;
};
#define LINUX_RESOLVE_NO_XDEV 0x01
#define LINUX_RESOLVE_NO_MAGICLINKS 0x02
#define LINUX_RESOLVE_NO_SYMLINKS 0x04
#define LINUX_RESOLVE_BENEATH 0x08
#define LINUX_RESOLVE_IN_ROOT 0x10
#define LINUX_RESOLVE_CACHED 0x20

/* File seals (F_ADD_SEALS 1033, F_GET_SEALS 1034). */
#define LINUX_F_ADD_SEALS 1033
#define LINUX_F_GET_SEALS 1034
#define LINUX_F_SEAL_SEAL 0x01u
#define LINUX_F_SEAL_SHRINK 0x02u
#define LINUX_F_SEAL_GROW 0x04u
#define LINUX_F_SEAL_WRITE 0x08u
#define LINUX_F_SEAL_FUTURE_WRITE 0x10u
#define LINUX_F_SEAL_EXEC 0x20u
#define LINUX_F_SEAL_ALL 0x3fu

/* Path limits. */
#define LINUX_PATH_MAX 4096
#define LINUX_NAME_MAX 255
#define LINUX_MAXSYMLINKS 40

#endif
