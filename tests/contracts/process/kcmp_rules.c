/* process.kcmp_rules: kcmp(2) says whether two processes share a
 * resource: 0 when they do, nonzero (1 or 2, an order that hides the
 * addresses) when they do not. A fork's child shares its open files (the
 * same open file descriptions) but not its memory, table, directories or
 * dispositions; a clone with CLONE_VM | CLONE_FILES | CLONE_FS |
 * CLONE_SIGHAND shares them all. KCMP_EPOLL_TFD finds the file an epoll
 * set watches. Errors: EINVAL for an unknown type or a non-epoll set,
 * EBADF, ENOENT for an item not in the set, ESRCH, and EPERM for an
 * unprivileged caller looking at root. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/epoll.h>

#include "contract.h"

enum { KCMP_FILE, KCMP_VM, KCMP_FILES, KCMP_FS, KCMP_SIGHAND };
#define KCMP_EPOLL_TFD 7

static char stack[65536] __attribute__((aligned(16)));
static int hold[2];

static long kcmp(pid_t a, pid_t b, int type, long i1, long i2) {
  return rs(syscall(SYS_kcmp, a, b, type, i1, i2));
}

static const char *same(long r) {
  return r == 0 ? "same" : r == 1 || r == 2 ? "different" : ename(r);
}

static int waiter(void *arg) {
  (void)arg;
  char c;
  read(hold[0], &c, 1);
  return 0;
}

static void show(const char *who, pid_t c, int fd) {
  pid_t me = getpid();
  printf("%s: file %s, vm %s, files %s, fs %s, sighand %s\n", who,
         same(kcmp(me, c, KCMP_FILE, fd, fd)), same(kcmp(me, c, KCMP_VM, 0, 0)),
         same(kcmp(me, c, KCMP_FILES, 0, 0)), same(kcmp(me, c, KCMP_FS, 0, 0)),
         same(kcmp(me, c, KCMP_SIGHAND, 0, 0)));
}

int main(void) {
  pid_t me = getpid();
  int f = open("f", O_RDWR | O_CREAT, 0600);
  int d = dup(f), g = open("f", O_RDWR);
  printf("a descriptor and itself: %s, its dup: %s, another open: %s\n",
         same(kcmp(me, me, KCMP_FILE, f, f)),
         same(kcmp(me, me, KCMP_FILE, f, d)),
         same(kcmp(me, me, KCMP_FILE, f, g)));
  pipe(hold);
  pid_t c = fork();
  if (c == 0) {
    waiter(0);
    _exit(0);
  }
  show("a fork's child", c, f);
  pid_t s =
      clone(waiter, stack + sizeof stack,
            CLONE_VM | CLONE_FILES | CLONE_FS | CLONE_SIGHAND | SIGCHLD, 0);
  show("a sharing clone", s, f);
  write(hold[1], "xx", 2);
  reap_status(c);
  reap_status(s);

  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN, {0}};
  check(epoll_ctl(ep, EPOLL_CTL_ADD, hold[0], &ev) == 0,
        "the set watches a pipe");
  struct {
    unsigned efd, tfd, toff;
  } slot = {(unsigned)ep, (unsigned)hold[0], 0};
  printf("the file an epoll set watches: %s\n",
         same(kcmp(me, me, KCMP_EPOLL_TFD, hold[0], (long)&slot)));
  printf("another file against it: %s\n",
         same(kcmp(me, me, KCMP_EPOLL_TFD, f, (long)&slot)));
  slot.toff = 1;
  expect("the second item of that descriptor",
         kcmp(me, me, KCMP_EPOLL_TFD, hold[0], (long)&slot), "ENOENT");
  slot.toff = 0;
  slot.tfd = (unsigned)g;
  expect("an item not in the set", kcmp(me, me, KCMP_EPOLL_TFD, f, (long)&slot),
         "ENOENT");
  slot.efd = (unsigned)f;
  expect("a set that is no epoll set",
         kcmp(me, me, KCMP_EPOLL_TFD, f, (long)&slot), "EINVAL");
  expect("a bad slot pointer", kcmp(me, me, KCMP_EPOLL_TFD, f, 8), "EFAULT");
  expect("type 8", kcmp(me, me, 8, 0, 0), "EINVAL");
  expect("a closed descriptor", kcmp(me, me, KCMP_FILE, f, 99), "EBADF");
  expect("pid 0x7fffffff", kcmp(me, 0x7fffffff, KCMP_VM, 0, 0), "ESRCH");

  fflush(stdout);
  c = fork();
  if (c == 0) {
    setresgid(1000, 1000, 1000);
    setresuid(1000, 1000, 1000);
    printf("an unprivileged child comparing with us: %s\n",
           ename(kcmp(getpid(), me, KCMP_VM, 0, 0)));
    fflush(stdout);
    _exit(0);
  }
  reap_status(c);
  return finish("kcmp_rules");
}
