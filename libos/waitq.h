/*
 * Wait queues: how a file tells the threads waiting on it that its state
 * changed. A waiter (poll, select, epoll, a blocked read) puts an entry on
 * the queue of every file it waits for; the file calls waitq_wake() when
 * it becomes readable, writable, hung up... Each entry's `func` decides
 * what a wake means for its waiter (a poll waiter sets a flag its
 * wait_event() condition reads; an epoll item goes on its ready list), so
 * no waiter has to rescan files in a loop. Entries never block and never
 * run user code; the scheduler (sched.h) is unchanged: a woken waiter's
 * condition simply becomes true.
 */
#ifndef LIBOS_WAITQ_H
#define LIBOS_WAITQ_H

#include <stdbool.h>

struct wait_entry;

/* Called by waitq_wake() with the event bits the change concerns
 * (LINUX_POLL* bits, 0 for "anything"). Returns true when it woke its
 * waiter (counts against an exclusive wake). MAY remove its own entry. */
typedef bool (*wait_func)(struct wait_entry *e, unsigned mask);

struct wait_entry {
  struct wait_entry *next, *prev;
  struct waitq *q; /* NULL while on no queue */
  wait_func func;
  void *priv;     /* the waiter's */
  bool exclusive; /* EPOLLEXCLUSIVE: woken one at a time, after the rest */
};

struct waitq {
  struct wait_entry *head, *tail;
};

/* Put `e` (func and priv set) on `q`: non-exclusive entries at the head,
 * exclusive ones at the tail, as Linux orders them. */
void waitq_add(struct waitq *q, struct wait_entry *e);

/* Take `e` off its queue (nothing when it is on none). */
void waitq_del(struct wait_entry *e);

/* Call every entry's func with `mask`: all non-exclusive entries, and the
 * exclusive ones until one of them reports a wake. */
void waitq_wake(struct waitq *q, unsigned mask);

/* Is anybody waiting? */
static inline bool waitq_active(const struct waitq *q) {
  return q->head != 0;
}

#endif
