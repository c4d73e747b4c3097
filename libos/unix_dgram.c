/* AF_UNIX datagrams and seqpacket records (unix_dgram_sendmsg,
 * __unix_dgram_recvmsg): one send is one message, kept whole; a receive
 * takes one message, cut to the buffer (MSG_TRUNC). A receiver that is
 * not the sender's peer holds at most max_dgram_qlen + 1 messages. */
#include <libos/unix_sock.h>

#include <uapi/errno.h>
#include <uapi/poll.h>

static bool recvq_full(const struct usock *r) {
  return r->rcvq.count > r->backlog;
}

/* Where the message goes, with a reference: the address given, or the
 * peer. */
static int dgram_target(struct usock *s, const struct usock_msg *m,
                        struct usock **out) {
  if (m->dest)
    return usock_find(m->dest, s->type, out);
  if (!s->peer)
    return -ECONNRESET;
  usock_get(s->peer);
  *out = s->peer;
  return 0;
}

/* The message is ready: find its receiver and queue it, waiting while a
 * receiver that is not our peer is full. */
static long dgram_deliver(struct usock *s, struct usock_msg *m,
                          struct sockmsg *msg, uint64_t deadline) {
  for (;;) {
    struct usock *o;
    int err = dgram_target(s, m, &o);
    if (err)
      return err;
    if (o->peer && o->peer != s) {
      usock_put(o);
      return -EPERM; /* unix_may_send */
    }
    if (o->dead) {
      usock_put(o);
      if (s->type == LINUX_SOCK_SEQPACKET)
        return -EPIPE;
      if (s->peer == o) { /* the peer closed: forget it, once */
        s->peer = 0;
        s->state = US_CLOSE;
        usock_put(o);
        return -ECONNREFUSED;
      }
      continue; /* a dead socket's name is gone: the next find fails */
    }
    if (o->shutdown & US_RCV_SHUTDOWN) {
      usock_put(o);
      return -EPIPE;
    }
    if (o != s && o->peer != s && recvq_full(o)) {
      if (!deadline) {
        usock_put(o);
        return -EAGAIN;
      }
      err = usock_sleep(&o->peer_wait, deadline);
      usock_put(o);
      if (err)
        return err;
      continue;
    }
    usock_queue(o, msg);
    usock_put(o);
    return 0;
  }
}

long unix_dgram_send(struct usock *s, struct usock_msg *m, unsigned flags) {
  if (flags & LINUX_MSG_OOB)
    return -EOPNOTSUPP;
  size_t len = m->data.total;
  if (len > (size_t)s->sndbuf - 32)
    return -EMSGSIZE; /* 6.18 looks at the size first */
  if (!m->dest && !s->peer)
    return -ENOTCONN;
  if (s->passcred && !s->addr) {
    int err = usock_autobind(s);
    if (err)
      return err;
  }
  uint64_t deadline =
      flags & LINUX_MSG_DONTWAIT ? 0 : usock_deadline(s->sndtimeo);
  struct sockmsg *msg;
  int err = usock_alloc_msg(s, len, deadline, &msg);
  if (err)
    return err;
  long r = usock_attach(msg, m);
  if (!r && sock_iov_from(&m->data, msg->data, len))
    r = -EFAULT;
  if (!r)
    r = dgram_deliver(s, m, msg, deadline);
  if (r) {
    sockmsg_free(msg);
    return r;
  }
  return (long)len;
}

/* The datagram a receive takes: the first, or for a peek under
 * SO_PEEK_OFF the one the offset falls in, with *skip its bytes before
 * the offset (__skb_try_recv_from_queue: the datagrams the offset covers
 * are passed over, an empty one at offset 0 only once it was peeked). */
static struct sockmsg *dgram_at(struct usock *s, bool peek, size_t *skip) {
  struct sockmsg *msg = s->rcvq.head;
  *skip = 0;
  if (!peek || s->peek_off < 0)
    return msg;
  size_t off = (size_t)s->peek_off;
  while (msg && off >= msg->len && (off || msg->peeked)) {
    off -= msg->len;
    msg = msg->next;
  }
  *skip = off;
  return msg;
}

long unix_dgram_recv(struct usock *s, struct usock_msg *m, size_t size,
                     unsigned flags) {
  if (flags & LINUX_MSG_OOB)
    return -EOPNOTSUPP;
  bool peek = flags & LINUX_MSG_PEEK;
  uint64_t deadline =
      flags & LINUX_MSG_DONTWAIT ? 0 : usock_deadline(s->rcvtimeo);
  bool seqpacket = s->type == LINUX_SOCK_SEQPACKET;
  struct sockmsg *msg;
  size_t skip;
  while (!(msg = dgram_at(s, peek, &skip))) {
    int e = usock_take_error(s);
    if (e)
      return -e;
    if (!deadline) /* EOF only for a disconnected seqpacket socket */
      return seqpacket && (s->shutdown & US_RCV_SHUTDOWN) ? 0 : -EAGAIN;
    if (s->shutdown & US_RCV_SHUTDOWN)
      return 0;
    if (seqpacket && s->state != US_ESTABLISHED)
      return -ENOTCONN;
    usock_get(s);
    int err = usock_sleep(&s->wq, deadline);
    usock_put(s);
    if (err)
      return err;
  }
  if (peek) {
    if (!msg->len)
      msg->peeked = true;
  } else {
    sockq_pop(&s->rcvq);
    waitq_wake(&s->peer_wait,
               LINUX_POLLOUT | LINUX_POLLWRNORM | LINUX_POLLWRBAND);
  }
  size_t n = msg->len - skip;
  if (size > n)
    size = n;
  else if (size < n)
    m->flags_out |= LINUX_MSG_TRUNC;
  long r = 0;
  if (sock_iov_to(&m->data, msg->data + skip, size))
    r = -EFAULT; /* the message is gone, as on Linux */
  else if (peek)
    usock_peek_fwd(s, size);
  else
    usock_peek_bwd(s, msg->len);
  if (!r && usock_deliver(m, msg, peek))
    r = -ENOMEM;
  if (!peek)
    sockmsg_free(msg);
  if (r)
    return r;
  return flags & LINUX_MSG_TRUNC ? (long)n : (long)size;
}
