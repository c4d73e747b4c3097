/* Wait queues (libos/waitq.c) against a model over random edits: adds
 * (non-exclusive at the head, exclusive at the tail), removals, and wakes
 * that call every non-exclusive entry and exclusive ones until the first
 * that reports a wake; entries that remove themselves while woken. */
#include <libos/waitq.h>

#include <stdlib.h>
#include <string.h>

#include "check.h"

#define N 64

struct w {
  struct wait_entry e;
  int id;
  int calls;    /* times func ran */
  bool accept;  /* func reports a wake */
  bool selfdel; /* func removes its own entry */
  unsigned last_mask;
};

static struct w ws[N];
static int order[N]; /* model: ids on the queue, head first */
static int len;

static bool func(struct wait_entry *e, unsigned mask) {
  struct w *x = (struct w *)e;
  x->calls++;
  x->last_mask = mask;
  if (x->selfdel)
    waitq_del(e);
  return x->accept;
}

static void model_add(int id) {
  if (ws[id].e.exclusive) {
    order[len++] = id;
  } else {
    memmove(order + 1, order, (size_t)len * sizeof order[0]);
    order[0] = id;
    len++;
  }
}

static void model_del(int id) {
  for (int i = 0; i < len; i++)
    if (order[i] == id) {
      memmove(order + i, order + i + 1,
              (size_t)(len - i - 1) * sizeof order[0]);
      len--;
      return;
    }
}

static bool queued(int id) {
  for (int i = 0; i < len; i++)
    if (order[i] == id)
      return true;
  return false;
}

/* The queue's links agree with the model, both ways. */
static void check_links(const struct waitq *q) {
  int i = 0;
  const struct wait_entry *prev = 0;
  for (const struct wait_entry *e = q->head; e; prev = e, e = e->next, i++) {
    CHECK_MSG(i < len && ((const struct w *)e)->id == order[i], "position %d",
              i);
    CHECK(e->prev == prev);
    CHECK(e->q == q);
  }
  CHECK(i == len);
  CHECK(q->tail == prev);
}

static void test_random(void) {
  struct waitq q = {0, 0};
  srand(13);
  for (int i = 0; i < N; i++) {
    ws[i].id = i;
    ws[i].e.func = func;
  }
  for (int step = 0; step < 20000; step++) {
    int id = rand() % N;
    int op = rand() % 4;
    if (op <= 1 && !queued(id)) {
      ws[id].e.exclusive = rand() % 3 == 0;
      waitq_add(&q, &ws[id].e);
      model_add(id);
    } else if (op == 2 && queued(id)) {
      waitq_del(&ws[id].e);
      model_del(id);
      CHECK(ws[id].e.q == 0);
    } else if (op == 3) {
      int before[N], n = len;
      memcpy(before, order, sizeof order);
      int calls0[N];
      for (int i = 0; i < N; i++) {
        calls0[i] = ws[i].calls;
        ws[i].accept = rand() % 2;
        ws[i].selfdel = rand() % 4 == 0;
      }
      unsigned mask = (unsigned)rand() & 0x3f;
      waitq_wake(&q, mask);
      /* Expected calls: every non-exclusive entry; exclusive ones in
       * order until the first that accepted. */
      bool stop = false;
      for (int i = 0; i < n; i++) {
        struct w *x = &ws[before[i]];
        bool called = !stop;
        CHECK_MSG(x->calls == calls0[x->id] + (called ? 1 : 0), "entry %d",
                  x->id);
        if (called) {
          CHECK(x->last_mask == mask);
          if (x->selfdel)
            model_del(x->id);
          if (x->accept && x->e.exclusive)
            stop = true;
        }
      }
    }
    check_links(&q);
  }
}

static void test_del_twice_and_empty(void) {
  struct waitq q = {0, 0};
  struct w a = {.id = 0};
  a.e.func = func;
  waitq_del(&a.e); /* on no queue: nothing */
  CHECK(!waitq_active(&q));
  waitq_add(&q, &a.e);
  CHECK(waitq_active(&q));
  waitq_del(&a.e);
  waitq_del(&a.e);
  CHECK(!waitq_active(&q) && q.tail == 0);
  waitq_wake(&q, 0); /* empty: nothing */
}

int main(void) {
  test_del_twice_and_empty();
  test_random();
  return check_done("waitq");
}
