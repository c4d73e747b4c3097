/* The pipe ring and its two ends. */
#include <libos/pipe.h>

#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>
#include <uapi/io.h>

struct pipe {
  char *buf;
  size_t head; /* next byte to read */
  size_t len;  /* bytes in the ring */
  int readers, writers;
};

#define CAP LINUX_PIPE_SIZE

static size_t min_sz(size_t a, size_t b) {
  return a < b ? a : b;
}

static long pipe_read(struct file *f, struct mm *mm, uint64_t ubuf,
                      size_t n) {
  struct pipe *p = f->priv;
  if (n == 0)
    return 0;
  if (p->len == 0)
    return p->writers ? -EAGAIN : 0;
  size_t done = 0;
  while (done < n && p->len) {
    size_t k = min_sz(min_sz(n - done, p->len), CAP - p->head);
    size_t missed = copy_to_user(mm, ubuf + done, p->buf + p->head, k);
    k -= missed;
    p->head = (p->head + k) % CAP;
    p->len -= k;
    done += k;
    if (missed)
      return done ? (long)done : -EFAULT;
  }
  return (long)done;
}

static long pipe_write(struct file *f, struct mm *mm, uint64_t ubuf,
                       size_t n) {
  struct pipe *p = f->priv;
  if (!p->readers)
    return -EPIPE;
  if (n == 0)
    return 0;
  size_t space = CAP - p->len;
  if (space == 0 || (n <= LINUX_PIPE_BUF && space < n))
    return -EAGAIN; /* small writes go in whole or not at all */
  /* Like Linux, bytes move a page at a time and a page that cannot be
   * read whole is not added: a fault is EFAULT unless pages went in. */
  static char page[LINUX_PIPE_BUF];
  size_t done = 0;
  while (done < n && p->len < CAP) {
    size_t k = min_sz(min_sz(n - done, CAP - p->len), sizeof page);
    if (copy_from_user(mm, page, ubuf + done, k))
      return done ? (long)done : -EFAULT;
    for (size_t i = 0; i < k;) {
      size_t tail = (p->head + p->len) % CAP;
      size_t c = min_sz(k - i, CAP - tail);
      memcpy(p->buf + tail, page + i, c);
      p->len += c;
      i += c;
    }
    done += k;
  }
  return (long)done;
}

static bool pipe_ready(struct file *f, bool for_write, size_t n) {
  struct pipe *p = f->priv;
  if (!for_write)
    return p->len > 0 || p->writers == 0;
  if (!p->readers)
    return true;
  size_t space = CAP - p->len;
  return n <= LINUX_PIPE_BUF ? space >= n : space > 0;
}

static void pipe_drop(struct pipe *p) {
  if (p->readers == 0 && p->writers == 0) {
    kfree(p->buf);
    kfree(p);
  }
}

static void release_read(struct file *f) {
  struct pipe *p = f->priv;
  p->readers--;
  pipe_drop(p);
}

static void release_write(struct file *f) {
  struct pipe *p = f->priv;
  p->writers--;
  pipe_drop(p);
}

static const struct file_ops read_ops = {
    .read = pipe_read, .ready = pipe_ready, .release = release_read};
static const struct file_ops write_ops = {
    .write = pipe_write, .ready = pipe_ready, .release = release_write};

int pipe_create(unsigned flags, struct file **rd, struct file **wr) {
  struct pipe *p = kzalloc(sizeof *p);
  char *buf = kzalloc(CAP);
  if (!p || !buf)
    goto fail;
  p->buf = buf;
  unsigned status = flags & LINUX_O_NONBLOCK;
  *rd = file_new(&read_ops, LINUX_O_RDONLY | status, p);
  if (!*rd)
    goto fail;
  *wr = file_new(&write_ops, LINUX_O_WRONLY | status, p);
  if (!*wr) {
    kfree(*rd);
    goto fail;
  }
  p->readers = p->writers = 1;
  return 0;
fail:
  kfree(buf);
  kfree(p);
  return -ENOMEM;
}
