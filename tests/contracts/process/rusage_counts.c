/* process.rusage_counts: getrusage's counters count (getrusage(2),
 * proc(5)): touching fresh anonymous pages adds a minor fault each
 * (ru_minflt; a small area with MADV_NOHUGEPAGE, so one fault never maps
 * more), a sleep is a voluntary context switch (ru_nvcsw), /proc's stat
 * (minflt, field 10) and status (voluntary_ctxt_switches) say the same as
 * getrusage, and a reaped child's faults and switches join
 * RUSAGE_CHILDREN, its minflt stat's cminflt (field 11). Only lower bounds
 * are printed: the exact counts depend on the C library and the kernel. */
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>

#include "contract.h"

#define PAGES 64

static struct rusage ru(int who) {
  struct rusage r;
  getrusage(who, &r);
  return r;
}

static void touch_pages(void) {
  char *a = mmap(0, PAGES * 4096, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  madvise(a, PAGES * 4096, MADV_NOHUGEPAGE);
  for (int i = 0; i < PAGES; i++)
    a[i * 4096] = 1;
}

static void nap(void) {
  struct timespec ts = {0, 50000000}; /* long enough to block under load */
  nanosleep(&ts, 0);
}

/* Field n (1-based) of /proc/self/stat, after the comm's ")". */
static long stat_field(int n) {
  char buf[1024];
  if (slurp("/proc/self/stat", buf, sizeof buf) <= 0)
    return -1;
  char *p = strrchr(buf, ')');
  long v = -1;
  for (int f = 2; p && f < n; f++) {
    p = strchr(p + 1, ' ');
    if (p && f + 1 == n)
      v = strtol(p + 1, 0, 10);
  }
  return v;
}

static long status_field(const char *name) {
  char buf[4096];
  if (slurp("/proc/self/status", buf, sizeof buf) <= 0)
    return -1;
  char *p = strstr(buf, name);
  return p ? strtol(p + strlen(name), 0, 10) : -1;
}

int main(void) {
  struct rusage a = ru(RUSAGE_SELF);
  touch_pages();
  struct rusage b = ru(RUSAGE_SELF);
  printf("touching %d pages: at least %d more minor faults: %s\n", PAGES, PAGES,
         b.ru_minflt - a.ru_minflt >= PAGES ? "yes" : "no");
  /* Anonymous pages never need I/O; the program's own pages may, on a
   * host whose page cache has not yet read the binary, so only the delta. */
  printf("anonymous pages cost no major faults: %s\n",
         b.ru_majflt == a.ru_majflt ? "yes" : "no");
  nap();
  struct rusage c = ru(RUSAGE_SELF);
  printf("a sleep is a voluntary switch: %s\n",
         c.ru_nvcsw > b.ru_nvcsw ? "yes" : "no");
  long minflt = stat_field(10);
  struct rusage d = ru(RUSAGE_SELF);
  printf("stat's minflt is getrusage's: %s\n",
         minflt >= c.ru_minflt && minflt <= d.ru_minflt ? "yes" : "no");
  long vol = status_field("voluntary_ctxt_switches:");
  struct rusage e = ru(RUSAGE_SELF);
  printf("status's voluntary switches are getrusage's: %s\n",
         vol >= d.ru_nvcsw && vol <= e.ru_nvcsw ? "yes" : "no");

  struct rusage ch0 = ru(RUSAGE_CHILDREN);
  printf("no children yet: minflt %ld nvcsw %ld\n", ch0.ru_minflt,
         ch0.ru_nvcsw);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    touch_pages();
    nap();
    _exit(0);
  }
  int st;
  struct rusage w4;
  wait4(pid, &st, 0, &w4);
  struct rusage ch = ru(RUSAGE_CHILDREN);
  printf("the child's faults in wait4's rusage: %s\n",
         w4.ru_minflt >= PAGES ? "yes" : "no");
  printf("and in RUSAGE_CHILDREN: %s, its switches too: %s\n",
         ch.ru_minflt == w4.ru_minflt ? "yes" : "no",
         ch.ru_nvcsw == w4.ru_nvcsw && ch.ru_nvcsw >= 1 ? "yes" : "no");
  printf("stat's cminflt is RUSAGE_CHILDREN's: %s\n",
         stat_field(11) == ch.ru_minflt ? "yes" : "no");
  return finish("rusage_counts");
}
