/* File types and modes, statx, statfs and directory entries as Linux lays
 * them out (the same on x86-64 and arm64; struct stat itself differs and
 * lives in linux_shim/arch/<arch>/). Data only. */
#ifndef LINUX_UAPI_STAT_H
#define LINUX_UAPI_STAT_H

#include <stdint.h>

#define LINUX_S_IFMT 0170000
#define LINUX_S_IFSOCK 0140000
#define LINUX_S_IFLNK 0120000
#define LINUX_S_IFREG 0100000
#define LINUX_S_IFBLK 0060000
#define LINUX_S_IFDIR 0040000
#define LINUX_S_IFCHR 0020000
#define LINUX_S_IFIFO 0010000
#define LINUX_S_ISUID 04000
#define LINUX_S_ISGID 02000
#define LINUX_S_ISVTX 01000
#define LINUX_S_IRWXUGO 00777
#define LINUX_S_IALLUGO 07777
#define LINUX_S_IXGRP 00010

/* d_type values of getdents. */
#define LINUX_DT_UNKNOWN 0
#define LINUX_DT_FIFO 1
#define LINUX_DT_CHR 2
#define LINUX_DT_DIR 4
#define LINUX_DT_BLK 6
#define LINUX_DT_REG 8
#define LINUX_DT_LNK 10
#define LINUX_DT_SOCK 12

struct linux_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  uint16_t d_reclen;
  uint8_t d_type;
  char d_name[];
};

struct linux_statx_timestamp {
  int64_t tv_sec;
  uint32_t tv_nsec;
  int32_t reserved;
};

struct linux_statx {
  uint32_t stx_mask;
  uint32_t stx_blksize;
  uint64_t stx_attributes;
  uint32_t stx_nlink;
  uint32_t stx_uid;
  uint32_t stx_gid;
  uint16_t stx_mode;
  uint16_t spare0;
  uint64_t stx_ino;
  uint64_t stx_size;
  uint64_t stx_blocks;
  uint64_t stx_attributes_mask;
  struct linux_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
  uint32_t stx_rdev_major, stx_rdev_minor;
  uint32_t stx_dev_major, stx_dev_minor;
  uint64_t stx_mnt_id;
  uint32_t stx_dio_mem_align, stx_dio_offset_align;
  uint64_t stx_subvol;
  uint32_t stx_atomic_write_unit_min, stx_atomic_write_unit_max;
  uint32_t stx_atomic_write_segments_max;
  uint32_t spare1;
  uint64_t spare3[9];
};
_Static_assert(sizeof(struct linux_statx) == 256, "statx is 256 bytes");

#define LINUX_STATX_TYPE 0x1u
#define LINUX_STATX_MODE 0x2u
#define LINUX_STATX_NLINK 0x4u
#define LINUX_STATX_UID 0x8u
#define LINUX_STATX_GID 0x10u
#define LINUX_STATX_ATIME 0x20u
#define LINUX_STATX_MTIME 0x40u
#define LINUX_STATX_CTIME 0x80u
#define LINUX_STATX_INO 0x100u
#define LINUX_STATX_SIZE 0x200u
#define LINUX_STATX_BLOCKS 0x400u
#define LINUX_STATX_BASIC_STATS 0x7ffu
#define LINUX_STATX_BTIME 0x800u
#define LINUX_STATX_MNT_ID 0x1000u
#define LINUX_STATX_MNT_ID_UNIQUE 0x4000u
/* stx_attributes bits */
#define LINUX_STATX_ATTR_IMMUTABLE 0x10u
#define LINUX_STATX_ATTR_APPEND 0x20u
#define LINUX_STATX_ATTR_NODUMP 0x40u
#define LINUX_STATX_ATTR_AUTOMOUNT 0x1000u
#define LINUX_STATX_ATTR_MOUNT_ROOT 0x2000u
#define LINUX_STATX_ATTR_DAX 0x200000u
#define LINUX_STATX__RESERVED 0x80000000u

struct linux_statfs {
  int64_t f_type;
  int64_t f_bsize;
  uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
  int32_t f_fsid[2];
  int64_t f_namelen;
  int64_t f_frsize;
  int64_t f_flags;
  int64_t f_spare[4];
};
_Static_assert(sizeof(struct linux_statfs) == 120, "statfs is 120 bytes");

#define LINUX_TMPFS_MAGIC 0x01021994
#define LINUX_PROC_SUPER_MAGIC 0x9fa0
#define LINUX_ST_RDONLY 0x0001
#define LINUX_ST_NOSUID 0x0002
#define LINUX_ST_NODEV 0x0004
#define LINUX_ST_NOEXEC 0x0008
#define LINUX_ST_VALID 0x0020
#define LINUX_ST_RELATIME 0x1000

/* Device numbers as stat reports them (new_encode_dev). */
static inline uint64_t linux_makedev(uint32_t major, uint32_t minor) {
  return (minor & 0xffu) | ((uint64_t)major << 8) |
         ((uint64_t)(minor & ~0xffu) << 12);
}
static inline uint32_t linux_major(uint64_t dev) {
  return (uint32_t)((dev >> 8) & 0xfffu);
}
static inline uint32_t linux_minor(uint64_t dev) {
  return (uint32_t)((dev & 0xffu) | ((dev >> 12) & 0xfff00u));
}

#endif
