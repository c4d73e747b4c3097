/* process.pipe_between: a pipe across fork: the reader sees every byte,
 * then end of file once the last writer (in either process) closes; a
 * write of PIPE_BUF bytes arrives whole; with O_NONBLOCK an empty pipe
 * gives EAGAIN. */
#include <fcntl.h>
#include <limits.h>
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  fflush(stdout);
  int p[2];
  pipe(p);
  enum { CHUNKS = 40 };
  pid_t c = fork();
  if (c == 0) {
    /* Writer: 40 atomic PIPE_BUF writes (more than the pipe holds). */
    close(p[0]);
    static char buf[PIPE_BUF];
    for (int i = 0; i < CHUNKS; i++) {
      memset(buf, 'a' + i % 26, sizeof buf);
      if (write(p[1], buf, sizeof buf) != sizeof buf)
        _exit(1);
    }
    _exit(0);
  }
  close(p[1]);
  static char in[PIPE_BUF * CHUNKS];
  size_t got = 0;
  for (;;) {
    ssize_t n = read(p[0], in + got, sizeof in - got);
    if (n <= 0)
      break;
    got += (size_t)n;
  }
  printf("read %zu bytes then end of file\n", got);
  check(got == sizeof in, "every byte");
  int whole = 1;
  for (int i = 0; i < CHUNKS; i++)
    for (int k = 0; k < PIPE_BUF; k++)
      if (in[i * PIPE_BUF + k] != 'a' + i % 26)
        whole = 0;
  check(whole, "writes arrive whole and in order");
  int st;
  check(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0,
        "writer done");
  close(p[0]);

  /* Both processes hold the write end: EOF only after both close it. */
  pipe(p);
  int q[2];
  pipe(q);
  c = fork();
  if (c == 0) {
    char ch;
    close(p[0]);
    read(q[0], &ch, 1); /* keep p[1] open until told */
    _exit(0);
  }
  close(p[1]);
  fcntl(p[0], F_SETFL, O_NONBLOCK);
  char ch;
  errno = 0;
  ssize_t n = read(p[0], &ch, 1);
  printf("child still holds a writer: %s\n",
         n == -1 && errno == EAGAIN ? "EAGAIN" : "other");
  check(n == -1 && errno == EAGAIN, "no EOF while a writer lives");
  write(q[1], "x", 1);
  waitpid(c, &st, 0);
  n = read(p[0], &ch, 1);
  printf("after the child exited: %zd\n", n);
  check(n == 0, "EOF after the last writer");
  return finish("pipe_between");
}
