/* proc.limits_rows: /proc/self/limits is Linux's table: the header, then
 * one row per resource in RLIMIT order, "%-25s %-20s %-20s %-10s" with
 * "unlimited" for RLIM_INFINITY; rows of limits the test sets are byte
 * for byte, and every row agrees with getrlimit. */
#define _GNU_SOURCE
#include "contract.h"

#include <stdlib.h>
#include <sys/resource.h>

static char buf[8192];

static const char *const names[] = {
    "Max cpu time",        "Max file size",      "Max data size",
    "Max stack size",      "Max core file size", "Max resident set",
    "Max processes",       "Max open files",     "Max locked memory",
    "Max address space",   "Max file locks",     "Max pending signals",
    "Max msgqueue size",   "Max nice priority",  "Max realtime priority",
    "Max realtime timeout"};

static void value(char *out, size_t size, rlim_t v) {
  if (v == RLIM_INFINITY)
    snprintf(out, size, "unlimited");
  else
    snprintf(out, size, "%llu", (unsigned long long)v);
}

int main(void) {
  struct rlimit nofile = {100, 200}, core = {0, RLIM_INFINITY};
  struct rlimit fsize = {RLIM_INFINITY, RLIM_INFINITY};
  check(setrlimit(RLIMIT_NOFILE, &nofile) == 0, "set NOFILE 100/200");
  check(setrlimit(RLIMIT_CORE, &core) == 0, "set CORE 0/unlimited");
  check(setrlimit(RLIMIT_FSIZE, &fsize) == 0, "set FSIZE unlimited");
  long n = slurp("/proc/self/limits", buf, sizeof buf);
  check(n > 0, "read limits");
  char *line = buf;
  char want[256];
  snprintf(want, sizeof want, "%-25s %-20s %-20s %-10s\n", "Limit",
           "Soft Limit", "Hard Limit", "Units");
  check(strncmp(line, want, strlen(want)) == 0, "the header");
  line += strlen(want);
  int rows_ok = 1;
  for (int i = 0; i < 16; i++) {
    struct rlimit rl;
    getrlimit(i, &rl);
    char cur[32], max[32];
    value(cur, sizeof cur, rl.rlim_cur);
    value(max, sizeof max, rl.rlim_max);
    int len =
        snprintf(want, sizeof want, "%-25s %-20s %-20s ", names[i], cur, max);
    if (strncmp(line, want, (size_t)len) != 0) {
      printf("  row %s differs\n", names[i]);
      rows_ok = 0;
    }
    char *nl = strchr(line, '\n');
    if (!nl)
      break;
    line = nl + 1;
  }
  check(rows_ok, "16 rows in RLIMIT order agree with getrlimit");
  check(*line == 0, "nothing after them");
  snprintf(want, sizeof want, "%-25s %-20s %-20s %-10s\n", "Max open files",
           "100", "200", "files");
  check(strstr(buf, want) != 0, "Max open files row, byte for byte");
  snprintf(want, sizeof want, "%-25s %-20s %-20s %-10s\n", "Max core file size",
           "0", "unlimited", "bytes");
  check(strstr(buf, want) != 0, "Max core file size row");
  snprintf(want, sizeof want, "%-25s %-20s %-20s %-10s\n", "Max file size",
           "unlimited", "unlimited", "bytes");
  check(strstr(buf, want) != 0, "Max file size row");
  check(strstr(buf, "\nMax nice priority ") &&
            strstr(buf, "\nMax realtime priority "),
        "nice and realtime priority rows");
  const char *nice = strstr(buf, "\nMax nice priority ") + 1;
  const char *eol = strchr(nice, '\n');
  check(eol - nice == 25 + 1 + 21 + 21 && eol[-1] == ' ',
        "a row without units ends after the hard limit's column");
  return finish("proc.limits_rows");
}
