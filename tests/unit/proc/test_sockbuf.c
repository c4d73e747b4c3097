/* Socket buffers (libos/sockbuf.c) against a model over random edits:
 * messages of random sizes charged to one of a few senders, pushed,
 * partly consumed (stream reads), popped and freed, or purged with the
 * queue. After every step each sender's charge is the truesize of its
 * live messages, the queue's counts are the model's, every passed file
 * was put exactly once when its message went, and the sender heard of
 * each uncharge after its counter had dropped. */
#include <libos/sockbuf.h>

#include <stdlib.h>
#include <string.h>

#include "check.h"

/* The kernel pieces sockbuf.c calls, on the host. */
void *kzalloc(size_t n) {
  return calloc(1, n);
}

void kfree(void *p) {
  free(p);
}

static int puts_done;
void file_put(struct file *f) {
  (void)f;
  puts_done++;
}

#define SENDERS 3
#define MAXQ 64

static size_t charge[SENDERS];
static size_t live_truesize[SENDERS]; /* model */
static int uncharges[SENDERS];
static bool uncharge_saw_drop = true;
static size_t expect_after[SENDERS];
static bool purging;

static void uncharged(void *owner) {
  int s = (int)(long)owner;
  uncharges[s]++;
  if (!purging && charge[s] != expect_after[s])
    uncharge_saw_drop = false;
}

struct model {
  struct sockmsg *m;
  int sender;
  int nfds;
};

static struct model q[MAXQ];
static int qlen;
static int fds_given;

static void model_free(int i) {
  int s = q[i].sender;
  live_truesize[s] -= q[i].m->truesize;
  expect_after[s] = live_truesize[s];
}

static void verify(struct sockq *sq) {
  for (int s = 0; s < SENDERS; s++)
    CHECK_MSG(charge[s] == live_truesize[s], "sender %d: %zu vs %zu", s,
              charge[s], live_truesize[s]);
  CHECK(sq->count == (unsigned)qlen);
  size_t bytes = 0;
  struct sockmsg *m = sq->head;
  for (int i = 0; i < qlen; i++, m = m->next) {
    CHECK(m == q[i].m);
    bytes += sockmsg_left(q[i].m);
  }
  CHECK(m == 0);
  CHECK(sq->bytes == bytes);
  CHECK(puts_done + 0 <= fds_given);
}

int main(void) {
  srand(13);
  struct sockq sq;
  memset(&sq, 0, sizeof sq);
  static struct file *fake[4];
  for (int step = 0; step < 200000; step++) {
    int op = rand() % 10;
    if (op < 4 && qlen < MAXQ) {
      int s = rand() % SENDERS;
      size_t len = (size_t)(rand() % 5000);
      struct sockmsg *m = sockmsg_new(len, &charge[s]);
      CHECK(m && m->truesize == len + SOCKMSG_OVERHEAD);
      m->owner = (void *)(long)s;
      m->uncharged = uncharged;
      int nfds = rand() % 3;
      if (nfds) {
        m->fds = kzalloc(sizeof fake);
        m->nfds = (unsigned)nfds;
        memcpy(m->fds, fake, sizeof fake);
        fds_given += nfds;
      }
      live_truesize[s] += m->truesize;
      sockq_push(&sq, m);
      q[qlen++] = (struct model){m, s, nfds};
    } else if (op < 6 && qlen) {
      size_t left = sockmsg_left(q[0].m);
      size_t n = left ? (size_t)rand() % (left + 1) : 0;
      sockq_consume(&sq, n);
      CHECK(sockmsg_left(q[0].m) == left - n);
    } else if (op < 9 && qlen) {
      struct sockmsg *m = sockq_pop(&sq);
      CHECK(m == q[0].m);
      int before = puts_done, nf = q[0].nfds, s = q[0].sender;
      int unc = uncharges[s];
      model_free(0);
      memmove(q, q + 1, (size_t)(qlen - 1) * sizeof q[0]);
      qlen--;
      sockmsg_free(m);
      CHECK(puts_done == before + nf);
      CHECK(uncharges[s] == unc + 1);
    } else if (op == 9 && rand() % 50 == 0) {
      int before = puts_done, nf = 0;
      for (int i = 0; i < qlen; i++)
        nf += q[i].nfds;
      for (int i = 0; i < qlen; i++)
        live_truesize[q[i].sender] -= q[i].m->truesize;
      purging = true; /* the charge drops message by message */
      sockq_purge(&sq);
      purging = false;
      qlen = 0;
      CHECK(puts_done == before + nf);
    }
    verify(&sq);
  }
  CHECK(uncharge_saw_drop);
  while (qlen) {
    model_free(0);
    sockmsg_free(sockq_pop(&sq));
    memmove(q, q + 1, (size_t)(qlen - 1) * sizeof q[0]);
    qlen--;
  }
  for (int s = 0; s < SENDERS; s++)
    CHECK(charge[s] == 0);
  CHECK(puts_done == fds_given);
  return check_done("unit.proc.sockbuf");
}
