/* fs.suid_clear: a write by a process without CAP_FSETID clears a
 * regular file's set-user-ID bit, and its set-group-ID bit when group
 * execute is set or the writer is not in the file's group (setgid
 * without group execute stays for a group member); truncate, ftruncate,
 * pwrite, writev, copy_file_range and fallocate do the same, and so does
 * a write that faults (the bits go before the copy); a write of 0 bytes
 * does not, nor root's writes. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "contract.h"

static unsigned mode_of(const char *p) {
  struct stat st;
  stat(p, &st);
  return st.st_mode & 07777;
}

static void make(const char *p, unsigned mode, unsigned gid) {
  close(open(p, O_CREAT | O_WRONLY | O_TRUNC, 0600));
  chown(p, 1000, gid);
  chmod(p, mode);
}

/* Run `what` on file `p` (made with `mode`, group `gid`) as uid 1000 in
 * group 1000, and print the mode before and after. */
static void as_user(const char *what, const char *p, unsigned mode,
                    unsigned gid) {
  make(p, mode, gid);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    setgroups(0, 0);
    setresgid(1000, 1000, 1000);
    setresuid(1000, 1000, 1000);
    int fd = open(p, O_RDWR);
    long r = 0;
    if (!strcmp(what, "write"))
      r = write(fd, "x", 1);
    else if (!strcmp(what, "write 0"))
      r = write(fd, "", 0);
    else if (!strcmp(what, "write EFAULT"))
      r = write(fd, (void *)8, 1);
    else if (!strcmp(what, "pwrite"))
      r = pwrite(fd, "x", 1, 100);
    else if (!strcmp(what, "writev")) {
      struct iovec v = {"ab", 2};
      r = writev(fd, &v, 1);
    } else if (!strcmp(what, "ftruncate"))
      r = ftruncate(fd, 10);
    else if (!strcmp(what, "truncate"))
      r = truncate(p, 0);
    else if (!strcmp(what, "copy_file_range")) {
      int src = open("src", O_RDONLY);
      r = syscall(SYS_copy_file_range, src, 0, fd, 0, 4, 0);
      close(src);
    } else if (!strcmp(what, "fallocate"))
      r = fallocate(fd, 0, 0, 4096);
    printf("%-16s %04o gid %-4u -> %s, now %04o\n", what, mode, gid,
           r < 0 ? errno_name(errno) : "ok", mode_of(p));
    fflush(stdout);
    _exit(0);
  }
  int st;
  waitpid(pid, &st, 0);
}

int main(void) {
  int s = open("src", O_CREAT | O_WRONLY, 0644);
  write(s, "data", 4);
  close(s);
  chmod(".", 01777);
  as_user("write", "f1", 04755, 1000);
  as_user("write", "f2", 02755, 1000);
  as_user("write", "f3", 02745, 1000);
  as_user("write", "f4", 02745, 2000);
  as_user("write", "f5", 06777, 1000);
  as_user("write", "f6", 01755, 1000);
  as_user("write 0", "f7", 06755, 1000);
  as_user("write EFAULT", "f8", 06755, 1000);
  as_user("pwrite", "f9", 06755, 1000);
  as_user("writev", "f10", 04755, 1000);
  as_user("ftruncate", "f11", 06755, 1000);
  as_user("truncate", "f12", 06755, 1000);
  as_user("copy_file_range", "f13", 04755, 1000);
  as_user("fallocate", "f14", 04755, 1000);

  make("r1", 06755, 1000);
  int fd = open("r1", O_RDWR);
  write(fd, "x", 1);
  ftruncate(fd, 0);
  close(fd);
  printf("root write and ftruncate: %04o\n", mode_of("r1"));
  return finish("fs.suid_clear");
}
