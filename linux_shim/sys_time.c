/* Clocks, as plain syscalls (the vDSO comes with the time work). */
#include <hal/time.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/syscall.h>
#include <linux_shim/uapi/errno.h>
#include <linux_shim/uapi/time.h>

/* The clock's value in ns, or -EINVAL for a clock Linux does not have. */
static int64_t clock_ns(int64_t id) {
  uint64_t now = hal_clock_ns();
  switch (id) {
  case LINUX_CLOCK_REALTIME:
  case LINUX_CLOCK_REALTIME_COARSE:
    return (int64_t)(hal_wallclock_at_boot_ns() + now);
  case LINUX_CLOCK_MONOTONIC:
  case LINUX_CLOCK_MONOTONIC_RAW:
  case LINUX_CLOCK_MONOTONIC_COARSE:
  case LINUX_CLOCK_BOOTTIME:
  /* One process that never sleeps: its CPU time is the time since boot. */
  case LINUX_CLOCK_PROCESS_CPUTIME_ID:
  case LINUX_CLOCK_THREAD_CPUTIME_ID:
    return (int64_t)now;
  default:
    return -EINVAL;
  }
}

SYSCALL_DEFINE(clock_gettime) {
  int64_t ns = clock_ns((int32_t)a0);
  if (ns < 0)
    return ns;
  struct linux_timespec ts = {ns / 1000000000, ns % 1000000000};
  if (copy_to_user(&current_proc()->mm, a1, &ts, sizeof ts))
    return -EFAULT;
  return 0;
}
