/* proc.status_ids: /proc/self/status names its fields in Linux's order and
 * its Name, Umask, State, Tgid, Pid, PPid, Uid, Gid, Threads and signal
 * mask lines agree with what the syscalls say; a child's status speaks of
 * the child. */
#define _GNU_SOURCE
#include "contract.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char st[16384];

/* The value of field `name` (after its tab), up to the newline, in out. */
static int field(const char *name, char *out, size_t size) {
  char key[64];
  snprintf(key, sizeof key, "\n%s:\t", name);
  const char *p = strstr(st, key);
  if (!p && strncmp(st, key + 1, strlen(key + 1)) == 0)
    p = st - 1;
  if (!p)
    return 0;
  p += strlen(key);
  size_t n = strcspn(p, "\n");
  if (n >= size)
    n = size - 1;
  memcpy(out, p, n);
  out[n] = 0;
  return 1;
}

static void expect_field(const char *name, const char *want) {
  char got[256], what[96];
  snprintf(what, sizeof what, "%s line", name);
  if (!field(name, got, sizeof got))
    strcpy(got, "(missing)");
  check(strcmp(got, want) == 0, what);
  if (strcmp(got, want) != 0)
    printf("  got '%s' want '%s'\n", got, want);
}

static void check_ids(const char *who) {
  char want[128];
  snprintf(want, sizeof want, "%d", getpid());
  expect_field("Tgid", want);
  expect_field("Pid", want);
  snprintf(want, sizeof want, "%d", getppid());
  expect_field("PPid", want);
  uid_t r, e, s;
  gid_t gr, ge, gs;
  getresuid(&r, &e, &s);
  getresgid(&gr, &ge, &gs);
  snprintf(want, sizeof want, "%u\t%u\t%u\t%u", r, e, s, e);
  expect_field("Uid", want);
  snprintf(want, sizeof want, "%u\t%u\t%u\t%u", gr, ge, gs, ge);
  expect_field("Gid", want);
  printf("(%s)\n", who);
}

int main(void) {
  umask(027);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGTERM);
  sigprocmask(SIG_BLOCK, &set, 0);
  signal(SIGUSR2, SIG_IGN);
  check(slurp("/proc/self/status", st, sizeof st) > 0, "read status");
  /* Fields every Linux since 4.x has, in this order. */
  static const char *const order[] = {"Name",
                                      "Umask",
                                      "State",
                                      "Tgid",
                                      "Ngid",
                                      "Pid",
                                      "PPid",
                                      "TracerPid",
                                      "Uid",
                                      "Gid",
                                      "FDSize",
                                      "Groups",
                                      "VmPeak",
                                      "VmSize",
                                      "VmRSS",
                                      "VmData",
                                      "VmStk",
                                      "VmExe",
                                      "Threads",
                                      "SigQ",
                                      "SigPnd",
                                      "ShdPnd",
                                      "SigBlk",
                                      "SigIgn",
                                      "SigCgt",
                                      "CapInh",
                                      "CapPrm",
                                      "CapEff",
                                      "CapBnd",
                                      "Cpus_allowed",
                                      "voluntary_ctxt_switches"};
  const char *last = st;
  int in_order = 1;
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
    char key[64];
    snprintf(key, sizeof key, "%s:\t", order[i]);
    const char *p = strstr(last, key);
    if (!p || (p != st && p[-1] != '\n')) {
      printf("  %s missing or out of order\n", order[i]);
      in_order = 0;
    } else {
      last = p;
    }
  }
  check(in_order, "fields in Linux's order");
  char comm[32];
  long c = slurp("/proc/self/comm", comm, sizeof comm);
  if (c > 0)
    comm[c - 1] = 0;
  expect_field("Name", comm);
  expect_field("Umask", "0027");
  expect_field("State", "R (running)");
  expect_field("Threads", "1");
  expect_field("SigBlk", "0000000000004200");
  expect_field("SigIgn", "0000000000000800");
  expect_field("SigPnd", "0000000000000000");
  check_ids("parent");
  char v[64];
  unsigned long kb;
  check(field("VmSize", v, sizeof v) && sscanf(v, "%lu kB", &kb) == 1 &&
            strlen(v) >= 11 && strcmp(v + strlen(v) - 3, " kB") == 0,
        "VmSize is '%8lu kB'");

  raise(SIGUSR1); /* blocked: stays pending for the process */
  check(slurp("/proc/self/status", st, sizeof st) > 0, "read again");
  char pnd[64], shd[64];
  field("SigPnd", pnd, sizeof pnd);
  field("ShdPnd", shd, sizeof shd);
  check(strcmp(pnd, "0000000000000200") == 0 ||
            strcmp(shd, "0000000000000200") == 0,
        "the raised SIGUSR1 is pending");

  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    failed = 0;
    slurp("/proc/self/status", st, sizeof st);
    check_ids("child");
    expect_field("SigBlk", "0000000000004200");
    fflush(stdout);
    _exit(failed);
  }
  int ws;
  waitpid(pid, &ws, 0);
  check(WIFEXITED(ws) && WEXITSTATUS(ws) == 0, "child's status agreed");
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  expect("status of a reaped child", slurp(path, st, sizeof st), "ENOENT");
  return finish("proc.status_ids");
}
