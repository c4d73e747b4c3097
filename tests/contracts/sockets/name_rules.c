/* sockets.name_rules: bind to a path and the lengths Linux hands back
 * (unix(7)): getsockname's length is 2 + strlen(path) + 1 whatever
 * length bind was given (a 108-byte path without a NUL gives 111), an
 * unbound socket's is 2, getpeername without a peer is ENOTCONN; a
 * short buffer gets a cut copy and the full length. bind's checks:
 * EINVAL for a wrong family or a length of at most 2 (2 itself is
 * autobind) or over sizeof(sockaddr_un), EADDRINUSE for any existing
 * name (a file too), ENOENT without the directory, EINVAL for a bound
 * socket; the node's mode follows the umask, and open() on it is
 * ENXIO. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "contract.h"

static long bindp(int s, const char *path, socklen_t len) {
  struct sockaddr_un a = {AF_UNIX, ""};
  memcpy(a.sun_path, path, strlen(path) < 108 ? strlen(path) : 108);
  return rs(bind(s, (void *)&a, len));
}

static void name_len(const char *what, int s) {
  struct sockaddr_un a;
  memset(&a, 'z', sizeof a);
  socklen_t l = sizeof a;
  long r = rs(getsockname(s, (void *)&a, &l));
  printf("%s: %s len %u\n", what, ename(r), (unsigned)l);
}

int main(void) {
  umask(0);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  name_len("unbound", s);
  struct sockaddr_un a;
  socklen_t l = sizeof a;
  expect("getpeername unconnected", rs(getpeername(s, (void *)&a, &l)),
         "ENOTCONN");
  expect("bind with the full size", bindp(s, "a.sock", sizeof a), "ok");
  name_len("bound a.sock", s);
  struct stat st;
  stat("a.sock", &st);
  printf("mode with umask 0: %o\n", st.st_mode & 0777);
  expect("bind again elsewhere", bindp(s, "b.sock", sizeof a), "EINVAL");
  expect("b.sock left behind", rs(access("b.sock", F_OK)), "ENOENT");
  expect("bind again to a taken name", bindp(s, "a.sock", sizeof a),
         "EADDRINUSE");
  l = 4;
  memset(&a, 'z', sizeof a);
  getsockname(s, (void *)&a, &l);
  printf("buffer of 4: len %u copied '%c%c' then '%c'\n", (unsigned)l,
         a.sun_path[0], a.sun_path[1], a.sun_path[2]);
  expect("open the socket", rs(open("a.sock", O_RDONLY)), "ENXIO");

  int t = socket(AF_UNIX, SOCK_STREAM, 0);
  expect("name taken", bindp(t, "a.sock", sizeof a), "EADDRINUSE");
  close(open("plain", O_CREAT | O_WRONLY, 0600));
  expect("a file's name", bindp(t, "plain", sizeof a), "EADDRINUSE");
  expect("no such directory", bindp(t, "nodir/x.sock", sizeof a), "ENOENT");
  expect("length 0", bindp(t, "c.sock", 0), "EINVAL");
  expect("length 1", bindp(t, "c.sock", 1), "EINVAL");
  expect("length 111", bindp(t, "c.sock", 111), "EINVAL");
  expect("length 129", bindp(t, "c.sock", 129), "EINVAL");
  struct sockaddr_un wrong = {AF_INET6, "c.sock"};
  expect("family AF_INET6", rs(bind(t, (void *)&wrong, sizeof wrong)),
         "EINVAL");
  umask(077);
  expect("bind with length 2 + 3", bindp(t, "c.sockIGNORED", 5), "ok");
  name_len("bound c.s", t);
  expect("the name is the cut path", rs(access("c.s", F_OK)), "ok");
  stat("c.s", &st);
  printf("mode with umask 077: %o\n", st.st_mode & 0777);

  char longp[109];
  memset(longp, 'p', 108);
  longp[108] = 0;
  int u = socket(AF_UNIX, SOCK_DGRAM, 0);
  expect("bind a 108-byte path", bindp(u, longp, sizeof a), "ok");
  name_len("108-byte path", u);
  close(u);
  close(s);
  int v = socket(AF_UNIX, SOCK_STREAM, 0);
  expect("closed socket's name still exists", bindp(v, "a.sock", sizeof a),
         "EADDRINUSE");
  unlink("a.sock");
  expect("after unlink", bindp(v, "a.sock", sizeof a), "ok");
  return finish("sockets.name_rules");
}
