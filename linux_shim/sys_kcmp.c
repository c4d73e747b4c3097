/* kcmp(2) (kernel/kcmp.c): whether two processes share a resource. 0 is
 * the same; different ones are ordered by a per-type scramble of their
 * addresses (1: less, 2: greater), as Linux's kptr_obfuscate keeps
 * kernel pointers from leaking through the order. Both tasks must be
 * readable under the ptrace rule (EPERM). */
#include <libos/epoll.h>
#include <libos/fd.h>
#include <libos/proc.h>
#include <libos/random.h>
#include <libos/uaccess.h>
#include <linux_shim/ptrace_access.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

enum {
  KCMP_FILE,
  KCMP_VM,
  KCMP_FILES,
  KCMP_FS,
  KCMP_SIGHAND,
  KCMP_IO,
  KCMP_SYSVSEM,
  KCMP_EPOLL_TFD,
  KCMP_TYPES,
};

/* What the type compares: an identity per process or per descriptor. */
static uint64_t cookies[KCMP_TYPES][2];

static int64_t scramble(const void *p, int type) {
  if (!cookies[type][1]) {
    for (int t = 0; t < KCMP_TYPES; t++) {
      random_bytes(cookies[t], sizeof cookies[t]);
      cookies[t][1] |= 1; /* odd: the product keeps values distinct */
    }
  }
  return (int64_t)(((uint64_t)(uintptr_t)p ^ cookies[type][0]) *
                   cookies[type][1]);
}

static long order(const void *a, const void *b, int type) {
  int64_t x = scramble(a, type), y = scramble(b, type);
  return (x < y) | ((x > y) << 1);
}

/* get_epoll_tfile_raw_ptr: the `toff`-th item of set `ef` added by
 * descriptor `fd`. */
struct find_item {
  int fd;
  unsigned toff;
  const struct file *found;
};

static void find_item(void *ctx, const struct file *tf, int fd, uint32_t events,
                      uint64_t data) {
  (void)events, (void)data;
  struct find_item *w = ctx;
  if (fd == w->fd && !w->found && w->toff-- == 0)
    w->found = tf;
}

/* KCMP_EPOLL_TFD: descriptor idx1 of p1 against the file that slot
 * (efd, tfd, toff) of an epoll set of p2 watches. */
static long epoll_target(struct proc *p1, uint64_t idx1, struct proc *p2,
                         uint64_t uslot) {
  struct {
    uint32_t efd, tfd, toff;
  } slot;
  if (copy_from_user(current_proc()->mm, &slot, uslot, sizeof slot))
    return -EFAULT;
  struct file *f = fd_get(p1->fds, (int64_t)(uint32_t)idx1);
  if (!f)
    return -EBADF;
  struct file *ef = fd_get(p2->fds, (int64_t)slot.efd);
  if (!ef)
    return -EBADF;
  if (!file_is_epoll(ef))
    return -EINVAL;
  struct find_item w = {(int)slot.tfd, slot.toff, 0};
  epoll_for_each_item(ef, find_item, &w);
  return w.found ? order(f, w.found, KCMP_FILE) : -ENOENT;
}

SYSCALL_DEFINE(kcmp) {
  int type = (int)a2;
  struct thread *t1 = thread_find((int)(int32_t)a0);
  struct thread *t2 = thread_find((int)(int32_t)a1);
  if (!t1 || !t2 || t1->proc->state != PROC_ALIVE ||
      t2->proc->state != PROC_ALIVE)
    return -ESRCH;
  if (ptrace_may_read(t1) || ptrace_may_read(t2))
    return -EPERM;
  struct proc *p1 = t1->proc, *p2 = t2->proc;
  switch (type) {
  case KCMP_FILE: {
    struct file *f1 = fd_get(p1->fds, (int64_t)(uint32_t)a3);
    struct file *f2 = fd_get(p2->fds, (int64_t)(uint32_t)a4);
    return f1 && f2 ? order(f1, f2, type) : -EBADF;
  }
  case KCMP_VM:
    return order(p1->mm, p2->mm, type);
  case KCMP_FILES:
    return order(p1->fds, p2->fds, type);
  case KCMP_FS:
    return order(p1->fs, p2->fs, type);
  case KCMP_SIGHAND:
    return order(p1->sighand, p2->sighand, type);
  case KCMP_IO:
  case KCMP_SYSVSEM:
    return 0; /* no io_context or semaphore undo list: both NULL */
  case KCMP_EPOLL_TFD:
    return epoll_target(p1, a3, p2, a4);
  default:
    return -EINVAL;
  }
}
