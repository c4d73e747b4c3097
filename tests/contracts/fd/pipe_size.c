/* fd.pipe_size: F_GETPIPE_SZ and F_SETPIPE_SZ (fcntl(2), pipe(7)): 64 KiB
 * at first; a new size is rounded up to a power of two pages (0 and 1
 * give one page) and returned; the data in the pipe survives a resize,
 * one it would not fit is EBUSY; a larger pipe takes more before a
 * non-blocking write says EAGAIN; over 2^31 is EINVAL; past
 * pipe-max-size (1 MiB) an unprivileged user gets EPERM; not a pipe:
 * EBADF; FIFOs resize too, and both ends see one size. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static char buf[1 << 17];

int main(void) {
  int p[2];
  check(pipe(p) == 0, "pipe");
  printf("initial size %ld\n", rs(fcntl(p[0], F_GETPIPE_SZ)));
  printf("F_SETPIPE_SZ 0: %ld\n", rs(fcntl(p[1], F_SETPIPE_SZ, 0)));
  printf("F_SETPIPE_SZ 1: %ld\n", rs(fcntl(p[1], F_SETPIPE_SZ, 1)));
  printf("F_SETPIPE_SZ 5000: %ld\n", rs(fcntl(p[1], F_SETPIPE_SZ, 5000)));
  printf("the read end sees %ld\n", rs(fcntl(p[0], F_GETPIPE_SZ)));
  fcntl(p[1], F_SETFL, O_NONBLOCK);
  fcntl(p[0], F_SETFL, O_NONBLOCK);
  for (int i = 0; i < 20000; i++)
    buf[i] = (char)i;
  printf("a 20000-byte write takes %ld\n", rs(write(p[1], buf, 20000)));
  expect("one more byte", rs(write(p[1], buf, 1)), "EAGAIN");
  expect("shrink to one page with two full",
         rs(fcntl(p[1], F_SETPIPE_SZ, 4096)), "EBUSY");
  printf("grow to 16 KiB: %ld\n", rs(fcntl(p[1], F_SETPIPE_SZ, 16384)));
  printf("then a write takes %ld\n", rs(write(p[1], buf + 8192, 20000)));
  static char back[20000];
  long n = rs(read(p[0], back, sizeof back));
  printf("read back %ld, in order %d\n", n,
         n == 16384 && memcmp(back, buf, 16384) == 0);
  expect("pipe empty", rs(read(p[0], back, 1)), "EAGAIN");
  check(write(p[1], "xyz", 3) == 3, "three bytes");
  printf("shrink to 4096 with 3 bytes in: %ld\n",
         rs(fcntl(p[1], F_SETPIPE_SZ, 4096)));
  n = rs(read(p[0], back, 10));
  printf("they survive: %ld %.3s\n", n, back);
  printf("a one-page pipe takes %ld of 5000\n", rs(write(p[1], buf, 5000)));
  read(p[0], back, sizeof back);
  printf("1 MiB: %ld\n", rs(fcntl(p[1], F_SETPIPE_SZ, 1 << 20)));
  expect("0x80000001", rs(fcntl(p[1], F_SETPIPE_SZ, 0x80000001L)), "EINVAL");
  expect("-1 (as unsigned int)", rs(fcntl(p[1], F_SETPIPE_SZ, -1L)), "EINVAL");
  int f = open("f", O_CREAT | O_RDWR, 0600);
  expect("F_SETPIPE_SZ on a file", rs(fcntl(f, F_SETPIPE_SZ, 4096)), "EBADF");
  expect("F_GETPIPE_SZ on a file", rs(fcntl(f, F_GETPIPE_SZ)), "EBADF");
  expect("F_GETPIPE_SZ on /dev/null", rs(fcntl(0, F_GETPIPE_SZ)), "EBADF");
  mkfifo("ff", 0600);
  int ff = open("ff", O_RDWR);
  long set_to = rs(fcntl(ff, F_SETPIPE_SZ, 8192));
  printf("FIFO: %ld, then %ld\n", set_to, rs(fcntl(ff, F_GETPIPE_SZ)));
  int ff2 = open("ff", O_RDONLY | O_NONBLOCK);
  printf("another open of the FIFO sees %ld\n", rs(fcntl(ff2, F_GETPIPE_SZ)));
  fflush(stdout);
  if (fork() == 0) {
    if (setresuid(1000, 1000, 1000))
      _exit(3);
    int q[2];
    if (pipe(q))
      _exit(4);
    printf("unprivileged 1 MiB: %ld\n", rs(fcntl(q[0], F_SETPIPE_SZ, 1 << 20)));
    expect("unprivileged past 1 MiB",
           rs(fcntl(q[0], F_SETPIPE_SZ, (1 << 20) + 1)), "EPERM");
    printf("unprivileged shrink: %ld\n", rs(fcntl(q[0], F_SETPIPE_SZ, 4096)));
    fflush(stdout);
    _exit(failed);
  }
  int st;
  wait(&st);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child");
  return finish("pipe_size");
}
