/* fs.getdents_order: tmpfs's listing order and what its d_off positions
 * promise: "." and ".." first, then every new name is listed first; a
 * rename onto a name takes that name's place, a rename to a new name goes
 * first, RENAME_EXCHANGE lists both first (the new name before the old);
 * seeking to an entry's d_off resumes with the entry after it, and to 0
 * from the start; an entry removed while the directory is being listed is
 * not listed after, nor one added; lseek on a directory takes SEEK_SET and
 * SEEK_CUR only. telldir, seekdir and rewinddir are musl's, on those
 * positions. The d_off values themselves are not printed: Linux 6.6+
 * gives stable offsets (the end 0x7fffffff), 6.1 the index in the list
 * (docs/reference.md, docs/files.md). */
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

#define MAXENT 16

/* One listing: the names in order and each one's d_off. */
struct listing {
  int n;
  char name[MAXENT][32];
  long long off[MAXENT];
};

/* Reads the open directory fd from where it stands into *l; returns the
 * last getdents64 result (0 at the end). */
static long read_fd(int fd, struct listing *l) {
  long n;
  l->n = 0;
  while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
    for (long p = 0; p < n;) {
      struct d64 *d = (struct d64 *)(buf + p);
      if (l->n < MAXENT) {
        snprintf(l->name[l->n], sizeof l->name[0], "%.30s", d->name);
        l->off[l->n++] = d->off;
      }
      p += d->reclen;
    }
  return n;
}

/* Lists the open directory fd from where it stands, names in order. */
static void list_fd(const char *what, int fd) {
  struct listing l;
  long n = read_fd(fd, &l);
  printf("%s:", what);
  for (int i = 0; i < l.n; i++)
    printf(" %s", l.name[i]);
  printf(" (%s)\n", n == 0 ? "end" : ename(rs(n)));
}

static int listed(const struct listing *l, const char *name) {
  for (int i = 0; i < l->n; i++)
    if (!strcmp(l->name[i], name))
      return 1;
  return 0;
}

static void list(const char *what, const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY);
  list_fd(what, fd);
  close(fd);
}

static void mk(const char *n) {
  close(open(n, O_CREAT | O_WRONLY, 0600));
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

  /* Positions: each entry's d_off resumes the listing after it. */
  int fd = open("d", O_RDONLY | O_DIRECTORY);
  struct listing all, from;
  read_fd(fd, &all);
  lseek(fd, 0, SEEK_SET);
  list_fd("from 0", fd);
  for (int i = 0; i < all.n; i++) {
    lseek(fd, all.off[i], SEEK_SET);
    read_fd(fd, &from);
    int same = from.n == all.n - i - 1;
    for (int j = 0; same && j < from.n; j++)
      same = !strcmp(from.name[j], all.name[i + 1 + j]);
    printf("from the d_off of %s: %s\n", all.name[i],
           same ? "the entries after it" : "something else");
  }
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
    printf("first call: %s\n", d->name);
    last = d->off;
  }
  printf("the position is the last d_off: %d\n",
         lseek(fd, 0, SEEK_CUR) == last);
  unlink("d/x"); /* the next entry, where the position points */
  mk("d/new");
  read_fd(fd, &from);
  printf("after removing the next entry and adding one: x listed %d, new "
         "listed %d\n",
         listed(&from, "x"), listed(&from, "new"));
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
  printf("readdir saw %d\n", k);
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
