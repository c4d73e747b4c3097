/* Readiness (poll.h): asking files for their mask and waiting on their
 * queues. */
#include <libos/poll.h>

#include <libos/kheap.h>
#include <libos/kstring.h>
#include <uapi/errno.h>

unsigned vfs_poll(struct file *f, struct poll_table *pt) {
  if (!f->ops->poll)
    return LINUX_DEFAULT_POLLMASK;
  return f->ops->poll(f, pt);
}

/* A wake meeting the registered events (or saying "anything") marks the
 * waiter; Linux's pollwake filters the same way. */
static bool poll_wake(struct wait_entry *e, unsigned mask) {
  struct poll_entry *pe = (struct poll_entry *)e;
  if (mask && !(mask & pe->key))
    return false;
  pe->owner->triggered = true;
  return true;
}

static struct poll_entry *new_entry(struct poll_waiter *w) {
  if (w->n == w->cap) {
    unsigned cap = w->cap * 2;
    struct poll_entry *e = kzalloc(cap * sizeof *e);
    if (!e)
      return 0;
    /* Entries are linked into queues by address: move them one by one. */
    for (unsigned i = 0; i < w->n; i++) {
      struct waitq *q = w->entries[i].w.q;
      e[i] = w->entries[i];
      e[i].w.q = 0;
      waitq_del(&w->entries[i].w);
      waitq_add(q, &e[i].w);
    }
    if (w->entries != w->inline_entries)
      kfree(w->entries);
    w->entries = e;
    w->cap = cap;
  }
  return &w->entries[w->n++];
}

static void queue_entry(struct poll_table *pt, struct file *f,
                        struct waitq *q) {
  struct poll_waiter *w = (struct poll_waiter *)pt;
  struct poll_entry *e = new_entry(w);
  if (!e) {
    w->error = -ENOMEM;
    return;
  }
  memset(e, 0, sizeof *e);
  e->owner = w;
  e->file = f;
  file_get(f);
  e->key = pt->key;
  e->w.func = poll_wake;
  waitq_add(q, &e->w);
}

void poll_waiter_init(struct poll_waiter *w) {
  memset(w, 0, sizeof *w);
  w->pt.queue = queue_entry;
  w->entries = w->inline_entries;
  w->cap = POLL_INLINE_ENTRIES;
}

static bool triggered(void *arg) {
  return ((struct poll_waiter *)arg)->triggered;
}

enum wait_result poll_waiter_wait(struct poll_waiter *w, uint64_t deadline) {
  enum wait_result r = wait_event(triggered, w, deadline);
  w->triggered = false;
  return r;
}

void poll_waiter_free(struct poll_waiter *w) {
  for (unsigned i = 0; i < w->n; i++) {
    waitq_del(&w->entries[i].w);
    file_put(w->entries[i].file);
  }
  if (w->entries != w->inline_entries)
    kfree(w->entries);
  w->entries = w->inline_entries;
  w->n = 0;
}

struct file_wait {
  struct file *f;
  unsigned want;
};

static bool file_ready(void *arg) {
  struct file_wait *fw = arg;
  return vfs_poll(fw->f, 0) & fw->want;
}

enum wait_result poll_wait_file(struct file *f, unsigned events) {
  /* The operation just said -EAGAIN and nothing else ran since, so the
   * file must change before it can progress: register and wait for that
   * wake, whatever the mask says now (a mask bit is coarser than one
   * operation: an eventfd can be POLLOUT yet too full for this add). */
  struct poll_waiter w;
  poll_waiter_init(&w);
  unsigned want = events | LINUX_POLLERR | LINUX_POLLHUP;
  w.pt.key = want;
  vfs_poll(f, &w.pt);
  enum wait_result r;
  if (w.error || w.n == 0) {
    /* No queue to sleep on: look at the file after every switch. */
    struct file_wait fw = {f, want};
    r = wait_event(file_ready, &fw, WAIT_FOREVER);
  } else {
    r = poll_waiter_wait(&w, WAIT_FOREVER);
  }
  poll_waiter_free(&w);
  return r;
}
