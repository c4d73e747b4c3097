/* getrandom(2): the kernel's random bytes (libos/random.h). The pool is
 * "initialised" from boot, so no flag ever waits: GRND_RANDOM and
 * GRND_NONBLOCK only pass the checks Linux makes. */
#include <libos/proc.h>
#include <libos/random.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

#define GRND_NONBLOCK 0x0001u
#define GRND_RANDOM 0x0002u
#define GRND_INSECURE 0x0004u

SYSCALL_DEFINE(getrandom) {
  uint32_t flags = (uint32_t)a2;
  if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) /* an int */
    return -EINVAL;
  if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
    return -EINVAL;
  size_t n = a1 > MAX_RW_COUNT ? MAX_RW_COUNT : (size_t)a1;
  if (!access_ok(a0, n))
    return -EFAULT;
  if (n == 0)
    return 0;
  return random_to_user(current_proc()->mm, a0, n);
}
