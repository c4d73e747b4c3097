/* epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait,
 * epoll_pwait2 (fs/eventpoll.c's checks, in its order); the sets
 * themselves are libos/epoll.c. struct epoll_event is per arch
 * (LINUX_EPOLL_EVENT_SIZE, abi.h). A signal ends a wait with EINTR,
 * never a restart (signal(7)); epoll_pwait's mask stays for the handler
 * then, as restore_saved_sigmask_unless(EINTR) does. */
#include <abi.h>
#include <libos/epoll.h>
#include <libos/fd.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/pollarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/io.h>
#include <uapi/poll.h>
#include <uapi/time.h>

#define EP_MAX_EVENTS (0x7fffffff / LINUX_EPOLL_EVENT_SIZE)
#define EPOLLEXCLUSIVE_OK_BITS                                                 \
  (LINUX_POLLIN | LINUX_POLLOUT | LINUX_POLLERR | LINUX_POLLHUP |              \
   LINUX_EPOLLWAKEUP | LINUX_EPOLLET | LINUX_EPOLLEXCLUSIVE)

static long do_epoll_create(uint64_t flags) {
  if (flags & ~(uint64_t)LINUX_O_CLOEXEC) /* EPOLL_CLOEXEC */
    return -EINVAL;
  struct file *f = epoll_create_file();
  if (!f)
    return -ENOMEM;
  int fd = fd_install(current_proc()->fds, f, 0, flags & LINUX_O_CLOEXEC,
                      fs_fd_limit());
  file_put(f);
  return fd;
}

SYSCALL_DEFINE(epoll_create) {
  if ((int32_t)a0 <= 0)
    return -EINVAL;
  return do_epoll_create(0);
}

SYSCALL_DEFINE(epoll_create1) {
  return do_epoll_create((uint32_t)a0);
}

/* fdget: O_PATH descriptors are not there. */
static struct file *fd_file_io(int fd) {
  struct file *f = fd_get(current_proc()->fds, fd);
  return f && !f->path_only ? f : 0;
}

SYSCALL_DEFINE(epoll_ctl) {
  int epfd = (int32_t)a0, op = (int32_t)a1, fd = (int32_t)a2;
  uint32_t events = 0;
  uint64_t data = 0;
  if (op != LINUX_EPOLL_CTL_DEL) {
    unsigned char ev[LINUX_EPOLL_EVENT_SIZE];
    if (copy_from_user(current_proc()->mm, ev, a3, sizeof ev))
      return -EFAULT;
    memcpy(&events, ev, 4);
    memcpy(&data, ev + LINUX_EPOLL_DATA_OFFSET, 8);
  }
  struct file *ef = fd_file_io(epfd);
  if (!ef)
    return -EBADF;
  struct file *tf = fd_file_io(fd);
  if (!tf)
    return -EBADF;
  if (!file_can_poll(tf))
    return -EPERM;
  if (ef == tf || !file_is_epoll(ef))
    return -EINVAL;
  if (op != LINUX_EPOLL_CTL_DEL && (events & LINUX_EPOLLEXCLUSIVE)) {
    if (op == LINUX_EPOLL_CTL_MOD)
      return -EINVAL;
    if (op == LINUX_EPOLL_CTL_ADD &&
        (file_is_epoll(tf) || (events & ~EPOLLEXCLUSIVE_OK_BITS)))
      return -EINVAL;
  }
  switch (op) {
  case LINUX_EPOLL_CTL_ADD:
    return epoll_add(ef, tf, fd, events, data);
  case LINUX_EPOLL_CTL_DEL:
    return epoll_del(ef, tf, fd);
  case LINUX_EPOLL_CTL_MOD:
    return epoll_mod(ef, tf, fd, events, data);
  default:
    return -EINVAL;
  }
}

struct emit_ctx {
  struct mm *mm;
  uint64_t at; /* the next struct epoll_event */
};

static bool emit_event(void *arg, uint32_t events, uint64_t data) {
  struct emit_ctx *c = arg;
  unsigned char ev[LINUX_EPOLL_EVENT_SIZE] = {0};
  memcpy(ev, &events, 4);
  memcpy(ev + LINUX_EPOLL_DATA_OFFSET, &data, 8);
  /* Linux writes the two fields, never the arm64 padding. */
  if (copy_to_user(c->mm, c->at, ev, 4) ||
      copy_to_user(c->mm, c->at + LINUX_EPOLL_DATA_OFFSET,
                   ev + LINUX_EPOLL_DATA_OFFSET, 8))
    return false;
  c->at += LINUX_EPOLL_EVENT_SIZE;
  return true;
}

static long do_epoll_wait(uint64_t epfd, uint64_t uevents, uint64_t max,
                          uint64_t deadline) {
  int maxevents = (int32_t)max;
  if (maxevents <= 0 || maxevents > EP_MAX_EVENTS)
    return -EINVAL;
  if (!access_ok(uevents, (uint64_t)maxevents * LINUX_EPOLL_EVENT_SIZE))
    return -EFAULT;
  struct file *ef = fd_file_io((int32_t)epfd);
  if (!ef)
    return -EBADF;
  if (!file_is_epoll(ef))
    return -EINVAL;
  struct emit_ctx c = {current_proc()->mm, uevents};
  /* Held while we sleep: another thread may close epfd meanwhile. */
  file_get(ef);
  long r = epoll_wait_file(ef, maxevents, deadline, emit_event, &c);
  file_put(ef);
  return r;
}

static uint64_t ms_deadline(uint64_t a) {
  int32_t ms = (int32_t)a;
  uint64_t deadline = POLL_NO_TIMEOUT;
  if (ms >= 0)
    poll_deadline(ms / 1000, (int64_t)(ms % 1000) * 1000000, &deadline);
  return deadline;
}

SYSCALL_DEFINE(epoll_wait) {
  return do_epoll_wait(a0, a1, a2, ms_deadline(a3));
}

static long do_epoll_pwait(uint64_t epfd, uint64_t uevents, uint64_t max,
                           uint64_t deadline, uint64_t umask, uint64_t size) {
  int err = poll_sigmask_set(umask, size);
  if (err)
    return err;
  long r = do_epoll_wait(epfd, uevents, max, deadline);
  poll_sigmask_restore_unless(r == -EINTR);
  return r;
}

SYSCALL_DEFINE(epoll_pwait) {
  return do_epoll_pwait(a0, a1, a2, ms_deadline(a3), a4, a5);
}

SYSCALL_DEFINE(epoll_pwait2) {
  uint64_t deadline = POLL_NO_TIMEOUT;
  if (a3) {
    struct linux_timespec ts;
    if (copy_from_user(current_proc()->mm, &ts, a3, sizeof ts))
      return -EFAULT;
    if (poll_deadline(ts.sec, ts.nsec, &deadline))
      return -EINVAL;
  }
  return do_epoll_pwait(a0, a1, a2, deadline, a4, a5);
}
