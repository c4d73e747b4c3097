/* Timer clocks (kclock.h). */
#include <libos/kclock.h>

#include <hal/time.h>
#include <libos/sched.h>
#include <libos/task.h>
#include <libos/wallclock.h>
#include <uapi/time.h>

uint64_t kclock_now(const struct kclock *c) {
  switch (c->id) {
  case LINUX_CLOCK_REALTIME:
  case LINUX_CLOCK_REALTIME_ALARM:
  case LINUX_CLOCK_TAI:
    return wallclock_ns(); /* follows clock_settime, as the clock reads do */
  case LINUX_CLOCK_PROCESS_CPUTIME_ID:
    return proc_cpu_ns(c->proc);
  case LINUX_CLOCK_THREAD_CPUTIME_ID: {
    struct thread *t = thread_find(c->tid);
    return t ? thread_cpu_ns(t) : 0;
  }
  default: /* MONOTONIC, BOOTTIME and their alarm form */
    return hal_clock_ns();
  }
}
