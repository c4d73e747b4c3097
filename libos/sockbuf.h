/* Socket buffers: the messages queued on a socket and the bytes charged
 * for them. A message (Linux's sk_buff) holds its data, what its sender
 * attached (credentials, passed files) and who sent it; it is charged
 * `truesize` bytes to its sender's counter from creation until it is
 * freed, which is what bounds a sender (its SO_SNDBUF), as Linux's
 * sk_wmem_alloc does. A queue is FIFO and counts its messages and bytes.
 * Nothing here blocks or touches user memory. */
#ifndef LIBOS_SOCKBUF_H
#define LIBOS_SOCKBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;

/* What Linux charges a message beyond its data (the sk_buff and its
 * shared info on a 64-bit kernel, roughly): a flood of one-byte
 * messages fills a socket buffer as it does on Linux, not at 1 byte each. */
#define SOCKMSG_OVERHEAD 576

/* The sender's credentials a message carries (SCM_CREDENTIALS). */
struct sock_cred {
  uint32_t pid, uid, gid;
};

struct sockmsg {
  struct sockmsg *next;
  size_t len;                     /* data bytes */
  size_t consumed;                /* stream reads: the bytes already taken */
  size_t truesize;                /* what is charged to *charge */
  size_t *charge;                 /* the sender's counter (NULL: nobody's) */
  void (*uncharged)(void *owner); /* called after the charge drops */
  void *owner;                    /* the sender (its charge's owner) */
  struct sock_cred cred;
  unsigned nfds;
  struct file **fds; /* passed files, one reference each */
  bool peeked;       /* an empty datagram MSG_PEEK returned (skb->peeked) */
  long *fd_charge;   /* the sender's files-in-flight count, holding nfds */
  char data[];
};

struct sockq {
  struct sockmsg *head, *tail;
  unsigned count;
  size_t bytes; /* unread data bytes */
};

/* A message of `len` data bytes charged to *charge (may be NULL). NULL
 * when out of memory. */
struct sockmsg *sockmsg_new(size_t len, size_t *charge);

/* Free m: its passed files are put, its charge is returned and then
 * m->uncharged(m->owner) runs (the sender may now wake its writers). */
void sockmsg_free(struct sockmsg *m);

/* Unread bytes of m. */
static inline size_t sockmsg_left(const struct sockmsg *m) {
  return m->len - m->consumed;
}

void sockq_push(struct sockq *q, struct sockmsg *m);
/* Take the oldest message off (NULL when empty). */
struct sockmsg *sockq_pop(struct sockq *q);
/* A stream read took n bytes of the head message (n <= its unread). */
void sockq_consume(struct sockq *q, size_t n);
/* Free every message. */
void sockq_purge(struct sockq *q);

/* Take message m (anywhere in q) off the queue, without freeing it. */
void sockq_unlink(struct sockq *q, struct sockmsg *m);

/* A read took n bytes of message m, which need not be the head. */
void sockq_consume_msg(struct sockq *q, struct sockmsg *m, size_t n);

#endif
