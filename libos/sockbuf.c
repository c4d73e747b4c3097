/* Socket buffers (sockbuf.h). */
#include <libos/sockbuf.h>

#include <libos/file.h>
#include <libos/kheap.h>

struct sockmsg *sockmsg_new(size_t len, size_t *charge) {
  struct sockmsg *m = kzalloc(sizeof *m + len);
  if (!m)
    return 0;
  m->len = len;
  m->truesize = len + SOCKMSG_OVERHEAD;
  m->charge = charge;
  if (charge)
    *charge += m->truesize;
  return m;
}

void sockmsg_free(struct sockmsg *m) {
  for (unsigned i = 0; i < m->nfds; i++)
    file_put(m->fds[i]);
  kfree(m->fds);
  if (m->fd_charge)
    *m->fd_charge -= m->nfds;
  if (m->charge)
    *m->charge -= m->truesize;
  void (*uncharged)(void *) = m->uncharged;
  void *owner = m->owner;
  kfree(m);
  if (uncharged)
    uncharged(owner);
}

void sockq_push(struct sockq *q, struct sockmsg *m) {
  m->next = 0;
  if (q->tail)
    q->tail->next = m;
  else
    q->head = m;
  q->tail = m;
  q->count++;
  q->bytes += sockmsg_left(m);
}

struct sockmsg *sockq_pop(struct sockq *q) {
  struct sockmsg *m = q->head;
  if (!m)
    return 0;
  q->head = m->next;
  if (!q->head)
    q->tail = 0;
  q->count--;
  q->bytes -= sockmsg_left(m);
  m->next = 0;
  return m;
}

void sockq_consume(struct sockq *q, size_t n) {
  q->head->consumed += n;
  q->bytes -= n;
}

void sockq_purge(struct sockq *q) {
  struct sockmsg *m;
  while ((m = sockq_pop(q)))
    sockmsg_free(m);
}

void sockq_unlink(struct sockq *q, struct sockmsg *m) {
  struct sockmsg *prev = 0;
  for (struct sockmsg *i = q->head; i; prev = i, i = i->next) {
    if (i != m)
      continue;
    if (prev)
      prev->next = m->next;
    else
      q->head = m->next;
    if (q->tail == m)
      q->tail = prev;
    m->next = 0;
    q->count--;
    q->bytes -= sockmsg_left(m);
    return;
  }
}

void sockq_consume_msg(struct sockq *q, struct sockmsg *m, size_t n) {
  m->consumed += n;
  q->bytes -= n;
}
