/* capget and capset (capget(2), kernel/capability.c): the header's
 * version picks one (version 1) or two (versions 2 and 3) 32-bit data
 * words per set; an unknown version is answered with the kernel's own
 * (written back) and EINVAL. The rules are cred_rules.c's. */
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

#define CAP_VERSION_1 0x19980330u
#define CAP_VERSION_2 0x20071026u
#define CAP_VERSION_3 0x20080522u

struct cap_header {
  uint32_t version;
  int32_t pid;
};

struct cap_data {
  uint32_t effective, permitted, inheritable;
};

/* The number of data words for the header's version, or an errno. */
static long words(uint64_t hdr) {
  struct mm *mm = current_proc()->mm;
  uint32_t v;
  if (copy_from_user(mm, &v, hdr, sizeof v))
    return -EFAULT;
  if (v == CAP_VERSION_1)
    return 1;
  if (v == CAP_VERSION_2 || v == CAP_VERSION_3)
    return 2;
  v = CAP_VERSION_3;
  return copy_to_user(mm, hdr, &v, sizeof v) ? -EFAULT : -EINVAL;
}

static long get_pid(uint64_t hdr, int32_t *pid) {
  return copy_from_user(current_proc()->mm, pid, hdr + 4, sizeof *pid) ? -EFAULT
                                                                       : 0;
}

SYSCALL_DEFINE(capget) {
  long n = words(a0);
  /* A NULL data pointer asks only for the version: no EINVAL for it. */
  if (!a1)
    return n == -EINVAL ? 0 : (n < 0 ? n : 0);
  if (n < 0)
    return n;
  int32_t pid;
  if (get_pid(a0, &pid))
    return -EFAULT;
  if (pid < 0)
    return -EINVAL;
  struct proc *p = current_proc();
  if (pid && pid != p->pid) {
    p = proc_find(pid);
    if (!p || p->reaped) /* a zombie still has its credentials */
      return -ESRCH;
  }
  const struct cred *c = &p->cred;
  struct cap_data d[2];
  for (int i = 0; i < 2; i++)
    d[i] = (struct cap_data){(uint32_t)(c->cap_eff >> (32 * i)),
                             (uint32_t)(c->cap_perm >> (32 * i)),
                             (uint32_t)(c->cap_inh >> (32 * i))};
  return copy_to_user(current_proc()->mm, a1, d, (size_t)n * sizeof d[0])
             ? -EFAULT
             : 0;
}

SYSCALL_DEFINE(capset) {
  long n = words(a0);
  if (n < 0)
    return n;
  int32_t pid;
  if (get_pid(a0, &pid))
    return -EFAULT;
  struct proc *p = current_proc();
  if (pid != 0 && pid != p->pid) /* only the caller's own sets */
    return -EPERM;
  /* Version 1 has no upper words: those capabilities are dropped. */
  struct cap_data d[2] = {{0, 0, 0}, {0, 0, 0}};
  if (copy_from_user(p->mm, d, a1, (size_t)n * sizeof d[0]))
    return -EFAULT;
  uint64_t eff = d[0].effective | (uint64_t)d[1].effective << 32;
  uint64_t perm = d[0].permitted | (uint64_t)d[1].permitted << 32;
  uint64_t inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
  return cred_capset(&p->cred, eff, perm, inh);
}
