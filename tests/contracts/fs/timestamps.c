/* fs.timestamps: which calls change which times, seen as relations to a
 * time set in the past by utimensat (so the clock's grain never
 * matters): write and truncate change mtime and ctime; chmod, chown,
 * link, rename and unlink of a name change only the inode's ctime; reads
 * change nothing here (atime is relatime); names added or removed change
 * the directory's mtime and ctime. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include "contract.h"

#define OLD 1000000000L

static void age(const char *p) {
  struct timespec ts[2] = {{OLD, 0}, {OLD, 0}};
  utimensat(AT_FDCWD, p, ts, AT_SYMLINK_NOFOLLOW);
}

/* Which of atime, mtime and ctime are not OLD (a time in 2001). */
static void show(const char *what, const char *p) {
  struct stat st;
  if (lstat(p, &st)) {
    printf("%s: %s\n", what, errno_name(errno));
    return;
  }
  printf("%s: atime %s mtime %s ctime %s\n", what,
         st.st_atime == OLD ? "same" : "changed", st.st_mtime == OLD ? "same" : "changed",
         st.st_ctime == OLD ? "same" : "changed");
}

/* ctime cannot be set by utimensat (it becomes "now"), so it is compared
 * with its value right after aging, and every call under test comes 20ms
 * later: far more than any clock's grain. */
static struct timespec ct(const char *p) {
  struct stat st;
  lstat(p, &st);
  nanosleep(&(struct timespec){0, 20000000}, 0);
  return st.st_ctim;
}

static int same_ts(struct timespec a, struct timespec b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static void rel(const char *what, const char *p, struct timespec c0) {
  struct stat st;
  lstat(p, &st);
  printf("%s: atime %s mtime %s ctime %s\n", what, st.st_atime == OLD ? "same" : "changed",
         st.st_mtime == OLD ? "same" : "changed",
         same_ts(st.st_ctim, c0) ? "same" : "changed");
  if (st.st_ctim.tv_sec < c0.tv_sec)
    failed = 1;
}

/* Ages p and notes its ctime (then waits, see ct()). */
static struct timespec prep(const char *p) {
  age(p);
  return ct(p);
}

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0644);
  mkdir("d", 0755);
  age("f");
  show("after utimensat", "f");
  struct timespec c0 = prep("f"), d0;
  char b[4];
  write(fd, "abc", 3);
  rel("write", "f", c0);
  c0 = prep("f");
  pread(fd, b, 3, 0);
  rel("pread", "f", c0);
  c0 = prep("f");
  ftruncate(fd, 1);
  rel("ftruncate shrink", "f", c0);
  c0 = prep("f");
  ftruncate(fd, 1);
  rel("ftruncate to the same size", "f", c0);
  c0 = prep("f");
  truncate("f", 5);
  rel("truncate grow", "f", c0);
  c0 = prep("f");
  pwrite(fd, "", 0, 0);
  rel("write of 0 bytes", "f", c0);
  c0 = prep("f");
  chmod("f", 0600);
  rel("chmod", "f", c0);
  c0 = prep("f");
  chown("f", 0, 0);
  rel("chown to the same owner", "f", c0);
  c0 = prep("f");
  d0 = prep("d");
  link("f", "d/hard");
  rel("link: the file", "f", c0);
  rel("link: the directory", "d", d0);
  c0 = prep("f");
  d0 = prep("d");
  rename("d/hard", "d/moved");
  rel("rename within d: the file", "f", c0);
  rel("rename within d: the directory", "d", d0);
  c0 = prep("f");
  d0 = prep("d");
  unlink("d/moved");
  rel("unlink one name: the file", "f", c0);
  rel("unlink one name: the directory", "d", d0);
  d0 = prep("d");
  close(open("d/new", O_CREAT | O_WRONLY, 0600));
  rel("create in d: the directory", "d", d0);
  d0 = prep("d");
  close(open("d/new", O_CREAT | O_WRONLY, 0600));
  rel("open O_CREAT of an existing name: the directory", "d", d0);
  struct stat st;
  stat("d/new", &st);
  printf("a new file: atime==mtime %d mtime==ctime %d\n",
         st.st_atim.tv_sec == st.st_mtim.tv_sec && st.st_atim.tv_nsec == st.st_mtim.tv_nsec,
         st.st_mtim.tv_sec == st.st_ctim.tv_sec && st.st_mtim.tv_nsec == st.st_ctim.tv_nsec);
  d0 = prep("d");
  mkdir("d/sub", 0700);
  rel("mkdir in d: the directory", "d", d0);
  c0 = prep("d/new");
  int t = open("d/new", O_WRONLY | O_TRUNC);
  rel("O_TRUNC of an empty file", "d/new", c0);
  write(t, "z", 1);
  c0 = prep("d/new");
  close(open("d/new", O_WRONLY | O_TRUNC));
  rel("O_TRUNC", "d/new", c0);
  return finish("timestamps");
}
