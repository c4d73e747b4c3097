/*
 * UTS namespaces: the host and domain names a process sees (uname,
 * sethostname, setdomainname). Every process holds a reference to one;
 * fork shares the parent's, unshare(CLONE_NEWUTS) and clone with
 * CLONE_NEWUTS give the caller or the child a private copy, and a
 * process gives its reference back when it ends.
 */
#ifndef LIBOS_UTS_H
#define LIBOS_UTS_H

#define UTS_NAME_MAX 64 /* Linux's __NEW_UTS_LEN: names are at most 64 bytes   \
                         */

struct uts_ns {
  int refs;
  char nodename[UTS_NAME_MAX + 1]; /* always NUL-terminated */
  char domainname[UTS_NAME_MAX + 1];
};

/* The machine's namespace (nodename "kdiff", domainname "(none)"), with a
 * new reference. */
struct uts_ns *uts_initial(void);

/* Another reference to `u` (NULL stays NULL). */
struct uts_ns *uts_get(struct uts_ns *u);

/* Drop a reference; the last one frees a copy (never the initial one). */
void uts_put(struct uts_ns *u);

/* A private copy of `u` with one reference, or NULL when out of memory. */
struct uts_ns *uts_copy(const struct uts_ns *u);

#endif
