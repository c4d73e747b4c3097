/* sockets.buffer_full: a socket nobody reads fills up and then refuses
 * (unix(7), socket(7)): nonblocking stream writes end in EAGAIN (some
 * bytes accepted before, never unbounded), POLLOUT goes off while full
 * and comes back once the reader drains; a datagram receiver that is not
 * its sender's peer holds max_dgram_qlen + 1 (11) messages and then says
 * EAGAIN to a nonblocking sender (MSG_DONTWAIT too); a blocked writer
 * in a child finishes once the parent reads everything; a writer blocked
 * on a full socket whose reader closes without reading gets ECONNRESET
 * (the reader left data unread), not SIGPIPE. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "contract.h"

static int pollout(int fd) {
  struct pollfd p = {fd, POLLOUT, 0};
  poll(&p, 1, 0);
  return !!(p.revents & POLLOUT);
}

static char buf[65536];
static int pipes;

static void on_pipe(int sig) {
  (void)sig;
  pipes++;
}

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
  long total = 0, r;
  int writes = 0;
  while ((r = write(sv[0], buf, 1000)) > 0 && writes < 100000) {
    total += r;
    writes++;
  }
  printf("filled: last %s, bytes in (0, 10 MiB): %d\n", errno_name(errno),
         total > 0 && total < 10 << 20);
  printf("POLLOUT while full: %d\n", pollout(sv[0]));
  long got = 0;
  while ((r = read(sv[1], buf, sizeof buf)) > 0)
    got += r;
  printf("drained all: %d, POLLOUT again: %d\n", got == total, pollout(sv[0]));

  struct sockaddr_un a = {AF_UNIX, "q.sock"};
  int rcv = socket(AF_UNIX, SOCK_DGRAM, 0);
  bind(rcv, (void *)&a, sizeof a);
  int snd = socket(AF_UNIX, SOCK_DGRAM, 0);
  connect(snd, (void *)&a, sizeof a);
  int n = 0;
  while (send(snd, "m", 1, MSG_DONTWAIT) == 1 && n < 1000)
    n++;
  printf("datagrams queued: %d, then %s\n", n, errno_name(errno));
  printf("POLLOUT on the sender: %d\n", pollout(snd));
  char c;
  recv(rcv, &c, 1, 0);
  printf("after one read: send %s\n",
         ename(rs(send(snd, "m", 1, MSG_DONTWAIT))));
  expect("and full again", rs(send(snd, "m", 1, MSG_DONTWAIT)), "EAGAIN");

  int bv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, bv);
  pid_t pid = fork();
  if (pid == 0) {
    long sent = 0;
    for (int i = 0; i < 64; i++)
      sent += write(bv[0], buf, sizeof buf); /* blocks once full */
    _exit(sent == 64L * (long)sizeof buf ? 0 : 1);
  }
  long in = 0;
  while (in < 64L * (long)sizeof buf && (r = read(bv[1], buf, sizeof buf)) > 0)
    in += r;
  int st;
  waitpid(pid, &st, 0);
  printf("blocked writer finished: %d, bytes %ld\n", WEXITSTATUS(st) == 0, in);
  signal(SIGPIPE, on_pipe);
  int rv[2];
  socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, rv);
  while (write(rv[0], buf, 4096) > 0)
    ;
  fcntl(rv[0], F_SETFL, 0);
  pid = fork();
  if (pid == 0) {
    usleep(50000);
    close(rv[1]);
    _exit(0);
  }
  close(rv[1]);
  expect("blocked writer, reader closes", rs(write(rv[0], buf, 10)),
         "ECONNRESET");
  printf("SIGPIPE: %d\n", pipes);
  waitpid(pid, 0, 0);
  return finish("sockets.buffer_full");
}
