/* The collector (unix_sock.h), as Linux's classic algorithm: count every
 * socket's in-flight references; candidates are sockets whose file has no
 * other reference; take away the references candidates hold on each
 * other; a candidate with one left is held from outside, and so is
 * everything it holds; the rest is garbage. One CPU, no preemption: the
 * sockets and queues stay still while we look. */
#include <libos/file.h>
#include <libos/unix_sock.h>

static struct usock *all; /* every socket, through gc_next */
static bool collecting;

void unix_gc_track(struct usock *s) {
  s->gc_next = all;
  all = s;
}

void unix_gc_untrack(struct usock *s) {
  for (struct usock **p = &all; *p; p = &(*p)->gc_next)
    if (*p == s) {
      *p = s->gc_next;
      return;
    }
}

/* fn(child) for every socket file in a message queued on s: its own
 * queue and, for a listener, its waiting connections' queues (Linux's
 * scan_children). */
static void scan_queue(struct sockq *q, void (*fn)(struct usock *)) {
  for (struct sockmsg *m = q->head; m; m = m->next)
    for (unsigned i = 0; i < m->nfds; i++) {
      struct usock *c = usock_of(m->fds[i]);
      if (c)
        fn(c);
    }
}

static void scan_children(struct usock *s, void (*fn)(struct usock *)) {
  scan_queue(&s->rcvq, fn);
  for (struct usock *e = s->embryos; e; e = e->embryo_next)
    scan_queue(&e->rcvq, fn);
}

static void count_ref(struct usock *c) {
  c->gc_refs++;
}

static void drop_candidate_ref(struct usock *c) {
  if (c->gc_candidate)
    c->gc_refs--;
}

static void give_back_ref(struct usock *c) {
  if (c->gc_candidate)
    c->gc_refs++;
}

/* Move every message queued on s (and its connections) to `hit`. */
static void take_queue(struct sockq *q, struct sockq *hit) {
  struct sockmsg *m;
  while ((m = sockq_pop(q)))
    sockq_push(hit, m);
}

void unix_gc(void) {
  if (collecting)
    return;
  collecting = true;
  for (struct usock *s = all; s; s = s->gc_next) {
    s->gc_refs = 0;
    s->gc_candidate = s->gc_alive = false;
  }
  /* Every queue once: connections waiting on a listener are sockets of
   * their own in `all`. */
  for (struct usock *s = all; s; s = s->gc_next)
    scan_queue(&s->rcvq, count_ref);
  for (struct usock *s = all; s; s = s->gc_next)
    s->gc_candidate = s->file && s->gc_refs && s->file->refs == s->gc_refs;
  for (struct usock *s = all; s; s = s->gc_next)
    if (s->gc_candidate)
      scan_children(s, drop_candidate_ref);
  /* Held from outside: a candidate with references left, and whatever
   * such a socket holds, until nothing changes. */
  for (bool changed = true; changed;) {
    changed = false;
    for (struct usock *s = all; s; s = s->gc_next)
      if (s->gc_candidate && !s->gc_alive && s->gc_refs > 0) {
        s->gc_alive = true;
        scan_children(s, give_back_ref);
        changed = true;
      }
  }
  struct sockq hit = {0, 0, 0, 0};
  for (struct usock *s = all; s; s = s->gc_next)
    if (s->gc_candidate && !s->gc_alive) {
      take_queue(&s->rcvq, &hit);
      for (struct usock *e = s->embryos; e; e = e->embryo_next)
        take_queue(&e->rcvq, &hit);
    }
  /* Freeing puts the files, which releases the garbage sockets (and may
   * free them: `all` is not walked any more). */
  sockq_purge(&hit);
  collecting = false;
}
