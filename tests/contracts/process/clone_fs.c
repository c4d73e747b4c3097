/* process.clone_fs: clone(CLONE_FS) without CLONE_THREAD makes a process
 * that shares the parent's root, working directory and umask: the child's
 * chdir, umask and chroot are the parent's too. Without the flag they are
 * copies; a sharer that calls unshare(CLONE_FS) first gets a copy of its
 * own. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>

#include "contract.h"

static char stack[65536] __attribute__((aligned(16)));

static int moves(void *arg) {
  (void)arg;
  if (chdir("sub") != 0)
    return 1;
  umask(077);
  return 0;
}

static int moves_privately(void *arg) {
  (void)arg;
  if (unshare(CLONE_FS) != 0)
    return 2;
  return moves(0);
}

static int jails(void *arg) {
  (void)arg;
  return chroot("/tmp/sub") == 0 ? 0 : 3;
}

static pid_t spawn(int (*fn)(void *), int flags) {
  return clone(fn, stack + sizeof stack, flags | SIGCHLD, 0);
}

static void show(const char *what, int st) {
  char cwd[256];
  mode_t m = umask(0);
  umask(m);
  printf("%s: exit %d, our cwd %s, our umask %03o\n", what, st,
         getcwd(cwd, sizeof cwd) ? cwd : "?", (unsigned)m);
}

int main(void) {
  check(mkdir("sub", 0755) == 0, "mkdir sub");
  close(open("sub/marker", O_CREAT | O_WRONLY, 0600));
  umask(022);
  show("without CLONE_FS", reap_status(spawn(moves, CLONE_VM)));
  show("unshare(CLONE_FS) first",
       reap_status(spawn(moves_privately, CLONE_VM | CLONE_FS)));
  show("CLONE_FS", reap_status(spawn(moves, CLONE_VM | CLONE_FS)));
  check(chdir("/tmp") == 0, "back to /tmp");
  umask(022);
  show("CLONE_FS without CLONE_VM", reap_status(spawn(moves, CLONE_FS)));
  check(chdir("/tmp") == 0, "back to /tmp");
  int st = reap_status(spawn(jails, CLONE_FS));
  printf("the child's chroot: exit %d, /marker is now ours: %s\n", st,
         access("/marker", F_OK) == 0 ? "yes" : "no");
  return finish("clone_fs");
}
