/*
 * Readiness: what poll, select, epoll and blocking I/O ask a file. Every
 * file kind answers through its `poll` operation (file.h) with Linux's
 * mask (LINUX_POLL* bits, uapi/poll.h); a kind without one is always
 * ready as Linux's DEFAULT_POLLMASK says. While answering, the operation
 * calls poll_wait() on each wait queue (waitq.h) whose wakes can change
 * that answer, so a caller that passes a poll_table gets its entries put
 * there, and a caller that passes NULL just looks.
 *
 * A poll_waiter is the waiter of poll/select and of blocking I/O: its
 * entries set `triggered` when a file wakes them (with a mask meeting the
 * events the waiter registered for), and poll_waiter_wait() sleeps until
 * that flag, a signal or the deadline. The files are rescanned only after
 * a wake, never from the scheduler.
 */
#ifndef LIBOS_POLL_H
#define LIBOS_POLL_H

#include <stdbool.h>
#include <stdint.h>

#include <libos/file.h>
#include <libos/wait.h>
#include <libos/waitq.h>
#include <uapi/poll.h>

struct poll_table;

/* Register interest in wait queue `q` of file `f` (a poll operation's
 * callback). MUST NOT block. */
typedef void (*poll_queue_proc)(struct poll_table *pt, struct file *f,
                                struct waitq *q);

struct poll_table {
  poll_queue_proc queue; /* NULL: register nothing (just look) */
  unsigned key;          /* the events the caller wants (POLLERR/HUP too) */
};

/* Called by poll operations for each queue that can change their answer. */
static inline void poll_wait(struct file *f, struct waitq *q,
                             struct poll_table *pt) {
  if (pt && pt->queue && q)
    pt->queue(pt, f, q);
}

/* The readiness mask of `f` now, registering through `pt` (may be NULL). */
unsigned vfs_poll(struct file *f, struct poll_table *pt);

/* One waiter's entries, one per queue it registered on. */
struct poll_entry {
  struct wait_entry w;
  struct poll_waiter *owner;
  struct file *file; /* referenced while registered */
  unsigned key;
};

#define POLL_INLINE_ENTRIES 8

struct poll_waiter {
  struct poll_table pt;
  bool triggered; /* a registered file woke us since the last scan */
  int error;      /* -ENOMEM: an entry could not be allocated */
  unsigned n, cap;
  struct poll_entry *entries; /* inline[] or a heap array */
  struct poll_entry inline_entries[POLL_INLINE_ENTRIES];
};

/* An empty waiter that registers on queues (pt.key set by the caller per
 * file before vfs_poll). The waiter MUST stay at one address until
 * poll_waiter_free(). */
void poll_waiter_init(struct poll_waiter *w);

/* Stop registering (the first ready file found: Linux stops adding
 * entries once it knows it will not sleep). */
static inline void poll_waiter_stop(struct poll_waiter *w) {
  w->pt.queue = 0;
}

/* Sleep until a registered file wakes the waiter, a signal, or `deadline`
 * (WAIT_FOREVER for none); clears `triggered` for the next scan. */
enum wait_result poll_waiter_wait(struct poll_waiter *w, uint64_t deadline);

/* Take every entry off its queue and drop the file references. */
void poll_waiter_free(struct poll_waiter *w);

/* Blocking I/O, after an operation on `f` answered -EAGAIN: wait until
 * `f` wakes its queues with one of `events` (POLLERR and POLLHUP count
 * too) or a signal comes; the caller then retries. WAIT_DONE or
 * WAIT_SIGNAL. */
enum wait_result poll_wait_file(struct file *f, unsigned events);

#endif
