/* User and group ids (credentials(7)): the get and set calls. The rules
 * (who may become what, and how the capability sets follow) are
 * cred_rules.c's; the file layer sees the filesystem ids and uses the
 * file capabilities of the effective set (fs_cred). */
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

static struct cred *me(void) {
  return &current_proc()->cred;
}

/* Linux's commit_creds: a change of the effective or filesystem ids makes
 * the process non-dumpable (suid_dumpable 0) until its next exec, and then
 * its /proc entries belong to root. Returns r. */
static long changed(long r, const struct cred *old) {
  const struct cred *c = me();
  if (c->euid != old->euid || c->egid != old->egid || c->fsuid != old->fsuid ||
      c->fsgid != old->fsgid)
    current_proc()->dumpable = 0;
  return r;
}

const struct vfs_cred *fs_cred(void) {
  static struct vfs_cred v;
  const struct cred *c = me();
  v.uid = c->fsuid;
  v.gid = c->fsgid;
  v.privileged = cred_capable(c, CAP_DAC_OVERRIDE);
  v.groups = c->groups;
  v.ngroups = c->ngroups;
  return &v;
}

const struct vfs_cred *fs_cred_real(void) {
  static struct vfs_cred v;
  const struct cred *c = me();
  v = *fs_cred();
  v.uid = c->ruid;
  v.gid = c->rgid;
  /* access(2): root's capabilities only for the real root, from its
   * permitted set (access_override_creds). */
  v.privileged = c->ruid == 0 && (c->cap_perm & CAP_BIT(CAP_DAC_OVERRIDE));
  return &v;
}

SYSCALL_DEFINE(getuid) {
  return me()->ruid;
}

SYSCALL_DEFINE(geteuid) {
  return me()->euid;
}

SYSCALL_DEFINE(getgid) {
  return me()->rgid;
}

SYSCALL_DEFINE(getegid) {
  return me()->egid;
}

SYSCALL_DEFINE(setresuid) {
  struct cred old = *me();
  return changed(cred_setresuid(me(), (uint32_t)a0, (uint32_t)a1, (uint32_t)a2),
                 &old);
}

SYSCALL_DEFINE(setresgid) {
  struct cred old = *me();
  return changed(cred_setresgid(me(), (uint32_t)a0, (uint32_t)a1, (uint32_t)a2),
                 &old);
}

static long get_res(uint32_t r, uint32_t e, uint32_t s, uint64_t ur,
                    uint64_t ue, uint64_t us) {
  struct mm *mm = current_proc()->mm;
  if (copy_to_user(mm, ur, &r, 4) || copy_to_user(mm, ue, &e, 4) ||
      copy_to_user(mm, us, &s, 4))
    return -EFAULT;
  return 0;
}

SYSCALL_DEFINE(getresuid) {
  struct cred *c = me();
  return get_res(c->ruid, c->euid, c->suid, a0, a1, a2);
}

SYSCALL_DEFINE(getresgid) {
  struct cred *c = me();
  return get_res(c->rgid, c->egid, c->sgid, a0, a1, a2);
}

SYSCALL_DEFINE(setuid) {
  struct cred old = *me();
  return changed(cred_setuid(me(), (uint32_t)a0), &old);
}

SYSCALL_DEFINE(setgid) {
  struct cred old = *me();
  return changed(cred_setgid(me(), (uint32_t)a0), &old);
}

SYSCALL_DEFINE(setreuid) {
  struct cred old = *me();
  return changed(cred_setreuid(me(), (uint32_t)a0, (uint32_t)a1), &old);
}

SYSCALL_DEFINE(setregid) {
  struct cred old = *me();
  return changed(cred_setregid(me(), (uint32_t)a0, (uint32_t)a1), &old);
}

SYSCALL_DEFINE(setfsuid) {
  struct cred old = *me();
  return changed(cred_setfsuid(me(), (uint32_t)a0), &old);
}

SYSCALL_DEFINE(setfsgid) {
  struct cred old = *me();
  return changed(cred_setfsgid(me(), (uint32_t)a0), &old);
}

SYSCALL_DEFINE(getgroups) {
  struct cred *c = me();
  int64_t size = (int32_t)a0;
  if (size < 0)
    return -EINVAL;
  if (size == 0)
    return c->ngroups;
  if ((uint64_t)size < c->ngroups)
    return -EINVAL;
  if (copy_to_user(current_proc()->mm, a1, c->groups, c->ngroups * 4))
    return -EFAULT;
  return c->ngroups;
}

SYSCALL_DEFINE(setgroups) {
  /* may_setgroups comes first: unprivileged, any count is EPERM. */
  if (!cred_capable(me(), CAP_SETGID))
    return -EPERM;
  int64_t n = (int32_t)a0;
  if (n < 0 || n > CRED_NGROUPS_MAX)
    return -EINVAL;
  if (n > CRED_GROUPS_KEPT)
    return -ENOMEM;
  struct cred *c = me();
  uint32_t g[CRED_GROUPS_KEPT];
  if (copy_from_user(current_proc()->mm, g, a1, (size_t)n * 4))
    return -EFAULT;
  /* Linux keeps them sorted (groups_sort); getgroups returns that order. */
  for (int64_t i = 1; i < n; i++)
    for (int64_t j = i; j > 0 && g[j - 1] > g[j]; j--) {
      uint32_t t = g[j];
      g[j] = g[j - 1];
      g[j - 1] = t;
    }
  for (int64_t i = 0; i < n; i++)
    c->groups[i] = g[i];
  c->ngroups = (unsigned)n;
  return 0;
}
