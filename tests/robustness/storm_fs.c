/* The storm's file calls (storm.h): a scratch tree in /tmp, pools of
 * plausible and hostile paths, dirfds, fds, offsets and flags for the VFS
 * calls, a tmpfs (and, on odd seeds, all memory) filled for a window of
 * calls, and errno probes: fixed calls whose answer Linux fixes, checked
 * at the start, after the fill and at the end (and natively with
 * `storm --probes`, so the expectations are Linux's own). */
#include "storm.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>

#define TMPFS_MAGIC 0x01021994
/* __O_TMPFILE: O_TMPFILE without O_DIRECTORY */
#define O_TMPFILE_BIT 020000000
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define FILL_CHUNK (1UL << 20)
#define REBUILD_EVERY 512

/* ---- the scratch tree ---- */

/* Kinds: d directory, f file, p FIFO, l symlink to `target`. Parents
 * come before children; removal goes backwards. */
static const struct {
  const char *name;
  char kind;
  const char *target;
} tree[] = {
    // clang-format off
    {"d0", 'd', 0},        {"d0/d1", 'd', 0},     {"d0/d1/d2", 'd', 0},
    {"e", 'd', 0},         {"f0", 'f', 0},        {"f1", 'f', 0},
    {"d0/f2", 'f', 0},     {"d0/d1/f3", 'f', 0},  {"p0", 'p', 0},
    {"l_f0", 'l', "f0"},   {"l_d0", 'l', "d0"},   {"l_dangle", 'l', "nowhere"},
    {"l_loop", 'l', "l_loop"}, {"l_a", 'l', "l_b"}, {"l_b", 'l', "l_a"},
    {"l_up", 'l', "../../../../../../.."}, {"l_dot", 'l', "."},
    {"l_root", 'l', "/"},  {"l_null", 'l', "/dev/null"},
    // clang-format on
};
#define NTREE (sizeof tree / sizeof tree[0])
/* l_c0 -> l_c1 -> ... -> l_c40 -> f0: from l_c0, one link too many. */
#define CHAIN 41

static char home[64];          /* the storm's scratch directory */
static char long_target[4095]; /* "./" x 2046 + "f0": a 4094-byte link */
static char path4095[4096], path4096[4097], path5000[5001];
static char dots[3004]; /* "../" x 1000 + "tmp" */
static char comp255[256], comp256[257];
static unsigned char *unterm; /* 2 pages of path bytes, no NUL, then a guard */
static unsigned char *argbuf; /* times, open_how, iovecs; then a guard */
#define ARGBUF_PAGES 5        /* page 0: times, how; 1-4: 1024 iovecs */
static unsigned char fillbuf[FILL_CHUNK];

static long mkat(int dfd, const char *name, char kind, const char *target) {
  switch (kind) {
  case 'd':
    return raw(SYS_mkdirat, dfd, name, 0755);
  case 'p':
    return raw6(SYS_mknodat, dfd, (long)name, S_IFIFO | 0644, 0, 0, 0);
  case 'l':
    return raw(SYS_symlinkat, target, dfd, name);
  default: {
    long fd = raw6(SYS_openat, dfd, (long)name, O_CREAT | O_RDWR, 0644, 0, 0);
    if (fd >= 0)
      raw(SYS_close, fd, 0, 0);
    return fd < 0 ? fd : 0;
  }
  }
}

/* Make every entry that is missing (existing ones are left as they are). */
static void build_tree(int dfd) {
  for (size_t i = 0; i < NTREE; i++)
    mkat(dfd, tree[i].name, tree[i].kind, tree[i].target);
  mkat(dfd, "l_long", 'l', long_target);
  char name[16], next[16];
  for (int i = 0; i < CHAIN; i++) {
    snprintf(name, sizeof name, "l_c%d", i);
    snprintf(next, sizeof next, i + 1 < CHAIN ? "l_c%d" : "f0", i + 1);
    mkat(dfd, name, 'l', next);
  }
}

static void remove_tree(int dfd) {
  char name[16];
  for (int i = 0; i < CHAIN; i++) {
    snprintf(name, sizeof name, "l_c%d", i);
    raw(SYS_unlinkat, dfd, name, 0);
  }
  raw(SYS_unlinkat, dfd, "l_long", 0);
  for (size_t i = NTREE; i-- > 0;)
    raw(SYS_unlinkat, dfd, tree[i].name,
        tree[i].kind == 'd' ? AT_REMOVEDIR : 0);
}

static void fill_pattern(char *p, size_t len, const char *unit) {
  size_t u = strlen(unit);
  for (size_t i = 0; i < len; i++)
    p[i] = unit[i % u];
}

static void make_paths(void) {
  fill_pattern(long_target, 4092, "./");
  memcpy(long_target + 4092, "f0", 3);
  fill_pattern(path4095, 4092, "./");
  memcpy(path4095 + 4092, "/f0", 4); /* 4095 bytes: the longest path */
  fill_pattern(path4096, 4096, "./");
  fill_pattern(path5000, 5000, "d0/");
  fill_pattern(dots, 3000, "../");
  memcpy(dots + 3000, "tmp", 4);
  memset(comp255, 'x', 255);
  memset(comp256, 'y', 256);
  /* Mappings with a PROT_NONE page behind them, so strings and arrays can
   * end exactly at a page end. */
  unterm = mmap(0, 3 * PAGE, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  argbuf = mmap(0, (ARGBUF_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (unterm == MAP_FAILED || argbuf == MAP_FAILED)
    die("fs: mmap");
  fill_pattern((char *)unterm, 2 * PAGE, "ab/");
  memset(argbuf, 0, ARGBUF_PAGES * PAGE);
  if (mprotect(unterm + 2 * PAGE, PAGE, PROT_NONE) ||
      mprotect(argbuf + ARGBUF_PAGES * PAGE, PAGE, PROT_NONE))
    die("fs: mprotect");
  memset(fillbuf, 0x5a, sizeof fillbuf);
}

/* ---- the fd pool: one of each kind, at POOL_FD + slot ---- */

// clang-format off
enum {
  S_HOME, S_D0, S_F0, S_F1_RO, S_F0_APPEND, S_PATH_DIR, S_PATH_FILE,
  S_FIFO, S_NULL, S_ZERO, S_FULL, S_TMPFILE, S_UNLINKED, S_GONE_DIR,
  S_CLOSED, S_LINK, S_EVENTFD, S_TIMERFD, S_EPOLL, S_EPOLL_NESTED,
};
// clang-format on
_Static_assert(S_EPOLL_NESTED < POOL_FDS, "pool slots fit");

static const struct {
  const char *path;
  int flags;
} pool_spec[POOL_FDS] = {
    [S_HOME] = {".", O_RDONLY | O_DIRECTORY},
    [S_D0] = {"d0", O_RDONLY | O_DIRECTORY},
    [S_F0] = {"f0", O_RDWR},
    [S_F1_RO] = {"f1", O_RDONLY},
    [S_F0_APPEND] = {"f0", O_WRONLY | O_APPEND},
    [S_PATH_DIR] = {"d0", O_PATH | O_DIRECTORY},
    [S_PATH_FILE] = {"f0", O_PATH},
    [S_FIFO] = {"p0", O_RDWR | O_NONBLOCK},
    [S_NULL] = {"/dev/null", O_RDWR},
    [S_ZERO] = {"/dev/zero", O_RDONLY},
    [S_FULL] = {"/dev/full", O_WRONLY},
    [S_TMPFILE] = {".", O_TMPFILE | O_RDWR},
    [S_UNLINKED] = {"gone", O_CREAT | O_RDWR},
    [S_GONE_DIR] = {"gonedir", O_RDONLY | O_DIRECTORY},
    [S_LINK] = {"l_f0", O_PATH | O_NOFOLLOW},
};

static void place_fd(long fd, int at) {
  if (fd < 0) {
    raw(SYS_close, at, 0, 0);
    return;
  }
  if (fd != at) {
    raw(SYS_dup3, fd, at, 0);
    raw(SYS_close, fd, 0, 0);
  }
}

/* The event files (no path): an eventfd, a timerfd, an epoll set watching
 * them and the FIFO, and a set watching that set. */
static long event_fd(int s) {
  struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLET};
  long fd;
  switch (s) {
  case S_EVENTFD:
    return raw(SYS_eventfd2, 1, O_NONBLOCK, 0);
  case S_TIMERFD:
    return raw(SYS_timerfd_create, CLOCK_MONOTONIC, O_NONBLOCK, 0);
  case S_EPOLL:
    fd = raw(SYS_epoll_create1, 0, 0, 0);
    if (fd >= 0)
      for (int w = S_EVENTFD; w <= S_TIMERFD; w++)
        raw6(SYS_epoll_ctl, fd, EPOLL_CTL_ADD, POOL_FD + w, (long)&ev, 0, 0);
    if (fd >= 0)
      raw6(SYS_epoll_ctl, fd, EPOLL_CTL_ADD, POOL_FD + S_FIFO, (long)&ev, 0, 0);
    return fd;
  default: /* S_EPOLL_NESTED */
    fd = raw(SYS_epoll_create1, 0, 0, 0);
    if (fd >= 0)
      raw6(SYS_epoll_ctl, fd, EPOLL_CTL_ADD, POOL_FD + S_EPOLL, (long)&ev, 0,
           0);
    return fd;
  }
}

static void rebuild_pool(void) {
  for (int s = 0; s < POOL_FDS; s++) {
    if (s >= S_EVENTFD) {
      place_fd(event_fd(s), POOL_FD + s);
      continue;
    }
    if (s == S_CLOSED || !pool_spec[s].path) {
      raw(SYS_close, POOL_FD + s, 0, 0);
      continue;
    }
    if (s == S_GONE_DIR)
      raw(SYS_mkdirat, HOME_FD, "gonedir", 0755);
    /* O_NONBLOCK at first: a storm call may have put a FIFO where a file
     * was, and its open would wait for a writer. */
    long fd = raw6(SYS_openat, HOME_FD, (long)pool_spec[s].path,
                   pool_spec[s].flags | O_NONBLOCK, 0644, 0, 0);
    if (fd >= 0)
      raw(SYS_fcntl, fd, F_SETFL, pool_spec[s].flags & (O_APPEND | O_NONBLOCK));
    if (s == S_UNLINKED)
      raw(SYS_unlinkat, HOME_FD, "gone", 0);
    if (s == S_GONE_DIR)
      raw(SYS_unlinkat, HOME_FD, "gonedir", AT_REMOVEDIR);
    place_fd(fd, POOL_FD + s);
  }
}

/* Put back the tree, the scratch directory fd, the cwd and the pool, and
 * close what storm calls left open below the pool. */
static void rebuild(void) {
  for (int fd = 3; fd < POOL_FD; fd++)
    raw(SYS_close, fd, 0, 0);
  /* A storm call may have moved the directory away (from a cwd in /tmp)
   * and made a file of that name: that goes. */
  long h = raw(SYS_openat, AT_FDCWD, home, O_RDONLY | O_DIRECTORY);
  if (h < 0) {
    raw(SYS_unlinkat, AT_FDCWD, home, 0);
    raw(SYS_mkdirat, AT_FDCWD, home, 0755);
    h = raw(SYS_openat, AT_FDCWD, home, O_RDONLY | O_DIRECTORY);
  }
  place_fd(h, HOME_FD);
  raw(SYS_fchdir, HOME_FD, 0, 0);
  build_tree(HOME_FD);
  rebuild_pool();
}

/* ---- argument menus ---- */

static unsigned long fs_path(void) {
  static const char *const plain[] = {"f0",
                                      "f1",
                                      "d0",
                                      "d0/f2",
                                      "d0/d1",
                                      "d0/d1/f3",
                                      "d0/d1/d2",
                                      "e",
                                      "p0",
                                      "l_f0",
                                      "l_d0",
                                      "l_dangle",
                                      "l_loop",
                                      "l_a",
                                      "l_up",
                                      "l_dot",
                                      "l_root",
                                      "l_null",
                                      "l_c0",
                                      "l_c1",
                                      "l_c40",
                                      "l_long",
                                      "new0",
                                      "new1",
                                      "d0/new2",
                                      "l_d0/new3",
                                      "e/new4",
                                      "f0/",
                                      "d0/",
                                      "l_f0/x",
                                      "f0/x",
                                      "e/.",
                                      "e/..",
                                      ".",
                                      "..",
                                      "/",
                                      "/tmp",
                                      "/dev/null",
                                      "/dev/full",
                                      "/proc",
                                      "",
                                      "d0/../f1",
                                      "//tmp//..//tmp",
                                      "d0/./d1/../d1/./f3",
                                      "l_d0/../f1",
                                      "l_loop/x",
                                      "l_dangle/",
                                      "gone",
                                      "p0/",
                                      "/dev/fd/0",
                                      "/proc/self/status",
                                      "/proc/self/comm",
                                      "/proc/thread-self/maps",
                                      "/proc/version",
                                      "/proc/self/task"};
  unsigned r = pick(16);
  if (r < (mild ? 12u : 6u))
    return (unsigned long)plain[pick(sizeof plain / sizeof plain[0])];
  switch (pick(10)) {
  case 0:
    return (unsigned long)path4095;
  case 1:
    return (unsigned long)path4096;
  case 2:
    return (unsigned long)path5000;
  case 3:
    return (unsigned long)dots;
  case 4:
    return (unsigned long)comp255;
  case 5:
    return (unsigned long)comp256;
  case 6:
    return (unsigned long)(unterm + 2 * PAGE - 1 - pick(PAGE)); /* EFAULT */
  case 7:
    return (unsigned long)(unterm + pick(64)); /* ENAMETOOLONG */
  case 8:
    return (unsigned long)home;
  default:
    return any_ptr();
  }
}

static unsigned long fs_dirfd(void) {
  static const unsigned char dirs[] = {S_HOME, S_D0, S_PATH_DIR, S_GONE_DIR};
  switch (pick(mild ? 4 : 10)) {
  case 0:
  case 1:
    return (unsigned long)AT_FDCWD;
  case 2:
    return POOL_FD + dirs[pick(sizeof dirs)];
  case 3:
    return POOL_FD + pick(POOL_FDS); /* files, FIFO, devices... */
  case 4:
    return pipe_fds[pick(4)];
  case 5:
    return POOL_FD + S_CLOSED;
  case 6:
    return HOME_FD;
  default:
    return any_fd();
  }
}

static unsigned long fs_fd(void) {
  if (mild && pick(4))
    return POOL_FD + pick(POOL_FDS);
  switch (pick(4)) {
  case 0:
    return POOL_FD + pick(POOL_FDS);
  case 1:
    return pipe_fds[pick(4)];
  default:
    return any_fd();
  }
}

static unsigned long fs_offset(void) {
  static const long offs[] = {
      0,        1,        4095,      4096,          1L << 20,
      1L << 32, 1L << 40, INT64_MAX, INT64_MAX - 1, INT64_MAX - 4095,
      -1,       -2,       -4096,     INT64_MIN,     1L << 62};
  if (mild && pick(3))
    return pick(3 * PAGE);
  return (unsigned long)offs[pick(sizeof offs / sizeof offs[0])];
}

static unsigned long fs_open_flags(void) {
  static const int extra[] = {O_CREAT,    O_EXCL,      O_TRUNC,       O_APPEND,
                              O_NONBLOCK, O_DIRECTORY, O_NOFOLLOW,    O_CLOEXEC,
                              O_PATH,     O_TMPFILE,   O_TMPFILE_BIT, O_NOATIME,
                              O_SYNC,     O_DIRECT,    O_LARGEFILE,   O_NOCTTY};
  if (!mild && pick(2))
    return pick(2) ? any_int() : rnd();
  unsigned long f = pick(3);
  for (int i = 0; i < 3; i++)
    if (pick(2))
      f |= extra[pick(sizeof extra / sizeof extra[0])];
  return f;
}

static unsigned long fs_node_mode(void) {
  static const unsigned types[] = {0,       S_IFREG,  S_IFIFO, S_IFCHR, S_IFBLK,
                                   S_IFDIR, S_IFSOCK, S_IFLNK, 0xf000};
  return types[pick(sizeof types / sizeof types[0])] | pick(010000);
}

static unsigned long fs_at_flags(void) {
  static const unsigned bits[] = {AT_SYMLINK_NOFOLLOW,
                                  AT_REMOVEDIR,
                                  AT_SYMLINK_FOLLOW,
                                  AT_NO_AUTOMOUNT,
                                  AT_EMPTY_PATH,
                                  0x2000,
                                  0x4000,
                                  0x8000};
  if (!mild && pick(2))
    return any_int();
  unsigned long f = 0;
  for (int i = 0, n = (int)pick(3); i < n; i++)
    f |= bits[pick(sizeof bits / sizeof bits[0])];
  return f;
}

static unsigned long fs_id(void) {
  static const unsigned long ids[] = {0, 0xffffffffUL, 1000, 65534, -1UL};
  return pick(5) ? ids[pick(5)] : any_int();
}

/* Two timespecs for utimensat in argbuf's first page. */
static unsigned long fs_times(void) {
  static const long nsecs[] = {0,
                               999999999,
                               1000000000,
                               -1,
                               (1L << 30) - 1 /* UTIME_NOW */,
                               (1L << 30) - 2 /* UTIME_OMIT */};
  if (!mild && pick(3) == 0)
    return pick(2) ? 0 : unreadable_ptr();
  long *ts = (long *)argbuf;
  for (int i = 0; i < 2; i++) {
    ts[2 * i] = pick(4) ? (long)pick(1u << 31) : (long)rnd();
    ts[2 * i + 1] = nsecs[pick(sizeof nsecs / sizeof nsecs[0])];
  }
  return (unsigned long)ts;
}

/* A struct open_how (flags, mode, resolve) and bytes after it. */
static unsigned long fs_how(void) {
  uint64_t *how = (uint64_t *)(argbuf + 2048);
  how[0] = pick(2) ? fs_open_flags() : rnd();
  how[1] = pick(2) ? pick(01000) : rnd();
  how[2] = pick(2) ? 0 : 1UL << pick(8);
  how[3] = pick(4) ? 0 : rnd(); /* past the known struct */
  return (unsigned long)how;
}

static unsigned long fs_how_size(void) {
  static const unsigned long sizes[] = {24, 24, 24,   32,   0,
                                        8,  23, 2048, 4096, 4097};
  return sizes[pick(sizeof sizes / sizeof sizes[0])];
}

/* Up to 8 iovecs at the start of argbuf's iovec pages (the rest of the
 * 1024 stay zero, and a guard page follows). */
static unsigned long fs_iovec(void) {
  struct iovec *v = (struct iovec *)(argbuf + PAGE);
  for (int i = 0; i < 8; i++) {
    v[i].iov_base =
        (void *)(mild || pick(2)
                     ? (unsigned long)scratch + pick(SCRATCH_PAGES * PAGE / 2)
                     : any_ptr());
    v[i].iov_len = mild || pick(2) ? pick(2 * PAGE) : any_size();
  }
  return (unsigned long)v;
}

static unsigned long fs_iovcnt(void) {
  static const unsigned long cnts[] = {0, 1, 8, 1024, 1025, -1UL, 0x7fffffff};
  return mild && pick(4) ? pick(9) : cnts[pick(sizeof cnts / sizeof cnts[0])];
}

static unsigned long arg_of(char k) {
  switch (k) {
  case 'P':
    return fs_path();
  case 'D':
    return fs_dirfd();
  case 'F':
    return fs_fd();
  case 'O':
    return fs_open_flags();
  case 'M':
    return mild ? pick(010000) : any_int();
  case 'm':
    return mild ? fs_node_mode() : any_int();
  case 'E':
    return pick(2) ? (1 << 8) | (3 + 2 * pick(3)) : any_int();
  case 'A':
    return fs_at_flags();
  case 'L':
    return fs_offset();
  case 'N':
    return any_size();
  case 'B':
    return any_ptr();
  case 'W':
    return mild || pick(2) ? pick(6) : any_int();
  case 'R':
    return mild || pick(2) ? pick(8) : any_int();
  case 'U':
    return fs_id();
  case 'T':
    return fs_times();
  case 'H':
    return fs_how();
  case 'Z':
    return fs_how_size();
  case 'X':
    return pick(2) ? 0xfffUL : pick(2) ? 0x80000000UL : any_int();
  case 'K':
    return mild || pick(2) ? pick(8) : any_int();
  case 'V':
    return mild || pick(2) ? fs_iovec() : any_ptr();
  case 'C':
    return fs_iovcnt();
  case 'Q':
    return pick(2) ? pick(0x40) : any_int();
  default:
    return 0; /* '0' */
  }
}

/* One letter per argument (arg_of). */
static const struct {
  const char *name, *args;
} templates[] = {
    // clang-format off
    {"open", "POM"},        {"openat", "DPOM"},     {"openat2", "DPHZ"},
    {"creat", "PM"},        {"stat", "PB"},         {"lstat", "PB"},
    {"fstat", "FB"},        {"newfstatat", "DPBA"}, {"statx", "DPAXB"},
    {"statfs", "PB"},       {"fstatfs", "FB"},      {"getdents64", "FBN"},
    {"getdents", "FBN"},    {"mkdir", "PM"},        {"mkdirat", "DPM"},
    {"mknod", "PmE"},       {"mknodat", "DPmE"},    {"rmdir", "P"},
    {"unlink", "P"},        {"unlinkat", "DPA"},    {"rename", "PP"},
    {"renameat", "DPDP"},   {"renameat2", "DPDPR"}, {"link", "PP"},
    {"linkat", "DPDPA"},    {"symlink", "PP"},      {"symlinkat", "PDP"},
    {"readlink", "PBN"},    {"readlinkat", "DPBN"}, {"chdir", "P"},
    {"fchdir", "F"},        {"chroot", "P"},        {"getcwd", "BN"},
    {"lseek", "FLW"},       {"truncate", "PL"},     {"ftruncate", "FL"},
    {"read", "FBN"},        {"write", "FBN"},       {"pread64", "FBNL"},
    {"pwrite64", "FBNL"},   {"readv", "FVC"},       {"writev", "FVC"},
    {"preadv", "FVCL0"},    {"pwritev", "FVCL0"},   {"preadv2", "FVCL0Q"},
    {"pwritev2", "FVCL0Q"}, {"access", "PK"},       {"faccessat", "DPK"},
    {"faccessat2", "DPKA"}, {"chmod", "PM"},        {"fchmod", "FM"},
    {"fchmodat", "DPMA"},   {"chown", "PUU"},       {"lchown", "PUU"},
    {"fchown", "FUU"},      {"fchownat", "DPUUA"},  {"utimensat", "DPTA"},
    {"umask", "M"},         {"fsync", "F"},         {"fdatasync", "F"},
    {"syncfs", "F"},        {"close", "F"},         {"dup", "F"},
    {"sendfile", "FFBN"},   {"splice", "FBFBNQ"},   {"tee", "FFNQ"},
    {"copy_file_range", "FBFBNQ"},
    {"fallocate", "FWLL"},  {"fadvise64", "FLLW"},
    // clang-format on
};
#define NTEMPLATES (int)(sizeof templates / sizeof templates[0])

int fs_template(const char *name) {
  for (int t = 0; t < NTEMPLATES; t++)
    if (!strcmp(templates[t].name, name))
      return t;
  return -1;
}

void fs_shape(int t, unsigned long *a) {
  if (!mild && pick(4) == 0)
    return; /* the generic hostile arguments, as for any call */
  const char *k = templates[t].args;
  for (int j = 0; k[j]; j++)
    a[j] = arg_of(k[j]);
}

static int is(int t, const char *name) {
  return !strcmp(templates[t].name, name);
}

void fs_after(int t) {
  if (is(t, "chroot")) {
    /* Back to the real root: from its fd, chroot("."). */
    raw(SYS_fchdir, ROOT_FD, 0, 0);
    raw(SYS_chroot, ".", 0, 0);
    raw(SYS_fchdir, HOME_FD, 0, 0);
  } else if ((is(t, "chdir") || is(t, "fchdir")) && pick(4)) {
    raw(SYS_fchdir, HOME_FD, 0, 0); /* a quarter of the time, stay there */
  }
}

/* ---- probes: fixed calls with Linux's answer ---- */

static int probe_failures;
static char probe_msg[160];

static void expect(int line, long want, long got) {
  if (got == want)
    return;
  if (!probe_failures++)
    snprintf(probe_msg, sizeof probe_msg,
             "probe at storm_fs.c:%d gave %ld, Linux gives %ld", line, got,
             want);
  char buf[160];
  snprintf(buf, sizeof buf, "storm_fs.c:%d: got %ld, want %ld\n", line, got,
           want);
  say(buf);
}
#define EXPECT(want, call) expect(__LINE__, (want), (call))
/* A call that opens: any fd is right (and it is closed again). */
static long opened(long fd) {
  if (fd >= 0)
    raw(SYS_close, fd, 0, 0);
  return fd >= 0 ? 0 : fd;
}
#define EXPECT_FD(call) expect(__LINE__, 0, opened(call))

#define at6(n, a, b, c, d, e, f)                                               \
  raw6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* Check the probes in a fresh tree in directory `dir`. Returns the
 * number of failures (each also said on the console). */
static int probes(const char *dir) {
  static unsigned char st[512], buf[4096];
  probe_failures = 0;
  long made = raw(SYS_mkdirat, AT_FDCWD, dir, 0755);
  long d = raw(SYS_openat, AT_FDCWD, dir, O_RDONLY | O_DIRECTORY);
  if (made < 0 || d < 0) {
    struct {
      unsigned long w[15];
    } t, r;
    t.w[2] = t.w[3] = r.w[2] = r.w[3] = 0;
    raw(SYS_fstatfs, HOME_FD, &t, 0);
    raw(SYS_fstatfs, ROOT_FD, &r, 0);
    snprintf(probe_msg, sizeof probe_msg,
             "probes: cannot make %s (%ld, %ld); free pages: /tmp %lu of "
             "%lu, / %lu of %lu",
             dir, made, d, t.w[3], t.w[2], r.w[3], r.w[2]);
    return 1;
  }
  build_tree((int)d);
  long f = raw(SYS_openat, d, "f0", O_RDWR);
  long ro = raw(SYS_openat, d, "f1", O_RDONLY);
  long op = raw(SYS_openat, d, "f0", O_PATH);
  int p[2];
  long pr = raw(SYS_pipe2, p, 0, 0);
  long closed = raw(SYS_dup, f, 0, 0);
  if (f < 0 || ro < 0 || op < 0 || pr < 0 || closed < 0) {
    snprintf(probe_msg, sizeof probe_msg, "probes: setup failed in %s", dir);
    return 1;
  }
  /* Closing twice: the second is EBADF. */
  EXPECT(0, raw(SYS_close, closed, 0, 0));
  EXPECT(-EBADF, raw(SYS_close, closed, 0, 0));

  /* Paths: too long, unterminated, dots, loops, long components. */
  EXPECT(-ENAMETOOLONG, raw(SYS_openat, d, path5000, O_RDONLY));
  EXPECT(-ENAMETOOLONG, raw(SYS_openat, d, path4096, O_RDONLY));
  EXPECT_FD(raw(SYS_openat, d, path4095, O_RDONLY));
  EXPECT(-EFAULT, raw(SYS_openat, d, unterm + 2 * PAGE - 100, O_RDONLY));
  EXPECT(-EFAULT, raw(SYS_openat, d, unterm + 2 * PAGE - 1, O_RDONLY));
  EXPECT(-ENAMETOOLONG, raw(SYS_openat, d, unterm, O_RDONLY));
  EXPECT(0, at6(SYS_newfstatat, d, dots, st, 0, 0, 0));
  EXPECT(0, at6(SYS_newfstatat, d, "l_up", st, 0, 0, 0));
  EXPECT(0, at6(SYS_newfstatat, d, "l_long", st, 0, 0, 0));
  EXPECT(-ELOOP, at6(SYS_newfstatat, d, "l_loop", st, 0, 0, 0));
  EXPECT(-ELOOP, at6(SYS_newfstatat, d, "l_a", st, 0, 0, 0));
  EXPECT(-ELOOP, at6(SYS_newfstatat, d, "l_loop/x", st, 0, 0, 0));
  EXPECT(0, at6(SYS_newfstatat, d, "l_loop", st, AT_SYMLINK_NOFOLLOW, 0, 0));
  EXPECT(-ELOOP, at6(SYS_newfstatat, d, "l_c0", st, 0, 0, 0));
  EXPECT(0, at6(SYS_newfstatat, d, "l_c1", st, 0, 0, 0)); /* 40 links */
  EXPECT(-ELOOP, raw(SYS_openat, d, "l_f0", O_RDONLY | O_NOFOLLOW));
  EXPECT(-ELOOP,
         raw6(SYS_openat, d, (long)"l_loop", O_CREAT | O_RDWR, 0600, 0, 0));
  EXPECT(-ENAMETOOLONG, raw(SYS_mkdirat, d, comp256, 0700));
  EXPECT(0, raw(SYS_mkdirat, d, comp255, 0700));
  EXPECT(0, raw(SYS_unlinkat, d, comp255, AT_REMOVEDIR));
  EXPECT(-ENOENT, at6(SYS_newfstatat, d, "l_dangle", st, 0, 0, 0));
  EXPECT(-EEXIST, raw(SYS_mkdirat, d, "l_dangle", 0700));
  EXPECT(-ENOTDIR, at6(SYS_newfstatat, d, "f0/", st, 0, 0, 0));
  EXPECT(-ENOTDIR, raw(SYS_mkdirat, d, "f0/x", 0700));
  EXPECT(-ENOENT, at6(SYS_newfstatat, d, "", st, 0, 0, 0));
  EXPECT(0, at6(SYS_newfstatat, f, "", st, AT_EMPTY_PATH, 0, 0));
  EXPECT(-ENOENT, raw(SYS_symlinkat, "", d, "x"));

  /* Directory fds of the wrong kind. */
  EXPECT(-ENOTDIR, raw(SYS_openat, f, "x", O_RDONLY));
  EXPECT(-ENOTDIR, raw(SYS_openat, p[0], "x", O_RDONLY));
  EXPECT(-EBADF, raw(SYS_openat, closed, "x", O_RDONLY));
  EXPECT_FD(raw(SYS_openat, closed, "/", O_RDONLY | O_DIRECTORY));
  EXPECT(-ENOTDIR, at6(SYS_newfstatat, f, "x", st, 0, 0, 0));
  EXPECT(-ENOTDIR, raw(SYS_getdents64, f, buf, sizeof buf));
  EXPECT(-ENOTDIR, raw(SYS_fchdir, f, 0, 0));

  /* Flag garbage. */
  EXPECT(-EINVAL, raw(SYS_openat, d, "e", O_RDWR | O_TMPFILE_BIT));
  EXPECT(-EISDIR, raw(SYS_openat, d, "e", O_RDWR));
  EXPECT_FD(raw(SYS_openat, d, "f0", O_RDONLY | (1 << 30))); /* ignored */
  uint64_t *how = (uint64_t *)(argbuf + 2048);
  memset(how, 0, 64);
  how[0] = 1ULL << 40;
  EXPECT(-EINVAL, at6(SYS_openat2, d, "f0", how, 24, 0, 0));
  how[0] = 0;
  EXPECT(-EINVAL, at6(SYS_openat2, d, "f0", how, 8, 0, 0));
  how[3] = 1;
  EXPECT(-E2BIG, at6(SYS_openat2, d, "f0", how, 32, 0, 0));
  how[3] = 0;
  EXPECT_FD(at6(SYS_openat2, d, "f0", how, 32, 0, 0));
  EXPECT(-EINVAL, raw(SYS_unlinkat, d, "f0", 0x1234));
  EXPECT(-EINVAL, at6(SYS_newfstatat, d, "f0", st, 0x80000000L, 0, 0));
  EXPECT(-EINVAL, raw6(SYS_faccessat, d, (long)"f0", 8, 0, 0, 0));
  EXPECT(-EINVAL, at6(SYS_statx, d, "f0", 0, 0x80000000L, st, 0));
  EXPECT(-EINVAL, at6(SYS_renameat2, d, "f0", d, "f1", 8, 0));
  EXPECT(-EINVAL, at6(SYS_renameat2, d, "f0", d, "f1",
                      RENAME_EXCHANGE | RENAME_NOREPLACE, 0));

  /* Directory rules. */
  EXPECT(-EINVAL, at6(SYS_renameat2, d, "d0", d, "d0/d1/x", 0, 0));
  EXPECT(-ENOTEMPTY, raw(SYS_unlinkat, d, "d0", AT_REMOVEDIR));
  EXPECT(-EISDIR, raw(SYS_unlinkat, d, "d0", 0));
  EXPECT(-EPERM, at6(SYS_linkat, d, "d0", d, "dl", 0, 0));
  EXPECT(-EINVAL, at6(SYS_readlinkat, d, "f0", buf, 64, 0, 0));
  EXPECT(-EINVAL, at6(SYS_readlinkat, d, "l_f0", buf, 0, 0, 0));
  EXPECT(2, at6(SYS_readlinkat, d, "l_f0", buf, 64, 0, 0));
  EXPECT(-ERANGE, raw(SYS_getcwd, buf, 1, 0));

  /* Offsets and lengths. */
  EXPECT(-EINVAL, at6(SYS_pread64, f, buf, 1, -1, 0, 0));
  EXPECT(-EINVAL, at6(SYS_pwrite64, f, buf, 1, -4096, 0, 0));
  /* offset + length past INT64_MAX: EINVAL (rw_verify_area); the last
   * byte below it is a file byte like any other. */
  EXPECT(-EINVAL, at6(SYS_pwrite64, f, buf, 1, INT64_MAX, 0, 0));
  EXPECT(-EINVAL, at6(SYS_pwrite64, f, buf, PAGE, INT64_MAX - 100, 0, 0));
  EXPECT(-EINVAL, at6(SYS_pread64, f, buf, PAGE, INT64_MAX - 100, 0, 0));
  EXPECT(1, at6(SYS_pwrite64, f, buf, 1, INT64_MAX - 1, 0, 0));
  EXPECT(1, at6(SYS_pread64, f, buf, 1, INT64_MAX - 1, 0, 0));
  EXPECT(0, raw(SYS_ftruncate, f, 0, 0));
  EXPECT(-EINVAL, raw(SYS_lseek, f, -1, SEEK_SET));
  EXPECT(-EINVAL, raw(SYS_lseek, f, 0, 5));
  EXPECT(INT64_MAX, raw(SYS_lseek, f, INT64_MAX, SEEK_SET));
  EXPECT(-EINVAL, raw(SYS_lseek, f, 1, SEEK_CUR));
  EXPECT(0, raw(SYS_lseek, f, 0, SEEK_SET));
  EXPECT(-ESPIPE, raw(SYS_lseek, p[0], 0, SEEK_CUR));
  EXPECT(-ESPIPE, at6(SYS_pread64, p[0], buf, 1, 0, 0, 0));
  EXPECT(-EINVAL, raw(SYS_ftruncate, ro, 0, 0));
  EXPECT(-EINVAL, raw(SYS_ftruncate, f, -1, 0));
  EXPECT(-EBADF, raw(SYS_write, op, buf, 1));
  EXPECT(-EBADF, raw(SYS_read, op, buf, 1));
  EXPECT(-EBADF, raw(SYS_write, ro, buf, 1));
  struct iovec *v = (struct iovec *)(argbuf + PAGE);
  v[0] = (struct iovec){buf, 1UL << 63};
  EXPECT(-EINVAL, raw(SYS_readv, f, v, 1));
  v[0] = (struct iovec){buf, 16};
  EXPECT(-EINVAL, at6(SYS_preadv, f, v, 1025, 0, 0, 0));
  EXPECT(-EINVAL, at6(SYS_preadv, f, v, 1, -1, 0, 0));
  EXPECT(16, at6(SYS_pwritev, f, v, 1, 0, 0, 0));
  memset(v, 0, 16);
  long ts[4] = {0, 1000000000, 0, 0};
  EXPECT(-EINVAL, at6(SYS_utimensat, d, "f0", ts, 0, 0, 0));

  raw(SYS_close, f, 0, 0);
  raw(SYS_close, ro, 0, 0);
  raw(SYS_close, op, 0, 0);
  raw(SYS_close, p[0], 0, 0);
  raw(SYS_close, p[1], 0, 0);
  remove_tree((int)d);
  raw(SYS_close, d, 0, 0);
  raw(SYS_unlinkat, AT_FDCWD, dir, AT_REMOVEDIR);
  return probe_failures;
}

static void probes_or_die(const char *when) {
  char dir[96];
  static int round;
  snprintf(dir, sizeof dir, "%s/probe%d", home, round++);
  if (probes(dir)) {
    char why[256];
    snprintf(why, sizeof why, "%s: %s", when, probe_msg);
    die(why);
  }
}

/* ---- filling tmpfs ---- */

static unsigned long fill_at, fill_end, fill_pages, fill_all_pages;
static bool fill_all; /* all memory, not only /tmp */
static bool filled;

/* Write FILL_CHUNK, then page, blocks to `fd` until it fails; returns the
 * pages written and the final error in *err. */
static unsigned long fill_fd(long fd, long *err) {
  unsigned long bytes = 0;
  long r;
  while ((r = raw(SYS_write, fd, fillbuf, FILL_CHUNK)) > 0)
    bytes += (unsigned long)r;
  if (r >= 0 || r == -ENOSPC)
    while ((r = raw(SYS_write, fd, fillbuf, PAGE)) > 0)
      bytes += (unsigned long)r;
  *err = r;
  return bytes / PAGE;
}

static long open_fill(const char *path, int at) {
  long fd = raw6(SYS_openat, AT_FDCWD, (long)path, O_CREAT | O_RDWR | O_TRUNC,
                 0600, 0, 0);
  if (fd < 0) {
    char why[96];
    snprintf(why, sizeof why, "fill: open %s gave %ld", path, fd);
    die(why);
  }
  place_fd(fd, at);
  return at;
}

static void fill(void) {
  char path[96], why[128];
  long err;
  snprintf(path, sizeof path, "%s/fill", home);
  fill_pages = fill_fd(open_fill(path, FILL_FD), &err);
  struct {
    unsigned long w[15]; /* f_type, f_bsize, f_blocks, f_bfree, ... */
  } sf;
  long r = raw(SYS_fstatfs, FILL_FD, &sf, 0);
  if (err != -ENOSPC || r || sf.w[0] != TMPFS_MAGIC || sf.w[3] != 0) {
    snprintf(why, sizeof why,
             "fill: a full /tmp gave %ld (want ENOSPC), statfs %ld, free %lu",
             err, r, sf.w[3]);
    die(why);
  }
  if (fill_all) { /* the root tmpfs takes what memory is left */
    fill_all_pages = fill_fd(open_fill("/storm-fill", FILL_FD + 1), &err);
    if (err != -ENOSPC && err != -ENOMEM) {
      snprintf(why, sizeof why, "fill: full memory gave %ld", err);
      die(why);
    }
  }
  filled = true;
}

static void unfill(void) {
  char path[96];
  /* Through the fds: a path walk needs memory. */
  raw(SYS_ftruncate, FILL_FD, 0, 0);
  raw(SYS_ftruncate, FILL_FD + 1, 0, 0);
  raw(SYS_close, FILL_FD, 0, 0);
  raw(SYS_close, FILL_FD + 1, 0, 0);
  snprintf(path, sizeof path, "%s/fill", home);
  raw(SYS_unlinkat, AT_FDCWD, path, 0);
  raw(SYS_unlinkat, AT_FDCWD, "/storm-fill", 0);
  filled = false;
}

/* Fault in every page the storm itself may touch while memory is full:
 * a fault then would find no frame (and the process be killed). */
static void touch_own_pages(void) {
  extern char __bss_start[], _end[];
  for (volatile char *p = __bss_start; p < _end; p += PAGE)
    *p = *p;
  volatile char stack[256 * 1024];
  for (size_t i = 0; i < sizeof stack; i += PAGE)
    stack[i] = 0;
}

/* ---- the storm's hooks ---- */

void fs_setup(uint64_t seed, unsigned long ncalls) {
  make_paths();
  touch_own_pages();
  snprintf(home, sizeof home, "/tmp/storm");
  place_fd(raw(SYS_openat, AT_FDCWD, "/", O_RDONLY | O_DIRECTORY), ROOT_FD);
  rebuild();
  long f0 = raw(SYS_openat, HOME_FD, "f0", O_WRONLY);
  raw(SYS_write, f0, fillbuf, 3 * PAGE); /* data to read and seek over */
  raw(SYS_close, f0, 0, 0);
  probes_or_die("at the start");
  if (ncalls >= 4000) {
    fill_at = ncalls / 2;
    fill_end = fill_at + ncalls / 10;
    fill_all = seed & 1;
  }
}

void fs_tick(unsigned long n) {
  if (n && n % REBUILD_EVERY == 0 && !filled)
    rebuild();
  if (fill_at && n == fill_at) {
    unmap_made(); /* /tmp's limit, not the storm's mappings, must end it */
    rebuild();
    fill();
  }
  if (filled && n == fill_end) {
    unfill();
    rebuild();
    probes_or_die("after the fill");
  }
}

void fs_finish(char *buf, unsigned long len) {
  if (filled)
    unfill();
  for (int fd = POOL_FD + POOL_FDS; fd < 1024; fd++)
    if (fd < FD_KEEP || fd > SAVED_FD)
      raw(SYS_close, fd, 0, 0);
  rebuild();
  probes_or_die("at the end");
  snprintf(buf, len,
           "storm fs: probes passed 3 times; fill %lu pages of /tmp%s (%lu "
           "more), ENOSPC\n",
           fill_pages, fill_all ? " then all memory" : "", fill_all_pages);
}

int fs_probe_main(void) {
  struct {
    unsigned long w[15];
  } sf;
  if (raw(SYS_statfs, "/dev/shm", &sf, 0) || sf.w[0] != TMPFS_MAGIC) {
    printf("storm --probes: no tmpfs at /dev/shm: skipped\n");
    return 77;
  }
  make_paths();
  snprintf(home, sizeof home, "/dev/shm/storm-probes-%d", (int)getpid());
  if (raw(SYS_mkdirat, AT_FDCWD, home, 0755))
    return 1;
  if (raw(SYS_dup3, 1, SAVED_FD, 0) != SAVED_FD)
    return 1;
  char dir[96];
  snprintf(dir, sizeof dir, "%s/p", home);
  int bad = probes(dir);
  raw(SYS_unlinkat, AT_FDCWD, home, AT_REMOVEDIR);
  printf("storm --probes: %s\n", bad ? probe_msg : "all match");
  return bad ? 1 : 0;
}
