/* fs.statx_fields: statx(2) on tmpfs: the mask it returns for
 * STATX_BASIC_STATS, for 0 and for STATX_ALL, fields that match fstat's,
 * the birth time, AT_EMPTY_PATH on an fd, AT_SYMLINK_NOFOLLOW, and its
 * errors (reserved mask bit, bad flags, both sync types, bad buffer).
 * What the man page leaves to the kernel is not printed: mtime and ctime
 * when not asked for (Linux 6.18 leaves them out and zero, 6.1 fills
 * them) and which mount id bit answers (6.18: STATX_MNT_ID_UNIQUE when
 * asked, 6.1 has only STATX_MNT_ID); docs/reference.md. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "contract.h"

/* musl has no statx: the layout and bits of linux/stat.h. */
struct sx_time {
  long long tv_sec;
  unsigned tv_nsec;
  int pad;
};
struct statx {
  unsigned stx_mask, stx_blksize;
  unsigned long long stx_attributes;
  unsigned stx_nlink, stx_uid, stx_gid;
  unsigned short stx_mode, pad1;
  unsigned long long stx_ino, stx_size, stx_blocks, stx_attributes_mask;
  struct sx_time stx_atime, stx_btime, stx_ctime, stx_mtime;
  unsigned stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
  unsigned long long rest[14];
};
#define STATX_TYPE 0x1u
#define STATX_MODE 0x2u
#define STATX_NLINK 0x4u
#define STATX_UID 0x8u
#define STATX_GID 0x10u
#define STATX_ATIME 0x20u
#define STATX_MTIME 0x40u
#define STATX_CTIME 0x80u
#define STATX_INO 0x100u
#define STATX_SIZE 0x200u
#define STATX_BLOCKS 0x400u
#define STATX_BASIC_STATS 0x7ffu
#define STATX_BTIME 0x800u
#define STATX_ALL 0xfffu
#define STATX_MNT_ID 0x1000u
#define STATX_MNT_ID_UNIQUE 0x4000u
#define AT_STATX_FORCE_SYNC 0x2000
#define AT_STATX_DONT_SYNC 0x4000

static long sx(int dfd, const char *p, int fl, unsigned mask, struct statx *x) {
  memset(x, 0xee, sizeof *x);
  return rs(syscall(SYS_statx, dfd, p, fl, mask, x));
}

/* The returned mask without what the kernel may choose for an ask: mtime
 * and ctime unless asked for, and the mount id bits (reported apart). */
static unsigned fixed_bits(unsigned ask, unsigned m) {
  unsigned chosen = (STATX_MTIME | STATX_CTIME) & ~ask;
  return m & ~chosen & ~(STATX_MNT_ID | STATX_MNT_ID_UNIQUE);
}

static void basic_bits(const char *what, unsigned ask, unsigned m) {
  printf("%s: type %d mode %d nlink %d uid %d gid %d atime %d", what,
         !!(m & STATX_TYPE), !!(m & STATX_MODE), !!(m & STATX_NLINK),
         !!(m & STATX_UID), !!(m & STATX_GID), !!(m & STATX_ATIME));
  if (ask & STATX_MTIME)
    printf(" mtime %d", !!(m & STATX_MTIME));
  if (ask & STATX_CTIME)
    printf(" ctime %d", !!(m & STATX_CTIME));
  printf(" ino %d size %d blocks %d btime %d\n", !!(m & STATX_INO),
         !!(m & STATX_SIZE), !!(m & STATX_BLOCKS), !!(m & STATX_BTIME));
}

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0640);
  write(fd, "hello", 5);
  struct statx x;
  expect("statx BASIC_STATS", sx(AT_FDCWD, "f", 0, STATX_BASIC_STATS, &x),
         "ok");
  basic_bits("mask", STATX_BASIC_STATS, x.stx_mask);
  struct stat st;
  fstat(fd, &st);
  check(x.stx_ino == st.st_ino && x.stx_size == 5 && x.stx_mode == st.st_mode &&
            x.stx_nlink == 1 &&
            x.stx_blocks == (unsigned long long)st.st_blocks &&
            x.stx_blksize == (unsigned)st.st_blksize,
        "fields match fstat");
  check(x.stx_dev_major == major(st.st_dev) &&
            x.stx_dev_minor == minor(st.st_dev),
        "dev matches");
  check(x.stx_mtime.tv_sec == st.st_mtim.tv_sec &&
            x.stx_mtime.tv_nsec == (unsigned)st.st_mtim.tv_nsec,
        "mtime matches");
  check(x.stx_btime.tv_sec <= x.stx_mtime.tv_sec, "btime not after mtime");
  expect("statx mask 0", sx(AT_FDCWD, "f", 0, 0, &x), "ok");
  basic_bits("mask 0", 0, x.stx_mask);
  check(x.stx_size == 5, "size filled anyway");
  expect("statx STATX_ALL", sx(AT_FDCWD, "f", 0, STATX_ALL, &x), "ok");
  basic_bits("STATX_ALL", STATX_ALL, x.stx_mask);
  const unsigned asks[] = {
      0, STATX_SIZE, STATX_MTIME, STATX_BASIC_STATS, STATX_ALL, 0x7fffffffu};
  for (int i = 0; i < 6; i++) {
    sx(AT_FDCWD, "f", 0, asks[i], &x);
    printf("ask %#x: mask %#x, a mount id %d, attributes_mask %#llx\n", asks[i],
           fixed_bits(asks[i], x.stx_mask),
           !!(x.stx_mask & (STATX_MNT_ID | STATX_MNT_ID_UNIQUE)),
           x.stx_attributes_mask);
  }
  sx(AT_FDCWD, "f", 0, 0, &x);
  printf("mask 0: btime zero %d atime set %d\n",
         x.stx_btime.tv_sec == 0 && x.stx_btime.tv_nsec == 0,
         x.stx_atime.tv_sec != 0);
  sx(AT_FDCWD, ".", 0, STATX_BASIC_STATS, &x);
  unsigned long long a_root = x.stx_attributes, m_root = x.rest[0];
  sx(AT_FDCWD, "f", 0, STATX_BASIC_STATS, &x);
  printf("attributes: /tmp %#llx f %#llx; mnt_id of f and /tmp same %d\n",
         a_root, x.stx_attributes, m_root == x.rest[0]);
  sx(AT_FDCWD, "/dev/null", 0, STATX_BASIC_STATS, &x);
  printf("/dev/null on another mount: %d\n", m_root != x.rest[0]);
  expect("AT_EMPTY_PATH on the fd", sx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &x),
         "ok");
  printf("size %llu\n", (unsigned long long)x.stx_size);
  symlink("f", "l");
  sx(AT_FDCWD, "l", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &x);
  printf("NOFOLLOW: link %d size %llu\n", S_ISLNK(x.stx_mode),
         (unsigned long long)x.stx_size);
  sx(AT_FDCWD, "l", 0, STATX_BASIC_STATS, &x);
  printf("follow: regular %d size %llu\n", S_ISREG(x.stx_mode),
         (unsigned long long)x.stx_size);
  sx(AT_FDCWD, "/dev/null", 0, STATX_BASIC_STATS, &x);
  printf("/dev/null rdev %u:%u\n", x.stx_rdev_major, x.stx_rdev_minor);
  expect("reserved mask bit", sx(AT_FDCWD, "f", 0, 0x80000000u, &x), "EINVAL");
  expect("unknown flag", sx(AT_FDCWD, "f", 0x10000000, STATX_SIZE, &x),
         "EINVAL");
  expect("both sync types",
         sx(AT_FDCWD, "f", AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC, STATX_SIZE,
            &x),
         "EINVAL");
  expect("AT_STATX_DONT_SYNC",
         sx(AT_FDCWD, "f", AT_STATX_DONT_SYNC, STATX_SIZE, &x), "ok");
  expect("bad buffer", rs(syscall(SYS_statx, AT_FDCWD, "f", 0, STATX_SIZE, 8)),
         "EFAULT");
  expect("missing file", sx(AT_FDCWD, "nx", 0, STATX_SIZE, &x), "ENOENT");
  expect("empty path without the flag", sx(fd, "", 0, STATX_SIZE, &x),
         "ENOENT");
  expect("closed dirfd", sx(99, "f", 0, STATX_SIZE, &x), "EBADF");
  return finish("statx_fields");
}
