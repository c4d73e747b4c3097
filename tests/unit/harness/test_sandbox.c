/* run_native()'s sandbox for real (cli/run/sandbox.h): every native run
 * starts in a fresh private /tmp as its cwd. `sandbox_unit CASE PROBE`
 * runs sandbox_probe (which prints what it sees) through run_native() and
 * checks its output. Exit 0 pass, 1 fail, 77 skipped (what the case needs,
 * e.g. strace or a user namespace, is missing here; the reason is printed). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"

#define SKIP 77
#define CAP_SYS_ADMIN_NUMBER 21

static const char *probe;

/* What the probe prints in a fresh sandbox, having created `name`. */
static const char *fresh(const char *name, int met) {
  static char buf[512];
  snprintf(buf, sizeof buf,
           "cwd /tmp\nentries (none)\nmode 1777\ntmpfs yes\nfds 0 1 2\nuid 0\n"
           "%ssees %s\n",
           met ? "met the other run\n" : "", name);
  return buf;
}

/* Runs prog (default: the probe) with args; o may set more options. */
static int run(const char *prog, const char *name, const char *token,
               run_native_opts *o, run_result *r) {
  const char *argv[] = {prog ? prog : probe, name, token, NULL};
  o->argv = argv;
  o->timeout_s = 30;
  return run_native(o, r);
}

static int expect(const char *what, int rc, const run_result *r,
                  const char *want) {
  if (rc == 0 && r->end == RUN_EXITED && r->code == 0 &&
      strcmp(r->out.data, want) == 0)
    return 0;
  char how[600];
  printf("FAIL %s: rc %d, %s\n--- wanted:\n%s--- got:\n%s--- stderr:\n%s\n",
         what, rc, run_describe(r, 30, how, sizeof how), want, r->out.data,
         r->err.data);
  return 1;
}

static int case_fresh(int unused) {
  (void)unused;
  run_native_opts o = {0};
  run_result r;
  int bad = expect("fresh", run(NULL, "probe-solo", NULL, &o, &r), &r,
                   fresh("probe-solo", 0));
  run_result_free(&r);
  return bad;
}

/* Two runs at once, each waiting for the other: neither sees the other's
 * file (nor anything of the host's /tmp). */
static int case_parallel(int unused) {
  (void)unused;
  char token[32];
  snprintf(token, sizeof token, "%d", (int)getpid());
  const char *names[2] = {"probe-a", "probe-b"};
  pid_t kids[2];
  for (int i = 0; i < 2; i++) {
    fflush(stdout);
    kids[i] = fork();
    if (kids[i] == 0) {
      run_native_opts o = {0};
      run_result r;
      int rc = run(NULL, names[i], token, &o, &r);
      exit(expect(names[i], rc, &r, fresh(names[i], 1)));
    }
  }
  int bad = 0;
  for (int i = 0; i < 2; i++) {
    int st;
    waitpid(kids[i], &st, 0);
    bad |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
  }
  return bad;
}

/* A host directory under /tmp holding the probe (and the trace file). */
static int copy_probe(char *dir, char *copy, size_t n) {
  strcpy(dir, "/tmp/kdiff-sandbox-test-XXXXXX");
  if (!mkdtemp(dir))
    return -1;
  snprintf(copy, n, "%s/probe", dir);
  run_buf b;
  if (run_read_file(probe, &b) < 0)
    return -1;
  int rc = run_write_file(copy, b.data, b.len);
  run_buf_free(&b);
  return rc < 0 ? -1 : chmod(copy, 0755);
}

static void remove_dir(const char *dir) {
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", dir);
}

/* The program lives under the host's /tmp, which the new mount hides: it
 * still runs (from the fd opened before the mount), and sees an empty /tmp. */
static int case_program_in_host_tmp(int traced) {
  char dir[64], copy[128], trace[128];
  if (copy_probe(dir, copy, sizeof copy) < 0) {
    printf("FAIL: cannot copy the probe to /tmp: %s\n", strerror(errno));
    return 1;
  }
  snprintf(trace, sizeof trace, "%s/linux.strace", dir);
  run_native_opts o = {.strace_file = traced ? trace : NULL};
  run_result r;
  int bad =
      expect(traced ? "traced, under /tmp" : "under /tmp",
             run(copy, "probe-solo", NULL, &o, &r), &r, fresh("probe-solo", 0));
  run_result_free(&r);
  if (traced) {
    /* strace ran outside: its file under the host's /tmp has the whole run,
     * the helper's start and its exec of the hidden program from the fd. */
    run_buf t;
    if (run_read_file(trace, &t) < 0) {
      printf("FAIL: no trace at %s: %s\n", trace, strerror(errno));
      bad = 1;
    } else {
      const char *need[] = {"\"--kdiff-sandbox\"",
                            "unshare(CLONE_NEWNS)",
                            "execveat(3, \"\", [\"",
                            "AT_EMPTY_PATH) = 0",
                            "\"probe-solo\", O_WRONLY|O_CREAT|O_EXCL",
                            "+++ exited with 0 +++"};
      for (size_t i = 0; i < sizeof need / sizeof *need; i++)
        if (!strstr(t.data, need[i])) {
          printf("FAIL: the trace lacks %s:\n%s\n", need[i], t.data);
          bad = 1;
        }
      run_buf_free(&t);
    }
  }
  remove_dir(dir);
  return bad;
}

/* The opt-out: the caller's cwd, no private /tmp. */
static int case_host_tmp(int unused) {
  (void)unused;
  char cwd[4096], want[4200];
  if (!getcwd(cwd, sizeof cwd))
    return 1;
  char name[64];
  snprintf(name, sizeof name, "probe-host-%d", (int)getpid());
  run_native_opts o = {.host_tmp = 1};
  run_result r;
  int rc = run(NULL, name, NULL, &o, &r);
  snprintf(want, sizeof want, "cwd %s\n", cwd);
  int bad = rc != 0 || r.end != RUN_EXITED || r.code != 0 ||
            strncmp(r.out.data, want, strlen(want)) != 0 ||
            access(name, F_OK) != 0; /* made here, in the host's cwd */
  if (bad)
    printf("FAIL host_tmp: wanted %sgot:\n%s\n", want, r.out.data);
  unlink(name);
  run_result_free(&r);
  return bad;
}

/* Without root: the user-namespace fallback, in which the caller is 0;
 * traced, strace (outside, unprivileged) follows the helper into it. */
static int case_unprivileged(int traced) {
  if (geteuid() != 0) /* already unprivileged: the plain case is this one */
    return traced ? case_program_in_host_tmp(1) : case_fresh(0);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    if (setgroups(0, NULL) < 0 || setgid(65534) < 0 || setuid(65534) < 0) {
      printf("FAIL: cannot become uid 65534: %s\n", strerror(errno));
      exit(1);
    }
    if (access(probe, X_OK) < 0) {
      printf("SKIP: uid 65534 cannot run %s: %s\n", probe, strerror(errno));
      exit(SKIP);
    }
    exit(traced ? case_program_in_host_tmp(1) : case_fresh(0));
  }
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

static int write_file(const char *path, const char *text) {
  return run_write_file(path, text, strlen(text));
}

/* Neither CAP_SYS_ADMIN nor a user namespace: the run must not happen, and
 * the error says why. The case builds that world in a user namespace of
 * its own: no more user namespaces allowed inside, CAP_SYS_ADMIN dropped
 * from the bounding set, so the helper exec'd there has neither. */
static int case_no_namespace(int unused) {
  (void)unused;
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    char map[64];
    unsigned uid = (unsigned)geteuid(), gid = (unsigned)getegid();
    if (unshare(CLONE_NEWUSER) < 0) {
      printf("SKIP: no user namespace to build the case in: %s\n",
             strerror(errno));
      exit(SKIP);
    }
    snprintf(map, sizeof map, "0 %u 1\n", uid);
    write_file("/proc/self/uid_map", map);
    write_file("/proc/self/setgroups", "deny");
    snprintf(map, sizeof map, "0 %u 1\n", gid);
    write_file("/proc/self/gid_map", map);
    if (write_file("/proc/sys/user/max_user_namespaces", "0") < 0 ||
        prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN_NUMBER, 0, 0, 0) < 0) {
      printf("SKIP: cannot forbid namespaces here: %s\n", strerror(errno));
      exit(SKIP);
    }
    run_native_opts o = {0};
    run_result r;
    int rc = run(NULL, "probe-never", NULL, &o, &r);
    const char *want = "cannot give the test a private /tmp: "
                       "unshare(CLONE_NEWNS): Operation not permitted, and "
                       "no user namespace either";
    int bad = rc != 0 || r.end != RUN_FAILED ||
              strncmp(r.error, want, strlen(want)) != 0 || r.out.len != 0;
    if (bad)
      printf("FAIL no_namespace: rc %d end %d error '%s' output '%s'\n", rc,
             (int)r.end, r.error, r.out.data);
    run_result_free(&r);
    exit(bad);
  }
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

static int case_missing_helper(int unused) {
  (void)unused;
  run_native_opts o = {.sandbox_path = "/nonexistent/kdiff-sandbox"};
  run_result r;
  int rc = run(NULL, "probe-never", NULL, &o, &r);
  const char *want = "cannot give the test a private /tmp: no sandbox helper "
                     "at /nonexistent/kdiff-sandbox";
  int bad = rc != 0 || r.end != RUN_FAILED ||
            strncmp(r.error, want, strlen(want)) != 0;
  if (bad)
    printf("FAIL missing_helper: rc %d end %d error '%s'\n", rc, (int)r.end,
           r.error);
  run_result_free(&r);
  return bad;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: sandbox_unit CASE PROBE\n");
    return 2;
  }
  probe = argv[2];
  const char *c = argv[1];
  static const struct {
    const char *name;
    int (*fn)(int);
    int arg;
  } cases[] = {
      {"fresh", case_fresh, 0},
      {"parallel", case_parallel, 0},
      {"program_in_host_tmp", case_program_in_host_tmp, 0},
      {"traced", case_program_in_host_tmp, 1},
      {"host_tmp", case_host_tmp, 0},
      {"unprivileged", case_unprivileged, 0},
      {"unprivileged_traced", case_unprivileged, 1},
      {"no_namespace", case_no_namespace, 0},
      {"missing_helper", case_missing_helper, 0},
  };
  int rc = 2;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    if (strcmp(c, cases[i].name) == 0)
      rc = cases[i].fn(cases[i].arg);
  if (rc == 2)
    fprintf(stderr, "sandbox_unit: no case %s\n", c);
  else if (rc == 0)
    printf("sandbox %s: ok\n", c);
  return rc;
}
