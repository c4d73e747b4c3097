/* poll and ppoll (fs/select.c's do_sys_poll): any number of descriptors
 * up to RLIMIT_NOFILE, each asked for its mask through the VFS's poll
 * operation (libos/poll.h) and then only rescanned after one of their
 * wait queues woke us. A call interrupted by a signal is -ERESTARTNOHAND:
 * EINTR after a handler, a restart without one; poll restarts through
 * the restart block with its original deadline, ppoll with the time left
 * written back into its timespec (pollarg.h). */
#include <hal/mmu.h>
#include <libos/fd.h>
#include <libos/pmm.h>
#include <libos/poll.h>
#include <libos/proc.h>
#include <libos/signal.h>
#include <libos/uaccess.h>
#include <linux_shim/pollarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/poll.h>
#include <uapi/resource.h>
#include <uapi/signal.h>
#include <uapi/time.h>

/* The copied-in array, a page of entries at a time (as Linux's poll_list
 * pages: a huge count meets EFAULT before it meets ENOMEM). The pages
 * come from pmm and go back to it, not to a heap size class that would
 * keep up to 8 MiB (nfds up to nr_open) for good. */
#define CHUNK_FDS 510
struct poll_chunk {
  struct poll_chunk *next;
  unsigned len;
  struct linux_pollfd e[CHUNK_FDS];
};
_Static_assert(sizeof(struct poll_chunk) <= 4096, "a chunk is a page");

static struct poll_chunk *new_chunk(void) {
  uint64_t pa = pmm_alloc();
  return pa ? hal_phys_to_virt(pa) : 0;
}

static void free_chunks(struct poll_chunk *c) {
  while (c) {
    struct poll_chunk *next = c->next;
    pmm_unref(hal_virt_to_phys(c));
    c = next;
  }
}

/* Linux's do_pollfd: a negative fd is skipped, a bad (or O_PATH) one is
 * POLLNVAL; otherwise the file's mask, filtered to the events asked
 * for plus POLLERR and POLLHUP. */
static unsigned pollfd_one(struct fdtable *t, struct linux_pollfd *p,
                           struct poll_waiter *w) {
  unsigned mask = 0;
  if (p->fd >= 0) {
    struct file *f = fd_get(t, p->fd);
    if (!f || f->path_only) {
      mask = LINUX_POLLNVAL;
    } else {
      unsigned filter = (uint16_t)p->events | LINUX_POLLERR | LINUX_POLLHUP;
      w->pt.key = filter;
      mask = vfs_poll(f, &w->pt) & filter;
    }
  }
  p->revents = (int16_t)mask;
  return mask;
}

static long do_poll(struct poll_chunk *list, uint64_t deadline) {
  struct fdtable *t = current_proc()->fds;
  struct poll_waiter w;
  poll_waiter_init(&w);
  bool timed_out = deadline == POLL_ZERO;
  if (timed_out)
    poll_waiter_stop(&w);
  long count;
  for (;;) {
    count = 0;
    for (struct poll_chunk *c = list; c; c = c->next)
      for (unsigned i = 0; i < c->len; i++)
        if (pollfd_one(t, &c->e[i], &w)) {
          count++;
          poll_waiter_stop(&w); /* we will not sleep now */
        }
    poll_waiter_stop(&w);
    if (!count) {
      count = w.error;
      if (signal_interrupts(current()))
        count = -ERESTARTNOHAND;
    }
    if (count || timed_out)
      break;
    if (poll_waiter_wait(&w, deadline) == WAIT_TIMEOUT)
      timed_out = true;
  }
  poll_waiter_free(&w);
  return count;
}

static long do_sys_poll(uint64_t ufds, uint32_t nfds, uint64_t deadline) {
  struct proc *p = current_proc();
  if (nfds > p->rlim[LINUX_RLIMIT_NOFILE].cur)
    return -EINVAL;
  struct poll_chunk *head = 0, **tail = &head;
  long err = 0;
  for (uint32_t done = 0; done < nfds;) {
    struct poll_chunk *c = new_chunk();
    if (!c) {
      err = -ENOMEM;
      goto out;
    }
    c->next = 0;
    *tail = c;
    tail = &c->next;
    c->len = nfds - done < CHUNK_FDS ? nfds - done : CHUNK_FDS;
    if (copy_from_user(p->mm, c->e, ufds + (uint64_t)done * sizeof c->e[0],
                       c->len * sizeof c->e[0])) {
      err = -EFAULT;
      goto out;
    }
    done += c->len;
  }
  long count = do_poll(head, deadline);
  /* Only revents goes back, every entry's, whatever the result. */
  if (!access_ok(ufds, (uint64_t)nfds * sizeof head->e[0])) {
    err = -EFAULT;
    goto out;
  }
  uint64_t at = ufds;
  for (struct poll_chunk *c = head; c; c = c->next)
    for (unsigned i = 0; i < c->len; i++, at += sizeof c->e[0])
      if (copy_to_user(p->mm, at + 6, &c->e[i].revents, 2)) {
        err = -EFAULT;
        goto out;
      }
  err = count;
out:
  free_chunks(head);
  return err;
}

_Static_assert(sizeof(struct linux_pollfd) == 8, "struct pollfd");

static long resume_poll(struct thread *t) {
  long r = do_sys_poll(t->restart_arg[0], (uint32_t)t->restart_arg[1],
                       t->restart_deadline);
  return r == -ERESTARTNOHAND ? restart_block_set(t, resume_poll) : r;
}

SYSCALL_DEFINE(poll) {
  uint64_t deadline = POLL_NO_TIMEOUT;
  int32_t ms = (int32_t)a2;
  if (ms >= 0)
    poll_deadline(ms / 1000, (int64_t)(ms % 1000) * 1000000, &deadline);
  long r = do_sys_poll(a0, (uint32_t)a1, deadline);
  if (r != -ERESTARTNOHAND)
    return r;
  struct thread *t = current();
  t->restart_arg[0] = a0;
  t->restart_arg[1] = (uint32_t)a1;
  t->restart_deadline = deadline;
  return restart_block_set(t, resume_poll);
}

SYSCALL_DEFINE(ppoll) {
  uint64_t deadline = POLL_NO_TIMEOUT;
  if (a2) {
    struct linux_timespec ts;
    if (copy_from_user(current_proc()->mm, &ts, a2, sizeof ts))
      return -EFAULT;
    if (poll_deadline(ts.sec, ts.nsec, &deadline))
      return -EINVAL;
  }
  int err = poll_sigmask_set(a3, a4);
  if (err)
    return err;
  long r = do_sys_poll(a0, (uint32_t)a1, deadline);
  return poll_finish(deadline, a2, PT_TIMESPEC, r);
}
