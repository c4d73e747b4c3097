/* fs.getdents_order: tmpfs's listing order and its d_off positions
 * (Linux's stable directory offsets): every new name gets the directory's
 * next offset and is listed first; a rename onto a name takes that name's
 * offset, a rename to a new name a new offset, RENAME_EXCHANGE leaves each
 * name its offset and lists both first (the new name before the old); a
 * listing resumes at the entry with the largest offset at or below the
 * position (the first entry when none is), the end is 0x7fffffff, and
 * lseek on a directory takes SEEK_SET and SEEK_CUR only. telldir, seekdir
 * and rewinddir are musl's, on those positions. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

struct d64 {
  unsigned long long ino;
  long long off;
  unsigned short reclen;
  unsigned char type;
  char name[];
};

static char buf[8192];

/* Lists the open directory fd from where it stands as name@d_off. */
static void list_fd(const char *what, int fd) {
  long n;
  printf("%s:", what);
  while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
    for (long p = 0; p < n;) {
      struct d64 *d = (struct d64 *)(buf + p);
      printf(" %s@%lld", d->name, d->off);
      p += d->reclen;
    }
  printf(" (%s)\n", n == 0 ? "end" : ename(rs(n)));
}

static void list(const char *what, const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY);
  list_fd(what, fd);
  close(fd);
}

static void mk(const char *n) {
  close(open(n, O_CREAT | O_WRONLY, 0600));
}

static void seek_list(int fd, long long pos) {
  char what[64];
  snprintf(what, sizeof what, "from %lld", pos);
  lseek(fd, pos, SEEK_SET);
  list_fd(what, fd);
}

int main(void) {
  list("a fresh /tmp", ".");
  mkdir("d", 0755);
  mkdir("e", 0755);
  list("empty", "d");
  mk("d/a");
  mk("d/b");
  mk("d/c");
  list("a b c", "d");
  check(syscall(SYS_renameat2, AT_FDCWD, "d/a", AT_FDCWD, "d/c", 2) == 0,
        "RENAME_EXCHANGE");
  list("exchange a c", "d");
  rename("d/b", "d/a");
  list("b onto a", "d");
  struct stat st;
  stat("d/x", &st); /* a failed lookup leaves no trace in the order */
  mk("d/y");
  mk("d/x");
  list("y then x", "d");
  unlink("d/y");
  mk("d/y");
  list("y removed and made again", "d");
  link("d/c", "d/l");
  list("c linked as l", "d");
  mk("e/p");
  mk("e/q");
  rename("d/c", "e/p");
  list("d after d/c onto e/p", "d");
  list("e", "e");
  rename("e/q", "d/q");
  list("d after e/q to d/q", "d");
  check(syscall(SYS_renameat2, AT_FDCWD, "d/x", AT_FDCWD, "e/p", 2) == 0,
        "RENAME_EXCHANGE across directories");
  list("d after exchanging d/x and e/p", "d");
  list("e", "e");
  mkdir("d/sub", 0700);
  list("with a directory", "d");

  /* Positions. */
  int fd = open("d", O_RDONLY | O_DIRECTORY);
  long long pos[] = {0,        1, 2,   3,          4,          5,
                     7,        8, 100, 0x7ffffffe, 0x7fffffff, 0x80000000LL,
                     1LL << 40};
  for (unsigned i = 0; i < sizeof pos / sizeof pos[0]; i++)
    seek_list(fd, pos[i]);
  printf("after the end lseek SEEK_CUR says %lld\n",
         (long long)lseek(fd, 0, SEEK_CUR));
  expect("SEEK_END", rs(lseek(fd, 0, SEEK_END)), "EINVAL");
  expect("SEEK_DATA", rs(lseek(fd, 0, SEEK_DATA)), "EINVAL");
  expect("SEEK_HOLE", rs(lseek(fd, 0, SEEK_HOLE)), "EINVAL");
  expect("SEEK_SET -1", rs(lseek(fd, -1, SEEK_SET)), "EINVAL");
  lseek(fd, 5, SEEK_SET);
  printf("SEEK_CUR +3 from 5: %ld\n", rs(lseek(fd, 3, SEEK_CUR)));
  expect("SEEK_CUR -9 from 8", rs(lseek(fd, -9, SEEK_CUR)), "EINVAL");

  /* Removed and added while listed: resuming after a removed position
   * falls back to the next lower offset. */
  lseek(fd, 0, SEEK_SET);
  long n = rs(syscall(SYS_getdents64, fd, buf, 72)); /* ".", "..", one */
  struct d64 *d = (struct d64 *)buf;
  long long last = 0;
  for (long p = 0; p < n; p += d->reclen) {
    d = (struct d64 *)(buf + p);
    printf("first call: %s@%lld\n", d->name, d->off);
    last = d->off;
  }
  printf("position %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  unlink("d/x"); /* the next entry, where the position points */
  mk("d/new");
  list_fd("after removing the next entry and adding one", fd);
  seek_list(fd, last);
  close(fd);

  /* musl's telldir/seekdir/rewinddir over these positions. */
  DIR *dir = opendir("d");
  struct dirent *de;
  long mark = -1;
  char after_mark[64] = "";
  int k = 0;
  while ((de = readdir(dir))) {
    if (k == 3)
      mark = telldir(dir);
    if (k == 4)
      snprintf(after_mark, sizeof after_mark, "%.60s", de->d_name);
    k++;
  }
  printf("readdir saw %d, telldir after the 4th: %ld\n", k, mark);
  seekdir(dir, mark);
  de = readdir(dir);
  check(de && strcmp(de->d_name, after_mark) == 0,
        "seekdir returns to the 5th entry");
  printf("after seekdir: %s\n", de ? de->d_name : "(none)");
  rewinddir(dir);
  de = readdir(dir);
  printf("after rewinddir: %s\n", de ? de->d_name : "(none)");
  closedir(dir);
  return finish("getdents_order");
}
