/* pidfd_open and pidfd_getfd (kernel/pid.c), checks in Linux's order.
 * The pidfd file is libos/pidfd.c; pidfd_send_signal is with the other
 * senders in sys_signal.c, waitid(P_PIDFD) in sys_wait.c, CLONE_PIDFD in
 * sys_clone.c. */
#include <libos/fd.h>
#include <libos/pidfd.h>
#include <libos/proc.h>
#include <libos/trace.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/io.h>

#define PIDFD_THREAD LINUX_O_EXCL /* Linux 6.9: a pidfd for one thread */

SYSCALL_DEFINE(pidfd_open) {
  int64_t pid = (int32_t)a0;
  unsigned flags = (unsigned)a1;
  if (flags & PIDFD_THREAD) {
    trace_log("pidfd_open: PIDFD_THREAD is not supported");
    return -EINVAL;
  }
  if (flags & ~(unsigned)LINUX_O_NONBLOCK)
    return -EINVAL;
  if (pid <= 0)
    return -EINVAL;
  struct proc *p = proc_find((int)pid);
  if (!p || p->reaped) {
    /* A thread's id: a pid without a thread group, ENOENT on 6.18 (6.1
     * said EINVAL). */
    return thread_find((int)pid) ? -ENOENT : -ESRCH;
  }
  struct file *f;
  int err = pidfd_create(p, flags, &f);
  if (err)
    return err;
  return fs_install_new(f, true); /* a pidfd is always close-on-exec */
}

SYSCALL_DEFINE(pidfd_getfd) {
  int64_t fd = (int32_t)a1;
  if ((uint32_t)a2)
    return -EINVAL;
  struct proc *self = current_proc();
  struct file *pf = fd_get_pidfd(self->fds, (int32_t)a0);
  if (!pf)
    return -EBADF;
  struct proc *t = pidfd_proc(pf);
  if (!t)
    return -ESRCH;
  if (t != self) {
    long err = cred_may_attach(&self->cred, &t->cred, t->dumpable == 1);
    if (err)
      return err;
  }
  /* An exited process has closed its files: 6.18 says ESRCH (6.1 EBADF). */
  if (!t->fds)
    return -ESRCH;
  struct file *f = fd_get(t->fds, fd);
  if (!f)
    return -EBADF;
  return fd_install(self->fds, f, 0, true, fs_fd_limit());
}
