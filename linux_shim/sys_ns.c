/* unshare(2) and the namespace part of clone (ns.h). */
#include <linux_shim/ns.h>

#include <libos/fd.h>
#include <libos/fsctx.h>
#include <libos/proc.h>
#include <libos/trace.h>
#include <libos/uts.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

#define CLONE_VM 0x100UL
#define CLONE_FS 0x200UL
#define CLONE_FILES 0x400UL
#define CLONE_SIGHAND 0x800UL
#define CLONE_THREAD 0x10000UL
#define CLONE_SYSVSEM 0x40000UL

long ns_check(uint64_t flags, const char *call) {
  uint64_t ns = flags & (CLONE_NS_FLAGS | CLONE_NEWTIME);
  if (!ns)
    return 0;
  if (!cred_capable(&current_proc()->cred, CAP_SYS_ADMIN))
    return -EPERM;
  if (ns & ~CLONE_NEWUTS) {
    trace_log("%s: namespaces 0x%llx not supported (only CLONE_NEWUTS)", call,
              (unsigned long long)ns);
    return -EINVAL;
  }
  return 0;
}

/* unshare(CLONE_NEWUTS): a private copy of the caller's names;
 * CLONE_FILES and CLONE_FS: private copies of a descriptor table or of
 * root, cwd and umask shared through clone. */
static long ns_apply(struct proc *p, uint64_t flags) {
  if ((flags & CLONE_FILES) && fdtable_unshare(&p->fds))
    return -ENOMEM;
  if ((flags & CLONE_FS) && fsctx_unshare(&p->fs))
    return -ENOMEM;
  if (flags & CLONE_NEWUTS) {
    struct uts_ns *u = uts_copy(p->uts);
    if (!u)
      return -ENOMEM;
    uts_put(p->uts);
    p->uts = u;
  }
  return 0;
}

SYSCALL_DEFINE(unshare) {
  uint64_t f = a0;
  /* ksys_unshare's implied flags. */
  if (f & CLONE_NEWUSER)
    f |= CLONE_THREAD | CLONE_FS;
  if (f & CLONE_VM)
    f |= CLONE_SIGHAND;
  if (f & CLONE_SIGHAND)
    f |= CLONE_THREAD;
  if (f & CLONE_NEWNS)
    f |= CLONE_FS;
  if (f & ~(CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES |
            CLONE_SYSVSEM | CLONE_NS_FLAGS | CLONE_NEWTIME))
    return -EINVAL;
  struct proc *p = current_proc();
  /* Threads, handlers and memory are unshared only when nothing shares
   * them: with one thread there is nothing to do. */
  if ((f & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) && p->nthreads > 1)
    return -EINVAL;
  /* The working directory and descriptor table belong to the process
   * here (a table may be shared with other processes, CLONE_FILES);
   * threads cannot be given their own. */
  if ((f & (CLONE_FS | CLONE_FILES)) && p->nthreads > 1) {
    trace_log("unshare: CLONE_FS/CLONE_FILES in a threaded process");
    return -EINVAL;
  }
  long err = ns_check(f, "unshare");
  return err ? err : ns_apply(p, f);
}
