/* strace's output variants (strace_variant.h): the decoration scanners on
 * their own, then real files of one run recorded with -t/-tt/-ttt, -T,
 * -y/-yy, -s, -v, -X, -e trace= and without -f (tests/cli/variants, see
 * its README) read to the same events as the plain recording. */
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "check.h"
#include "normalise.h"
#include "strace_parse.h"
#include "strace_variant.h"

#define S(lit) lit, sizeof lit - 1

static void test_scanners(void) {
  CHECK_INT(strace_timestamp(S("07:02:58 execve(")), 9);
  CHECK_INT(strace_timestamp(S("07:02:58.403846  brk(")), 17);
  CHECK_INT(strace_timestamp(S("1796281378.354891 brk(")), 18);
  CHECK_INT(strace_timestamp(S("13448 brk(")), 0); /* a pid */
  CHECK_INT(strace_timestamp(S("7:02:58 brk(")), 0);
  CHECK_INT(strace_timestamp(S("07:02:58.x brk(")), 0);
  CHECK_INT(strace_timestamp(S("07:02:58")), 0); /* nothing after it */
  CHECK_INT(strace_strip_duration(S("brk(NULL) = 0x1 <0.000018>")), 15);
  CHECK_INT(strace_strip_duration(S("exit_group(0) = ? <unavailable>")), 17);
  CHECK_INT(strace_strip_duration(S("open(\"a\") = 3</a>")), 17);
  CHECK_INT(strace_strip_duration(S("x <.5>")), 6);
  CHECK_INT(strace_strip_duration(S("x<1.5>")), 6);
  const char d[] = "write(3</dev/null<char 1:3>>, \"\", 0)";
  CHECK_INT(strace_fd_decoration(d, sizeof d - 1, 7), 21);
  CHECK_INT(strace_fd_decoration(d, sizeof d - 1, 5), 0); /* '(' is no '<' */
  const char u[] = "[3<UNIX-STREAM:[1->2]>, 4]";
  CHECK_INT(strace_fd_decoration(u, sizeof u - 1, 2), 20);
  const char esc[] = "3</a\\74b\\76(c) d,e>";
  CHECK_INT(strace_fd_decoration(esc, sizeof esc - 1, 1), 18);
  const char cwd[] = "AT_FDCWD</tmp>";
  CHECK_INT(strace_fd_decoration(cwd, sizeof cwd - 1, 8), 6);
  const char notfd[] = "x3<a>";
  CHECK_INT(strace_fd_decoration(notfd, sizeof notfd - 1, 2), 0);
  const char open_[] = "3</never closed";
  CHECK_INT(strace_fd_decoration(open_, sizeof open_ - 1, 1), 0);
  CHECK_INT(strace_value_core(S("3</dev/null>")), 1);
  CHECK_INT(strace_value_core(S("0x8001 /* O_WRONLY|O_LARGEFILE */")), 6);
  CHECK_INT(strace_value_core(S("0x1 /* a */ | /* b */")), 21);
  CHECK_INT(strace_value_core(S("O_RDONLY")), 8);
  CHECK_INT(strace_value_core(S("3<x> 4")), 6);
}

static int load(struct trace *t, const char *name) {
  struct kd_error e;
  trace_init(t, fixture(name));
  int rc = strace_parse_file(t, &e);
  if (rc)
    fprintf(stderr, "%s: unexpected error: %s\n", name, e.msg);
  return rc;
}

static const struct event *find(const struct trace *t, const char *name) {
  for (size_t i = 0; i < t->n; i++)
    if (t->ev[i].kind == EV_SYSCALL &&
        strcmp(intern_str(t->ev[i].name), name) == 0)
      return &t->ev[i];
  return NULL;
}

/* The decorated values read as numbers: fds with -y paths, flags with -X
 * verbose comments, return values with both. */
static void test_values(void) {
  struct trace t;
  CHECK(load(&t, "variants/v_all.strace") == 0);
  const struct event *e = find(&t, "write");
  CHECK(e && e->nargs == 3 && e->arg[0].cls == VAL_NUM && e->arg[0].v == 3 &&
        e->arg[2].v == 33 && e->ret == 33);
  e = find(&t, "open");
  CHECK(e && e->ret == 3 && e->nret.cls == VAL_NUM && e->line == 6);
  e = find(&t, "wait4"); /* unfinished + resumed, with -T on the second half */
  CHECK(e && e->nargs == 4 && e->first_line != 0 && e->nret.cls == VAL_NUM);
  trace_free(&t);
  CHECK(load(&t, "variants/v_Xverbose.strace") == 0);
  e = find(&t, "open");
  CHECK(e && e->arg[1].cls == VAL_NUM && e->arg[1].v == 0x8001);
  trace_free(&t);
  CHECK(load(&t, "variants/v_ypath.strace") == 0);
  e = find(&t, "write"); /* a path with brackets and a comma in it */
  CHECK(e && e->nargs == 3 && e->arg[0].v == 3 && (e->flags & EVF_ERR));
  e = find(&t, "close");
  CHECK(e && e->nargs == 1 && e->arg[0].v == 3);
  trace_free(&t);
}

/* A variant against the plain recording: 1 when they diverge. */
static int diverges(const char *name, const char *filter) {
  struct trace a, b;
  CHECK(load(&a, "variants/v_plain.strace") == 0);
  CHECK(load(&b, name) == 0);
  uint32_t fl[4];
  size_t nf = 0;
  if (filter)
    for (const char *p = filter; *p;) {
      const char *c = strchr(p, ',');
      size_t n = c ? (size_t)(c - p) : strlen(p);
      fl[nf++] = intern_n(p, n);
      p += n + (c != NULL);
    }
  struct norm_opts o = {
      .linux_side = true, .filter = nf ? fl : NULL, .nfilter = nf};
  normalise(&a, &o);
  normalise(&b, &o);
  struct alignment al;
  CHECK(align_traces(&a, &b, &al) == 0);
  int rc = al.first != (size_t)-1;
  alignment_free(&al);
  trace_free(&a);
  trace_free(&b);
  return rc;
}

/* Each variant is one run of the plain recording's program. */
static void agrees(const char *name, const char *filter) {
  if (diverges(name, filter)) {
    fprintf(stderr, "%s: diverges from v_plain.strace\n", name);
    check_failures++;
  }
}

static void differs(const char *name, const char *filter) {
  CHECK(diverges(name, filter) == 1);
}

int main(void) {
  test_scanners();
  test_values();
  const char *same[] = {"v_t",        "v_tt_T", "v_ttt_y", "v_yy_s8_v",
                        "v_Xverbose", "v_all",  "v_stderr"};
  char name[64];
  for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
    snprintf(name, sizeof name, "variants/%s.strace", same[i]);
    agrees(name, NULL);
  }
  /* -e trace= that keeps execve and fork: the same run under --filter. */
  agrees("variants/v_etrace_tasks.strace",
         "execve,fork,wait4,open,write,close,exit_group");
  /* Without them kdiff cannot tell the child from a stranger, and without
   * -f the child is not traced at all: both are real differences. */
  differs("variants/v_etrace.strace", "open,write,close,exit_group");
  differs("variants/v_nof.strace", NULL);
  return check_done("test_strace_variant");
}
