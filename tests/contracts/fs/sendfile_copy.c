/* fs.sendfile_copy: sendfile(2) and copy_file_range(2) between files on
 * tmpfs: which offset moves (the given one or the file's), counts cut at
 * the end of the input, the data itself; sendfile into a pipe and
 * /dev/null; RLIMIT_FSIZE (EFBIG); and every error sendfile(2) and
 * copy_file_range(2) list, in Linux's order of checks. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

#include "contract.h"

static long sf(int out, int in, off_t *off, size_t n) {
  return rs(syscall(SYS_sendfile, out, in, off, n));
}

static long cfr(int in, off_t *oi, int out, off_t *oo, size_t n, unsigned fl) {
  return rs(syscall(SYS_copy_file_range, in, oi, out, oo, n, fl));
}

static long pos(int fd) {
  return (long)lseek(fd, 0, SEEK_CUR);
}

static char pattern(long i) {
  return (char)('a' + i % 23);
}

/* Does file `fd` hold pattern bytes [from, from+n) at offset `at`? */
static int holds(int fd, long at, long from, long n) {
  char buf[256];
  for (long done = 0; done < n;) {
    long k = n - done < (long)sizeof buf ? n - done : (long)sizeof buf;
    if (pread(fd, buf, (size_t)k, at + done) != k)
      return 0;
    for (long i = 0; i < k; i++)
      if (buf[i] != pattern(from + done + i))
        return 0;
    done += k;
  }
  return 1;
}

static void sendfile_rules(int src) {
  int dst = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
  printf("sendfile 5000, no offset: %ld\n", sf(dst, src, 0, 5000));
  printf("  src pos %ld dst pos %ld\n", pos(src), pos(dst));
  off_t off = 9000;
  printf("sendfile 5000 from offset 9000: %ld\n", sf(dst, src, &off, 5000));
  printf("  offset now %ld, src pos %ld, dst pos %ld\n", (long)off, pos(src),
         pos(dst));
  check(holds(dst, 0, 0, 5000) && holds(dst, 5000, 9000, 1000),
        "dst holds src[0,5000) then src[9000,10000)");
  printf("sendfile count 0: %ld\n", sf(dst, src, 0, 0));
  printf("sendfile 1 GiB from pos 5000: %ld\n", sf(dst, src, 0, 1L << 30));
  printf("sendfile at end of input: %ld\n", sf(dst, src, 0, 100));
  /* Not from /dev/zero: Linux 6.18 sends its zeros, 6.1 says EINVAL (no
   * splice_read there; docs/reference.md). */
  int full = open("/dev/full", O_WRONLY);
  off = 0;
  expect("sendfile to /dev/full", sf(full, src, &off, 5), "EINVAL");
  close(full);
  int nul = open("/dev/null", O_WRONLY);
  off = 0;
  printf("sendfile to /dev/null: %ld\n", sf(nul, src, &off, 4096));
  int p[2];
  pipe(p);
  off = 100;
  printf("sendfile into a pipe: %ld\n", sf(p[1], src, &off, 300));
  int n = 0;
  ioctl(p[0], FIONREAD, &n);
  char buf[300];
  int same = read(p[0], buf, sizeof buf) == 300;
  for (int i = 0; same && i < 300; i++)
    same = buf[i] == pattern(100 + i);
  printf("  pipe holds %d, bytes right %d\n", n, same);

  int app = open("app", O_WRONLY | O_CREAT | O_APPEND, 0644);
  int wo = open("wo", O_WRONLY | O_CREAT, 0644);
  mkdir("d", 0755);
  int dir = open("d", O_RDONLY | O_DIRECTORY);
  write(p[1], "xyz", 3);
  off = 0;
  expect("sendfile from a pipe", sf(dst, p[0], 0, 3), "EINVAL");
  expect("sendfile from a pipe with an offset", sf(dst, p[0], &off, 3),
         "ESPIPE");
  expect("sendfile to an O_APPEND file", sf(app, src, &off, 10), "EINVAL");
  printf("  offset after the failure %ld\n", (long)off);
  expect("sendfile from an O_WRONLY fd", sf(dst, wo, 0, 10), "EBADF");
  int ro = open("src", O_RDONLY);
  expect("sendfile to an O_RDONLY fd", sf(ro, dst, &off, 10), "EBADF");
  close(ro);
  expect("sendfile offset pointer unmapped", sf(dst, src, (off_t *)8, 10),
         "EFAULT");
  off = -1;
  expect("sendfile offset -1", sf(dst, src, &off, 10), "EINVAL");
  expect("sendfile from a directory", sf(dst, dir, 0, 10), "EINVAL");
  expect("sendfile count 0 from a pipe", sf(dst, p[0], 0, 0), "EINVAL");
  expect("sendfile to a directory", sf(dir, src, 0, 10), "EBADF");
  expect("sendfile bad in fd", sf(dst, 99, 0, 10), "EBADF");
  expect("sendfile bad out fd", sf(99, src, 0, 10), "EBADF");
  close(p[0]);
  close(p[1]);
  close(app);
  close(wo);
  close(dir);
  close(nul);
  close(dst);
}

static void copy_rules(int src) {
  int dst = open("cdst", O_RDWR | O_CREAT | O_TRUNC, 0644);
  off_t oi = 2000, oo = 100;
  printf("copy_file_range 3000, both offsets given: %ld\n",
         cfr(src, &oi, dst, &oo, 3000, 0));
  printf("  offsets now %ld %ld, file positions %ld %ld\n", (long)oi, (long)oo,
         pos(src), pos(dst));
  struct stat st;
  fstat(dst, &st);
  printf("  dst size %ld\n", (long)st.st_size);
  check(holds(dst, 100, 2000, 3000), "dst holds src[2000,5000) at 100");
  lseek(src, 9500, SEEK_SET);
  lseek(dst, 0, SEEK_SET);
  printf("copy_file_range 4000 from pos 9500, no offsets: %ld\n",
         cfr(src, 0, dst, 0, 4000, 0));
  printf("  file positions %ld %ld\n", pos(src), pos(dst));
  oi = 20000;
  printf("copy_file_range past the end of input: %ld\n",
         cfr(src, &oi, dst, 0, 10, 0));
  printf("copy_file_range count 0: %ld\n", cfr(src, 0, dst, 0, 0, 0));
  oi = 0, oo = 50;
  expect("copy_file_range overlapping ranges of one file",
         cfr(dst, &oi, dst, &oo, 100, 0), "EINVAL");
  oi = 0, oo = 5000;
  printf("copy_file_range within one file, apart: %ld\n",
         cfr(dst, &oi, dst, &oo, 100, 0));
  expect("copy_file_range flags 1", cfr(src, 0, dst, 0, 10, 1), "EINVAL");
  int app = open("capp", O_WRONLY | O_CREAT | O_APPEND, 0644);
  expect("copy_file_range to O_APPEND", cfr(src, 0, app, 0, 10, 0), "EBADF");
  int p[2];
  pipe(p);
  write(p[1], "abc", 3);
  expect("copy_file_range from a pipe", cfr(p[0], 0, dst, 0, 3, 0), "EINVAL");
  expect("copy_file_range to a pipe", cfr(src, 0, p[1], 0, 3, 0), "EINVAL");
  int dir = open("d", O_RDONLY | O_DIRECTORY);
  expect("copy_file_range from a directory", cfr(dir, 0, dst, 0, 3, 0),
         "EISDIR");
  expect("copy_file_range to a directory", cfr(src, 0, dir, 0, 3, 0), "EISDIR");
  int wo = open("cwo", O_WRONLY | O_CREAT, 0644);
  expect("copy_file_range from O_WRONLY", cfr(wo, 0, dst, 0, 3, 0), "EBADF");
  int ro = open("src", O_RDONLY);
  expect("copy_file_range to O_RDONLY", cfr(dst, 0, ro, 0, 3, 0), "EBADF");
  close(ro);
  oi = -1;
  expect("copy_file_range offset -1", cfr(src, &oi, dst, 0, 3, 0), "EOVERFLOW");
  oi = -2;
  expect("copy_file_range offset -2, count 1", cfr(src, &oi, dst, 0, 1, 0),
         "EINVAL");
  expect("copy_file_range offset pointer unmapped",
         cfr(src, (off_t *)8, dst, 0, 3, 0), "EFAULT");
  expect("copy_file_range bad fd", cfr(99, 0, dst, 0, 3, 0), "EBADF");
  int mfd = (int)syscall(SYS_memfd_create, "m", 0);
  write(mfd, "memfd data", 10);
  oi = 0;
  expect("copy_file_range memfd to /tmp", cfr(mfd, &oi, dst, 0, 10, 0),
         "EXDEV");
  oi = 100;
  expect("copy_file_range memfd past its end to /tmp",
         cfr(mfd, &oi, dst, 0, 10, 0), "EXDEV");
  oi = -1;
  expect("copy_file_range memfd offset -1 to /tmp",
         cfr(mfd, &oi, dst, 0, 10, 0), "EXDEV");
  oi = 0;
  expect("copy_file_range memfd to O_APPEND", cfr(mfd, &oi, app, 0, 10, 0),
         "EBADF");

  /* RLIMIT_FSIZE: cut at the limit, EFBIG (and SIGXFSZ) at it. */
  signal(SIGXFSZ, SIG_IGN);
  struct rlimit rl = {6000, RLIM_INFINITY};
  setrlimit(RLIMIT_FSIZE, &rl);
  oi = 0, oo = 5000;
  printf("copy_file_range 2000 at 5000 under a 6000 limit: %ld\n",
         cfr(src, &oi, dst, &oo, 2000, 0));
  expect("copy_file_range at the limit", cfr(src, &oi, dst, &oo, 10, 0),
         "EFBIG");
  off_t so = 0;
  lseek(dst, 6000, SEEK_SET);
  expect("sendfile at the limit", sf(dst, src, &so, 10), "EFBIG");
  rl.rlim_cur = RLIM_INFINITY;
  setrlimit(RLIMIT_FSIZE, &rl);
  close(mfd);
  close(wo);
  close(dir);
  close(p[0]);
  close(p[1]);
  close(app);
  close(dst);
}

int main(void) {
  int src = open("src", O_RDWR | O_CREAT | O_TRUNC, 0644);
  char buf[10000];
  for (long i = 0; i < 10000; i++)
    buf[i] = pattern(i);
  write(src, buf, sizeof buf);
  lseek(src, 0, SEEK_SET);
  sendfile_rules(src);
  copy_rules(src);
  return finish("fs.sendfile_copy");
}
