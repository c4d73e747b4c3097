/* threads.get_robust_list: the head set_robust_list() registered, for
 * the caller (pid 0 or its TID), another thread, and another process;
 * a fork child starts with none; ESRCH for a TID no task has; EFAULT for
 * bad pointers. Another process is readable under ptrace's READ_REALCREDS
 * rule: by root (CAP_SYS_PTRACE) always, by an unprivileged caller only
 * when its ids match the target's and the target is dumpable (EPERM
 * otherwise). */
#include <pthread.h>
#include <stdint.h>
#include <sys/prctl.h>

#include "contract.h"

struct robust_head {
  void *next;
  long offset;
  void *pending;
};

static struct robust_head head_main, head_thread, head_child;

static long get(long tid, void **head, size_t *len) {
  return rs(syscall(SYS_get_robust_list, tid, head, len));
}

/* The head `tid` has: "none", "mine", "thread's", "child's" or "other". */
static const char *which(long tid, long *r) {
  void *h = (void *)1;
  size_t len = 0;
  *r = get(tid, &h, &len);
  if (*r < 0)
    return ename(*r);
  if (len != sizeof(struct robust_head))
    return "bad len";
  return !h                  ? "none"
         : h == &head_main   ? "main's"
         : h == &head_thread ? "thread's"
         : h == &head_child  ? "child's"
                             : "other";
}

static void show(const char *what, long tid, const char *want) {
  long r;
  expect_str(what, which(tid, &r), want);
}

static volatile long thread_tid;
static volatile int thread_go;

static void *thread_fn(void *arg) {
  (void)arg;
  head_thread.next = &head_thread;
  syscall(SYS_set_robust_list, &head_thread, sizeof head_thread);
  thread_tid = syscall(SYS_gettid);
  while (!thread_go)
    sched_yield();
  return 0;
}

static void drop_to(unsigned id) {
  if (syscall(SYS_setresgid, id, id, id) || syscall(SYS_setresuid, id, id, id))
    printf("could not drop to %u\n", id);
}

/* Fork a child that registers head_child and waits for a byte on `go`. */
static pid_t parked_child(int go[2], void (*before)(void)) {
  int ready[2];
  pipe(ready);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    if (before)
      before();
    head_child.next = &head_child;
    syscall(SYS_set_robust_list, &head_child, sizeof head_child);
    write(ready[1], "r", 1);
    char b;
    read(go[0], &b, 1);
    _exit(0);
  }
  char b;
  read(ready[0], &b, 1);
  close(ready[0]);
  close(ready[1]);
  return c;
}

static void release(pid_t c, int go[2]) {
  write(go[1], "g", 1);
  waitpid(c, 0, 0);
}

static void nodump(void) {
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* Runs as uid/gid 65534 (dumpable again, so its own children are). */
static void unprivileged(void) {
  drop_to(65534);
  prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
  show("uid 65534: itself", 0, "none");
  show("uid 65534: its root parent", getppid(), "EPERM");
  int go[2];
  pipe(go);
  pid_t c = parked_child(go, 0);
  show("uid 65534: its child of the same ids", c, "child's");
  release(c, go);
  c = parked_child(go, nodump);
  show("uid 65534: its non-dumpable child", c, "EPERM");
  release(c, go);
}

int main(void) {
  head_main.next = &head_main;
  syscall(SYS_set_robust_list, &head_main, sizeof head_main);
  long me = syscall(SYS_gettid);
  show("pid 0", 0, "main's");
  show("own TID", me, "main's");
  pthread_t t;
  pthread_create(&t, 0, thread_fn, 0);
  while (!thread_tid)
    sched_yield();
  show("another thread", thread_tid, "thread's");
  thread_go = 1;
  pthread_join(t, 0);
  show("a missing TID", 0x3ffffff0, "ESRCH");
  size_t len;
  void *h;
  expect("bad head pointer", get(0, (void **)8, &len), "EFAULT");
  expect("bad length pointer", get(0, &h, (size_t *)8), "EFAULT");

  int go[2];
  pipe(go);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    show("fork child's own", 0, "none");
    fflush(stdout);
    _exit(failed);
  }
  int st;
  waitpid(c, &st, 0);
  if (!WIFEXITED(st) || WEXITSTATUS(st))
    failed = 1;
  c = parked_child(go, 0);
  show("root: a child", c, "child's");
  release(c, go);
  c = parked_child(go, nodump);
  show("root: a non-dumpable child", c, "child's");
  release(c, go);
  run_in_child(unprivileged);
  return finish("get_robust_list");
}
