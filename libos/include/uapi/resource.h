/* Linux resource limits, priorities and usage structures. */
#ifndef LINUX_UAPI_RESOURCE_H
#define LINUX_UAPI_RESOURCE_H

#include <stdint.h>

#define LINUX_RLIM_INFINITY (~0ULL)
#define LINUX_RLIMIT_CPU 0
#define LINUX_RLIMIT_FSIZE 1
#define LINUX_RLIMIT_DATA 2
#define LINUX_RLIMIT_STACK 3
#define LINUX_RLIMIT_CORE 4
#define LINUX_RLIMIT_RSS 5
#define LINUX_RLIMIT_NPROC 6
#define LINUX_RLIMIT_NOFILE 7
#define LINUX_RLIMIT_MEMLOCK 8
#define LINUX_RLIMIT_AS 9
#define LINUX_RLIMIT_LOCKS 10
#define LINUX_RLIMIT_SIGPENDING 11
#define LINUX_RLIMIT_MSGQUEUE 12
#define LINUX_RLIMIT_NICE 13
#define LINUX_RLIMIT_RTPRIO 14
#define LINUX_RLIMIT_RTTIME 15
#define LINUX_RLIM_NLIMITS 16

struct linux_rlimit {
  uint64_t cur;
  uint64_t max;
};

#define LINUX_PRIO_PROCESS 0
#define LINUX_PRIO_PGRP 1
#define LINUX_PRIO_USER 2

#define LINUX_RUSAGE_SELF 0
#define LINUX_RUSAGE_CHILDREN (-1)
#define LINUX_RUSAGE_THREAD 1

struct linux_timeval {
  int64_t sec;
  int64_t usec;
};

struct linux_rusage {
  struct linux_timeval utime;
  struct linux_timeval stime;
  int64_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock,
      oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

struct linux_tms {
  int64_t utime, stime, cutime, cstime;
};

#define LINUX_SCHED_OTHER 0
#define LINUX_SCHED_FIFO 1
#define LINUX_SCHED_RR 2
#define LINUX_SCHED_BATCH 3
#define LINUX_SCHED_IDLE 5
#define LINUX_SCHED_DEADLINE 6
#define LINUX_SCHED_RESET_ON_FORK 0x40000000

#endif
