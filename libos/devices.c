/* The mem devices and the console (devices.h). */
#include <libos/devices.h>
#include <libos/random.h>

#include <hal/console.h>
#include <hal/time.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>
#include <uapi/poll.h>
#include <uapi/stat.h>

static long read_eof(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                     uint64_t *pos) {
  (void)f, (void)mm, (void)ubuf, (void)n, (void)pos;
  return 0;
}

static long write_all(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                      uint64_t *pos) {
  (void)f, (void)mm, (void)ubuf, (void)pos;
  return (long)n;
}

static long write_full(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                       uint64_t *pos) {
  (void)f, (void)mm, (void)ubuf, (void)n, (void)pos;
  return -ENOSPC;
}

static long read_zero(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                      uint64_t *pos) {
  (void)f, (void)pos;
  size_t left = clear_user(mm, ubuf, n);
  if (left == n && n)
    return -EFAULT;
  return (long)(n - left);
}

static long read_random(struct file *f, struct mm *mm, uint64_t ubuf,
                        size_t n, uint64_t *pos) {
  (void)f, (void)pos;
  return random_to_user(mm, ubuf, n);
}

/* Bytes move a page at a time and a page that cannot be read whole is not
 * written, as a pipe takes them: a fault is EFAULT unless earlier pages
 * went out. */
static long console_write(struct file *f, struct mm *mm, uint64_t ubuf,
                          size_t n, uint64_t *pos) {
  (void)f, (void)pos;
  static char page[4096];
  size_t done = 0;
  while (done < n) {
    size_t k = n - done < sizeof page ? n - done : sizeof page;
    if (copy_from_user(mm, page, ubuf + done, k))
      return done ? (long)done : -EFAULT;
    hal_console_write(page, k);
    done += k;
  }
  return (long)done;
}

/* The harness's stdout is a pipe's write end whose reader keeps up. */
static unsigned console_poll(struct file *f, struct poll_table *pt) {
  (void)f, (void)pt;
  return LINUX_POLLOUT | LINUX_POLLWRNORM;
}

const struct file_ops console_ops = {.write = console_write,
                                     .poll = console_poll};

static const struct file_ops null_ops = {.read = read_eof, .write = write_all};
static const struct file_ops zero_ops = {.read = read_zero, .write = write_all};
static const struct file_ops full_ops = {.read = read_zero,
                                         .write = write_full};
static const struct file_ops random_ops = {.read = read_random,
                                           .write = write_all};

static const struct {
  uint32_t minor;
  const struct file_ops *ops;
} mem_devices[] = {
    {3, &null_ops},   {5, &zero_ops},   {7, &full_ops},
    {8, &random_ops}, {9, &random_ops},
};

const struct file_ops *device_ops(uint64_t rdev) {
  if (linux_major(rdev) != DEV_MEM_MAJOR)
    return 0;
  for (unsigned i = 0; i < sizeof mem_devices / sizeof mem_devices[0]; i++)
    if (mem_devices[i].minor == linux_minor(rdev))
      return mem_devices[i].ops;
  return 0;
}
