/* sockets.connect_errors: what connect(2) says on unix sockets: ENOENT
 * for a missing path, ECONNREFUSED for a file that is not a socket, a
 * socket that does not listen, or one that closed (its name stays),
 * EPROTOTYPE for a listener of another type, EISCONN when connected
 * (socketpair ends too), EINVAL for bad address lengths and families,
 * EACCES without write permission on the node (for a non-root user). A
 * listener: EOPNOTSUPP for datagram sockets, EINVAL unbound or
 * connected; recv on it is EINVAL, send ENOTCONN. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "contract.h"

static struct sockaddr_un un(const char *p) {
  struct sockaddr_un a = {AF_UNIX, ""};
  strcpy(a.sun_path, p);
  return a;
}

static long conn(int s, const char *p) {
  struct sockaddr_un a = un(p);
  return rs(connect(s, (void *)&a, sizeof a));
}

int main(void) {
  int c = socket(AF_UNIX, SOCK_STREAM, 0);
  expect("missing path", conn(c, "nothing"), "ENOENT");
  close(open("file", O_CREAT | O_WRONLY, 0666));
  expect("regular file", conn(c, "file"), "ECONNREFUSED");
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un a = un("s.sock");
  bind(s, (void *)&a, sizeof a);
  expect("bound, not listening", conn(c, "s.sock"), "ECONNREFUSED");
  expect("recv on a bound socket", rs(recv(s, &a, 1, MSG_DONTWAIT)), "EINVAL");
  listen(s, 1);
  expect("recv on a listener", rs(recv(s, &a, 1, MSG_DONTWAIT)), "EINVAL");
  expect("send on a listener", rs(send(s, "x", 1, 0)), "ENOTCONN");
  expect("listen again", rs(listen(s, 3)), "ok");
  int d = socket(AF_UNIX, SOCK_DGRAM, 0);
  expect("datagram to a stream listener", conn(d, "s.sock"), "EPROTOTYPE");
  int q = socket(AF_UNIX, SOCK_SEQPACKET, 0);
  expect("seqpacket to a stream listener", conn(q, "s.sock"), "EPROTOTYPE");
  expect("connect", conn(c, "s.sock"), "ok");
  expect("connect again", conn(c, "s.sock"), "EISCONN");
  expect("listen on a connected socket", rs(listen(c, 1)), "EINVAL");
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  expect("socketpair end", conn(sv[0], "s.sock"), "EISCONN");
  expect("listen on a socketpair end", rs(listen(sv[0], 1)), "EINVAL");
  int u = socket(AF_UNIX, SOCK_STREAM, 0);
  expect("listen unbound", rs(listen(u, 1)), "EINVAL");
  expect("listen on datagram", rs(listen(d, 1)), "EOPNOTSUPP");
  expect("accept on datagram", rs(accept(d, 0, 0)), "EOPNOTSUPP");
  expect("accept unlistened", rs(accept(u, 0, 0)), "EINVAL");
  expect("length 2", rs(connect(u, (void *)&a, 2)), "EINVAL");
  expect("length 200", rs(connect(u, (void *)&a, 200)), "EINVAL");
  expect("length -1", rs(connect(u, (void *)&a, -1)), "EINVAL");
  struct sockaddr_un w = {AF_INET, "s.sock"};
  expect("family AF_INET", rs(connect(u, (void *)&w, sizeof w)), "EINVAL");
  close(s);
  expect("listener closed, name left", conn(u, "s.sock"), "ECONNREFUSED");

  int l2 = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un b = un("locked.sock");
  bind(l2, (void *)&b, sizeof b);
  listen(l2, 1);
  chmod("locked.sock", 0);
  pid_t pid = fork();
  if (pid == 0) {
    setgid(65534);
    setuid(65534);
    int x = socket(AF_UNIX, SOCK_STREAM, 0);
    _exit(conn(x, "locked.sock") == -EACCES ? 0 : 1);
  }
  int st;
  waitpid(pid, &st, 0);
  printf("nobody without write permission gets EACCES: %d\n",
         WEXITSTATUS(st) == 0);
  expect("root may", conn(socket(AF_UNIX, SOCK_STREAM, 0), "locked.sock"),
         "ok");
  return finish("sockets.connect_errors");
}
