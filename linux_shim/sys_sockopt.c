/* getsockopt and setsockopt (net/core/sock.c's sk_getsockopt and
 * sk_setsockopt of 6.18) for the SOL_SOCKET options an AF_UNIX socket
 * has; other levels are EOPNOTSUPP (unix has no protocol options), unknown
 * names ENOPROTOOPT. Buffer sizes double as Linux's do, capped by
 * wmem_max / rmem_max and floored at SOCK_MIN_*BUF. */
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/unix_sock.h>
#include <linux_shim/sockarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

/* Options kept only to be read back (SO_REUSEADDR, SO_KEEPALIVE...). */
static bool plain_option(int name) {
  switch (name) {
  case LINUX_SO_REUSEADDR:
  case LINUX_SO_DONTROUTE:
  case LINUX_SO_BROADCAST:
  case LINUX_SO_KEEPALIVE:
  case LINUX_SO_OOBINLINE:
  case LINUX_SO_REUSEPORT:
    return true;
  default:
    return false;
  }
}

static int set_buf(int *field, uint32_t val, uint32_t max, int min) {
  if (val > max)
    val = max;
  int64_t v = (int64_t)val * 2;
  *field = v < min ? min : (int)v;
  return 0;
}

SYSCALL_DEFINE(setsockopt) {
  struct usock *s;
  int err = sock_fd(a0, &s);
  if (err)
    return err;
  int level = (int32_t)a1, name = (int32_t)a2;
  int32_t optlen = (int32_t)a4;
  if (optlen < 0)
    return -EINVAL;
  if (level != LINUX_SOL_SOCKET)
    return -EOPNOTSUPP;
  int32_t val;
  if ((uint32_t)optlen < sizeof val)
    return -EINVAL;
  if (copy_from_user(current_proc()->mm, &val, a3, sizeof val))
    return -EFAULT;
  bool root = current_proc()->cred.euid == 0;
  switch (name) {
  case LINUX_SO_SNDBUF:
    err = set_buf(&s->sndbuf, (uint32_t)val, USOCK_BUF_MAX, USOCK_MIN_SNDBUF);
    if (usock_writable(s))
      waitq_wake(&s->wq, 0);
    return err;
  case LINUX_SO_RCVBUF:
    return set_buf(&s->rcvbuf, (uint32_t)val, USOCK_BUF_MAX, USOCK_MIN_RCVBUF);
  case LINUX_SO_SNDBUFFORCE:
  case LINUX_SO_RCVBUFFORCE:
    if (!root)
      return -EPERM;
    val = val < 0 ? 0 : val;
    return name == LINUX_SO_SNDBUFFORCE
               ? set_buf(&s->sndbuf, (uint32_t)val, INT32_MAX / 2,
                         USOCK_MIN_SNDBUF)
               : set_buf(&s->rcvbuf, (uint32_t)val, INT32_MAX / 2,
                         USOCK_MIN_RCVBUF);
  case LINUX_SO_PASSCRED:
    s->passcred = val != 0;
    return 0;
  default:
    if (plain_option(name)) {
      s->opt[name] = val != 0;
      return 0;
    }
    return -ENOPROTOOPT;
  }
}

SYSCALL_DEFINE(getsockopt) {
  struct usock *s;
  int err = sock_fd(a0, &s);
  if (err)
    return err;
  int level = (int32_t)a1, name = (int32_t)a2;
  if (level != LINUX_SOL_SOCKET)
    return -EOPNOTSUPP;
  struct mm *mm = current_proc()->mm;
  int32_t len;
  if (copy_from_user(mm, &len, a4, sizeof len))
    return -EFAULT;
  if (len < 0)
    return -EINVAL;
  union {
    int32_t val;
    struct linux_ucred cred;
  } v;
  memset(&v, 0, sizeof v);
  int32_t lv = sizeof(int32_t);
  switch (name) {
  case LINUX_SO_TYPE:
    v.val = s->type;
    break;
  case LINUX_SO_ERROR:
    v.val = usock_take_error(s);
    break;
  case LINUX_SO_SNDBUF:
    v.val = s->sndbuf;
    break;
  case LINUX_SO_RCVBUF:
    v.val = s->rcvbuf;
    break;
  case LINUX_SO_DOMAIN:
    v.val = LINUX_AF_UNIX;
    break;
  case LINUX_SO_PROTOCOL:
    v.val = 0; /* unix_create1 leaves sk_protocol 0 */
    break;
  case LINUX_SO_ACCEPTCONN:
    v.val = s->state == US_LISTEN;
    break;
  case LINUX_SO_PASSCRED:
    v.val = s->passcred;
    break;
  case LINUX_SO_RCVLOWAT:
  case LINUX_SO_SNDLOWAT:
    v.val = 1;
    break;
  case LINUX_SO_PEERCRED:
    /* cred_to_ucred: no peer is pid 0 and ids -1. */
    v.cred = s->has_peercred
                 ? (struct linux_ucred){s->peercred.pid, s->peercred.uid,
                                        s->peercred.gid}
                 : (struct linux_ucred){0, UINT32_MAX, UINT32_MAX};
    lv = sizeof v.cred;
    break;
  default:
    if (!plain_option(name))
      return -ENOPROTOOPT;
    v.val = s->opt[name];
  }
  if (len > lv)
    len = lv;
  if (copy_to_user(mm, a3, &v, (size_t)len) ||
      copy_to_user(mm, a4, &len, sizeof len))
    return -EFAULT;
  return 0;
}
