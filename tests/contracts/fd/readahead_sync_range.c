/* fd.readahead_sync_range: readahead(2) wants a descriptor open for
 * reading (EBADF for O_WRONLY and O_PATH) on a regular file (EINVAL for
 * directories, devices, pipes, sockets; /proc files are regular), any
 * offset. sync_file_range(2) looks at the descriptor first (EBADF, even
 * with bad flags), then the flags and the range (EINVAL for unknown flags,
 * a negative offset or length, a range past the largest offset; length 0
 * means to the end), then the kind of file (ESPIPE unless a regular file,
 * a directory or a symlink). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>

#include "contract.h"

static long ra(int fd, long off, long n) {
  return rs(syscall(SYS_readahead, fd, off, n));
}

static long sfr(int fd, long off, long n, long flags) {
  return rs(syscall(SYS_sync_file_range, fd, off, n, flags));
}

int main(void) {
  int f = open("f", O_RDWR | O_CREAT, 0600);
  check(write(f, "hello", 5) == 5, "a 5-byte file");
  int wo = open("f", O_WRONLY), path = open("f", O_PATH);
  int dir = open(".", O_RDONLY), null = open("/dev/null", O_RDONLY);
  int proc = open("/proc/self/status", O_RDONLY);
  int p[2], sv[2];
  check(pipe(p) == 0 && socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0,
        "a pipe and a socket pair");

  expect("readahead of the file", ra(f, 0, 4096), "ok");
  expect("readahead from a negative offset", ra(f, -4096, 4096), "ok");
  expect("readahead through O_WRONLY", ra(wo, 0, 4096), "EBADF");
  expect("readahead through O_PATH", ra(path, 0, 4096), "EBADF");
  expect("readahead of a directory", ra(dir, 0, 4096), "EINVAL");
  expect("readahead of /dev/null", ra(null, 0, 4096), "EINVAL");
  expect("readahead of a /proc file", ra(proc, 0, 4096), "ok");
  expect("readahead of a pipe", ra(p[0], 0, 4096), "EINVAL");
  expect("readahead of a socket", ra(sv[0], 0, 4096), "EINVAL");
  expect("readahead of a closed fd", ra(99, 0, 4096), "EBADF");

  expect("sync_file_range, every flag", sfr(f, 0, 0, 7), "ok");
  expect("sync_file_range through O_WRONLY", sfr(wo, 0, 0, 0), "ok");
  expect("flag 8", sfr(f, 0, 0, 8), "EINVAL");
  expect("a closed fd with flag 8", sfr(99, 0, 0, 8), "EBADF");
  expect("offset -1", sfr(f, -1, 10, 0), "EINVAL");
  expect("length -1", sfr(f, 0, -1, 0), "EINVAL");
  expect("the largest offset, length 0", sfr(f, 0x7fffffffffffffffL, 0, 0),
         "ok");
  expect("past the largest offset", sfr(f, 0x7fffffffffffffffL, 1, 0),
         "EINVAL");
  expect("through O_PATH", sfr(path, 0, 0, 0), "EBADF");
  expect("a directory", sfr(dir, 0, 0, 0), "ok");
  expect("a /proc file", sfr(proc, 0, 0, 0), "ok");
  expect("/dev/null", sfr(null, 0, 0, 0), "ESPIPE");
  expect("a pipe", sfr(p[0], 0, 0, 0), "ESPIPE");
  expect("a socket", sfr(sv[0], 0, 0, 0), "ESPIPE");
  return finish("readahead_sync_range");
}
