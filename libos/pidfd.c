/* pidfd files (pidfd.h). One wait queue for all of them: a process's end
 * wakes every pidfd poller, which then looks at its own process; there
 * are few pidfds, and no queue has to outlive the process it belongs to. */
#include <libos/pidfd.h>

#include <libos/anon_inode.h>
#include <libos/kheap.h>
#include <libos/poll.h>
#include <uapi/errno.h>
#include <uapi/io.h>

struct pidfd {
  int pid;
  uint64_t serial; /* proc->serial: which process of that pid */
};

static struct waitq pidfd_wq;

static long pidfd_read(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                       uint64_t *pos) {
  (void)f, (void)mm, (void)ubuf, (void)n, (void)pos;
  return -EINVAL; /* pidfd_fops has no read: FMODE_CAN_READ is clear */
}

static long pidfd_write(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                        uint64_t *pos) {
  (void)f, (void)mm, (void)ubuf, (void)n, (void)pos;
  return -EINVAL;
}

struct proc *pidfd_proc(const struct file *f) {
  const struct pidfd *d = f->priv;
  struct proc *p = d->pid ? proc_find(d->pid) : 0;
  if (!p || p->serial != d->serial || p->reaped)
    return 0;
  return p;
}

static unsigned pidfd_poll(struct file *f, struct poll_table *pt) {
  poll_wait(f, &pidfd_wq, pt);
  const struct pidfd *d = f->priv;
  if (!d->pid) /* not bound yet: nobody could poll it */
    return 0;
  struct proc *p = pidfd_proc(f);
  if (!p)
    return LINUX_POLLIN | LINUX_POLLRDNORM | LINUX_POLLHUP;
  return p->state == PROC_ZOMBIE ? LINUX_POLLIN | LINUX_POLLRDNORM : 0;
}

static void pidfd_release(struct file *f) {
  kfree(f->priv);
}

static const struct file_ops pidfd_ops = {.read = pidfd_read,
                                          .write = pidfd_write,
                                          .poll = pidfd_poll,
                                          .release = pidfd_release,
                                          .anon_name = "[pidfd]"};

bool file_is_pidfd(const struct file *f) {
  return f->ops == &pidfd_ops;
}

struct file *fd_get_pidfd(struct fdtable *t, int64_t fd) {
  struct file *f = fd_get(t, fd);
  return f && file_is_pidfd(f) ? f : 0;
}

void pidfd_bind(struct file *f, struct proc *p) {
  struct pidfd *d = f->priv;
  d->pid = p->pid;
  d->serial = p->serial;
}

int pidfd_create(struct proc *p, unsigned flags, struct file **out) {
  struct pidfd *d = kzalloc(sizeof *d);
  if (!d)
    return -ENOMEM;
  struct file *f = anon_file_new(&pidfd_ops, LINUX_O_RDWR | flags, d);
  if (!f) {
    kfree(d);
    return -ENOMEM;
  }
  if (p)
    pidfd_bind(f, p);
  *out = f;
  return 0;
}

void pidfd_notify(void) {
  waitq_wake(&pidfd_wq, LINUX_POLLIN | LINUX_POLLHUP);
}
