/* process.clone3_rules: clone3's argument checks (the struct's size, a
 * non-zero tail, exit_signal, flags clone3 refuses, CLONE_PIDFD with
 * CLONE_PARENT_SETTID at one address, set_tid, the stack pair), forks of
 * every struct size (0 in the child, the pid in the parent and at
 * parent_tid, a pidfd written), CLONE_PIDFD through the legacy clone,
 * CLONE_CLEAR_SIGHAND, set_tid (root), and CLONE_VM|CLONE_VFORK on a new
 * stack. musl has no clone3 wrapper: raw syscall() throughout.
 * CLONE_THREAD|CLONE_PIDFD is not looked at (EINVAL on 6.1, a thread
 * pidfd on 6.9 and later). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/wait.h>

#include "contract.h"

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#define CLONE_PIDFD_ 0x1000ULL
#define CLONE_DETACHED_ 0x400000ULL
#define CLONE_CLEAR_SIGHAND_ 0x100000000ULL
#define CLONE_INTO_CGROUP_ 0x200000000ULL
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

struct clone_args_ {
  uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size,
      tls, set_tid, set_tid_size, cgroup;
};

/* Room for a struct larger than any kernel knows, with a tail. */
static union {
  struct clone_args_ a;
  unsigned char bytes[4200];
} u;

static void reset(void) {
  memset(&u, 0, sizeof u);
}

/* clone3 of u with `size`; a child that should not exist leaves at once. */
static long c3(size_t size) {
  fflush(stdout);
  long r = rs(syscall(SYS_clone3, &u.a, size));
  if (r == 0)
    _exit(99);
  if (r > 0) {
    printf("unexpected child\n");
    failed = 1;
    waitpid((pid_t)r, 0, __WALL);
  }
  return r;
}

static uint64_t ptr(const void *p) {
  return (uint64_t)(uintptr_t)p;
}

/* long raw_clone3(args, size, fn, arg): clone3; the child calls fn(arg)
 * on the stack the args give and exit_groups with its result; the parent
 * gets the pid. fn and arg stay in registers the kernel copies. */
long raw_clone3(void *args, size_t size, int (*fn)(void *), void *arg);
#if defined(__x86_64__)
__asm__(".text\n.globl raw_clone3\n.type raw_clone3,@function\nraw_clone3:\n"
        "  mov %rdx, %r8\n"
        "  mov %rcx, %r9\n"
        "  mov $435, %eax\n"
        "  syscall\n"
        "  test %rax, %rax\n"
        "  jnz 1f\n"
        "  mov %r9, %rdi\n"
        "  call *%r8\n"
        "  mov %eax, %edi\n"
        "  mov $231, %eax\n"
        "  syscall\n"
        "  hlt\n"
        "1: ret\n");
#elif defined(__aarch64__)
__asm__(".text\n.globl raw_clone3\n.type raw_clone3,%function\nraw_clone3:\n"
        "  mov x8, #435\n"
        "  svc #0\n"
        "  cbnz x0, 1f\n"
        "  mov x0, x3\n"
        "  blr x2\n"
        "  mov x8, #94\n"
        "  svc #0\n"
        "  brk #0\n"
        "1: ret\n");
#else
#error "x86_64 or aarch64 only"
#endif

static char child_stack[65536] __attribute__((aligned(16)));
static volatile int shared_word;

static int vm_child(void *arg) {
  shared_word = (int)(intptr_t)arg;
  return 5;
}

static int cloexec(int fd) {
  return fcntl(fd, F_GETFD) == FD_CLOEXEC;
}

/* A plain clone3 fork with a struct of `size` bytes: the child exits with
 * `code`; checks what both sides see. */
static void fork_of_size(size_t size, int code) {
  reset();
  int pfd = -1, ptid = 0;
  u.a.flags = CLONE_PIDFD_ | CLONE_PARENT_SETTID;
  u.a.pidfd = ptr(&pfd);
  u.a.parent_tid = ptr(&ptid);
  u.a.exit_signal = SIGCHLD;
  pid_t parent = getpid();
  fflush(stdout);
  long r = rs(syscall(SYS_clone3, &u.a, size));
  if (r == 0)
    _exit(getppid() == parent && syscall(SYS_getpid) != parent ? code : 90);
  printf("clone3 size %zu: %s\n", size, ename(r));
  check(r > 0 && ptid == r, "the parent gets the pid, also at parent_tid");
  check(pfd > 2 && cloexec(pfd), "a close-on-exec pidfd was written");
  siginfo_t si;
  memset(&si, 0, sizeof si);
  long w = rs(syscall(SYS_waitid, P_PIDFD, pfd, &si, WEXITED, 0));
  check(w == 0 && si.si_pid == r && si.si_code == CLD_EXITED &&
            si.si_status == code,
        "the child saw 0 and its parent; waitid on the pidfd reaps it");
  close(pfd);
}

static void on_usr1(int s) {
  (void)s;
}

int main(void) {
  reset();
  u.a.exit_signal = SIGCHLD;
  expect("size 0", c3(0), "EINVAL");
  expect("size 63", c3(63), "EINVAL");
  expect("size 4097", c3(4097), "E2BIG");
  u.bytes[90] = 1;
  expect("size 96, non-zero tail", c3(96), "E2BIG");
  u.bytes[90] = 0;
  expect("NULL args", rs(syscall(SYS_clone3, 0, 64)), "EFAULT");

  u.a.exit_signal = 100;
  expect("exit_signal 100", c3(64), "EINVAL");
  u.a.exit_signal = (1ULL << 32) | SIGCHLD;
  expect("exit_signal upper bits", c3(64), "EINVAL");
  u.a.exit_signal = SIGCHLD;
  u.a.flags = SIGCHLD;
  expect("a signal in flags", c3(64), "EINVAL");
  u.a.flags = CLONE_DETACHED_;
  expect("CLONE_DETACHED", c3(64), "EINVAL");
  u.a.flags = 1ULL << 40;
  expect("unknown flag bit 40", c3(64), "EINVAL");
  u.a.flags = CLONE_INTO_CGROUP_;
  expect("CLONE_INTO_CGROUP, size 64", c3(64), "EINVAL");
  u.a.flags = CLONE_VM | CLONE_SIGHAND | CLONE_CLEAR_SIGHAND_;
  expect("CLONE_SIGHAND|CLONE_CLEAR_SIGHAND", c3(64), "EINVAL");
  u.a.flags = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;
  expect("CLONE_THREAD with an exit_signal", c3(64), "EINVAL");
  u.a.flags = CLONE_PARENT;
  expect("CLONE_PARENT with an exit_signal", c3(64), "EINVAL");

  int word = 0;
  u.a.flags = CLONE_PIDFD_ | CLONE_PARENT_SETTID;
  u.a.pidfd = u.a.parent_tid = ptr(&word);
  expect("CLONE_PIDFD|CLONE_PARENT_SETTID, one address", c3(64), "EINVAL");
  u.a.flags = 0;
  u.a.pidfd = u.a.parent_tid = 0;

  int tids[40] = {0};
  u.a.set_tid_size = 1;
  expect("set_tid NULL, size 1", c3(80), "EINVAL");
  u.a.set_tid = ptr(tids);
  u.a.set_tid_size = 0;
  expect("set_tid, size 0", c3(80), "EINVAL");
  u.a.set_tid_size = 33;
  expect("set_tid_size 33", c3(80), "EINVAL");
  u.a.set_tid_size = 1;
  expect("set_tid [0]", c3(80), "EINVAL");
  tids[0] = -5;
  expect("set_tid [-5]", c3(80), "EINVAL");
  tids[0] = getpid();
  expect("set_tid [own pid] (root)", c3(80), "EEXIST");
  u.a.set_tid = (uint64_t)8;
  expect("set_tid bad pointer", c3(80), "EFAULT");
  u.a.set_tid = 0;
  u.a.set_tid_size = 0;

  u.a.stack = ptr(child_stack);
  expect("a stack of size 0", c3(64), "EINVAL");
  u.a.stack = 0;
  u.a.stack_size = sizeof child_stack;
  expect("a stack size without a stack", c3(64), "EINVAL");
  u.a.stack_size = 0;

  u.a.flags = CLONE_PIDFD_;
  u.a.pidfd = 8;
  expect("CLONE_PIDFD, bad pidfd address", c3(64), "EFAULT");
  expect("no child was left", rs(waitpid(-1, 0, __WALL | WNOHANG)), "ECHILD");

  fork_of_size(64, 5);
  fork_of_size(80, 6);
  fork_of_size(88, 7);
  fork_of_size(96, 8);

  /* exit_signal 0: a "clone" child, which waitid sees only with __WALL or
   * __WCLONE, through a pidfd as by pid. */
  reset();
  int pfd = -1;
  u.a.flags = CLONE_PIDFD_;
  u.a.pidfd = ptr(&pfd);
  fflush(stdout);
  long r = rs(syscall(SYS_clone3, &u.a, 64));
  if (r == 0)
    _exit(4);
  siginfo_t si;
  expect("exit_signal 0 child", r, "ok");
  expect("waitid on its pidfd without __WALL",
         rs(syscall(SYS_waitid, P_PIDFD, pfd, &si, WEXITED | WNOHANG, 0)),
         "ECHILD");
  memset(&si, 0, sizeof si);
  long w = rs(syscall(SYS_waitid, P_PIDFD, pfd, &si, WEXITED | __WALL, 0));
  check(w == 0 && si.si_pid == r && si.si_status == 4, "with __WALL: exit 4");
  close(pfd);

  /* The legacy clone: CLONE_PIDFD writes the pidfd at parent_tid. */
  word = -1;
  fflush(stdout);
  r = rs(syscall(SYS_clone, CLONE_PIDFD_ | CLONE_PARENT_SETTID | SIGCHLD, 0,
                 &word, 0, 0));
  if (r == 0)
    _exit(99);
  expect("clone CLONE_PIDFD|CLONE_PARENT_SETTID", r, "EINVAL");
  r = rs(syscall(SYS_clone, CLONE_PIDFD_ | CLONE_DETACHED_ | SIGCHLD, 0, &word,
                 0, 0));
  if (r == 0)
    _exit(99);
  expect("clone CLONE_PIDFD|CLONE_DETACHED", r, "EINVAL");
  r = rs(syscall(SYS_clone, CLONE_PIDFD_ | SIGCHLD, 0, &word, 0, 0));
  if (r == 0)
    _exit(3);
  expect("clone CLONE_PIDFD", r, "ok");
  check(word > 2 && cloexec(word), "the pidfd is at parent_tid");
  memset(&si, 0, sizeof si);
  w = rs(syscall(SYS_waitid, P_PIDFD, word, &si, WEXITED, 0));
  check(w == 0 && si.si_pid == r && si.si_status == 3, "and it waits: exit 3");
  close(word);

  /* CLONE_CLEAR_SIGHAND: handlers go back to SIG_DFL, SIG_IGN stays. */
  signal(SIGUSR1, on_usr1);
  signal(SIGUSR2, SIG_IGN);
  reset();
  u.a.flags = CLONE_CLEAR_SIGHAND_;
  u.a.exit_signal = SIGCHLD;
  fflush(stdout);
  r = rs(syscall(SYS_clone3, &u.a, 64));
  if (r == 0) {
    struct sigaction a1, a2;
    sigaction(SIGUSR1, 0, &a1);
    sigaction(SIGUSR2, 0, &a2);
    _exit(a1.sa_handler == SIG_DFL && a2.sa_handler == SIG_IGN ? 0 : 1);
  }
  int st = -1;
  waitpid((pid_t)r, &st, 0);
  check(r > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
        "CLONE_CLEAR_SIGHAND: handler reset, ignored kept");
  signal(SIGUSR1, SIG_DFL);
  signal(SIGUSR2, SIG_DFL);

  /* set_tid (root): a pid that was freed is given again. */
  fflush(stdout);
  pid_t old = fork();
  if (old == 0)
    _exit(0);
  waitpid(old, 0, 0);
  reset();
  tids[0] = old;
  u.a.set_tid = ptr(tids);
  u.a.set_tid_size = 1;
  u.a.exit_signal = SIGCHLD;
  fflush(stdout);
  r = rs(syscall(SYS_clone3, &u.a, 80));
  if (r == 0)
    _exit(syscall(SYS_getpid) == old ? 0 : 1);
  st = -1;
  waitpid((pid_t)r, &st, 0);
  check(r == old && WIFEXITED(st) && WEXITSTATUS(st) == 0,
        "set_tid [a freed pid]: the child has it");

  /* CLONE_VM|CLONE_VFORK on a new stack: the child writes our memory and
   * has exited when clone3 returns. */
  reset();
  u.a.flags = CLONE_VM | CLONE_VFORK;
  u.a.exit_signal = SIGCHLD;
  u.a.stack = ptr(child_stack);
  u.a.stack_size = sizeof child_stack;
  shared_word = 0;
  fflush(stdout);
  r = raw_clone3(&u.a, 64, vm_child, (void *)(intptr_t)42);
  int seen = shared_word;
  st = -1;
  waitpid((pid_t)r, &st, 0);
  check(r > 0 && seen == 42 && WIFEXITED(st) && WEXITSTATUS(st) == 5,
        "CLONE_VM|CLONE_VFORK: the child's write is seen, exit 5");
  return finish("clone3_rules");
}
