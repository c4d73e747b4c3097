/* fd.splice_tee: splice(2) from a pipe to a file, a file to a pipe and a
 * pipe to a pipe, tee(2) copying without consuming; which offset moves;
 * a blocking splice woken by a writer; EOF and EPIPE (with SIGPIPE, as
 * if by kill); SPLICE_F_NONBLOCK on an empty or full pipe; and the error
 * cases of splice(2) and tee(2) in Linux's order of checks. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "contract.h"

static long spl(int in, loff_t *oi, int out, loff_t *oo, size_t n,
                unsigned fl) {
  return rs(syscall(SYS_splice, in, oi, out, oo, n, fl));
}

static long te(int in, int out, size_t n, unsigned fl) {
  return rs(syscall(SYS_tee, in, out, n, fl));
}

static int queued(int fd) {
  int n = -1;
  ioctl(fd, FIONREAD, &n);
  return n;
}

static volatile int pipe_sigs, pipe_code;

static void on_pipe(int sig, siginfo_t *si, void *u) {
  (void)sig, (void)u;
  pipe_sigs++;
  pipe_code = si->si_code;
}

static void moving(void) {
  int p[2], q[2];
  pipe(p);
  pipe(q);
  int f = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
  write(p[1], "hello world", 11);
  loff_t off = 0;
  printf("splice pipe to file at offset 0, 5: %ld\n",
         spl(p[0], 0, f, &off, 5, 0));
  printf("  offset %ld, file pos %ld, left in pipe %d\n", (long)off,
         (long)lseek(f, 0, SEEK_CUR), queued(p[0]));
  printf("splice pipe to file, no offset, 100: %ld\n",
         spl(p[0], 0, f, 0, 100, 0));
  printf("  file pos %ld, left in pipe %d\n", (long)lseek(f, 0, SEEK_CUR),
         queued(p[0]));
  char buf[32] = {0};
  pread(f, buf, sizeof buf - 1, 0);
  printf("  file holds \"%s\"\n", buf);
  off = 6;
  printf("splice file to pipe from offset 6, 100: %ld\n",
         spl(f, &off, q[1], 0, 100, 0));
  printf("  offset %ld, file pos %ld, pipe holds %d\n", (long)off,
         (long)lseek(f, 0, SEEK_CUR), queued(q[0]));
  lseek(f, 0, SEEK_SET);
  long r = spl(f, 0, q[1], 0, 4, 0);
  printf("splice file to pipe, no offset, 4: %ld (file pos %ld)\n", r,
         (long)lseek(f, 0, SEEK_CUR));
  int had = queued(q[0]);
  printf("tee 3 of %d: %ld\n", had, te(q[0], p[1], 3, 0));
  printf("  input keeps %d, output holds %d\n", queued(q[0]), queued(p[0]));
  printf("splice pipe to pipe, 100: %ld\n", spl(q[0], 0, p[1], 0, 100, 0));
  printf("  input %d, output %d\n", queued(q[0]), queued(p[0]));
  memset(buf, 0, sizeof buf);
  read(p[0], buf, sizeof buf - 1);
  printf("  output reads \"%s\"\n", buf);
  /* Not /dev/zero as the source: Linux 6.18 splices from it, 6.1 says
   * EINVAL (no splice_read there; docs/reference.md). */
  write(q[1], "zzzzzzzz", 8);
  int nul = open("/dev/null", O_WRONLY);
  printf("splice a pipe to /dev/null: %ld\n", spl(q[0], 0, nul, 0, 8, 0));
  lseek(f, 0, SEEK_SET);
  printf("splice 1 GiB of a file to a pipe: %ld\n",
         spl(f, 0, q[1], 0, 1L << 30, 0));
  close(nul);
  close(f);
  close(p[0]);
  close(p[1]);
  close(q[0]);
  close(q[1]);
}

static void waiting(void) {
  int p[2], q[2];
  pipe(p);
  pipe(q);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    long r = spl(p[0], 0, q[1], 0, 100, 0);
    printf("child: blocking splice returned %ld\n", r);
    printf("child: splice with no writer left: %ld\n",
           spl(p[0], 0, q[1], 0, 100, 0));
    printf("child: tee with no writer left: %ld\n", te(p[0], q[1], 100, 0));
    fflush(stdout);
    _exit(0);
  }
  close(p[0]);
  /* The child blocks whether or not it got there first: the bytes wait
   * in the pipe until it splices them. */
  write(p[1], "wake", 4);
  close(p[1]);
  int st;
  waitpid(pid, &st, 0);
  printf("parent: q holds %d\n", queued(q[0]));
  close(q[0]);
  close(q[1]);

  /* EPIPE: the read end is gone. */
  struct sigaction sa = {0};
  sa.sa_sigaction = on_pipe;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGPIPE, &sa, 0);
  pipe(p);
  close(p[0]);
  int f = open("g", O_RDWR | O_CREAT | O_TRUNC, 0644);
  write(f, "data", 4);
  loff_t off = 0;
  expect("splice file to a pipe without readers", spl(f, &off, p[1], 0, 4, 0),
         "EPIPE");
  printf("  SIGPIPE %d, si_code SI_USER %d\n", pipe_sigs, pipe_code == SI_USER);
  pipe(q);
  write(q[1], "x", 1);
  expect("splice pipe to a pipe without readers", spl(q[0], 0, p[1], 0, 1, 0),
         "EPIPE");
  expect("tee to a pipe without readers", te(q[0], p[1], 1, 0), "EPIPE");
  printf("  SIGPIPE %d\n", pipe_sigs);
  close(p[1]);

  /* A full pipe. */
  pipe(p);
  fcntl(p[1], F_SETFL, O_NONBLOCK);
  char blk[4096] = {0};
  int filled = 0;
  while (write(p[1], blk, sizeof blk) > 0)
    filled += (int)sizeof blk;
  printf("filled a pipe with %d\n", filled);
  fcntl(p[1], F_SETFL, 0);
  off = 0;
  expect("splice to a full pipe, SPLICE_F_NONBLOCK",
         spl(f, &off, p[1], 0, 4, SPLICE_F_NONBLOCK), "EAGAIN");
  fcntl(p[1], F_SETFL, O_NONBLOCK);
  expect("splice to a full O_NONBLOCK pipe", spl(f, &off, p[1], 0, 4, 0),
         "EAGAIN");
  expect("tee to a full pipe", te(q[0], p[1], 1, 0), "EAGAIN");
  close(p[0]);
  close(p[1]);
  close(q[0]);
  close(q[1]);
  close(f);
}

static void errors(void) {
  int p[2], q[2];
  pipe(p);
  pipe(q);
  int f = open("e", O_RDWR | O_CREAT | O_TRUNC, 0644);
  write(f, "abc", 3);
  int g = open("e2", O_RDWR | O_CREAT | O_TRUNC, 0644);
  int ro = open("e", O_RDONLY);
  int app = open("e3", O_WRONLY | O_CREAT | O_APPEND, 0644);
  mkdir("dd", 0755);
  int dir = open("dd", O_RDONLY | O_DIRECTORY);
  int full = open("/dev/full", O_WRONLY);
  loff_t off = 0;
  expect("splice file to file", spl(f, &off, g, 0, 3, 0), "EINVAL");
  expect("splice with an offset on the pipe side", spl(p[0], &off, f, 0, 3, 0),
         "ESPIPE");
  expect("splice to a pipe with an offset for it", spl(f, 0, p[1], &off, 3, 0),
         "ESPIPE");
  expect("splice from an empty pipe, SPLICE_F_NONBLOCK",
         spl(p[0], 0, f, 0, 3, SPLICE_F_NONBLOCK), "EAGAIN");
  expect("splice flags 0x100", spl(f, &off, p[1], 0, 3, 0x100), "EINVAL");
  printf("splice length 0 with bad flags: %ld\n",
         spl(f, &off, p[1], 0, 0, 0x100));
  expect("splice from a directory", spl(dir, 0, p[1], 0, 3, 0), "EINVAL");
  write(p[1], "xyz", 3);
  expect("splice to a read-only fd", spl(p[0], 0, ro, 0, 3, 0), "EBADF");
  expect("splice to O_APPEND", spl(p[0], 0, app, 0, 3, 0), "EINVAL");
  expect("splice to /dev/full", spl(p[0], 0, full, 0, 3, 0), "EINVAL");
  expect("splice from a pipe's write end", spl(p[1], 0, f, 0, 3, 0), "EBADF");
  expect("splice one pipe to itself", spl(p[0], 0, p[1], 0, 3, 0), "EINVAL");
  off = -1;
  expect("splice to a file at offset -1", spl(p[0], 0, f, &off, 3, 0),
         "EINVAL");
  expect("splice with an unmapped offset pointer",
         spl(p[0], 0, f, (loff_t *)8, 3, 0), "EFAULT");
  expect("splice bad fd", spl(99, 0, f, 0, 3, 0), "EBADF");
  printf("  pipe still holds %d\n", queued(p[0]));
  expect("tee one pipe to itself", te(p[0], p[1], 3, 0), "EINVAL");
  expect("tee from a file", te(f, q[1], 3, 0), "EINVAL");
  expect("tee flags 0x100", te(p[0], q[1], 3, 0x100), "EINVAL");
  expect("tee bad flags and length 0", te(p[0], q[1], 0, 0x100), "EINVAL");
  expect("tee from an empty pipe, SPLICE_F_NONBLOCK",
         te(q[0], p[1], 3, SPLICE_F_NONBLOCK), "EAGAIN");
  expect("tee bad fd", te(99, q[1], 3, 0), "EBADF");
  close(full);
  close(dir);
  close(app);
  close(ro);
  close(g);
  close(f);
}

int main(void) {
  moving();
  waiting();
  errors();
  return finish("fd.splice_tee");
}
