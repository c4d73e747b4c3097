/* proc.fd_links: /proc/self/fd lists exactly the open descriptors; each
 * is a link whose mode says how the file is open and whose target is the
 * path, "pipe:[ino]" or "anon_inode:[eventfd]" (and [timerfd],
 * [signalfd], [eventpoll]); fdinfo gives pos, flags
 * (with O_CLOEXEC) and ino as fstat and lseek say. */
#define _GNU_SOURCE
#include "contract.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/timerfd.h>

static void expect_link(const char *what, int fd, const char *want) {
  char path[64], buf[4096];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  long n = readlink(path, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  check(n > 0 && strcmp(buf, want) == 0, what);
}

static unsigned link_mode(int fd) {
  char path[64];
  struct stat st;
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
    return 07777;
  return st.st_mode & 07777;
}

int main(void) {
  int file = open("/tmp/f", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  int rd = open("/tmp/f", O_RDONLY);
  int null = open("/dev/null", O_WRONLY);
  int p[2];
  check(pipe(p) == 0, "pipe");
  int efd = eventfd(0, 0);
  check(file >= 0 && rd >= 0 && null >= 0 && efd >= 0, "opened");

  DIR *d = opendir("/proc/self/fd");
  int dfd = dirfd(d);
  int want[] = {0, 1, 2, file, rd, null, p[0], p[1], efd, dfd};
  int seen[64] = {0}, extra = 0, count = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    int fd = atoi(e->d_name);
    if (fd < 0 || fd >= 64 || e->d_type != DT_LNK)
      extra++;
    else
      seen[fd]++;
    count++;
  }
  closedir(d);
  int all = 1;
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
    all &= seen[want[i]] == 1;
  check(all && !extra && count == (int)(sizeof want / sizeof want[0]),
        "fd lists exactly the open descriptors, as links");

  expect_link("a file's link is its path", file, "/tmp/f");
  expect_link("so is a second open's", rd, "/tmp/f");
  expect_link("/dev/null", null, "/dev/null");
  struct stat st;
  fstat(p[0], &st);
  char want_pipe[64];
  snprintf(want_pipe, sizeof want_pipe, "pipe:[%lu]", (unsigned long)st.st_ino);
  expect_link("pipe read end: pipe:[its inode]", p[0], want_pipe);
  expect_link("pipe write end: the same", p[1], want_pipe);
  expect_link("eventfd", efd, "anon_inode:[eventfd]");
  check(link_mode(file) == 0700, "O_RDWR link: lrwx------");
  check(link_mode(rd) == 0500, "O_RDONLY link: lr-x------");
  check(link_mode(null) == 0300, "O_WRONLY link: l-wx------");

  check(write(file, "hello", 5) == 5, "write 5 bytes");
  char info[1024];
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fdinfo/%d", file);
  long n = slurp(path, info, sizeof info);
  unsigned long pos = 9, flags = 0, ino = 0;
  int mnt = -1;
  check(n > 0 &&
            sscanf(info, "pos:\t%lu\nflags:\t%lo\nmnt_id:\t%d\nino:\t%lu\n",
                   &pos, &flags, &mnt, &ino) == 4,
        "fdinfo: pos, flags, mnt_id, ino lines");
  fstat(file, &st);
  check(pos == 5, "pos is the offset");
  check(ino == st.st_ino, "ino is fstat's");
  check((flags & O_CLOEXEC) && (flags & O_ACCMODE) == O_RDWR,
        "flags: O_RDWR with O_CLOEXEC");
  check(strncmp(info + strcspn(info, "\n") + 1, "flags:\t0", 8) == 0,
        "flags in octal with a leading 0");
  struct stat lst;
  snprintf(path, sizeof path, "/proc/self/fdinfo/%d", rd);
  check(stat(path, &lst) == 0 && S_ISREG(lst.st_mode) &&
            (lst.st_mode & 07777) == 0444,
        "fdinfo entries are 0444 files");
  check(stat("/proc/self/fd", &lst) == 0 && (lst.st_mode & 07777) == 0500,
        "fd/ is 0500");

  close(rd);
  snprintf(path, sizeof path, "/proc/self/fd/%d", rd);
  char buf[64];
  expect("readlink a closed fd", rs(readlink(path, buf, sizeof buf)), "ENOENT");
  expect("fdinfo of a closed fd", slurp(path, buf, sizeof buf), "ENOENT");
  expect("fd/abc", rs(readlink("/proc/self/fd/abc", buf, sizeof buf)),
         "ENOENT");
  int again = open("/proc/self/fd/3", O_RDONLY);
  check(again >= 0, "open through fd/N reopens the file");
  close(again);

  /* Every anon-inode file names its kind. */
  int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  int sfd = signalfd(-1, &mask, 0);
  int epfd = epoll_create1(0);
  expect_link("timerfd", tfd, "anon_inode:[timerfd]");
  expect_link("signalfd", sfd, "anon_inode:[signalfd]");
  expect_link("epoll", epfd, "anon_inode:[eventpoll]");
  return finish("proc.fd_links");
}
