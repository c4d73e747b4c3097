/* What the program learns about the system: uname (with the host and
 * domain names of its UTS namespace, libos/uts.h), sethostname,
 * setdomainname, sysinfo and getcpu. */
#include <abi.h>
#include <hal/hal.h>
#include <hal/time.h>
#include <libos/kstring.h>
#include <libos/pmm.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/uts.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/syscall.h>
#include <linux_shim/utsname.h>
#include <uapi/errno.h>

#define UTS_LEN (UTS_NAME_MAX + 1)

struct linux_utsname {
  char sysname[UTS_LEN], nodename[UTS_LEN], release[UTS_LEN], version[UTS_LEN],
      machine[UTS_LEN], domainname[UTS_LEN];
};

static void put(char *field, const char *s) {
  memset(field, 0, UTS_LEN);
  memcpy(field, s, strnlen(s, UTS_LEN - 1));
}

SYSCALL_DEFINE(uname) {
  struct linux_utsname u;
  const struct uts_ns *ns = current_proc()->uts;
  put(u.sysname, UTS_SYSNAME);
  put(u.nodename, ns->nodename);
  put(u.release, UTS_RELEASE);
  put(u.version, UTS_VERSION);
  put(u.machine, LINUX_UNAME_MACHINE);
  put(u.domainname, ns->domainname);
  if (copy_to_user(current_proc()->mm, a0, &u, sizeof u))
    return -EFAULT;
  return 0;
}

/* sethostname/setdomainname: CAP_SYS_ADMIN first, then the length (at
 * most 64 bytes, no NUL needed), then the copy. */
static long set_name(char *field, uint64_t uaddr, uint64_t len64) {
  struct proc *p = current_proc();
  int64_t len = (int32_t)len64;
  if (!cred_capable(&p->cred, CAP_SYS_ADMIN))
    return -EPERM;
  if (len < 0 || len > UTS_NAME_MAX)
    return -EINVAL;
  char tmp[UTS_NAME_MAX];
  if (copy_from_user(p->mm, tmp, uaddr, (size_t)len))
    return -EFAULT;
  memset(field, 0, UTS_LEN);
  memcpy(field, tmp, (size_t)len);
  return 0;
}

SYSCALL_DEFINE(sethostname) {
  return set_name(current_proc()->uts->nodename, a0, a1);
}

SYSCALL_DEFINE(setdomainname) {
  return set_name(current_proc()->uts->domainname, a0, a1);
}

struct linux_sysinfo {
  int64_t uptime;
  uint64_t loads[3];
  uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
  uint16_t procs, pad;
  uint64_t totalhigh, freehigh;
  uint32_t mem_unit;
  char reserved[4];
};
_Static_assert(sizeof(struct linux_sysinfo) == 112, "struct sysinfo");

/* sysinfo: seconds since boot rounded up, no load average (nothing waits
 * for the one CPU long enough to be counted), RAM in bytes (mem_unit 1,
 * as a 64-bit Linux scales it), no swap, and the number of threads. */
SYSCALL_DEFINE(sysinfo) {
  struct linux_sysinfo si;
  memset(&si, 0, sizeof si);
  uint64_t ns = hal_clock_ns();
  si.uptime = (int64_t)(ns / 1000000000 + (ns % 1000000000 != 0));
  si.totalram = (uint64_t)pmm_total_count() * HAL_PAGE_SIZE;
  si.freeram = (uint64_t)pmm_free_count() * HAL_PAGE_SIZE;
  unsigned threads = 0;
  for (struct proc *p = proc_list(); p; p = p->next)
    threads += (unsigned)p->nthreads;
  si.procs = (uint16_t)threads;
  si.mem_unit = 1;
  return copy_to_user(current_proc()->mm, a0, &si, sizeof si) ? -EFAULT : 0;
}

/* One CPU, one NUMA node: both are 0. Either pointer may be NULL; the third
 * argument (a cache) has been ignored by Linux since 2.6.24. */
SYSCALL_DEFINE(getcpu) {
  const uint32_t zero = 0;
  if (a0 && copy_to_user(current_proc()->mm, a0, &zero, sizeof zero))
    return -EFAULT;
  if (a1 && copy_to_user(current_proc()->mm, a1, &zero, sizeof zero))
    return -EFAULT;
  return 0;
}
