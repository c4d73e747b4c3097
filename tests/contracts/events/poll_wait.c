/* events.poll_wait: poll(2) sleeps until a file wakes it: a pipe written
 * by a child, a pipe whose writer goes away, a thread of 300 pipes (600
 * entries, far past any small fixed cap) where one turns ready; a timeout
 * that runs out returns 0 after at least its time. And the argument rules:
 * nfds above RLIMIT_NOFILE is EINVAL (at the limit it is fine), an
 * unreadable array EFAULT, an array poll cannot write back EFAULT after
 * the wait. */
#define _GNU_SOURCE
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "contract.h"

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void child_write_after(int fd, int ms, int close_only) {
  if (fork() == 0) {
    usleep(ms * 1000);
    if (!close_only)
      write(fd, "x", 1);
    _exit(0);
  }
}

#define NPIPES 300
static struct pollfd many[2 * NPIPES];

int main(void) {
  int p[2];
  pipe(p);
  long t0 = now_ms();
  child_write_after(p[1], 50, 0);
  struct pollfd pf = {p[0], POLLIN, 0};
  int n = poll(&pf, 1, -1);
  printf("woken by a write: %d revents %s\n", n,
         pf.revents == POLLIN ? "IN" : "other");
  check(now_ms() - t0 >= 40, "slept until the write");
  wait(NULL);
  char c;
  read(p[0], &c, 1);

  child_write_after(p[1], 50, 1);
  close(p[1]);
  n = poll(&pf, 1, 5000);
  printf("woken by the last writer leaving: %d revents %s\n", n,
         pf.revents == POLLHUP ? "HUP" : "other");
  wait(NULL);
  close(p[0]);

  t0 = now_ms();
  pipe(p);
  pf.fd = p[0];
  n = poll(&pf, 1, 120);
  long el = now_ms() - t0;
  printf("timeout: %d revents %d, elapsed %s\n", n, pf.revents,
         el >= 120 ? ">=120ms" : "<120ms");
  close(p[0]);
  close(p[1]);

  /* 600 entries: the read ends and write ends of 300 pipes (write ends
   * asked for POLLIN only, so nothing is ready until pipe 257 gets a
   * byte). */
  struct rlimit rl = {1024, 1024};
  setrlimit(RLIMIT_NOFILE, &rl);
  int ends[NPIPES][2];
  for (int i = 0; i < NPIPES; i++) {
    if (pipe(ends[i])) {
      printf("pipe %d: %s\n", i, errno_name(errno));
      return 1;
    }
    many[2 * i] = (struct pollfd){ends[i][0], POLLIN, 0};
    many[2 * i + 1] = (struct pollfd){ends[i][1], POLLIN, 0};
  }
  child_write_after(ends[257][1], 50, 0);
  n = poll(many, 2 * NPIPES, 5000);
  int which = -1;
  for (int i = 0; i < 2 * NPIPES; i++)
    if (many[i].revents)
      which = i;
  printf("600 entries: %d ready, entry %d revents %s\n", n, which,
         which >= 0 && many[which].revents == POLLIN ? "IN" : "other");
  wait(NULL);

  /* nfds against RLIMIT_NOFILE (entries with fd -1 are skipped). */
  for (int i = 0; i < 2 * NPIPES; i++)
    many[i].fd = -1;
  rl.rlim_cur = 40;
  setrlimit(RLIMIT_NOFILE, &rl);
  expect("nfds 40, limit 40", poll(many, 40, 0), "ok");
  expect("nfds 41, limit 40", poll(many, 41, 0) < 0 ? -errno : 0, "EINVAL");
  expect("nfds 4294967295",
         rs(syscall(SYS_ppoll, many, 0xffffffffUL, NULL, NULL, 8)), "EINVAL");
  rl.rlim_cur = 1024;
  setrlimit(RLIMIT_NOFILE, &rl);
  expect("array NULL, nfds 1", poll(NULL, 1, 0) < 0 ? -errno : 0, "EFAULT");
  expect("array NULL, nfds 0", poll(NULL, 0, 0) < 0 ? -errno : 0, "ok");
  expect("array in the kernel half",
         rs(syscall(SYS_ppoll, 0xffff800000000000UL, 1UL, NULL, NULL, 8)),
         "EFAULT");
  /* Readable but not writable: poll looks, then cannot write revents. */
  struct pollfd *ro = mmap(0, PG, RW, ANON, -1, 0);
  ro[0] = (struct pollfd){0, POLLIN, 0};
  mprotect(ro, PG, PROT_READ);
  expect("read-only array", poll(ro, 1, 0) < 0 ? -errno : 0, "EFAULT");
  return finish("poll_wait");
}
