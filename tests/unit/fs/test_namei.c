/* Path resolution (libos/namei.c) over a fixed tree built with tmpfs's own
 * operations, with a second tmpfs mounted on /mnt as rootfs.c mounts:
 * tables of (start, root, cred, path, flags) -> inode or errno for ".",
 * "..", mounts, a chroot-like root, symlinks (relative, absolute, in the
 * middle, at the end, chains of 40 and 41, loops), trailing slashes,
 * ENAMETOOLONG, ENOTDIR, ENOENT, empty paths and search permission; then
 * namei_parent's last components, namei_child, vfs_path_of (getcwd), and
 * random paths of plain components, "." and ".." against a model resolver
 * written here. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fs_fake.h"
#include <libos/kheap.h>
#include <libos/namei.h>
#include <libos/pmm.h>
#include <libos/tmpfs.h>
#include <uapi/errno.h>

static const struct vfs_cred boot = {0, 0, true, NULL, 0};
static const struct vfs_cred user = {1000, 1000, false, NULL, 0};

/* The tree. */
static struct inode *R, *A, *B, *C, *F, *UP, *ABS, *MNT, *M, *X, *Y, *OUT, *MID,
    *L_REL, *L_ABS, *L_FILE, *L_SLASH, *L_DIRSL, *LOOP1, *SELF, *DANG, *CH, *K0,
    *NOEXEC, *G, *LNO;

static struct inode *mk(struct inode *dir, const char *name, uint32_t mode,
                        const char *target) {
  struct inode *ino = NULL;
  int r =
      dir->ops->create(dir, name, strlen(name), mode, 0, target, &boot, &ino);
  CHECK_MSG(r == 0, "create %s: %d", name, r);
  inode_put(ino); /* its name keeps it */
  return ino;
}

static struct inode *mkdir_(struct inode *dir, const char *name) {
  return mk(dir, name, LINUX_S_IFDIR | 0755, NULL);
}

static struct inode *mkfile(struct inode *dir, const char *name) {
  return mk(dir, name, LINUX_S_IFREG | 0644, NULL);
}

static struct inode *mklink(struct inode *dir, const char *name,
                            const char *target) {
  return mk(dir, name, LINUX_S_IFLNK | 0777, target);
}

static void build(void) {
  struct super *rootfs = tmpfs_create(0755, 1000);
  struct super *mfs = tmpfs_create(0755, 1000);
  R = rootfs->root;
  M = mfs->root;
  A = mkdir_(R, "a");
  B = mkdir_(A, "b");
  C = mkdir_(B, "c");
  F = mkfile(A, "f");
  UP = mklink(B, "up", "..");
  ABS = mklink(A, "abs", "/b/c"); /* meant for a root at /a */
  MNT = mkdir_(R, "mnt");
  MNT->mounted = mfs; /* as rootfs.c's mount_on */
  mfs->mountpoint = MNT;
  X = mkdir_(M, "x");
  Y = mkfile(X, "y");
  OUT = mklink(M, "out", "../a");
  MID = mklink(R, "mid", "/mnt/x");
  L_REL = mklink(R, "l_rel", "a/b");
  L_ABS = mklink(R, "l_abs", "/a/b/c");
  L_FILE = mklink(R, "l_file", "a/f");
  L_SLASH = mklink(R, "l_slash", "a/f/");
  L_DIRSL = mklink(R, "l_dirsl", "a/");
  LOOP1 = mklink(R, "loop1", "loop2");
  mklink(R, "loop2", "loop1");
  SELF = mklink(R, "self", "self");
  DANG = mklink(R, "dang", "nowhere");
  /* ch/k0 -> k1 -> ... -> k40 -> /a/f: 41 links from k0, 40 from k1. */
  CH = mkdir_(R, "ch");
  for (int i = 0; i <= 40; i++) {
    char name[8], target[8];
    snprintf(name, sizeof name, "k%d", i);
    snprintf(target, sizeof target, "k%d", i + 1);
    struct inode *k = mklink(CH, name, i == 40 ? "/a/f" : target);
    if (i == 0)
      K0 = k;
  }
  NOEXEC = mk(R, "noexec", LINUX_S_IFDIR | 0700, NULL);
  G = mkfile(NOEXEC, "g");
  LNO = mklink(R, "lno", "noexec/g");
}

static char long255[300], long256[300], path4095[4200], path4096[4200];

static void make_long_paths(void) {
  strcpy(long255, "a/");
  memset(long255 + 2, 'n', 255);
  strcpy(long256, "a/");
  memset(long256 + 2, 'n', 256);
  memset(path4095, '/', 4094);
  path4095[4094] = 'a';
  memset(path4096, '/', 4095);
  path4096[4095] = 'a';
}

/* Paths built at run time. */
static char f_long[300], noexec_long[300], nope_long[300];

struct walk_case {
  struct inode **start, **root;
  bool unprivileged;
  const char *path;
  unsigned flags;
  struct inode **want; /* NULL: the errno */
  int err;
};

#define FOLLOW LOOKUP_FOLLOW
#define DIR_ LOOKUP_DIRECTORY
#define EMPTY LOOKUP_EMPTY

static const struct walk_case walks[] = {
    /* ".", ".." and the root. */
    {&R, &R, 0, ".", 0, &R, 0},
    {&R, &R, 0, "..", 0, &R, 0},
    {&R, &R, 0, "/..", 0, &R, 0},
    {&R, &R, 0, "/../../a", 0, &A, 0},
    {&R, &R, 0, "a/..", 0, &R, 0},
    {&R, &R, 0, "a/b/../..", 0, &R, 0},
    {&R, &R, 0, "a/./b/.", 0, &B, 0},
    {&R, &R, 0, "//a///b//", 0, &B, 0},
    {&B, &R, 0, "../f", 0, &F, 0},
    {&C, &R, 0, "/a", 0, &A, 0},
    /* The mount: followed down, ".." at its root crosses back. */
    {&R, &R, 0, "mnt", 0, &M, 0},
    {&R, &R, 0, "mnt/", 0, &M, 0},
    {&R, &R, 0, "mnt/x/y", 0, &Y, 0},
    {&R, &R, 0, "mnt/..", 0, &R, 0},
    {&R, &R, 0, "/mnt/x/..", 0, &M, 0},
    {&M, &R, 0, ".", 0, &M, 0},
    {&M, &R, 0, "..", 0, &R, 0},
    {&M, &R, 0, "../a", 0, &A, 0},
    {&X, &R, 0, "../../mnt/x", 0, &X, 0},
    /* A root below the real one: ".." stops there, "/" is it. */
    {&A, &A, 0, "..", 0, &A, 0},
    {&A, &A, 0, "/..", 0, &A, 0},
    {&B, &A, 0, "../..", 0, &A, 0},
    {&A, &A, 0, "/f", 0, &F, 0},
    {&A, &A, 0, "/b/../../b/c", 0, &C, 0},
    {&A, &A, 0, "/mnt", 0, NULL, -ENOENT},
    {&A, &A, 0, "b/up/f", 0, &F, 0},
    {&A, &A, 0, "abs", FOLLOW, &C, 0},
    {&R, &R, 0, "a/abs", FOLLOW, NULL, -ENOENT},
    {&M, &M, 0, "..", 0, &M, 0},
    {&M, &M, 0, "out", FOLLOW, NULL, -ENOENT}, /* "../a" stays in M */
    {&M, &R, 0, "out", FOLLOW, &A, 0},
    /* A start outside the root may climb to the real root (as Linux). */
    {&X, &A, 0, "../..", 0, &R, 0},
    /* Symlinks. */
    {&R, &R, 0, "l_rel", FOLLOW, &B, 0},
    {&R, &R, 0, "l_rel", 0, &L_REL, 0},
    {&R, &R, 0, "l_rel/", 0, &B, 0},
    {&R, &R, 0, "l_rel/c", 0, &C, 0},
    {&R, &R, 0, "l_rel/.", 0, &B, 0},
    {&R, &R, 0, "l_rel", DIR_, NULL, -ENOTDIR},
    {&R, &R, 0, "l_rel", FOLLOW | DIR_, &B, 0},
    {&R, &R, 0, "l_abs", FOLLOW, &C, 0},
    {&C, &R, 0, "/l_abs/..", 0, &B, 0},
    {&R, &R, 0, "a/b/up/f", 0, &F, 0},
    {&R, &R, 0, "a/b/up", 0, &UP, 0},
    {&R, &R, 0, "a/b/up/", 0, &A, 0},
    {&R, &R, 0, "mnt/out/f", 0, &F, 0},
    {&R, &R, 0, "mnt/out", FOLLOW, &A, 0},
    {&R, &R, 0, "mid/y", 0, &Y, 0},
    {&R, &R, 0, "mid/..", 0, &M, 0},
    {&R, &R, 0, "l_file", FOLLOW, &F, 0},
    {&R, &R, 0, "l_file", 0, &L_FILE, 0},
    {&R, &R, 0, "l_file/", 0, NULL, -ENOTDIR},
    {&R, &R, 0, "l_file/", FOLLOW, NULL, -ENOTDIR},
    {&R, &R, 0, "l_slash", FOLLOW, NULL, -ENOTDIR},
    {&R, &R, 0, "l_slash", 0, &L_SLASH, 0},
    {&R, &R, 0, "l_dirsl", FOLLOW, &A, 0},
    {&R, &R, 0, "l_dirsl/b", 0, &B, 0},
    {&R, &R, 0, "dang", FOLLOW, NULL, -ENOENT},
    {&R, &R, 0, "dang", 0, &DANG, 0},
    {&R, &R, 0, "dang/", 0, NULL, -ENOENT},
    /* 40 links are fine, the 41st is ELOOP; so are loops. */
    {&R, &R, 0, "ch/k1", FOLLOW, &F, 0},
    {&CH, &R, 0, "k1", FOLLOW, &F, 0},
    {&R, &R, 0, "ch/k1/", 0, NULL, -ENOTDIR},
    {&R, &R, 0, "ch/k0", FOLLOW, NULL, -ELOOP},
    {&R, &R, 0, "ch/k0", 0, &K0, 0},
    {&R, &R, 0, "ch/k0/", 0, NULL, -ELOOP},
    {&R, &R, 0, "loop1", FOLLOW, NULL, -ELOOP},
    {&R, &R, 0, "loop1", 0, &LOOP1, 0},
    {&R, &R, 0, "loop1/", 0, NULL, -ELOOP},
    {&R, &R, 0, "loop2/a", 0, NULL, -ELOOP},
    {&R, &R, 0, "self/x", 0, NULL, -ELOOP},
    {&R, &R, 0, "self", 0, &SELF, 0},
    /* Not a directory, in the middle or before a trailing slash. */
    {&R, &R, 0, "a/f", 0, &F, 0},
    {&R, &R, 0, "a/f/", 0, NULL, -ENOTDIR},
    {&R, &R, 0, "a/f/.", 0, NULL, -ENOTDIR},
    {&R, &R, 0, "a/f/..", 0, NULL, -ENOTDIR},
    {&R, &R, 0, "a/f/x", 0, NULL, -ENOTDIR},
    {&R, &R, 0, "a/f", DIR_, NULL, -ENOTDIR},
    {&R, &R, 0, "a", DIR_, &A, 0},
    {&F, &R, 0, "x", 0, NULL, -ENOTDIR},
    {&F, &R, 0, ".", 0, NULL, -ENOTDIR},
    {&F, &R, 0, "/a", 0, &A, 0},
    /* Missing names. */
    {&R, &R, 0, "nope", 0, NULL, -ENOENT},
    {&R, &R, 0, "a/nope/x", 0, NULL, -ENOENT},
    {&R, &R, 0, "a/nope/..", 0, NULL, -ENOENT},
    /* The empty path. */
    {&A, &R, 0, "", 0, NULL, -ENOENT},
    {&A, &R, 0, "", EMPTY, &A, 0},
    {&F, &R, 0, "", EMPTY, &F, 0},
    {&F, &R, 0, "", EMPTY | DIR_, NULL, -ENOTDIR},
    /* Lengths: a component over NAME_MAX, a path of PATH_MAX. */
    {&R, &R, 0, long255, 0, NULL, -ENOENT},
    {&R, &R, 0, long256, 0, NULL, -ENAMETOOLONG},
    {&R, &R, 0, f_long, 0, NULL, -ENOTDIR},
    {&R, &R, 1, noexec_long, 0, NULL, -EACCES},
    {&R, &R, 0, path4095, 0, &A, 0},
    {&R, &R, 0, path4096, 0, NULL, -ENAMETOOLONG},
    /* Search permission: needed on every directory a walk passes. */
    {&R, &R, 1, "noexec", 0, &NOEXEC, 0},
    {&R, &R, 1, "noexec/", 0, &NOEXEC, 0},
    {&R, &R, 1, "noexec/g", 0, NULL, -EACCES},
    {&R, &R, 1, "noexec/.", 0, NULL, -EACCES},
    {&R, &R, 1, "noexec/..", 0, NULL, -EACCES},
    {&R, &R, 1, "lno", FOLLOW, NULL, -EACCES},
    {&R, &R, 1, "lno", 0, &LNO, 0},
    {&R, &R, 1, "a/b/c", 0, &C, 0},
    {&R, &R, 0, "noexec/g", 0, &G, 0},
    {&R, &R, 0, "lno", FOLLOW, &G, 0},
};

static void test_walks(void) {
  for (size_t i = 0; i < sizeof walks / sizeof walks[0]; i++) {
    const struct walk_case *c = &walks[i];
    struct walk_ctx w = {c->unprivileged ? &user : &boot, *c->root, *c->start,
                         0};
    struct inode *got = NULL;
    int r = namei(&w, c->path, c->flags, &got);
    const char *shown = strlen(c->path) > 60 ? "(long)" : c->path;
    if (c->want) {
      CHECK_MSG(r == 0 && got == *c->want, "walk %zu \"%s\": %d, ino %llu", i,
                shown, r, got ? (unsigned long long)got->ino : 0ull);
    } else {
      CHECK_MSG(r == c->err, "walk %zu \"%s\": %d, want %d", i, shown, r,
                c->err);
    }
    if (r == 0)
      inode_put(got);
  }
}

struct parent_case {
  struct inode **start;
  bool unprivileged;
  const char *path;
  struct inode **dir; /* NULL: the errno */
  int err;
  enum last_kind kind;
  const char *name;
  bool slash;
};

static const struct parent_case parents[] = {
    {&R, 0, "a/b", &A, 0, LAST_NORM, "b", false},
    {&R, 0, "a/b/", &A, 0, LAST_NORM, "b", true},
    {&R, 0, "a//b//", &A, 0, LAST_NORM, "b", true},
    {&R, 0, "/", &R, 0, LAST_ROOT, "", false},
    {&A, 0, "///", &R, 0, LAST_ROOT, "", true},
    {&A, 0, ".", &A, 0, LAST_DOT, ".", false},
    {&R, 0, "a/.", &A, 0, LAST_DOT, ".", false},
    {&R, 0, "a/..", &A, 0, LAST_DOTDOT, "..", false},
    {&B, 0, "..", &B, 0, LAST_DOTDOT, "..", false},
    {&A, 0, "new", &A, 0, LAST_NORM, "new", false},
    {&C, 0, "/a/new", &A, 0, LAST_NORM, "new", false},
    {&R, 0, "l_rel/x", &B, 0, LAST_NORM, "x", false},
    {&R, 0, "mnt/z", &M, 0, LAST_NORM, "z", false},
    {&R, 0, "mnt", &R, 0, LAST_NORM, "mnt", false},
    {&R, 0, "l_file", &R, 0, LAST_NORM, "l_file", false},
    {&R, 0, "a/f/x", NULL, -ENOTDIR, 0, 0, 0},
    {&R, 0, "nope/x", NULL, -ENOENT, 0, 0, 0},
    {&R, 0, "dang/x", NULL, -ENOENT, 0, 0, 0},
    {&R, 0, "", NULL, -ENOENT, 0, 0, 0},
    {&R, 0, "loop1/x", NULL, -ELOOP, 0, 0, 0},
    {&R, 0, long255, &A, 0, LAST_NORM, long255 + 2, false},
    {&R, 0, long256, NULL, -ENAMETOOLONG, 0, 0, 0},
    /* The walk to the parent fails first, as Linux's. */
    {&R, 0, nope_long, NULL, -ENOENT, 0, 0, 0},
    {&R, 0, f_long, NULL, -ENOTDIR, 0, 0, 0},
    {&R, 1, "noexec/x", &NOEXEC, 0, LAST_NORM, "x", false},
    {&R, 1, "noexec/g/x", NULL, -EACCES, 0, 0, 0},
};

static void test_parents(void) {
  for (size_t i = 0; i < sizeof parents / sizeof parents[0]; i++) {
    const struct parent_case *c = &parents[i];
    struct walk_ctx w = {c->unprivileged ? &user : &boot, R, *c->start, 0};
    struct inode *dir = NULL;
    struct last_name last;
    memset(&last, 0x55, sizeof last);
    int r = namei_parent(&w, c->path, &dir, &last);
    if (!c->dir) {
      CHECK_MSG(r == c->err, "parent %zu: %d, want %d", i, r, c->err);
      CHECK_MSG(dir == NULL, "parent %zu: *dir set on an error", i);
    } else {
      CHECK_MSG(r == 0 && dir == *c->dir, "parent %zu: %d", i, r);
      if (r == 0) {
        CHECK_MSG(last.kind == c->kind, "parent %zu: kind %d", i, last.kind);
        CHECK_MSG(c->kind == LAST_ROOT || last.trailing_slash == c->slash,
                  "parent %zu: slash", i);
        if (c->kind == LAST_NORM)
          CHECK_MSG(last.len == strlen(c->name) &&
                        strcmp(last.name, c->name) == 0,
                    "parent %zu: name", i);
      }
    }
    if (r == 0)
      inode_put(dir);
  }
}

/* openat2's RESOLVE_* limits (WALK_*): walks that stay inside succeed
 * exactly as without them. */
struct limit_case {
  struct inode **start, **root;
  unsigned limits;
  const char *path;
  unsigned flags;
  struct inode **want; /* NULL: the errno */
  int err;
};

static const struct limit_case limit_cases[] = {
    {&R, &R, WALK_NO_SYMLINKS, "l_rel", FOLLOW, NULL, -ELOOP},
    {&R, &R, WALK_NO_SYMLINKS, "l_rel", 0, &L_REL, 0},
    {&R, &R, WALK_NO_SYMLINKS, "l_rel/c", 0, NULL, -ELOOP},
    {&R, &R, WALK_NO_SYMLINKS, "a/b/c", FOLLOW, &C, 0},
    {&A, &A, WALK_BENEATH, "b/c", 0, &C, 0},
    {&A, &A, WALK_BENEATH, "b/../f", 0, &F, 0},
    {&A, &A, WALK_BENEATH, "b/up/f", 0, &F, 0},
    {&A, &A, WALK_BENEATH, "..", 0, NULL, -EXDEV},
    {&A, &A, WALK_BENEATH, "b/../..", 0, NULL, -EXDEV},
    {&A, &A, WALK_BENEATH, "/a", 0, NULL, -EXDEV},
    {&R, &R, WALK_BENEATH, "l_abs", FOLLOW, NULL, -EXDEV},
    {&R, &R, WALK_BENEATH, "l_abs", 0, &L_ABS, 0},
    {&R, &R, WALK_NO_XDEV, "mnt", 0, NULL, -EXDEV},
    {&R, &R, WALK_NO_XDEV, "mnt/x", 0, NULL, -EXDEV},
    {&M, &R, WALK_NO_XDEV, "..", 0, NULL, -EXDEV},
    {&M, &R, WALK_NO_XDEV, "out", FOLLOW, NULL, -EXDEV},
    {&M, &M, WALK_NO_XDEV, "..", 0, &M, 0}, /* the root's ".." stays */
    {&X, &R, WALK_NO_XDEV, "..", 0, &M, 0},
    {&R, &R, WALK_NO_XDEV, "/a/b", 0, &B, 0},
    {&R, &R, WALK_NO_XDEV, "l_abs", FOLLOW, &C, 0},
    {&R, &R, WALK_NO_XDEV, "mid", FOLLOW, NULL, -EXDEV},
    {&X, &R, WALK_NO_XDEV, "/a", 0, &A, 0}, /* an absolute argument is fine */
};

static void test_limits(void) {
  for (size_t i = 0; i < sizeof limit_cases / sizeof limit_cases[0]; i++) {
    const struct limit_case *c = &limit_cases[i];
    struct walk_ctx w = {&boot, *c->root, *c->start, c->limits};
    struct inode *got = NULL;
    int r = namei(&w, c->path, c->flags, &got);
    if (c->want)
      CHECK_MSG(r == 0 && got == *c->want, "limit %zu \"%s\": %d", i, c->path,
                r);
    else
      CHECK_MSG(r == c->err, "limit %zu \"%s\": %d, want %d", i, c->path, r,
                c->err);
    if (r == 0)
      inode_put(got);
  }
  /* namei_child (O_CREAT's last step) does not cross a mount either. */
  struct walk_ctx w = {&boot, R, R, WALK_NO_XDEV};
  struct inode *got;
  CHECK(namei_child(&w, R, "mnt", 3, &got) == -EXDEV);
  CHECK(namei_child(&w, R, "a", 1, &got) == 0 && got == A);
  inode_put(got);
}

static void test_child(void) {
  struct walk_ctx w = {&boot, R, R, 0}, wu = {&user, R, R, 0};
  struct inode *got;
  CHECK(namei_child(&w, R, "mnt", 3, &got) == 0 && got == M);
  inode_put(got);
  CHECK(namei_child(&w, A, "f", 1, &got) == 0 && got == F);
  inode_put(got);
  CHECK(namei_child(&w, A, "nope", 4, &got) == -ENOENT);
  CHECK(namei_child(&w, F, "x", 1, &got) == -ENOTDIR);
  CHECK(namei_child(&wu, NOEXEC, "g", 1, &got) == -EACCES);
  CHECK(namei_child(&w, NOEXEC, "g", 1, &got) == 0 && got == G);
  inode_put(got);
}

static void path_is(struct inode *root, struct inode *dir, const char *want) {
  char buf[256];
  size_t n = strlen(want) + 1;
  long r = vfs_path_of(root, dir, buf, sizeof buf);
  CHECK_MSG(r == (long)n && strcmp(buf, want) == 0, "path_of: %ld \"%s\"", r,
            r > 0 ? buf : "");
  /* Exactly its size fits; a byte less is ERANGE. */
  char *exact = malloc(n);
  CHECK(vfs_path_of(root, dir, exact, n) == (long)n);
  CHECK(memcmp(exact, want, n) == 0);
  CHECK(vfs_path_of(root, dir, exact, n - 1) == -ERANGE);
  CHECK(vfs_path_of(root, dir, exact, 0) == -ERANGE);
  free(exact);
}

static void test_path_of(void) {
  path_is(R, R, "/");
  path_is(R, A, "/a");
  path_is(R, C, "/a/b/c");
  path_is(R, M, "/mnt");
  path_is(R, X, "/mnt/x");
  path_is(A, C, "/b/c");
  path_is(A, A, "/");
  path_is(M, X, "/x");
  path_is(A, X, "(unreachable)/mnt/x");
  path_is(A, R, "(unreachable)/");
  path_is(M, A, "(unreachable)/a");
  char buf[64];
  CHECK(vfs_path_of(R, F, buf, sizeof buf) == -ENOENT); /* not a dir */
  /* A removed directory (still referenced, as a cwd) has no path; its
   * ".." is still the directory it was in, as Linux's. */
  struct inode *gone = NULL;
  CHECK(A->ops->create(A, "gone", 4, LINUX_S_IFDIR | 0755, 0, NULL, &boot,
                       &gone) == 0);
  path_is(R, gone, "/a/gone");
  CHECK(A->ops->unlink(A, "gone", 4) == 0);
  CHECK(vfs_path_of(R, gone, buf, sizeof buf) == -ENOENT);
  struct walk_ctx w = {&boot, R, gone, 0};
  struct inode *got = NULL;
  CHECK(namei(&w, ".", 0, &got) == 0 && got == gone);
  inode_put(got);
  CHECK(namei(&w, "..", 0, &got) == 0 && got == A);
  inode_put(got);
  CHECK(namei(&w, "x", 0, &got) == -ENOENT);
  inode_put(gone);
}

/* ---- Random paths against a model resolver (names, ".", ".."). */

struct mnode {
  struct inode **ino;
  int parent; /* index; the root fs's root is its own */
  const char *name;
  int covered_by; /* a directory with a mount: the mounted root's index */
  int mounted_on; /* a mounted root: the covered directory's index */
};

enum { NR, NA, NB, NC, NF, NMNT, NM, NX, NY, NNOEXEC, NG, NNODES };

static const struct mnode model[NNODES] = {
    [NR] = {&R, NR, "", -1, -1},
    [NA] = {&A, NR, "a", -1, -1},
    [NB] = {&B, NA, "b", -1, -1},
    [NC] = {&C, NB, "c", -1, -1},
    [NF] = {&F, NA, "f", -1, -1},
    [NMNT] = {&MNT, NR, "mnt", NM, -1},
    [NM] = {&M, -1, "", -1, NMNT},
    [NX] = {&X, NM, "x", -1, -1},
    [NY] = {&Y, NX, "y", -1, -1},
    [NNOEXEC] = {&NOEXEC, NR, "noexec", -1, -1},
    [NG] = {&G, NNOEXEC, "g", -1, -1},
};

static bool m_dir(int n) {
  return n != NF && n != NY && n != NG;
}

/* Resolve like path_resolution(7) says, over the model; returns the node
 * index or a negative errno. */
static int model_walk(int root, int start, bool unpriv, const char *path) {
  if (!*path)
    return -ENOENT;
  int cur = path[0] == '/' ? root : start;
  const char *p = path;
  for (;;) {
    while (*p == '/')
      p++;
    if (!*p)
      break;
    const char *q = p;
    while (*q && *q != '/')
      q++;
    size_t len = (size_t)(q - p);
    if (!m_dir(cur))
      return -ENOTDIR;
    if (unpriv && cur == NNOEXEC)
      return -EACCES;
    if (len == 1 && p[0] == '.') {
    } else if (len == 2 && p[0] == '.' && p[1] == '.') {
      if (cur != root) {
        if (model[cur].mounted_on >= 0)
          cur = model[cur].mounted_on;
        if (cur != root)
          cur = model[cur].parent;
      }
    } else {
      int child = -1;
      for (int n = 0; n < NNODES; n++)
        if (model[n].parent == cur && n != cur &&
            strlen(model[n].name) == len && memcmp(model[n].name, p, len) == 0)
          child = n;
      if (child < 0)
        return -ENOENT;
      cur = model[child].covered_by >= 0 ? model[child].covered_by : child;
    }
    p = q;
  }
  size_t n = strlen(path);
  if (path[n - 1] == '/' && !m_dir(cur))
    return -ENOTDIR;
  return cur;
}

static void test_random_paths(void) {
  static const char *parts[] = {"a", "b",      "c", "f",  "mnt", "x",
                                "y", "noexec", "g", "zz", ".",   ".."};
  static const int roots[] = {NR, NR, NA, NM};
  uint64_t rng = 88172645463325252ull;
  for (int i = 0; i < 20000; i++) {
    char path[128] = "";
    size_t at = 0;
#define RND(n) (rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17, rng % (n))
    if (RND(3) == 0)
      path[at++] = '/';
    unsigned k = 1 + (unsigned)RND(6);
    for (unsigned j = 0; j < k; j++) {
      const char *part = parts[RND(sizeof parts / sizeof parts[0])];
      memcpy(path + at, part, strlen(part));
      at += strlen(part);
      if (j + 1 < k || RND(4) == 0)
        for (unsigned s = 1 + (RND(5) == 0); s; s--)
          path[at++] = '/';
    }
    path[at] = '\0';
    int root = roots[RND(4)];
    int start = (int)RND(NNODES);
    if (start == NMNT)
      start = NM; /* a cwd is never a covered directory */
    bool unpriv = RND(4) == 0;
#undef RND
    int want = model_walk(root, start, unpriv, path);
    struct walk_ctx w = {unpriv ? &user : &boot, *model[root].ino,
                         *model[start].ino, 0};
    struct inode *got = NULL;
    int r = namei(&w, path, 0, &got);
    if (want >= 0)
      CHECK_MSG(r == 0 && got == *model[want].ino,
                "random \"%s\" (root %d, start %d): %d, model node %d", path,
                root, start, r, want);
    else
      CHECK_MSG(r == want, "random \"%s\" (root %d, start %d): %d, model %d",
                path, root, start, r, want);
    if (r == 0)
      inode_put(got);
    if (check_failures > 20)
      return;
  }
}

int main(void) {
  fs_fake_init(4096);
  build();
  make_long_paths();
  snprintf(f_long, sizeof f_long, "a/f/%s", long256 + 2);
  snprintf(noexec_long, sizeof noexec_long, "noexec/%s", long256 + 2);
  snprintf(nope_long, sizeof nope_long, "nope/%s", long256 + 2);
  long heap = fs_heap_live;
  struct inode **all[] = {&R, &A, &B,      &C, &F,     &MNT, &M,
                          &X, &Y, &NOEXEC, &G, &L_REL, &K0,  &LOOP1};
  int refs[sizeof all / sizeof all[0]];
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    refs[i] = (*all[i])->refs;
  test_walks();
  test_parents();
  test_child();
  test_limits();
  test_path_of();
  test_random_paths();
  /* Walks hold nothing once done: every reference was dropped. */
  CHECK(fs_heap_live == heap);
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    CHECK_MSG((*all[i])->refs == refs[i], "inode %llu: %d references, was %d",
              (unsigned long long)(*all[i])->ino, (*all[i])->refs, refs[i]);
  return check_done("unit.fs.namei");
}
