/* proc.oom_score_adj: /proc/self/oom_score_adj reads "%d\n" (0 at
 * first); a write takes a decimal -1000..1000 with blanks around it and
 * the whole count; anything else is EINVAL (ERANGE past an int, as
 * kstrtoint says of the first 12 bytes) and changes nothing; a child
 * inherits the value. Only raising it is tried: lowering needs
 * CAP_SYS_RESOURCE, which a test's root may lack. */
#define _GNU_SOURCE
#include "contract.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char buf[64];

static long put(const char *s) {
  int fd = open("/proc/self/oom_score_adj", O_WRONLY);
  long r = rs(write(fd, s, strlen(s)));
  close(fd);
  return r;
}

static void expect_value(const char *what, const char *want) {
  slurp("/proc/self/oom_score_adj", buf, sizeof buf);
  check(strcmp(buf, want) == 0, what);
}

int main(void) {
  expect_value("starts at 0", "0\n");
  struct stat st;
  check(stat("/proc/self/oom_score_adj", &st) == 0 &&
            (st.st_mode & 07777) == 0644,
        "mode 0644");
  check(put("100\n") == 4, "write '100\\n' takes 4");
  expect_value("reads 100", "100\n");
  check(put(" 200 ") == 5, "write ' 200 ' takes 5");
  expect_value("reads 200", "200\n");
  check(put("+300") == 4, "write '+300'");
  expect_value("reads 300", "300\n");
  expect("write '1001'", put("1001"), "EINVAL");
  expect("write 'garbage'", put("garbage"), "EINVAL");
  expect("write '12x'", put("12x"), "EINVAL");
  expect("write ''", put(""), "EINVAL");
  expect("write '99999999999999999999'", put("99999999999999999999"), "ERANGE");
  expect_value("still 300", "300\n");
  check(put("1000") == 4, "write 1000");
  expect_value("reads 1000", "1000\n");
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    slurp("/proc/self/oom_score_adj", buf, sizeof buf);
    _exit(strcmp(buf, "1000\n") == 0 ? 0 : 1);
  }
  int ws;
  waitpid(pid, &ws, 0);
  check(WIFEXITED(ws) && WEXITSTATUS(ws) == 0, "a child inherits 1000");
  return finish("proc.oom_score_adj");
}
