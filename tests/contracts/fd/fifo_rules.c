/* fd.fifo_rules: mkfifo and fifo(7)'s open rules: a non-blocking read
 * end opens at once, a non-blocking write end without a reader is ENXIO,
 * a blocking open waits for the other end (here another process's), data
 * flows, O_RDWR never waits; lseek is ESPIPE, the pipe size 65536. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  expect("mkfifo", rs(mkfifo("ff", 0600)), "ok");
  struct stat st;
  stat("ff", &st);
  printf("fifo: S_ISFIFO %d mode %o size %ld\n", S_ISFIFO(st.st_mode),
         st.st_mode & 0777, (long)st.st_size);
  expect("mkfifo again", rs(mkfifo("ff", 0600)), "EEXIST");
  expect("write end, no reader, O_NONBLOCK",
         rs(open("ff", O_WRONLY | O_NONBLOCK)), "ENXIO");
  int r = open("ff", O_RDONLY | O_NONBLOCK);
  check(r >= 0, "read end O_NONBLOCK opens at once");
  char buf[16];
  expect("read with no writer yet", rs(read(r, buf, sizeof buf)), "ok");
  int w = open("ff", O_WRONLY | O_NONBLOCK);
  check(w >= 0, "write end opens once a reader exists");
  check(write(w, "abc", 3) == 3, "write 3");
  int n = 0;
  ioctl(r, FIONREAD, &n);
  printf("FIONREAD %d\n", n);
  check(read(r, buf, sizeof buf) == 3 && memcmp(buf, "abc", 3) == 0, "read 3");
  expect("lseek a FIFO", rs(lseek(r, 0, SEEK_SET)), "ESPIPE");
  printf("F_GETPIPE_SZ %d\n", fcntl(r, F_GETPIPE_SZ));
  expect("F_GETPIPE_SZ on a file", rs(fcntl(open("/dev/null", O_RDONLY), F_GETPIPE_SZ)),
         "EBADF");
  close(w);
  close(r);
  pid_t pid = fork();
  if (pid == 0) {
    int cw = open("ff", O_WRONLY); /* waits for the parent's reader */
    write(cw, "from child", 10);
    _exit(0);
  }
  int pr = open("ff", O_RDONLY); /* waits for the child's writer */
  memset(buf, 0, sizeof buf);
  int got = 0, k;
  while ((k = read(pr, buf + got, sizeof buf - 1 - got)) > 0)
    got += k;
  printf("blocking open pair: read \"%s\", then end of file\n", buf);
  int status;
  waitpid(pid, &status, 0);
  printf("child exit %d\n", WEXITSTATUS(status));
  int rw = open("ff", O_RDWR);
  check(rw >= 0, "O_RDWR opens at once");
  check(write(rw, "x", 1) == 1 && read(rw, buf, 1) == 1, "O_RDWR both ways");
  return finish("fifo_rules");
}
