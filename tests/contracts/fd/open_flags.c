/* fd.open_flags: what F_GETFL reports for files opened with each access
 * mode and status flag (creation flags and O_CLOEXEC are not kept;
 * 64-bit Linux adds O_LARGEFILE), FD_CLOEXEC from O_CLOEXEC, a shared
 * offset through dup, and EMFILE at RLIMIT_NOFILE. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "contract.h"

static void show(const char *what, int fd) {
  int fl = fcntl(fd, F_GETFL);
  printf("%s: acc %s%s%s%s%s%s fd_cloexec %d\n", what,
         (fl & O_ACCMODE) == O_RDONLY ? "rdonly" : (fl & O_ACCMODE) == O_WRONLY ? "wronly" : "rdwr",
         fl & O_APPEND ? " append" : "", fl & O_NONBLOCK ? " nonblock" : "",
         fl & O_LARGEFILE ? " largefile" : "", fl & O_DIRECTORY ? " directory" : "",
         fl & (O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC) ? " CREATION-FLAGS" : "",
         fcntl(fd, F_GETFD) & FD_CLOEXEC);
}

int main(void) {
  int a = open("f", O_CREAT | O_EXCL | O_TRUNC | O_RDWR | O_CLOEXEC, 0600);
  show("creat rdwr cloexec", a);
  int b = open("f", O_WRONLY | O_APPEND | O_NONBLOCK);
  show("wronly append nonblock", b);
  int c = open(".", O_RDONLY | O_DIRECTORY);
  show("directory", c);
  int p = open("f", O_PATH);
  show("O_PATH", p);
  char x;
  expect("read an O_PATH fd", rs(read(p, &x, 1)), "EBADF");
  expect("fstat an O_PATH fd", rs(fstat(p, &(struct stat){0})), "ok");
  check(fcntl(b, F_SETFL, O_RDONLY) == 0, "F_SETFL cannot change the access mode");
  show("after F_SETFL 0", b);
  write(a, "0123456789", 10);
  int d = dup(a);
  lseek(a, 3, SEEK_SET);
  printf("dup shares the offset: %ld\n", (long)lseek(d, 0, SEEK_CUR));
  int e = open("f", O_RDONLY);
  printf("a second open has its own: %ld\n", (long)lseek(e, 0, SEEK_CUR));
  struct rlimit rl = {8, 8};
  setrlimit(RLIMIT_NOFILE, &rl);
  int last = -1, r;
  while ((r = open("f", O_RDONLY)) >= 0)
    last = r;
  printf("highest fd %d, then %s\n", last, errno_name(errno));
  close(4);
  printf("after close(4): %d\n", open("f", O_RDONLY));
  return finish("open_flags");
}
