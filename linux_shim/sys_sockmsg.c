/* Socket data calls (net/socket.c of 6.18): sendto, recvfrom, sendmsg,
 * recvmsg, sendmmsg, recvmmsg. The user's buffer or iovec is checked
 * first (import_ubuf / import_iovec), then the descriptor, the address
 * and the control data; the core (libos/unix_sock.h) moves the bytes.
 * A stream send that answers EPIPE raises SIGPIPE unless MSG_NOSIGNAL. */
#include <hal/time.h>
#include <libos/fd.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/unix_sock.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/pollarg.h>
#include <linux_shim/sockarg.h>
#include <linux_shim/sockcmsg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/time.h>

/* One call's kernel state: the message, its iovec and its address. */
struct sockcall {
  struct usock_msg m;
  struct linux_iovec one;
  struct linux_iovec *iov; /* &one or a heap array */
  char sa[LINUX_SOCKADDR_STORAGE + 1];
  struct unix_dest dest;
};

static struct sockcall *call_new(void) {
  struct sockcall *c = kzalloc(sizeof *c);
  if (c)
    c->iov = &c->one;
  return c;
}

static void call_free(struct sockcall *c) {
  if (!c)
    return;
  usock_msg_release(&c->m);
  sock_dest_put(&c->dest);
  if (c->iov != &c->one)
    kfree(c->iov);
  kfree(c);
}

static void set_data(struct sockcall *c, unsigned nseg, size_t total) {
  c->m.data = (struct sock_iov){
      .mm = current_proc()->mm, .seg = c->iov, .nseg = nseg, .total = total};
}

/* import_ubuf: one buffer, cut to MAX_RW_COUNT, in user space. */
static int import_buf(struct sockcall *c, uint64_t buf, uint64_t len) {
  if (len > MAX_RW_COUNT)
    len = MAX_RW_COUNT;
  if (!access_ok(buf, len))
    return -EFAULT;
  c->one = (struct linux_iovec){buf, len};
  set_data(c, 1, len);
  return 0;
}

/* import_iovec: at most UIO_MAXIOV segments (EMSGSIZE, as
 * copy_msghdr_from_user), lengths not negative (EINVAL), each in user
 * space (EFAULT); the total is cut at MAX_RW_COUNT. */
static int import_iov(struct sockcall *c, uint64_t uiov, uint64_t n) {
  if (n > LINUX_UIO_MAXIOV)
    return -EMSGSIZE;
  if (n > 1) {
    c->iov = kzalloc(n * sizeof *c->iov);
    if (!c->iov) {
      c->iov = &c->one;
      return -ENOMEM;
    }
  }
  if (n && copy_from_user(current_proc()->mm, c->iov, uiov, n * sizeof *c->iov))
    return -EFAULT;
  uint64_t total = 0;
  for (uint64_t i = 0; i < n; i++) {
    if ((int64_t)c->iov[i].len < 0)
      return -EINVAL;
    if (!access_ok(c->iov[i].base, c->iov[i].len))
      return -EFAULT;
    if (c->iov[i].len > MAX_RW_COUNT - total)
      c->iov[i].len = MAX_RW_COUNT - total;
    total += c->iov[i].len;
  }
  set_data(c, (unsigned)n, total);
  return 0;
}

/* The destination a send names: streams only note that one was given
 * (EISCONN / EOPNOTSUPP), seqpacket ignores it, datagrams check and
 * resolve it. */
static int send_dest(struct usock *s, struct sockcall *c, unsigned len) {
  if (!len || s->type == LINUX_SOCK_SEQPACKET)
    return 0;
  c->dest = (struct unix_dest){0, c->sa, len};
  if (s->type == LINUX_SOCK_DGRAM) {
    int err = sock_addr_check(c->sa, len);
    if (!err)
      err = sock_dest_get(c->sa, len, &c->dest);
    if (err)
      return err;
  }
  c->m.dest = &c->dest;
  return 0;
}

static struct file *sock_file(uint64_t fd) {
  return fd_get(current_proc()->fds, (int64_t)(int32_t)fd);
}

static long do_send(uint64_t fd, struct usock *s, struct sockcall *c,
                    unsigned flags) {
  if (sock_file(fd)->flags & LINUX_O_NONBLOCK)
    flags |= LINUX_MSG_DONTWAIT;
  long r = usock_send(s, &c->m, flags);
  if (r == -EPIPE && s->type == LINUX_SOCK_STREAM &&
      !(flags & LINUX_MSG_NOSIGNAL))
    io_raise_sigpipe();
  return r;
}

/* sendto's and recvfrom's start: the buffer (import_ubuf), then the
 * socket. */
static long buf_call(uint64_t fd, uint64_t buf, uint64_t len,
                     struct sockcall **c, struct usock **s) {
  *c = call_new();
  if (!*c)
    return -ENOMEM;
  long err = import_buf(*c, buf, len);
  return err ? err : sock_fd(fd, s);
}

SYSCALL_DEFINE(sendto) {
  struct sockcall *c;
  struct usock *s;
  long err = buf_call(a0, a1, a2, &c, &s);
  if (!err && a4) {
    err = sock_addr_in(a4, (int32_t)a5, c->sa);
    if (!err)
      err = send_dest(s, c, (unsigned)(int32_t)a5);
  }
  if (!err)
    err = do_send(a0, s, c, (uint32_t)a3);
  call_free(c);
  return err;
}

static long do_recv(uint64_t fd, struct usock *s, struct sockcall *c,
                    size_t len, unsigned flags) {
  if (sock_file(fd)->flags & LINUX_O_NONBLOCK)
    flags |= LINUX_MSG_DONTWAIT;
  return usock_recv(s, &c->m, len, flags);
}

SYSCALL_DEFINE(recvfrom) {
  struct sockcall *c;
  struct usock *s;
  long r = buf_call(a0, a1, a2, &c, &s);
  if (!r)
    r = do_recv(a0, s, c, c->m.data.total, (uint32_t)a3);
  if (r >= 0 && a4) {
    int err = sock_addr_out(c->m.name, (int)c->m.name_len, a4, a5);
    if (err)
      r = err;
  }
  call_free(c); /* files without a control buffer are dropped */
  return r;
}

/* copy_msghdr_from_user: the header (EFAULT), a negative msg_namelen
 * EINVAL; then the call's state. */
static long msg_call(uint64_t umsg, struct linux_msghdr *h,
                     struct sockcall **c) {
  if (copy_from_user(current_proc()->mm, h, umsg, sizeof *h))
    return -EFAULT;
  if ((int32_t)h->namelen < 0)
    return -EINVAL;
  *c = call_new();
  return *c ? 0 : -ENOMEM;
}

/* ____sys_sendmsg for one msghdr at `umsg`. */
static long sendmsg_one(uint64_t fd, struct usock *s, uint64_t umsg,
                        unsigned flags) {
  struct linux_msghdr h;
  struct sockcall *c;
  long err = msg_call(umsg, &h, &c);
  if (err)
    return err;
  unsigned namelen =
      h.namelen > LINUX_SOCKADDR_STORAGE ? LINUX_SOCKADDR_STORAGE : h.namelen;
  if (h.name && namelen)
    err = sock_addr_in(h.name, namelen, c->sa);
  if (!err)
    err = import_iov(c, h.iov, h.iovlen);
  if (!err && h.controllen > INT32_MAX)
    err = -ENOBUFS;
  char *ctl = 0;
  if (!err && h.controllen) {
    ctl = kzalloc(h.controllen);
    if (!ctl)
      err = -ENOBUFS;
    else if (copy_from_user(current_proc()->mm, ctl, h.control, h.controllen))
      err = -EFAULT;
    if (!err)
      err = cmsg_parse(ctl, h.controllen, &c->m);
  }
  kfree(ctl);
  if (!err && h.name)
    err = send_dest(s, c, namelen);
  if (!err)
    err = do_send(fd, s, c, flags);
  call_free(c);
  return err;
}

SYSCALL_DEFINE(sendmsg) {
  struct usock *s;
  int err = sock_fd(a0, &s);
  return err ? err : sendmsg_one(a0, s, a1, (uint32_t)a2);
}

/* ____sys_recvmsg for one msghdr at `umsg`: the data, then the control
 * messages, then the name, msg_flags and msg_controllen written back. */
static long recvmsg_one(uint64_t fd, struct usock *s, uint64_t umsg,
                        unsigned flags) {
  struct mm *mm = current_proc()->mm;
  struct linux_msghdr h;
  struct sockcall *c;
  long r = msg_call(umsg, &h, &c);
  if (r)
    return r;
  r = import_iov(c, h.iov, h.iovlen);
  if (!r)
    r = do_recv(fd, s, c, c->m.data.total, flags);
  if (r >= 0) {
    struct cmsg_out o = {h.control, h.controllen, h.control == 0, 0};
    int err =
        cmsg_deliver(&o, &c->m, s->passcred, flags & LINUX_MSG_CMSG_CLOEXEC);
    if (!err && h.name)
      err = sock_addr_out(c->m.name, (int)c->m.name_len, h.name,
                          umsg + offsetof(struct linux_msghdr, namelen));
    uint32_t mflags =
        c->m.flags_out | o.flags | (flags & LINUX_MSG_CMSG_CLOEXEC);
    uint64_t used = h.control ? o.ptr - h.control : 0;
    if (!err &&
        (copy_to_user(mm, umsg + offsetof(struct linux_msghdr, flags), &mflags,
                      sizeof mflags) ||
         copy_to_user(mm, umsg + offsetof(struct linux_msghdr, controllen),
                      &used, sizeof used)))
      err = -EFAULT;
    if (err)
      r = err;
  }
  call_free(c);
  return r;
}

SYSCALL_DEFINE(recvmsg) {
  struct usock *s;
  int err = sock_fd(a0, &s);
  return err ? err : recvmsg_one(a0, s, a1, (uint32_t)a2);
}

/* __sys_sendmmsg: at most UIO_MAXIOV messages; the count sent, or the
 * first one's error. */
SYSCALL_DEFINE(sendmmsg) {
  uint64_t vlen = (uint32_t)a2;
  if (vlen > LINUX_UIO_MAXIOV)
    vlen = LINUX_UIO_MAXIOV;
  struct usock *s;
  long err = sock_fd(a0, &s);
  if (err)
    return err;
  uint64_t n = 0;
  for (; n < vlen; n++) {
    uint64_t at = a1 + n * sizeof(struct linux_mmsghdr);
    err = sendmsg_one(a0, s, at, (uint32_t)a3);
    if (err < 0)
      break;
    uint32_t len = (uint32_t)err;
    err =
        copy_to_user(current_proc()->mm,
                     at + offsetof(struct linux_mmsghdr, len), &len, sizeof len)
            ? -EFAULT
            : 0;
    if (err)
      break;
  }
  return n ? (long)n : err;
}

/* do_recvmmsg: the timeout is looked at after each message (as Linux);
 * MSG_WAITFORONE stops waiting after the first. An error after some
 * messages becomes the socket's pending error, EAGAIN excepted. */
SYSCALL_DEFINE(recvmmsg) {
  uint64_t deadline = UINT64_MAX;
  if (a4) {
    struct linux_timespec ts;
    if (copy_from_user(current_proc()->mm, &ts, a4, sizeof ts))
      return -EFAULT;
    if (poll_deadline(ts.sec, ts.nsec, &deadline))
      return -EINVAL;
  }
  struct usock *s;
  long err = sock_fd(a0, &s);
  if (err)
    return err;
  unsigned flags = (uint32_t)a3;
  uint64_t vlen = (uint32_t)a2, n = 0;
  while (n < vlen) {
    uint64_t at = a1 + n * sizeof(struct linux_mmsghdr);
    err = recvmsg_one(a0, s, at, flags & ~LINUX_MSG_WAITFORONE);
    if (err < 0)
      break;
    uint32_t len = (uint32_t)err;
    if (copy_to_user(current_proc()->mm,
                     at + offsetof(struct linux_mmsghdr, len), &len,
                     sizeof len)) {
      err = -EFAULT;
      break;
    }
    n++;
    err = 0;
    if (flags & LINUX_MSG_WAITFORONE)
      flags |= LINUX_MSG_DONTWAIT;
    if (a4 && hal_clock_ns() >= deadline)
      break;
  }
  if (err == 0)
    return (long)n;
  if (n == 0)
    return err;
  if (err != -EAGAIN && err != -ERESTARTSYS)
    s->err = (int)-err;
  return (long)n;
}
