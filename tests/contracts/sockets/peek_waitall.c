/* sockets.peek_waitall: MSG_PEEK leaves the data queued (stream: a peek
 * may span several writes; datagram: one message, and MSG_TRUNC
 * reports its length), MSG_WAITALL waits until the whole buffer is
 * filled from several writes of a child, MSG_DONTWAIT makes one call
 * nonblocking on a blocking socket, and a stream peer that closed with
 * data we never read leaves us ECONNRESET once, then end of file. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  write(sv[0], "abc", 3);
  write(sv[0], "def", 3);
  char b[16] = {0};
  long n = recv(sv[1], b, sizeof b, MSG_PEEK);
  printf("stream peek %ld %s\n", n, b);
  memset(b, 0, sizeof b);
  n = recv(sv[1], b, 4, 0);
  printf("then read 4: %ld %s\n", n, b);
  memset(b, 0, sizeof b);
  n = recv(sv[1], b, sizeof b, MSG_PEEK);
  printf("peek the rest %ld %s\n", n, b);
  n = recv(sv[1], b, sizeof b, 0);
  expect("empty with MSG_DONTWAIT", rs(recv(sv[1], b, sizeof b, MSG_DONTWAIT)),
         "EAGAIN");
  printf("still blocking: %d\n", !(fcntl(sv[1], F_GETFL) & O_NONBLOCK));
  pid_t pid = fork();
  if (pid == 0) {
    for (int i = 0; i < 4; i++) {
      write(sv[0], "12", 2);
      usleep(2000);
    }
    _exit(0);
  }
  memset(b, 0, sizeof b);
  n = recv(sv[1], b, 8, MSG_WAITALL);
  printf("MSG_WAITALL 8 from four writes: %ld %s\n", n, b);
  waitpid(pid, 0, 0);

  int dv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, dv);
  send(dv[0], "message", 7, 0);
  send(dv[0], "next", 4, 0);
  memset(b, 0, sizeof b);
  n = recv(dv[1], b, 3, MSG_PEEK | MSG_TRUNC);
  printf("dgram peek 3 with MSG_TRUNC: %ld %.3s\n", n, b);
  n = recv(dv[1], b, sizeof b, MSG_PEEK);
  printf("dgram peek: %ld %.*s\n", n, (int)n, b);
  n = recv(dv[1], b, sizeof b, 0);
  printf("dgram read: %ld\n", n);
  n = recv(dv[1], b, sizeof b, 0);
  printf("dgram next: %ld %.*s\n", n, (int)n, b);

  int rv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, rv);
  write(rv[0], "unread", 6);
  write(rv[1], "mine", 4);
  close(rv[0]);
  n = read(rv[1], b, sizeof b);
  printf("our data first: %ld\n", n);
  expect("then", rs(read(rv[1], b, sizeof b)), "ECONNRESET");
  expect("then", rs(read(rv[1], b, sizeof b)), "ok");
  return finish("sockets.peek_waitall");
}
