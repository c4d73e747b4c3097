/* proc.global_files: the system-wide files have Linux's shapes: uptime
 * and loadavg by sscanf, meminfo's first lines, version, stat's cpu line,
 * one cpuinfo "processor" per CPU we may run on, filesystems naming proc
 * and tmpfs, mounts and mountinfo showing /proc, and sys/kernel's values
 * agreeing with uname; random/uuid is a fresh version 4 UUID per read,
 * boot_id the same one. */
#define _GNU_SOURCE
#include "contract.h"

#include <sched.h>
#include <stdlib.h>
#include <sys/utsname.h>

static char buf[65536], buf2[4096];

static int is_uuid4(const char *s) {
  for (int i = 0; i < 36; i++) {
    int dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i]))
      return 0;
  }
  return s[14] == '4' && strchr("89ab", s[19]) && s[36] == '\n' && !s[37];
}

static int has_line_start(const char *text, const char *start) {
  size_t n = strlen(start);
  for (const char *l = text; l && *l;
       l = strchr(l, '\n') ? strchr(l, '\n') + 1 : 0)
    if (strncmp(l, start, n) == 0)
      return 1;
  return 0;
}

int main(void) {
  unsigned long a, b, c, d;
  char end;
  slurp("/proc/uptime", buf, sizeof buf);
  check(sscanf(buf, "%lu.%2lu %lu.%2lu%c", &a, &b, &c, &d, &end) == 5 &&
            end == '\n',
        "uptime: two numbers with two decimals");
  unsigned r, t;
  int last;
  slurp("/proc/loadavg", buf, sizeof buf);
  check(sscanf(buf, "%lu.%2lu %*u.%*2u %*u.%*2u %u/%u %d%c", &a, &b, &r, &t,
               &last, &end) == 6 &&
            end == '\n' && r >= 1 && r <= t && last >= getpid(),
        "loadavg: three loads, running/total, last pid");
  slurp("/proc/meminfo", buf, sizeof buf);
  unsigned long total, free, avail;
  check(sscanf(buf, "MemTotal: %lu kB\nMemFree: %lu kB\nMemAvailable: %lu kB\n",
               &total, &free, &avail) == 3 &&
            free <= total && avail <= total,
        "meminfo: MemTotal, MemFree, MemAvailable first");
  check(strncmp(buf, "MemTotal:       ", 16) == 0 &&
            strstr(buf, " kB\nBuffers:") != 0,
        "meminfo: names padded to 16, then kB lines");
  check(has_line_start(buf, "SwapTotal:") && has_line_start(buf, "Shmem:") &&
            has_line_start(buf, "Hugepagesize:"),
        "meminfo: SwapTotal, Shmem, Hugepagesize lines");
  slurp("/proc/version", buf, sizeof buf);
  struct utsname u;
  uname(&u);
  char want[512];
  snprintf(want, sizeof want, "Linux version %s (", u.release);
  check(strncmp(buf, want, strlen(want)) == 0,
        "version starts with the release");
  slurp("/proc/stat", buf, sizeof buf);
  unsigned long long f[10];
  check(sscanf(buf, "cpu  %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu\n",
               &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8],
               &f[9]) == 10,
        "stat: 'cpu  ' and 10 counters");
  check(has_line_start(buf, "cpu0 ") && has_line_start(buf, "btime ") &&
            has_line_start(buf, "processes ") &&
            has_line_start(buf, "procs_running "),
        "stat: cpu0, btime, processes, procs_running");
  slurp("/proc/cpuinfo", buf, sizeof buf);
  int procs = 0;
  for (const char *l = buf; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : 0)
    procs += strncmp(l, "processor\t: ", 12) == 0;
  cpu_set_t set;
  sched_getaffinity(0, sizeof set, &set);
  check(procs == CPU_COUNT(&set), "cpuinfo: a processor per CPU");
  slurp("/proc/filesystems", buf, sizeof buf);
  check(strstr(buf, "nodev\tproc\n") && strstr(buf, "nodev\ttmpfs\n"),
        "filesystems: nodev proc and tmpfs");
  long n = readlink("/proc/mounts", buf2, sizeof buf2 - 1);
  buf2[n > 0 ? n : 0] = 0;
  check(strcmp(buf2, "self/mounts") == 0, "/proc/mounts -> self/mounts");
  slurp("/proc/mounts", buf, sizeof buf);
  check(has_line_start(buf, "proc /proc proc rw"),
        "mounts: proc /proc proc rw");
  check(strstr(buf, " /tmp tmpfs rw") != 0, "mounts: tmpfs on /tmp");
  slurp("/proc/self/mountinfo", buf, sizeof buf);
  int id, parent;
  unsigned ma, mi;
  char root[64], point[64];
  check(sscanf(buf, "%d %d %u:%u %63s %63s ", &id, &parent, &ma, &mi, root,
               point) == 6,
        "mountinfo: id parent major:minor root point");
  check(strstr(buf, " /proc rw,") && strstr(buf, " - proc proc rw"),
        "mountinfo: /proc ... - proc proc rw");

  slurp("/proc/sys/kernel/ostype", buf, sizeof buf);
  snprintf(want, sizeof want, "%s\n", u.sysname);
  check(strcmp(buf, want) == 0, "ostype is uname's sysname");
  slurp("/proc/sys/kernel/osrelease", buf, sizeof buf);
  snprintf(want, sizeof want, "%s\n", u.release);
  check(strcmp(buf, want) == 0, "osrelease is uname's release");
  slurp("/proc/sys/kernel/hostname", buf, sizeof buf);
  snprintf(want, sizeof want, "%s\n", u.nodename);
  check(strcmp(buf, want) == 0, "hostname is uname's nodename");
  slurp("/proc/sys/kernel/pid_max", buf, sizeof buf);
  check(atol(buf) >= getpid() && buf[strspn(buf, "0123456789")] == '\n',
        "pid_max: a number above our pid");
  slurp("/proc/sys/vm/overcommit_memory", buf, sizeof buf);
  check(strlen(buf) == 2 && strchr("012", buf[0]) && buf[1] == '\n',
        "overcommit_memory: 0, 1 or 2");
  slurp("/proc/sys/kernel/random/uuid", buf, sizeof buf);
  slurp("/proc/sys/kernel/random/uuid", buf2, sizeof buf2);
  check(is_uuid4(buf) && is_uuid4(buf2) && strcmp(buf, buf2) != 0,
        "uuid: a new version 4 UUID per read");
  slurp("/proc/sys/kernel/random/boot_id", buf, sizeof buf);
  slurp("/proc/sys/kernel/random/boot_id", buf2, sizeof buf2);
  check(is_uuid4(buf) && strcmp(buf, buf2) == 0, "boot_id: one UUID");
  return finish("proc.global_files");
}
