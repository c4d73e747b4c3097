/* eventfd files (eventfd.h). Blocking is the caller's (sys_io.c waits on
 * the queue when an operation says -EAGAIN). */
#include <libos/eventfd.h>

#include <libos/anon_inode.h>
#include <libos/kheap.h>
#include <libos/poll.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>
#include <uapi/io.h>

struct eventfd {
  uint64_t count;
  bool semaphore;
  int id;
  struct waitq wq; /* readers and writers, as Linux's one wqh */
};

static long efd_read(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                     uint64_t *pos) {
  (void)pos;
  struct eventfd *e = f->priv;
  if (n < sizeof(uint64_t))
    return -EINVAL;
  if (e->count == 0)
    return -EAGAIN;
  uint64_t v = e->semaphore ? 1 : e->count;
  e->count -= v;
  waitq_wake(&e->wq, LINUX_POLLOUT);
  /* Linux takes the value before copying it out: a bad buffer loses it. */
  if (copy_to_user(mm, ubuf, &v, sizeof v))
    return -EFAULT;
  return sizeof v;
}

static long efd_write(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                      uint64_t *pos) {
  (void)pos;
  struct eventfd *e = f->priv;
  uint64_t v;
  if (n != sizeof v) /* 6.18 takes exactly 8 bytes (reads: at least 8) */
    return -EINVAL;
  if (copy_from_user(mm, &v, ubuf, sizeof v))
    return -EFAULT;
  if (v == UINT64_MAX)
    return -EINVAL;
  if (UINT64_MAX - e->count <= v)
    return -EAGAIN; /* the sum would reach ULLONG_MAX */
  e->count += v;
  waitq_wake(&e->wq, LINUX_POLLIN);
  return sizeof v;
}

static unsigned efd_poll(struct file *f, struct poll_table *pt) {
  struct eventfd *e = f->priv;
  poll_wait(f, &e->wq, pt);
  unsigned mask = 0;
  if (e->count > 0)
    mask |= LINUX_POLLIN | LINUX_POLLRDNORM;
  if (e->count == UINT64_MAX)
    mask |= LINUX_POLLERR;
  if (UINT64_MAX - 1 > e->count)
    mask |= LINUX_POLLOUT | LINUX_POLLWRNORM;
  return mask;
}

/* Live ids, one bit each. Descriptor limits keep far fewer eventfds open;
 * past the last id they share it. */
#define EFD_IDS 4096
static uint64_t ids_used[EFD_IDS / 64];

static int id_take(void) {
  for (int i = 0; i < EFD_IDS; i++)
    if (!(ids_used[i / 64] >> (i % 64) & 1)) {
      ids_used[i / 64] |= 1ull << (i % 64);
      return i;
    }
  return EFD_IDS;
}

static void efd_release(struct file *f) {
  struct eventfd *e = f->priv;
  if (e->id < EFD_IDS)
    ids_used[e->id / 64] &= ~(1ull << (e->id % 64));
  kfree(e);
}

static const struct file_ops eventfd_ops = {.read = efd_read,
                                            .write = efd_write,
                                            .poll = efd_poll,
                                            .release = efd_release,
                                            .anon_name = "[eventfd]"};

int eventfd_create(uint64_t initval, bool semaphore, unsigned flags,
                   struct file **out) {
  struct eventfd *e = kzalloc(sizeof *e);
  if (!e)
    return -ENOMEM;
  e->count = initval;
  e->semaphore = semaphore;
  struct file *f = anon_file_new(&eventfd_ops, LINUX_O_RDWR | flags, e);
  if (!f) {
    kfree(e);
    return -ENOMEM;
  }
  e->id = id_take();
  *out = f;
  return 0;
}

bool eventfd_peek(const struct file *f, uint64_t *count, bool *semaphore,
                  int *id) {
  if (f->ops != &eventfd_ops)
    return false;
  const struct eventfd *e = f->priv;
  *count = e->count;
  *semaphore = e->semaphore;
  *id = e->id;
  return true;
}
