/* The HTML pieces: the escaper on hostile bytes (exact outputs, and a
 * property over random inputs: nothing that could end an element, an
 * attribute or a script survives, and the output is valid UTF-8), the
 * template filler's errors, both embedded templates, finding raw lines
 * again by number, and `kdiff --html`
 * end to end on hostile recorded traces and outputs (argv[1]: kdiff). */
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "html_escape.h"
#include "html_template.h"
#include "line_index.h"
#include "templates.h"

/* What fn writes for s[0..n), NUL-terminated (static buffer). */
static const char *esc(void (*fn)(FILE *, const char *, size_t), const char *s,
                       size_t n) {
  static char *buf;
  static size_t len;
  free(buf);
  FILE *m = open_memstream(&buf, &len);
  fn(m, s, n);
  fclose(m);
  return buf;
}

#define TEXT(lit) esc(html_text, lit, sizeof lit - 1)
#define ATTR(lit) esc(html_attr, lit, sizeof lit - 1)

static void exact(void) {
  CHECK_STR(TEXT("</script><script>alert(1)</script>"),
            "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK_STR(ATTR("a\"b'c&d"), "a&quot;b&#39;c&amp;d");
  CHECK_STR(ATTR("\" onmouseover=\"x"), "&quot; onmouseover=&quot;x");
  CHECK_STR(TEXT("tab\tnl\n"), "tab\tnl\n");
  CHECK_STR(ATTR("\x01\x1b[31m\x7f\r"), "\\x01\\x1b[31m\\x7f\\x0d");
  CHECK_STR(TEXT("\x1b"), "<span class=\"x\">\\x1b</span>");
  CHECK_STR(esc(html_attr, "a\0b", 3), "a\\x00b");
  /* Valid UTF-8 passes: 2, 3 and 4 bytes. */
  CHECK_STR(ATTR("\xc3\xa9 \xe2\x82\xac \xf0\x9d\x84\x9e"),
            "\xc3\xa9 \xe2\x82\xac \xf0\x9d\x84\x9e");
  /* Invalid UTF-8: every byte of a bad sequence is shown. */
  CHECK_STR(ATTR("\xff\xfe"), "\\xff\\xfe");
  CHECK_STR(ATTR("\x80"), "\\x80");                   /* stray continuation */
  CHECK_STR(ATTR("\xc0\xaf"), "\\xc0\\xaf");          /* overlong '/' */
  CHECK_STR(ATTR("\xe0\x80\xaf"), "\\xe0\\x80\\xaf"); /* overlong, 3 bytes */
  CHECK_STR(ATTR("\xed\xa0\x80"), "\\xed\\xa0\\x80"); /* a surrogate */
  CHECK_STR(ATTR("\xf4\x90\x80\x80"),
            "\\xf4\\x90\\x80\\x80");              /* above U+10FFFF */
  CHECK_STR(ATTR("\xe2\x82"), "\\xe2\\x82");      /* truncated at the end */
  CHECK_STR(ATTR("\xe2\x82<"), "\\xe2\\x82&lt;"); /* truncated before text */
  CHECK_STR(ATTR("\xc2\x85"), "\\u0085");         /* C1 control (NEL) */
  CHECK_STR(ATTR("\xc2\xa0"), "\xc2\xa0");        /* U+00A0 is text */
}

/* Valid UTF-8 throughout, with no byte that HTML could read as markup or
 * a control. */
static int clean(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    if (c == '<' || c == '>' || c == '"' || c == '\'' || c == 0x7f ||
        (c < 0x20 && c != '\n' && c != '\t'))
      return 0;
    size_t l = html_utf8_len((const unsigned char *)s + i, n - i);
    if (!l || (l == 2 && c == 0xc2 && (unsigned char)s[i + 1] < 0xa0))
      return 0;
    i += l;
  }
  return 1;
}

/* Removes the exact stand-in markup html_text adds. */
static size_t strip_spans(char *s) {
  static const char open[] = "<span class=\"x\">", close[] = "</span>";
  char *w = s;
  for (char *r = s; *r;) {
    if (!strncmp(r, open, sizeof open - 1))
      r += sizeof open - 1;
    else if (!strncmp(r, close, sizeof close - 1))
      r += sizeof close - 1;
    else
      *w++ = *r++;
  }
  *w = 0;
  return (size_t)(w - s);
}

static void random_inputs(void) {
  unsigned seed = 12345;
  char in[64];
  int bad = 0;
  for (int round = 0; round < 20000; round++) {
    size_t n = (size_t)(rand_r(&seed) % sizeof in);
    for (size_t i = 0; i < n; i++) {
      /* Mostly the interesting bytes: markup, controls, UTF-8 leads. */
      static const char pick[] =
          "<>\"'&\x00\x01\x1b\x7f\x80\xbf\xc0\xc2\xe0\xed\xf0\xf4\xff a";
      in[i] = rand_r(&seed) % 3 ? pick[rand_r(&seed) % (sizeof pick - 1)]
                                : (char)(rand_r(&seed) & 0xff);
    }
    const char *a = esc(html_attr, in, n);
    bad += !clean(a, strlen(a)) || strlen(a) < n;
    char *t = strdup(esc(html_text, in, n));
    bad += !clean(t, strip_spans(t));
    free(t);
  }
  CHECK_INT(bad, 0);
}

static void templates(void) {
  static const char src[] =
      "comment {{not a key}}\n@@ a\n<p title=\"{{t:attr}}\">{{t}}</p>\n"
      "@@ b\n{{missing}}\n@@ c\n{{open\n";
  struct tpl t;
  CHECK_INT(tpl_parse(&t, "test", src, sizeof src - 1), 0);
  CHECK_INT(t.nb, 3);
  char *out = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&out, &len);
  struct tpl_var v[] = {TV("t", "</p>\"x'\x01")};
  CHECK_INT(tpl_emit(m, &t, "a", v, 1), 0);
  CHECK_INT(tpl_emit(m, &t, "b", v, 1), -1);
  CHECK(strstr(t.err, "no value for 'missing'") != NULL);
  CHECK_INT(tpl_emit(m, &t, "c", v, 1), -1);
  CHECK(strstr(t.err, "unterminated") != NULL);
  CHECK_INT(tpl_emit(m, &t, "zz", v, 1), -1);
  CHECK(strstr(t.err, "no block 'zz'") != NULL);
  fclose(m);
  CHECK_STR(out,
            "<p title=\"&lt;/p&gt;&quot;x&#39;\\x01\">&lt;/p&gt;&quot;x&#39;"
            "<span class=\"x\">\\x01</span></p>\n");
  free(out);
  tpl_free(&t);
  static const char dup[] = "@@ a\nx\n@@ a\ny\n";
  CHECK_INT(tpl_parse(&t, "dup", dup, sizeof dup - 1), -1);
  tpl_free(&t);
  CHECK_INT(tpl_parse(&t, "none", "text only\n", 10), -1);
  tpl_free(&t);
  /* The embedded templates parse; kdiff_report's blocks are all rendered
   * by the end-to-end case below, the dashboard's by check-report.sh. */
  CHECK_INT(
      tpl_parse(&t, "kdiff_report", tpl_kdiff_report, tpl_kdiff_report_len), 0);
  tpl_free(&t);
  CHECK_INT(tpl_parse(&t, "dashboard", tpl_dashboard, tpl_dashboard_len), 0);
  tpl_free(&t);
}

static void put(const char *dir, const char *name, const char *data, size_t n) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "wb");
  fwrite(data, 1, n, f);
  fclose(f);
}

static size_t count(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p++)
    n++;
  return n;
}

static void lines(void) {
  char path[] = "/tmp/kdiff-lines-XXXXXX";
  int fd = mkstemp(path);
  FILE *f = fdopen(fd, "w");
  fputs("a\nb\r\n\n", f);
  for (int i = 0; i < 5000; i++)
    fputc('x', f);
  fputs("\nlast", f); /* no newline at the end */
  fclose(f);
  static const uint32_t want[] = {5, 1, 1, 4, 99, 0, 2, 3};
  struct line_index li;
  line_index_open(&li, path, want, sizeof want / sizeof want[0]);
  size_t n = 0;
  const char *s = line_index_get(&li, 1, &n);
  CHECK(s && n == 1 && !memcmp(s, "a", 1));
  s = line_index_get(&li, 2, &n);
  CHECK(s && n == 1 && !memcmp(s, "b", 1)); /* \r dropped */
  s = line_index_get(&li, 3, &n);
  CHECK(s && n == 0);
  s = line_index_get(&li, 4, &n);
  CHECK(s && n == LINE_INDEX_MAX + 6 && !strcmp(s + LINE_INDEX_MAX, " [...]"));
  s = line_index_get(&li, 5, &n);
  CHECK(s && n == 4 && !memcmp(s, "last", 4));
  CHECK(line_index_get(&li, 6, &n) == NULL);  /* not in the file */
  CHECK(line_index_get(&li, 99, &n) == NULL); /* asked for, not there */
  line_index_close(&li);
  line_index_open(&li, "/nonexistent/kdiff", want, 2);
  CHECK(line_index_get(&li, 1, &n) == NULL);
  line_index_close(&li);
  unlink(path);
}

#define EVIL "</script><img src=x onerror=alert(1)>"

static void end_to_end(const char *kdiff) {
  char dir[] = "/tmp/kdiff-html-test-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char st[8192], js[8192];
  size_t a = 0, b = 0;
  a +=
      (size_t)snprintf(st + a, sizeof st - a,
                       "77 execve(\"./t\", [\"./t\"], 0x7ffe /* 1 var */) = 0\n"
                       "77 brk(NULL) = 0x1000000\n"
                       "77 write(1, \"" EVIL "\\\"'&\", 41) = 41\n");
  b += (size_t)snprintf(
      js + b, sizeof js - b,
      "{\"ev\":\"boot\",\"v\":1,\"arch\":\"x86_64\",\"cmdline\":\"debug="
      "syscall,signal\"}\n"
      "{\"ev\":\"syscall_entry\",\"pid\":1,\"tid\":1,\"nr\":12,\"name\":"
      "\"brk\",\"args\":[\"0x0\"]}\n"
      "{\"ev\":\"syscall_exit\",\"pid\":1,\"tid\":1,\"nr\":12,\"name\":\"brk\","
      "\"ret\":4096}\n"
      "{\"ev\":\"syscall_entry\",\"pid\":1,\"tid\":1,\"nr\":1,\"name\":"
      "\"write\",\"args\":[\"0x1\",\"0x0\",\"0x29\"]}\n"
      "{\"ev\":\"syscall_exit\",\"pid\":1,\"tid\":1,\"nr\":1,\"name\":"
      "\"write\",\"ret\":41}\n");
  for (int i = 0; i < 10; i++) {
    a += (size_t)snprintf(st + a, sizeof st - a, "77 getpid() = 77\n");
    b += (size_t)snprintf(js + b, sizeof js - b,
                          "{\"ev\":\"syscall_entry\",\"pid\":1,\"tid\":1,"
                          "\"nr\":39,\"name\":\"getpid\",\"args\":[]}\n"
                          "{\"ev\":\"syscall_exit\",\"pid\":1,\"tid\":1,\"nr\":"
                          "39,\"name\":\"getpid\",\"ret\":1}\n");
  }
  a += (size_t)snprintf(st + a, sizeof st - a,
                        "77 close(3) = -1 EBADF (Bad file descriptor)\n"
                        "77 exit_group(0) = ?\n77 +++ exited with 0 +++\n");
  b += (size_t)snprintf(
      js + b, sizeof js - b,
      "{\"ev\":\"syscall_entry\",\"pid\":1,\"tid\":1,\"nr\":3,\"name\":"
      "\"close\",\"args\":[\"0x3\"]}\n"
      "{\"ev\":\"syscall_exit\",\"pid\":1,\"tid\":1,\"nr\":3,\"name\":"
      "\"close\",\"ret\":-1,\"errno\":\"EPERM\\\"" EVIL "\"}\n"
      "{\"ev\":\"syscall_entry\",\"pid\":1,\"tid\":1,\"nr\":999,\"name\":"
      "\"" EVIL "\",\"args\":[]}\n"
      "{\"ev\":\"syscall_exit\",\"pid\":1,\"tid\":1,\"nr\":999,\"name\":\"" EVIL
      "\",\"ret\":0}\n"
      "{\"ev\":\"panic\",\"msg\":\"oops \\u0001 " EVIL
      " \\\"q\\\" 'a'\",\"ip\":\"0x0\"}\n");
  put(dir, "linux.strace", st, a);
  put(dir, "libos.jsonl", js, b);
  static const char out[] = "ok " EVIL " \xff\xfe \xed\xa0\x80 \x1b[31m\0nul\n";
  put(dir, "linux.stdout", out, sizeof out - 1);
  put(dir, "libos.console", "ok\n", 3);
  char lt[600], rt[600], html[600];
  snprintf(lt, sizeof lt, "%s/linux.strace", dir);
  snprintf(rt, sizeof rt, "%s/libos.jsonl", dir);
  snprintf(html, sizeof html, "%s/r.html", dir);
  pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    execl(kdiff, kdiff, "--linux-trace", lt, "--libos-trace", rt, "--html",
          html, (char *)NULL);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
  FILE *f = fopen(html, "rb");
  CHECK(f != NULL);
  if (!f)
    return;
  static char page[1 << 20];
  size_t n = fread(page, 1, sizeof page - 1, f);
  page[n] = 0;
  fclose(f);
  CHECK_INT(strlen(page), n); /* no NUL got through */
  /* Only the template's own script, no injected element. */
  CHECK_INT(count(page, "<script"), 1);
  CHECK_INT(count(page, "</script>"), 1);
  CHECK_INT(count(page, "<img"), 0);
  CHECK(count(page, "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;") >= 4);
  /* Self-contained: nothing fetched. */
  CHECK_INT(count(page, "src="),
            count(page, "img src=x")); /* only escaped text */
  CHECK_INT(count(page, "<link"), 0);
  CHECK_INT(count(page, "http:") + count(page, "https:") + count(page, "url("),
            0);
  /* Output bytes shown, not passed: invalid UTF-8, escapes, the NUL. */
  CHECK(strstr(page, "ok &lt;/script&gt;") != NULL);
  CHECK(
      strstr(page,
             "<span class=\"x\">\\xff</span><span class=\"x\">\\xfe</span>") !=
      NULL);
  CHECK(strstr(page, "<span class=\"x\">\\xed</span>") != NULL);
  CHECK(strstr(page, "<span class=\"x\">\\x00</span>nul") != NULL);
  /* The first divergence at the top (before any task), with its kind and
   * both values; the row is marked; the equal getpid run is folded. */
  const char *first = strstr(page, "<div id=\"first\">");
  const char *task = strstr(page, "<section class=\"task\"");
  CHECK(first && task && first < task);
  CHECK(strstr(page, "First divergence: <span class=\"kind "
                     "k-errno\">errno</span> in <code>close</code>") != NULL);
  CHECK(strstr(page, "-1 EPERM&quot;&lt;/script&gt;") != NULL);
  CHECK(strstr(page, "class=\"r st-errno bad first\"") != NULL);
  CHECK(strstr(page, "class=\"r st-extra bad\"") != NULL);
  CHECK(strstr(page, "<details class=\"fold\"><summary>6 equal rows") != NULL);
  /* Raw lines on demand: the strace line and both JSONL records. */
  CHECK(
      strstr(page,
             "strace line 14: 77 close(3) = -1 EBADF (Bad file descriptor)") !=
      NULL);
  CHECK(strstr(page,
               "JSONL line 26: {&quot;ev&quot;:&quot;syscall_entry&quot;") !=
        NULL);
  CHECK(
      strstr(page, "JSONL line 27: {&quot;ev&quot;:&quot;syscall_exit&quot;") !=
      NULL);
  /* Outputs, statuses, the panic with its record, the command. */
  CHECK(strstr(page, "Kernel panic") != NULL);
  CHECK(strstr(page, "oops <span class=\"x\">\\x01</span> &lt;/script&gt;") !=
        NULL);
  CHECK(strstr(page, "<code>exited with 0</code>") != NULL);
  CHECK(strstr(page, "--linux-trace") != NULL);
  char cmd[700];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_INT(system(cmd), 0);
}

int main(int argc, char **argv) {
  exact();
  random_inputs();
  templates();
  lines();
  if (argc > 1)
    end_to_end(argv[1]);
  else
    CHECK(!"usage: kdiff_test_html KDIFF");
  return check_done("html");
}
