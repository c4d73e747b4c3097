/* fd.cloexec_exec: which descriptors survive execve: those marked
 * close-on-exec by O_CLOEXEC, F_SETFD, F_DUPFD_CLOEXEC, dup3, pipe2 and
 * FIOCLEX close; plain ones, dup's copies and cleared ones stay, with
 * their offsets and status flags. The program execs itself. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "contract.h"

static const char *names[] = {"O_CLOEXEC", "F_SETFD", "F_DUPFD_CLOEXEC", "dup3",
                              "pipe2",     "FIOCLEX", "plain",           "dup of cloexec",
                              "cleared",   "pipe"};

static int stage2(char **argv) {
  for (int i = 0; i < 10; i++) {
    int fd = atoi(argv[2 + i]);
    long r = rs(fcntl(fd, F_GETFD));
    printf("%s: %s", names[i], r < 0 ? ename(r) : "open");
    if (r >= 0)
      printf(" cloexec %ld", r);
    printf("\n");
  }
  int plain = atoi(argv[2 + 6]);
  printf("plain: offset %ld append %d\n", (long)lseek(plain, 0, SEEK_CUR),
         (fcntl(plain, F_GETFL) & O_APPEND) != 0);
  return finish("cloexec_exec");
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "stage2") == 0)
    return stage2(argv);
  int fd[10];
  int p[2], q[2];
  fd[0] = open("a", O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  fd[1] = open("a", O_RDONLY);
  fcntl(fd[1], F_SETFD, FD_CLOEXEC);
  fd[2] = fcntl(fd[1], F_DUPFD_CLOEXEC, 20);
  fd[3] = (int)syscall(SYS_dup3, fd[1], 30, O_CLOEXEC);
  pipe2(p, O_CLOEXEC);
  fd[4] = p[1];
  fd[5] = open("a", O_RDONLY);
  ioctl(fd[5], FIOCLEX);
  fd[6] = open("a", O_WRONLY | O_APPEND);
  write(fd[6], "12345", 5);
  fd[7] = dup(fd[0]);
  fd[8] = open("a", O_RDONLY | O_CLOEXEC);
  fcntl(fd[8], F_SETFD, 0);
  pipe(q);
  fd[9] = q[0];
  char *nargv[13], bufs[10][16];
  nargv[0] = argv[0];
  nargv[1] = "stage2";
  for (int i = 0; i < 10; i++) {
    snprintf(bufs[i], sizeof bufs[i], "%d", fd[i]);
    nargv[2 + i] = bufs[i];
  }
  nargv[12] = 0;
  printf("before exec: cloexec");
  for (int i = 0; i < 10; i++)
    printf(" %d", fcntl(fd[i], F_GETFD));
  printf("\n");
  fflush(stdout);
  execve("/proc/self/exe", nargv, (char *[]){0});
  printf("CONTRACT_FAIL cloexec_exec: execve returned %s\n", errno_name(errno));
  return 1;
}
