/* syslog(2) (klogctl): do_syslog's actions with check_syslog_permissions'
 * answers. dmesg_restrict is 1, as Debian ships it: every action needs
 * CAP_SYSLOG (or, as Linux still accepts, CAP_SYS_ADMIN). The kernel's
 * messages go to the trace channel, not a ring the program can read, so
 * the ring here is always empty: reads return 0 bytes and a blocking read
 * waits until a signal. */
#include <libos/proc.h>
#include <libos/wait.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

enum {
  SYSLOG_CLOSE,
  SYSLOG_OPEN,
  SYSLOG_READ,
  SYSLOG_READ_ALL,
  SYSLOG_READ_CLEAR,
  SYSLOG_CLEAR,
  SYSLOG_CONSOLE_OFF,
  SYSLOG_CONSOLE_ON,
  SYSLOG_CONSOLE_LEVEL,
  SYSLOG_SIZE_UNREAD,
  SYSLOG_SIZE_BUFFER,
};

#define LOG_BUF_LEN (1 << 17) /* CONFIG_LOG_BUF_SHIFT=17, Debian's */

SYSCALL_DEFINE(syslog) {
  int type = (int)a0;
  int64_t len = (int32_t)a2;
  const struct cred *c = &current_proc()->cred;
  if (!cred_capable(c, CAP_SYSLOG) && !cred_capable(c, CAP_SYS_ADMIN))
    return -EPERM;
  switch (type) {
  case SYSLOG_CLOSE:
  case SYSLOG_OPEN:
  case SYSLOG_CLEAR:
  case SYSLOG_CONSOLE_OFF:
  case SYSLOG_CONSOLE_ON:
  case SYSLOG_SIZE_UNREAD:
    return 0;
  case SYSLOG_READ:
    if (!a1 || len < 0)
      return -EINVAL;
    if (!len)
      return 0;
    /* Nothing will ever arrive: sleep until a signal, as Linux would on
     * an empty ring. */
    wait_event(0, 0, WAIT_FOREVER);
    return -ERESTARTSYS;
  case SYSLOG_READ_ALL:
  case SYSLOG_READ_CLEAR:
    if (!a1 || len < 0)
      return -EINVAL;
    return 0;
  case SYSLOG_CONSOLE_LEVEL:
    if (len < 1 || len > 8)
      return -EINVAL;
    return 0;
  case SYSLOG_SIZE_BUFFER:
    return LOG_BUF_LEN;
  default:
    return -EINVAL;
  }
}
