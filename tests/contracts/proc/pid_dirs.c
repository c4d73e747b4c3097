/* proc.pid_dirs: /proc lists a directory per process; a child's shows it
 * running (its PPid the parent), then as a zombie (state Z, no exe, empty
 * cmdline, no memory or Umask lines in status) until it is reaped, when it is gone; task/ lists the threads,
 * and thread-self in a thread names that thread's own directory. Files
 * opened before the reap read ESRCH after it. */
#define _GNU_SOURCE
#include "contract.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char buf[8192];

static int listed(const char *dir, long id) {
  DIR *d = opendir(dir);
  struct dirent *e;
  int found = 0;
  while (d && (e = readdir(d)))
    found += atol(e->d_name) == id && e->d_type == DT_DIR;
  if (d)
    closedir(d);
  return found;
}

static int count_entries(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  int n = 0;
  while (d && (e = readdir(d)))
    n += e->d_name[0] != '.';
  if (d)
    closedir(d);
  return n;
}

static char state_of(pid_t pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  if (slurp(path, buf, sizeof buf) <= 0)
    return '?';
  char *p = strrchr(buf, ')');
  return p ? p[2] : '?';
}

static pthread_barrier_t bar;
static char thread_link[128], thread_want[128];

static void *thread_main(void *arg) {
  (void)arg;
  long n = readlink("/proc/thread-self", thread_link, sizeof thread_link - 1);
  thread_link[n > 0 ? n : 0] = 0;
  snprintf(thread_want, sizeof thread_want, "%d/task/%ld", getpid(),
           syscall(SYS_gettid));
  pthread_barrier_wait(&bar);
  pthread_barrier_wait(&bar);
  return 0;
}

int main(void) {
  check(listed("/proc", getpid()) == 1, "/proc lists our pid as a directory");
  check(listed("/proc/self/task", getpid()) == 1 &&
            count_entries("/proc/self/task") == 1,
        "task/ holds one thread, our pid");
  int p[2];
  pipe(p);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    char c;
    close(p[1]);
    read(p[0], &c, 1);
    _exit(7);
  }
  close(p[0]);
  check(listed("/proc", pid) == 1, "the child is listed");
  char path[64], want[32];
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  slurp(path, buf, sizeof buf);
  snprintf(want, sizeof want, "\nPPid:\t%d\n", getpid());
  check(strstr(buf, want) != 0, "its PPid is us");
  /* It may not be in read yet: look until it sleeps (bounded). */
  for (int i = 0; i < 100000 && state_of(pid) != 'S'; i++)
    sched_yield();
  check(state_of(pid) == 'S', "blocked in read: S");
  close(p[1]);
  siginfo_t si;
  waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
  check(state_of(pid) == 'Z', "exited, not reaped: Z");
  check(listed("/proc", pid) == 1, "a zombie is still listed");
  snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
  check(slurp(path, buf, sizeof buf) == 0, "its cmdline is empty");
  snprintf(path, sizeof path, "/proc/%d/exe", pid);
  expect("its exe", rs(readlink(path, buf, sizeof buf)), "ENOENT");
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  slurp(path, buf, sizeof buf);
  check(strstr(buf, "\nState:\tZ (zombie)\n") != 0, "status: Z (zombie)");
  check(strstr(buf, "\nVmSize:") == 0, "no memory lines");
  check(strstr(buf, "\nUmask:") == 0, "no Umask line (no fs_struct)");
  int held = open(path, O_RDONLY); /* its status, open across the reap */
  snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
  int held_cmdline = open(path, O_RDONLY);
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  int ws;
  waitpid(pid, &ws, 0);
  check(WIFEXITED(ws) && WEXITSTATUS(ws) == 7, "reaped");
  check(listed("/proc", pid) == 0, "gone from /proc");
  snprintf(path, sizeof path, "/proc/%d", pid);
  struct stat st;
  expect("stat its directory", rs(stat(path, &st)), "ENOENT");
  expect("read its status, opened before", rs(read(held, buf, sizeof buf)),
         "ESRCH");
  expect("read its cmdline, opened before",
         rs(read(held_cmdline, buf, sizeof buf)), "ESRCH");
  close(held);
  close(held_cmdline);

  pthread_t t;
  pthread_barrier_init(&bar, 0, 2);
  pthread_create(&t, 0, thread_main, 0);
  pthread_barrier_wait(&bar);
  check(strcmp(thread_link, thread_want) == 0,
        "thread-self in a thread is pid/task/its tid");
  check(count_entries("/proc/self/task") == 2, "task/ holds two threads now");
  char *tid = strrchr(thread_want, '/') + 1;
  snprintf(path, sizeof path, "/proc/self/task/%s/status", tid);
  slurp(path, buf, sizeof buf);
  snprintf(want, sizeof want, "\nPid:\t%s\n", tid);
  check(strstr(buf, want) != 0, "the thread's status has its tid as Pid");
  snprintf(want, sizeof want, "\nTgid:\t%d\n", getpid());
  check(strstr(buf, want) != 0, "and our pid as Tgid");
  check(strstr(buf, "\nThreads:\t2\n") != 0, "Threads: 2");
  snprintf(path, sizeof path, "/proc/self/task/%s", tid);
  check(stat(path, &st) == 0 && S_ISDIR(st.st_mode), "task/<tid> is a dir");
  pthread_barrier_wait(&bar);
  pthread_join(t, 0);
  /* The join returns at the tid wake, a moment before the thread leaves
   * the task list: look until it has (bounded). */
  for (int i = 0; i < 100000 && count_entries("/proc/self/task") != 1; i++)
    sched_yield();
  check(count_entries("/proc/self/task") == 1, "back to one thread");
  return finish("proc.pid_dirs");
}
