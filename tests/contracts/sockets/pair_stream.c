/* sockets.pair_stream: socketpair(AF_UNIX, SOCK_STREAM) is a connected
 * pair of full-duplex byte streams (unix(7)): bytes written on one end
 * are read on the other in order, a read takes what is there (several
 * writes glued together), read(2) and write(2) work, fstat says S_IFSOCK,
 * F_GETFL O_RDWR, and SOCK_NONBLOCK / SOCK_CLOEXEC set O_NONBLOCK and
 * FD_CLOEXEC. Across fork the pair talks both ways. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  int sv[2];
  expect("socketpair stream", rs(socketpair(AF_UNIX, SOCK_STREAM, 0, sv)),
         "ok");
  struct stat st;
  fstat(sv[0], &st);
  check(S_ISSOCK(st.st_mode), "fstat S_IFSOCK");
  printf("mode %o\n", st.st_mode & 07777);
  printf("F_GETFL accmode O_RDWR: %d\n",
         (fcntl(sv[0], F_GETFL) & O_ACCMODE) == O_RDWR);
  printf("no O_NONBLOCK: %d\n", !(fcntl(sv[0], F_GETFL) & O_NONBLOCK));
  write(sv[0], "hello ", 6);
  write(sv[0], "world", 5);
  char buf[64] = {0};
  long n = read(sv[1], buf, sizeof buf);
  printf("read %ld: %s\n", n, buf);
  send(sv[1], "back", 4, 0);
  memset(buf, 0, sizeof buf);
  n = recv(sv[0], buf, 2, 0);
  printf("recv 2: %ld %s\n", n, buf);
  n = recv(sv[0], buf, sizeof buf, 0);
  printf("recv rest: %ld %.2s\n", n, buf);
  expect("read of 0 bytes", rs(read(sv[0], buf, 0)), "ok");
  pid_t pid = fork();
  if (pid == 0) {
    char b[16] = {0};
    read(sv[1], b, sizeof b);
    for (char *p = b; *p; p++)
      *p = (char)(*p - 'a' + 'A');
    write(sv[1], b, strlen(b));
    _exit(0);
  }
  write(sv[0], "ping", 4);
  memset(buf, 0, sizeof buf);
  n = read(sv[0], buf, sizeof buf);
  printf("child answered %ld: %s\n", n, buf);
  waitpid(pid, 0, 0);
  close(sv[0]);
  close(sv[1]);

  expect("socketpair NONBLOCK|CLOEXEC",
         rs(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
                       sv)),
         "ok");
  printf("O_NONBLOCK: %d %d\n", !!(fcntl(sv[0], F_GETFL) & O_NONBLOCK),
         !!(fcntl(sv[1], F_GETFL) & O_NONBLOCK));
  printf("FD_CLOEXEC: %d %d\n", fcntl(sv[0], F_GETFD), fcntl(sv[1], F_GETFD));
  expect("read of empty nonblocking", rs(read(sv[0], buf, 1)), "EAGAIN");
  return finish("sockets.pair_stream");
}
