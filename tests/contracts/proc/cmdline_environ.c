/* proc.cmdline_environ: after an execve with a known argv and envp,
 * /proc/self/cmdline and environ are exactly those strings, each ending
 * with its NUL, and /proc/self/auxv is the auxiliary vector getauxval
 * sees, pairs of words ending with AT_NULL. */
#define _GNU_SOURCE
#include "contract.h"

#include <sys/auxv.h>
#include <sys/wait.h>

static char buf[16384];

static void expect_bytes(const char *what, const char *path, const char *want,
                         size_t len) {
  long n = slurp(path, buf, sizeof buf);
  check(n == (long)len && memcmp(buf, want, len) == 0, what);
}

int main(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "again") != 0) {
    char *nargv[] = {argv[0], "again", "two words", "", "last", 0};
    char *nenvp[] = {"A=1", "EMPTY=", "PATH=/nowhere", 0};
    fflush(stdout);
    execve("/proc/self/exe", nargv, nenvp);
    printf("execve failed: %s\n", errno_name(errno));
    return 1;
  }
  char want[4096];
  size_t len = 0;
  for (int i = 0; i < argc; i++) {
    size_t l = strlen(argv[i]) + 1;
    memcpy(want + len, argv[i], l);
    len += l;
  }
  expect_bytes("cmdline is argv with NULs", "/proc/self/cmdline", want, len);
  static const char env[] = "A=1\0EMPTY=\0PATH=/nowhere\0";
  expect_bytes("environ is envp with NULs", "/proc/self/environ", env,
               sizeof env - 1);

  long n = slurp("/proc/self/auxv", buf, sizeof buf);
  check(n > 0 && n % 16 == 0, "auxv is pairs of words");
  unsigned long *a = (unsigned long *)buf;
  long pairs = n / 16;
  check(pairs > 0 && a[2 * (pairs - 1)] == AT_NULL, "ends with AT_NULL");
  int agree = 1, seen_pagesz = 0, seen_entry = 0, seen_random = 0;
  for (long i = 0; i + 1 < pairs; i++) {
    unsigned long t = a[2 * i], v = a[2 * i + 1];
    if (t == AT_NULL)
      agree = 0; /* only at the end */
    if (getauxval(t) != v) {
      printf("  type %lu differs\n", t);
      agree = 0;
    }
    seen_pagesz |= t == AT_PAGESZ && v == 4096;
    seen_entry |= t == AT_ENTRY;
    seen_random |= t == AT_RANDOM;
  }
  check(agree, "every entry is what getauxval says");
  check(seen_pagesz && seen_entry && seen_random,
        "AT_PAGESZ 4096, AT_ENTRY and AT_RANDOM are there");

  /* Another process's cmdline, while it lives. */
  int p[2];
  check(pipe(p) == 0, "pipe");
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    char c;
    close(p[1]);
    read(p[0], &c, 1);
    _exit(0);
  }
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
  expect_bytes("a child's cmdline is its argv", path, want, len);
  close(p[1]);
  waitpid(pid, 0, 0);
  expect("cmdline of a reaped child", slurp(path, buf, sizeof buf), "ENOENT");
  return finish("proc.cmdline_environ");
}
