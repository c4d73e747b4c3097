/* threads.exit_clears_tid: a thread ending with pthread_exit/SYS_exit
 * leaves the process running; its CLONE_CHILD_CLEARTID word is zeroed
 * and the futex woken, which is what pthread_join waits for; the main
 * thread may exit alone (SYS_exit) while another thread finishes the
 * process. set_tid_address returns the caller's tid. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_t main_thread;
static volatile int main_done;

static void *early(void *arg) {
  (void)arg;
  pthread_exit((void *)42); /* SYS_exit of this thread only */
}

static void *finisher(void *arg) {
  (void)arg;
  /* The main thread has called SYS_exit: join it by its tid word. */
  void *r;
  int e = pthread_join(main_thread, &r);
  printf("joined the main thread: %s\n", e == 0 ? "ok" : "FAILED");
  printf(e == 0 ? "CONTRACT_PASS exit_clears_tid\n"
                : "CONTRACT_FAIL exit_clears_tid: join\n");
  fflush(stdout);
  exit(e == 0 ? 0 : 1);
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, early, 0);
  void *r;
  pthread_join(t, &r);
  printf("thread result %ld, process still running\n", (long)r);
  if (r != (void *)42) {
    printf("CONTRACT_FAIL exit_clears_tid: result\n");
    return 1;
  }
  /* set_tid_address in a child, where changing musl's word is harmless. */
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    static int dummy;
    long tid = syscall(SYS_set_tid_address, &dummy);
    _exit(tid == syscall(SYS_gettid) ? 0 : 1);
  }
  int st;
  waitpid(c, &st, 0);
  printf("set_tid_address returns the tid: %s\n",
         WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "ok" : "FAILED");
  main_thread = pthread_self();
  fflush(stdout);
  pthread_create(&t, 0, finisher, 0);
  pthread_exit(0); /* the process lives on in `finisher` */
}
