/* The JSONL reader (jsonl.h: lines, kinds, fields, streaming) and kdiff's
 * events from it (jsonl_read.h): valid records, "DBG " prefixes, mixed
 * console logs, malformed lines with their numbers, and the fast scanner
 * agreeing with jansson. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "jsonl.h"
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

/* Line kinds, numbers and text: blanks are skipped but counted, "DBG " and
 * '\r' are not part of a line, a final line without '\n' is partial. */
static void test_lines(void) {
  const char *in = "firmware\r\n"
                   "\n"
                   " \t\n"
                   "DBG {\"ev\":\"boot\",\"v\":1}\r\n"
                   "{\"ev\":\n"
                   "  {\"ev\":\"log\",\"msg\":\"x\"}\n"
                   "{\"ev\":\"exit\",\"status\":3}";
  struct jsonl_reader rd;
  struct jsonl_rec rec;
  jsonl_open_mem(&rd, in, strlen(in));
  CHECK(jsonl_next(&rd, &rec) == JSONL_TEXT);
  CHECK(rd.line == 1 && rd.len == 8 && !memcmp(rd.text, "firmware", 8));
  CHECK(jsonl_next(&rd, &rec) == JSONL_RECORD);
  CHECK(rd.line == 4 && !rd.partial && rd.text[0] == '{' &&
        rd.text[rd.len - 1] == '}');
  CHECK(jsonl_str_is(rec.ev, "boot") && rec.v.ok && rec.v.v == 1);
  CHECK(jsonl_next(&rd, &rec) == JSONL_BAD);
  CHECK(rd.line == 5 && rd.why[0]);
  CHECK(jsonl_next(&rd, &rec) == JSONL_RECORD); /* leading blanks */
  CHECK(rd.line == 6 && jsonl_str_is(rec.msg, "x"));
  CHECK(jsonl_next(&rd, &rec) == JSONL_RECORD);
  CHECK(rd.line == 7 && rd.partial && rec.status.ok && rec.status.v == 3);
  CHECK(jsonl_next(&rd, &rec) == JSONL_END);
  CHECK(jsonl_next(&rd, &rec) == JSONL_END);
  jsonl_close(&rd);
  jsonl_open_mem(&rd, "", 0);
  CHECK(jsonl_next(&rd, &rec) == JSONL_END);
  jsonl_close(&rd);
}

/* Numbers: JSON integers, "0x" strings of 1-16 hex digits; anything else
 * is present but not ok, on both paths. */
static void test_numbers(void) {
  static const struct {
    const char *val;
    int ok;
    int64_t v;
  } cases[] = {
      {"0", 1, 0},
      {"-42", 1, -42},
      {"999999999999999999", 1, 999999999999999999},
      {"9223372036854775807", 1, INT64_MAX}, /* 19 digits: jansson's */
      {"\"0x7f0000001000\"", 1, 0x7f0000001000},
      {"\"0XffFF\"", 1, 0xffff},
      {"\"0xffffffffffffffff\"", 1, -1},
      {"\"0x\"", 0, 0},
      {"\"0x1ffffffffffffffff\"", 0, 0},
      {"\"0x1g\"", 0, 0},
      {"\"12\"", 0, 0},
      {"\"-0x1\"", 0, 0},
      {"true", 0, 0},
      {"1.5", 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    for (int slow = 0; slow < 2; slow++) {
      char line[128];
      /* An escape in an unused field sends the line to jansson. */
      snprintf(line, sizeof line, "{\"ev\":\"exit\",\"status\":%s%s}\n",
               cases[i].val, slow ? ",\"x\":\"\\n\"" : "");
      struct jsonl_reader rd;
      struct jsonl_rec rec;
      jsonl_open_mem(&rd, line, strlen(line));
      CHECK(jsonl_next(&rd, &rec) == JSONL_RECORD);
      CHECK(rec.status.present);
      if (rec.status.ok != cases[i].ok ||
          (cases[i].ok && rec.status.v != cases[i].v)) {
        fprintf(stderr, "  %s (%s): ok %d v %lld\n", cases[i].val,
                slow ? "jansson" : "scanner", rec.status.ok,
                (long long)rec.status.v);
        check_failures++;
      }
      jsonl_close(&rd);
    }
}

/* The same record read by the scanner and by jansson gives the same fields. */
static void test_paths_agree(void) {
  const char *fast =
      "{\"ev\":\"syscall_exit\",\"seq\":2,\"pid\":1,\"tid\":3,\"nr\":9,"
      "\"name\":\"mmap\",\"ret\":-12,\"errno\":\"ENOMEM\",\"args\":[\"0x1\",2,"
      "\"0x3\",4,5,6,7]}\n";
  char slow[512];
  snprintf(slow, sizeof slow, "%.*s,\"regs\":{\"rip\":\"0x1\"}}\n",
           (int)strlen(fast) - 2, fast);
  CHECK(jsonl_fast_accepts(fast, strlen(fast) - 1));
  CHECK(!jsonl_fast_accepts(slow, strlen(slow) - 1));
  struct jsonl_reader a, b;
  struct jsonl_rec ra, rb;
  jsonl_open_mem(&a, fast, strlen(fast));
  jsonl_open_mem(&b, slow, strlen(slow));
  CHECK(jsonl_next(&a, &ra) == JSONL_RECORD &&
        jsonl_next(&b, &rb) == JSONL_RECORD);
  const struct jsonl_str *sa[] = {&ra.ev, &ra.name, &ra.err},
                         *sb[] = {&rb.ev, &rb.name, &rb.err};
  for (int i = 0; i < 3; i++)
    CHECK(sa[i]->n == sb[i]->n && !memcmp(sa[i]->s, sb[i]->s, sa[i]->n));
  CHECK(!ra.sig.s && !rb.sig.s && !ra.status.present && !rb.status.present);
  const struct jsonl_num *na[] = {&ra.pid, &ra.tid, &ra.nr, &ra.ret},
                         *nb[] = {&rb.pid, &rb.tid, &rb.nr, &rb.ret};
  for (int i = 0; i < 4; i++)
    CHECK(na[i]->ok && nb[i]->ok && na[i]->v == nb[i]->v);
  CHECK_INT(ra.nargs, JSONL_MAXARGS);
  CHECK_INT(rb.nargs, JSONL_MAXARGS);
  for (int i = 0; i < JSONL_MAXARGS; i++)
    CHECK(ra.args[i].ok && rb.args[i].ok && ra.args[i].v == i + 1 &&
          rb.args[i].v == i + 1);
  jsonl_close(&a);
  jsonl_close(&b);
}

/* A streamed file: a line just under the cap, a last line without '\n',
 * a line over the cap (JSONL_LONG, never buffered whole), and the errors
 * of a path that cannot be read. */
static void test_file(void) {
  char path[] = "/tmp/kdiff_test_jsonl_XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  FILE *f = fdopen(fd, "w");
  size_t big = JSONL_MAX_LINE - 64; /* the record's line: just under the cap */
  fputs("{\"ev\":\"boot\",\"v\":1}\n{\"ev\":\"log\",\"msg\":\"", f);
  for (size_t i = 0; i < big; i++)
    fputc('a' + (int)(i % 26), f);
  fputs("\"}\nconsole\n{\"ev\":\"exit\",\"pid\":1,\"status\":0}", f);
  fclose(f);
  struct jsonl_reader rd;
  struct jsonl_rec rec;
  CHECK(jsonl_open_file(&rd, path) == 0);
  CHECK(jsonl_next(&rd, &rec) == JSONL_RECORD && jsonl_str_is(rec.ev, "boot"));
  CHECK(jsonl_next(&rd, &rec) == JSONL_RECORD && rd.line == 2 &&
        rec.msg.n == big);
  CHECK(rec.msg.s && rec.msg.s[0] == 'a' &&
        rec.msg.s[big - 1] == 'a' + (int)((big - 1) % 26));
  CHECK(jsonl_next(&rd, &rec) == JSONL_TEXT && rd.line == 3);
  CHECK(jsonl_next(&rd, &rec) == JSONL_RECORD && rd.line == 4 && rd.partial);
  CHECK(jsonl_next(&rd, &rec) == JSONL_END);
  jsonl_close(&rd);
  struct trace t;
  struct kd_error e;
  trace_init(&t, path);
  CHECK(jsonl_read_file(ARCH_X86_64, &t, &e) == 0);
  CHECK(t.n == 1 && t.ev[0].kind == EV_EXIT && t.ev[0].line == 4 &&
        t.skipped_lines == 1);
  trace_free(&t);
  f = fopen(path, "w");
  fputs("{\"ev\":\"boot\",\"v\":1}\n{\"ev\":\"log\",\"msg\":\"", f);
  for (size_t i = 0; i < 3 * JSONL_MAX_LINE; i++)
    fputc('a', f);
  fputs("\"}\n", f);
  fclose(f);
  CHECK(jsonl_open_file(&rd, path) == 0);
  CHECK(jsonl_next(&rd, &rec) == JSONL_RECORD);
  CHECK(jsonl_next(&rd, &rec) == JSONL_LONG && rd.line == 2);
  CHECK(jsonl_next(&rd, &rec) == JSONL_END);
  jsonl_close(&rd);
  trace_init(&t, path);
  CHECK(jsonl_read_file(ARCH_X86_64, &t, &e) == -1);
  CHECK(strstr(e.msg, ":2: line longer than 65536 bytes") != NULL);
  trace_free(&t);
  unlink(path);

  CHECK(jsonl_open_file(&rd, "/nonexistent/trace.jsonl") == -1);
  trace_init(&t, "/nonexistent/trace.jsonl");
  CHECK(jsonl_read_file(ARCH_X86_64, &t, &e) == -1);
  CHECK(strstr(e.msg, "/nonexistent/trace.jsonl: cannot open") == e.msg);
  trace_free(&t);
  trace_init(&t, "/tmp"); /* opens, but reading a directory fails */
  CHECK(jsonl_read_file(ARCH_X86_64, &t, &e) == -1);
  CHECK(strstr(e.msg, "/tmp: read error") == e.msg);
  trace_free(&t);
}

/* The str field: fast path and jansson path (escapes, the kernel's
 * \\u00XX bytes) give the same bytes; str_cut marks a prefix; a str for an
 * argument the list does not call str is not compared. */
static void test_str_field(void) {
  const char *text =
      "{\"ev\":\"syscall_entry\",\"seq\":1,\"pid\":1,\"tid\":1,\"nr\":2,"
      "\"name\":\"open\",\"args\":[\"0x1\",\"0x0\",\"0x0\",\"0x0\",\"0x0\",\"0x0\"],"
      "\"str\":{\"0\":\"/tmp/a\"}}\n"
      "{\"ev\":\"syscall_exit\",\"seq\":2,\"pid\":1,\"tid\":1,\"nr\":2,"
      "\"name\":\"open\",\"ret\":-2,\"errno\":\"ENOENT\"}\n"
      "{\"ev\":\"syscall_entry\",\"seq\":3,\"pid\":1,\"tid\":1,\"nr\":82,"
      "\"name\":\"rename\",\"args\":[\"0x1\",\"0x2\",\"0x0\",\"0x0\",\"0x0\",\"0x0\"],"
      "\"str\":{\"0\":\"a\\n\\\"\\u00ff\\u00c3\",\"1\":\"yyy\"},\"str_cut\":[1]}\n"
      "{\"ev\":\"syscall_exit\",\"seq\":4,\"pid\":1,\"tid\":1,\"nr\":82,"
      "\"name\":\"rename\",\"ret\":-36,\"errno\":\"ENAMETOOLONG\"}\n"
      "{\"ev\":\"exit\",\"seq\":5,\"pid\":1,\"status\":0}\n";
  const char *first = text;
  CHECK(jsonl_fast_accepts(first, (size_t)(strchr(first, '\n') - first)));
  struct trace t;
  struct kd_error e;
  trace_init(&t, "mem");
  CHECK(read_text(&t, text, &e) == 0);
  CHECK(t.n == 3 && t.ev[0].arg[0].cls == VAL_STR && t.ev[0].arg[1].cls == VAL_NUM);
  CHECK_STR(intern_str(t.n == 3 ? (uint32_t)t.ev[0].arg[0].v : 0), "/tmp/a");
  CHECK(t.n == 3 && t.ev[1].arg[0].cls == VAL_STR && t.ev[1].arg[1].cls == VAL_STRCUT);
  CHECK_STR(intern_str(t.n == 3 ? (uint32_t)t.ev[1].arg[0].v : 0), "a\n\"\xff\xc3");
  CHECK_STR(intern_str(t.n == 3 ? (uint32_t)t.ev[1].arg[1].v : 0), "yyy");
  trace_free(&t);
  char out[8];
  CHECK_INT(jsonl_latin1("\xc3\xbf\xc2\x80\xe2\x82\xac", 7, out), 5);
  CHECK(memcmp(out, "\xff\x80\xe2\x82\xac", 5) == 0);
}

int main(void) {
  test_str_field();
  test_lines();
  test_numbers();
  test_paths_agree();
  test_file();
  test_valid();
  test_console_mix();
  test_debug_filter();
  test_malformed();
  test_fast_and_jansson();
  return check_done("jsonl_read");
}
