/* epoll sets (epoll.h), after fs/eventpoll.c. One CPU and a kernel that
 * is never preempted: no locks, and no overflow list for events that
 * arrive during a harvest (none can: polling never wakes). */
#include <libos/epoll.h>

#include <hal/time.h>
#include <libos/anon_inode.h>
#include <libos/kheap.h>
#include <libos/poll.h>
#include <libos/signal.h>
#include <libos/task.h>
#include <uapi/errno.h>
#include <uapi/io.h>

#define EP_PRIVATE_BITS                                                        \
  (LINUX_EPOLLWAKEUP | LINUX_EPOLLONESHOT | LINUX_EPOLLET |                    \
   LINUX_EPOLLEXCLUSIVE)
#define EP_MAX_NESTS 4 /* Linux's limit of epoll-in-epoll levels */

struct epitem;

/* An item's entry on one wait queue of its file. */
struct ep_pwq {
  struct wait_entry w;
  struct epitem *epi;
  struct ep_pwq *next;
};

struct epitem {
  struct epitem *next, *prev;       /* the set's items */
  struct epitem *rd_next, *rd_prev; /* the ready list */
  bool ready;                       /* on the ready list */
  struct epitem *f_next;            /* the watched file's items */
  struct eventpoll *ep;
  struct file *file; /* watched, not referenced */
  int fd;
  uint32_t events;
  uint64_t data;
  struct ep_pwq *pwqs;
  bool pwq_failed; /* an entry could not be allocated */
};

struct eventpoll {
  struct file *file; /* the epoll file itself */
  struct epitem *items;
  struct epitem *rd_head, *rd_tail;
  struct waitq wq;        /* epoll_wait callers (exclusive) */
  struct waitq poll_wait; /* poll on the epoll file, enclosing sets */
  unsigned gen;           /* loop check pass that saw it last */
  int loop_depth;
};

/* ---- the ready list ---- */

static void rd_add_tail(struct eventpoll *ep, struct epitem *epi) {
  epi->rd_next = 0;
  epi->rd_prev = ep->rd_tail;
  if (ep->rd_tail)
    ep->rd_tail->rd_next = epi;
  else
    ep->rd_head = epi;
  ep->rd_tail = epi;
  epi->ready = true;
}

static void rd_del(struct eventpoll *ep, struct epitem *epi) {
  if (!epi->ready)
    return;
  if (epi->rd_prev)
    epi->rd_prev->rd_next = epi->rd_next;
  else
    ep->rd_head = epi->rd_next;
  if (epi->rd_next)
    epi->rd_next->rd_prev = epi->rd_prev;
  else
    ep->rd_tail = epi->rd_prev;
  epi->rd_next = epi->rd_prev = 0;
  epi->ready = false;
}

/* ---- wakes ---- */

/* Tell the set's waiters and pollers that it has events. */
static void ep_wake(struct eventpoll *ep) {
  if (waitq_active(&ep->wq))
    waitq_wake(&ep->wq, 0);
  if (waitq_active(&ep->poll_wait))
    waitq_wake(&ep->poll_wait, LINUX_POLLIN);
}

/* Linux's ep_poll_callback: a watched file woke one of its queues. The
 * return value counts for EPOLLEXCLUSIVE: only an exclusive item whose
 * set had a waiter to wake for these events stops the file's wake. */
static bool ep_callback(struct wait_entry *e, unsigned mask) {
  struct epitem *epi = ((struct ep_pwq *)e)->epi;
  struct eventpoll *ep = epi->ep;
  bool ewake = false;
  if (!(epi->events & ~EP_PRIVATE_BITS))
    goto out; /* a fired EPOLLONESHOT item: disabled until MOD */
  if (mask && !(mask & epi->events))
    goto out;
  if (!epi->ready)
    rd_add_tail(ep, epi);
  if (waitq_active(&ep->wq)) {
    if (epi->events & LINUX_EPOLLEXCLUSIVE) {
      switch (mask & (LINUX_POLLIN | LINUX_POLLOUT)) {
      case LINUX_POLLIN:
        ewake = epi->events & LINUX_POLLIN;
        break;
      case LINUX_POLLOUT:
        ewake = epi->events & LINUX_POLLOUT;
        break;
      case 0:
        ewake = true;
        break;
      }
    }
    waitq_wake(&ep->wq, 0);
  }
  if (waitq_active(&ep->poll_wait))
    waitq_wake(&ep->poll_wait, LINUX_POLLIN);
out:
  if (!(epi->events & LINUX_EPOLLEXCLUSIVE))
    ewake = true;
  return ewake;
}

/* ep_ptable_queue_proc: an entry of the item on each queue its file's
 * poll names. */
struct ep_queue {
  struct poll_table pt;
  struct epitem *epi;
};

static void ep_queue_proc(struct poll_table *pt, struct file *f,
                          struct waitq *q) {
  (void)f;
  struct epitem *epi = ((struct ep_queue *)pt)->epi;
  struct ep_pwq *pwq = kzalloc(sizeof *pwq);
  if (!pwq) {
    epi->pwq_failed = true;
    return;
  }
  pwq->epi = epi;
  pwq->w.func = ep_callback;
  pwq->w.exclusive = epi->events & LINUX_EPOLLEXCLUSIVE;
  pwq->next = epi->pwqs;
  epi->pwqs = pwq;
  waitq_add(q, &pwq->w);
}

/* ep_item_poll: the item's file's mask, restricted to its events. */
static unsigned item_poll(struct epitem *epi, struct poll_table *pt) {
  struct poll_table none = {0, epi->events};
  if (!pt)
    pt = &none;
  pt->key = epi->events;
  return vfs_poll(epi->file, pt) & epi->events;
}

/* ---- the epoll file ---- */

static const struct file_ops epoll_ops;

bool file_is_epoll(const struct file *f) {
  return f->ops == &epoll_ops;
}

bool file_can_poll(const struct file *f) {
  return f->ops->poll != 0;
}

/* Linux's ep_eventpoll_poll: readable when an item on the ready list is
 * really ready; items that are not leave the list. */
static unsigned epoll_poll(struct file *f, struct poll_table *pt) {
  struct eventpoll *ep = f->priv;
  poll_wait(f, &ep->poll_wait, pt);
  for (struct epitem *epi = ep->rd_head, *next; epi; epi = next) {
    next = epi->rd_next;
    if (item_poll(epi, 0))
      return LINUX_POLLIN | LINUX_POLLRDNORM;
    rd_del(ep, epi);
  }
  return 0;
}

static void ep_remove(struct epitem *epi) {
  struct eventpoll *ep = epi->ep;
  for (struct ep_pwq *p = epi->pwqs, *next; p; p = next) {
    next = p->next;
    waitq_del(&p->w);
    kfree(p);
  }
  rd_del(ep, epi);
  if (epi->prev)
    epi->prev->next = epi->next;
  else
    ep->items = epi->next;
  if (epi->next)
    epi->next->prev = epi->prev;
  for (struct epitem **pp = &epi->file->epitems; *pp; pp = &(*pp)->f_next)
    if (*pp == epi) {
      *pp = epi->f_next;
      break;
    }
  kfree(epi);
}

static void epoll_release(struct file *f) {
  struct eventpoll *ep = f->priv;
  while (ep->items)
    ep_remove(ep->items);
  kfree(ep);
}

static const struct file_ops epoll_ops = {
    .poll = epoll_poll, .release = epoll_release, .anon_name = "[eventpoll]"};

struct file *epoll_create_file(void) {
  struct eventpoll *ep = kzalloc(sizeof *ep);
  if (!ep)
    return 0;
  struct file *f = anon_file_new(&epoll_ops, LINUX_O_RDWR, ep);
  if (!f) {
    kfree(ep);
    return 0;
  }
  ep->file = f;
  return f;
}

void epoll_file_gone(struct file *f) {
  while (f->epitems)
    ep_remove(f->epitems);
}

/* ---- loop and depth checks (ep_loop_check) ---- */

static unsigned loop_gen;
static struct eventpoll *inserting_into;

/* How many epoll levels lie below `ep` (EP_MAX_NESTS + 1: too many, or
 * a path back to the set being added to). */
static int depth_down(struct eventpoll *ep, int depth) {
  if (ep->gen == loop_gen)
    return ep->loop_depth;
  ep->gen = loop_gen;
  int result = 0;
  for (struct epitem *epi = ep->items; epi; epi = epi->next) {
    if (!file_is_epoll(epi->file))
      continue;
    struct eventpoll *to = epi->file->priv;
    int d;
    if (to == inserting_into || depth > EP_MAX_NESTS)
      d = EP_MAX_NESTS + 1;
    else
      d = depth_down(to, depth + 1) + 1;
    if (d > result)
      result = d;
    if (result > EP_MAX_NESTS)
      break;
  }
  ep->loop_depth = result;
  return result;
}

/* How many epoll levels hold `ep`, transitively. */
static int depth_up(struct eventpoll *ep) {
  if (ep->gen == loop_gen)
    return ep->loop_depth;
  int result = 0;
  for (struct epitem *epi = ep->file->epitems; epi; epi = epi->f_next) {
    int d = depth_up(epi->ep) + 1;
    if (d > result)
      result = d;
  }
  ep->gen = loop_gen;
  ep->loop_depth = result;
  return result;
}

static bool loop_check_fails(struct eventpoll *ep, struct eventpoll *to) {
  loop_gen++;
  inserting_into = ep;
  int down = depth_down(to, 0);
  if (down > EP_MAX_NESTS)
    return true;
  return down + 1 + depth_up(ep) > EP_MAX_NESTS;
}

/* ---- epoll_ctl ---- */

static struct epitem *ep_find(struct eventpoll *ep, struct file *tf, int fd) {
  for (struct epitem *epi = ep->items; epi; epi = epi->next)
    if (epi->file == tf && epi->fd == fd)
      return epi;
  return 0;
}

void epoll_for_each_item(const struct file *ef, epoll_item_fn fn, void *ctx) {
  const struct eventpoll *ep = ef->priv;
  const struct epitem *last = ep->items;
  while (last && last->next)
    last = last->next;
  for (const struct epitem *i = last; i; i = i->prev)
    fn(ctx, i->file, i->fd, i->events, i->data);
}

int epoll_add(struct file *ef, struct file *tf, int fd, uint32_t events,
              uint64_t data) {
  struct eventpoll *ep = ef->priv;
  if (file_is_epoll(tf) && loop_check_fails(ep, tf->priv))
    return -ELOOP;
  if (ep_find(ep, tf, fd))
    return -EEXIST;
  struct epitem *epi = kzalloc(sizeof *epi);
  if (!epi)
    return -ENOMEM;
  epi->ep = ep;
  epi->file = tf;
  epi->fd = fd;
  epi->events = events | LINUX_POLLERR | LINUX_POLLHUP;
  epi->data = data;
  epi->next = ep->items;
  if (ep->items)
    ep->items->prev = epi;
  ep->items = epi;
  epi->f_next = tf->epitems;
  tf->epitems = epi;
  struct ep_queue q = {{ep_queue_proc, 0}, epi};
  unsigned revents = item_poll(epi, &q.pt);
  if (epi->pwq_failed) {
    ep_remove(epi);
    return -ENOMEM;
  }
  if (revents && !epi->ready) {
    rd_add_tail(ep, epi);
    ep_wake(ep);
  }
  return 0;
}

int epoll_mod(struct file *ef, struct file *tf, int fd, uint32_t events,
              uint64_t data) {
  struct eventpoll *ep = ef->priv;
  struct epitem *epi = ep_find(ep, tf, fd);
  if (!epi)
    return -ENOENT;
  if (epi->events & LINUX_EPOLLEXCLUSIVE)
    return -EINVAL;
  epi->events = events | LINUX_POLLERR | LINUX_POLLHUP;
  epi->data = data;
  if (item_poll(epi, 0) && !epi->ready) {
    rd_add_tail(ep, epi);
    ep_wake(ep);
  }
  return 0;
}

int epoll_del(struct file *ef, struct file *tf, int fd) {
  struct epitem *epi = ep_find(ef->priv, tf, fd);
  if (!epi)
    return -ENOENT;
  ep_remove(epi);
  return 0;
}

/* ---- epoll_wait ---- */

/* ep_send_events: the ready items are re-polled in order; the ones not
 * reached stay first on the list, level-triggered ones go back after. */
static long ep_harvest(struct eventpoll *ep, int max, epoll_emit emit,
                       void *ctx) {
  struct epitem *tx = ep->rd_head;
  ep->rd_head = ep->rd_tail = 0;
  long res = 0;
  while (tx && res < max) {
    struct epitem *epi = tx;
    tx = epi->rd_next;
    if (tx)
      tx->rd_prev = 0;
    epi->rd_next = epi->rd_prev = 0;
    epi->ready = false;
    unsigned revents = item_poll(epi, 0);
    if (!revents)
      continue;
    if (!emit(ctx, revents, epi->data)) {
      epi->rd_next = tx; /* back at the front */
      if (tx)
        tx->rd_prev = epi;
      tx = epi;
      epi->ready = true;
      if (!res)
        res = -EFAULT;
      break;
    }
    res++;
    if (epi->events & LINUX_EPOLLONESHOT)
      epi->events &= EP_PRIVATE_BITS;
    else if (!(epi->events & LINUX_EPOLLET))
      rd_add_tail(ep, epi);
  }
  /* What was not reached goes first, in its order. */
  if (tx) {
    struct epitem *last = tx;
    for (struct epitem *p = tx; p; p = p->rd_next) {
      p->ready = true;
      last = p;
    }
    last->rd_next = ep->rd_head;
    if (ep->rd_head)
      ep->rd_head->rd_prev = last;
    else
      ep->rd_tail = last;
    ep->rd_head = tx;
  }
  return res;
}

struct ep_waiter {
  struct wait_entry w;
  bool woken;
};

static bool ep_waiter_wake(struct wait_entry *e, unsigned mask) {
  (void)mask;
  ((struct ep_waiter *)e)->woken = true;
  return true;
}

static bool ep_waiter_woken(void *arg) {
  return ((struct ep_waiter *)arg)->woken;
}

long epoll_wait_file(struct file *ef, int max, uint64_t deadline,
                     epoll_emit emit, void *ctx) {
  struct eventpoll *ep = ef->priv;
  bool timed_out = deadline == 0;
  struct ep_waiter w = {{0, 0, 0, ep_waiter_wake, 0, true}, false};
  long res = 0;
  for (;;) {
    if (ep->rd_head) {
      res = ep_harvest(ep, max, emit, ctx);
      if (res)
        break;
    }
    if (timed_out)
      break;
    if (signal_interrupts(current())) {
      res = -EINTR;
      break;
    }
    if (ep->rd_head)
      continue;
    w.woken = false;
    if (!w.w.q)
      waitq_add(&ep->wq, &w.w);
    if (wait_event(ep_waiter_woken, &w, deadline) == WAIT_TIMEOUT)
      timed_out = true;
    /* A wake takes us off the queue, as Linux's autoremove entry. */
    waitq_del(&w.w);
  }
  waitq_del(&w.w);
  return res;
}
