/* hal/common's helpers on the host: the string functions (hal/hstring.h)
 * and the HAL panic record (hal_panic in hal/hal.h), whose line must be
 * valid JSON whatever the message holds. */
#include <hal/console.h>
#include <hal/hal.h>
#include <hal/hstring.h>
#include <jansson.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* hal_panic() never returns and runs once per boot, so each record is
 * written by a child process: trace to a pipe, power-off as its exit. */
static int trace_fd = -1;
static bool nest; /* panic again from inside the trace write */

void hal_trace_write(const void *buf, size_t len) {
  if (write(trace_fd, buf, len) != (ssize_t)len)
    _exit(1);
  if (nest) {
    nest = false;
    hal_panic("nested", 1); /* MUST only power off */
  }
}

void hal_poweroff(uint8_t code) {
  _exit(code);
}

static void test_strings(void) {
  char buf[16];
  CHECK(hal_memset(buf, 'x', sizeof buf) == buf && buf[15] == 'x');
  CHECK(hal_memcpy(buf, "abc", 4) == buf && strcmp(buf, "abc") == 0);
  CHECK(hal_strlen("") == 0 && hal_strlen("hello") == 5);
  CHECK(hal_strcmp("a", "a") == 0 && hal_strcmp("a", "b") < 0);
  CHECK(hal_strcmp("ab", "a") > 0 && hal_strcmp("\xff", "a") > 0);
  buf[0] = '\0';
  CHECK(hal_strappend(buf, sizeof buf, "0123456789") == 10);
  CHECK(hal_strappend(buf, sizeof buf, "abcdefgh") == 15); /* cut */
  CHECK(strcmp(buf, "0123456789abcde") == 0);
  CHECK(hal_strappend(buf, sizeof buf, "z") == 15);
  char hex[HAL_HEX_MAX];
  CHECK(hal_hex(hex, 0) == 3 && strcmp(hex, "0x0") == 0);
  CHECK(hal_hex(hex, 0x40100000) == 10 && strcmp(hex, "0x40100000") == 0);
  CHECK(hal_hex(hex, ~0ULL) == 18 && strcmp(hex, "0xffffffffffffffff") == 0);
}

static char trace[1024];
static size_t trace_len;

/* One hal_panic() call in a child: the record it wrote, parsed. */
static json_t *panic_record(const char *msg, uint64_t ip, bool nested) {
  int fds[2];
  CHECK(pipe(fds) == 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    trace_fd = fds[1];
    nest = nested;
    hal_panic(msg, ip);
  }
  close(fds[1]);
  trace_len = 0;
  ssize_t n;
  while ((n = read(fds[0], trace + trace_len, sizeof trace - trace_len)) > 0)
    trace_len += (size_t)n;
  close(fds[0]);
  int status;
  CHECK(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == HAL_POWEROFF_PANIC);
  CHECK(trace_len > 0 && trace[trace_len - 1] == '\n');
  CHECK(memchr(trace, '\n', trace_len) == trace + trace_len - 1);
  json_error_t err;
  json_t *j = json_loadb(trace, trace_len, 0, &err);
  CHECK_MSG(j != NULL, "not JSON: %.*s", (int)trace_len, trace);
  return j;
}

static void test_panic(void) {
  json_t *j = panic_record("no device tree", 0x40100000, false);
  CHECK(j && strcmp(json_string_value(json_object_get(j, "ev")), "panic") == 0);
  CHECK(j && strcmp(json_string_value(json_object_get(j, "msg")),
                    "no device tree") == 0);
  CHECK(j &&
        strcmp(json_string_value(json_object_get(j, "ip")), "0x40100000") == 0);
  json_decref(j);

  j = panic_record("a \"quoted\" \\ tab\there\nnewline", 0, false);
  CHECK(j && strcmp(json_string_value(json_object_get(j, "msg")),
                    "a ?quoted? ? tab?here?newline") == 0);
  json_decref(j);

  char longmsg[1000];
  memset(longmsg, 'm', sizeof longmsg - 1);
  longmsg[sizeof longmsg - 1] = '\0';
  j = panic_record(longmsg, ~0ULL,
                   false); /* cut, but the ip and the end stay */
  CHECK(trace_len <= 320);
  CHECK(j && strcmp(json_string_value(json_object_get(j, "ip")),
                    "0xffffffffffffffff") == 0);
  json_decref(j);

  j = panic_record("outer", 2, true); /* one record: the outer one */
  CHECK(j &&
        strcmp(json_string_value(json_object_get(j, "msg")), "outer") == 0);
  json_decref(j);
}

int main(void) {
  test_strings();
  test_panic();
  return check_done("hal common");
}
