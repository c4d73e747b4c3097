/* fs.getdents_atime: getdents64 moves a directory's atime as a read moves
 * a file's (iterate_dir's file_accessed, under relatime, the default of
 * the tmpfs on /tmp): after every call that reached the directory, even
 * one at the end, one whose buffer is too small (EINVAL) or one whose
 * copy faulted (EFAULT); only while atime is not after mtime or ctime or
 * is a day old; never with O_NOATIME, for read(2) (EISDIR), or for a
 * removed directory (ENOENT). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include "contract.h"

static char buf[4096];

static struct timespec atime_of(int fd) {
  struct stat st;
  fstat(fd, &st);
  return st.st_atim;
}

/* Longer than any clock tick, so a moved atime always differs. */
static void nap(void) {
  struct timespec t = {0, 30 * 1000 * 1000};
  nanosleep(&t, 0);
}

static void mk(const char *n) {
  nap();
  close(open(n, O_CREAT | O_WRONLY, 0600));
  nap();
}

/* One getdents64 call on fd of `size` bytes at `where`: what it returned
 * and whether the atime moved. */
static void step(const char *what, int fd, void *where, size_t size) {
  struct timespec a = atime_of(fd);
  nap();
  long n = rs(syscall(SYS_getdents64, fd, where, size));
  struct timespec b = atime_of(fd);
  int moved = a.tv_sec != b.tv_sec || a.tv_nsec != b.tv_nsec;
  printf("%s: %s, atime %s\n", what, n >= 0 ? (n ? "entries" : "0") : ename(n),
         moved ? "moved" : "same");
}

int main(void) {
  mkdir("d", 0755);
  mk("d/f");
  int fd = open("d", O_RDONLY | O_DIRECTORY);
  step("first listing, atime before mtime", fd, buf, sizeof buf);
  step("at the end", fd, buf, sizeof buf);
  lseek(fd, 0, SEEK_SET);
  step("again, atime after mtime and ctime", fd, buf, sizeof buf);
  mk("d/g");
  step("at the end after a new name", fd, buf, sizeof buf);
  step("at the end again", fd, buf, sizeof buf);
  mk("d/h");
  lseek(fd, 0, SEEK_SET);
  step("a buffer too small", fd, buf, 10);
  mk("d/i");
  step("a buffer that faults", fd, (void *)8, sizeof buf);
  mk("d/j");
  int nfd = open("d", O_RDONLY | O_DIRECTORY | O_NOATIME);
  step("O_NOATIME", nfd, buf, sizeof buf);
  struct timespec a = atime_of(fd);
  nap();
  expect("read", rs(read(fd, buf, 10)), "EISDIR");
  struct timespec b = atime_of(fd);
  printf("read leaves atime %s\n",
         a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec ? "same" : "moved");
  step("without O_NOATIME", fd, buf, sizeof buf);
  struct timespec old[2] = {{86400, 0}, {0, UTIME_OMIT}};
  utimensat(AT_FDCWD, "d", old, 0);
  nap();
  lseek(fd, 0, SEEK_SET);
  step("atime set back (utimensat moved ctime)", fd, buf, sizeof buf);
  step("atime just moved", fd, buf, sizeof buf);
  for (const char *n = "fghij"; *n; n++) {
    char path[8] = {'d', '/', *n, 0};
    unlink(path);
  }
  nap();
  rmdir("d");
  step("a removed directory", fd, buf, sizeof buf);
  close(nfd);
  close(fd);
  return finish("getdents_atime");
}
