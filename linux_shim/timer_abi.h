/* The Linux ABI of timers and signal files, the same on x86-64 and arm64
 * (64-bit layouts): struct itimerspec, struct sigevent, signalfd_siginfo
 * and the flags of timerfd, signalfd and timer_create. */
#ifndef LINUX_SHIM_TIMER_ABI_H
#define LINUX_SHIM_TIMER_ABI_H

#include <stdint.h>

#include <uapi/signal.h>
#include <uapi/time.h>

struct mm;

struct linux_itimerspec {
  struct linux_timespec interval;
  struct linux_timespec value;
};

/* timerfd_create / timerfd_settime flags (TFD_CLOEXEC and TFD_NONBLOCK
 * are O_CLOEXEC and O_NONBLOCK on both arches). */
#define LINUX_TFD_TIMER_ABSTIME 1
#define LINUX_TFD_TIMER_CANCEL_ON_SET 2
#define LINUX_TIMER_ABSTIME 1 /* timer_settime, clock_nanosleep */

/* struct sigevent: 64 bytes, what timer_create copies in whole. */
struct linux_sigevent {
  uint64_t value; /* union sigval */
  int32_t signo;
  int32_t notify;
  union {
    int32_t tid; /* SIGEV_THREAD_ID */
    int32_t pad[12];
  } u;
};
_Static_assert(sizeof(struct linux_sigevent) == 64, "sigevent is 64 bytes");

#define LINUX_SIGEV_SIGNAL 0
#define LINUX_SIGEV_NONE 1
#define LINUX_SIGEV_THREAD 2
#define LINUX_SIGEV_THREAD_ID 4

/* struct signalfd_siginfo: 128 bytes. */
struct linux_signalfd_siginfo {
  uint32_t signo;
  int32_t errno_;
  int32_t code;
  uint32_t pid;
  uint32_t uid;
  int32_t fd;
  uint32_t tid;
  uint32_t band;
  uint32_t overrun;
  uint32_t trapno;
  int32_t status;
  int32_t int_;
  uint64_t ptr;
  uint64_t utime;
  uint64_t stime;
  uint64_t addr;
  uint16_t addr_lsb;
  uint16_t pad2;
  int32_t syscall;
  uint64_t call_addr;
  uint32_t arch;
  uint8_t pad[28];
};
_Static_assert(sizeof(struct linux_signalfd_siginfo) == 128,
               "signalfd_siginfo is 128 bytes");

/* An itimerspec in ns: 0, or -EINVAL when a field is negative or tv_nsec
 * is not below 10^9 (timespec64_valid); seconds too large for ns saturate
 * as ktime_t does. */
int itimerspec_ns(const struct linux_itimerspec *its, uint64_t *value,
                  uint64_t *interval);

/* Write {value, interval} (ns) to user `uaddr`: 0 or -EFAULT. */
int itimerspec_put(struct mm *mm, uint64_t uaddr, uint64_t value,
                   uint64_t interval);

/* The signalfd record of `si` (fs/signalfd.c's signalfd_copyinfo, by
 * siginfo_layout): the format function of signalfd files. */
void signalfd_siginfo_fill(const struct linux_siginfo *si, void *out);

#endif
