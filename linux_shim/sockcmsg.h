/* Control messages of sendmsg and recvmsg (net/core/scm.c): SCM_RIGHTS
 * and SCM_CREDENTIALS in, the same out, with Linux's length rules. */
#ifndef LINUX_SHIM_SOCKCMSG_H
#define LINUX_SHIM_SOCKCMSG_H

#include <libos/unix_sock.h>

/* __scm_send over the kernel copy `ctl` of `len` bytes: files (with
 * references) and credentials into m. -EINVAL for a bad length or an
 * unknown SOL_SOCKET type, -EBADF, -EPERM / -ESRCH for credentials the
 * caller may not claim. On error m holds nothing. */
int cmsg_parse(const char *ctl, uint64_t len, struct usock_msg *m);

/* The receiving end of a control buffer (user memory). */
struct cmsg_out {
  uint64_t ptr; /* where the next message goes */
  uint64_t left;
  bool null;      /* msg_control was NULL */
  unsigned flags; /* MSG_CTRUNC gathered */
};

/* scm_recv: SCM_CREDENTIALS when `passcred`, then the files as new
 * descriptors (O_CLOEXEC with `cloexec`), truncating as Linux does.
 * Files that do not fit are dropped. -EFAULT. */
int cmsg_deliver(struct cmsg_out *o, struct usock_msg *m, bool passcred,
                 bool cloexec);

#endif
