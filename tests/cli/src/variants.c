/* Fixture program for strace's output variants (-t/-tt/-ttt, -T, -y/-yy,
 * -s, -v, -X, -e trace=, with and without -f): file descriptors that -y
 * decorates, a string longer than -s 8, a struct -v expands, flags -X
 * prints raw, and a child so -f has two pids. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  long base = syscall(SYS_brk, 0);
  syscall(SYS_brk, base + 8192);
  int fd = open("/dev/null", O_WRONLY);
  write(fd, "a string longer than eight bytes\n", 33);
  struct stat st;
  fstat(fd, &st);
  int p[2];
  pipe(p);
  write(p[1], "x", 1);
  char c;
  read(p[0], &c, 1);
  close(p[0]);
  close(p[1]);
  close(fd);
  open("/nonexistent/kdiff", O_RDONLY);
  pid_t child = fork();
  if (child == 0)
    _exit(3);
  int status;
  wait4(child, &status, 0, 0);
  return 0;
}
