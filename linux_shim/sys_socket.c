/* Socket calls that make and connect sockets (net/socket.c and
 * net/unix/af_unix.c of 6.18, in their order of checks): socket,
 * socketpair, bind, listen, accept, accept4, connect, getsockname,
 * getpeername, shutdown. AF_UNIX is the only family; the core is
 * libos/unix_sock.h. */
#include <libos/fd.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/unix_sock.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/sockarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define SOCK_FLAGS (LINUX_SOCK_CLOEXEC | LINUX_SOCK_NONBLOCK)

/* __sock_create and unix_create: the family, the type's range, the
 * protocol, then the type AF_UNIX knows (SOCK_RAW is a datagram socket,
 * as Linux makes it). Returns the type, or the error. */
static int sock_type_for(int64_t domain, int type, int64_t protocol) {
  if (domain < 0 || domain >= LINUX_AF_MAX)
    return -EAFNOSUPPORT;
  if (type < 0 || type >= LINUX_SOCK_MAX)
    return -EINVAL;
  if (domain != LINUX_AF_UNIX)
    return -EAFNOSUPPORT; /* no other family here (docs/sockets.md) */
  if (protocol && protocol != LINUX_AF_UNIX)
    return -EPROTONOSUPPORT;
  switch (type) {
  case LINUX_SOCK_STREAM:
  case LINUX_SOCK_DGRAM:
  case LINUX_SOCK_SEQPACKET:
    return type;
  case LINUX_SOCK_RAW:
    return LINUX_SOCK_DGRAM;
  default:
    return -ESOCKTNOSUPPORT;
  }
}

static int install(struct file *f, unsigned flags) {
  int fd = fd_install(current_proc()->fds, f, 0, flags & LINUX_SOCK_CLOEXEC,
                      fs_fd_limit());
  file_put(f); /* the table holds it now, or nobody */
  return fd;
}

SYSCALL_DEFINE(socket) {
  int type = (int32_t)a1;
  unsigned flags = (unsigned)type & ~LINUX_SOCK_TYPE_MASK;
  if (flags & ~SOCK_FLAGS)
    return -EINVAL;
  type = sock_type_for((int32_t)a0, type & LINUX_SOCK_TYPE_MASK, (int32_t)a2);
  if (type < 0)
    return type;
  struct file *f;
  int err = usock_create(type, flags & LINUX_O_NONBLOCK, &f);
  return err ? err : install(f, flags);
}

/* The lowest free descriptor from `from` on, or -EMFILE. */
static int free_fd(int from) {
  struct fdtable *t = current_proc()->fds;
  int limit = fs_fd_limit();
  for (int fd = from; fd < limit && fd < FD_TABLE_SIZE; fd++)
    if (!t->file[fd])
      return fd;
  return -EMFILE;
}

/* __sys_socketpair: the descriptors are chosen and written out before
 * the sockets are made, so a bad vector is EFAULT whatever the family. */
SYSCALL_DEFINE(socketpair) {
  int type = (int32_t)a1;
  unsigned flags = (unsigned)type & ~LINUX_SOCK_TYPE_MASK;
  if (flags & ~SOCK_FLAGS)
    return -EINVAL;
  int fds[2] = {free_fd(0), 0};
  if (fds[0] < 0)
    return fds[0];
  fds[1] = free_fd(fds[0] + 1);
  if (fds[1] < 0)
    return fds[1];
  if (copy_to_user(current_proc()->mm, a3, fds, sizeof fds))
    return -EFAULT;
  type = sock_type_for((int32_t)a0, type & LINUX_SOCK_TYPE_MASK, (int32_t)a2);
  if (type < 0)
    return type;
  struct file *fa, *fb;
  int err = usock_pair(type, flags & LINUX_O_NONBLOCK, &fa, &fb);
  if (err)
    return err;
  install(fa, flags); /* the slots chosen above: nothing ran since */
  install(fb, flags);
  return 0;
}

/* unix_bind_bsd for a socket already bound: Linux makes the node, finds
 * the socket bound and removes it again, so a taken name still says
 * EADDRINUSE and a free one EINVAL. */
static int bound_again(const char *path) {
  struct walk_ctx w;
  struct inode *ino = 0;
  int err = fs_walk_from(LINUX_AT_FDCWD, path, false, &w);
  if (!err)
    err = namei(&w, path, 0, &ino);
  if (ino)
    inode_put(ino);
  return err == 0 ? -EADDRINUSE : err == -ENOENT ? -EINVAL : err;
}

static int bind_path(struct usock *s, char *sa, unsigned len) {
  unsigned klen = sock_path_len(sa, len);
  const char *path = sa + LINUX_SUN_PATH_OFF;
  if (s->addr)
    return bound_again(path);
  uint32_t mode = LINUX_S_IFSOCK | (0777 & ~current_proc()->fs->umask);
  struct inode *ino;
  long err = fs_mknod_kpath(path, mode, &ino);
  if (err)
    return err == -EEXIST ? -EADDRINUSE : (int)err;
  err = usock_bind_path(s, ino, sa, klen);
  inode_put(ino);
  return (int)err;
}

SYSCALL_DEFINE(bind) {
  struct usock *s;
  int err = sock_fd(a0, &s);
  char *sa = err ? 0 : kzalloc(LINUX_SOCKADDR_STORAGE + 1);
  if (!err && !sa)
    err = -ENOMEM;
  if (!err)
    err = sock_addr_in(a1, (int32_t)a2, sa);
  if (!err) {
    int64_t len = (int32_t)a2;
    if (len == LINUX_SUN_PATH_OFF && sa[0] == LINUX_AF_UNIX && sa[1] == 0)
      err = usock_autobind(s);
    else if (!(err = sock_addr_check(sa, len)))
      err = sa[LINUX_SUN_PATH_OFF] ? bind_path(s, sa, (unsigned)len)
                                   : usock_bind_abstract(s, sa, (unsigned)len);
  }
  kfree(sa);
  return err;
}

SYSCALL_DEFINE(listen) {
  struct usock *s;
  int err = sock_fd(a0, &s);
  if (err)
    return err;
  uint32_t backlog = (uint32_t)a1; /* a negative one is huge: somaxconn */
  if (backlog > USOCK_SOMAXCONN)
    backlog = USOCK_SOMAXCONN;
  return usock_listen(s, (int)backlog);
}

/* __sys_accept4 of 6.18: EBADF, ENOTSOCK, then the flags. */
static long do_accept(uint64_t fd, uint64_t uaddr, uint64_t ulen,
                      uint64_t flags) {
  struct usock *s;
  int err = sock_fd(fd, &s);
  if (err)
    return err;
  if (flags & ~(uint64_t)SOCK_FLAGS)
    return -EINVAL;
  struct file *lf = fd_get(current_proc()->fds, (int64_t)(int32_t)fd);
  struct file *nf;
  err = usock_accept(s, (unsigned)flags & LINUX_O_NONBLOCK,
                     lf->flags & LINUX_O_NONBLOCK, &nf);
  if (err)
    return err;
  if (uaddr) {
    char sa[LINUX_SOCKADDR_STORAGE];
    int klen = usock_getname(usock_of(nf), true, sa);
    err = klen < 0 ? -ECONNABORTED : sock_addr_out(sa, klen, uaddr, ulen);
    if (err) {
      file_put(nf); /* the connection is lost, as on Linux */
      return err;
    }
  }
  return install(nf, (unsigned)flags);
}

SYSCALL_DEFINE(accept) {
  return do_accept(a0, a1, a2, 0);
}

SYSCALL_DEFINE(accept4) {
  return do_accept(a0, a1, a2, (uint32_t)a3);
}

SYSCALL_DEFINE(connect) {
  struct usock *s;
  int err = sock_fd(a0, &s);
  if (err)
    return err;
  char *sa = kzalloc(LINUX_SOCKADDR_STORAGE + 1);
  if (!sa)
    return -ENOMEM;
  int64_t len = (int32_t)a2;
  err = sock_addr_in(a1, len, sa);
  bool dgram = s->type == LINUX_SOCK_DGRAM;
  if (!err && dgram && len < LINUX_SUN_PATH_OFF)
    err = -EINVAL;
  else if (!err && dgram && sa[0] == LINUX_AF_UNSPEC && sa[1] == 0)
    err = usock_disconnect(s); /* 1003.1g: AF_UNSPEC breaks the peer */
  else if (!err && !(err = sock_addr_check(sa, len))) {
    struct unix_dest d;
    err = sock_dest_get(sa, (unsigned)len, &d);
    if (!err) {
      struct file *f = fd_get(current_proc()->fds, (int64_t)(int32_t)a0);
      err = usock_connect(s, &d, f->flags & LINUX_O_NONBLOCK);
      sock_dest_put(&d);
    }
  }
  kfree(sa);
  return err;
}

static long getname(uint64_t fd, uint64_t uaddr, uint64_t ulen, bool peer) {
  struct usock *s;
  int err = sock_fd(fd, &s);
  if (err)
    return err;
  char sa[LINUX_SOCKADDR_STORAGE];
  int klen = usock_getname(s, peer, sa);
  if (klen < 0)
    return klen;
  return sock_addr_out(sa, klen, uaddr, ulen);
}

SYSCALL_DEFINE(getsockname) {
  return getname(a0, a1, a2, false);
}

SYSCALL_DEFINE(getpeername) {
  return getname(a0, a1, a2, true);
}

SYSCALL_DEFINE(shutdown) {
  struct usock *s;
  int err = sock_fd(a0, &s);
  return err ? err : usock_shutdown(s, (int32_t)a1);
}
