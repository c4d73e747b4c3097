/* AF_UNIX connections (unix_sock.h): listen, connect through a
 * listener's backlog (the server end is made at connect time and waits
 * there, Linux's embryo), accept, a datagram socket's peer, shutdown. */
#include <libos/unix_sock.h>

#include <libos/poll.h>
#include <uapi/errno.h>

static bool connection_based(const struct usock *s) {
  return s->type == LINUX_SOCK_STREAM || s->type == LINUX_SOCK_SEQPACKET;
}

/* unix_listen: streams and seqpacket only, bound, not connected; the
 * backlog is the caller's (cut to somaxconn by the syscall). */
int usock_listen(struct usock *s, int backlog) {
  if (!connection_based(s))
    return -EOPNOTSUPP;
  if (!s->addr)
    return -EINVAL;
  if (s->state != US_CLOSE && s->state != US_LISTEN)
    return -EINVAL;
  if ((unsigned)backlog > s->backlog)
    waitq_wake(&s->peer_wait, 0); /* connectors may fit now */
  s->backlog = (unsigned)backlog;
  s->state = US_LISTEN;
  s->peercred = usock_current_cred(true);
  s->has_peercred = true;
  return 0;
}

/* unix_stream_connect, in its order: find the listener, refused unless
 * it listens and reads, wait while its backlog is full (EAGAIN
 * non-blocking), then our own state (EISCONN, EINVAL). */
static int stream_connect(struct usock *s, const struct unix_dest *d,
                          bool nonblock) {
  /* unix_stream_connect waits for backlog room with the send timeout. */
  uint64_t deadline = nonblock ? 0 : usock_deadline(s->sndtimeo);
  struct usock *l;
  for (;;) {
    int err = usock_find(d, s->type, &l);
    if (err)
      return err;
    if (l->state != US_LISTEN || (l->shutdown & US_RCV_SHUTDOWN)) {
      usock_put(l);
      return -ECONNREFUSED;
    }
    if (l->nembryos <= l->backlog)
      break;
    if (!deadline) {
      usock_put(l);
      return -EAGAIN;
    }
    err = usock_sleep(&l->peer_wait, deadline);
    usock_put(l);
    if (err)
      return err;
  }
  int err = s->state == US_ESTABLISHED ? -EISCONN
            : s->state != US_CLOSE     ? -EINVAL
                                       : 0;
  struct usock *n = err ? 0 : usock_alloc(s->type);
  if (!err && !n)
    err = -ENOMEM;
  if (err) {
    usock_put(l);
    return err;
  }
  /* The server end: connected to us, named as the listener, its peer's
   * credentials ours; ours the listener's. */
  n->state = US_ESTABLISHED;
  n->sndbuf = l->sndbuf;
  usock_get(s);
  n->peer = s;
  if (l->addr) {
    l->addr->refs++;
    n->addr = l->addr;
  }
  n->peercred = usock_current_cred(true);
  n->has_peercred = true;
  s->peercred = l->peercred;
  s->has_peercred = l->has_peercred;
  usock_get(n);
  s->peer = n;
  s->state = US_ESTABLISHED;
  /* n's creation reference goes to the backlog. */
  if (l->embryos_tail)
    l->embryos_tail->embryo_next = n;
  else
    l->embryos = n;
  l->embryos_tail = n;
  l->nembryos++;
  waitq_wake(&l->wq, LINUX_POLLIN | LINUX_POLLRDNORM);
  usock_put(l);
  return 0;
}

/* unix_dgram_connect: a new peer (EPERM when it is connected to another
 * socket); the old one is simply forgotten. */
static int dgram_connect(struct usock *s, const struct unix_dest *d) {
  struct usock *o;
  int err = usock_find(d, s->type, &o);
  if (err)
    return err;
  if (o->peer && o->peer != s) {
    usock_put(o);
    return -EPERM;
  }
  struct usock *old = s->peer;
  s->peer = o; /* the find's reference */
  s->state = US_ESTABLISHED;
  if (old)
    usock_put(old);
  return 0;
}

int usock_connect(struct usock *s, const struct unix_dest *d, bool nonblock) {
  if (s->passcred && !s->addr) {
    int err = usock_autobind(s);
    if (err)
      return err;
  }
  return connection_based(s) ? stream_connect(s, d, nonblock)
                             : dgram_connect(s, d);
}

int usock_disconnect(struct usock *s) {
  if (connection_based(s))
    return -EINVAL; /* the address check of unix_stream_connect */
  struct usock *old = s->peer;
  s->peer = 0;
  s->state = US_CLOSE;
  if (old)
    usock_put(old);
  return 0;
}

/* unix_accept: the oldest waiting connection gets a file; connectors
 * waiting for backlog room hear of it. */
int usock_accept(struct usock *s, unsigned fflags, bool nonblock,
                 struct file **out) {
  if (!connection_based(s))
    return -EOPNOTSUPP;
  if (s->state != US_LISTEN)
    return -EINVAL;
  uint64_t deadline = nonblock ? 0 : usock_deadline(s->rcvtimeo);
  while (!s->embryos) {
    int e = usock_take_error(s);
    if (e)
      return -e;
    if (!deadline)
      return -EAGAIN;
    usock_get(s);
    int err = usock_sleep(&s->wq, deadline);
    bool gone = s->dead;
    usock_put(s);
    if (err)
      return err;
    if (gone)
      return -EINVAL;
  }
  struct usock *n = s->embryos;
  int err = usock_attach_file(n, fflags, out);
  if (err)
    return err;
  s->embryos = n->embryo_next;
  if (!s->embryos)
    s->embryos_tail = 0;
  n->embryo_next = 0;
  s->nembryos--;
  waitq_wake(&s->peer_wait, 0);
  return 0;
}

/* unix_shutdown: our side closes for reading and/or writing; a
 * connected stream or seqpacket peer closes the other way. Unconnected
 * sockets may shut down too. */
int usock_shutdown(struct usock *s, int how) {
  if (how < LINUX_SHUT_RD || how > LINUX_SHUT_RDWR)
    return -EINVAL;
  unsigned mode = (unsigned)how + 1; /* RD -> RCV, WR -> SEND, RDWR both */
  s->shutdown |= mode;
  waitq_wake(&s->wq, 0);
  struct usock *p = s->peer;
  if (p && connection_based(s)) {
    unsigned pm = 0;
    if (mode & US_RCV_SHUTDOWN)
      pm |= US_SEND_SHUTDOWN;
    if (mode & US_SEND_SHUTDOWN)
      pm |= US_RCV_SHUTDOWN;
    p->shutdown |= pm;
    waitq_wake(&p->wq, 0);
  }
  return 0;
}
