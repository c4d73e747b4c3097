/* fs.fallocate_modes: fallocate(2) on tmpfs, checked in the VFS's order:
 * a bad descriptor is EBADF before anything, then the range (EINVAL),
 * then the mode (EOPNOTSUPP for bits no filesystem has, PUNCH_HOLE
 * without KEEP_SIZE, ZERO_RANGE with PUNCH_HOLE; KEEP_SIZE with COLLAPSE
 * or INSERT, and those two together, are EOPNOTSUPP on 6.18 and EINVAL on
 * 6.1, so not pinned), then write access (EBADF, which a directory never has),
 * the file's kind (ESPIPE, ENODEV), the size limit (EFBIG), and last the modes
 * tmpfs lacks (ZERO_RANGE, COLLAPSE_RANGE, INSERT_RANGE, UNSHARE_RANGE:
 * EOPNOTSUPP). Allocation grows the file, KEEP_SIZE does not, a punched hole
 * reads as zeros and frees its blocks; F_SEAL_GROW refuses any range past the
 * end, KEEP_SIZE or not; F_SEAL_WRITE refuses a punch, not an allocation. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>

#include "contract.h"

#define KEEP 0x01
#define PUNCH 0x02
#define NO_HIDE_STALE 0x04
#define COLLAPSE 0x08
#define ZERO 0x10
#define INSERT 0x20
#define UNSHARE 0x40

static long fa(int fd, int mode, long off, long len) {
  return rs(fallocate(fd, mode, off, len));
}

static void sizes(const char *what, int fd) {
  struct stat st;
  fstat(fd, &st);
  printf("%s: size %ld, blocks %ld\n", what, (long)st.st_size,
         (long)st.st_blocks);
}

int main(void) {
  int f = open("f", O_CREAT | O_RDWR, 0600);
  check(f >= 0, "open");
  expect("bad fd with a bad mode and range", fa(99, 0x100, -1, 0), "EBADF");
  expect("bad range with a bad mode", fa(f, 0x100, -1, 1), "EINVAL");
  expect("length 0", fa(f, 0, 0, 0), "EINVAL");
  expect("length -1", fa(f, 0, 0, -1), "EINVAL");
  static const struct {
    int mode;
    const char *name;
  } modes[] = {
      {PUNCH, "PUNCH_HOLE alone"},
      {NO_HIDE_STALE, "NO_HIDE_STALE"},
      {ZERO | PUNCH, "ZERO_RANGE|PUNCH_HOLE"},
      {0x100, "bit 0x100"},
  };
  int ro = open("f", O_RDONLY);
  int p[2];
  check(pipe(p) == 0, "pipe");
  for (unsigned i = 0; i < sizeof modes / sizeof modes[0]; i++) {
    /* The mode is judged before write access and the file's kind. */
    printf("%s: %s, on a read-only fd %s, on a pipe %s\n", modes[i].name,
           ename(fa(f, modes[i].mode, 0, 4096)),
           ename(fa(ro, modes[i].mode, 0, 4096)),
           ename(fa(p[1], modes[i].mode, 0, 4096)));
  }
  static const struct {
    int mode;
    const char *name;
  } lacking[] = {
      {ZERO, "ZERO_RANGE"},         {ZERO | KEEP, "ZERO_RANGE|KEEP_SIZE"},
      {COLLAPSE, "COLLAPSE_RANGE"}, {INSERT, "INSERT_RANGE"},
      {UNSHARE, "UNSHARE_RANGE"},
  };
  int d = open(".", O_RDONLY | O_DIRECTORY);
  int null = open("/dev/null", O_RDWR);
  for (unsigned i = 0; i < sizeof lacking / sizeof lacking[0]; i++) {
    /* Valid modes: write access and the kind come first. */
    printf("%s: %s; read-only %s, pipe %s, dir %s, /dev/null %s, huge %s\n",
           lacking[i].name, ename(fa(f, lacking[i].mode, 0, 4096)),
           ename(fa(ro, lacking[i].mode, 0, 4096)),
           ename(fa(p[1], lacking[i].mode, 0, 4096)),
           ename(fa(d, lacking[i].mode, 0, 4096)),
           ename(fa(null, lacking[i].mode, 0, 4096)),
           ename(fa(f, lacking[i].mode, 0x7ffffffffffff000L, 0x2000)));
  }
  sizes("fresh", f);
  expect("allocate 2 pages at 4096", fa(f, 0, 4096, 8192), "ok");
  sizes("after", f);
  expect("KEEP_SIZE 2 pages past the end", fa(f, KEEP, 12288, 8192), "ok");
  sizes("after", f);
  char buf[4096];
  memset(buf, 'x', sizeof buf);
  check(pwrite(f, buf, sizeof buf, 4096) == 4096, "fill page 1");
  expect("punch the middle of page 1", fa(f, PUNCH | KEEP, 4096 + 100, 200),
         "ok");
  char back[400];
  pread(f, back, sizeof back, 4096);
  printf("page 1 bytes 99..301: %c %d %d %c\n", back[99], back[100], back[299],
         back[300]);
  expect("punch all of page 1", fa(f, PUNCH | KEEP, 4096, 4096), "ok");
  sizes("after", f);
  expect("allocate with a huge end", fa(f, 0, 0x7ffffffffffff000L, 0x2000),
         "EFBIG");
  expect("a read-only fd", fa(ro, 0, 0, 1), "EBADF");

  int m = (int)syscall(SYS_memfd_create, "m", MFD_ALLOW_SEALING);
  check(ftruncate(m, 8192) == 0, "memfd of 2 pages");
  check(fcntl(m, F_ADD_SEALS, F_SEAL_GROW) == 0, "F_SEAL_GROW");
  expect("grow-sealed: allocate inside", fa(m, 0, 0, 8192), "ok");
  expect("grow-sealed: allocate past the end", fa(m, 0, 4096, 8192), "EPERM");
  expect("grow-sealed: KEEP_SIZE past the end", fa(m, KEEP, 4096, 8192),
         "EPERM");
  expect("grow-sealed: punch", fa(m, PUNCH | KEEP, 0, 4096), "ok");
  check(fcntl(m, F_ADD_SEALS, F_SEAL_WRITE) == 0, "F_SEAL_WRITE");
  expect("write-sealed: punch", fa(m, PUNCH | KEEP, 0, 4096), "EPERM");
  expect("write-sealed: allocate inside", fa(m, 0, 0, 4096), "ok");
  return finish("fallocate_modes");
}
