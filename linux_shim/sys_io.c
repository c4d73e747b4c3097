/* I/O on the three standard descriptors: stdout and stderr behave like the
 * write end of a pipe to the console, stdin like /dev/null (EOF). There is
 * no fd table yet; every other descriptor is EBADF. */
#include <hal/console.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/syscall.h>
#include <linux_shim/uapi/errno.h>
#include <linux_shim/uapi/io.h>

static bool writable_fd(uint64_t fd) {
  return fd == 1 || fd == 2;
}

/* Copy `len` user bytes to the console in chunks. Returns bytes written, or
 * -EFAULT when the very first byte is bad (Linux's partial-write rule). */
static long console_write(uint64_t buf, uint64_t len) {
  char chunk[512];
  uint64_t done = 0;
  while (done < len) {
    size_t n = len - done < sizeof chunk ? (size_t)(len - done) : sizeof chunk;
    size_t missed = copy_from_user(&current_proc()->mm, chunk, buf + done, n);
    hal_console_write(chunk, n - missed);
    done += n - missed;
    if (missed)
      return done ? (long)done : -EFAULT;
  }
  return (long)done;
}

SYSCALL_DEFINE(write) {
  if (!writable_fd(a0))
    return -EBADF;
  if ((int64_t)a2 < 0)
    return -EINVAL;
  return console_write(a1, a2);
}

SYSCALL_DEFINE(writev) {
  uint64_t fd = a0, iov = a1;
  if (!writable_fd(fd))
    return -EBADF;
  if (a2 > LINUX_UIO_MAXIOV) /* unsigned: a "negative" count lands here */
    return -EINVAL;
  int64_t cnt = (int64_t)a2;
  struct linux_iovec v[16];
  uint64_t total = 0;
  /* Validate every length first: an overflowing total is EINVAL before
   * anything is written, as in Linux. */
  for (int64_t i = 0; i < cnt; i += 16) {
    int64_t n = cnt - i < 16 ? cnt - i : 16;
    if (copy_from_user(&current_proc()->mm, v, iov + i * sizeof v[0],
                       n * sizeof v[0]))
      return -EFAULT;
    for (int64_t k = 0; k < n; k++) {
      if ((int64_t)v[k].len < 0 || total + v[k].len > (uint64_t)INT64_MAX)
        return -EINVAL;
      total += v[k].len;
    }
  }
  long done = 0;
  for (int64_t i = 0; i < cnt; i += 16) {
    int64_t n = cnt - i < 16 ? cnt - i : 16;
    if (copy_from_user(&current_proc()->mm, v, iov + i * sizeof v[0],
                       n * sizeof v[0]))
      return done ? done : -EFAULT;
    for (int64_t k = 0; k < n; k++) {
      long w = console_write(v[k].base, v[k].len);
      if (w < 0)
        return done ? done : w;
      done += w;
      if ((uint64_t)w < v[k].len)
        return done;
    }
  }
  return done;
}

SYSCALL_DEFINE(read) {
  if (a0 == 0)
    return 0; /* /dev/null: end of file at once */
  return -EBADF;
}

SYSCALL_DEFINE(ioctl) {
  if (a0 > 2)
    return -EBADF;
  /* A pipe or /dev/null has no terminal: every tty request is ENOTTY. */
  return -ENOTTY;
}
