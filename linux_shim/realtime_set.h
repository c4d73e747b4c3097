/* Setting the real-time clock, shared by clock_settime, settimeofday
 * (sys_time.c) and adjtimex's ADJ_SETOFFSET (sys_adjtimex.c). */
#ifndef LINUX_SHIM_REALTIME_SET_H
#define LINUX_SHIM_REALTIME_SET_H

#include <stdint.h>

/* Set real time to `ns` (checked by the caller, but not below the time
 * since boot: EINVAL), then tell the vDSO and cancel the timerfds that
 * asked for it (TFD_TIMER_CANCEL_ON_SET). 0 or -EINVAL. */
long realtime_set(uint64_t ns);

#endif
