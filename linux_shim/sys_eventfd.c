/* eventfd and eventfd2 (fs/eventfd.c's do_eventfd): eventfd takes no
 * flags (x86-64 only), eventfd2 EFD_CLOEXEC, EFD_NONBLOCK and
 * EFD_SEMAPHORE, anything else EINVAL. The file is libos/eventfd.c. */
#include <libos/eventfd.h>
#include <libos/fd.h>
#include <libos/proc.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/io.h>
#include <uapi/poll.h>

static long do_eventfd(uint64_t initval, uint64_t flags) {
  if (flags &
      ~(uint64_t)(LINUX_O_CLOEXEC | LINUX_O_NONBLOCK | LINUX_EFD_SEMAPHORE))
    return -EINVAL;
  struct file *f;
  int err = eventfd_create((uint32_t)initval, flags & LINUX_EFD_SEMAPHORE,
                           (unsigned)flags & LINUX_O_NONBLOCK, &f);
  if (err)
    return err;
  return fs_install_new(f, flags & LINUX_O_CLOEXEC);
}

SYSCALL_DEFINE(eventfd) {
  return do_eventfd(a0, 0);
}

SYSCALL_DEFINE(eventfd2) {
  return do_eventfd(a0, (uint32_t)a1);
}
