/* fd.dup_rules: dup, dup2 and dup3 as dup(2) describes them: the lowest
 * free descriptor, a shared open file description without FD_CLOEXEC,
 * dup2 onto an open descriptor closes it, dup2 of a descriptor onto
 * itself (EBADF when closed), dup3's EINVAL for the same descriptor and
 * unknown flags, O_CLOEXEC, and EBADF at or above RLIMIT_NOFILE. dup2 is
 * libc's: arm64 has no dup2 syscall (musl uses dup3 and fcntl there). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/resource.h>

#include "contract.h"

int main(void) {
  int a = open("f", O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  int b = open("g", O_CREAT | O_RDWR, 0600);
  printf("fds %d %d\n", a, b);
  int d = dup(a);
  printf("dup gives %d, cloexec %d\n", d, fcntl(d, F_GETFD));
  close(b);
  printf("dup after closing %d gives %d\n", b, dup(a));
  expect("dup of a closed fd", rs(dup(99)), "EBADF");
  expect("dup of -1", rs(dup(-1)), "EBADF");
  write(a, "abc", 3);
  printf("the dup shares the offset: %ld\n", (long)lseek(d, 0, SEEK_CUR));
  int g = open("g", O_RDONLY);
  printf("dup2 onto open %d: %ld\n", g, rs(dup2(a, g)));
  printf("%d now names f: offset %ld\n", g, (long)lseek(g, 0, SEEK_CUR));
  printf("dup2 onto itself: %ld\n", rs(dup2(a, a)));
  printf("cloexec kept by dup2 onto itself: %d\n", fcntl(a, F_GETFD));
  expect("dup2 of a closed fd onto itself", rs(dup2(50, 50)), "EBADF");
  expect("dup2 of a closed fd", rs(dup2(50, 51)), "EBADF");
  expect("dup2 onto -1", rs(dup2(a, -1)), "EBADF");
  expect("dup2 to a high fd", rs(dup2(a, 200)), "ok");
  printf("fd 200 cloexec %d\n", fcntl(200, F_GETFD));
  expect("dup3 onto itself", rs(syscall(SYS_dup3, a, a, 0)), "EINVAL");
  expect("dup3 unknown flag", rs(syscall(SYS_dup3, a, 40, O_NONBLOCK)), "EINVAL");
  expect("dup3 of a closed fd", rs(syscall(SYS_dup3, 50, 51, 0)), "EBADF");
  expect("dup3 O_CLOEXEC", rs(syscall(SYS_dup3, a, 40, O_CLOEXEC)), "ok");
  printf("fd 40 cloexec %d\n", fcntl(40, F_GETFD));
  expect("dup3 no flags over it", rs(syscall(SYS_dup3, b, 40, 0) >= 0 ? 0 : -errno),
         "ok");
  printf("fd 40 cloexec %d\n", fcntl(40, F_GETFD));
  struct rlimit rl = {64, 64};
  setrlimit(RLIMIT_NOFILE, &rl);
  expect("dup2 to the limit", rs(dup2(a, 64)), "EBADF");
  expect("dup3 above the limit", rs(syscall(SYS_dup3, a, 100, 0)), "EBADF");
  expect("dup2 below the limit", rs(dup2(a, 63) == 63 ? 0 : -errno), "ok");
  expect("fd 200 still open above the limit", rs(fcntl(200, F_GETFD)), "ok");
  expect("dup2 from above the limit", rs(dup2(200, 62) == 62 ? 0 : -errno),
         "ok");
  expect("close above the limit", rs(close(200)), "ok");
  expect("close twice", rs(close(200)), "EBADF");
  expect("close -1", rs(close(-1)), "EBADF");
  return finish("dup_rules");
}
