/* AF_UNIX stream data (unix_stream_sendmsg, unix_stream_read_generic):
 * a send is cut into messages of at most half the send buffer, files
 * ride on the first; a read gathers messages until its buffer is full or
 * nothing is left, never across messages carrying files, nor across
 * different senders' credentials when it asked for them.
 *
 * Out-of-band data (CONFIG_AF_UNIX_OOB, as Debian's kernels have it): a
 * MSG_OOB send's last byte goes as a message of its own that becomes the
 * receiver's mark (a later one replaces it, the old byte staying as
 * data), with SIGURG to the receiver's owner. A read stops before the
 * mark once it has data; one that starts at it steps over the byte and
 * drops the mark (6.18; 6.1 kept the byte for MSG_OOB) unless
 * SO_OOBINLINE reads it as data. MSG_OOB takes the byte: EINVAL with no
 * mark or with SO_OOBINLINE. */
#include <libos/unix_sock.h>

#include <libos/fasync.h>
#include <uapi/errno.h>

/* Linux keeps a message to 32 KiB of pages plus a page of head. */
#define STREAM_CHUNK (32768 + 3776)

static size_t min_sz(size_t a, size_t b) {
  return a < b ? a : b;
}

/* queue_oob: the last byte of a MSG_OOB send, as the peer's new mark. */
static long send_oob(struct usock *s, struct usock_msg *m, uint64_t deadline) {
  struct sockmsg *msg;
  long err = usock_alloc_msg(s, 1, deadline, &msg);
  if (err)
    return err;
  err = usock_attach(msg, m); /* the files, when nothing went before */
  if (!err && sock_iov_from(&m->data, msg->data, 1))
    err = -EFAULT;
  struct usock *p = s->peer;
  if (!err && (!p || p->dead || (p->shutdown & US_RCV_SHUTDOWN)))
    err = -EPIPE;
  if (err) {
    sockmsg_free(msg);
    return err;
  }
  p->oob = msg; /* an old mark's byte is data now */
  usock_queue(p, msg);
  if (p->file)
    fown_send_sigurg(p->file);
  return 0;
}

long unix_stream_send(struct usock *s, struct usock_msg *m, unsigned flags) {
  bool oob = flags & LINUX_MSG_OOB;
  if (oob && !m->data.total)
    return -EOPNOTSUPP;
  if (m->dest)
    return s->state == US_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
  if (!s->peer)
    return -ENOTCONN;
  if (s->shutdown & US_SEND_SHUTDOWN)
    return -EPIPE;
  uint64_t deadline =
      flags & LINUX_MSG_DONTWAIT ? 0 : usock_deadline(s->sndtimeo);
  size_t len = m->data.total - oob, sent = 0;
  long err = 0;
  while (sent < len) {
    size_t size = min_sz(len - sent, (size_t)(s->sndbuf >> 1) - 64);
    size = min_sz(size, STREAM_CHUNK);
    struct sockmsg *msg;
    err = usock_alloc_msg(s, size, deadline, &msg);
    if (err)
      break;
    err = usock_attach(msg, m); /* only the first message gets the files */
    if (!err && sock_iov_from(&m->data, msg->data, size))
      err = -EFAULT;
    if (err) {
      sockmsg_free(msg);
      break;
    }
    struct usock *p = s->peer;
    if (!p || p->dead || (p->shutdown & US_RCV_SHUTDOWN)) {
      sockmsg_free(msg);
      err = -EPIPE;
      break;
    }
    usock_queue(p, msg);
    sent += size;
  }
  if (oob && !err) {
    err = send_oob(s, m, deadline);
    sent += !err;
  }
  return sent ? (long)sent : err;
}

/* The message `skip` unread bytes in, and the bytes of it to skip. */
static struct sockmsg *msg_at(struct usock *s, size_t *skip) {
  struct sockmsg *msg = s->rcvq.head;
  while (msg && *skip >= sockmsg_left(msg)) {
    *skip -= sockmsg_left(msg);
    msg = msg->next;
  }
  return msg;
}

static bool same_cred(const struct sock_cred *a, const struct sock_cred *b) {
  return a->pid == b->pid && a->uid == b->uid && a->gid == b->gid;
}

/* unix_stream_recv_urg: the mark's byte. Linux forgets the mark before
 * copying, so a bad buffer loses the byte (EFAULT). */
static long recv_oob(struct usock *s, struct usock_msg *m, unsigned flags) {
  struct sockmsg *o = s->oob;
  if (!o || s->opt[LINUX_SO_OOBINLINE])
    return -EINVAL;
  bool peek = flags & LINUX_MSG_PEEK;
  bool fault =
      !m->data.total || sock_iov_to(&m->data, o->data + o->consumed, 1);
  if (!peek) {
    s->oob = 0;
    sockq_consume_msg(&s->rcvq, o, 1); /* an empty message, read past */
  }
  if (fault)
    return -EFAULT;
  m->flags_out |= LINUX_MSG_OOB;
  return 1;
}

/* Messages at the head with nothing left (a mark's byte read with
 * MSG_OOB) go when a read reaches them. */
static void drop_empty_head(struct usock *s) {
  struct sockmsg *h;
  while ((h = s->rcvq.head) && !sockmsg_left(h) && h != s->oob)
    sockmsg_free(sockq_pop(&s->rcvq));
}

long unix_stream_recv(struct usock *s, struct usock_msg *m, size_t size,
                      unsigned flags) {
  if (s->state != US_ESTABLISHED)
    return -EINVAL;
  if (flags & LINUX_MSG_OOB)
    return recv_oob(s, m, flags);
  bool peek = flags & LINUX_MSG_PEEK;
  uint64_t deadline =
      flags & LINUX_MSG_DONTWAIT ? 0 : usock_deadline(s->rcvtimeo);
  size_t target = flags & LINUX_MSG_WAITALL ? size : min_sz(1, size);
  if (!target)
    target = 1;
  size_t copied = 0;
  /* A peek starts SO_PEEK_OFF bytes in and gathers on from there. */
  size_t peeked = peek && s->peek_off > 0 ? (size_t)s->peek_off : 0;
  bool check_creds = false, named = false;
  struct sock_cred cred = {0, 0, 0};
  long err = 0;
  do {
    if (s->dead) {
      err = -ECONNRESET;
      break;
    }
    if (!peek)
      drop_empty_head(s);
    size_t skip = peeked;
    struct sockmsg *msg = msg_at(s, &skip);
    if (msg && msg == s->oob) { /* manage_oob */
      if (copied)
        break; /* a read stops at the mark */
      if (s->opt[LINUX_SO_OOBINLINE]) {
        if (!peek)
          s->oob = 0; /* read as data from here on */
      } else if (!peek) {
        sockq_unlink(&s->rcvq, msg); /* stepped over: the mark goes */
        sockmsg_free(msg);
        s->oob = 0;
        continue;
      } else {
        peeked += sockmsg_left(msg) - skip;
        continue;
      }
    }
    if (!msg) {
      if (copied >= target)
        break;
      err = -usock_take_error(s); /* POSIX 1003.1g: the error first */
      if (err || (s->shutdown & US_RCV_SHUTDOWN))
        break;
      if (!deadline) {
        err = -EAGAIN;
        break;
      }
      usock_get(s);
      err = usock_sleep(&s->wq, deadline);
      usock_put(s);
      if (err)
        break;
      continue;
    }
    if (check_creds) {
      if (!same_cred(&cred, &msg->cred))
        break; /* never glue messages from different writers */
    } else if (s->passcred) {
      cred = msg->cred;
      check_creds = true;
    }
    size_t chunk = min_sz(sockmsg_left(msg) - skip, size);
    if (sock_iov_to(&m->data, msg->data + msg->consumed + skip, chunk)) {
      if (!copied)
        err = -EFAULT;
      break;
    }
    if (!named || msg->nfds) {
      if (usock_deliver(m, msg, peek) && !copied)
        err = -ENOMEM;
      named = true;
    }
    copied += chunk;
    size -= chunk;
    bool had_fds = m->nfds > 0;
    if (peek) {
      peeked += chunk;
      usock_peek_fwd(s, chunk);
      /* A peek gathers only what is queued: it never waits once it has
       * copied something, even under MSG_WAITALL. */
      if (had_fds || !msg->next)
        break;
      continue;
    }
    sockq_consume(&s->rcvq, chunk);
    usock_peek_bwd(s, chunk);
    if (sockmsg_left(msg))
      break;
    sockmsg_free(sockq_pop(&s->rcvq));
    if (had_fds)
      break;
  } while (size);
  m->has_cred = check_creds;
  if (check_creds)
    m->cred = cred;
  return copied ? (long)copied : err;
}
