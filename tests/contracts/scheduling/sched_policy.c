/* scheduling.sched_policy: a new process is SCHED_OTHER with priority 0;
 * the priority ranges per policy; sched_setscheduler/sched_getparam
 * argument rules (EINVAL for a negative pid, a NULL param, a priority the
 * policy does not take, an unknown policy); sched_yield succeeds;
 * sched_rr_get_interval gives RR's 100 ms slice and FIFO's 0. */
#include <sched.h>
#include <time.h>

#include "contract.h"

static long raw(long nr, long a, long b, void *c) {
  return rs(syscall(nr, a, b, c));
}

int main(void) {
  struct sched_param p = {.sched_priority = 7};
  check(raw(SYS_sched_getscheduler, 0, 0, 0) == SCHED_OTHER, "SCHED_OTHER");
  check(raw(SYS_sched_getparam, 0, (long)&p, 0) == 0 && p.sched_priority == 0,
        "priority 0");
  check(raw(SYS_sched_get_priority_max, SCHED_FIFO, 0, 0) == 99, "FIFO max 99");
  check(raw(SYS_sched_get_priority_min, SCHED_FIFO, 0, 0) == 1, "FIFO min 1");
  check(raw(SYS_sched_get_priority_max, SCHED_RR, 0, 0) == 99, "RR max 99");
  check(raw(SYS_sched_get_priority_max, SCHED_OTHER, 0, 0) == 0, "OTHER max 0");
  check(raw(SYS_sched_get_priority_min, SCHED_BATCH, 0, 0) == 0, "BATCH min 0");
  check(raw(SYS_sched_get_priority_max, 42, 0, 0) == -EINVAL,
        "policy 42 EINVAL");
  check(raw(SYS_sched_getscheduler, -1, 0, 0) == -EINVAL, "pid -1 EINVAL");
  check(raw(SYS_sched_getparam, 0, 0, 0) == -EINVAL, "NULL param EINVAL");
  p.sched_priority = 1;
  check(raw(SYS_sched_setscheduler, 0, SCHED_OTHER, &p) == -EINVAL,
        "OTHER with priority 1 EINVAL");
  p.sched_priority = 0;
  check(raw(SYS_sched_setscheduler, 0, 42, &p) == -EINVAL, "policy 42 EINVAL");
  check(raw(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL) == -EINVAL,
        "set NULL param EINVAL");
  check(raw(SYS_sched_setscheduler, 0, SCHED_BATCH, &p) == 0, "set BATCH");
  check(raw(SYS_sched_getscheduler, 0, 0, 0) == SCHED_BATCH, "now BATCH");
  check(raw(SYS_sched_setscheduler, 0, SCHED_OTHER, &p) == 0, "back to OTHER");
  check(raw(SYS_sched_getscheduler, 0x3ffffff0, 0, 0) == -ESRCH,
        "unknown pid ESRCH");
  check(sched_yield() == 0, "sched_yield");

  /* sched_rr_get_interval: RR's slice is 100 ms, FIFO's 0 (the fair
   * policies' depends on the machine's load and HZ: not pinned). */
  struct timespec ts;
  expect("rr_get_interval, bad pointer",
         raw(SYS_sched_rr_get_interval, 0, 8, 0), "EFAULT");
  expect("rr_get_interval, pid -1",
         raw(SYS_sched_rr_get_interval, -1, (long)&ts, 0), "EINVAL");
  expect("rr_get_interval, unknown pid",
         raw(SYS_sched_rr_get_interval, 0x7fffffff, (long)&ts, 0), "ESRCH");
  struct sched_param sp = {.sched_priority = 10};
  check(raw(SYS_sched_setscheduler, 0, SCHED_RR, &sp) == 0, "become SCHED_RR");
  raw(SYS_sched_rr_get_interval, 0, (long)&ts, 0);
  printf("SCHED_RR slice: %ld.%09ld s\n", (long)ts.tv_sec, ts.tv_nsec);
  check(raw(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) == 0,
        "become SCHED_FIFO");
  raw(SYS_sched_rr_get_interval, 0, (long)&ts, 0);
  printf("SCHED_FIFO slice: %ld.%09ld s\n", (long)ts.tv_sec, ts.tv_nsec);
  sp.sched_priority = 0;
  raw(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp);

  return finish("sched_policy");
}
