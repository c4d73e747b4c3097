/* proc.seq_reads: /proc files read as seq_file makes them: reads of 1 or 7
 * bytes at a time give what one big read gives, pread at an offset gives
 * the rest of the text from there, reads at or past the end give 0;
 * lseek takes SEEK_SET and SEEK_CUR only (SEEK_END, SEEK_DATA and a
 * negative result are EINVAL); the files report size 0; a bad buffer is
 * EFAULT. */
#define _GNU_SOURCE
#include "contract.h"

#include <fcntl.h>
#include <sys/stat.h>

static char whole[65536], pieces[65536];

/* The file read in pieces of `step` bytes. */
static long read_by(const char *path, size_t step) {
  int fd = open(path, O_RDONLY);
  long n = 0, r;
  while ((r = read(fd, pieces + n, step)) > 0)
    n += r;
  close(fd);
  return r < 0 ? -1 : n;
}

static void same_in_pieces(const char *path) {
  char what[128];
  long n = slurp(path, whole, sizeof whole);
  long one = read_by(path, 1);
  snprintf(what, sizeof what, "%s: 1-byte reads give the whole text", path);
  check(n > 0 && one == n && memcmp(whole, pieces, (size_t)n) == 0, what);
  long seven = read_by(path, 7);
  snprintf(what, sizeof what, "%s: 7-byte reads too", path);
  check(seven == n && memcmp(whole, pieces, (size_t)n) == 0, what);
}

int main(void) {
  same_in_pieces("/proc/self/maps");
  same_in_pieces("/proc/self/limits");
  same_in_pieces("/proc/version");
  same_in_pieces("/proc/self/cmdline");
  same_in_pieces("/proc/filesystems");

  long n = slurp("/proc/self/limits", whole, sizeof whole);
  int fd = open("/proc/self/limits", O_RDONLY);
  char buf[4096];
  long r = pread(fd, buf, sizeof buf, 10);
  check(r == n - 10 && memcmp(buf, whole + 10, (size_t)r) == 0,
        "pread at 10 gives the text from 10");
  check(pread(fd, buf, sizeof buf, n) == 0, "pread at the end gives 0");
  check(pread(fd, buf, sizeof buf, n + 1000) == 0,
        "pread past the end gives 0");
  expect("lseek SEEK_SET 5", rs(lseek(fd, 5, SEEK_SET)) == 5 ? 0 : -1, "ok");
  r = read(fd, buf, 3);
  check(r == 3 && memcmp(buf, whole + 5, 3) == 0, "read after it starts at 5");
  check(lseek(fd, 0, SEEK_CUR) == 8, "SEEK_CUR 0 tells 8");
  check(lseek(fd, 2, SEEK_CUR) == 10, "SEEK_CUR 2 goes to 10");
  expect("lseek SEEK_END", rs(lseek(fd, 0, SEEK_END)), "EINVAL");
  expect("lseek SEEK_DATA", rs(lseek(fd, 0, SEEK_DATA)), "EINVAL");
  expect("lseek SEEK_CUR to -1", rs(lseek(fd, -11, SEEK_CUR)), "EINVAL");
  expect("lseek whence 99", rs(lseek(fd, 0, 99)), "EINVAL");
  check(lseek(fd, 0, SEEK_CUR) == 10, "a failed lseek leaves the offset");
  check(lseek(fd, 1 << 20, SEEK_SET) == 1 << 20 && read(fd, buf, 9) == 0,
        "far past the end: lseek works, read gives 0");
  check(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, sizeof buf) == n,
        "back to 0: all of it again");
  check(read(fd, buf, sizeof buf) == 0, "then 0 at the end");
  expect("read into a bad buffer", rs(syscall(SYS_pread64, fd, 8, 64, 0)),
         "EFAULT");
  expect("read into a kernel address",
         rs(syscall(SYS_pread64, fd, -4096L, 64, 0)), "EFAULT");
  struct stat st;
  check(fstat(fd, &st) == 0 && st.st_size == 0 && S_ISREG(st.st_mode),
        "a regular file of size 0");
  close(fd);
  expect("open a /proc dir for writing",
         rs(syscall(SYS_openat, -100, "/proc/self", O_WRONLY)), "EISDIR");
  return finish("proc.seq_reads");
}
