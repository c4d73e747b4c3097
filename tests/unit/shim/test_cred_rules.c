/* linux_shim/cred_rules.c on the host: the transitions capabilities(7)
 * and credentials(7) describe, case by case, then random sequences of
 * calls checked against invariants that hold whatever the sequence: a
 * failed call changes nothing, effective stays within permitted,
 * permitted never grows, an unprivileged caller only moves between ids it
 * already has, the filesystem id follows the effective one, leaving
 * effective id 0 empties the effective set. */
#include <linux_shim/cred_rules.h>

#include <string.h>
#include <uapi/errno.h>

#include "check.h"

#define K CRED_KEEP
#define FS_CAPS (CAP_BIT(CAP_CHOWN) | CAP_BIT(CAP_DAC_OVERRIDE))

static struct cred root(void) {
  struct cred c;
  cred_init_root(&c);
  return c;
}

static void cases(void) {
  struct cred c = root();
  CHECK(cred_capable(&c, CAP_SETUID) && c.cap_inh == 0);
  CHECK(!cred_capable(&c, CAP_LAST_CAP + 1) && !cred_capable(&c, -1));

  /* euid 0 -> 1000 -> 0: effective emptied, then refilled. */
  CHECK(cred_setresuid(&c, K, 1000, K) == 0);
  CHECK(c.cap_eff == 0 && c.cap_perm == CAP_FULL_SET && c.fsuid == 1000);
  CHECK(cred_setresuid(&c, K, 0, K) == 0 && c.cap_eff == CAP_FULL_SET);

  /* fsuid: only the file capabilities move. */
  CHECK(cred_setfsuid(&c, 1000) == 0);
  CHECK(!(c.cap_eff & FS_CAPS) && cred_capable(&c, CAP_SETUID));
  CHECK(cred_setfsuid(&c, 0) == 1000 && c.cap_eff == CAP_FULL_SET);

  /* All uids nonzero: gone for good. */
  CHECK(cred_setresuid(&c, 1000, 1000, 1000) == 0);
  CHECK(c.cap_perm == 0 && c.cap_eff == 0);
  CHECK(cred_setresuid(&c, 0, K, K) == -EPERM && c.ruid == 1000);
  CHECK(cred_setuid(&c, 0) == -EPERM && cred_setuid(&c, K) == -EINVAL);

  /* keepcaps keeps permitted, not effective. */
  c = root();
  c.securebits = SECBIT_KEEP_CAPS;
  CHECK(cred_setuid(&c, 1000) == 0 && c.suid == 1000);
  CHECK(c.cap_perm == CAP_FULL_SET && c.cap_eff == 0);
  CHECK(cred_capset(&c, c.cap_perm, c.cap_perm, 0) == 0);
  CHECK(cred_setresuid(&c, 0, 0, 0) == 0 && c.cap_eff == CAP_FULL_SET);

  /* setreuid's saved id. */
  c = root();
  CHECK(cred_setresuid(&c, 1000, 2000, 3000) == 0);
  CHECK(cred_setreuid(&c, K, 1000) == 0 && c.suid == 3000);
  CHECK(cred_setreuid(&c, K, 3000) == 0 && c.suid == 3000 && c.euid == 3000);
  CHECK(cred_setreuid(&c, 3000, 1000) == 0 && c.suid == 1000);
  CHECK(cred_setreuid(&c, 2000, K) == -EPERM);

  /* setgid to the current effective gid is refused unprivileged. */
  c = root();
  CHECK(cred_setresgid(&c, 100, 200, 300) == 0);
  c.cap_eff = 0;
  CHECK(cred_setgid(&c, 200) == -EPERM && cred_setgid(&c, 300) == 0);
  CHECK(c.egid == 300 && c.fsgid == 300 && c.rgid == 100);

  /* capset. */
  c = root();
  uint64_t p = CAP_FULL_SET & ~CAP_BIT(CAP_SYS_TIME);
  CHECK(cred_capset(&c, CAP_FULL_SET, p, 0) == -EPERM);
  CHECK(cred_capset(&c, p, p, 0) == 0);
  CHECK(cred_capset(&c, p, CAP_FULL_SET, 0) == -EPERM);
  CHECK(cred_capset(&c, p, p, CAP_BIT(CAP_SYS_TIME)) == 0); /* SETPCAP */
  uint64_t q = p & ~CAP_BIT(CAP_SETPCAP);
  CHECK(cred_capset(&c, q, p, CAP_BIT(CAP_SYS_TIME)) == 0);
  CHECK(cred_capset(&c, q, p, CAP_BIT(CAP_SYS_TIME) | CAP_BIT(CAP_SYSLOG)) ==
        0); /* within permitted */
  CHECK(cred_capset(&c, q, p, 0) == 0);
  CHECK(cred_capset(&c, q, p, CAP_BIT(CAP_SYS_TIME)) == -EPERM);

  /* exec: root gets the bounding set, others only ambient. */
  c = root();
  c.cap_bset &= ~CAP_BIT(CAP_SYS_ADMIN);
  c.securebits = SECBIT_KEEP_CAPS;
  cred_exec(&c);
  CHECK(!cred_capable(&c, CAP_SYS_ADMIN) && cred_capable(&c, CAP_SETUID));
  CHECK(!(c.securebits & SECBIT_KEEP_CAPS));
  CHECK(cred_setresuid(&c, K, 1000, K) == 0);
  cred_exec(&c); /* real root, effective 1000: permitted, not effective */
  CHECK(c.cap_eff == 0 && c.cap_perm != 0 && c.suid == 1000);
  CHECK(cred_setresuid(&c, 1000, K, K) == 0);
  cred_exec(&c);
  CHECK(c.cap_perm == 0 && c.cap_eff == 0);

  /* pidfd_getfd's ptrace_may_access: root reaches anyone; a user only a
   * dumpable process of its own ids holding no capability it lacks. */
  struct cred r = root(), u = root(), v;
  CHECK(cred_setresuid(&u, 1000, 1000, 1000) == 0);
  CHECK(cred_may_attach(&r, &u, false) == 0);
  CHECK(cred_may_attach(&u, &r, true) == -EPERM); /* other ids */
  v = u;
  CHECK(cred_may_attach(&u, &v, true) == 0);
  CHECK(cred_may_attach(&u, &v, false) == -EPERM); /* not dumpable */
  v.cap_perm = CAP_BIT(CAP_KILL);
  CHECK(cred_may_attach(&u, &v, true) == -EPERM); /* more capabilities */
  v = u;
  v.suid = 2000; /* a saved id the caller's real one is not */
  CHECK(cred_may_attach(&u, &v, true) == -EPERM);
}

static unsigned long long rng = 88172645463325252ULL;

static unsigned rnd(unsigned n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

static uint32_t some_id(void) {
  static const uint32_t ids[] = {0, 1, 1000, 2000, K};
  return ids[rnd(5)];
}

static bool has(uint32_t id, uint32_t a, uint32_t b, uint32_t c) {
  return id == a || id == b || id == c;
}

static void random_sequences(void) {
  for (int run = 0; run < 2000; run++) {
    struct cred c = root();
    c.securebits = rnd(4) == 0 ? SECBIT_KEEP_CAPS : 0;
    for (int step = 0; step < 30; step++) {
      struct cred o = c;
      bool cap = cred_capable(&o, CAP_SETUID);
      uint32_t a = some_id(), b = some_id(), d = some_id();
      int op = (int)rnd(6);
      long r = 0;
      switch (op) {
      case 0:
        r = cred_setresuid(&c, a, b, d);
        break;
      case 1:
        r = cred_setreuid(&c, a, b);
        break;
      case 2:
        r = cred_setuid(&c, a);
        break;
      case 3:
        r = cred_setfsuid(&c, a) == o.fsuid ? 0 : -1;
        break;
      case 4:
        r = cred_capset(&c, o.cap_eff & ~CAP_BIT(rnd(41)), o.cap_perm,
                        o.cap_inh);
        break;
      default:
        r = cred_setresgid(&c, a, b, d);
        break;
      }
      CHECK(r == 0 || r == -EPERM || r == -EINVAL);
      if (r != 0)
        CHECK(memcmp(&c, &o, sizeof c) == 0);
      CHECK((c.cap_eff & ~c.cap_perm) == 0);
      CHECK((c.cap_perm & ~o.cap_perm) == 0);
      if (r == 0 && op <= 2 && !cap) {
        CHECK(has(c.ruid, o.ruid, o.euid, o.suid));
        CHECK(has(c.euid, o.ruid, o.euid, o.suid));
        CHECK(has(c.suid, o.ruid, o.euid, o.suid));
      }
      /* (A call that changes nothing returns early, fsuid and all.) */
      bool changed = memcmp(&c, &o, sizeof c) != 0;
      if (r == 0 && op <= 2 && changed)
        CHECK(c.fsuid == c.euid);
      if (!has(0, c.ruid, c.euid, c.suid) && !(c.securebits & SECBIT_KEEP_CAPS))
        CHECK(c.cap_perm == 0);
      /* (A later setfsuid(0) may raise the file ones again.) */
      if (o.euid == 0 && c.euid != 0 && op <= 2 && r == 0)
        CHECK(c.cap_eff == 0);
    }
  }
}

/* PR_SET_SECUREBITS's lock rules and PR_CAP_AMBIENT's invariant. */
static void securebits_and_ambient(void) {
  struct cred c;
  cred_init_root(&c);
  CHECK(cred_set_securebits(&c, 1u << 12) == -EPERM); /* unknown bit */
  CHECK(cred_set_securebits(&c, SECBIT_KEEP_CAPS | (SECBIT_KEEP_CAPS << 1)) ==
        0);
  CHECK(cred_set_securebits(&c, SECBIT_KEEP_CAPS << 1) == -EPERM); /* flag */
  CHECK(cred_set_securebits(&c, SECBIT_KEEP_CAPS) == -EPERM);      /* lock */
  CHECK(cred_set_securebits(&c, SECBIT_KEEP_CAPS | (SECBIT_KEEP_CAPS << 1) |
                                    SECBIT_NOROOT) == 0);
  c.cap_eff &= ~CAP_BIT(CAP_SETPCAP);
  CHECK(cred_set_securebits(&c, c.securebits) == -EPERM);

  cred_init_root(&c);
  CHECK(cred_ambient(&c, 2, 13, 0, 0) == -EPERM); /* not inheritable */
  CHECK(cred_capset(&c, c.cap_eff, c.cap_perm, CAP_BIT(13)) == 0);
  CHECK(cred_ambient(&c, 2, 13, 0, 0) == 0 && cred_ambient(&c, 1, 13, 0, 0));
  CHECK(cred_ambient(&c, 1, CAP_LAST_CAP + 1, 0, 0) == -EINVAL);
  CHECK(cred_ambient(&c, 4, 1, 0, 0) == -EINVAL);
  CHECK(cred_capset(&c, c.cap_eff, c.cap_perm, 0) == 0);
  CHECK(cred_ambient(&c, 1, 13, 0, 0) == 0); /* went with inheritable */
  CHECK(cred_capset(&c, c.cap_eff, c.cap_perm, CAP_BIT(13)) == 0);
  c.securebits = SECBIT_NO_CAP_AMBIENT_RAISE;
  CHECK(cred_ambient(&c, 2, 13, 0, 0) == -EPERM);
  /* NOROOT: root's execve gets only the ambient set. */
  c.securebits = SECBIT_NOROOT;
  c.cap_amb = 0;
  cred_exec(&c);
  CHECK(c.cap_perm == 0 && c.cap_eff == 0);
}

int main(void) {
  cases();
  securebits_and_ambient();
  random_sequences();
  return check_done("cred_rules");
}
