/* fd.pipe_zero_io: zero-length transfers on pipes (pipe(7), write(2)):
 * they return 0 before anything else is looked at, so a write of 0 bytes
 * to a pipe with no reader is 0 (no EPIPE, no SIGPIPE), one to a full
 * non-blocking pipe is 0 (no EAGAIN), a read of 0 from an empty pipe is 0
 * even with a writer and O_NONBLOCK, and a NULL buffer is fine; writev of
 * zero-length vectors likewise. A real write with no reader is EPIPE with
 * SIGPIPE; pread/pwrite on a pipe are ESPIPE whatever the count. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/uio.h>

#include "contract.h"

static volatile sig_atomic_t pipes;
static void on_pipe(int sig) {
  (void)sig;
  pipes++;
}

int main(void) {
  signal(SIGPIPE, on_pipe);
  int p[2];
  check(pipe2(p, O_NONBLOCK) == 0, "pipe2 O_NONBLOCK");
  expect("read 0 from an empty pipe with a writer", rs(read(p[0], 0, 0)), "ok");
  expect("read 1 from it", rs(read(p[0], (char[1]){0}, 1)), "EAGAIN");
  static char big[1 << 16];
  printf("filled with %ld\n", rs(write(p[1], big, sizeof big)));
  expect("write 1 to the full pipe", rs(write(p[1], "x", 1)), "EAGAIN");
  printf("write 0 to the full pipe: %ld\n", rs(write(p[1], "x", 0)));
  struct iovec none[2] = {{big, 0}, {0, 0}};
  printf("writev of empty vectors to it: %ld\n", rs(writev(p[1], none, 2)));
  expect("pwrite 0 to a pipe", rs(pwrite(p[1], "x", 0, 0)), "ESPIPE");
  expect("pread 0 from a pipe", rs(pread(p[0], big, 0, 0)), "ESPIPE");
  close(p[0]);
  printf("write 0 with no reader: %ld, SIGPIPEs %d\n", rs(write(p[1], 0, 0)),
         (int)pipes);
  printf("writev of empty vectors with no reader: %ld, SIGPIPEs %d\n",
         rs(writev(p[1], none, 2)), (int)pipes);
  long r = rs(write(p[1], "x", 1));
  printf("write 1 with no reader: %s, SIGPIPEs %d\n", ename(r), (int)pipes);
  close(p[1]);
  check(pipe(p) == 0, "pipe");
  close(p[1]);
  printf("read 0 at EOF: %ld, read 1 at EOF: %ld\n", rs(read(p[0], 0, 0)),
         rs(read(p[0], big, 1)));
  return finish("pipe_zero_io");
}
