/*
 * AF_UNIX sockets (Linux's net/unix/af_unix.c): stream, datagram and
 * seqpacket sockets, their addresses (a socket inode in the filesystem or
 * an abstract name), connections through a listener's backlog, and the
 * messages they carry with passed files and credentials (sockbuf.h).
 *
 * The syscall layer (linux_shim/sys_socket*.c) copies arguments in and
 * out and resolves paths; everything here works on kernel memory except
 * message data, which moves through a `sock_iov` of user segments. Errors
 * are negative Linux errno values. A call that would wait does, unless
 * asked not to (MSG_DONTWAIT, O_NONBLOCK), and a signal ends the wait with
 * -ERESTARTSYS (restarted under SA_RESTART, as Linux's sockets without a
 * timeout). SIGPIPE is the caller's: a stream send answering -EPIPE
 * wants it unless MSG_NOSIGNAL.
 *
 * Bounds: a sender's queued messages are charged to it and it waits (or
 * gets -EAGAIN) once the charge reaches its SO_SNDBUF; a datagram socket
 * that is not its sender's peer queues at most max_dgram_qlen + 1
 * messages. Nothing grows without bound, except files passed in a cycle
 * of sockets that only reach each other (Linux collects those; see
 * docs/sockets.md).
 */
#ifndef LIBOS_UNIX_SOCK_H
#define LIBOS_UNIX_SOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libos/file.h>
#include <libos/sockbuf.h>
#include <libos/waitq.h>
#include <uapi/io.h>
#include <uapi/socket.h>

struct inode;
struct mm;

/* A bound name: the sockaddr_un bytes as getsockname returns them. */
struct unix_addr {
  int refs;
  unsigned len; /* 2 + the path's length + 1, or 2 + the abstract name's */
  struct inode *inode; /* a path's socket inode (a reference), or NULL */
  char sa[LINUX_SOCKADDR_STORAGE];
};

enum usock_state { US_CLOSE, US_LISTEN, US_ESTABLISHED };

#define US_RCV_SHUTDOWN 1
#define US_SEND_SHUTDOWN 2
#define US_SHUTDOWN_MASK 3

/* Linux's defaults: net.core.wmem_default, rmem_default, rmem_max and
 * wmem_max (212992 each), net.unix.max_dgram_qlen (10), net.core.somaxconn
 * (4096), and SOCK_MIN_SNDBUF / SOCK_MIN_RCVBUF of a 64-bit kernel. */
#define USOCK_BUF_DEFAULT 212992
#define USOCK_BUF_MAX 212992
#define USOCK_DGRAM_QLEN 10
#define USOCK_SOMAXCONN 4096
#define USOCK_MIN_RCVBUF 2304
#define USOCK_MIN_SNDBUF 4608

struct usock {
  int refs; /* the file, peers, messages it sent, waiters */
  int type; /* LINUX_SOCK_STREAM, _DGRAM, _SEQPACKET */
  enum usock_state state;
  unsigned shutdown;  /* US_*_SHUTDOWN */
  int err;            /* pending error (positive errno): SO_ERROR */
  bool dead;          /* released: no file any more */
  bool passcred;      /* SO_PASSCRED */
  bool linger;        /* SO_LINGER's l_onoff (kept only to be read back: */
  int32_t lingertime; /* unix close never lingers) and l_linger */
  /* SO_RCVTIMEO / SO_SNDTIMEO in ns: 0 waits forever, USOCK_TIMEO_NOW
   * not at all (a negative tv_sec, as Linux's timeo of 0 jiffies). */
  uint64_t rcvtimeo, sndtimeo;
  /* SO_PEEK_OFF: where MSG_PEEK starts reading, in unread bytes (stream)
   * or bytes of the queue's datagrams; -1 (the default): at the front. */
  int32_t peek_off;
  bool opt[LINUX_SO_REUSEPORT + 1]; /* flags only read back (SO_KEEPALIVE) */
  struct usock *peer;               /* a reference */
  struct unix_addr *addr;           /* a reference, or NULL while unbound */
  struct usock *abstract_next;      /* the abstract names' list */
  struct sockq rcvq;
  /* Stream out-of-band data (Linux's oob_skb): the 1-byte message in
   * rcvq that the last MSG_OOB send left; NULL once read with MSG_OOB or
   * stepped over by a normal read. */
  struct sockmsg *oob;
  /* A listener's connections not accepted yet (each a reference). */
  struct usock *embryos, *embryos_tail, *embryo_next;
  unsigned nembryos;
  unsigned backlog; /* a listener's max_ack_backlog, a dgram's qlen */
  size_t wmem;      /* bytes charged for messages it sent */
  int sndbuf, rcvbuf;
  struct sock_cred peercred; /* SO_PEERCRED */
  bool has_peercred;
  struct waitq wq;        /* readers, writers and pollers of this socket */
  struct waitq peer_wait; /* senders and connectors waiting for room here */
  struct file *file;      /* its file while open (no reference) */
  /* The collector's (unix_gc.c): every socket's list, and per collection
   * the in-flight references counted, candidate, held from outside. */
  struct usock *gc_next;
  int gc_refs;
  bool gc_candidate, gc_alive;
};

/* User memory a message's data comes from or goes to. */
struct sock_iov {
  struct mm *mm;
  const struct linux_iovec *seg;
  unsigned nseg;
  unsigned at;  /* the current segment */
  size_t off;   /* bytes of it done */
  size_t total; /* bytes in all segments */
};

/* The non-data parts of a message: in for a send, out for a receive. */
struct usock_msg {
  struct sock_iov data;
  const struct unix_dest *dest; /* sendto's address, or NULL */
  /* send: what to attach (files with references the send takes over);
   * receive: what came (files with references for the caller). */
  struct file **fds;
  unsigned nfds;
  /* send with files: whose in-flight count they join, and the count
   * past which the send is refused (ETOOMANYREFS; LONG_MAX: no limit). */
  uint32_t fd_uid;
  long fd_limit;
  bool has_cred;
  struct sock_cred cred;
  /* receive: the sender's name (name_len 0: unnamed) and MSG_TRUNC. */
  char name[LINUX_SOCKADDR_STORAGE];
  unsigned name_len;
  unsigned flags_out;
};

/* Where a connect or sendto goes, resolved by the caller: the inode a
 * path names (a reference the caller keeps), or an abstract name. */
struct unix_dest {
  struct inode *inode;
  const char *sa; /* the abstract sockaddr bytes */
  unsigned len;
};

/* Drop the files m still holds (what a receive could not hand on). */
void usock_msg_release(struct usock_msg *m);

/* The socket behind `f`, or NULL when f is not a socket. */
struct usock *usock_of(const struct file *f);

/* A new socket of `type` (validated) whose file has status flags
 * `fflags` (O_NONBLOCK) and the creator `cred`'s identity for fstat. */
int usock_create(int type, unsigned fflags, struct file **out);
int usock_pair(int type, unsigned fflags, struct file **a, struct file **b);

/* The caller's credentials as a socket records them: tgid and, for
 * SO_PEERCRED, the effective ids (`effective`) or for messages the real
 * ones. */
struct sock_cred usock_current_cred(bool effective);

/* Garbage collection of passed sockets (unix_gc.c, Linux's unix_gc): a
 * socket whose file only messages in flight refer to, all of them queued
 * on sockets that are garbage too (a socket sent over itself, two sockets
 * holding each other), can never be received; the collector frees those
 * sockets' queued messages, and the files go with them. Every socket is
 * tracked from usock_alloc until it is freed. */
/* Start (stop) tracking a socket: usock_alloc (its last usock_put). */
void unix_gc_track(struct usock *s);
void unix_gc_untrack(struct usock *s);

/* Collect now. Called after a socket file's last close while files are
 * in flight (unix_release_sock's trigger); a call from within a
 * collection does nothing. */
void unix_gc(void);

/* Binding (unix_addr.c). A path: `ino` is the new socket inode the caller
 * created; abstract: the sockaddr bytes. */
int usock_bind_path(struct usock *s, struct inode *ino, const char *sa,
                    unsigned len);
int usock_bind_abstract(struct usock *s, const char *sa, unsigned len);
int usock_autobind(struct usock *s);
/* The socket `d` names, with a reference: -ECONNREFUSED for nobody,
 * -EPROTOTYPE for a path bound by a socket of another type. */
int usock_find(const struct unix_dest *d, int type, struct usock **out);
/* getsockname / getpeername: the address length (copied to `sa`), or
 * -ENOTCONN for a peer that is not there. */
int usock_getname(struct usock *s, bool peer, char *sa);
void unix_addr_put(struct unix_addr *a);

/* Connections (unix_conn.c). */
int usock_listen(struct usock *s, int backlog);
int usock_connect(struct usock *s, const struct unix_dest *d, bool nonblock);
/* AF_UNSPEC: a datagram socket forgets its peer. */
int usock_disconnect(struct usock *s);
int usock_accept(struct usock *s, unsigned fflags, bool nonblock,
                 struct file **out);
int usock_shutdown(struct usock *s, int how);

/* Data (unix_stream.c, unix_dgram.c). Return the bytes moved. */
long usock_send(struct usock *s, struct usock_msg *m, unsigned flags);
long usock_recv(struct usock *s, struct usock_msg *m, size_t len,
                unsigned flags);
long unix_stream_send(struct usock *s, struct usock_msg *m, unsigned flags);
long unix_stream_recv(struct usock *s, struct usock_msg *m, size_t len,
                      unsigned flags);
long unix_dgram_send(struct usock *s, struct usock_msg *m, unsigned flags);
long unix_dgram_recv(struct usock *s, struct usock_msg *m, size_t len,
                     unsigned flags);

/* Core helpers shared by the files above (unix_sock.c). */

/* The socket ioctls (unix_ioctl): SIOCINQ/FIONREAD (queued bytes: all of
 * a stream's, the first datagram's), SIOCOUTQ (bytes charged for what it
 * sent and nobody read) and SIOCATMARK (1 when the next byte is the
 * out-of-band one). 0 and *val, or -EINVAL on a listener (but SIOCOUTQ),
 * -ENOTTY for an unknown `which`. */
#define USOCK_IOC_INQ 1
#define USOCK_IOC_OUTQ 2
#define USOCK_IOC_ATMARK 3
int usock_ioctl(struct usock *s, int which, long *val);

void usock_get(struct usock *s);
void usock_put(struct usock *s);
/* A new socket without a file (a connection's server end). */
struct usock *usock_alloc(int type);
/* Give s a file (accept). */
int usock_attach_file(struct usock *s, unsigned fflags, struct file **out);
#define USOCK_TIMEO_NOW UINT64_MAX
/* When a wait that starts now and may last `timeo` (SO_RCVTIMEO or
 * SO_SNDTIMEO, taken once per call as Linux's sock_rcvtimeo) ends:
 * WAIT_FOREVER, or 0 for no wait at all. */
uint64_t usock_deadline(uint64_t timeo);
/* Sleep on q until a wake, a signal or `deadline`: 0, -EAGAIN at the
 * deadline, and for a signal -ERESTARTSYS, or -EINTR when a timeout is
 * set (sock_intr_errno: such a call is never restarted). */
int usock_sleep(struct waitq *q, uint64_t deadline);
/* Can s queue another message (its charge under SO_SNDBUF / 4)? */
bool usock_writable(const struct usock *s);
/* SO_PEEK_OFF after a peek of n bytes (on) or a read of n (back, not
 * below 0): sk_peek_offset_fwd/_bwd; an offset of -1 stays. */
void usock_peek_fwd(struct usock *s, size_t n);
void usock_peek_bwd(struct usock *s, size_t n);
/* A message of len bytes charged to s: waits for room until `deadline`
 * (usock_deadline). -EPIPE after SHUT_WR, the pending error, -EAGAIN,
 * -ENOMEM. */
int usock_alloc_msg(struct usock *s, size_t len, uint64_t deadline,
                    struct sockmsg **out);
/* Put m on r's queue and wake its readers. */
void usock_queue(struct usock *r, struct sockmsg *m);
/* A send's attachments move to its (first) message: the files (m gives
 * up its references, they join m->fd_uid's count in flight) and
 * SCM_CREDENTIALS' identity in place of ours. -ETOOMANYREFS (nothing
 * moved) when that count is already past m->fd_limit (unix_attach_fds),
 * -ENOMEM. */
int usock_attach(struct sockmsg *msg, struct usock_msg *m);
/* A receive takes msg's sender name, credentials and files (references
 * of their own when peeking, else msg's). -ENOMEM. */
int usock_deliver(struct usock_msg *m, struct sockmsg *msg, bool peek);
/* Take the pending error (SO_ERROR, sock_error). */
int usock_take_error(struct usock *s);

/* Copy between a sock_iov and kernel memory: the bytes NOT copied. */
size_t sock_iov_from(struct sock_iov *v, void *dst, size_t n);
size_t sock_iov_to(struct sock_iov *v, const void *src, size_t n);

#endif
