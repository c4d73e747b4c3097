/* fd.fork_offsets: descriptors a child inherits share the open file
 * description with the parent: offset and status flags move for both;
 * a file opened again has its own. FIOCLEX/FIONCLEX, close_range. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#include "contract.h"

int main(void) {
  int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0600);
  write(fd, "0123456789", 10);
  lseek(fd, 2, SEEK_SET);
  pid_t pid = fork();
  if (pid == 0) {
    char c;
    read(fd, &c, 1); /* moves the shared offset to 3 */
    fcntl(fd, F_SETFL, O_APPEND);
    lseek(fd, 7, SEEK_SET);
    _exit(c == '2' ? 0 : 1);
  }
  int st;
  waitpid(pid, &st, 0);
  printf("child read the shared offset: %s\n", WEXITSTATUS(st) == 0 ? "yes" : "no");
  printf("offset after the child: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  printf("O_APPEND set by the child: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  int other = open("f", O_RDONLY);
  printf("a new open's offset: %ld\n", (long)lseek(other, 0, SEEK_CUR));
  check(ioctl(other, FIOCLEX) == 0 && fcntl(other, F_GETFD) == FD_CLOEXEC, "FIOCLEX");
  check(ioctl(other, FIONCLEX) == 0 && fcntl(other, F_GETFD) == 0, "FIONCLEX");
  int nb = 1;
  check(ioctl(other, FIONBIO, &nb) == 0 && (fcntl(other, F_GETFL) & O_NONBLOCK),
        "FIONBIO sets O_NONBLOCK");
  int n = -1;
  lseek(other, 4, SEEK_SET);
  check(ioctl(other, FIONREAD, &n) == 0, "FIONREAD on a file");
  printf("FIONREAD at 4 of 10: %d\n", n);
  int d = open(".", O_RDONLY);
  expect("FIONREAD on a directory", rs(ioctl(d, FIONREAD, &n)), "ENOTTY");
  expect("TCGETS on a file", rs(ioctl(fd, 0x5401, &n)), "ENOTTY");
  int a = dup(fd), b = dup(fd);
  expect("close_range CLOEXEC", rs(syscall(SYS_close_range, a, b, 4)), "ok");
  printf("cloexec after close_range: %d %d\n", fcntl(a, F_GETFD), fcntl(b, F_GETFD));
  expect("close_range first > last", rs(syscall(SYS_close_range, 9, 3, 0)), "EINVAL");
  expect("close_range bad flag", rs(syscall(SYS_close_range, 3, 9, 1)), "EINVAL");
  expect("close_range all above 3", rs(syscall(SYS_close_range, 3, ~0u, 0)), "ok");
  expect("fd 3 closed", rs(fcntl(3, F_GETFD)), "EBADF");
  return finish("fork_offsets");
}
