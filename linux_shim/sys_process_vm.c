/* process_vm_readv and process_vm_writev (mm/process_vm_access.c): copy
 * between the caller's memory and another process's, as far as both sides
 * can be read or written; a fault on either side ends the copy there
 * (EFAULT only when nothing moved). The checks come in Linux's order:
 * flags, the local vector (import_iovec), nothing to copy (0), the remote
 * vector, the task (ESRCH) and mm_access's ptrace rule (EPERM). */
#include <libos/kheap.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/ptrace_access.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/io.h>

#define CHUNK 4096u

/* A vector of `cnt` iovecs at `uiov` in the caller's memory: EINVAL past
 * UIO_MAXIOV or for a negative length, EFAULT for the vector itself or
 * (`local`) a segment outside user memory. *total: the bytes it names,
 * cut at MAX_RW_COUNT. */
static long check_vec(uint64_t uiov, uint64_t cnt, bool local,
                      uint64_t *total) {
  if (cnt > LINUX_UIO_MAXIOV)
    return -EINVAL;
  struct mm *mm = current_proc()->mm;
  *total = 0;
  for (uint64_t i = 0; i < cnt; i++) {
    struct linux_iovec v;
    if (copy_from_user(mm, &v, uiov + i * sizeof v, sizeof v))
      return -EFAULT;
    if ((int64_t)v.len < 0)
      return -EINVAL;
    if (local && !access_ok(v.base, v.len))
      return -EFAULT;
    *total += v.len < MAX_RW_COUNT - *total ? v.len : MAX_RW_COUNT - *total;
  }
  return 0;
}

/* Walks both vectors in step. */
struct cursor {
  uint64_t uiov, cnt, i; /* the vector and the segment we are in */
  uint64_t base, left;   /* what is left of it */
};

static bool cursor_next(struct cursor *c, struct mm *mm) {
  while (!c->left) {
    if (c->i >= c->cnt)
      return false;
    struct linux_iovec v;
    if (copy_from_user(mm, &v, c->uiov + c->i * sizeof v, sizeof v))
      return false;
    c->i++;
    c->base = v.base;
    c->left = v.len;
  }
  return true;
}

static long process_vm(uint64_t pid, uint64_t lvec, uint64_t lcnt,
                       uint64_t rvec, uint64_t rcnt, uint64_t flags,
                       bool write) {
  if (flags)
    return -EINVAL;
  uint64_t ltotal, rtotal;
  long err = check_vec(lvec, lcnt, true, &ltotal);
  if (err)
    return err;
  if (!ltotal)
    return 0;
  err = check_vec(rvec, rcnt, false, &rtotal);
  if (err)
    return err;
  struct thread *t = thread_find((int)(int32_t)pid);
  if (!t || t->proc->state != PROC_ALIVE || !t->proc->mm)
    return -ESRCH;
  if (ptrace_may_read(t)) /* mm_access: EACCES becomes EPERM */
    return -EPERM;
  struct mm *me = current_proc()->mm, *them = t->proc->mm;
  char *buf = kzalloc(CHUNK);
  if (!buf)
    return -ENOMEM;
  struct cursor l = {lvec, lcnt, 0, 0, 0}, r = {rvec, rcnt, 0, 0, 0};
  uint64_t done = 0;
  bool fault = false;
  while (done < ltotal && cursor_next(&l, me) && cursor_next(&r, me)) {
    uint64_t n = l.left < r.left ? l.left : r.left;
    if (n > CHUNK)
      n = CHUNK;
    if (n > ltotal - done)
      n = ltotal - done;
    /* From the source side as far as it reads, then to the other. */
    struct mm *from = write ? me : them, *to = write ? them : me;
    uint64_t src = write ? l.base : r.base, dst = write ? r.base : l.base;
    uint64_t got = n - copy_from_user(from, buf, src, n);
    uint64_t put = got - copy_to_user(to, dst, buf, got);
    done += put;
    l.base += put, l.left -= put;
    r.base += put, r.left -= put;
    if (put < n) {
      fault = true;
      break;
    }
  }
  kfree(buf);
  return done ? (long)done : fault ? -EFAULT : 0;
}

SYSCALL_DEFINE(process_vm_readv) {
  return process_vm(a0, a1, a2, a3, a4, a5, false);
}

SYSCALL_DEFINE(process_vm_writev) {
  return process_vm(a0, a1, a2, a3, a4, a5, true);
}
