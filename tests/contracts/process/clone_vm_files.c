/* process.clone_vm_files: clone(2) without CLONE_THREAD can share memory
 * (CLONE_VM) and the descriptor table (CLONE_FILES) between processes.
 * A CLONE_VM child's stores and mappings are the parent's; a CLONE_FILES
 * child's opens and closes are the parent's; without the flags both are
 * copies. Either side's execve leaves the other with the old memory: the
 * child's own exec, and the parent's exec while the child still runs in
 * the shared memory (the child then finds its data intact and reports it
 * through its exit status to the new program, which is still its
 * parent). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "contract.h"

#ifndef CLOSE_RANGE_UNSHARE
#define CLOSE_RANGE_UNSHARE 2 /* linux/close_range.h */
#endif

static char stack[4][65536] __attribute__((aligned(16)));
static volatile int shared_word;
static volatile char *volatile shared_map;
static int fd_from_child = -1;
static int pipefd[2];

static int store(void *arg) {
  (void)arg;
  shared_word = 42;
  char *m =
      mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  m[0] = 'm';
  shared_map = m;
  return 0;
}

static int opener(void *arg) {
  int victim = (int)(long)arg;
  fd_from_child = open("/tmp/child_file", O_RDWR | O_CREAT, 0600);
  close(victim);
  return 0;
}

/* Leaves the shared table first, by unshare or by close_range's flag. */
static int private_closer(void *arg) {
  int victim = (int)(long)arg;
  if (victim > 0)
    return unshare(CLONE_FILES) == 0 && close(victim) == 0 ? 0 : 1;
  victim = -victim;
  return syscall(SYS_close_range, victim, victim, CLOSE_RANGE_UNSHARE) == 0 &&
                 fcntl(victim, F_GETFD) < 0
             ? 0
             : 1;
}

static int exec_self(void *arg) {
  (void)arg;
  char *argv[] = {"clone_vm_files", "child_exec", 0};
  execv("/proc/self/exe", argv);
  return 99;
}

/* Runs in the memory the parent is about to replace: waits for a byte
 * from the parent's next program, then checks its data survived. */
static int outlive(void *arg) {
  (void)arg;
  char c;
  if (read(pipefd[0], &c, 1) != 1)
    return 98;
  if (shared_word != 7 || !shared_map || shared_map[0] != 'm')
    return 97;
  return 7;
}

static pid_t spawn(int (*fn)(void *), int i, int flags, void *arg) {
  return clone(fn, stack[i] + sizeof stack[i], flags | SIGCHLD, arg);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child_exec") == 0)
    return 5;
  if (argc > 2 && strcmp(argv[1], "parent_exec") == 0) {
    /* The new program: the child is still ours, blocked on the pipe. */
    pid_t child = atoi(argv[2]);
    int wfd = atoi(argv[3]);
    write(wfd, "go", 1);
    printf("after the parent's execve, the child's data is intact: %s\n",
           reap_status(child) == 7 ? "yes" : "no");
    return finish("clone_vm_files");
  }

  pid_t c = spawn(store, 0, CLONE_VM, 0);
  int st = reap_status(c);
  printf("CLONE_VM child: exit %d, its store seen: %s, its mapping seen: %s\n",
         st, shared_word == 42 ? "yes" : "no",
         shared_map && shared_map[0] == 'm' ? "yes" : "no");
  shared_word = 0;
  shared_map = 0;
  c = spawn(store, 0, 0, 0);
  reap_status(c);
  printf("without CLONE_VM: store seen: %s\n", shared_word ? "yes" : "no");

  int victim = open("/tmp/victim", O_RDWR | O_CREAT, 0600);
  c = spawn(opener, 1, CLONE_VM | CLONE_FILES, (void *)(long)victim);
  reap_status(c);
  printf("CLONE_FILES: the child's open is ours: %s, its close too: %s\n",
         fd_from_child >= 0 && fcntl(fd_from_child, F_GETFD) >= 0 ? "yes"
                                                                  : "no",
         fcntl(victim, F_GETFD) < 0 && errno == EBADF ? "yes" : "no");
  close(fd_from_child);
  victim = open("/tmp/victim", O_RDWR);
  fd_from_child = -1;
  c = spawn(opener, 1, CLONE_VM, (void *)(long)victim);
  reap_status(c);
  printf("without CLONE_FILES: the child's open is ours: %s, its close: %s\n",
         fd_from_child >= 0 && fcntl(fd_from_child, F_GETFD) >= 0 ? "yes"
                                                                  : "no",
         fcntl(victim, F_GETFD) >= 0 ? "not ours" : "ours");

  /* Each child is waited for before the parent looks (printf's arguments
   * are evaluated in no fixed order). */
  c = spawn(private_closer, 1, CLONE_VM | CLONE_FILES, (void *)(long)victim);
  st = reap_status(c);
  printf("unshare(CLONE_FILES), then close: exit %d, ours still open: %s\n", st,
         fcntl(victim, F_GETFD) >= 0 ? "yes" : "no");
  c = spawn(private_closer, 1, CLONE_VM | CLONE_FILES, (void *)(long)-victim);
  st = reap_status(c);
  printf("close_range(CLOSE_RANGE_UNSHARE): exit %d, ours still open: %s\n", st,
         fcntl(victim, F_GETFD) >= 0 ? "yes" : "no");

  shared_word = 42;
  c = spawn(exec_self, 2, CLONE_VM, 0);
  st = reap_status(c);
  printf("CLONE_VM child's execve: exit %d, our memory intact: %s\n", st,
         shared_word == 42 ? "yes" : "no");

  expect("CLONE_SIGHAND without CLONE_VM",
         rs(spawn(store, 0, CLONE_SIGHAND, 0)), "EINVAL");

  /* The parent's execve while a CLONE_VM child runs in the old memory. */
  shared_word = 7;
  shared_map =
      mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  shared_map[0] = 'm';
  pipe(pipefd);
  c = spawn(outlive, 3, CLONE_VM, 0);
  char pid_s[16], fd_s[16];
  snprintf(pid_s, sizeof pid_s, "%d", (int)c);
  snprintf(fd_s, sizeof fd_s, "%d", pipefd[1]);
  fflush(stdout);
  char *nargv[] = {"clone_vm_files", "parent_exec", pid_s, fd_s, 0};
  execv("/proc/self/exe", nargv);
  printf("execv: %s\n", errno_name(errno));
  return 1;
}
