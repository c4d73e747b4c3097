/*
 * A process's identity (credentials(7), capabilities(7)) as data: real,
 * effective, saved and filesystem ids, the supplementary groups, and the
 * capability sets as 64-bit masks (bit n is capability n). The rules that
 * change them are linux_shim/cred_rules.h's; the file layer reads them
 * through fs_cred() (linux_shim/fsarg.h).
 */
#ifndef LIBOS_CRED_H
#define LIBOS_CRED_H

#include <stdbool.h>
#include <stdint.h>

#define CRED_NGROUPS_MAX 65536 /* Linux's NGROUPS_MAX */
#define CRED_GROUPS_KEPT 64    /* kept inline; more is ENOMEM here */

struct cred {
  uint32_t ruid, euid, suid, fsuid;
  uint32_t rgid, egid, sgid, fsgid;
  uint64_t cap_eff, cap_perm, cap_inh, cap_bset, cap_amb;
  unsigned securebits; /* prctl's SECURE_* bits and locks (cred_rules.h) */
  unsigned ngroups;
  uint32_t groups[CRED_GROUPS_KEPT];
};

#endif
