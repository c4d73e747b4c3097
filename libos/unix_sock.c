/* AF_UNIX sockets: their life (creation, references, release), their
 * files' operations (read, write, poll), and the helpers the connection
 * and data files share (unix_sock.h). */
#include <libos/unix_sock.h>

#include <hal/time.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/poll.h>
#include <libos/task.h>
#include <libos/uaccess.h>
#include <libos/unix_inflight.h>
#include <libos/vfs.h>
#include <libos/wait.h>
#include <uapi/errno.h>

/* sockfs: where socket inodes live for fstat (never mounted; S_IFSOCK,
 * mode 0777, owned by the creator, as Linux's sock_alloc). */
static struct super sockfs = {.dev = 0x08, .magic = 0x534f434b};

static const struct file_ops stream_file_ops, dgram_file_ops;

struct usock *usock_of(const struct file *f) {
  if (f->path_only || (f->ops != &stream_file_ops && f->ops != &dgram_file_ops))
    return 0;
  return f->priv;
}

struct sock_cred usock_current_cred(bool effective) {
  const struct proc *p = current_proc();
  struct sock_cred c = {(uint32_t)p->pid,
                        effective ? p->cred.euid : p->cred.ruid,
                        effective ? p->cred.egid : p->cred.rgid};
  return c;
}

void usock_get(struct usock *s) {
  s->refs++;
}

/* Entries left on a queue of a socket being freed belong to pollers of
 * other sockets (a datagram sender waiting for room here): wake them,
 * then unlink them so that nothing points into freed memory. */
static void waitq_detach_all(struct waitq *q) {
  waitq_wake(q, 0);
  while (q->head)
    waitq_del(q->head);
}

int usock_ioctl(struct usock *s, int which, long *val) {
  if (which == USOCK_IOC_OUTQ) {
    *val = (long)s->wmem;
    return 0;
  }
  if (s->state == US_LISTEN)
    return -EINVAL;
  if (which == USOCK_IOC_ATMARK) {
    /* 6.18's rule: the next message is the mark, or an empty one (a
     * mark's byte read) with the mark or nothing marked after it. */
    const struct sockmsg *h = s->rcvq.head;
    *val = h && (h == s->oob ||
                 (!sockmsg_left(h) && (!s->oob || h->next == s->oob)));
    return 0;
  }
  if (which != USOCK_IOC_INQ)
    return -ENOTTY;
  if (s->type == LINUX_SOCK_DGRAM)
    *val = s->rcvq.head ? (long)s->rcvq.head->len : 0;
  else
    *val = (long)s->rcvq.bytes;
  return 0;
}

void usock_put(struct usock *s) {
  if (--s->refs > 0)
    return;
  unix_gc_untrack(s);
  sockq_purge(&s->rcvq);
  waitq_detach_all(&s->wq);
  waitq_detach_all(&s->peer_wait);
  if (s->addr)
    unix_addr_put(s->addr);
  kfree(s);
}

struct usock *usock_alloc(int type) {
  struct usock *s = kzalloc(sizeof *s);
  if (!s)
    return 0;
  s->refs = 1;
  s->type = type;
  s->state = US_CLOSE;
  s->sndbuf = s->rcvbuf = USOCK_BUF_DEFAULT;
  s->backlog = USOCK_DGRAM_QLEN; /* listen() sets a listener's */
  s->peek_off = -1;
  unix_gc_track(s);
  return s;
}

/* A socket's end (its file's last close, or an embryo's whose listener
 * closed): a connected peer is hung up (ECONNRESET when data or a
 * connection was left unread here), the name is released, queued
 * messages and connections go, and every waiter looks again. */
static void usock_release(struct usock *s, bool embryo);

static void release_name(struct usock *s);

static void usock_release(struct usock *s, bool embryo) {
  s->dead = true;
  s->state = US_CLOSE;
  s->shutdown = US_SHUTDOWN_MASK;
  release_name(s);
  struct usock *p = s->peer;
  s->peer = 0;
  if (p) {
    if (s->type != LINUX_SOCK_DGRAM) {
      p->shutdown = US_SHUTDOWN_MASK;
      if (s->rcvq.count || embryo)
        p->err = ECONNRESET;
      waitq_wake(&p->wq, 0);
    }
    usock_put(p);
  }
  while (s->embryos) {
    struct usock *e = s->embryos;
    s->embryos = e->embryo_next;
    s->nembryos--;
    usock_release(e, true);
    usock_put(e);
  }
  s->embryos_tail = 0;
  s->oob = 0; /* the mark is a message the purge frees */
  sockq_purge(&s->rcvq);
  waitq_wake(&s->wq, 0);
  waitq_wake(&s->peer_wait, 0);
}

/* A path's inode stops naming the socket (connect then finds nobody,
 * ECONNREFUSED, as after Linux's unix_remove_socket); an abstract name
 * becomes free. */
extern void unix_abstract_remove(struct usock *s);

static void release_name(struct usock *s) {
  if (!s->addr)
    return;
  if (s->addr->inode) {
    if (s->addr->inode->sock == s)
      s->addr->inode->sock = 0;
  } else {
    unix_abstract_remove(s);
  }
}

static void sock_file_release(struct file *f) {
  struct usock *s = f->priv;
  s->file = 0;
  usock_release(s, false);
  usock_put(s); /* the file's reference */
  if (unix_inflight_total())
    unix_gc(); /* unix_release_sock: something in flight may be garbage */
}

void usock_msg_release(struct usock_msg *m) {
  for (unsigned i = 0; i < m->nfds; i++)
    file_put(m->fds[i]);
  kfree(m->fds);
  m->fds = 0;
  m->nfds = 0;
}

/* read(2) and write(2) are recv and send of one segment without a
 * control buffer (sock_read_iter, sock_write_iter). */
static long sock_file_io(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                         bool write) {
  struct usock *s = f->priv;
  if (!write && n == 0)
    return 0; /* sock_read_iter: "match SYS5 behaviour" */
  struct linux_iovec v = {ubuf, n};
  struct usock_msg *m = kzalloc(sizeof *m);
  if (!m)
    return -ENOMEM;
  m->data = (struct sock_iov){.mm = mm, .seg = &v, .nseg = 1, .total = n};
  unsigned flags = f->flags & LINUX_O_NONBLOCK ? LINUX_MSG_DONTWAIT : 0;
  if (write && s->type == LINUX_SOCK_SEQPACKET)
    flags |= LINUX_MSG_EOR;
  long r = write ? usock_send(s, m, flags) : usock_recv(s, m, n, flags);
  usock_msg_release(m); /* passed files are dropped (MSG_CTRUNC) */
  kfree(m);
  return r;
}

static long sock_file_read(struct file *f, struct mm *mm, uint64_t ubuf,
                           size_t n, uint64_t *pos) {
  (void)pos;
  return sock_file_io(f, mm, ubuf, n, false);
}

static long sock_file_write(struct file *f, struct mm *mm, uint64_t ubuf,
                            size_t n, uint64_t *pos) {
  (void)pos;
  return sock_file_io(f, mm, ubuf, n, true);
}

void usock_peek_fwd(struct usock *s, size_t n) {
  if (s->peek_off >= 0)
    s->peek_off += (int32_t)n;
}

void usock_peek_bwd(struct usock *s, size_t n) {
  if (s->peek_off >= 0)
    s->peek_off = (size_t)s->peek_off > n ? s->peek_off - (int32_t)n : 0;
}

bool usock_writable(const struct usock *s) {
  return s->state != US_LISTEN && (s->wmem << 2) <= (size_t)s->sndbuf;
}

/* Is a datagram receiver's queue over its limit (unix_recvq_full)? */
static bool recvq_full(const struct usock *r) {
  return r->rcvq.count > r->backlog;
}

/* unix_poll (streams) and unix_dgram_poll (datagrams, seqpacket). */
static unsigned sock_file_poll(struct file *f, struct poll_table *pt) {
  struct usock *s = f->priv;
  poll_wait(f, &s->wq, pt);
  unsigned mask = 0;
  if (s->err)
    mask |= LINUX_POLLERR;
  if (s->shutdown == US_SHUTDOWN_MASK)
    mask |= LINUX_POLLHUP;
  if (s->shutdown & US_RCV_SHUTDOWN)
    mask |= LINUX_POLLRDHUP | LINUX_POLLIN | LINUX_POLLRDNORM;
  if (s->rcvq.count || s->nembryos)
    mask |= LINUX_POLLIN | LINUX_POLLRDNORM;
  if (s->oob)
    mask |= LINUX_POLLPRI;
  if (s->type != LINUX_SOCK_DGRAM && s->state == US_CLOSE)
    mask |= LINUX_POLLHUP;
  bool writable = usock_writable(s);
  struct usock *p = s->peer;
  if (writable && s->type != LINUX_SOCK_STREAM && p && p->peer != s &&
      recvq_full(p)) {
    /* Linux's unix_dgram_peer_wake_me: hear when the peer drains. */
    poll_wait(f, &p->peer_wait, pt);
    writable = false;
  }
  if (writable)
    mask |= LINUX_POLLOUT | LINUX_POLLWRNORM | LINUX_POLLWRBAND;
  return mask;
}

static const struct file_ops stream_file_ops = {.read = sock_file_read,
                                                .write = sock_file_write,
                                                .poll = sock_file_poll,
                                                .release = sock_file_release,
                                                .waits_itself = true};
/* Datagram and seqpacket sends never raise SIGPIPE (unix_dgram_sendmsg). */
static const struct file_ops dgram_file_ops = {.read = sock_file_read,
                                               .write = sock_file_write,
                                               .poll = sock_file_poll,
                                               .release = sock_file_release,
                                               .no_sigpipe = true,
                                               .waits_itself = true};

int usock_attach_file(struct usock *s, unsigned fflags, struct file **out) {
  const struct proc *p = current_proc();
  struct vfs_cred c = {.uid = p->cred.fsuid, .gid = p->cred.fsgid};
  struct inode *ino = inode_new(&sockfs, LINUX_S_IFSOCK | 0777, &c);
  if (!ino)
    return -ENOMEM;
  ino->nlink = 1;
  ino->anon = true;
  const struct file_ops *ops =
      s->type == LINUX_SOCK_STREAM ? &stream_file_ops : &dgram_file_ops;
  struct file *f = file_new(ops, LINUX_O_RDWR | fflags, s);
  if (!f) {
    inode_put(ino);
    return -ENOMEM;
  }
  f->inode = ino;
  s->file = f;
  *out = f;
  return 0;
}

int usock_create(int type, unsigned fflags, struct file **out) {
  struct usock *s = usock_alloc(type);
  if (!s)
    return -ENOMEM;
  int err = usock_attach_file(s, fflags, out);
  if (err)
    usock_put(s);
  return err;
}

int usock_pair(int type, unsigned fflags, struct file **a, struct file **b) {
  struct file *fa, *fb;
  int err = usock_create(type, fflags, &fa);
  if (err)
    return err;
  err = usock_create(type, fflags, &fb);
  if (err) {
    file_put(fa);
    return err;
  }
  struct usock *sa = fa->priv, *sb = fb->priv;
  usock_get(sb);
  sa->peer = sb;
  usock_get(sa);
  sb->peer = sa;
  sa->state = sb->state = US_ESTABLISHED;
  sa->peercred = sb->peercred = usock_current_cred(true);
  sa->has_peercred = sb->has_peercred = true;
  *a = fa;
  *b = fb;
  return 0;
}

struct sock_sleeper {
  struct wait_entry w;
  bool woken;
};

static bool sleeper_wake(struct wait_entry *e, unsigned mask) {
  (void)mask;
  ((struct sock_sleeper *)e)->woken = true;
  return true;
}

static bool sleeper_woken(void *arg) {
  return ((struct sock_sleeper *)arg)->woken;
}

/* One CPU, no preemption: the caller's check and this registration see
 * the same state, so no wake is lost in between. */
int usock_sleep(struct waitq *q, uint64_t deadline) {
  struct sock_sleeper sl;
  memset(&sl, 0, sizeof sl);
  sl.w.func = sleeper_wake;
  waitq_add(q, &sl.w);
  enum wait_result r = wait_event(sleeper_woken, &sl, deadline);
  waitq_del(&sl.w);
  if (r == WAIT_SIGNAL)
    return deadline == WAIT_FOREVER ? -ERESTARTSYS : -EINTR;
  return r == WAIT_TIMEOUT ? -EAGAIN : 0;
}

uint64_t usock_deadline(uint64_t timeo) {
  if (!timeo)
    return WAIT_FOREVER;
  if (timeo == USOCK_TIMEO_NOW)
    return 0;
  uint64_t now = hal_clock_ns();
  return timeo >= WAIT_FOREVER - now ? WAIT_FOREVER - 1 : now + timeo;
}

int usock_take_error(struct usock *s) {
  int e = s->err;
  s->err = 0;
  return e;
}

/* A message's charge went back to its sender: writers may go on
 * (Linux's unix_write_space wakes once the socket is writable). */
static void usock_uncharged(void *owner) {
  struct usock *s = owner;
  if (usock_writable(s))
    waitq_wake(&s->wq, LINUX_POLLOUT | LINUX_POLLWRNORM | LINUX_POLLWRBAND);
  usock_put(s);
}

/* sock_alloc_send_pskb: the pending error, then SHUT_WR, then room. */
int usock_alloc_msg(struct usock *s, size_t len, uint64_t deadline,
                    struct sockmsg **out) {
  for (;;) {
    int e = usock_take_error(s);
    if (e)
      return -e;
    if (s->shutdown & US_SEND_SHUTDOWN)
      return -EPIPE;
    if (s->wmem < (size_t)s->sndbuf)
      break;
    if (!deadline)
      return -EAGAIN;
    usock_get(s);
    int r = usock_sleep(&s->wq, deadline);
    usock_put(s);
    if (r)
      return r;
  }
  struct sockmsg *m = sockmsg_new(len, &s->wmem);
  if (!m)
    return -ENOMEM;
  usock_get(s);
  m->owner = s;
  m->uncharged = usock_uncharged;
  m->cred = usock_current_cred(false);
  *out = m;
  return 0;
}

void usock_queue(struct usock *r, struct sockmsg *m) {
  sockq_push(&r->rcvq, m);
  waitq_wake(&r->wq, LINUX_POLLIN | LINUX_POLLPRI | LINUX_POLLRDNORM |
                         LINUX_POLLRDBAND);
}

long usock_send(struct usock *s, struct usock_msg *m, unsigned flags) {
  if (s->type == LINUX_SOCK_STREAM)
    return unix_stream_send(s, m, flags);
  if (s->type == LINUX_SOCK_SEQPACKET) {
    if (s->state != US_ESTABLISHED)
      return -ENOTCONN;
    m->dest = 0; /* unix_seqpacket_sendmsg ignores an address */
  }
  return unix_dgram_send(s, m, flags);
}

long usock_recv(struct usock *s, struct usock_msg *m, size_t len,
                unsigned flags) {
  if (s->type == LINUX_SOCK_STREAM)
    return unix_stream_recv(s, m, len, flags);
  if (s->type == LINUX_SOCK_SEQPACKET && s->state != US_ESTABLISHED)
    return -ENOTCONN;
  return unix_dgram_recv(s, m, len, flags);
}

/* The current segment with bytes left, or NULL at the end. */
static const struct linux_iovec *iov_cur(struct sock_iov *v) {
  while (v->at < v->nseg && v->off >= v->seg[v->at].len) {
    v->at++;
    v->off = 0;
  }
  return v->at < v->nseg ? &v->seg[v->at] : 0;
}

static size_t iov_copy(struct sock_iov *v, char *k, size_t n, bool to_user) {
  size_t done = 0;
  const struct linux_iovec *s;
  while (done < n && (s = iov_cur(v))) {
    size_t c = s->len - v->off < n - done ? s->len - v->off : n - done;
    uint64_t u = s->base + v->off;
    size_t missed = to_user ? copy_to_user(v->mm, u, k + done, c)
                            : copy_from_user(v->mm, k + done, u, c);
    v->off += c - missed;
    done += c - missed;
    if (missed)
      break;
  }
  return n - done;
}

size_t sock_iov_from(struct sock_iov *v, void *dst, size_t n) {
  return iov_copy(v, dst, n, false);
}

size_t sock_iov_to(struct sock_iov *v, const void *src, size_t n) {
  return iov_copy(v, (char *)src, n, true);
}

int usock_attach(struct sockmsg *msg, struct usock_msg *m) {
  if (m->nfds) {
    long *inflight = unix_inflight_counter(m->fd_uid);
    if (!inflight)
      return -ENOMEM;
    if (*inflight > m->fd_limit) /* too_many_unix_fds: past, not at */
      return -ETOOMANYREFS;
    *inflight += m->nfds;
    msg->fd_charge = inflight;
  }
  msg->fds = m->fds;
  msg->nfds = m->nfds;
  m->fds = 0;
  m->nfds = 0;
  if (m->has_cred)
    msg->cred = m->cred;
  return 0;
}

int usock_deliver(struct usock_msg *m, struct sockmsg *msg, bool peek) {
  struct usock *from = msg->owner;
  m->name_len = 0;
  if (from && from->addr) {
    memcpy(m->name, from->addr->sa, from->addr->len);
    m->name_len = from->addr->len;
  }
  m->cred = msg->cred;
  m->has_cred = true;
  if (!msg->nfds)
    return 0;
  struct file **fds = kzalloc(msg->nfds * sizeof *fds);
  if (!fds)
    return -ENOMEM;
  for (unsigned i = 0; i < msg->nfds; i++) {
    fds[i] = msg->fds[i];
    if (peek)
      file_get(fds[i]); /* Linux clones peeked files */
  }
  m->fds = fds;
  m->nfds = msg->nfds;
  if (!peek) { /* the files are the receiver's now: no longer in flight */
    if (msg->fd_charge)
      *msg->fd_charge -= msg->nfds;
    msg->fd_charge = 0;
    kfree(msg->fds);
    msg->fds = 0;
    msg->nfds = 0;
  }
  return 0;
}
