/* sockets.abstract_names: an abstract address (sun_path[0] == 0) names
 * a socket without a file (unix(7)); its length is exactly what bind
 * was given, so "\0name" and "\0name\0" differ; a taken name is
 * EADDRINUSE, and free again once its socket closes; a bound socket
 * binding again is EINVAL. Autobind (bind with only the family, or
 * connect/send with SO_PASSCRED) gives "\0" and five hex digits:
 * length 8. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "contract.h"

static socklen_t abs_addr(struct sockaddr_un *a, const char *name) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  memcpy(a->sun_path + 1, name, strlen(name));
  return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name));
}

static void show_auto(const char *what, int fd) {
  struct sockaddr_un a;
  socklen_t l = sizeof a;
  getsockname(fd, (void *)&a, &l);
  int hex = 1;
  for (int i = 1; i < 6; i++)
    hex &= isxdigit((unsigned char)a.sun_path[i]) && !isupper(a.sun_path[i]);
  printf("%s: len %u first byte %d hex digits %d\n", what, (unsigned)l,
         a.sun_path[0], hex);
}

int main(void) {
  struct sockaddr_un a, b;
  socklen_t la = abs_addr(&a, "kdiff-abs");
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  expect("bind abstract", rs(bind(s, (void *)&a, la)), "ok");
  expect("bind again", rs(bind(s, (void *)&a, la)), "EINVAL");
  listen(s, 4);
  int t = socket(AF_UNIX, SOCK_STREAM, 0);
  expect("same name elsewhere", rs(bind(t, (void *)&a, la)), "EADDRINUSE");
  expect("name plus a NUL is another name", rs(bind(t, (void *)&a, la + 1)),
         "ok");
  struct sockaddr_un got;
  socklen_t gl = sizeof got;
  getsockname(s, (void *)&got, &gl);
  printf("getsockname len %u same bytes %d\n", (unsigned)gl,
         gl == la && memcmp(&got, &a, la) == 0);
  int c = socket(AF_UNIX, SOCK_STREAM, 0);
  expect("connect abstract", rs(connect(c, (void *)&a, la)), "ok");
  gl = sizeof got;
  getpeername(c, (void *)&got, &gl);
  printf("getpeername len %u\n", (unsigned)gl);
  int d = socket(AF_UNIX, SOCK_STREAM, 0);
  socklen_t lb = abs_addr(&b, "kdiff-none");
  expect("connect to a free name", rs(connect(d, (void *)&b, lb)),
         "ECONNREFUSED");
  close(c);
  close(s);
  close(t);
  s = socket(AF_UNIX, SOCK_DGRAM, 0);
  expect("name free after close", rs(bind(s, (void *)&a, la)), "ok");

  int u = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un fam = {AF_UNIX, ""};
  expect("autobind", rs(bind(u, (void *)&fam, sizeof(sa_family_t))), "ok");
  show_auto("autobound", u);
  expect("autobind when bound", rs(bind(u, (void *)&fam, 2)), "ok");
  int v = socket(AF_UNIX, SOCK_DGRAM, 0);
  int one = 1;
  setsockopt(v, SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
  expect("send with SO_PASSCRED", rs(sendto(v, "x", 1, 0, (void *)&a, la)),
         "ok");
  show_auto("autobound by send", v);
  char buf[8];
  gl = sizeof got;
  long n = recvfrom(s, buf, sizeof buf, 0, (void *)&got, &gl);
  printf("recvfrom %ld sender len %u\n", n, (unsigned)gl);
  int w = socket(AF_UNIX, SOCK_DGRAM, 0);
  sendto(w, "y", 1, 0, (void *)&a, la);
  gl = sizeof got;
  n = recvfrom(s, buf, sizeof buf, 0, (void *)&got, &gl);
  printf("unbound sender: %ld len %u\n", n, (unsigned)gl);
  return finish("sockets.abstract_names");
}
