/* process.clone_vm_orphans: processes that share memory, descriptors,
 * dispositions and directories with one that has gone. A middle process
 * makes two children with CLONE_VM | CLONE_FILES | CLONE_SIGHAND |
 * CLONE_FS and exits; they are reparented to us (a child subreaper) and
 * keep running in the memory it left: one changes the shared state and
 * execs, the other finds the changes and is killed while it blocks.
 * Nothing of the dead owner's is freed under them. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include "contract.h"

#define SHARE (CLONE_VM | CLONE_FILES | CLONE_SIGHAND | CLONE_FS)

static char stacks[2][65536] __attribute__((aligned(16)));
static volatile int word;
static volatile int step;
static int pipefd[2];
static int report[2];

static void on_usr1(int sig) {
  (void)sig;
}

/* First child: wait until the middle process is gone, change everything
 * shared, then exec. */
static int changer(void *arg) {
  (void)arg;
  while (getppid() != (pid_t)(long)step)
    sched_yield();
  word = 42;
  signal(SIGUSR1, on_usr1);
  umask(077);
  int fd = open("from_changer", O_CREAT | O_WRONLY, 0600);
  dup2(fd, 100);
  step = 2;
  char *argv[] = {"clone_vm_orphans", "exec", 0};
  execv("/proc/self/exe", argv);
  return 99;
}

/* Second child: sees the first one's changes, tells us, then blocks. */
static int finder(void *arg) {
  (void)arg;
  while (step != 2)
    sched_yield();
  struct sigaction sa;
  sigaction(SIGUSR1, 0, &sa);
  mode_t m = umask(0);
  char line[128];
  int n = snprintf(line, sizeof line,
                   "finder: word %d, handler %s, umask %03o, fd 100 %s\n", word,
                   sa.sa_handler == on_usr1 ? "shared" : "not shared",
                   (unsigned)m, fcntl(100, F_GETFD) >= 0 ? "open" : "closed");
  write(report[1], line, n);
  char c;
  read(pipefd[0], &c, 1); /* killed here */
  return 98;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "exec") == 0)
    return 7;
  prctl(PR_SET_CHILD_SUBREAPER, 1); /* the orphans come to us */
  int pids[2];
  pipe(pipefd);
  pipe(report);
  pipe(pids);
  step = getpid(); /* the changer waits to be ours */
  pid_t middle = fork();
  if (middle == 0) {
    pid_t c[2];
    c[0] = clone(changer, stacks[0] + sizeof stacks[0], SHARE | SIGCHLD, 0);
    c[1] = clone(finder, stacks[1] + sizeof stacks[1], SHARE | SIGCHLD, 0);
    write(pids[1], c, sizeof c);
    _exit(3);
  }
  pid_t c[2] = {0, 0};
  read(pids[0], c, sizeof c);
  printf("middle process: exit %d\n", reap_status(middle));
  char line[128] = {0};
  long n = read(report[0], line, sizeof line - 1);
  printf("%s", n > 0 ? line : "finder: no report\n");
  printf("the changer, after its execve: exit %d\n", reap_status(c[0]));
  kill(c[1], SIGKILL); /* blocked in read on our pipe */
  printf("the finder: %s\n",
         reap_status(c[1]) == 128 + SIGKILL ? "killed by SIGKILL" : "other");
  check(access("from_changer", F_OK) == 0,
        "the changer's file is in our directory");
  return finish("clone_vm_orphans");
}
