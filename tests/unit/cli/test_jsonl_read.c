/* The JSONL reader: valid records, "DBG " prefixes, mixed console logs,
 * malformed lines with their numbers, and the fast scanner agreeing with
 * jansson. */
#include "check.h"
#include "jsonl_read.h"

static int read_text(struct trace *t, const char *text, struct kd_error *e) {
  trace_init(t, "mem");
  return jsonl_read_mem(text, strlen(text), ARCH_X86_64, t, e);
}

static void test_valid(void) {
  struct trace t;
  struct kd_error e;
  CHECK(read_text(&t,
                  "{\"ev\":\"boot\",\"v\":1,\"arch\":\"x86_64\",\"cmdline\":\"debug=syscall\"}\n"
                  "{\"ev\":\"syscall_entry\",\"seq\":1,\"pid\":1,\"tid\":1,\"nr\":12,\"name\":\"brk\","
                  "\"args\":[\"0x0\",\"0x0\",\"0x0\",\"0x0\",\"0x0\",\"0x0\"]}\n"
                  "{\"ev\":\"syscall_exit\",\"seq\":2,\"pid\":1,\"tid\":1,\"nr\":12,\"name\":\"brk\",\"ret\":4202496}\n"
                  "{\"ev\":\"syscall_entry\",\"seq\":3,\"pid\":1,\"tid\":1,\"nr\":9,"
                  "\"args\":[\"0x0\",\"0x1000\",\"0x3\",\"0x22\",\"0xffffffffffffffff\",\"0x0\"]}\n"
                  "{\"ev\":\"syscall_exit\",\"seq\":4,\"pid\":1,\"tid\":1,\"nr\":9,\"ret\":-12,\"errno\":\"ENOMEM\"}\n"
                  "{\"ev\":\"signal\",\"seq\":5,\"pid\":1,\"tid\":1,\"sig\":\"SIGSEGV\",\"code\":\"SEGV_ACCERR\",\"addr\":\"0x7f0000001000\",\"action\":\"handler\"}\n"
                  "{\"ev\":\"unimplemented\",\"seq\":6,\"pid\":1,\"tid\":1,\"nr\":999}\n"
                  "{\"ev\":\"some_future_record\",\"x\":{\"nested\":[1,2]}}\n"
                  "{\"ev\":\"syscall_entry\",\"seq\":7,\"pid\":1,\"tid\":1,\"nr\":231,\"name\":\"exit_group\",\"args\":[\"0x2\",\"0x0\",\"0x0\",\"0x0\",\"0x0\",\"0x0\"]}\n"
                  "{\"ev\":\"exit\",\"seq\":8,\"pid\":1,\"status\":2}\n",
                  &e) == 0);
  CHECK_INT(t.n, 5);
  CHECK_STR(t.arch, "x86_64");
  CHECK(t.signals_untraced); /* debug=syscall only */
  CHECK(t.ev[0].kind == EV_SYSCALL && t.ev[0].ret == 4202496 && t.ev[0].nargs == 6);
  CHECK_STR(intern_str(t.ev[1].name), "mmap"); /* named from nr and the arch */
  CHECK(t.ev[1].arg[4].v == -1 && t.ev[1].arg[1].v == 0x1000 && t.ev[1].ret == -12);
  CHECK_STR(intern_str(t.ev[1].err), "ENOMEM");
  CHECK(t.ev[2].kind == EV_SIGNAL);
  CHECK_STR(intern_str(t.ev[2].code), "SEGV_ACCERR");
  CHECK_INT(t.unimplemented, 1);
  CHECK_STR(intern_str(t.first_unimpl), "syscall_999");
  CHECK(t.ev[3].kind == EV_SYSCALL && t.ev[3].nret.cls == VAL_UNKNOWN); /* exit_group: no exit record */
  CHECK(t.ev[4].kind == EV_EXIT && t.ev[4].ret == 2);
  trace_free(&t);
}

static void test_console_mix(void) {
  struct trace t;
  struct kd_error e;
  CHECK(read_text(&t,
                  "SeaBIOS (version 1.16)\r\n"
                  "Booting from ROM...\n"
                  "\n"
                  "DBG {\"ev\":\"boot\",\"v\":1,\"arch\":\"arm64\"}\n"
                  "hello from the program\n"
                  "DBG {\"ev\":\"syscall_entry\",\"pid\":1,\"tid\":1,\"nr\":214,\"args\":[\"0x0\"]}\n"
                  "{\"ev\":\"syscall_exit\",\"pid\":1,\"tid\":1,\"nr\":214,\"ret\":\"0x10000\"}\r\n"
                  "DBG {\"ev\":\"exit\",\"pid\":1,\"signal\":\"SIGKILL\",\"core\":false}\n",
                  &e) == 0);
  CHECK_INT(t.skipped_lines, 3);
  CHECK(!t.signals_untraced); /* no cmdline: the build default, unknown */
  CHECK_INT(t.n, 2);
  CHECK_STR(intern_str(t.ev[0].name), "brk"); /* arm64 number 214, arch from boot */
  CHECK(t.ev[0].ret == 0x10000);
  CHECK_STR(intern_str(t.ev[1].code), "SIGKILL");
  trace_free(&t);
}

static void expect_error(const char *text, const char *want_prefix, const char *what) {
  struct trace t;
  struct kd_error e;
  int rc = read_text(&t, text, &e);
  CHECK(rc == -1);
  if (rc == -1 && (strncmp(e.msg, want_prefix, strlen(want_prefix)) || !strstr(e.msg, what))) {
    fprintf(stderr, "  got \"%s\", want \"%s...%s\"\n", e.msg, want_prefix, what);
    check_failures++;
  }
  trace_free(&t);
}

static void test_debug_filter(void) {
  const char *lines[] = {"{\"ev\":\"boot\",\"v\":1,\"cmdline\":\"debug=syscall,signal --\"}\n",
                         "{\"ev\":\"boot\",\"v\":1,\"cmdline\":\"x=1 debug=all -- a\"}\n",
                         "{\"ev\":\"boot\",\"v\":1,\"cmdline\":\"-- debug=none\"}\n",
                         "{\"ev\":\"boot\",\"v\":1,\"cmdline\":\"debug=syscall,signals\"}\n"};
  const bool untraced[] = {false, false, false, true};
  for (int i = 0; i < 4; i++) {
    struct trace t;
    struct kd_error e;
    CHECK(read_text(&t, lines[i], &e) == 0);
    CHECK(t.signals_untraced == untraced[i]);
    trace_free(&t);
  }
}

static void test_malformed(void) {
  const char *boot = "{\"ev\":\"boot\",\"v\":1}\n";
  char buf[512];
  snprintf(buf, sizeof buf, "%sconsole\n{\"ev\":\"syscall_exit\",\"ret\":1\n", boot);
  expect_error(buf, "mem:3: ", "malformed JSON");
  snprintf(buf, sizeof buf, "%s{\"ev\":\"exit\",\"status\":0} trailing\n", boot);
  expect_error(buf, "mem:2: ", "malformed JSON");
  snprintf(buf, sizeof buf, "%s[1,2]\n{\n", boot); /* "[": console text; "{": a record */
  expect_error(buf, "mem:3: ", "malformed JSON");
  expect_error("{\"ev\":\"boot\",\"v\":2}\n", "mem:1: ", "schema version");
  expect_error("{\"v\":1}\n", "mem:1: ", "\"ev\"");
  expect_error("DBG {\"ev\":\"exit\",\"pid\":1}\n", "mem:1: ", "status");
  expect_error("\n\n{\"ev\":\"syscall_exit\",\"name\":\"brk\",\"ret\":\"zz\"}\n", "mem:3: ", "ret");
  expect_error("{\"ev\":\"signal\"}\n", "mem:1: ", "sig");
  expect_error("{\"ev\":\"syscall_entry\",\"tid\":1,\"name\":\"read\"}\n"
               "{\"ev\":\"syscall_exit\",\"tid\":1,\"name\":\"write\",\"ret\":0}\n",
               "mem:2: ", "does not match");
}

/* Lines the fast scanner must leave to jansson, and lines it takes: both
 * paths must read the same record. */
static void test_fast_and_jansson(void) {
  const char *easy = "{\"ev\":\"exit\",\"pid\":1,\"status\":0,\"core\":false}";
  CHECK(jsonl_fast_accepts(easy, strlen(easy)));
  const char *hard[] = {
      "{\"ev\":\"panic\",\"msg\":\"a \\\"quoted\\\" \\u00e9\",\"regs\":{\"rip\":\"0x1\"}}",
      "{\"ev\":\"exit\",\"status\":1.0e0}",
      "{\"ev\":\"exit\",\"status\":01}",
  };
  for (int i = 0; i < 3; i++)
    CHECK(!jsonl_fast_accepts(hard[i], strlen(hard[i])));
  struct trace t;
  struct kd_error e;
  CHECK(read_text(&t, "{\"ev\":\"panic\",\"msg\":\"a \\\"quoted\\\" \\u00e9\",\"regs\":{\"rip\":\"0x1\"}}\n",
                  &e) == 0);
  CHECK(t.n == 1 && t.ev[0].kind == EV_CRASH);
  CHECK_STR(t.panic_msg, "a \"quoted\" \xc3\xa9");
  trace_free(&t);
  /* Invalid JSON of the flat shape must be rejected, not scanned. */
  expect_error("{\"ev\":\"exit\",\"status\":0,}\n", "mem:1: ", "malformed JSON");
  expect_error("{\"ev\":\"exit\" \"status\":0}\n", "mem:1: ", "malformed JSON");
  expect_error("{\"ev\":\"exit\",\"status\":-}\n", "mem:1: ", "malformed JSON");
  expect_error("{\"ev\":\"exit\",\"status\":0\x01}\n", "mem:1: ", "malformed JSON");
}

int main(void) {
  test_valid();
  test_console_mix();
  test_debug_filter();
  test_malformed();
  test_fast_and_jansson();
  return check_done("jsonl_read");
}
