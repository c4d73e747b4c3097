/* proc.magic_links: /proc/<pid>/fd/N, cwd and exe are magic links: opening
 * one opens the file itself, not a path (proc(5)). A pipe end reopens the
 * same pipe (in either mode, as a FIFO opens), an unlinked file reopens
 * with nlink 0 (its link says "(deleted)", and O_CREAT|O_EXCL is EEXIST),
 * an O_PATH or read-only descriptor reopens in any mode its inode allows;
 * anon-inode files and sockets cannot be reopened (ENXIO); O_NOFOLLOW
 * refuses the link (ELOOP) unless with O_PATH; exe opens the running
 * program, which refuses writers (ETXTBSY). */
#define _GNU_SOURCE
#include "contract.h"

#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>

/* openat2(2)'s struct open_how and RESOLVE_* bits (musl has neither). */
struct open_how {
  unsigned long long flags, mode, resolve;
};
#define RESOLVE_NO_MAGICLINKS 0x02
#define RESOLVE_BENEATH 0x08
#define RESOLVE_IN_ROOT 0x10
static long reopen(int fd, int flags) {
  char p[64];
  snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
  return rs(open(p, flags));
}
int main(void) {
  int p[2];
  pipe(p);
  long w = reopen(p[1], O_WRONLY);
  printf("pipe write end reopened: %s\n", ename(w));
  if (w >= 0) {
    write(w, "hi", 2);
    char b[4] = {0};
    read(p[0], b, 2);
    printf("read from old end: %s\n", b);
  }
  long r = reopen(p[0], O_RDONLY | O_NONBLOCK);
  printf("pipe read end reopened: %s\n", ename(r));
  long rw = reopen(p[0], O_RDWR);
  printf("pipe read end reopened O_RDWR: %s\n", ename(rw));
  struct stat a, b2;
  fstat(p[0], &a);
  if (w >= 0) {
    fstat(w, &b2);
    printf("same inode: %d\n", a.st_ino == b2.st_ino);
  }
  int f = open("f", O_RDWR | O_CREAT, 0600);
  write(f, "data", 4);
  unlink("f");
  char l[128];
  char pp[64];
  snprintf(pp, 64, "/proc/self/fd/%d", f);
  long n = readlink(pp, l, 127);
  l[n > 0 ? n : 0] = 0;
  printf("deleted link: %s\n", l);
  long d = reopen(f, O_RDONLY);
  printf("deleted file reopened: %s\n", ename(d));
  if (d >= 0) {
    char x[5] = {0};
    read(d, x, 4);
    printf("  reads %s\n", x);
    struct stat s;
    fstat(d, &s);
    printf("  nlink %ld\n", (long)s.st_nlink);
  }
  long dd = reopen(f, O_RDONLY | O_CREAT | O_EXCL);
  printf("deleted file O_CREAT|O_EXCL: %s\n", ename(dd));
  int e = eventfd(0, 0);
  printf("eventfd reopened: %s\n", ename(reopen(e, O_RDWR)));
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  printf("socket reopened: %s\n", ename(reopen(sv[0], O_RDWR)));
  printf("cwd O_DIRECTORY: %s\n",
         ename(rs(open("/proc/self/cwd", O_RDONLY | O_DIRECTORY))));
  int exe = open("/proc/self/exe", O_RDONLY);
  char magic[4] = {0};
  printf("exe: %s, starts with ELF magic: %s\n", ename(rs(exe)),
         exe >= 0 && read(exe, magic, 4) == 4 &&
                 memcmp(magic, "\177ELF", 4) == 0
             ? "yes"
             : "no");
  /* A running program's file takes no writers (deny_write_access). */
  printf("exe for writing: %s, read-write: %s\n",
         ename(rs(open("/proc/self/exe", O_WRONLY))),
         ename(rs(open("/proc/self/exe", O_RDWR))));
  /* openat2: magic links are refused by NO_MAGICLINKS and in scoped
   * walks. */
  struct open_how how = {.flags = O_RDONLY};
  snprintf(pp, sizeof pp, "/proc/self/fd/%d", exe);
  how.resolve = RESOLVE_NO_MAGICLINKS;
  printf("openat2 NO_MAGICLINKS: %s\n",
         ename(rs(syscall(SYS_openat2, AT_FDCWD, pp, &how, sizeof how))));
  int self = open("/proc/self", O_RDONLY | O_DIRECTORY);
  snprintf(pp, sizeof pp, "fd/%d", exe);
  how.resolve = RESOLVE_BENEATH;
  printf("openat2 BENEATH /proc/self: %s\n",
         ename(rs(syscall(SYS_openat2, self, pp, &how, sizeof how))));
  how.resolve = RESOLVE_IN_ROOT;
  printf("openat2 IN_ROOT /proc/self: %s\n",
         ename(rs(syscall(SYS_openat2, self, pp, &how, sizeof how))));
  how.resolve = 0;
  printf("openat2 plain: %s\n",
         ename(rs(syscall(SYS_openat2, self, pp, &how, sizeof how))));
  int ro = open("g", O_RDONLY | O_CREAT, 0644);
  printf("O_RDONLY fd reopened O_RDWR: %s\n", ename(reopen(ro, O_RDWR)));
  printf("fd/N O_NOFOLLOW: %s\n", ename(reopen(ro, O_RDONLY | O_NOFOLLOW)));
  printf("fd/N O_PATH|O_NOFOLLOW: %s\n",
         ename(reopen(ro, O_PATH | O_NOFOLLOW)));
  int op = open("g", O_PATH);
  printf("O_PATH fd reopened O_RDONLY: %s\n", ename(reopen(op, O_RDONLY)));
  printf("stat via fd link st_ino same: ");
  {
    struct stat s1, s2;
    snprintf(pp, 64, "/proc/self/fd/%d", ro);
    stat(pp, &s1);
    fstat(ro, &s2);
    printf("%d\n", s1.st_ino == s2.st_ino);
  }
  return finish("magic_links");
}
