/* fd.fstat_kinds: what fstat says about each kind of descriptor: a
 * pipe's two ends (FIFO, mode 0600, one inode, a device of its own), a
 * regular file, a directory, /dev/null, an O_PATH descriptor of a
 * symlink (the link itself), and fstat's EBADF and EFAULT. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

static const char *kind(mode_t m) {
  return S_ISREG(m) ? "regular" : S_ISDIR(m) ? "directory" : S_ISCHR(m) ? "char"
       : S_ISFIFO(m) ? "fifo" : S_ISLNK(m) ? "symlink" : S_ISSOCK(m) ? "socket" : "other";
}

static void show(const char *what, int fd) {
  struct stat st;
  if (fstat(fd, &st)) {
    printf("%s: %s\n", what, errno_name(errno));
    failed = 1;
    return;
  }
  printf("%s: %s mode %o nlink %ld size %ld uid %u\n", what, kind(st.st_mode),
         st.st_mode & 07777, (long)st.st_nlink, (long)st.st_size, st.st_uid);
}

int main(void) {
  int p[2];
  pipe(p);
  show("pipe read end", p[0]);
  show("pipe write end", p[1]);
  struct stat a, b, t;
  fstat(p[0], &a);
  fstat(p[1], &b);
  stat(".", &t);
  printf("pipe ends: same inode %d, same dev %d, dev differs from /tmp %d\n",
         a.st_ino == b.st_ino, a.st_dev == b.st_dev, a.st_dev != t.st_dev);
  write(p[1], "abcde", 5);
  fstat(p[0], &a);
  printf("pipe size with 5 bytes queued: %ld\n", (long)a.st_size);
  int q[2];
  pipe(q);
  fstat(q[0], &b);
  printf("another pipe: other inode %d, same dev %d\n", a.st_ino != b.st_ino,
         a.st_dev == b.st_dev);
  int f = open("f", O_CREAT | O_RDWR, 0640);
  write(f, "12", 2);
  show("regular", f);
  show("directory", open(".", O_RDONLY | O_DIRECTORY));
  show("/dev/null", open("/dev/null", O_RDONLY));
  symlink("f", "l");
  show("O_PATH|O_NOFOLLOW symlink", open("l", O_PATH | O_NOFOLLOW));
  show("O_PATH through the symlink", open("l", O_PATH));
  mkfifo("ff", 0640);
  show("O_PATH fifo", open("ff", O_PATH));
  expect("fstat a closed fd", rs(fstat(99, &a)), "EBADF");
  expect("fstat into a bad buffer", rs(syscall(SYS_fstat, f, 8)), "EFAULT");
  return finish("fstat_kinds");
}
