/* uname and getcpu: what the program learns about the system. */
#include <abi.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/syscall.h>
#include <linux_shim/utsname.h>
#include <uapi/errno.h>

#define UTS_LEN 65

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
  put(u.sysname, UTS_SYSNAME);
  put(u.nodename, UTS_NODENAME);
  put(u.release, UTS_RELEASE);
  put(u.version, UTS_VERSION);
  put(u.machine, LINUX_UNAME_MACHINE);
  put(u.domainname, UTS_DOMAINNAME);
  if (copy_to_user(current_proc()->mm, a0, &u, sizeof u))
    return -EFAULT;
  return 0;
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
