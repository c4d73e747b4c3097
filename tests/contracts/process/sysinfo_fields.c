/* process.sysinfo_fields: sysinfo's fields agree with each other (never
 * their values: memory sizes and uptimes differ between machines):
 * uptime > 0 and follows CLOCK_BOOTTIME, mem_unit 1 (a 64-bit kernel
 * scales to bytes), freeram <= totalram, freeswap <= totalswap, procs
 * counts this process and grows with a child. */
#include "contract.h"
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>

int main(void) {
  struct sysinfo a, b;
  struct timespec t0, t1;
  clock_gettime(CLOCK_BOOTTIME, &t0);
  expect("sysinfo", rs(syscall(SYS_sysinfo, &a)), "ok");
  clock_gettime(CLOCK_BOOTTIME, &t1);
  long up = (long)a.uptime;
  check(up > 0, "uptime > 0");
  check(up >= t0.tv_sec && up <= t1.tv_sec + 1,
        "uptime is CLOCK_BOOTTIME rounded up");
  printf("mem_unit %u\n", a.mem_unit);
  check(a.totalram > 0 && a.freeram <= a.totalram, "0 < freeram <= totalram");
  check(a.sharedram <= a.totalram && a.bufferram <= a.totalram,
        "shared, buffers <= totalram");
  check(a.freeswap <= a.totalswap, "freeswap <= totalswap");
  check(a.totalhigh == 0 && a.freehigh == 0, "no high memory");
  check(a.procs >= 1, "procs >= 1");
  int p[2];
  pipe(p);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    char ch;
    read(p[0], &ch, 1);
    _exit(0);
  }
  syscall(SYS_sysinfo, &b);
  write(p[1], "x", 1);
  waitpid(c, 0, 0);
  /* Other processes on the machine may come and go: only a live child is
   * sure to be counted, so compare with a lower bound. */
  check(b.procs >= 2, "procs >= 2 with a child alive");
  check(b.totalram == a.totalram, "totalram stays");
  expect("sysinfo NULL", rs(syscall(SYS_sysinfo, 0)), "EFAULT");
  return finish("sysinfo_fields");
}
