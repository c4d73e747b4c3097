/* Fixture program (threads): two threads that run alongside main; each
 * asks for its ids, makes a failing close (EBADF), writes a line and
 * returns; main joins both and exits 0. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *worker(void *arg) {
  const char *name = arg;
  syscall(SYS_gettid);
  getpid();
  close(-1);
  char line[32];
  int n = snprintf(line, sizeof line, "%s: hello\n", name);
  write(1, line, (size_t)n);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, worker, "t1");
  pthread_create(&t2, NULL, worker, "t2");
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  write(1, "main: joined\n", 13);
  return 0;
}
