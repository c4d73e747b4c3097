/* select and pselect6 (fs/select.c's core_sys_select and do_select): fd
 * sets of 64-bit words, at most the table's size (fdt->max_fds) looked
 * at; a set bit naming no open descriptor is EBADF; the result sets are
 * written back only when the call did not end by a signal; the time left
 * is written back into the timeout (pollarg.h). An interrupted call is
 * -ERESTARTNOHAND: EINTR after a handler, otherwise a restart with the
 * timeout as written back. arm64 has only pselect6. */
#include <libos/fd.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/poll.h>
#include <libos/proc.h>
#include <libos/signal.h>
#include <libos/uaccess.h>
#include <linux_shim/pollarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/poll.h>
#include <uapi/resource.h>
#include <uapi/time.h>

#define POLLIN_SET                                                             \
  (LINUX_POLLRDNORM | LINUX_POLLRDBAND | LINUX_POLLIN | LINUX_POLLHUP |        \
   LINUX_POLLERR)
#define POLLOUT_SET                                                            \
  (LINUX_POLLWRBAND | LINUX_POLLWRNORM | LINUX_POLLOUT | LINUX_POLLERR)
#define POLLEX_SET LINUX_POLLPRI

/* The six sets, `words` 64-bit words each: in, out, ex, then results. */
struct fd_sets {
  unsigned words;
  uint64_t *in, *out, *ex, *res_in, *res_out, *res_ex;
};

/* Linux's max_select_fd: EBADF for a set bit without an open file (an
 * O_PATH descriptor is open), else the count of fds worth looking at. */
static long max_select_fd(struct fdtable *t, unsigned n,
                          const struct fd_sets *s) {
  unsigned max = 0;
  for (unsigned fd = 0; fd < n; fd++) {
    uint64_t bit = 1ULL << (fd % 64);
    unsigned w = fd / 64;
    if (!((s->in[w] | s->out[w] | s->ex[w]) & bit))
      continue;
    if (!fd_get(t, fd))
      return -EBADF;
    max = fd + 1;
  }
  return max;
}

static long do_select(unsigned n, struct fd_sets *s, uint64_t deadline) {
  struct fdtable *t = current_proc()->fds;
  long max = max_select_fd(t, n, s);
  if (max < 0)
    return max;
  n = (unsigned)max;
  struct poll_waiter w;
  poll_waiter_init(&w);
  bool timed_out = deadline == POLL_ZERO;
  if (timed_out)
    poll_waiter_stop(&w);
  long count;
  for (;;) {
    count = 0;
    for (unsigned fd = 0; fd < n; fd++) {
      uint64_t bit = 1ULL << (fd % 64);
      unsigned wd = fd / 64;
      bool in = s->in[wd] & bit, out = s->out[wd] & bit, ex = s->ex[wd] & bit;
      if (!in && !out && !ex)
        continue;
      struct file *f = fd_get(t, fd);
      unsigned mask = 0;
      if (f && f->path_only) {
        /* select sees O_PATH files (poll does not): no poll operation. */
        mask = LINUX_DEFAULT_POLLMASK;
      } else if (f) {
        w.pt.key = POLLEX_SET | (in ? POLLIN_SET : 0) | (out ? POLLOUT_SET : 0);
        mask = vfs_poll(f, &w.pt);
      }
      if ((mask & POLLIN_SET) && in) {
        s->res_in[wd] |= bit;
        count++;
        poll_waiter_stop(&w);
      }
      if ((mask & POLLOUT_SET) && out) {
        s->res_out[wd] |= bit;
        count++;
        poll_waiter_stop(&w);
      }
      if ((mask & POLLEX_SET) && ex) {
        s->res_ex[wd] |= bit;
        count++;
        poll_waiter_stop(&w);
      }
    }
    poll_waiter_stop(&w);
    if (count || timed_out || signal_interrupts(current()))
      break;
    if (w.error) {
      count = w.error;
      break;
    }
    if (poll_waiter_wait(&w, deadline) == WAIT_TIMEOUT)
      timed_out = true;
  }
  poll_waiter_free(&w);
  return count;
}

static int get_set(uint64_t uptr, uint64_t *dst, size_t bytes) {
  if (!uptr) {
    memset(dst, 0, bytes);
    return 0;
  }
  return copy_from_user(current_proc()->mm, dst, uptr, bytes) ? -EFAULT : 0;
}

static int put_set(uint64_t uptr, const uint64_t *src, size_t bytes) {
  if (!uptr)
    return 0;
  return copy_to_user(current_proc()->mm, uptr, src, bytes) ? -EFAULT : 0;
}

static long core_sys_select(int64_t n, uint64_t inp, uint64_t outp,
                            uint64_t exp, uint64_t deadline) {
  if (n < 0)
    return -EINVAL;
  struct fdtable *t = current_proc()->fds;
  if (n > t->max_fds)
    n = t->max_fds;
  struct fd_sets s;
  s.words = (unsigned)(n + 63) / 64;
  size_t bytes = s.words * sizeof(uint64_t);
  uint64_t *buf = kzalloc(bytes ? 6 * bytes : 8);
  if (!buf)
    return -ENOMEM;
  s.in = buf;
  s.out = s.in + s.words;
  s.ex = s.out + s.words;
  s.res_in = s.ex + s.words;
  s.res_out = s.res_in + s.words;
  s.res_ex = s.res_out + s.words;
  long ret;
  if ((ret = get_set(inp, s.in, bytes)) ||
      (ret = get_set(outp, s.out, bytes)) || (ret = get_set(exp, s.ex, bytes)))
    goto out;
  ret = do_select((unsigned)n, &s, deadline);
  if (ret < 0)
    goto out;
  if (!ret) {
    ret = -ERESTARTNOHAND;
    if (signal_interrupts(current()))
      goto out;
    ret = 0;
  }
  if (put_set(inp, s.res_in, bytes) || put_set(outp, s.res_out, bytes) ||
      put_set(exp, s.res_ex, bytes))
    ret = -EFAULT;
out:
  kfree(buf);
  return ret;
}

SYSCALL_DEFINE(select) {
  uint64_t deadline = POLL_NO_TIMEOUT;
  if (a4) {
    struct linux_timeval tv;
    if (copy_from_user(current_proc()->mm, &tv, a4, sizeof tv))
      return -EFAULT;
    /* sec + usec / 1e6 may wrap: Linux's sum is the same two's
     * complement, so a wrapped one is negative and EINVAL there too. */
    int64_t sec = (int64_t)((uint64_t)tv.sec + (uint64_t)(tv.usec / 1000000));
    if (poll_deadline(sec, (tv.usec % 1000000) * 1000, &deadline))
      return -EINVAL;
  }
  long r = core_sys_select((int32_t)a0, a1, a2, a3, deadline);
  return poll_finish(deadline, a4, PT_TIMEVAL, r);
}

SYSCALL_DEFINE(pselect6) {
  struct mm *mm = current_proc()->mm;
  uint64_t pack[2] = {0, 0}; /* {const sigset_t *ss; size_t ss_len} */
  if (a5 && copy_from_user(mm, pack, a5, sizeof pack))
    return -EFAULT;
  uint64_t deadline = POLL_NO_TIMEOUT;
  if (a4) {
    struct linux_timespec ts;
    if (copy_from_user(mm, &ts, a4, sizeof ts))
      return -EFAULT;
    if (poll_deadline(ts.sec, ts.nsec, &deadline))
      return -EINVAL;
  }
  int err = poll_sigmask_set(pack[0], pack[1]);
  if (err)
    return err;
  long r = core_sys_select((int32_t)a0, a1, a2, a3, deadline);
  return poll_finish(deadline, a4, PT_TIMESPEC, r);
}
