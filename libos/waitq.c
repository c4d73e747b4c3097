/* Wait queues (waitq.h): a doubly linked list of entries. */
#include <libos/waitq.h>

void waitq_add(struct waitq *q, struct wait_entry *e) {
  e->q = q;
  if (e->exclusive) {
    e->next = 0;
    e->prev = q->tail;
    if (q->tail)
      q->tail->next = e;
    else
      q->head = e;
    q->tail = e;
    return;
  }
  e->prev = 0;
  e->next = q->head;
  if (q->head)
    q->head->prev = e;
  else
    q->tail = e;
  q->head = e;
}

void waitq_del(struct wait_entry *e) {
  struct waitq *q = e->q;
  if (!q)
    return;
  if (e->prev)
    e->prev->next = e->next;
  else
    q->head = e->next;
  if (e->next)
    e->next->prev = e->prev;
  else
    q->tail = e->prev;
  e->next = e->prev = 0;
  e->q = 0;
}

void waitq_wake(struct waitq *q, unsigned mask) {
  /* The next entry is read before func runs: func may remove its own
   * entry (never another one). */
  for (struct wait_entry *e = q->head, *next; e; e = next) {
    next = e->next;
    if (e->func(e, mask) && e->exclusive)
      return;
  }
}
