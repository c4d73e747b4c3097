/* fd.locks: advisory locks. POSIX record locks conflict between
 * processes (F_SETLK EAGAIN, F_GETLK names the holder), are released by
 * closing ANY descriptor of the file, and F_SETLKW waits; OFD locks
 * conflict between open file descriptions of one process; flock locks
 * belong to the open file description (shared by dup, not by a second
 * open) and a failed conversion drops the old lock. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>

#include "contract.h"

static int setlk(int fd, int cmd, int type, off_t start, off_t len) {
  struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = start,
                     .l_len = len};
  return fcntl(fd, cmd, &fl) == 0 ? 0 : -errno;
}

static int child(void (*fn)(int), int fd) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    fn(fd);
    fflush(stdout);
    _exit(failed);
  }
  int st;
  waitpid(pid, &st, 0);
  return WEXITSTATUS(st);
}

static void other_process(int fd) {
  expect("child: write lock on a locked range", setlk(fd, F_SETLK, F_WRLCK, 5, 2),
         "EAGAIN");
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100};
  fcntl(fd, F_GETLK, &fl);
  printf("child: F_GETLK: type %s start %ld len %ld holder is parent %d\n",
         fl.l_type == F_WRLCK ? "F_WRLCK" : fl.l_type == F_RDLCK ? "F_RDLCK" : "other", (long)fl.l_start, (long)fl.l_len,
         fl.l_pid == getppid());
  expect("child: lock past the range", setlk(fd, F_SETLK, F_WRLCK, 10, 10), "ok");
  struct flock free = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 50, .l_len = 1};
  fcntl(fd, F_GETLK, &free);
  printf("child: F_GETLK on a free range: %s\n", free.l_type == F_UNLCK ? "F_UNLCK" : "other");
}

static void after_close(int fd) {
  expect("child: lock after the parent closed another fd",
         setlk(fd, F_SETLK, F_WRLCK, 0, 10), "ok");
}

static void waiter(int fd) {
  expect("child: F_SETLKW waits for the parent", setlk(fd, F_SETLKW, F_WRLCK, 0, 1), "ok");
}

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  expect("write lock [0,10)", setlk(fd, F_SETLK, F_WRLCK, 0, 10), "ok");
  expect("own lock again (no conflict with itself)", setlk(fd, F_SETLK, F_RDLCK, 0, 5),
         "ok");
  child(other_process, fd);
  int again = open("f", O_RDONLY);
  close(again); /* closing any fd of the file drops this process's locks */
  child(after_close, fd);
  expect("bad type", setlk(fd, F_SETLK, 7, 0, 1), "EINVAL");
  expect("negative start", setlk(fd, F_SETLK, F_RDLCK, -5, 1), "EINVAL");
  int ro = open("f", O_RDONLY);
  expect("write lock on an O_RDONLY fd", setlk(ro, F_SETLK, F_WRLCK, 0, 1), "EBADF");
  expect("parent: lock [0,1)", setlk(fd, F_SETLK, F_WRLCK, 0, 1), "ok");
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    waiter(fd);
    fflush(stdout);
    _exit(failed);
  }
  nanosleep(&(struct timespec){0, 50000000}, 0);
  setlk(fd, F_SETLK, F_UNLCK, 0, 1);
  int st;
  waitpid(pid, &st, 0);
  printf("waiter status %d\n", WEXITSTATUS(st));

  int a = open("g", O_CREAT | O_RDWR, 0600), b = open("g", O_RDWR);
  expect("OFD write lock on a", setlk(a, F_OFD_SETLK, F_WRLCK, 0, 0), "ok");
  expect("OFD write lock on b (another description)", setlk(b, F_OFD_SETLK, F_WRLCK, 0, 1),
         "EAGAIN");
  struct flock bad = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_pid = 1};
  expect("OFD with l_pid set", rs(fcntl(a, F_OFD_SETLK, &bad)), "EINVAL");

  int x = open("h", O_CREAT | O_RDWR, 0600), y = open("h", O_RDWR), z = dup(x);
  expect("flock EX on x", rs(flock(x, LOCK_EX)), "ok");
  expect("flock EX|NB on a second open", rs(flock(y, LOCK_EX | LOCK_NB)), "EAGAIN");
  expect("flock EX on a dup (same description)", rs(flock(z, LOCK_EX | LOCK_NB)), "ok");
  close(z);
  expect("closing the dup keeps it", rs(flock(y, LOCK_SH | LOCK_NB)), "EAGAIN");
  expect("convert x to SH", rs(flock(x, LOCK_SH)), "ok");
  expect("SH on the second open now", rs(flock(y, LOCK_SH | LOCK_NB)), "ok");
  expect("x converts to EX: conflict", rs(flock(x, LOCK_EX | LOCK_NB)), "EAGAIN");
  expect("y takes EX once x's SH went with the failure",
         rs(flock(y, LOCK_UN) | flock(y, LOCK_EX | LOCK_NB)), "ok");
  expect("flock bad op", rs(flock(x, 0)), "EINVAL");
  expect("flock bad fd", rs(flock(99, LOCK_SH)), "EBADF");
  return finish("locks");
}
