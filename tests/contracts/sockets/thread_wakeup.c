/* sockets.thread_wakeup: blocking socket calls sleep until another
 * thread acts (unix(7), signal(7)): a recv woken by a send, an accept
 * woken by a connect, a writer blocked on a full stream woken by the
 * reader; a handler installed with SA_RESTART lets a blocked recv go on
 * (restarted), without it the recv fails with EINTR. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "contract.h"

static int sv[2];
static struct sockaddr_un addr = {AF_UNIX, "t.sock"};
static volatile int handled;
static pthread_t main_thread;

static void on_usr1(int s) {
  (void)s;
  handled++;
}

static void pause_ms(int ms) {
  struct timespec ts = {0, ms * 1000000L};
  nanosleep(&ts, 0);
}

static void *sender(void *arg) {
  (void)arg;
  pause_ms(30);
  send(sv[1], "wake", 4, 0);
  return 0;
}

static void *connector(void *arg) {
  (void)arg;
  pause_ms(30);
  int c = socket(AF_UNIX, SOCK_STREAM, 0);
  connect(c, (void *)&addr, sizeof addr);
  write(c, "c", 1);
  return (void *)(long)c;
}

static void *signaller(void *arg) {
  pause_ms(50);
  pthread_kill(main_thread, SIGUSR1);
  if (arg) {
    pause_ms(50);
    send(sv[1], "late", 4, 0);
  }
  return 0;
}

static char big[1 << 20];

static void *reader(void *arg) {
  (void)arg;
  pause_ms(30);
  long got = 0, r;
  while (got < (long)sizeof big && (r = read(sv[1], big, sizeof big)) > 0)
    got += r;
  return (void *)got;
}

int main(void) {
  main_thread = pthread_self();
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  pthread_t t;
  pthread_create(&t, 0, sender, 0);
  char b[8] = {0};
  long n = recv(sv[0], b, sizeof b, 0);
  printf("recv woken by a thread: %ld %s\n", n, b);
  pthread_join(t, 0);

  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  bind(l, (void *)&addr, sizeof addr);
  listen(l, 1);
  pthread_create(&t, 0, connector, 0);
  int a = accept(l, 0, 0);
  n = read(a, b, 1);
  printf("accept woken by a thread: %d read %ld\n", a >= 0, n);
  pthread_join(t, 0);

  pthread_create(&t, 0, reader, 0);
  n = write(sv[0], big, sizeof big);
  void *got;
  pthread_join(t, &got);
  printf("blocked write of 1 MiB: %ld, reader got %ld\n", n, (long)got);

  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGUSR1, &sa, 0);
  pthread_create(&t, 0, signaller, (void *)1);
  memset(b, 0, sizeof b);
  n = recv(sv[0], b, sizeof b, 0);
  printf("SA_RESTART: handled %d, recv %ld %s\n", handled, n, b);
  pthread_join(t, 0);

  sa.sa_flags = 0;
  sigaction(SIGUSR1, &sa, 0);
  handled = 0;
  pthread_create(&t, 0, signaller, 0);
  n = rs(recv(sv[0], b, sizeof b, 0));
  printf("no SA_RESTART: handled %d, recv %s\n", handled, ename(n));
  pthread_join(t, 0);
  pthread_create(&t, 0, signaller, 0);
  n = rs(accept(l, 0, 0));
  printf("accept without SA_RESTART: %s\n", ename(n));
  pthread_join(t, 0);
  return finish("sockets.thread_wakeup");
}
