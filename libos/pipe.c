/* The pipe ring and its two ends. */
#include <libos/pipe.h>

#include <libos/fasync.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/poll.h>
#include <libos/uaccess.h>
#include <libos/vfs.h>
#include <libos/wait.h>
#include <uapi/errno.h>
#include <uapi/io.h>

/* Linux's pipe_buffer, without the page: the bytes live in the byte ring
 * in slot order; a slot says how many are its and where in its page they
 * start, which is what Linux's capacity, merge and packet rules see. */
struct slot {
  uint16_t off; /* where the bytes start in the slot's page */
  uint16_t len; /* bytes left (off + len <= PAGE) */
  bool merge;   /* PIPE_BUF_FLAG_CAN_MERGE: a write may add to it */
  bool packet;  /* PIPE_BUF_FLAG_PACKET: a read takes it whole or cut */
};

struct pipe {
  char *buf;
  size_t head; /* next byte to read */
  size_t len;  /* bytes in the ring */
  size_t cap;  /* the ring's size: F_SETPIPE_SZ's, a power of two pages */
  struct slot *slots; /* cap / PAGE of them, a ring */
  size_t sh, sn;      /* the oldest slot, slots in use */
  int readers, writers;
  unsigned r_opens, w_opens; /* FIFO opens so far (blocking open waits) */
  struct inode *fifo;        /* the FIFO's or pipefs inode */
  /* Readers wait on rd_wait (data, no writer left), writers on wr_wait
   * (room, no reader left), as Linux's two queues. */
  struct waitq rd_wait, wr_wait;
  /* Ends with O_ASYNC: readers hear of data, writers of room. */
  struct fasync *async_readers, *async_writers;
};

#define PAGE 4096u

static size_t nslots(const struct pipe *p) {
  return p->cap / PAGE;
}

/* POLLOUT, and room for a write: a free slot (Linux's !pipe_full). */
static bool writable(const struct pipe *p) {
  return p->sn < nslots(p);
}

/* Bytes went in: readers may go on (every write wakes, as Linux does once
 * the pipe was polled, so edge-triggered epoll sees each write). */
static void wake_readers(struct pipe *p) {
  waitq_wake(&p->rd_wait, LINUX_POLLIN | LINUX_POLLRDNORM);
}

/* Bytes went out of a pipe that was full (no PIPE_BUF room). */
static void wake_writers(struct pipe *p, bool was_full) {
  if (was_full)
    waitq_wake(&p->wr_wait, LINUX_POLLOUT | LINUX_POLLWRNORM);
}

static size_t min_sz(size_t a, size_t b) {
  return a < b ? a : b;
}

static struct slot *oldest(struct pipe *p) {
  return &p->slots[p->sh];
}

static struct slot *newest(struct pipe *p) {
  return &p->slots[(p->sh + p->sn - 1) % nslots(p)];
}

/* Copy n bytes (they fit: the slots hold at most cap) to the ring's end. */
static void ring_put(struct pipe *p, const char *src, size_t n) {
  for (size_t done = 0; done < n;) {
    size_t tail = (p->head + p->len) % p->cap;
    size_t c = min_sz(n - done, p->cap - tail);
    memcpy(p->buf + tail, src + done, c);
    p->len += c;
    done += c;
  }
}

/* A new slot holding n <= PAGE bytes from `src` (a slot must be free). */
static void slot_add(struct pipe *p, const char *src, size_t n, bool merge,
                     bool packet) {
  struct slot *sl = &p->slots[(p->sh + p->sn) % nslots(p)];
  *sl = (struct slot){.len = (uint16_t)n, .merge = merge, .packet = packet};
  p->sn++;
  ring_put(p, src, n);
}

/* Drop n bytes from the oldest slot (n <= its len), freeing it when it is
 * empty. */
static void slot_take(struct pipe *p, size_t n) {
  struct slot *sl = oldest(p);
  p->head = (p->head + n) % p->cap;
  p->len -= n;
  sl->off = (uint16_t)(sl->off + n);
  sl->len = (uint16_t)(sl->len - n);
  if (!sl->len) {
    p->sh = (p->sh + 1) % nslots(p);
    p->sn--;
  }
}

/* The bytes of a read (pipe_read): slot by slot; a packet slot ends the
 * read and loses what the read did not take. -EAGAIN when empty with a
 * writer, 0 at EOF. */
static long read_ring(struct pipe *p, struct mm *mm, uint64_t ubuf, size_t n) {
  if (p->len == 0)
    return p->writers ? -EAGAIN : 0;
  bool was_full = !writable(p);
  size_t done = 0;
  while (done < n && p->sn) {
    struct slot *sl = oldest(p);
    size_t want = min_sz(n - done, sl->len), got = 0;
    while (got < want) { /* the slot's bytes may wrap the ring */
      size_t at = (p->head + got) % p->cap;
      size_t k = min_sz(want - got, p->cap - at);
      size_t missed = copy_to_user(mm, ubuf + done + got, p->buf + at, k);
      got += k - missed;
      if (missed)
        break;
    }
    bool packet = sl->packet;
    if (got < want) { /* a fault: what was copied counts */
      slot_take(p, got);
      done += got;
      break;
    }
    slot_take(p, packet ? sl->len : got);
    done += got;
    if (packet)
      break;
  }
  if (done)
    wake_writers(p, was_full);
  return done ? (long)done : -EFAULT;
}

static long pipe_read(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                      uint64_t *pos) {
  (void)pos;
  struct pipe *p = f->priv;
  if (n == 0)
    return 0;
  long r = read_ring(p, mm, ubuf, n);
  /* Linux tells the writers' owners at the end of every read (and before
   * every wait), even one that found nothing. */
  fasync_signal(p->async_writers, LINUX_POLL_OUT);
  return r;
}

/* The bytes of a write with a reader present (pipe_write): first the
 * write's last partial page may join the newest slot, if that one can
 * merge and has room after its bytes; then a page per free slot, packets
 * (O_DIRECT on the writing end) each their own. A write of up to PIPE_BUF
 * bytes thus goes in whole or not at all. A page that cannot be read
 * whole is not added: a fault is EFAULT unless bytes went in. */
static long write_ring(struct pipe *p, struct mm *mm, uint64_t ubuf, size_t n,
                       bool packet) {
  static char page[PAGE];
  size_t done = 0, chars = n & (PAGE - 1);
  if (p->sn && chars && !packet) {
    struct slot *last = newest(p);
    if (last->merge && last->off + last->len + chars <= PAGE) {
      if (copy_from_user(mm, page, ubuf, chars))
        return -EFAULT;
      ring_put(p, page, chars);
      last->len = (uint16_t)(last->len + chars);
      done = chars;
      wake_readers(p);
    }
  }
  while (done < n) {
    if (!writable(p))
      return done ? (long)done : -EAGAIN;
    size_t k = min_sz(n - done, PAGE);
    if (copy_from_user(mm, page, ubuf + done, k))
      return done ? (long)done : -EFAULT;
    slot_add(p, page, k, !packet, packet);
    done += k;
    wake_readers(p);
  }
  return (long)done;
}

static long pipe_write(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                       uint64_t *pos) {
  (void)pos;
  struct pipe *p = f->priv;
  if (n == 0)
    return 0; /* before the reader test: no EPIPE, no SIGPIPE (Linux) */
  if (!p->readers)
    return -EPIPE;
  long r = write_ring(p, mm, ubuf, n, f->pipe_packets);
  fasync_signal(p->async_readers, LINUX_POLL_IN); /* as pipe_read's */
  return r;
}

static const struct file_ops read_ops, write_ops, rdwr_ops;

/* Linux's pipe_poll: a read end is readable with data and hung up once
 * every writer it could have seen is gone (a FIFO reader opened before
 * any writer is not); a write end is writable with room, in error with
 * no reader. */
static unsigned pipe_poll(struct file *f, struct poll_table *pt) {
  struct pipe *p = f->priv;
  bool rd = f->ops != &write_ops, wr = f->ops != &read_ops;
  if (rd)
    poll_wait(f, &p->rd_wait, pt);
  if (wr)
    poll_wait(f, &p->wr_wait, pt);
  unsigned mask = 0;
  if (rd) {
    if (p->len)
      mask |= LINUX_POLLIN | LINUX_POLLRDNORM;
    if (!p->writers && f->version != p->w_opens)
      mask |= LINUX_POLLHUP;
  }
  if (wr) {
    if (writable(p))
      mask |= LINUX_POLLOUT | LINUX_POLLWRNORM;
    if (!p->readers)
      mask |= LINUX_POLLERR;
  }
  return mask;
}

/* An end closed: when that was the last of one side, both sides' waiters
 * see the hang-up (EOF, EPIPE). */
static void ends_changed(struct pipe *p) {
  if (!p->readers != !p->writers) {
    waitq_wake(&p->rd_wait, 0);
    waitq_wake(&p->wr_wait, 0);
    fasync_signal(p->async_readers, LINUX_POLL_IN);
    fasync_signal(p->async_writers, LINUX_POLL_OUT);
  }
}

/* An empty pipe of the default 16 slots, or NULL. */
static struct pipe *pipe_alloc(void) {
  struct pipe *p = kzalloc(sizeof *p);
  char *buf = p ? kzalloc(LINUX_PIPE_SIZE) : 0;
  struct slot *slots =
      buf ? kzalloc(LINUX_PIPE_SIZE / PAGE * sizeof *slots) : 0;
  if (!slots) {
    kfree(buf);
    kfree(p);
    return 0;
  }
  p->buf = buf;
  p->slots = slots;
  p->cap = LINUX_PIPE_SIZE;
  return p;
}

static void pipe_free(struct pipe *p) {
  if (p) {
    kfree(p->buf);
    kfree(p->slots);
    kfree(p);
  }
}

static void pipe_drop(struct pipe *p) {
  if (p->readers == 0 && p->writers == 0) {
    if (p->fifo)
      p->fifo->fifo = 0; /* the data goes with the last close, as Linux */
    pipe_free(p);
  }
}

static void release_read(struct file *f) {
  struct pipe *p = f->priv;
  p->readers--;
  ends_changed(p);
  pipe_drop(p);
}

static void release_write(struct file *f) {
  struct pipe *p = f->priv;
  p->writers--;
  ends_changed(p);
  pipe_drop(p);
}

static void release_rdwr(struct file *f) {
  struct pipe *p = f->priv;
  p->readers--;
  p->writers--;
  ends_changed(p);
  pipe_drop(p);
}

/* pipe_fasync: each end joins the list of the side it can use. */
static int pipe_fasync(struct file *f, int fd, bool on) {
  struct pipe *p = f->priv;
  int err = 0;
  if (f->ops != &write_ops)
    err = fasync_update(&p->async_readers, f, fd, on);
  if (!err && f->ops != &read_ops)
    err = fasync_update(&p->async_writers, f, fd, on);
  return err;
}

static const struct file_ops read_ops = {.read = pipe_read,
                                         .poll = pipe_poll,
                                         .release = release_read,
                                         .fasync = pipe_fasync};
static const struct file_ops write_ops = {.write = pipe_write,
                                          .poll = pipe_poll,
                                          .release = release_write,
                                          .fasync = pipe_fasync,
                                          .stream_write = true};
static const struct file_ops rdwr_ops = {.read = pipe_read,
                                         .write = pipe_write,
                                         .poll = pipe_poll,
                                         .release = release_rdwr,
                                         .fasync = pipe_fasync,
                                         .stream_write = true};

/* pipefs: where the inodes of pipe(2) pipes and the console live (never
 * mounted; fstat shows a FIFO owned by the creator, mode 0600). */
static struct super pipefs = {.dev = 0x0d, .magic = 0x50495045};

struct inode *pipe_anon_inode(void) {
  struct inode *ino = inode_new(&pipefs, LINUX_S_IFIFO | 0600, 0);
  if (ino) {
    ino->nlink = 1;
    ino->anon = true;
  }
  return ino;
}

int pipe_create(unsigned flags, struct file **rd, struct file **wr) {
  struct pipe *p = pipe_alloc();
  struct inode *ino = 0;
  if (!p)
    goto fail;
  unsigned status = flags & LINUX_O_NONBLOCK;
  ino = pipe_anon_inode();
  if (!ino)
    goto fail;
  *rd = file_new(&read_ops, LINUX_O_RDONLY | status, p);
  if (!*rd)
    goto fail;
  *wr = file_new(&write_ops, LINUX_O_WRONLY | status, p);
  if (!*wr) {
    kfree(*rd);
    goto fail;
  }
  (*rd)->inode = ino; /* the creation reference */
  (*wr)->inode = inode_get(ino);
  /* Opening the inode again (/proc/<pid>/fd/N) opens this pipe, as a
   * FIFO's open does; the last close unhooks it. */
  p->fifo = ino;
  ino->fifo = p;
  p->readers = p->writers = 1;
  p->r_opens = p->w_opens = 1; /* the read end's version 0 differs */
  return 0;
fail:
  inode_put(ino);
  pipe_free(p);
  return -ENOMEM;
}

struct fifo_wait {
  struct pipe *p;
  bool for_reader; /* a reader waits for a writer, or the other way */
  unsigned seen;   /* opens of the other side when the wait began */
};

static bool other_side_opened(void *arg) {
  struct fifo_wait *w = arg;
  return w->for_reader ? w->p->w_opens != w->seen : w->p->r_opens != w->seen;
}

int pipe_open_fifo(struct inode *ino, unsigned flags, struct file **out) {
  struct pipe *p = ino->fifo;
  if (!p) {
    p = pipe_alloc();
    if (!p)
      return -ENOMEM;
    p->fifo = ino;
    ino->fifo = p;
  }
  unsigned acc = flags & LINUX_O_ACCMODE;
  bool nonblock = flags & LINUX_O_NONBLOCK;
  const struct file_ops *ops = acc == LINUX_O_RDONLY   ? &read_ops
                               : acc == LINUX_O_WRONLY ? &write_ops
                                                       : &rdwr_ops;
  if (acc == LINUX_O_WRONLY && nonblock && p->readers == 0) {
    pipe_drop(p);
    return -ENXIO;
  }
  struct file *f = file_new(ops, flags, p);
  if (!f) {
    pipe_drop(p);
    return -ENOMEM;
  }
  f->inode = inode_get(ino);
  if (ops != &write_ops) {
    p->readers++;
    p->r_opens++;
  }
  if (ops != &read_ops) {
    p->writers++;
    p->w_opens++;
  }
  f->version = p->w_opens;
  /* The other side's waiters: no more hang-up, a partner came. */
  waitq_wake(&p->rd_wait, 0);
  waitq_wake(&p->wr_wait, 0);
  /* A blocking open of one end waits for the other end (fifo(7)). */
  if (!nonblock && ops != &rdwr_ops) {
    bool reader = ops == &read_ops;
    if (reader ? p->writers == 0 : p->readers == 0) {
      struct fifo_wait w = {p, reader, reader ? p->w_opens : p->r_opens};
      if (wait_event(other_side_opened, &w, WAIT_FOREVER) == WAIT_SIGNAL) {
        file_put(f);
        return -ERESTARTSYS;
      }
    }
  }
  *out = f;
  return 0;
}

struct pipe *pipe_of(const struct file *f) {
  bool pipe =
      f->ops == &read_ops || f->ops == &write_ops || f->ops == &rdwr_ops;
  return pipe ? f->priv : 0;
}

long pipe_nread(const struct file *f) {
  const struct pipe *p = pipe_of(f);
  return p ? (long)p->len : -1;
}

void pipe_set_packets(struct file *f, bool on) {
  if (f->ops != &read_ops)
    f->pipe_packets = on;
}

size_t pipe_len(const struct pipe *p) {
  return p->len;
}

size_t pipe_room(const struct pipe *p) {
  return (nslots(p) - p->sn) * PAGE;
}

bool pipe_has_readers(const struct pipe *p) {
  return p->readers > 0;
}

bool pipe_has_writers(const struct pipe *p) {
  return p->writers > 0;
}

size_t pipe_peek(const struct pipe *p, size_t skip, void *dst, size_t n) {
  if (skip >= p->len)
    return 0;
  n = min_sz(n, p->len - skip);
  char *d = dst;
  for (size_t done = 0; done < n;) {
    size_t at = (p->head + skip + done) % p->cap;
    size_t c = min_sz(n - done, p->cap - at);
    memcpy(d + done, p->buf + at, c);
    done += c;
  }
  return n;
}

void pipe_consume(struct pipe *p, size_t n) {
  n = min_sz(n, p->len);
  bool was_full = !writable(p);
  for (size_t left = n; left;) {
    size_t k = min_sz(left, oldest(p)->len);
    slot_take(p, k);
    left -= k;
  }
  if (n)
    wake_writers(p, was_full);
}

size_t pipe_append(struct pipe *p, const void *src, size_t n) {
  const char *s = src;
  size_t done = 0;
  /* Spliced pages are not anonymous pipe pages: a later write does not
   * merge into them. */
  while (done < n && writable(p)) {
    size_t k = min_sz(n - done, PAGE);
    slot_add(p, s + done, k, false, false);
    done += k;
  }
  if (done)
    wake_readers(p);
  return done;
}

long pipe_get_size(const struct file *f) {
  const struct pipe *p = pipe_of(f);
  return p ? (long)p->cap : -EBADF;
}

long pipe_set_size(struct file *f, uint64_t arg, bool privileged) {
  struct pipe *p = pipe_of(f);
  if (!p)
    return -EBADF;
  /* round_pipe_size: an unsigned int, at least a page, a power of two. */
  uint32_t want = (uint32_t)arg;
  if (want > (1u << 31))
    return -EINVAL;
  size_t size = PAGE;
  while (size < want)
    size <<= 1;
  /* Growing past pipe-max-size takes CAP_SYS_RESOURCE; shrinking is
   * always allowed. */
  if (size > p->cap && size > LINUX_PIPE_MAX_SIZE && !privileged)
    return -EPERM;
  /* pipe_resize_ring: the slots in use must fit the new ring. */
  if (p->sn > size / PAGE)
    return -EBUSY;
  if (size == p->cap)
    return (long)size;
  char *buf = kzalloc(size);
  struct slot *slots = buf ? kzalloc(size / PAGE * sizeof *slots) : 0;
  if (!slots) {
    kfree(buf);
    return -ENOMEM;
  }
  pipe_peek(p, 0, buf, p->len);
  for (size_t i = 0; i < p->sn; i++)
    slots[i] = p->slots[(p->sh + i) % nslots(p)];
  bool was_full = !writable(p);
  kfree(p->buf);
  kfree(p->slots);
  p->buf = buf;
  p->slots = slots;
  p->head = p->sh = 0;
  p->cap = size;
  wake_writers(p, was_full && writable(p));
  return (long)size;
}
