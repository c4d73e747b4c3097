/* Task identity by creation (tasks.h): the same program interleaved two
 * ways, with other pid numbers, names the same tasks and aligns without a
 * divergence; pids in values name tasks; the order of task names; a thread
 * is told from a process; a changed child result is found in its task. */
#include <stdlib.h>

#include "align.h"
#include "check.h"
#include "normalise.h"
#include "strace_parse.h"
#include "tasks.h"

/* Root 100 forks 101 (which exits 3) and makes thread 102; 101's first line
 * comes before the fork returns (unfinished/resumed). */
static const char *run_a =
    "100 execve(\"./p\", [\"./p\"], 0x7ffd /* 1 var */) = 0\n"
    "100 fork( <unfinished ...>\n"
    "101 gettid()                   = 101\n"
    "100 <... fork resumed>)        = 101\n"
    "101 getppid()                  = 100\n"
    "100 clone(child_stack=0x7f00, flags=CLONE_VM|CLONE_THREAD|CLONE_SIGHAND) = 102\n"
    "102 gettid()                   = 102\n"
    "101 close(9)                   = -1 EBADF (Bad file descriptor)\n"
    "102 getpid()                   = 100\n"
    "101 exit_group(3)              = ?\n"
    "101 +++ exited with 3 +++\n"
    "102 exit(0)                    = ?\n"
    "102 +++ exited with 0 +++\n"
    "100 wait4(101, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 101\n"
    "100 kill(-100, SIGCONT)        = 0\n"
    "100 exit_group(0)              = ?\n"
    "100 +++ exited with 0 +++\n";

/* The same run scheduled otherwise, other numbers: the thread's lines come
 * first, the child runs after the root waits. */
static const char *run_b =
    "7 execve(\"./p\", [\"./p\"], 0x7ffd /* 1 var */) = 0\n"
    "7 fork()                       = 9\n"
    "7 clone(child_stack=0x7f00, flags=CLONE_VM|CLONE_THREAD|CLONE_SIGHAND) = 8\n"
    "8 gettid()                     = 8\n"
    "8 getpid()                     = 7\n"
    "8 exit(0)                      = ?\n"
    "8 +++ exited with 0 +++\n"
    "7 wait4(9,  <unfinished ...>\n"
    "9 gettid()                     = 9\n"
    "9 getppid()                    = 7\n"
    "9 close(9)                     = -1 EBADF (Bad file descriptor)\n"
    "9 exit_group(3)                = ?\n"
    "9 +++ exited with 3 +++\n"
    "7 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 9\n"
    "7 kill(-7, SIGCONT)            = 0\n"
    "7 exit_group(0)                = ?\n"
    "7 +++ exited with 0 +++\n";

static void load(struct trace *t, const char *text) {
  struct kd_error e;
  trace_init(t, "inline");
  CHECK(strace_parse_mem(text, strlen(text), t, &e) == 0);
  struct norm_opts o = {.linux_side = true};
  normalise(t, &o);
}

/* The n-th live event named `name` of task `task`. */
static const struct event *find(const struct trace *t, const char *task, const char *name, int n) {
  for (size_t i = 0; i < t->n; i++) {
    const struct event *e = &t->ev[i];
    if (!(e->flags & EVF_DROP) && e->pid == (int32_t)intern(task) && e->name == intern(name) &&
        n-- == 0)
      return e;
  }
  return NULL;
}

static const char *val(const struct kval *v) {
  static char b[64];
  return norm_value_str(v, b, sizeof b);
}

static void test_names(void) {
  struct trace a, b;
  load(&a, run_a);
  load(&b, run_b);
  const struct trace *ts[2] = {&a, &b};
  for (int k = 0; k < 2; k++) {
    const struct trace *t = ts[k];
    const struct event *e = find(t, "1", "fork", 0);
    CHECK(e && !strcmp(val(&e->nret), "pid#1.1"));
    e = find(t, "1", "clone", 0);
    CHECK(e && !strcmp(val(&e->nret), "pid#1.2"));
    e = find(t, "1.1", "getppid", 0);
    CHECK(e && !strcmp(val(&e->nret), "pid#1"));
    e = find(t, "1.2", "getpid", 0); /* a thread's getpid is its process's */
    CHECK(e && !strcmp(val(&e->nret), "pid#1"));
    e = find(t, "1", "kill", 0);
    CHECK(e && !strcmp(val(&e->arg[0]), "-pid#1"));
    /* Ends: the child's 3, the thread's own exit(0), the root's 0. */
    e = find(t, "1.1", "exit", 0);
    CHECK(e && e->kind == EV_EXIT && e->ret == 3);
    e = find(t, "1.2", "exit", 1);
    CHECK(e && e->kind == EV_EXIT && e->ret == 0);
    e = find(t, "1", "exit", 0);
    CHECK(e && e->kind == EV_EXIT && e->ret == 0);
  }
  struct alignment al;
  CHECK(align_traces(&a, &b, &al) == 0);
  CHECK_INT(al.tasks, 3);
  CHECK_INT(al.first, (size_t)-1);
  CHECK_INT(al.divergent, 0);
  /* Rows come task by task: 1, then 1.1, then 1.2. */
  for (size_t k = 1; k < al.n; k++)
    CHECK(task_cmp(al.rows[k - 1].task, al.rows[k].task) <= 0);
  alignment_free(&al);
  trace_free(&a);
  trace_free(&b);
}

static void test_divergence_in_child(void) {
  /* The child's close fails otherwise in run b: found in task 1.1 at the
   * Linux index of run a's close (execve dropped: fork 0, gettid 1,
   * getppid 2, clone 3, gettid 4, close 5). */
  char *b2 = strdup(run_b);
  char *p = strstr(b2, "-1 EBADF (Bad file descriptor)");
  memcpy(p, "-1 EPERM (Not permitted, xxxx)", 30);
  struct trace a, b;
  load(&a, run_a);
  load(&b, b2);
  struct alignment al;
  CHECK(align_traces(&a, &b, &al) == 0);
  CHECK(al.first != (size_t)-1);
  if (al.first != (size_t)-1) {
    CHECK_INT(al.first_kind, ROW_ERRNO);
    CHECK_STR(intern_str(al.rows[al.first].task), "1.1");
    CHECK_INT(al.rows[al.first].linux_index, 5);
  }
  alignment_free(&al);
  trace_free(&a);
  trace_free(&b);
  free(b2);
}

static void test_order(void) {
  const char *in_order[] = {"1", "1.1", "1.1.1", "1.2", "1.10", "x1", "x2"};
  for (int i = 0; i < 7; i++)
    for (int j = 0; j < 7; j++) {
      int c = task_cmp(intern(in_order[i]), intern(in_order[j]));
      CHECK((i < j && c < 0) || (i == j && c == 0) || (i > j && c > 0));
    }
}

int main(void) {
  test_names();
  test_divergence_in_child();
  test_order();
  return check_done("tasks");
}
