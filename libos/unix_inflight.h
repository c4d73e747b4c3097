/*
 * Files in flight: passed in AF_UNIX messages and not yet received,
 * counted per sending user (Linux's user_struct.unix_inflight). A message
 * holding files points at its sender's counter, as it points at the
 * buffer charge it holds, and gives the count back when its files leave
 * (received, or dropped with the message). The count is what
 * ETOOMANYREFS limits (the caller's RLIMIT_NOFILE).
 */
#ifndef LIBOS_UNIX_INFLIGHT_H
#define LIBOS_UNIX_INFLIGHT_H

#include <stdint.h>

/* The counter of user `uid` (a counter, once made, lives as long as the
 * kernel: messages may point at it). NULL when out of memory. */
long *unix_inflight_counter(uint32_t uid);

/* All users' counts together: is anything in flight at all? */
long unix_inflight_total(void);

#endif
