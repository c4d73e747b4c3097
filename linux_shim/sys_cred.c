/* User and group ids (credentials(7)): the get and set calls with
 * kernel/sys.c's rules for unprivileged callers and what root's
 * capabilities allow; the filesystem ids follow the effective ones. A
 * process holds root's capabilities while one of its user ids is 0, uses
 * them while its effective id is 0, and uses the file ones (DAC override,
 * fowner, chown) while its filesystem id is 0 (capabilities(7), "Effect
 * of user ID changes on capabilities"). */
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

#define KEEP UINT32_MAX /* -1: leave the id as it is */

static struct cred *me(void) {
  return &current_proc()->cred;
}

/* Linux's commit_creds: a change of the effective or filesystem ids makes
 * the process non-dumpable until its next exec, and then its /proc
 * entries belong to root. Returns r. */
static long changed(long r, const struct cred *old) {
  const struct cred *c = me();
  if (c->euid != old->euid || c->egid != old->egid || c->fsuid != old->fsuid ||
      c->fsgid != old->fsgid)
    current_proc()->undumpable = true;
  return r;
}

static bool permitted(const struct cred *c) {
  return c->ruid == 0 || c->euid == 0 || c->suid == 0;
}

/* CAP_SETUID / CAP_SETGID in the effective set. */
static bool capable(void) {
  const struct cred *c = me();
  return c->euid == 0 && permitted(c);
}

const struct vfs_cred *fs_cred(void) {
  static struct vfs_cred v;
  const struct cred *c = me();
  v.uid = c->fsuid;
  v.gid = c->fsgid;
  v.privileged = c->fsuid == 0 && permitted(c);
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
  v.privileged = c->ruid == 0; /* access(2): root's caps only for real root */
  return &v;
}

static bool one_of(uint32_t id, uint32_t a, uint32_t b, uint32_t c) {
  return id == a || id == b || id == c;
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

/* setresuid/setresgid's rule: without the capability each new id must be
 * one of the current real, effective or saved ids. */
static long set_res(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs,
                    uint64_t nr, uint64_t ne, uint64_t ns) {
  uint32_t ids[3] = {(uint32_t)nr, (uint32_t)ne, (uint32_t)ns};
  if (!capable())
    for (int i = 0; i < 3; i++)
      if (ids[i] != KEEP && !one_of(ids[i], *r, *e, *s))
        return -EPERM;
  if (ids[0] != KEEP)
    *r = ids[0];
  if (ids[1] != KEEP)
    *e = ids[1];
  if (ids[2] != KEEP)
    *s = ids[2];
  *fs = *e;
  return 0;
}

SYSCALL_DEFINE(setresuid) {
  struct cred *c = me(), old = *c;
  return changed(set_res(&c->ruid, &c->euid, &c->suid, &c->fsuid, a0, a1, a2),
                 &old);
}

SYSCALL_DEFINE(setresgid) {
  struct cred *c = me(), old = *c;
  return changed(set_res(&c->rgid, &c->egid, &c->sgid, &c->fsgid, a0, a1, a2),
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

/* setuid: with the capability all three ids; otherwise only the
 * effective one, to the real or saved id. */
static long set_one(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs,
                    uint64_t id64) {
  uint32_t id = (uint32_t)id64;
  if (id == KEEP)
    return -EINVAL;
  if (capable()) {
    *r = *e = *s = id;
  } else if (id == *r || id == *s) {
    *e = id;
  } else {
    return -EPERM;
  }
  *fs = *e;
  return 0;
}

SYSCALL_DEFINE(setuid) {
  struct cred *c = me(), old = *c;
  return changed(set_one(&c->ruid, &c->euid, &c->suid, &c->fsuid, a0), &old);
}

SYSCALL_DEFINE(setgid) {
  struct cred *c = me(), old = *c;
  return changed(set_one(&c->rgid, &c->egid, &c->sgid, &c->fsgid, a0), &old);
}

/* setreuid: the real id may become the real or effective one, the
 * effective id the real, effective or saved one; the saved id follows the
 * new effective id when the real id is set or the effective id becomes
 * something other than the old real id. */
static long set_re(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs,
                   uint64_t nr64, uint64_t ne64) {
  uint32_t nr = (uint32_t)nr64, ne = (uint32_t)ne64;
  uint32_t old_r = *r;
  bool cap = capable();
  if (nr != KEEP && !cap && nr != *r && nr != *e)
    return -EPERM;
  if (ne != KEEP && !cap && !one_of(ne, *r, *e, *s))
    return -EPERM;
  if (nr != KEEP)
    *r = nr;
  if (ne != KEEP)
    *e = ne;
  if (nr != KEEP || (ne != KEEP && ne != old_r))
    *s = *e;
  *fs = *e;
  return 0;
}

SYSCALL_DEFINE(setreuid) {
  struct cred *c = me(), old = *c;
  return changed(set_re(&c->ruid, &c->euid, &c->suid, &c->fsuid, a0, a1), &old);
}

SYSCALL_DEFINE(setregid) {
  struct cred *c = me(), old = *c;
  return changed(set_re(&c->rgid, &c->egid, &c->sgid, &c->fsgid, a0, a1), &old);
}

/* setfsuid: always returns the old id; changes it when allowed. */
static long set_fs(const uint32_t *r, const uint32_t *e, const uint32_t *s,
                   uint32_t *fs, uint64_t id64) {
  uint32_t old = *fs, id = (uint32_t)id64;
  if (id != KEEP && (capable() || one_of(id, *r, *e, *s) || id == *fs))
    *fs = id;
  return old;
}

SYSCALL_DEFINE(setfsuid) {
  struct cred *c = me(), old = *c;
  return changed(set_fs(&c->ruid, &c->euid, &c->suid, &c->fsuid, a0), &old);
}

SYSCALL_DEFINE(setfsgid) {
  struct cred *c = me(), old = *c;
  return changed(set_fs(&c->rgid, &c->egid, &c->sgid, &c->fsgid, a0), &old);
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
  int64_t n = (int32_t)a0;
  if (n < 0 || n > CRED_NGROUPS_MAX)
    return -EINVAL;
  if (!capable())
    return -EPERM;
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
