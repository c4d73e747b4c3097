/* The kernel command line: debug= filters, reports, "--" argv, quotes and
 * malformed input. */
#include <stdarg.h>
#include <string.h>

#include "check.h"
#include "libos/cmdline.h"

static char buf[4096];
static char scratch[1024];
static struct cmdline cl;

static void parse(const char *text) {
  snprintf(buf, sizeof buf, "%s", text);
  memset(&cl, 0x5a, sizeof cl); /* parse must set every field */
  cmdline_parse(buf, &cl, scratch, sizeof scratch);
}

/* The reports, joined with '|' for easy matching. */
static const char *reports(void) {
  static char all[4096];
  all[0] = '\0';
  for (unsigned i = 0; i < cl.nreports && i < CMDLINE_MAX_REPORTS; i++) {
    strcat(all, cl.reports[i]);
    strcat(all, "|");
  }
  return all;
}

/* argv must be exactly the given words, then NULL. */
static bool argv_is(int n, ...) {
  va_list ap;
  va_start(ap, n);
  bool ok = cl.argc == n;
  for (int i = 0; ok && i < n; i++)
    ok = !strcmp(cl.argv[i], va_arg(ap, const char *));
  va_end(ap);
  return ok && cl.argv[cl.argc] == NULL;
}

static void test_debug_values(void) {
  unsigned bits = 99;
  const char *bad = NULL;
  size_t bad_len = 0;
  CHECK(cmdline_parse_debug("syscall", 7, &bits, &bad, &bad_len) &&
        bits == TRACE_SYSCALL && bad == NULL);
  CHECK(cmdline_parse_debug("signal,fault", 12, &bits, &bad, &bad_len) &&
        bits == (TRACE_SIGNAL | TRACE_FAULT));
  CHECK(cmdline_parse_debug("all", 3, &bits, &bad, &bad_len) &&
        bits == TRACE_ALL);
  CHECK(cmdline_parse_debug("all,none", 8, &bits, &bad, &bad_len) && bits == 0);
  CHECK(cmdline_parse_debug("none,process", 12, &bits, &bad, &bad_len) &&
        bits == TRACE_PROCESS);
  CHECK(cmdline_parse_debug("", 0, &bits, &bad, &bad_len) && bits == 0);
  CHECK(cmdline_parse_debug("syscall,,signal,", 16, &bits, &bad, &bad_len) &&
        bits == (TRACE_SYSCALL | TRACE_SIGNAL));
  /* `len` bounds the value: "syscallX" cut at 7 is "syscall". */
  CHECK(cmdline_parse_debug("syscallX", 7, &bits, &bad, &bad_len) &&
        bits == TRACE_SYSCALL);
  const char *v = "syscall,bogus,sys,fault";
  CHECK(!cmdline_parse_debug(v, strlen(v), &bits, &bad, &bad_len));
  CHECK(bad == v + 8 && bad_len == 5);          /* the first unknown word */
  CHECK(bits == (TRACE_SYSCALL | TRACE_FAULT)); /* known words still count */
  /* Prefixes and case differences are not accepted silently. */
  CHECK(!cmdline_parse_debug("Syscall", 7, &bits, &bad, &bad_len));
  CHECK(!cmdline_parse_debug("syscalls", 8, &bits, &bad, &bad_len));
}

static void test_basic(void) {
  parse("");
  CHECK(!cl.debug_given && cl.debug == 0 && cl.nreports == 0 &&
        !cl.reports_truncated && argv_is(0));

  parse("debug=syscall");
  CHECK(cl.debug_given && cl.debug == TRACE_SYSCALL && cl.nreports == 0);
  CHECK(argv_is(0));

  parse("  \tdebug=signal,process   --  prog  a1 \t a2  ");
  CHECK(cl.debug_given && cl.debug == (TRACE_SIGNAL | TRACE_PROCESS));
  CHECK(argv_is(3, "prog", "a1", "a2"));
  CHECK(cl.nreports == 0);

  /* The last debug= wins. */
  parse("debug=all debug=fault");
  CHECK(cl.debug == TRACE_FAULT);
  parse("debug=all debug=");
  CHECK(cl.debug_given && cl.debug == 0);

  /* After "--" nothing is interpreted: debug= and a second -- are argv. */
  parse("-- debug=all -- x");
  CHECK(!cl.debug_given && argv_is(3, "debug=all", "--", "x"));
  parse("--");
  CHECK(argv_is(0) && cl.nreports == 0);
}

static void test_reports(void) {
  parse("debug=syscall,frob,signal,zap -- a");
  CHECK(cl.debug == (TRACE_SYSCALL | TRACE_SIGNAL));
  CHECK_MSG(!strcmp(reports(), "debug: unknown word 'frob'|"
                               "debug: unknown word 'zap'|"),
            "%s", reports());
  CHECK(argv_is(1, "a"));

  parse("console=ttyS0 quiet debug=none");
  CHECK_MSG(!strcmp(reports(), "cmdline: ignored parameter 'console=ttyS0'|"
                               "cmdline: ignored parameter 'quiet'|"),
            "%s", reports());
  CHECK(cl.debug_given && cl.debug == 0);

  /* More reports than slots: the overflow is flagged, not lost silently. */
  parse("a b c d e f g h i j k l m n o p q r s t");
  CHECK(cl.nreports == CMDLINE_MAX_REPORTS && cl.reports_truncated);

  /* No scratch space: reports still appear, without the word. */
  snprintf(buf, sizeof buf, "debug=frob quiet");
  cmdline_parse(buf, &cl, NULL, 0);
  CHECK_MSG(!strcmp(reports(), "debug: unknown word|"
                               "cmdline: ignored parameter|"),
            "%s", reports());
  /* Tiny scratch: what does not fit falls back the same way. */
  char tiny[40];
  snprintf(buf, sizeof buf, "ab debug=averyveryverylongword");
  cmdline_parse(buf, &cl, tiny, sizeof tiny);
  CHECK(cl.nreports == 2);
  CHECK(cl.nreports == 2 && cl.reports[0] >= tiny &&
        cl.reports[0] < tiny + sizeof tiny &&
        !strcmp(cl.reports[0], "cmdline: ignored parameter 'ab'") &&
        !strcmp(cl.reports[1], "debug: unknown word"));
}

static void test_quotes(void) {
  parse("-- \"hello world\" plain \"a\\\"b\" \"back\\\\slash\" \"\" x\"y z\"w");
  CHECK(argv_is(6, "hello world", "plain", "a\"b", "back\\slash", "", "xy zw"));
  CHECK(cl.nreports == 0);

  /* A quoted "--" is a word, not the separator. */
  parse("\"--\" -- a");
  CHECK(argv_is(1, "a"));
  CHECK(!strcmp(reports(), "cmdline: ignored parameter '--'|"));

  /* A quoted debug value works like the plain one. */
  parse("debug=\"syscall,fault\"");
  CHECK(cl.debug == (TRACE_SYSCALL | TRACE_FAULT));

  /* Unterminated: reported, and the word runs to the end. */
  parse("-- a \"b c");
  CHECK(argv_is(2, "a", "b c"));
  CHECK(strstr(reports(), "unterminated quote") != NULL);

  /* Backslash outside quotes is an ordinary character. */
  parse("-- a\\b");
  CHECK(argv_is(1, "a\\b"));
}

static void test_limits(void) {
  /* Exactly the maximum number of args, then one too many. */
  char text[2048] = "--";
  for (int i = 0; i < CMDLINE_MAX_ARGS; i++)
    snprintf(text + strlen(text), sizeof text - strlen(text), " w%d", i);
  parse(text);
  CHECK(cl.argc == CMDLINE_MAX_ARGS && cl.nreports == 0);
  CHECK(!strcmp(cl.argv[CMDLINE_MAX_ARGS - 1], "w63"));
  CHECK(cl.argv[CMDLINE_MAX_ARGS] == NULL);
  strcat(text, " extra1 extra2");
  parse(text);
  CHECK(cl.argc == CMDLINE_MAX_ARGS && cl.argv[CMDLINE_MAX_ARGS] == NULL);
  CHECK_MSG(strstr(reports(), "too many arguments, 2 ignored") != NULL, "%s",
            reports());

  /* A very long word: kept whole in argv, quoted shortened in reports. */
  char lng[3000];
  memset(lng, 'x', sizeof lng);
  memcpy(lng, "junk=", 5);
  lng[sizeof lng - 1] = '\0';
  parse(lng);
  CHECK(cl.nreports == 1 && strlen(cl.reports[0]) < 200);
  char args[3100];
  snprintf(args, sizeof args, "-- %s", lng);
  parse(args);
  CHECK(cl.argc == 1 && strlen(cl.argv[0]) == strlen(lng));

  /* Only whitespace, NULL buffer. */
  parse(" \t\n\r ");
  CHECK(cl.argc == 0 && cl.nreports == 0);
  cmdline_parse(NULL, &cl, scratch, sizeof scratch);
  CHECK(cl.argc == 0 && cl.argv[0] == NULL && !cl.debug_given);
}

/* env= words become the environment, in order; malformed ones are reported. */
static void test_env(void) {
  parse("env=A=1 debug=syscall \"env=B=two words\" env=C= -- env=D=4");
  CHECK(cl.envc == 3 && !strcmp(cl.envp[0], "A=1") &&
        !strcmp(cl.envp[1], "B=two words") && !strcmp(cl.envp[2], "C=") &&
        cl.envp[3] == NULL);
  CHECK(argv_is(1, "env=D=4")); /* after "--" it is an argument */
  CHECK(cl.nreports == 0);
  parse("env=NOVALUE env==x env=");
  CHECK(cl.envc == 0 && cl.envp[0] == NULL);
  CHECK(strstr(reports(), "env= wants NAME=VALUE, not 'env=NOVALUE'") &&
        strstr(reports(), "'env==x'") &&
        strstr(reports(), "ignored parameter 'env='"));
  char many[4096] = "";
  for (int i = 0; i < CMDLINE_MAX_ENV + 2; i++)
    snprintf(many + strlen(many), sizeof many - strlen(many), "env=V%d=%d ", i,
             i);
  parse(many);
  CHECK(cl.envc == CMDLINE_MAX_ENV && cl.envp[CMDLINE_MAX_ENV] == NULL);
  CHECK(strstr(reports(), "too many env= words") != NULL);
}

/* exe= takes an absolute path, the last one wins; a relative one is reported
 * and left out; after "--" it is an argument. */
static void test_exe(void) {
  parse("debug=none");
  CHECK(cl.exe == NULL);
  parse("exe=/usr/bin/a \"exe=/two words\" -- exe=/c");
  CHECK(cl.exe && !strcmp(cl.exe, "/two words") && argv_is(1, "exe=/c"));
  CHECK(cl.nreports == 0);
  parse("exe=rel exe=");
  CHECK(cl.exe == NULL);
  CHECK(strstr(reports(), "exe= wants an absolute path, not 'exe=rel'") &&
        strstr(reports(), "ignored parameter 'exe='"));
}

int main(void) {
  test_debug_values();
  test_basic();
  test_reports();
  test_quotes();
  test_limits();
  test_env();
  test_exe();
  return check_done("test_cmdline");
}
