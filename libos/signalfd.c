/* signalfd files (signalfd.h). */
#include <libos/signalfd.h>

#include <libos/anon_inode.h>
#include <libos/kheap.h>
#include <libos/poll.h>
#include <libos/ptimer.h>
#include <libos/signal.h>
#include <libos/task.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>
#include <uapi/io.h>

#define RECORD_MAX 128

struct signalfd {
  linux_sigset_t mask;
  signalfd_format_fn format;
  size_t size;
};

static long sfd_read(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                     uint64_t *pos) {
  (void)pos;
  struct signalfd *s = f->priv;
  size_t count = n / s->size;
  if (!count)
    return -EINVAL;
  struct thread *t = current();
  long total = 0;
  for (; count; count--) {
    struct linux_siginfo si;
    if (!signal_dequeue(t, s->mask, &si))
      break;
    ptimer_signal_taken(t, &si);
    uint8_t rec[RECORD_MAX];
    s->format(&si, rec);
    /* As Linux: the signal is taken before the copy; a bad buffer loses it. */
    if (copy_to_user(mm, ubuf + (uint64_t)total, rec, s->size))
      return total ? total : -EFAULT;
    total += (long)s->size;
  }
  return total ? total : -EAGAIN;
}

static unsigned sfd_poll(struct file *f, struct poll_table *pt) {
  struct signalfd *s = f->priv;
  struct thread *t = current();
  poll_wait(f, &t->proc->signalfd_wq, pt);
  return signal_pending(t) & s->mask ? LINUX_POLLIN | LINUX_POLLRDNORM : 0;
}

static void sfd_release(struct file *f) {
  kfree(f->priv);
}

static const struct file_ops signalfd_ops = {.read = sfd_read,
                                             .poll = sfd_poll,
                                             .release = sfd_release,
                                             .anon_name = "[signalfd]"};

bool is_signalfd(const struct file *f) {
  return f->ops == &signalfd_ops;
}

linux_sigset_t signalfd_mask(const struct file *f) {
  const struct signalfd *s = f->priv;
  return s->mask;
}

int signalfd_create(linux_sigset_t mask, signalfd_format_fn format, size_t size,
                    unsigned flags, struct file **out) {
  if (size > RECORD_MAX || !size)
    return -EINVAL;
  struct signalfd *s = kzalloc(sizeof *s);
  if (!s)
    return -ENOMEM;
  s->mask = mask;
  s->format = format;
  s->size = size;
  struct file *f = anon_file_new(&signalfd_ops, LINUX_O_RDWR | flags, s);
  if (!f) {
    kfree(s);
    return -ENOMEM;
  }
  *out = f;
  return 0;
}

void signalfd_set_mask(struct file *f, linux_sigset_t mask) {
  struct signalfd *s = f->priv;
  s->mask = mask;
  waitq_wake(&current_proc()->signalfd_wq, LINUX_POLLIN);
}

void signalfd_proc_gone(struct proc *p) {
  while (p->signalfd_wq.head)
    waitq_del(p->signalfd_wq.head);
}
