/* process.prctl_name: PR_SET_NAME takes at most 15 bytes (a longer name
 * is cut, not refused), PR_GET_NAME always writes 16 bytes with the NUL,
 * a fork child inherits the name, a thread has its own, and bad pointers
 * are EFAULT. */
#define _GNU_SOURCE
#include "contract.h"
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static char thread_saw[32];

static void *thread_main(void *arg) {
  (void)arg;
  char n[16];
  prctl(PR_GET_NAME, n);
  snprintf(thread_saw, sizeof thread_saw, "%s", n);
  prctl(PR_SET_NAME, "worker");
  return 0;
}

int main(void) {
  char got[32];
  expect("set short", rs(prctl(PR_SET_NAME, "kd-name")), "ok");
  memset(got, 'x', sizeof got);
  expect("get", rs(prctl(PR_GET_NAME, got)), "ok");
  expect_str("name", got, "kd-name");
  check(got[16] == 'x', "get writes 16 bytes only");

  expect("set long", rs(prctl(PR_SET_NAME, "0123456789abcdefghij")), "ok");
  prctl(PR_GET_NAME, got);
  expect_str("cut to 15", got, "0123456789abcde");

  expect("set empty", rs(prctl(PR_SET_NAME, "")), "ok");
  prctl(PR_GET_NAME, got);
  check(got[0] == 0, "empty name kept");

  expect("set NULL", rs(prctl(PR_SET_NAME, 0)), "EFAULT");
  expect("get NULL", rs(prctl(PR_GET_NAME, 0)), "EFAULT");
  prctl(PR_GET_NAME, got);
  check(got[0] == 0, "a failed set changes nothing");

  prctl(PR_SET_NAME, "parent");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    char n[16];
    prctl(PR_GET_NAME, n);
    _exit(strcmp(n, "parent") == 0 ? 0 : 1);
  }
  int st;
  waitpid(c, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork child inherits the name");

  pthread_t t;
  pthread_create(&t, 0, thread_main, 0);
  pthread_join(t, 0);
  expect_str("thread started with", thread_saw, "parent");
  prctl(PR_GET_NAME, got);
  expect_str("thread's rename leaves the caller", got, "parent");
  return finish("prctl_name");
}
