/* fd.flock_fork: flock locks belong to the open file description, so a
 * child inheriting the descriptor holds the same lock (it may convert
 * and release it for both), while a child opening the file afresh
 * conflicts; a lock goes when the last descriptor of the description
 * closes, in whichever process. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>

#include "contract.h"

static int in_child(int fd, int how) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int r;
    if (how == 0) {
      r = flock(fd, LOCK_EX | LOCK_NB);
    } else if (how == 1) {
      r = flock(open("f", O_RDONLY), LOCK_SH | LOCK_NB);
    } else if (how == 2) {
      r = flock(fd, LOCK_UN);
    } else {
      r = flock(open("f", O_RDONLY), LOCK_EX | LOCK_NB);
    }
    _exit(r == 0 ? 0 : errno == EWOULDBLOCK ? 1 : 2);
  }
  int st;
  waitpid(pid, &st, 0);
  return WEXITSTATUS(st);
}

static const char *res(int r) {
  return r == 0 ? "ok" : r == 1 ? "EWOULDBLOCK" : "other";
}

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  expect("parent LOCK_EX", rs(flock(fd, LOCK_EX)), "ok");
  printf("child, inherited fd, LOCK_EX: %s\n", res(in_child(fd, 0)));
  printf("child, own open, LOCK_SH: %s\n", res(in_child(fd, 1)));
  printf("child, inherited fd, LOCK_UN: %s\n", res(in_child(fd, 2)));
  int other = open("f", O_RDONLY);
  expect("parent's second open after the child's LOCK_UN",
         rs(flock(other, LOCK_EX | LOCK_NB)), "ok");
  close(other);
  expect("LOCK_SH again", rs(flock(fd, LOCK_SH)), "ok");
  printf("child, own open, LOCK_SH beside it: %s\n", res(in_child(fd, 1)));
  printf("child, own open, LOCK_EX: %s\n", res(in_child(fd, 3)));
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(fd); /* the parent still holds the description */
    _exit(flock(open("f", O_RDONLY), LOCK_EX | LOCK_NB) == 0 ? 0 : 1);
  }
  int st;
  waitpid(pid, &st, 0);
  printf("child closed its copy, then LOCK_EX: %s\n", res(WEXITSTATUS(st)));
  close(fd);
  printf("after the parent's close, child LOCK_EX: %s\n", res(in_child(-1, 3)));
  return finish("flock_fork");
}
