/* Resource limits: getrlimit/setrlimit/prlimit64 on our one process. The
 * process is root, so raising a hard limit is allowed (CAP_SYS_RESOURCE);
 * RLIMIT_NOFILE still stops at fs.nr_open. Limits the kernel enforces
 * (NOFILE, DATA, STACK) take effect at once. */
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/resource.h>

#define NR_OPEN 1048576 /* Linux's default fs.nr_open */

static struct mm *umm(void) {
  return current_proc()->mm;
}

static long do_prlimit(uint64_t res, const struct linux_rlimit *nl,
                       struct linux_rlimit *ol) {
  if (res >= LINUX_RLIM_NLIMITS)
    return -EINVAL;
  struct proc *p = current_proc();
  if (nl) {
    if (nl->cur > nl->max)
      return -EINVAL;
    if (res == LINUX_RLIMIT_NOFILE && nl->max > NR_OPEN)
      return -EPERM;
  }
  /* Raising a hard limit needs CAP_SYS_RESOURCE (do_prlimit). */
  if (nl && nl->max > p->rlim[res].max &&
      !cred_capable(&p->cred, CAP_SYS_RESOURCE))
    return -EPERM;
  if (ol)
    *ol = p->rlim[res];
  if (nl) {
    p->rlim[res] = *nl;
    if (res == LINUX_RLIMIT_DATA)
      p->mm->data_limit = nl->cur;
    else if (res == LINUX_RLIMIT_STACK)
      p->mm->stack_limit = nl->cur;
  }
  return 0;
}

SYSCALL_DEFINE(getrlimit) {
  struct linux_rlimit old;
  long err = do_prlimit(a0, 0, &old);
  if (err)
    return err;
  return copy_to_user(umm(), a1, &old, sizeof old) ? -EFAULT : 0;
}

SYSCALL_DEFINE(setrlimit) {
  struct linux_rlimit nl;
  if (copy_from_user(umm(), &nl, a1, sizeof nl))
    return -EFAULT;
  return do_prlimit(a0, &nl, 0);
}

SYSCALL_DEFINE(prlimit64) {
  int64_t pid = (int32_t)a0;
  struct linux_rlimit nl, old;
  if (a2 && copy_from_user(umm(), &nl, a2, sizeof nl))
    return -EFAULT;
  if (pid < 0 || (pid && pid != current_proc()->pid))
    return -ESRCH;
  long err = do_prlimit(a1, a2 ? &nl : 0, a3 ? &old : 0);
  if (err)
    return err;
  if (a3 && copy_to_user(umm(), a3, &old, sizeof old))
    return -EFAULT;
  return 0;
}
