/* fd.splice_sources: which files sendfile(2) and splice(2) can read
 * from. Linux reads only through a file's ->splice_read: regular files,
 * memfds, /dev/urandom, /proc's global files, its
 * sysctl files and the mount tables have one; the per-process /proc files
 * (status, stat, maps...), fdinfo, /dev/null, eventfd, timerfd, signalfd
 * and epoll files have none, so both calls are EINVAL before anything
 * moves (busybox's cat meets this on /proc/self/status and falls back to
 * read). A unix socket can be spliced, and sendfile'd, to a pipe, but
 * not sendfile'd to a file. /dev/zero and /dev/full are left out: Linux
 * 6.1 has no splice_read for them, 6.18 has. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>

#include "contract.h"

static int pipefd[2];

/* sendfile to /dev/null and splice into a pipe, from the start of `fd`
 * (seekable or not), and close it. */
static void try(const char *name, int fd) {
  if (fd < 0) {
    printf("%s: open %s\n", name, errno_name(errno));
    failed = 1;
    return;
  }
  int out = open("/dev/null", O_WRONLY);
  long r = rs(syscall(SYS_sendfile, out, fd, 0, 8));
  printf("%s: sendfile %s", name, ename(r));
  lseek(fd, 0, SEEK_SET);
  r = rs(syscall(SYS_splice, fd, 0, pipefd[1], 0, 8, SPLICE_F_NONBLOCK));
  printf(", splice %s\n", ename(r));
  char drain[8];
  while (read(pipefd[0], drain, sizeof drain) > 0) {
  }
  close(out);
  close(fd);
}

static void try_path(const char *path) {
  try(path, open(path, O_RDONLY));
}

int main(void) {
  pipe2(pipefd, O_NONBLOCK);
  int f = open("file", O_RDWR | O_CREAT, 0600);
  write(f, "abcdefgh", 8);
  try("regular file", f);
  int m = memfd_create("m", 0);
  write(m, "abcdefgh", 8);
  try("memfd", m);
  try_path("/dev/urandom");
  try_path("/dev/null");

  try_path("/proc/self/status");
  try_path("/proc/self/stat");
  try_path("/proc/self/statm");
  try_path("/proc/self/maps");
  try_path("/proc/self/cmdline");
  try_path("/proc/self/comm");
  try_path("/proc/self/limits");
  try_path("/proc/self/fdinfo/0");
  try_path("/proc/self/mounts");
  try_path("/proc/self/mountinfo");
  try_path("/proc/meminfo");
  try_path("/proc/uptime");
  try_path("/proc/version");
  try_path("/proc/filesystems");
  try_path("/proc/sys/kernel/ostype");
  try_path("/proc/sys/kernel/pid_max");

  try("eventfd", eventfd(1, EFD_NONBLOCK));
  try("timerfd", timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  try("signalfd", signalfd(-1, &s, SFD_NONBLOCK));
  try("epoll", epoll_create1(0));
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
  write(sv[1], "abcdefgh", 8);
  write(sv[1], "abcdefgh", 8);
  long r = rs(syscall(SYS_sendfile, pipefd[1], sv[0], 0, 4));
  printf("unix stream socket: sendfile to a pipe %ld\n", r);
  try("unix stream socket", sv[0]);
  close(sv[1]);

  return finish("splice_sources");
}
