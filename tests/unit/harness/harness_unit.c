/* Unit tests of the harness pieces: the verdict rules, the known-divergences
 * reader, the trace scan, the diff, the QEMU template and the time limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exit_record.h"
#include "known.h"
#include "linediff.h"
#include "refvm.h"
#include "sha256.h"
#include "run.h"
#include "verdict.h"

static int failures;
#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                          \
    }                                                                      \
  } while (0)

static exit_status ex(int code) { return (exit_status){ST_EXIT, code, ""}; }
static exit_status sig(const char *name) {
  exit_status s = {ST_SIGNAL, 0, ""};
  snprintf(s.sig, sizeof s.sig, "%s", name);
  return s;
}

/* known: listed, with the expectation "killed by SIGILL" (the status) or,
 * with known == 2, the stdout "x\n". */
static verdict decide(const char *lout, exit_status ls, const char *gout, exit_status gs,
                      int timed_out, int panicked, int known) {
  verdict_input in = {1,      ls,           lout, strlen(lout), timed_out, panicked, gs,
                      gout,   strlen(gout), known != 0,
                      {known == 1 ? "killed by SIGILL" : NULL, known == 2 ? "x\n" : NULL, 2}};
  return verdict_decide(&in).v;
}

static void test_verdicts(void) {
  const char *ok = "obs\nCONTRACT_PASS t\n";
  exit_status none = {0};
  CHECK(decide(ok, ex(0), ok, ex(0), 0, 0, 0) == V_PASS);
  CHECK(decide(ok, ex(0), "obs2\nCONTRACT_PASS t\n", ex(0), 0, 0, 0) == V_DIVG);
  CHECK(decide(ok, ex(0), ok, ex(1), 0, 0, 0) == V_DIVG);
  CHECK(decide(ok, ex(0), ok, sig("SIGSEGV"), 0, 0, 0) == V_DIVG);
  CHECK(decide(ok, ex(0), "obs\nCONTRACT_FAIL t: x\n", ex(1), 0, 0, 0) == V_FAIL);
  CHECK(decide(ok, ex(0), "obs\n", none, 1, 0, 0) == V_TIMEOUT);
  CHECK(decide(ok, ex(0), "obs\n", none, 0, 1, 0) == V_CRASH);
  CHECK(decide(ok, ex(0), "obs\n", none, 1, 1, 0) == V_CRASH); /* panic, then hang */
  CHECK(decide(ok, ex(0), ok, none, 0, 0, 0) == V_CRASH);       /* no exit record */
  /* The reference itself is wrong. */
  CHECK(decide("CONTRACT_FAIL t: x\n", ex(1), ok, ex(0), 0, 0, 0) == V_LINUX_FAIL);
  CHECK(decide(ok, ex(1), ok, ex(1), 0, 0, 0) == V_LINUX_FAIL);
  CHECK(decide("CONTRACT_PASS t\nmore\n", ex(0), "CONTRACT_PASS t\nmore\n", ex(0), 0, 0, 0) ==
        V_LINUX_FAIL);
  /* Passing, then dying of a signal on purpose: judged like any run. */
  CHECK(decide(ok, sig("SIGTERM"), ok, sig("SIGTERM"), 0, 0, 0) == V_PASS);
  CHECK(decide(ok, sig("SIGTERM"), ok, ex(0), 0, 0, 0) == V_DIVG);
  CHECK(decide(ok, sig("SIGTERM"), ok, sig("SIGQUIT"), 0, 0, 0) == V_DIVG);
  verdict_input nolinux = {0, none, "", 0, 0, 0, ex(0), "", 0, 0, {0}};
  CHECK(verdict_decide(&nolinux).v == V_LINUX_FAIL);
  /* Behaviour tests (no marker): the Linux status is the reference. */
  CHECK(decide("hello\n", ex(3), "hello\n", ex(3), 0, 0, 0) == V_PASS);
  CHECK(decide("hello\n", ex(3), "hello\n", ex(0), 0, 0, 0) == V_DIVG);
  CHECK(decide("x\n", sig("SIGABRT"), "x\n", sig("SIGABRT"), 0, 0, 0) == V_PASS);
  CHECK(decide("x\n", sig("SIGABRT"), "x\n", sig("SIGSEGV"), 0, 0, 0) == V_DIVG);
  /* A missing final newline is a difference. */
  CHECK(decide("hello\n", ex(0), "hello", ex(0), 0, 0, 0) == V_DIVG);
  /* Known divergences. */
  CHECK(decide(ok, ex(0), ok, ex(0), 0, 0, 1) == V_XPASS);
  CHECK(decide(ok, ex(0), "x\n", sig("SIGILL"), 0, 0, 1) == V_XFAIL);
  CHECK(decide(ok, ex(0), "x\n", ex(0), 0, 0, 2) == V_XFAIL);
  /* Only the outcome the listing names: another signal, another output,
   * a crash or a timeout keep their own verdicts. */
  CHECK(decide(ok, ex(0), "x\n", sig("SIGSEGV"), 0, 0, 1) == V_DIVG);
  CHECK(decide(ok, ex(0), "y\n", ex(0), 0, 0, 2) == V_DIVG);
  CHECK(decide(ok, ex(0), "x\n", none, 1, 0, 1) == V_TIMEOUT);
  CHECK(decide(ok, ex(0), "x\n", sig("SIGILL"), 0, 1, 1) == V_CRASH);
  CHECK(decide(ok, ex(0), "x\n", none, 0, 0, 1) == V_CRASH);
  CHECK(decide(ok, ex(0), "CONTRACT_FAIL t\n", sig("SIGILL"), 0, 0, 1) == V_XFAIL);
  CHECK(decide("CONTRACT_FAIL t\n", ex(1), ok, ex(0), 0, 0, 1) == V_LINUX_FAIL);
  verdict_input k = {1, ex(0), ok, strlen(ok), 1, 0, none, "", 0, 1, {"killed by SIGILL", 0, 0}};
  CHECK(verdict_decide(&k).v == V_TIMEOUT && strstr(verdict_decide(&k).why, "timed out"));
  verdict_input noexp = {1, ex(0), ok, strlen(ok), 0, 0, sig("SIGILL"), "", 0, 1, {0}};
  CHECK(verdict_decide(&noexp).v == V_DIVG); /* nothing expected: nothing is XFAIL */
  CHECK(verdict_ok(V_PASS) && verdict_ok(V_XFAIL) && !verdict_ok(V_XPASS) &&
        !verdict_ok(V_DIVG) && !verdict_ok(V_LINUX_FAIL));
  for (int v = 0; v < V_COUNT; v++)
    CHECK(verdict_parse(verdict_name((verdict)v)) == (verdict)v);
}

static const char *write_tmp(const char *text) {
  static char path[64];
  snprintf(path, sizeof path, "/tmp/harness_unit.%ld.json", (long)getpid());
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
  return path;
}

static void test_known(void) {
  known_list k;
  char err[512];
  const char *p = write_tmp("{\"vm.a\": {\"reason\": \"needs a\", \"expect\": {\"stdout\": \"x\\n\"}},\n"
                            " \"vm.b\": {\"arch\": [\"arm64\"], \"reason\": \"needs b\",\n"
                            "  \"expect\": {\"status\": \"killed by SIGILL\"}}}\n");
  CHECK(known_load(p, &k, err, sizeof err) == 0);
  CHECK(k.n == 2);
  const known_entry *kb = known_find(&k, "vm.b", "arm64", NULL),
                    *ka = known_find(&k, "vm.a", "arm64", "vm");
  CHECK(kb && !strcmp(kb->expect_status, "killed by SIGILL") && !kb->expect_stdout);
  CHECK(ka && !ka->expect_status && !strcmp(ka->expect_stdout, "x\n"));
  CHECK(known_lookup(&k, "vm.a", "x86_64", NULL) && !strcmp(known_lookup(&k, "vm.a", "arm64", NULL), "needs a"));
  CHECK(known_lookup(&k, "vm.b", "x86_64", NULL) == NULL);
  CHECK(known_lookup(&k, "vm.b", "arm64", "native") != NULL);
  CHECK(known_lookup(&k, "vm.c", "arm64", NULL) == NULL);
  known_free(&k);
  /* "reference": the entry holds only against the references it names. */
  p = write_tmp("{\"vm.n\": {\"reference\": [\"native\"], \"reason\": \"x86-64 Linux\",\n"
                "  \"expect\": {\"status\": \"exit 0\"}}}\n");
  CHECK(known_load(p, &k, err, sizeof err) == 0);
  CHECK(known_find(&k, "vm.n", "arm64", "native") && known_find(&k, "vm.n", "arm64", NULL));
  CHECK(known_find(&k, "vm.n", "arm64", "vm") == NULL);
  CHECK(k.n == 1 && k.e[0].refs == KNOWN_REF_NATIVE);
  known_free(&k);

  struct { const char *text, *want; } bad[] = {
      {"{\n\"vm.a\": {\"reason\": \"x\"},\n\"vm.b\" {}\n}", ":3: malformed JSON"},
      {"{\n\"vm.a\": {\"reason\": \"\"}\n}", ":2: \"vm.a\": every entry needs a non-empty"},
      {"{\n\"vm.a\": {\"arch\": [\"x86_64\"]}\n}", ":2: \"vm.a\": every entry needs"},
      {"{\n\"vm.a\": {\"reason\": \"x\", \"arch\": [\"riscv\"]}\n}", "unknown arch"},
      {"{\n\"vm.a\": {\"reason\": \"x\"}\n}", ":2: \"vm.a\": every entry needs an \"expect\""},
      {"{\n\"vm.a\": {\"reason\": \"x\", \"expect\": {}}\n}", "needs an \"expect\""},
      {"{\n\"vm.a\": {\"reason\": \"x\", \"expect\": {\"status\": 3}}\n}", "needs an \"expect\""},
      {"{\n\"vm.a\": {\"reason\": \"x\", \"expect\": {\"verdict\": \"CRASH\"}}\n}", "needs an \"expect\""},
      {"{\n\"vm.a\": {\"reason\": \"x\", \"arches\": []}\n}", "unknown key \"arches\""},
      {"{\n\"nodot\": {\"reason\": \"x\"}\n}", "not a test id"},
      {"{\n\"vm.a\": {\"reason\": \"x\", \"reference\": [\"qemu\"]}\n}",
       ":2: \"vm.a\": \"reference\" must be"},
      {"{\n\"vm.a\": {\"reason\": \"x\", \"reference\": []}\n}", "\"reference\" must be"},
      {"{\n\"vm.a\": {\"reason\": \"x\", \"reference\": \"vm\"}\n}", "\"reference\" must be"},
      {"[1, 2]\n", ":1: the top level must be an object"},
      {"{\"vm.a\": {\"reason\": \"x\"}, \"vm.a\": {\"reason\": \"y\"}}", "malformed JSON"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    err[0] = '\0';
    p = write_tmp(bad[i].text);
    int rc = known_load(p, &k, err, sizeof err);
    CHECK(rc == -1);
    if (!strstr(err, bad[i].want)) {
      fprintf(stderr, "known case %zu: got '%s', want '%s'\n", i, err, bad[i].want);
      failures++;
    }
  }
  unlink(p);
  CHECK(known_load("/nonexistent/known.json", &k, err, sizeof err) == -1);
}

static void test_exit_record(void) {
  trace_facts t;
  const char *tr = "{\"ev\":\"boot\",\"v\":1}\nkernel log\n{\"ev\":\"exit\",\"seq\":3,\"pid\":1,\"status\":42}\n";
  exit_record_scan(tr, strlen(tr), &t);
  CHECK(t.status.kind == ST_EXIT && t.status.code == 42 && !t.panicked && t.records == 2);
  tr = "{\"ev\":\"exit\",\"pid\":1,\"signal\":\"SIGTERM\"}\n";
  exit_record_scan(tr, strlen(tr), &t);
  CHECK(t.status.kind == ST_SIGNAL && !strcmp(t.status.sig, "SIGTERM"));
  tr = "{\"ev\":\"panic\",\"msg\":\"boom\"}\n{\"ev\":\"exit\",\"status\":0"; /* cut off */
  exit_record_scan(tr, strlen(tr), &t);
  CHECK(t.panicked && strstr(t.panic, "boom") && t.status.kind == ST_NONE);
  exit_record_scan("", 0, &t);
  CHECK(t.status.kind == ST_NONE && !t.panicked);
  /* The channel's reader (cli/jsonl.h): "DBG " and '\r' are not part of a
   * line, a malformed line is skipped, the last exit record counts. */
  tr = "{\"ev\":\"exit\",\"status\":1}\n{\"ev\":\"exit\",\n"
       "DBG {\"ev\":\"exit\",\"pid\":1,\"status\":2}\r\n";
  exit_record_scan(tr, strlen(tr), &t);
  CHECK(t.status.kind == ST_EXIT && t.status.code == 2 && t.records == 2);
  tr = "{\"ev\":\"panic\",\"msg\":\"a \\\"b\\\"\"}\n"
       "{\"ev\":\"panic\",\"msg\":\"second\"}\n";
  exit_record_scan(tr, strlen(tr), &t);
  CHECK(t.panicked &&
        !strcmp(t.panic, "{\"ev\":\"panic\",\"msg\":\"a \\\"b\\\"\"}"));
}

static char *diff_of(const char *a, const char *b, size_t *changed) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  *changed = linediff_print(f, "A", a, strlen(a), "B", b, strlen(b), 100);
  fclose(f);
  return buf;
}

static void test_linediff(void) {
  size_t n;
  char *d = diff_of("a\nb\nc\n", "a\nb\nc\n", &n);
  CHECK(n == 0 && strstr(d, " a\n b\n c\n"));
  free(d);
  d = diff_of("a\nb\nc\n", "a\nX\nb\nc\n", &n); /* one insertion, not a cascade */
  CHECK(n == 1 && strstr(d, " a\n+X\n b\n c\n"));
  free(d);
  d = diff_of("a\nb\nc\n", "a\nc\n", &n);
  CHECK(n == 1 && strstr(d, " a\n-b\n c\n"));
  free(d);
  d = diff_of("a\n", "a", &n);
  CHECK(n == 2 && strstr(d, "-a\n+a\n\\ No newline at end of file\n"));
  free(d);
  d = diff_of("bell\a\n", "", &n);
  CHECK(n == 1 && strstr(d, "-bell\\x07\n") && strstr(d, "@@ -1,1 +0,0 @@"));
  free(d);
}

static void test_template(void) {
  const char *path = "/tmp/harness_unit_template.txt";
  FILE *f = fopen(path, "w");
  fputs("# comment\n\nqemu-fake\n  -kernel  \n@IMAGE@\n-serial\nfile:@CONSOLE@\n"
        "-append\n@CMDLINE@\ntcg: -icount\nkvm: -cpu\nkvm: host\n-x=@TRACE@,@TRACE@\n", f);
  fclose(f);
  run_qemu_opts o = {path, "img.elf", "debug=none --", "con.txt", "tr.txt", RUN_ACCEL_TCG, 0,
                     NULL, NULL};
  char **argv, err[256];
  CHECK(run_qemu_argv(&o, &argv, err, sizeof err) == 0);
  const char *want_tcg[] = {"qemu-fake", "-kernel", "img.elf", "-serial", "file:con.txt",
                            "-append", "debug=none --", "-icount", "-x=tr.txt,tr.txt",
                            "-accel", "tcg", NULL};
  for (int i = 0; want_tcg[i] || argv[i]; i++)
    CHECK(want_tcg[i] && argv[i] && !strcmp(want_tcg[i], argv[i]));
  run_argv_free(argv);
  o.accel = RUN_ACCEL_KVM;
  CHECK(run_qemu_argv(&o, &argv, err, sizeof err) == 0);
  int n = 0;
  while (argv[n])
    n++;
  CHECK(n == 12 && !strcmp(argv[7], "-cpu") && !strcmp(argv[8], "host") &&
        !strcmp(argv[11], "kvm"));
  run_argv_free(argv);
  /* A test's memory: added when the template has no -m, else replacing it. */
  o.memory = "2G";
  CHECK(run_qemu_argv(&o, &argv, err, sizeof err) == 0);
  CHECK(argv[10] && !strcmp(argv[10], "-m") && !strcmp(argv[11], "2G") &&
        !strcmp(argv[12], "-accel"));
  run_argv_free(argv);
  f = fopen(path, "w");
  fputs("qemu\n-m\n256M\n-kernel\n@IMAGE@\n", f);
  fclose(f);
  CHECK(run_qemu_argv(&o, &argv, err, sizeof err) == 0);
  CHECK(!strcmp(argv[1], "-m") && !strcmp(argv[2], "2G") && !strcmp(argv[5], "-accel"));
  run_argv_free(argv);
  o.memory = NULL;

  f = fopen(path, "w");
  fputs("qemu\n-kernel\n@IMGAE@\n", f);
  fclose(f);
  CHECK(run_qemu_argv(&o, &argv, err, sizeof err) == -1 && strstr(err, ":3: unknown placeholder @IMGAE@"));
  f = fopen(path, "w");
  fputs("# nothing\n", f);
  fclose(f);
  CHECK(run_qemu_argv(&o, &argv, err, sizeof err) == -1 && strstr(err, "names no program"));
  unlink(path);

  run_accel a;
  CHECK(run_accel_parse("auto", &a) == 0 && a == RUN_ACCEL_TCG);
  CHECK(run_accel_parse("kvm", &a) == 0 && a == RUN_ACCEL_KVM);
  CHECK(run_accel_parse("hvf", &a) == -1);
}

static void test_process(void) {
  run_result r;
  const char *echo[] = {"sh", "-c", "printf out; printf err >&2; exit 7", NULL};
  CHECK(run_process(echo, 10, &r) == 0);
  CHECK(r.end == RUN_EXITED && r.code == 7 && !strcmp(r.out.data, "out") &&
        !strcmp(r.err.data, "err"));
  run_result_free(&r);
  const char *killed[] = {"sh", "-c", "kill -ABRT $$", NULL};
  CHECK(run_process(killed, 10, &r) == 0 && r.end == RUN_SIGNALED &&
        !strcmp(run_signal_name(r.code), "SIGABRT"));
  run_result_free(&r);
  /* A hang with a helper holding the pipe: both die at the limit. */
  const char *hang[] = {"sh", "-c", "printf partial; sleep 60 & sleep 60", NULL};
  CHECK(run_process(hang, 0.3, &r) == 0);
  CHECK(r.end == RUN_TIMED_OUT && !strcmp(r.out.data, "partial") && r.seconds < 5);
  run_result_free(&r);
  const char *missing[] = {"/nonexistent/program", NULL};
  CHECK(run_process(missing, 10, &r) == 0 && r.end == RUN_FAILED &&
        strstr(r.error, "/nonexistent/program"));
  run_result_free(&r);
  CHECK(!strcmp(run_signal_name(32), "SIGRTMIN") && !strcmp(run_signal_name(34), "SIGRT_2") &&
        !strcmp(run_signal_name(11), "SIGSEGV"));
}

/* The reference VM's results port (tests/reference/init.c's framing) and
 * the cache's hash. */
static void test_reference(void) {
  static const char port[] =
      "early console noise\n"
      "KDIFF-REF 1 6.1.0-57-cloud-arm64|#1 SMP Debian 6.1.192-3\n"
      "S t.a\n"
      "R t.a exit 3 12 0 1 6 2\nout\n\0xE!\n"
      "S t.b\n"
      "R t.b signal 11 7 0 0 0 0\n\n"
      "S t.c\n"
      "R t.c exit 0 30000 1 0 4 0\npart\n"
      "S t.d\n"
      "R t.d exit 0 1 0 0 99 0\ncut off";
  ref_test t[5] = {{.id = "t.a"}, {.id = "t.b"}, {.id = "t.c"}, {.id = "t.d"},
                   {.id = "t.e"}};
  char kernel[128];
  int done = 1;
  ref_parse(port, sizeof port - 1, t, 5, kernel, sizeof kernel, &done);
  CHECK(!done && !strcmp(kernel, "6.1.0-57-cloud-arm64|#1 SMP Debian 6.1.192-3"));
  CHECK(t[0].outcome == REF_ENDED && !t[0].signaled && t[0].code == 3 &&
        t[0].escaped == 1 && t[0].out.len == 6 &&
        !memcmp(t[0].out.data, "out\n\0x", 6) && !strcmp(t[0].err.data, "E!"));
  CHECK(t[1].outcome == REF_ENDED && t[1].signaled && t[1].code == 11 &&
        t[1].out.len == 0);
  CHECK(t[2].outcome == REF_TIMED_OUT && !strcmp(t[2].out.data, "part"));
  CHECK(t[3].outcome == REF_VM_DIED); /* started, its payload cut off */
  CHECK(t[4].outcome == REF_NOT_RUN);
  for (int i = 0; i < 5; i++)
    ref_test_free(&t[i]);
  ref_test u = {.id = "t.a"};
  static const char fin[] = "KDIFF-REF 1 k|v\nS t.a\nR t.a exit 0 1 0 0 0 0\n\nDONE\n";
  ref_parse(fin, sizeof fin - 1, &u, 1, kernel, sizeof kernel, &done);
  CHECK(done && u.outcome == REF_ENDED);
  ref_test_free(&u);
  run_buf con = {.data = "boot\n[ 1.0] kdiff-ref: start t.a\nlater\n"};
  con.len = strlen(con.data);
  char *x = ref_console_excerpt(&con, "t.a");
  CHECK(x && !strcmp(x, "[ 1.0] kdiff-ref: start t.a\nlater\n"));
  free(x);
  sha256_ctx c;
  char hex[65];
  sha256_init(&c);
  sha256_update(&c, "abc", 3);
  sha256_hex(&c, hex);
  CHECK(!strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  sha256_init(&c);
  for (int i = 0; i < 1000; i++) /* across block boundaries */
    sha256_update(&c, "a", 1);
  sha256_hex(&c, hex);
  CHECK(!strcmp(hex, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"));
}

int main(int argc, char **argv) {
  const char *only = argc > 1 ? argv[1] : "";
  if (!*only || !strcmp(only, "verdict")) test_verdicts();
  if (!*only || !strcmp(only, "known")) test_known();
  if (!*only || !strcmp(only, "exit_record")) test_exit_record();
  if (!*only || !strcmp(only, "linediff")) test_linediff();
  if (!*only || !strcmp(only, "template")) test_template();
  if (!*only || !strcmp(only, "process")) test_process();
  if (!*only || !strcmp(only, "reference")) test_reference();
  if (failures)
    fprintf(stderr, "%d check(s) failed\n", failures);
  else
    printf("all checks passed\n");
  return failures ? 1 : 0;
}
