/* threads.exit_group: exit() from one thread ends the whole process while
 * other threads spin, sleep in a futex, block in read or pause; the exit
 * status is that thread's. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int pipefd[2];
static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *spin(void *a) {
  (void)a;
  for (volatile unsigned long i = 0;; i++)
    ;
  return 0;
}

static void *reader(void *a) {
  (void)a;
  char c;
  read(pipefd[0], &c, 1);
  return 0;
}

static void *sleeper(void *a) {
  (void)a;
  pause();
  return 0;
}

static void *locker(void *a) {
  (void)a;
  pthread_mutex_lock(&held); /* held by main: sleeps on the futex */
  return 0;
}

int main(void) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    pipe(pipefd);
    pthread_mutex_lock(&held);
    pthread_t t;
    void *(*fns[])(void *) = {spin, reader, sleeper, locker, spin};
    for (unsigned i = 0; i < sizeof fns / sizeof fns[0]; i++)
      pthread_create(&t, 0, fns[i], 0);
    usleep(20000); /* everyone is blocked or spinning */
    exit(23);
  }
  int st = 0;
  waitpid(c, &st, 0);
  printf("child: exited=%d code=%d\n", WIFEXITED(st), WEXITSTATUS(st));
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 23) {
    printf("CONTRACT_FAIL exit_group: status\n");
    return 1;
  }
  /* A fatal signal to one thread kills all of them too. */
  c = fork();
  if (c == 0) {
    pipe(pipefd);
    pthread_t t;
    pthread_create(&t, 0, reader, 0);
    pthread_create(&t, 0, spin, 0);
    usleep(20000);
    *(volatile int *)0 = 1;
    _exit(0);
  }
  waitpid(c, &st, 0);
  printf("faulting child: signaled=%d sig=%d\n", WIFSIGNALED(st),
         WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  if (!WIFSIGNALED(st) || WTERMSIG(st) != 11) {
    printf("CONTRACT_FAIL exit_group: fault status\n");
    return 1;
  }
  printf("CONTRACT_PASS exit_group\n");
  return 0;
}
