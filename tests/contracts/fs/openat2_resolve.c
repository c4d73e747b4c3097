/* fs.openat2_resolve: openat2(2)'s RESOLVE_* flags on a tree with
 * relative and absolute symlinks and a mount point (/tmp itself, a tmpfs
 * over the root): NO_SYMLINKS (ELOOP, or the link itself with
 * O_PATH|O_NOFOLLOW), NO_XDEV (EXDEV crossing a mount either way, an
 * absolute path argument allowed), BENEATH (EXDEV for an absolute path,
 * ".." above the dirfd or an absolute link; ".." that stays below is
 * fine), IN_ROOT (the dirfd is "/": ".." stops there, absolute links
 * resolve inside), NO_MAGICLINKS, CACHED (EAGAIN with O_CREAT/O_TRUNC),
 * and BENEATH|IN_ROOT together EINVAL. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#include "contract.h"

#define NO_XDEV 0x01
#define NO_MAGICLINKS 0x02
#define NO_SYMLINKS 0x04
#define BENEATH 0x08
#define IN_ROOT 0x10
#define CACHED 0x20

struct how {
  unsigned long long flags, mode, resolve;
};

static long o2(int dfd, const char *p, unsigned long long flags,
               unsigned long long resolve) {
  struct how h = {flags, flags & O_CREAT ? 0600 : 0, resolve};
  long fd = rs(syscall(SYS_openat2, dfd, p, &h, sizeof h));
  if (fd >= 0)
    close((int)fd);
  return fd;
}

/* Which file an open reached: the first byte of what it reads. */
static const char *which(int dfd, const char *p, unsigned long long resolve) {
  static char got[16];
  struct how h = {O_RDONLY, 0, resolve};
  long fd = rs(syscall(SYS_openat2, dfd, p, &h, sizeof h));
  if (fd < 0)
    return ename(fd);
  memset(got, 0, sizeof got);
  if (read((int)fd, got, sizeof got - 1) <= 0)
    strcpy(got, "(empty)");
  close((int)fd);
  return got;
}

static void put(const char *path, const char *text) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  write(fd, text, strlen(text));
  close(fd);
}

int main(void) {
  char cwd[PATH_MAX];
  getcwd(cwd, sizeof cwd);
  mkdir("top", 0755);
  mkdir("top/sub", 0755);
  put("top/file", "top-file");
  put("top/sub/file", "sub-file");
  put("outside", "outside");
  symlink("file", "top/rel");
  symlink("../outside", "top/up");
  symlink("sub", "top/dirlink");
  char abs[PATH_MAX + 16];
  snprintf(abs, sizeof abs, "%s/top/file", cwd);
  symlink(abs, "top/abs");
  symlink("/file", "top/rootabs");
  symlink("/etc", "top/etc");
  int top = open("top", O_RDONLY | O_DIRECTORY);

  printf("plain rel link: %s\n", which(top, "rel", 0));
  expect("NO_SYMLINKS, trailing link", o2(top, "rel", O_RDONLY, NO_SYMLINKS),
         "ELOOP");
  expect("NO_SYMLINKS, link in the middle",
         o2(top, "dirlink/file", O_RDONLY, NO_SYMLINKS), "ELOOP");
  expect("NO_SYMLINKS, O_PATH|O_NOFOLLOW on a link",
         o2(top, "rel", O_PATH | O_NOFOLLOW, NO_SYMLINKS), "ok");
  expect("NO_SYMLINKS, O_NOFOLLOW without O_PATH",
         o2(top, "rel", O_RDONLY | O_NOFOLLOW, NO_SYMLINKS), "ELOOP");
  expect("NO_SYMLINKS, no link", o2(top, "sub/file", O_RDONLY, NO_SYMLINKS),
         "ok");
  expect("NO_MAGICLINKS, plain links still work",
         o2(top, "rel", O_RDONLY, NO_MAGICLINKS), "ok");

  printf("BENEATH sub/../file: %s\n", which(top, "sub/../file", BENEATH));
  printf("BENEATH rel: %s\n", which(top, "rel", BENEATH));
  expect("BENEATH ..", o2(top, "../outside", O_RDONLY, BENEATH), "EXDEV");
  expect("BENEATH sub/../../outside",
         o2(top, "sub/../../outside", O_RDONLY, BENEATH), "EXDEV");
  expect("BENEATH a link up and out", o2(top, "up", O_RDONLY, BENEATH),
         "EXDEV");
  expect("BENEATH an absolute link", o2(top, "abs", O_RDONLY, BENEATH),
         "EXDEV");
  expect("BENEATH an absolute path", o2(top, abs, O_RDONLY, BENEATH), "EXDEV");
  expect("BENEATH with AT_FDCWD, ..", o2(AT_FDCWD, "../x", O_RDONLY, BENEATH),
         "EXDEV");
  expect("BENEATH create inside",
         o2(top, "sub/new", O_CREAT | O_WRONLY, BENEATH), "ok");
  expect("BENEATH create through ..",
         o2(top, "../new2", O_CREAT | O_WRONLY, BENEATH), "EXDEV");
  check(access("new2", F_OK) != 0, "nothing created outside");

  printf("IN_ROOT /file: %s\n", which(top, "/file", IN_ROOT));
  printf("IN_ROOT ../../file: %s\n", which(top, "../../file", IN_ROOT));
  printf("IN_ROOT rootabs (-> /file): %s\n", which(top, "rootabs", IN_ROOT));
  printf("IN_ROOT up (-> ../outside): %s\n", which(top, "up", IN_ROOT));
  printf("IN_ROOT etc/passwd (-> /etc): %s\n",
         which(top, "etc/passwd", IN_ROOT));
  printf("IN_ROOT /sub/file: %s\n", which(top, "/sub/file", IN_ROOT));
  expect("IN_ROOT|BENEATH", o2(top, "file", O_RDONLY, IN_ROOT | BENEATH),
         "EINVAL");

  /* cwd is a tmpfs mounted over the root filesystem's /tmp. */
  int root = open("/", O_RDONLY | O_DIRECTORY);
  char rel[PATH_MAX + 16];
  snprintf(rel, sizeof rel, "%s/top/file", cwd + 1);
  printf("from / without NO_XDEV: %s\n", which(root, rel, 0));
  expect("NO_XDEV from / down into the mount", o2(root, rel, O_RDONLY, NO_XDEV),
         "EXDEV");
  expect("NO_XDEV up out of the mount", o2(top, "../..", O_RDONLY, NO_XDEV),
         "EXDEV");
  expect("NO_XDEV absolute path inside the mount",
         o2(top, abs, O_RDONLY, NO_XDEV), "EXDEV");
  expect("NO_XDEV relative inside", o2(top, "sub/file", O_RDONLY, NO_XDEV),
         "ok");
  expect("NO_XDEV absolute link inside the mount",
         o2(top, "abs", O_RDONLY, NO_XDEV), "EXDEV");
  expect("NO_XDEV .. inside the mount",
         o2(top, "sub/../file", O_RDONLY, NO_XDEV), "ok");
  expect("NO_XDEV \"/\" itself", o2(top, "/", O_RDONLY, NO_XDEV), "ok");

  expect("CACHED with O_CREAT", o2(top, "file", O_CREAT | O_RDWR, CACHED),
         "EAGAIN");
  expect("CACHED with O_TRUNC", o2(top, "file", O_TRUNC | O_RDWR, CACHED),
         "EAGAIN");
  expect("CACHED, a file just used", o2(top, "file", O_RDONLY, CACHED), "ok");
  expect("unknown resolve bit 0x40", o2(top, "file", O_RDONLY, 0x40), "EINVAL");
  close(root);
  close(top);
  return finish("fs.openat2_resolve");
}
