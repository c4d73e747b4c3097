/* proc.stat_fields: /proc/self/stat has Linux's 52 fields: pid, (comm),
 * state and the ids agree with the syscalls, the thread count is 1, and
 * arg_start..arg_end and env_start..env_end span exactly what cmdline and
 * environ give; statm has 7 numbers, its size agreeing with status. */
#define _GNU_SOURCE
#include "contract.h"

#include <stdlib.h>

static char buf[8192], buf2[16384];

int main(int argc, char **argv) {
  (void)argc;
  long n = slurp("/proc/self/stat", buf, sizeof buf);
  check(n > 0 && buf[n - 1] == '\n', "stat is one line");
  char *open = strchr(buf, '('), *close = strrchr(buf, ')');
  check(open && close && close > open, "comm in parentheses");
  int pid = atoi(buf);
  check(pid == getpid(), "field 1 is the pid");
  char comm[32];
  long c = slurp("/proc/self/comm", comm, sizeof comm);
  check(c > 0 && close - open - 1 == c - 1 &&
            strncmp(open + 1, comm, (size_t)c - 1) == 0,
        "field 2 is (comm)");
  /* Fields 3.. after ") ". */
  char *f[64];
  int nf = 0;
  for (char *t = strtok(close + 2, " \n"); t && nf < 64; t = strtok(0, " \n"))
    f[nf++] = t;
  check(nf + 2 == 52, "52 fields");
  check(strcmp(f[0], "R") == 0, "state R");
  check(atoi(f[1]) == getppid(), "ppid");
  check(atoi(f[2]) == getpgrp(), "pgrp");
  check(atoi(f[3]) == getsid(0), "session");
  check(strcmp(f[17], "1") == 0, "num_threads 1");
  check(strcmp(f[16], "0") == 0 && strcmp(f[15], "20") == 0,
        "nice 0, priority 20");
  check(atoi(f[35]) == SIGCHLD, "exit_signal SIGCHLD");
  int all_digits = 1;
  for (int i = 1; i < nf; i++)
    all_digits &= strspn(f[i], "-0123456789") == strlen(f[i]);
  check(all_digits, "fields 4.. are numbers");
  unsigned long arg_start = strtoul(f[45], 0, 10),
                arg_end = strtoul(f[46], 0, 10);
  unsigned long env_start = strtoul(f[47], 0, 10),
                env_end = strtoul(f[48], 0, 10);
  long cl = slurp("/proc/self/cmdline", buf2, sizeof buf2);
  check(arg_end - arg_start == (unsigned long)cl,
        "arg range is cmdline's size");
  check(cl > 0 && strcmp(buf2, argv[0]) == 0, "cmdline starts with argv[0]");
  check(arg_start == (unsigned long)argv[0], "arg_start is argv[0]");
  long el = slurp("/proc/self/environ", buf2, sizeof buf2);
  check(env_end - env_start == (unsigned long)el,
        "env range is environ's size");
  unsigned long start_brk = strtoul(f[44], 0, 10);
  check(start_brk <= (unsigned long)sbrk(0), "start_brk <= the break");

  long sn = slurp("/proc/self/statm", buf, sizeof buf);
  unsigned long v[8];
  int k = sscanf(buf, "%lu %lu %lu %lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3],
                 &v[4], &v[5], &v[6]);
  check(sn > 0 && k == 7 && buf[sn - 1] == '\n', "statm has 7 numbers");
  check(v[1] <= v[0] && v[2] <= v[1] && v[4] == 0 && v[6] == 0,
        "resident <= size, shared <= resident, lib and dt 0");
  slurp("/proc/self/status", buf2, sizeof buf2);
  unsigned long kb = 0;
  char *p = strstr(buf2, "VmSize:");
  check(p && sscanf(p, "VmSize: %lu kB", &kb) == 1 && kb == v[0] * 4,
        "statm size is VmSize in pages");
  return finish("proc.stat_fields");
}
