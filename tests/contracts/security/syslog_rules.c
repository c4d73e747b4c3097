/* security.syslog_rules: syslog(2)'s actions and their argument checks
 * as root (only actions that change nothing: open, close, sizes, reads
 * of nothing, console level out of range), and EPERM for a caller
 * without CAP_SYSLOG and CAP_SYS_ADMIN for the actions that need one
 * whatever dmesg_restrict says (clear, console level, open, read). The
 * log's contents and sizes are never printed. */
#include "contract.h"

static char buf[64];

static long sl(int type, void *b, int len) {
  return rs(syscall(SYS_syslog, type, b, len));
}

static void run(void) {
  expect("close", sl(0, 0, 0), "ok");
  expect("open", sl(1, 0, 0), "ok");
  expect("read NULL", sl(2, 0, 8), "EINVAL");
  expect("read len -1", sl(2, buf, -1), "EINVAL");
  expect("read len 0", sl(2, buf, 0), "ok");
  expect("read all NULL", sl(3, 0, 8), "EINVAL");
  expect("read all len -1", sl(3, buf, -1), "EINVAL");
  expect("read all len 0", sl(3, buf, 0), "ok");
  check(sl(3, buf, sizeof buf) >= 0, "read all gives >= 0 bytes");
  expect("read clear NULL", sl(4, 0, 8), "EINVAL");
  expect("console level 0", sl(8, 0, 0), "EINVAL");
  expect("console level 9", sl(8, 0, 9), "EINVAL");
  check(sl(9, 0, 0) >= 0, "unread size >= 0");
  check(sl(10, 0, 0) > 0, "buffer size > 0");
  expect("action 11", sl(11, 0, 0), "EINVAL");
  expect("action -1", sl(-1, 0, 0), "EINVAL");

  expect("drop to uid 1000", rs(syscall(SYS_setresuid, 1000, 1000, 1000)),
         "ok");
  expect("open unprivileged", sl(1, 0, 0), "EPERM");
  expect("read unprivileged", sl(2, buf, 0), "EPERM");
  expect("read clear unprivileged", sl(4, buf, sizeof buf), "EPERM");
  expect("clear unprivileged", sl(5, 0, 0), "EPERM");
  expect("console off unprivileged", sl(6, 0, 0), "EPERM");
  expect("console level unprivileged", sl(8, 0, 9), "EPERM");
  expect("action 11 unprivileged", sl(11, 0, 0), "EPERM");
}

int main(void) {
  run_in_child(run);
  return finish("syslog_rules");
}
