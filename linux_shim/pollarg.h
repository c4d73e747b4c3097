/* The arguments the poll family shares (poll, ppoll, select, pselect6,
 * epoll_pwait, epoll_pwait2): timeouts turned into deadlines and written
 * back as Linux's poll_select_finish does, and the temporary signal mask
 * of the p* forms. Linux's fs/select.c rules. */
#ifndef LINUX_SHIM_POLLARG_H
#define LINUX_SHIM_POLLARG_H

#include <stdbool.h>
#include <stdint.h>

/* A timeout as a deadline on hal_clock_ns(): POLL_NO_TIMEOUT (wait
 * forever), POLL_ZERO (just look: never sleeps, never written back), or
 * an absolute time (saturating). */
#define POLL_NO_TIMEOUT UINT64_MAX
#define POLL_ZERO 0

/* Linux's poll_select_set_timeout: sec < 0 or nsec outside [0, 1e9) is
 * -EINVAL; otherwise *deadline is set and 0 returned. */
int poll_deadline(int64_t sec, int64_t nsec, uint64_t *deadline);

/* How the remaining time is written back (poll_select_finish). */
enum poll_time_kind { PT_TIMEVAL, PT_TIMESPEC };

/* End a call of the family: restore the temporary mask now unless the
 * call is interrupted (ret == -ERESTARTNOHAND: delivery restores it), and
 * when `uaddr` is set and the deadline is neither none nor zero, write
 * the time left there. A failed write turns -ERESTARTNOHAND into -EINTR
 * (the call cannot restart with a stale timeout) and leaves other
 * results alone. Returns the result. */
long poll_finish(uint64_t deadline, uint64_t uaddr, enum poll_time_kind kind,
                 long ret);

/* Put the temporary mask back now unless the call was interrupted (then
 * delivery restores it after building the handler's frame). */
void poll_sigmask_restore_unless(bool interrupted);

/* The p* forms' mask: none when `umask` is 0; -EINVAL unless size is
 * sizeof(sigset_t), -EFAULT; else the thread's mask is swapped (the old
 * one is kept as the saved mask, restored by poll_finish or delivery). */
int poll_sigmask_set(uint64_t umask, uint64_t size);

#endif
