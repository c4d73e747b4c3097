/* fs.chmod_modes: chmod, fchmod and fchmodat keep the 07777 bits
 * (setuid, setgid, sticky included) and ignore the file type bits given;
 * a symlink is followed; fchmod of an O_PATH fd is EBADF; a non-root
 * owner outside the file's group loses setgid when setting it; setgid on
 * a directory is inherited by new files' group and new subdirectories. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static unsigned mode_of(const char *p) {
  struct stat st;
  return stat(p, &st) ? 0xffffffffu : st.st_mode;
}

int main(void) {
  umask(0);
  int fd = open("f", O_CREAT | O_RDWR, 0644);
  const unsigned modes[] = {04755, 02755, 01777, 07777, 0, 0170644};
  for (int i = 0; i < 6; i++) {
    expect("chmod", rs(chmod("f", modes[i])), "ok");
    printf("chmod %o -> %o\n", modes[i], mode_of("f"));
  }
  expect("fchmod 0600", rs(fchmod(fd, 0600)), "ok");
  printf("fchmod -> %o\n", mode_of("f"));
  expect("fchmodat 0640", rs(fchmodat(AT_FDCWD, "f", 0640, 0)), "ok");
  printf("fchmodat -> %o\n", mode_of("f"));
  symlink("f", "l");
  expect("chmod through a symlink", rs(chmod("l", 0604)), "ok");
  struct stat ls;
  lstat("l", &ls);
  printf("target %o, link %o\n", mode_of("f"), ls.st_mode);
  int d = open(".", O_RDONLY | O_DIRECTORY);
  expect("fchmodat through a dirfd", rs(syscall(SYS_fchmodat, d, "f", 0611)), "ok");
  printf("-> %o\n", mode_of("f"));
  /* raw: musl's fchmod retries an EBADF through /proc/self/fd */
  expect("fchmod of an O_PATH fd", rs(syscall(SYS_fchmod, open("f", O_PATH), 0604)), "EBADF");
  expect("fchmod of a closed fd", rs(fchmod(99, 0600)), "EBADF");
  expect("chmod missing", rs(chmod("nx", 0600)), "ENOENT");
  int p[2];
  pipe(p);
  expect("fchmod of a pipe", rs(fchmod(p[0], 0640)), "ok");
  struct stat ps;
  fstat(p[0], &ps);
  printf("pipe mode now %o\n", ps.st_mode & 07777);
  mkdir("sg", 0755);
  chown("sg", 0, 1234);
  expect("chmod g+s on a dir", rs(chmod("sg", 02775)), "ok");
  close(open("sg/file", O_CREAT | O_WRONLY, 0644));
  mkdir("sg/sub", 0755);
  struct stat st;
  stat("sg/file", &st);
  printf("file in a setgid dir: gid 1234 %d mode %o\n", st.st_gid == 1234, st.st_mode);
  stat("sg/sub", &st);
  printf("subdir: gid 1234 %d mode %o\n", st.st_gid == 1234, st.st_mode);
  close(open("mine", O_CREAT | O_WRONLY, 0644));
  chown("mine", 1000, 0);
  fflush(stdout);
  if (fork() == 0) {
    setresgid(1000, 1000, 1000);
    setresuid(1000, 1000, 1000);
    expect("child 1000: chmod 02755 its file of group 0", rs(chmod("mine", 02755)), "ok");
    printf("child: mode %o\n", mode_of("mine"));
    expect("child 1000: chmod 04755", rs(chmod("mine", 04755)), "ok");
    printf("child: mode %o\n", mode_of("mine"));
    expect("child 1000: chmod 01644", rs(chmod("mine", 01644)), "ok");
    printf("child: mode %o\n", mode_of("mine"));
    expect("child 1000: chmod root's file", rs(chmod("f", 0777)), "EPERM");
    fflush(stdout);
    _exit(failed);
  }
  int s;
  wait(&s);
  if (WEXITSTATUS(s))
    failed = 1;
  return finish("chmod_modes");
}
