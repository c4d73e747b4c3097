/* getsockopt and setsockopt (net/core/sock.c's sk_getsockopt and
 * sk_setsockopt of 6.18) for the SOL_SOCKET options an AF_UNIX socket
 * has; other levels are EOPNOTSUPP (unix has no protocol options), unknown
 * names ENOPROTOOPT. Buffer sizes double as Linux's do, capped by
 * wmem_max / rmem_max and floored at SOCK_MIN_*BUF. Timeouts are kept in
 * whole jiffies, rounded up as Linux does, so they read back as there. */
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/unix_sock.h>
#include <linux_shim/sockarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/resource.h> /* struct linux_timeval */

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

static bool timeo_option(int name) {
  return name == LINUX_SO_RCVTIMEO_OLD || name == LINUX_SO_RCVTIMEO_NEW ||
         name == LINUX_SO_SNDTIMEO_OLD || name == LINUX_SO_SNDTIMEO_NEW;
}

static uint64_t *timeo_field(struct usock *s, int name) {
  return name == LINUX_SO_RCVTIMEO_OLD || name == LINUX_SO_RCVTIMEO_NEW
             ? &s->rcvtimeo
             : &s->sndtimeo;
}

/* Linux keeps socket timeouts in jiffies: at CONFIG_HZ=250 (Debian's, on
 * both references) a tick is 4 ms, and 1.25 s reads back as 1.252 s. */
#define SOCK_HZ 250
#define TICK_NS (1000000000ull / SOCK_HZ)
#define MAX_SCHEDULE_TIMEOUT INT64_MAX

/* sock_set_timeout. On a 64-bit kernel the _OLD timeval and the _NEW
 * __kernel_sock_timeval are the same 16 bytes. */
static int set_timeo(uint64_t *field, uint64_t uptr, int32_t optlen) {
  struct linux_timeval tv;
  if ((uint32_t)optlen < sizeof tv)
    return -EINVAL;
  if (copy_from_user(current_proc()->mm, &tv, uptr, sizeof tv))
    return -EFAULT;
  if (tv.usec < 0 || tv.usec >= 1000000)
    return -EDOM;
  if (tv.sec < 0) /* Linux warns once and stops waiting at all */
    *field = USOCK_TIMEO_NOW;
  else if (tv.sec == 0 && tv.usec == 0)
    *field = 0; /* forever */
  else if (tv.sec >= MAX_SCHEDULE_TIMEOUT / SOCK_HZ - 1)
    *field = 0; /* MAX_SCHEDULE_TIMEOUT: forever too */
  else {
    uint64_t j = (uint64_t)tv.sec * SOCK_HZ +
                 ((uint64_t)tv.usec * 1000u + TICK_NS - 1) / TICK_NS;
    /* Past 584 years in ns the wait is as good as forever (but reads
     * back less than Linux's jiffies would). */
    *field = j >= (USOCK_TIMEO_NOW - 1) / TICK_NS ? USOCK_TIMEO_NOW - 1
                                                  : j * TICK_NS;
  }
  return 0;
}

/* sock_get_timeout: forever reads as zero, no wait at all too. */
static struct linux_timeval get_timeo(uint64_t t) {
  uint64_t j = t == USOCK_TIMEO_NOW ? 0 : t / TICK_NS;
  return (struct linux_timeval){(int64_t)(j / SOCK_HZ),
                                (int64_t)(j % SOCK_HZ * 1000000u / SOCK_HZ)};
}

/* SO_LINGER: l_onoff reads back as 0 or 1; l_linger changes only when
 * lingering is switched on. */
static int set_linger(struct usock *s, uint64_t uptr, int32_t optlen) {
  struct linux_linger l;
  if ((uint32_t)optlen < sizeof l)
    return -EINVAL;
  if (copy_from_user(current_proc()->mm, &l, uptr, sizeof l))
    return -EFAULT;
  s->linger = l.onoff != 0;
  if (l.onoff)
    s->lingertime = l.linger;
  return 0;
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
  case LINUX_SO_LINGER:
    return set_linger(s, a3, optlen);
  case LINUX_SO_PEEK_OFF: /* unix_set_peek_off: any value, kept as given */
    s->peek_off = val;
    return 0;
  default:
    if (timeo_option(name))
      return set_timeo(timeo_field(s, name), a3, optlen);
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
    struct linux_timeval tv;
    struct linux_linger linger;
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
  case LINUX_SO_LINGER:
    v.linger = (struct linux_linger){s->linger, s->lingertime};
    lv = sizeof v.linger;
    break;
  case LINUX_SO_PEEK_OFF:
    v.val = s->peek_off;
    break;
  default:
    if (timeo_option(name)) {
      v.tv = get_timeo(*timeo_field(s, name));
      lv = sizeof v.tv;
      break;
    }
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
