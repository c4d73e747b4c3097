/* process.rusage_children: a child's CPU time reaches its parent when
 * the parent reaps it (never before): RUSAGE_CHILDREN and times()'
 * cutime+cstime grow by at least what the child used, including what its
 * own reaped child used; wait4's rusage covers the child. Only relations
 * are printed: CPU times differ between runs. */
#include "contract.h"
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>

static long us(const struct rusage *r) {
  return (r->ru_utime.tv_sec + r->ru_stime.tv_sec) * 1000000L +
         r->ru_utime.tv_usec + r->ru_stime.tv_usec;
}

static long self_us(void) {
  struct rusage r;
  getrusage(RUSAGE_SELF, &r);
  return us(&r);
}

static long children_us(void) {
  struct rusage r;
  getrusage(RUSAGE_CHILDREN, &r);
  return us(&r);
}

static volatile unsigned long sink;

/* Use at least 30 ms of CPU time. */
static void burn(void) {
  long start = self_us();
  while (self_us() - start < 30000)
    for (int i = 0; i < 10000; i++)
      sink += i;
}

int main(void) {
  long before = children_us();
  struct tms t0, t1;
  times(&t0);
  int p[2], go[2];
  pipe(p);
  pipe(go);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    pid_t g = fork();
    if (g == 0) {
      burn();
      _exit(0);
    }
    waitpid(g, 0, 0);
    burn();
    long used[2] = {self_us(), children_us()};
    write(p[1], used, sizeof used);
    char ch;
    read(go[0], &ch, 1);
    _exit(0);
  }
  long used[2];
  read(p[0], used, sizeof used);
  check(used[1] >= 30000, "the child's RUSAGE_CHILDREN has its child's time");
  check(children_us() == before, "nothing counted before the reap");
  write(go[1], "g", 1);
  struct rusage wr;
  int st;
  wait4(c, &st, 0, &wr);
  long after = children_us();
  times(&t1);
  check(us(&wr) >= used[0], "wait4's rusage >= what the child used");
  check(after - before >= used[0] + used[1],
        "RUSAGE_CHILDREN grew by the child's and grandchild's time");
  long ticks =
      (t1.tms_cutime + t1.tms_cstime) - (t0.tms_cutime + t0.tms_cstime);
  check(ticks >= 3, "times' cutime+cstime grew (>= 30 ms)");
  check(t1.tms_cutime >= t0.tms_cutime && t1.tms_cstime >= t0.tms_cstime,
        "neither went down");
  expect("RUSAGE_CHILDREN NULL", rs(syscall(SYS_getrusage, RUSAGE_CHILDREN, 0)),
         "EFAULT");
  expect("who 5", rs(syscall(SYS_getrusage, 5, &wr)), "EINVAL");
  return finish("rusage_children");
}
