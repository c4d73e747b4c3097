/* events.select_rules: select(2) and pselect6 as Linux: read, write and
 * exception sets counted per set, EBADF for a set bit naming no open
 * descriptor,
 * EINVAL for a negative n or a bad timeout (a usec count of a second or
 * more is folded into the seconds), EFAULT for an unreadable set, the time
 * left written back, and an O_PATH descriptor, which select (unlike
 * poll) polls as a file without a poll operation: always ready. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "contract.h"

/* Raw select: x86-64 has the call, arm64 only pselect6 (a timespec). */
static long sel(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv) {
#ifdef SYS_select
  return rs(syscall(SYS_select, n, r, w, e, tv));
#else
  struct timespec ts, *tsp = 0;
  if ((unsigned long)tv < 4096) /* a bad pointer stays bad */
    return rs(syscall(SYS_pselect6, n, r, w, e, tv, 0));
  if (tv) {
    if (tv->tv_usec >= 1000000 || tv->tv_usec < 0) {
      ts.tv_sec = tv->tv_sec + tv->tv_usec / 1000000;
      ts.tv_nsec = (tv->tv_usec % 1000000) * 1000;
    } else {
      ts.tv_sec = tv->tv_sec;
      ts.tv_nsec = tv->tv_usec * 1000;
    }
    tsp = &ts;
  }
  long r2 = rs(syscall(SYS_pselect6, n, r, w, e, tsp, 0));
  if (tv) {
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = ts.tv_nsec / 1000;
  }
  return r2;
#endif
}

static const char *bits(const fd_set *s, int n) {
  static char buf[8][64];
  static int k;
  char *b = buf[k++ % 8];
  b[0] = 0;
  for (int i = 0; i < n; i++)
    if (FD_ISSET(i, s))
      sprintf(b + strlen(b), "%s%d", b[0] ? "," : "", i);
  return b[0] ? b : "-";
}

int main(void) {
  int p[2], q[2];
  pipe(p);             /* 3, 4 */
  pipe(q);             /* 5, 6 */
  write(q[1], "x", 1); /* 5 readable */
  fd_set r, w, e;
  FD_ZERO(&r);
  FD_ZERO(&w);
  FD_ZERO(&e);
  FD_SET(p[0], &r);
  FD_SET(q[0], &r);
  FD_SET(p[1], &w);
  FD_SET(q[1], &w);
  FD_SET(p[0], &e);
  FD_SET(q[0], &e);
  struct timeval tv = {0, 0};
  long n = sel(7, &r, &w, &e, &tv);
  printf("pipes: %ld ready, read %s write %s except %s\n", n, bits(&r, 7),
         bits(&w, 7), bits(&e, 7));

  /* n smaller than the fds: those above are not looked at. */
  FD_ZERO(&r);
  FD_SET(q[0], &r);
  FD_SET(0, &r); /* stdin, /dev/null: always readable */
  n = sel(3, &r, NULL, NULL, &tv);
  printf("n=3 with fd 5 set: %ld ready, read %s\n", n, bits(&r, 7));

  FD_ZERO(&r);
  FD_SET(9, &r);
  expect("closed fd 9 in the read set", sel(10, &r, NULL, NULL, &tv), "EBADF");
  FD_ZERO(&r);
  FD_SET(9, &r);
  expect("closed fd 9 set, n=9", sel(9, &r, NULL, NULL, &tv), "ok");
  /* (How far select looks also depends on how big the descriptor
   * table ever grew, which a test cannot know: grow it for sure.) */
  int hi = dup2(p[0], 300);
  FD_ZERO(&r);
  FD_SET(200, &r);
  n = sel(1024, &r, NULL, NULL, &tv);
  printf("fd 200 set, n=1024, table grown by fd %d: %s\n", hi, ename(n));
  FD_ZERO(&r);
  FD_SET(hi, &r);
  n = sel(1024, &r, NULL, NULL, &tv);
  printf("fd 300 (a pipe's read end) set, n=1024: %ld, read %s\n", n,
         FD_ISSET(hi, &r) ? "300" : "-");
  close(hi);

  expect("n=-1", sel(-1, NULL, NULL, NULL, &tv), "EINVAL");
  expect("no sets, zero timeout", sel(0, NULL, NULL, NULL, &tv), "ok");
  struct timeval neg = {-1, 0};
  expect("timeout sec -1", sel(0, NULL, NULL, NULL, &neg), "EINVAL");
  struct timeval negu = {0, -1};
  expect("timeout usec -1", sel(0, NULL, NULL, NULL, &negu), "EINVAL");
  struct timeval fold = {0, 1100000}; /* 1.1 s: folded, not EINVAL */
  FD_ZERO(&r);
  FD_SET(q[0], &r);
  expect("timeout usec 1100000", sel(6, &r, NULL, NULL, &fold), "ok");
  printf("  time left written back: %s\n",
         fold.tv_sec == 1 && fold.tv_usec > 0 && fold.tv_usec <= 100000
             ? "about 1.1 s"
             : "other");
  expect("unreadable read set", sel(7, (fd_set *)8, NULL, NULL, &tv), "EFAULT");
  expect("unreadable timeout", sel(0, NULL, NULL, NULL, (void *)8), "EFAULT");

  /* Woken by a child's write: the time left is written back. */
  char c;
  read(q[0], &c, 1);
  if (fork() == 0) {
    usleep(100000);
    write(q[1], "y", 1);
    _exit(0);
  }
  struct timeval left = {3, 0};
  FD_ZERO(&r);
  FD_SET(q[0], &r);
  n = sel(6, &r, NULL, NULL, &left);
  long left_ms = left.tv_sec * 1000 + left.tv_usec / 1000;
  printf("woken by a write: %ld ready, read %s, time left %s\n", n, bits(&r, 7),
         left_ms < 2950 && left_ms > 1000 ? "less by the wait" : "other");
  wait(NULL);
  /* A timeout that runs out writes back zero and clears the sets. */
  struct timeval shortt = {0, 50000};
  FD_ZERO(&r);
  FD_SET(p[0], &r);
  n = sel(4, &r, NULL, NULL, &shortt);
  printf("timed out: %ld, read %s, time left %ld.%06ld\n", n, bits(&r, 7),
         (long)shortt.tv_sec, (long)shortt.tv_usec);

  int op = open(".", O_PATH);
  FD_ZERO(&r);
  FD_ZERO(&w);
  FD_SET(op, &r);
  FD_SET(op, &w);
  n = sel(op + 1, &r, &w, NULL, &tv);
  printf("O_PATH fd: %s, read %s write %s\n", ename(n), bits(&r, 16),
         bits(&w, 16));

  /* pselect6: its sigset argument pack and sigsetsize. */
  long pack[2] = {0, 8};
  sigset_t none;
  sigemptyset(&none);
  struct timespec zero = {0, 0};
  expect("pselect6 mask NULL",
         rs(syscall(SYS_pselect6, 0, 0, 0, 0, &zero, pack)), "ok");
  pack[0] = (long)&none;
  pack[1] = 4;
  expect("pselect6 sigsetsize 4",
         rs(syscall(SYS_pselect6, 0, 0, 0, 0, &zero, pack)), "EINVAL");
  pack[1] = 8;
  expect("pselect6 sigsetsize 8",
         rs(syscall(SYS_pselect6, 0, 0, 0, 0, &zero, pack)), "ok");
  expect("pselect6 unreadable pack",
         rs(syscall(SYS_pselect6, 0, 0, 0, 0, &zero, 8)), "EFAULT");
  pack[0] = 8;
  expect("pselect6 unreadable mask",
         rs(syscall(SYS_pselect6, 0, 0, 0, 0, &zero, pack)), "EFAULT");
  struct timespec badns = {0, 1000000000};
  expect("pselect6 nsec 1e9", rs(syscall(SYS_pselect6, 0, 0, 0, 0, &badns, 0)),
         "EINVAL");
  /* The timeout is checked before the mask. */
  expect("pselect6 nsec 1e9 and bad mask",
         rs(syscall(SYS_pselect6, 0, 0, 0, 0, &badns, pack)), "EINVAL");
  return finish("select_rules");
}
