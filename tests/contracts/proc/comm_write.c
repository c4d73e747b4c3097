/* proc.comm_write: /proc/self/comm is the program's name cut to 15 bytes;
 * a write sets it to the first 15 bytes written, as they are (newline
 * included), and takes the whole count; status and stat show the new name
 * (status escaping a newline); another process's comm is EINVAL to write;
 * a child inherits it. */
#define _GNU_SOURCE
#include "contract.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char buf[8192];

static void expect_comm(const char *what, const char *want) {
  long n = slurp("/proc/self/comm", buf, sizeof buf);
  check(n == (long)strlen(want) && strcmp(buf, want) == 0, what);
}

static long put(const char *s, size_t n) {
  int fd = open("/proc/self/comm", O_WRONLY);
  long r = rs(write(fd, s, n));
  close(fd);
  return r;
}

int main(int argc, char **argv) {
  (void)argc;
  const char *base =
      strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
  char want[32];
  snprintf(want, sizeof want, "%.15s\n", base);
  expect_comm("comm is the name cut to 15 bytes", want);
  struct stat st;
  check(stat("/proc/self/comm", &st) == 0 && (st.st_mode & 07777) == 0644,
        "comm is 0644");

  check(put("renamed", 7) == 7, "write 'renamed' takes 7");
  expect_comm("reads back 'renamed'", "renamed\n");
  check(put("0123456789abcdefghij", 20) == 20, "write 20 bytes takes 20");
  expect_comm("keeps the first 15", "0123456789abcde\n");
  check(put("a\nb", 3) == 3, "write 'a\\nb'");
  expect_comm("the newline stays", "a\nb\n");
  slurp("/proc/self/status", buf, sizeof buf);
  check(strncmp(buf, "Name:\ta\\nb\n", 11) == 0, "status escapes it: a\\nb");
  slurp("/proc/self/stat", buf, sizeof buf);
  check(strstr(buf, " (a\nb) ") != 0, "stat shows it raw");
  check(put("", 0) == 0, "write nothing");
  expect_comm("the name is now empty", "\n");
  check(put("x\0yz", 4) == 4, "write with a NUL");
  expect_comm("stops at the NUL", "x\n");
  expect("write from a bad pointer", put((const char *)8, 4), "EFAULT");
  expect_comm("unchanged", "x\n");

  put("parent", 6);
  int p[2], q[2]; /* child to parent, parent to child */
  pipe(p);
  pipe(q);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    char c;
    long n = slurp("/proc/self/comm", buf, sizeof buf);
    int ok = n == 7 && strcmp(buf, "parent\n") == 0;
    put("child", 5);
    write(p[1], "x", 1);
    read(q[0], &c, 1); /* wait for the parent's look */
    _exit(ok ? 0 : 1);
  }
  char c, path[64];
  read(p[0], &c, 1);
  snprintf(path, sizeof path, "/proc/%d/comm", pid);
  long n = slurp(path, buf, sizeof buf);
  check(n == 6 && strcmp(buf, "child\n") == 0, "the child renamed itself");
  int fd = open(path, O_WRONLY);
  expect("writing the child's comm", rs(write(fd, "other", 5)), "EINVAL");
  close(fd);
  write(q[1], "x", 1);
  int ws;
  waitpid(pid, &ws, 0);
  check(WIFEXITED(ws) && WEXITSTATUS(ws) == 0, "the child inherited 'parent'");
  return finish("proc.comm_write");
}
