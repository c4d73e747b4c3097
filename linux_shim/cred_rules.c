/* Linux's id and capability rules on a struct cred (cred_rules.h): the
 * order of checks and the fix-ups are kernel/sys.c's and
 * security/commoncap.c's. */
#include <linux_shim/cred_rules.h>

#include <uapi/errno.h>

/* The file capabilities a filesystem id change moves (CAP_FS_SET). */
#define CAP_FS_SET                                                             \
  (CAP_BIT(CAP_CHOWN) | CAP_BIT(CAP_DAC_OVERRIDE) |                            \
   CAP_BIT(CAP_DAC_READ_SEARCH) | CAP_BIT(CAP_FOWNER) | CAP_BIT(CAP_FSETID) |  \
   CAP_BIT(CAP_LINUX_IMMUTABLE) | CAP_BIT(CAP_MKNOD) |                         \
   CAP_BIT(CAP_MAC_OVERRIDE))

void cred_init_root(struct cred *c) {
  *c = (struct cred){0};
  c->cap_eff = c->cap_perm = c->cap_bset = CAP_FULL_SET;
}

bool cred_capable(const struct cred *c, int cap) {
  return cap >= 0 && cap <= CAP_LAST_CAP && (c->cap_eff & CAP_BIT(cap));
}

static bool one_of(uint32_t id, uint32_t a, uint32_t b, uint32_t c) {
  return id == a || id == b || id == c;
}

/* cap_emulate_setxuid: `old` is the cred before a set*uid call. */
static void fix_setxuid(struct cred *n, const struct cred *old) {
  if (n->securebits & SECBIT_NO_SETUID_FIXUP)
    return;
  bool had_root = one_of(0, old->ruid, old->euid, old->suid);
  bool has_root = one_of(0, n->ruid, n->euid, n->suid);
  if (had_root && !has_root) {
    if (!(n->securebits & SECBIT_KEEP_CAPS))
      n->cap_perm = n->cap_eff = 0;
    n->cap_amb = 0;
  }
  if (old->euid == 0 && n->euid != 0)
    n->cap_eff = 0;
  if (old->euid != 0 && n->euid == 0)
    n->cap_eff = n->cap_perm;
}

/* The filesystem-id fix-up (LSM_SETID_FS). */
static void fix_setfsuid(struct cred *n, uint32_t old_fsuid) {
  if (old_fsuid == 0 && n->fsuid != 0)
    n->cap_eff &= ~CAP_FS_SET;
  if (old_fsuid != 0 && n->fsuid == 0)
    n->cap_eff |= n->cap_perm & CAP_FS_SET;
}

/* The three ids of one kind: user ids or group ids. */
struct ids {
  uint32_t *r, *e, *s, *fs;
};

static struct ids uids(struct cred *c) {
  return (struct ids){&c->ruid, &c->euid, &c->suid, &c->fsuid};
}

static struct ids gids(struct cred *c) {
  return (struct ids){&c->rgid, &c->egid, &c->sgid, &c->fsgid};
}

/* setresuid/setresgid: without the capability each new id must be one of
 * the current real, effective or saved ids. */
static long set_res(struct ids d, bool cap, uint32_t r, uint32_t e,
                    uint32_t s) {
  /* Nothing would change (the filesystem id included): done, allowed or
   * not (Linux 6.x returns before the checks). */
  if ((r == CRED_KEEP || r == *d.r) &&
      (e == CRED_KEEP || (e == *d.e && e == *d.fs)) &&
      (s == CRED_KEEP || s == *d.s))
    return 0;
  uint32_t want[3] = {r, e, s};
  if (!cap)
    for (int i = 0; i < 3; i++)
      if (want[i] != CRED_KEEP && !one_of(want[i], *d.r, *d.e, *d.s))
        return -EPERM;
  if (r != CRED_KEEP)
    *d.r = r;
  if (e != CRED_KEEP)
    *d.e = e;
  if (s != CRED_KEEP)
    *d.s = s;
  *d.fs = *d.e;
  return 0;
}

/* setreuid/setregid: the real id may become the real or effective one,
 * the effective id the real, effective or saved one; the saved id follows
 * the new effective id when the real id is set or the effective id
 * becomes something other than the old real id. */
static long set_re(struct ids d, bool cap, uint32_t r, uint32_t e) {
  if (r != CRED_KEEP && !cap && r != *d.r && r != *d.e)
    return -EPERM;
  if (e != CRED_KEEP && !cap && !one_of(e, *d.r, *d.e, *d.s))
    return -EPERM;
  uint32_t old_r = *d.r;
  if (r != CRED_KEEP)
    *d.r = r;
  if (e != CRED_KEEP)
    *d.e = e;
  if (r != CRED_KEEP || (e != CRED_KEEP && e != old_r))
    *d.s = *d.e;
  *d.fs = *d.e;
  return 0;
}

/* setuid/setgid: with the capability all of real, effective and saved;
 * otherwise only the effective one, to the real or saved id. */
static long set_one(struct ids d, bool cap, uint32_t id) {
  if (id == CRED_KEEP)
    return -EINVAL;
  if (cap)
    *d.r = *d.s = id;
  else if (id != *d.r && id != *d.s)
    return -EPERM;
  *d.e = *d.fs = id;
  return 0;
}

static uint32_t set_fs(struct ids d, bool cap, uint32_t id) {
  uint32_t old = *d.fs;
  if (id != CRED_KEEP && (cap || one_of(id, *d.r, *d.e, *d.s)))
    *d.fs = id;
  return old;
}

long cred_setresuid(struct cred *c, uint32_t r, uint32_t e, uint32_t s) {
  struct cred old = *c;
  long err = set_res(uids(c), cred_capable(c, CAP_SETUID), r, e, s);
  if (!err)
    fix_setxuid(c, &old);
  return err;
}

long cred_setresgid(struct cred *c, uint32_t r, uint32_t e, uint32_t s) {
  return set_res(gids(c), cred_capable(c, CAP_SETGID), r, e, s);
}

long cred_setreuid(struct cred *c, uint32_t r, uint32_t e) {
  struct cred old = *c;
  long err = set_re(uids(c), cred_capable(c, CAP_SETUID), r, e);
  if (!err)
    fix_setxuid(c, &old);
  return err;
}

long cred_setregid(struct cred *c, uint32_t r, uint32_t e) {
  return set_re(gids(c), cred_capable(c, CAP_SETGID), r, e);
}

long cred_setuid(struct cred *c, uint32_t id) {
  struct cred old = *c;
  long err = set_one(uids(c), cred_capable(c, CAP_SETUID), id);
  if (!err)
    fix_setxuid(c, &old);
  return err;
}

long cred_setgid(struct cred *c, uint32_t id) {
  return set_one(gids(c), cred_capable(c, CAP_SETGID), id);
}

uint32_t cred_setfsuid(struct cred *c, uint32_t id) {
  uint32_t old = set_fs(uids(c), cred_capable(c, CAP_SETUID), id);
  fix_setfsuid(c, old);
  return old;
}

uint32_t cred_setfsgid(struct cred *c, uint32_t id) {
  return set_fs(gids(c), cred_capable(c, CAP_SETGID), id);
}

static bool subset(uint64_t a, uint64_t b) {
  return (a & ~b) == 0;
}

long cred_capset(struct cred *c, uint64_t eff, uint64_t perm, uint64_t inh) {
  eff &= CAP_FULL_SET;
  perm &= CAP_FULL_SET;
  inh &= CAP_FULL_SET;
  if (!cred_capable(c, CAP_SETPCAP) && !subset(inh, c->cap_inh | c->cap_perm))
    return -EPERM;
  if (!subset(inh, c->cap_inh | c->cap_bset))
    return -EPERM;
  if (!subset(perm, c->cap_perm))
    return -EPERM;
  if (!subset(eff, perm))
    return -EPERM;
  c->cap_eff = eff;
  c->cap_perm = perm;
  c->cap_inh = inh;
  c->cap_amb &= perm & inh;
  return 0;
}

void cred_exec(struct cred *c) {
  /* SECBIT_NOROOT: uid 0 is just a uid (handle_privileged_root). */
  bool noroot = c->securebits & SECBIT_NOROOT;
  bool root = !noroot && (c->euid == 0 || c->ruid == 0);
  c->cap_perm = root ? (c->cap_bset | c->cap_inh) : c->cap_amb;
  c->cap_eff = !noroot && c->euid == 0 ? c->cap_perm : c->cap_amb;
  c->suid = c->fsuid = c->euid;
  c->sgid = c->fsgid = c->egid;
  c->securebits &= ~SECBIT_KEEP_CAPS;
}

long cred_set_securebits(struct cred *c, uint64_t bits) {
  unsigned old = c->securebits;
  if ((((old & SECBIT_ALL_LOCKS) >> 1) & (old ^ bits)) ||
      (old & SECBIT_ALL_LOCKS & ~bits) ||
      (bits & ~(uint64_t)(SECBIT_ALL_LOCKS | SECBIT_ALL_FLAGS)) ||
      !cred_capable(c, CAP_SETPCAP))
    return -EPERM;
  c->securebits = (unsigned)bits;
  return 0;
}

long cred_ambient(struct cred *c, uint64_t op, uint64_t cap, uint64_t a4,
                  uint64_t a5) {
  if (op == 4) { /* CLEAR_ALL */
    if (cap | a4 | a5)
      return -EINVAL;
    c->cap_amb = 0;
    return 0;
  }
  if (cap > CAP_LAST_CAP || a4 || a5)
    return -EINVAL;
  uint64_t bit = CAP_BIT(cap);
  if (op == 1)
    return (c->cap_amb & bit) != 0;
  if (op != 2 && op != 3)
    return -EINVAL;
  if (op == 2) {
    if (!(c->cap_perm & bit) || !(c->cap_inh & bit) ||
        (c->securebits & SECBIT_NO_CAP_AMBIENT_RAISE))
      return -EPERM;
    c->cap_amb |= bit;
  } else {
    c->cap_amb &= ~bit;
  }
  return 0;
}

long cred_may_attach(const struct cred *c, const struct cred *t,
                     bool target_dumpable) {
  bool ptrace_cap = cred_capable(c, CAP_SYS_PTRACE);
  bool same_ids = c->ruid == t->ruid && c->ruid == t->euid &&
                  c->ruid == t->suid && c->rgid == t->rgid &&
                  c->rgid == t->egid && c->rgid == t->sgid;
  if (!same_ids && !ptrace_cap)
    return -EPERM;
  if (!target_dumpable && !ptrace_cap)
    return -EPERM;
  /* cap_ptrace_access_check: no capability the caller lacks. */
  if (!subset(t->cap_perm, c->cap_perm) && !ptrace_cap)
    return -EPERM;
  return 0;
}
