/* AF_UNIX names (unix_sock.h): a path's socket inode, an abstract name
 * (sun_path[0] == 0, any bytes, Linux's own namespace), or an autobound
 * one. Finding the socket a name belongs to is connect's and sendto's
 * first step. */
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/unix_sock.h>
#include <libos/vfs.h>
#include <uapi/errno.h>

/* Every socket holding an abstract name (few: a list is enough). */
static struct usock *abstract_names;

static struct unix_addr *addr_new(const char *sa, unsigned len) {
  struct unix_addr *a = kzalloc(sizeof *a);
  if (!a)
    return 0;
  a->refs = 1;
  a->len = len;
  memcpy(a->sa, sa, len);
  return a;
}

void unix_addr_put(struct unix_addr *a) {
  if (--a->refs > 0)
    return;
  if (a->inode)
    inode_put(a->inode);
  kfree(a);
}

static struct usock *abstract_find(const char *sa, unsigned len) {
  for (struct usock *s = abstract_names; s; s = s->abstract_next)
    if (s->addr->len == len && memcmp(s->addr->sa, sa, len) == 0)
      return s;
  return 0;
}

void unix_abstract_remove(struct usock *s) {
  for (struct usock **p = &abstract_names; *p; p = &(*p)->abstract_next)
    if (*p == s) {
      *p = s->abstract_next;
      s->abstract_next = 0;
      return;
    }
}

int usock_bind_path(struct usock *s, struct inode *ino, const char *sa,
                    unsigned len) {
  if (s->addr)
    return -EINVAL;
  struct unix_addr *a = addr_new(sa, len);
  if (!a)
    return -ENOMEM;
  a->inode = inode_get(ino);
  ino->sock = s;
  s->addr = a;
  return 0;
}

/* unix_bind_abstract: a bound socket is EINVAL before a taken name. */
int usock_bind_abstract(struct usock *s, const char *sa, unsigned len) {
  if (s->addr)
    return -EINVAL;
  if (abstract_find(sa, len))
    return -EADDRINUSE;
  struct unix_addr *a = addr_new(sa, len);
  if (!a)
    return -ENOMEM;
  s->addr = a;
  s->abstract_next = abstract_names;
  abstract_names = s;
  return 0;
}

/* unix_autobind: "\0" and five hex digits, the first free one from a
 * moving start (Linux starts at a random one). A bound socket keeps its
 * name. */
int usock_autobind(struct usock *s) {
  static uint32_t next = 0x12345;
  if (s->addr)
    return 0;
  char sa[LINUX_SUN_PATH_OFF + 6];
  for (unsigned tries = 0; tries < 0x100000; tries++) {
    uint32_t n = next++ & 0xfffff;
    sa[0] = LINUX_AF_UNIX;
    sa[1] = 0;
    sa[2] = 0;
    for (int i = 0; i < 5; i++)
      sa[3 + i] = "0123456789abcdef"[(n >> (16 - 4 * i)) & 0xf];
    int err = usock_bind_abstract(s, sa, sizeof sa);
    if (err != -EADDRINUSE)
      return err;
  }
  return -ENOSPC;
}

/* unix_find_bsd / unix_find_abstract: a path must be a socket inode with
 * a socket of the same type behind it; an abstract name just a socket. */
int usock_find(const struct unix_dest *d, int type, struct usock **out) {
  struct usock *s;
  if (d->inode) {
    if (!inode_is(d->inode, LINUX_S_IFSOCK) || !d->inode->sock)
      return -ECONNREFUSED;
    s = d->inode->sock;
    if (s->type != type)
      return -EPROTOTYPE;
  } else {
    s = abstract_find(d->sa, d->len);
    if (!s)
      return -ECONNREFUSED;
  }
  usock_get(s);
  *out = s;
  return 0;
}

int usock_getname(struct usock *s, bool peer, char *sa) {
  if (peer) {
    if (!s->peer) /* a closed peer still names itself, as Linux */
      return -ENOTCONN;
    s = s->peer;
  }
  if (!s->addr) {
    memset(sa, 0, LINUX_SUN_PATH_OFF);
    sa[0] = LINUX_AF_UNIX;
    return LINUX_SUN_PATH_OFF;
  }
  memcpy(sa, s->addr->sa, s->addr->len);
  return (int)s->addr->len;
}
