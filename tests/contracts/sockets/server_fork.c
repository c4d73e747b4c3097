/* sockets.server_fork: a server and a client in two processes (unix(7)):
 * bind to a path makes a socket inode, listen, the child connects, the
 * server accepts and both talk; getsockname / getpeername on each end
 * give the path on the server's side and an unnamed (length 2) address
 * for the unbound client. accept4 with SOCK_CLOEXEC|SOCK_NONBLOCK; a
 * second client's data arrives on its own connection; accept on a
 * nonblocking listener with nothing waiting is EAGAIN. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "contract.h"

static struct sockaddr_un addr = {AF_UNIX, "srv.sock"};

static void client(const char *msg) {
  int c = socket(AF_UNIX, SOCK_STREAM, 0);
  if (connect(c, (void *)&addr, sizeof addr) != 0)
    _exit(10);
  struct sockaddr_un a;
  socklen_t l = sizeof a;
  getsockname(c, (void *)&a, &l);
  if (l != 2)
    _exit(11);
  l = sizeof a;
  getpeername(c, (void *)&a, &l);
  if (l != sizeof "srv.sock" + 2 || strcmp(a.sun_path, "srv.sock"))
    _exit(12);
  write(c, msg, strlen(msg));
  char b[32] = {0};
  if (read(c, b, sizeof b) <= 0 || strcmp(b, "ack"))
    _exit(13);
  close(c);
  _exit(0);
}

int main(void) {
  umask(022);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  expect("bind", rs(bind(s, (void *)&addr, sizeof addr)), "ok");
  struct stat st;
  expect("stat the name", rs(stat("srv.sock", &st)), "ok");
  printf("socket inode: %d mode %o\n", S_ISSOCK(st.st_mode), st.st_mode & 0777);
  expect("listen", rs(listen(s, 5)), "ok");
  int yes = 0;
  socklen_t yl = sizeof yes;
  getsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, &yes, &yl);
  printf("SO_ACCEPTCONN %d\n", yes);
  pid_t kids[2];
  const char *msgs[2] = {"from one", "from two"};
  for (int i = 0; i < 2; i++) {
    kids[i] = fork();
    if (kids[i] == 0)
      client(msgs[i]);
    int st2;
    int c = accept4(s, 0, 0, SOCK_CLOEXEC);
    printf("accept4 CLOEXEC: %d\n", fcntl(c, F_GETFD));
    struct sockaddr_un a;
    socklen_t l = sizeof a;
    getsockname(c, (void *)&a, &l);
    printf("accepted getsockname len %u path %s\n", (unsigned)l, a.sun_path);
    l = sizeof a;
    getpeername(c, (void *)&a, &l);
    printf("accepted getpeername len %u\n", (unsigned)l);
    char b[32] = {0};
    long n = read(c, b, sizeof b);
    printf("read %ld: %s\n", n, b);
    write(c, "ack", 3);
    n = read(c, b, sizeof b);
    printf("then EOF: %ld\n", n);
    waitpid(kids[i], &st2, 0);
    printf("client %d exit %d\n", i, WEXITSTATUS(st2));
    close(c);
  }
  fcntl(s, F_SETFL, O_NONBLOCK);
  expect("accept with nobody waiting", rs(accept(s, 0, 0)), "EAGAIN");
  struct sockaddr_un peer;
  socklen_t pl = sizeof peer;
  pid_t k = fork();
  if (k == 0) {
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un me = {AF_UNIX, "client.sock"};
    bind(c, (void *)&me, sizeof me);
    connect(c, (void *)&addr, sizeof addr);
    write(c, "x", 1);
    _exit(0);
  }
  waitpid(k, 0, 0);
  int c = accept4(s, (void *)&peer, &pl, SOCK_NONBLOCK);
  printf("accept4 peer len %u path %s nonblock %d\n", (unsigned)pl,
         peer.sun_path, !!(fcntl(c, F_GETFL) & O_NONBLOCK));
  char b[4];
  printf("data after client exit: %ld\n", (long)read(c, b, sizeof b));
  printf("then: %ld\n", (long)read(c, b, sizeof b));
  return finish("sockets.server_fork");
}
